from __future__ import annotations

import datetime as dt

from django import forms

from rekindle.goals.content import values_list
from rekindle.goals.models import MAX_VALUES, NOTE_MAX, STEP_MAX, TITLE_MAX, VALUE_NAME_MAX

DATE_ERRORS = {"required": "Pick a date.", "invalid": "That doesn't look like a date. Try one like 2027-03-01."}
FIRST_STEPS = 3


def _date_input(today: dt.date | None = None, **attrs):
    if today is not None:
        attrs["min"] = today.isoformat()
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class ValuesForm(forms.Form):
    values = forms.MultipleChoiceField(
        label=f"Pick up to {MAX_VALUES} that matter most to you",
        required=False,
        choices=lambda: [(v.key, v.name) for v in values_list().values],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the values listed."},
    )
    own_1 = forms.CharField(label="A value of your own (optional)", required=False, max_length=VALUE_NAME_MAX,
                            error_messages={"max_length": f"Please keep a value to {VALUE_NAME_MAX} characters."})
    own_2 = forms.CharField(label="Another of your own (optional)", required=False, max_length=VALUE_NAME_MAX,
                            error_messages={"max_length": f"Please keep a value to {VALUE_NAME_MAX} characters."})

    def own_values(self) -> list[str]:
        return [self.cleaned_data.get("own_1", ""), self.cleaned_data.get("own_2", "")]


class GoalForm(forms.Form):
    title = forms.CharField(
        label="What are you aiming for?",
        help_text="Specific is easier: “walk together three evenings a week”, “save for a trip to Lisbon”.",
        max_length=TITLE_MAX,
        error_messages={"required": "Say what you're aiming for, like “walk together three evenings a week”.",
                        "max_length": f"Please keep it to {TITLE_MAX} characters. The note has room for more."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    value_name = forms.CharField(
        label="Which value does it serve?",
        max_length=VALUE_NAME_MAX,
        error_messages={"required": "Name the value it serves — pick one of yours or write your own.",
                        "max_length": f"Please keep the value to {VALUE_NAME_MAX} characters."},
        widget=forms.TextInput(attrs={"list": "value-suggestions", "autocomplete": "off"}),
    )
    shared = forms.TypedChoiceField(
        label="Whose goal is it?",
        choices=[("yes", "Ours — we both own it"), ("no", "Mine — my partner can follow and cheer me on")],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it's a goal for both of you or your own."},
    )
    target_on = forms.DateField(label="Reach it by", error_messages=DATE_ERRORS)
    note = forms.CharField(label="A note (optional)", required=False, max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"max_length": f"Please keep the note to {NOTE_MAX} characters."})
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, today: dt.date, editing: bool = False, solo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_on"].widget = _date_input(None if editing else today)
        if editing or solo:
            del self.fields["shared"]
        if not editing:
            for n in range(1, FIRST_STEPS + 1):
                self.fields[f"step_{n}_title"] = forms.CharField(
                    label=f"Step {n}", required=False, max_length=STEP_MAX,
                    error_messages={"max_length": f"Please keep a step to {STEP_MAX} characters."})
                self.fields[f"step_{n}_due"] = forms.DateField(
                    label=f"Step {n} by (optional)", required=False, widget=_date_input(today),
                    error_messages=DATE_ERRORS)

    def steps(self) -> list[tuple[str, dt.date | None]]:
        return [(self.cleaned_data.get(f"step_{n}_title", ""), self.cleaned_data.get(f"step_{n}_due"))
                for n in range(1, FIRST_STEPS + 1)]

    def step_rows(self):
        return [(self[f"step_{n}_title"], self[f"step_{n}_due"]) for n in range(1, FIRST_STEPS + 1)
                if f"step_{n}_title" in self.fields]

    def main_fields(self):
        return [self[name] for name in ("title", "value_name", "shared", "target_on", "note") if name in self.fields]


class StepForm(forms.Form):
    title = forms.CharField(label="A next step", max_length=STEP_MAX,
                            error_messages={"required": "Say what the step is — small and doable.",
                                            "max_length": f"Please keep a step to {STEP_MAX} characters."})
    due_on = forms.DateField(label="By (optional)", required=False, error_messages=DATE_ERRORS)

    def __init__(self, *args, today: dt.date, earliest: dt.date | None = None, **kwargs):
        """`earliest`: a date already set may stay, even once it has passed."""
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget = _date_input(min(today, earliest or today))


class LetGoForm(forms.Form):
    why = forms.CharField(label="A line on why you're letting it go", max_length=NOTE_MAX,
                          error_messages={"required": "A line on why helps you both remember — a few words is enough.",
                                          "max_length": f"Please keep it to {NOTE_MAX} characters."})
