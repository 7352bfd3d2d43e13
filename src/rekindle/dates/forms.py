from __future__ import annotations

from django import forms

from rekindle.dates.models import ALARMS, LINE_MAX, PLACE_MAX, REPEATS, TITLE_MAX

DURATIONS = [
    (30, "Half an hour"),
    (60, "An hour"),
    (90, "An hour and a half"),
    (120, "Two hours"),
    (180, "Three hours"),
    (240, "Four hours"),
    (360, "Half a day"),
    (720, "A whole day"),
    (1440, "Overnight (a day and a night)"),
    (2880, "A weekend (two days)"),
]

# Starting points for rituals: (title, repeat, duration, what it is).
RITUALS = [
    ("Our weekly meeting (State of the Union)", "weekly", 60, "Half an hour to an hour, same time each week."),
    ("Date night", "weekly", 180, "An evening that's just for the two of you."),
    ("Sunday walk", "weekly", 60, "Side by side, phones in pockets."),
    ("Something new together", "monthly", 180, "Once a month, a thing neither of you has tried."),
]


class PlanForm(forms.Form):
    title = forms.CharField(
        label="What", max_length=TITLE_MAX + 50, help_text="For example: cooking a destination dinner.",
        error_messages={"required": "Say what you'd like to do — “a walk by the river” is plenty."},
    )
    place = forms.CharField(label="Where (optional)", required=False, max_length=PLACE_MAX + 50)
    day = forms.DateField(
        label="Day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Pick the day.", "invalid": "Enter a date like 2027-03-12."},
    )
    time = forms.TimeField(
        label="Time (yours)", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Pick a time, like 19:00.", "invalid": "Enter a time like 19:00."},
    )
    duration_minutes = forms.IntegerField(
        label="How long", widget=forms.Select(choices=DURATIONS), initial=120,
        error_messages={"required": "Choose how long it will take.", "invalid": "Choose how long it will take."},
    )
    repeat = forms.CharField(label="How often", required=False, widget=forms.Select(choices=REPEATS))
    repeat_until = forms.DateField(
        label="Until (optional)", required=False, help_text="Leave empty to keep it going until you stop it.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date like 2027-06-30."},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    idea_id = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    bucket_item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    meeting_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "place", "day", "time", "duration_minutes", "repeat", "repeat_until")
        return {name: data.get(name) for name in names}


class AfterLineForm(forms.Form):
    text = forms.CharField(
        label="How was it? One line", required=False, max_length=LINE_MAX + 50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    occurred_on = forms.DateField(widget=forms.HiddenInput)


class FeedSettingsForm(forms.Form):
    alarm_minutes = forms.TypedChoiceField(
        label="Remind me", choices=[("" if m is None else m, label) for m, label in ALARMS], coerce=int,
        empty_value=None, required=False,
    )
    show_detail = forms.BooleanField(
        label="Show what and where in my calendar", required=False,
        help_text="Off, each plan just says “Time together” — handy if others can see your calendar.",
    )


def duration_label(minutes: int) -> str:
    """'Two hours', or '1 h 45 min' for a length not on the list."""
    named = dict(DURATIONS)
    if minutes in named:
        return named[minutes]
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if part)
