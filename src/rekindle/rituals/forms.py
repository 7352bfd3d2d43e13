from __future__ import annotations

from django import forms

from rekindle.rituals.models import LONG_MAX, TEXT_MAX


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label="I will…", max_length=TEXT_MAX,
        help_text="Small and concrete works best: “be on time for our Sunday talk”.",
        error_messages={"required": "Say what you will do — small and concrete.",
                        "max_length": f"Please keep it under {TEXT_MAX} characters."},
    )
    due_on = forms.DateField(
        label="…by", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Choose the date you'll do it by.", "invalid": "Enter a date like 2026-11-28."},
    )


class NotKeptForm(forms.Form):
    alternative = forms.CharField(
        label="What I'll do instead", max_length=TEXT_MAX,
        help_text="Owning a missed promise and offering something else is how trust grows back.",
        error_messages={"required": "Offer something else you can do instead."},
    )


class ExperimentForm(forms.Form):
    title = forms.CharField(label="What will you try?", max_length=120,
                            help_text="For example: no phones at dinner.",
                            error_messages={"required": "Name what you'll try."})
    plan = forms.CharField(label="How, in a line (optional)", max_length=TEXT_MAX, required=False)
    days = forms.TypedChoiceField(
        label="For how long?", coerce=int, initial=14,
        choices=[(7, "One week"), (14, "Two weeks"), (21, "Three weeks"), (30, "A month")],
    )


class ExperimentReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="How did it go?", widget=forms.RadioSelect,
        choices=[("keep", "Keep it"), ("adjust", "Adjust it"), ("drop", "Drop it")],
        error_messages={"required": "Choose keep, adjust or drop."},
    )
    note = forms.CharField(label="A line on why", max_length=TEXT_MAX,
                           error_messages={"required": "Add a line on why — it helps next time."})


class EntryForm(forms.Form):
    text = forms.CharField(max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "A sentence is plenty.",
                                           "max_length": f"Please keep it under {TEXT_MAX} characters."})


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    working = forms.CharField(label="What is working for us?", required=False, max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    not_working = forms.CharField(label="What isn't working yet?", required=False, max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    changes = forms.CharField(label="Which routines or boundaries shall we change?", required=False, max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    improved = forms.CharField(label="What has improved — looking at the figures above, too?", required=False, max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    targets = forms.CharField(label="Our realistic targets for the next three months", required=False, max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 3}))
