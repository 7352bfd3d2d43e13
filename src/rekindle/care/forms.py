from __future__ import annotations

from django import forms

from rekindle.care.questions import safety_check
from rekindle.care.resources import country_choices

YES_NO = [("no", "No"), ("yes", "Yes")]


class SafetyCheckForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in safety_check()["questions"]:
            self.fields[question["key"]] = forms.ChoiceField(
                label=question["text"],
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Please choose yes or no. Every answer stays private."},
            )

    def answers(self) -> dict[str, bool]:
        return {key: value == "yes" for key, value in self.cleaned_data.items()}


class CountryForm(forms.Form):
    country = forms.ChoiceField(label="Show help for", choices=country_choices)
