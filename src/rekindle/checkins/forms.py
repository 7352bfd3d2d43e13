from __future__ import annotations

from django import forms

from rekindle.checkins.models import LINE_MAX
from rekindle.checkins.services import ITEM_PROMPTS, REPLY_MAX
from rekindle.lib.forms import SubmittedOnce


def _line(label: str, help_text: str, item: str, limit: int = LINE_MAX) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        error_messages={
            "required": ITEM_PROMPTS.get(item, "Please write a few words."),
            "max_length": f"Please keep it under {limit} characters. A line or two is plenty.",
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckInForm(forms.Form):
    rose = _line("Rose", "One good thing from today.", "rose")
    bud = _line("Bud", "One thing you're looking forward to.", "bud")
    thorn = _line("Thorn", "One small thing that was hard.", "thorn")
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        max_length=LINE_MAX,
        error_messages={
            "required": "Write a few words about how it sounded to you.",
            "max_length": f"Please keep it under {LINE_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"placeholder": "It sounds like you felt…", "autocomplete": "off"}),
    )


class AppreciationForm(SubmittedOnce):
    text = forms.CharField(
        label="One thing I appreciated about you today",
        help_text="Be specific: what they did, and what it says about them.",
        max_length=LINE_MAX,
        error_messages={
            "required": "Write what they did, and what it says about them.",
            "max_length": f"Please keep it under {LINE_MAX} characters.",
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=REPLY_MAX,
        error_messages={
            "required": "Write a short reply.",
            "max_length": f"Please keep replies under {REPLY_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"placeholder": "That meant a lot…", "autocomplete": "off"}),
    )
