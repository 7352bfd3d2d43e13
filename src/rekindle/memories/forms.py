from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxLengthValidator

from rekindle.lib.forms import SubmittedOnce
from rekindle.memories.models import LINE_MAX, NOTE_MAX, PHOTOS_MAX, PLACE_MAX, TEXT_MAX, TITLE_MAX, WIN_MAX, Memory
from rekindle.memories.when import parse_roughly
from rekindle.together.forms import FocusesFirstError

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,image/gif,.heic,.heif"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once; each is checked properly by the service (`photos.clean_photo`)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": ACCEPT, "multiple": True})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > PHOTOS_MAX:
            raise forms.ValidationError(f"A memory holds up to {PHOTOS_MAX} photos — pick {PHOTOS_MAX} or fewer.")
        if self.required and not files:
            raise forms.ValidationError("Choose one or more photos first.")
        return files


def _date_widget(today: dt.date | None) -> forms.DateInput:
    attrs = {"type": "date"}
    if today:
        attrs["max"] = today.isoformat()
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


class MemoryForm(FocusesFirstError):
    title = forms.CharField(
        label="What was it?",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Give it a short title, like “The first night in the new flat”.",
            "max_length": f"Please keep the title to {TITLE_MAX} characters. The lines below have room for more.",
        },
        widget=forms.TextInput(attrs={"placeholder": "Our first night in the new flat", "autocomplete": "off"}),
    )
    date = forms.DateField(
        label="The day",
        required=False,
        error_messages={"invalid": "That doesn't look like a date. Try one like 2019-07-14."},
    )
    roughly = forms.CharField(
        label="Or roughly when",
        required=False,
        max_length=40,
        help_text="If you don't remember the day: “summer 2019”, “July 2019” or just “2019”.",
        widget=forms.TextInput(attrs={"placeholder": "summer 2019", "autocomplete": "off"}),
    )
    place = forms.CharField(
        label="Where (optional)",
        required=False,
        max_length=PLACE_MAX,
        error_messages={"max_length": f"Please keep the place to {PLACE_MAX} characters."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    text = forms.CharField(
        label="A few lines (optional)",
        required=False,
        max_length=TEXT_MAX,
        help_text="What happened, what it felt like, what you still smile about.",
        error_messages={"max_length": f"Please keep it to {TEXT_MAX} characters."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, today: dt.date | None = None, title_max: int = TITLE_MAX, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if title_max != TITLE_MAX:  # a small win's line is its title, and may be longer
            title = self.fields["title"]
            title.max_length, title.validators = title_max, [MaxLengthValidator(title_max)]
            title.widget.attrs["maxlength"] = str(title_max)
            title.error_messages["max_length"] = f"Please keep it to {title_max} characters."
        self.fields["date"].widget = _date_widget(today)

    def clean(self):
        data = super().clean()
        day, roughly = data.get("date"), (data.get("roughly") or "").strip()
        if "date" in self.errors:
            return data
        if day:
            data["when"] = (day, Memory.DAY)
        elif roughly:
            parsed = parse_roughly(roughly)
            if parsed is None:
                self.add_error("roughly", "We couldn't read that. Try “summer 2019”, “July 2019” or “2019”.")
            else:
                data["when"] = parsed
        else:
            self.add_error("date", "Pick the day — or, below, say roughly when, like “summer 2019”.")
        return data


class NewMemoryForm(MemoryForm, SubmittedOnce):
    photos = PhotosField(
        label=f"Photos (optional, up to {PHOTOS_MAX})",
        help_text="Straight from your phone is fine, HEIC too. Where a photo was taken is removed before it's saved.",
    )


class PhotosForm(forms.Form):
    photos = PhotosField(label="Choose photos", required=True, help_text="Where a photo was taken is removed before it's saved.")


class WinForm(FocusesFirstError, SubmittedOnce):
    text = forms.CharField(
        label="A small win, in one line",
        max_length=WIN_MAX,
        error_messages={
            "required": "Write the small win in a line — “we laughed about the burnt toast”.",
            "max_length": f"Please keep it to one line — {WIN_MAX} characters at most.",
        },
        widget=forms.TextInput(attrs={"placeholder": "We laughed about the burnt toast", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="win-%s", **kwargs)


class LineForm(FocusesFirstError):
    text = forms.CharField(
        label="What I remember",
        required=False,
        max_length=LINE_MAX,
        help_text="Your own line on this memory. Leave it empty to take yours away.",
        error_messages={"max_length": f"Please keep your line to {LINE_MAX} characters."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="line-%s", **kwargs)


class NoteForm(FocusesFirstError, SubmittedOnce):
    text = forms.CharField(
        label="A note for yourself",
        max_length=NOTE_MAX,
        help_text="Only you can read this — not your partner, not in their export, not in any news.",
        error_messages={
            "required": "Write something first — it's only for you.",
            "max_length": f"A note can hold {NOTE_MAX} characters. Split it into two?",
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
