from __future__ import annotations

import datetime as dt

from django import forms

from rekindle.measures import instruments

PICK = "Choose one answer for this question."


def _choice(choices, message=PICK) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect,
                                  error_messages={"required": message, "invalid_choice": message})


class MonthlyForm(forms.Form):
    """The CSI-4 (when the operator offers it) and the closeness circles."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wording = instruments.wording()
        self.csi4_enabled = instruments.csi4_enabled()
        if self.csi4_enabled:
            for number, item in enumerate(wording.csi4_items, start=1):
                field = _choice([(value, f"{value} — {anchor}") for value, anchor in item.choices])
                field.label = item.text
                field.anchors = item.anchors
                self.fields[f"csi4_{number}"] = field
        self.fields["ios"] = _choice([(n, label) for n, label in enumerate(wording.ios_steps, start=1)],
                                     "Choose the pair of circles that fits best.")
        self.fields["ios"].label = wording.ios["question"]

    def csi4_fields(self):
        return [self[name] for name in self.fields if name.startswith("csi4_")]

    def csi4_answers(self) -> list[int]:
        return [self.cleaned_data[f"csi4_{n}"] for n in range(1, 5)]

    def ios_steps(self):
        """Each IOS picture with its label and circle geometry, for the radio group."""
        value = self["ios"].value()
        chosen = int(value) if str(value or "").isdigit() else None
        return [
            {"value": n, "label": label, "circles": instruments.ios_circles(n), "checked": n == chosen}
            for n, label in enumerate(instruments.wording().ios_steps, start=1)
        ]


class WeeklyForm(forms.Form):
    connection = _choice([(n, str(n)) for n in range(instruments.CONNECTION_LOW, instruments.CONNECTION_HIGH + 1)],
                         "Choose a number from 1 to 10.")

    def numbers(self):
        value = self["connection"].value()
        chosen = int(value) if str(value or "").isdigit() else None
        return [{"value": n, "checked": n == chosen} for n in range(instruments.CONNECTION_LOW, instruments.CONNECTION_HIGH + 1)]


class SharingForm(forms.Form):
    csi4 = forms.BooleanField(required=False, label="Share my satisfaction answers (CSI-4)")
    ios = forms.BooleanField(required=False, label="Share my closeness circles")
    connection = forms.BooleanField(required=False, label="Share my weekly connection")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not instruments.csi4_enabled():
            del self.fields["csi4"]


class MonthField(forms.DateField):
    """A month as YYYY-MM (an <input type="month">), cleaned to its first day."""

    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    default_error_messages = {"invalid": "Enter a month like 2026-03."}


class ReportForm(forms.Form):
    start = MonthField(label="From", error_messages={"required": "Choose the first month."})
    end = MonthField(label="To (including)", error_messages={"required": "Choose the last month."})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The last month can't come before the first.")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = self.cleaned_data["start"], self.cleaned_data["end"]
        last = (end + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return start, last
