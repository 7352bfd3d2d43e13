from __future__ import annotations

from django import forms

from rekindle.programs.content import touch_tags
from rekindle.programs.models import NOTE_MAX


class MarkForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="A line for your partner (optional)",
        required=False,
        max_length=NOTE_MAX,
        error_messages={"max_length": f"Please keep the note under {NOTE_MAX} characters — one line is plenty."},
    )


class TouchForm(forms.Form):
    skip = forms.MultipleChoiceField(
        label="Kinds of touch I'd rather skip for now",
        required=False,
        choices=lambda: list(touch_tags().items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Activities with these are swapped for a gentler one, for both of you.",
    )


class ClosingForm(forms.Form):
    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": "A few words is enough.", "max_length": "Please keep it under 1000 characters."},
            )

    def answers(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.fields]
