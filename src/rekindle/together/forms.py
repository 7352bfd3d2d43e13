from __future__ import annotations

import datetime as dt

from django import forms

from rekindle.lib.forms import SubmittedOnce
from rekindle.together.content import COSTS, PLACES, TIMES
from rekindle.together.models import MEMORY_MAX, NOTE_MAX, TITLE_MAX

PICK_FROM_LIST = {"invalid_choice": "Pick one of the options in the list."}


class IdeaFilterForm(forms.Form):
    place = forms.ChoiceField(
        label="Where", required=False, choices=[("", "Anywhere"), *PLACES.items()], error_messages=PICK_FROM_LIST
    )
    cost = forms.ChoiceField(
        label="Cost", required=False, choices=[("", "Any cost"), *COSTS.items()], error_messages=PICK_FROM_LIST
    )
    time = forms.ChoiceField(
        label="Time", required=False, choices=[("", "Any length"), *TIMES.items()], error_messages=PICK_FROM_LIST
    )
    new_to_both = forms.BooleanField(label="Only things new to both of us", required=False)

    def filters(self) -> dict:
        """The filters that are valid; a wrong value is left out (and shown at its field)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class FocusesFirstError(forms.Form):
    """After an htmx swap, focus moves to the first field that needs a look (see rekindle.js)."""

    def add_error(self, field, error):
        super().add_error(field, error)
        first = next((name for name in self.fields if name in self.errors), None)
        for name, form_field in self.fields.items():
            if name == first:
                form_field.widget.attrs["data-focus-after-swap"] = ""
            else:
                form_field.widget.attrs.pop("data-focus-after-swap", None)


class BucketItemForm(FocusesFirstError, SubmittedOnce):
    title = forms.CharField(
        label="Something you'd love to do together",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Give it a short name, like “Try the new noodle bar”.",
            "max_length": f"Please keep the name to {TITLE_MAX} characters. The note has room for more.",
        },
        widget=forms.TextInput(attrs={"placeholder": "Try the new noodle bar", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label="A note (optional)",
        help_text="Where, when, or why it appeals.",
        required=False,
        max_length=NOTE_MAX,
        error_messages={"max_length": f"Please keep the note to {NOTE_MAX} characters."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MarkDoneForm(FocusesFirstError):
    """Marking one item done; ids carry the item's number so many can share a page."""

    done_on = forms.DateField(
        label="When did you do it?",
        error_messages={"required": "Pick the day you did it.", "invalid": "That doesn't look like a date. Try one like 2025-05-03."},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    memory = forms.CharField(
        label="One line about how it went",
        required=False,
        max_length=MEMORY_MAX,
        error_messages={"max_length": f"Please keep it to one line — {MEMORY_MAX} characters at most."},
        widget=forms.TextInput(attrs={"placeholder": "We laughed the whole way home…", "autocomplete": "off"}),
    )

    def __init__(self, *args, item_id: int, today: dt.date, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("done_on", today)
        super().__init__(*args, auto_id=f"done-{item_id}-%s", **kwargs)
        self.fields["done_on"].widget.attrs["max"] = today.isoformat()
