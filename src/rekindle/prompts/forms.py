from __future__ import annotations

from django import forms

from rekindle.prompts.content import TEXT_MAX
from rekindle.prompts.models import ANSWER_MAX


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        help_text="Just for you to write; talking about it comes after.",
        max_length=ANSWER_MAX,
        error_messages={
            "required": "Write a few words: a sentence or two is plenty.",
            "max_length": f"Please keep it to {ANSWER_MAX} characters. The rest can be said out loud.",
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CustomPromptForm(forms.Form):
    text = forms.CharField(
        label="A question of your own",
        help_text="Open questions work best: “What…”, “How…”, “When did you last…”.",
        max_length=TEXT_MAX,
        error_messages={
            "required": "Write the question you'd like to ask each other.",
            "max_length": f"Please keep questions to {TEXT_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
