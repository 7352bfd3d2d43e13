from __future__ import annotations

from django import forms

DRAFT_MAX = 5000


class DraftForm(forms.Form):
    text = forms.CharField(
        label="What you want to raise",
        help_text="Write it the way it comes out. The helper points out words that may land harder than you mean.",
        max_length=DRAFT_MAX,
        error_messages={
            "required": "Write a few words first — whatever is on your mind.",
            "max_length": (
                f"That's more than {DRAFT_MAX:,} characters, so the helper can't read it all. "
                "Everything you wrote is still here: try keeping just the one thing that matters most today."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "true"}),
    )
