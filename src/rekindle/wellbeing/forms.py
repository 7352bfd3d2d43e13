from __future__ import annotations

from django import forms

from rekindle.wellbeing.content import questionnaire
from rekindle.wellbeing.models import LINE_MAX, NOTE_MAX, PLAN_MAX, SelfCareLookBack


def _long(limit: int) -> dict:
    return {"max_length": f"Please keep it to {limit} characters."}


class PlanForm(forms.Form):
    recharges = forms.CharField(
        label="What recharges me", required=False, max_length=PLAN_MAX, error_messages=_long(PLAN_MAX),
        help_text="Things that give you energy back: a run, an hour with a book, a call with a friend.",
        widget=forms.Textarea(attrs={"rows": 3}))
    needs = forms.CharField(
        label="What I need this season", required=False, max_length=PLAN_MAX, error_messages=_long(PLAN_MAX),
        help_text="More sleep, time alone, help with something, a slower week.",
        widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SelfCareGoalForm(forms.Form):
    text = forms.CharField(
        label="A small goal for me", max_length=LINE_MAX,
        error_messages={"required": "Say what you'd like to do for yourself, like “a walk alone on Saturday morning”.",
                        **_long(LINE_MAX)},
        widget=forms.TextInput(attrs={"autocomplete": "off"}))


class LookBackForm(forms.Form):
    answer = forms.ChoiceField(
        label="Did I look after myself this week?", choices=SelfCareLookBack.ANSWERS, widget=forms.RadioSelect,
        error_messages={"required": "Choose the answer that fits this week best."})
    note = forms.CharField(label="A line for yourself (optional)", required=False, max_length=NOTE_MAX,
                           error_messages=_long(NOTE_MAX))


class CareQuestionsForm(forms.Form):
    """Every statement rated on its own scale, then "what it looks like for me" for each way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        q = questionnaire()
        choices = [(str(n), label) for n, label in enumerate(q.scale, start=1)]
        for question in q.questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text, choices=choices, coerce=int, widget=forms.RadioSelect,
                help_text=question.why,
                error_messages={"required": "Choose how much this one is true for you."})
        for way in q.ways:
            self.fields[f"example_{way.key}"] = forms.CharField(
                label=f"{way.label}: what it looks like for me (optional)", required=False, max_length=NOTE_MAX,
                error_messages=_long(NOTE_MAX), widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def sections(self):
        q = questionnaire()
        return [(way, [self[question.key] for question in q.questions_for(way.key)], self[f"example_{way.key}"])
                for way in q.ways]

    def ratings(self) -> dict:
        return {question.key: self.cleaned_data.get(question.key) for question in questionnaire().questions}

    def examples(self) -> dict:
        return {way.key: self.cleaned_data.get(f"example_{way.key}", "") for way in questionnaire().ways}


class CardForm(forms.Form):
    ways = forms.MultipleChoiceField(
        label="Ways my card shows", required=False, widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(way.key, way.label) for way in questionnaire().ways],
        error_messages={"invalid_choice": "Choose from the five ways listed."})
    show_examples = forms.BooleanField(label="Show what each looks like for me, in my words", required=False)
    show_touch = forms.BooleanField(label="Show the kinds of touch I'd rather skip for now", required=False)
    note = forms.CharField(label="Anything else you'd like your partner to know (optional)", required=False,
                           max_length=NOTE_MAX, error_messages=_long(NOTE_MAX))
