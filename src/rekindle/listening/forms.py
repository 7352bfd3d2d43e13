from __future__ import annotations

from django import forms

from rekindle.listening.models import (
    PAUSE_MINUTES,
    TOPIC_MAX,
    TURN_SECONDS,
    TURN_SECONDS_DEFAULT,
    WORDS_MAX,
    ListeningSession,
)


def turn_label(seconds: int) -> str:
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


TURN_CHOICES = [(s, turn_label(s)) for s in TURN_SECONDS]
PAUSE_CHOICES = [(m, f"{m} minutes") for m in PAUSE_MINUTES]


class StartForm(forms.Form):
    topic = forms.CharField(
        label="What would you like to talk about?",
        help_text="One topic at a time. Name it gently: “how we share the evenings”, not “your phone”.",
        max_length=TOPIC_MAX,
        error_messages={
            "required": "Name the topic in a few words.",
            "max_length": f"Please keep the topic under {TOPIC_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_speaker = forms.ChoiceField(
        label="Who speaks first?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who speaks first.", "invalid_choice": "Choose who speaks first."},
    )
    turn_seconds = forms.TypedChoiceField(
        label="Length of each turn",
        help_text="A gentle guide, not a buzzer. You can change it as you go.",
        choices=TURN_CHOICES,
        coerce=int,
        initial=TURN_SECONDS_DEFAULT,
        error_messages={"invalid_choice": "Choose one of the turn lengths on the list."},
    )
    mode = forms.ChoiceField(
        label="How are you sitting?",
        choices=ListeningSession.Mode.choices,
        initial=ListeningSession.Mode.TWO_PHONES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one phone or two.", "invalid_choice": "Choose one phone or two."},
    )
    parked_topic = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, couple, **kwargs):
        super().__init__(*args, **kwargs)
        partner = couple.partner.display_name if couple.partner else "Your partner"
        self.fields["first_speaker"].choices = [("me", f"Me ({couple.me.display_name})"), ("partner", partner)]
        self.fields["first_speaker"].initial = "me"


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note for you both",
        help_text="Something to remember, kept with this conversation and shared with both of you.",
        max_length=WORDS_MAX,
        error_messages={
            "required": "Write the note first — a few words is enough.",
            "max_length": f"Please keep notes under {WORDS_MAX} characters.",
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SettingsForm(forms.Form):
    turn_seconds = forms.TypedChoiceField(label="Length of each turn", choices=TURN_CHOICES, coerce=int)
    mode = forms.ChoiceField(label="Phones", choices=ListeningSession.Mode.choices, widget=forms.RadioSelect)


class PauseForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label="How long apart?",
        choices=PAUSE_CHOICES,
        coerce=int,
        required=False,
        initial=PAUSE_MINUTES[0],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose 20, 30, 45 or 60 minutes, or a time."},
    )
    until = forms.TimeField(
        label="Or come back at a time",
        help_text="At least 20 minutes from now, by your clock.",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time like 21:30."},
    )
    topic = forms.CharField(
        label="What were you talking about? (optional)",
        help_text="It goes on your parked topics, so it isn't dropped.",
        max_length=TOPIC_MAX,
        required=False,
        error_messages={"max_length": f"Please keep the topic under {TOPIC_MAX} characters."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("until") is None and data.get("minutes") in (None, ""):
            self.add_error("minutes", "Choose how long to take apart: 20, 30, 45 or 60 minutes, or a time.")
        return data
