from __future__ import annotations

from django import forms

from rekindle.lib.dates import WEEKDAYS
from rekindle.reminders import registry

TIME_WIDGET = {"type": "time", "step": "300"}


def _time(label: str, required: bool = False, help_text: str = "") -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.TimeInput(attrs=TIME_WIDGET, format="%H:%M"),
        error_messages={"invalid": "Enter a time like 21:00."},
    )


class ReminderForm(forms.Form):
    """One switch per kind, with its local time (and weekday for a weekly one), and quiet hours."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = registry.all_kinds()
        for kind in self.kinds:
            self.fields[f"{kind.key}_enabled"] = forms.BooleanField(label=kind.label, required=False, help_text=kind.about)
            if kind.weekly:
                self.fields[f"{kind.key}_weekday"] = forms.TypedChoiceField(
                    label="On", choices=list(enumerate(WEEKDAYS)), coerce=int,
                    error_messages={"invalid_choice": "Pick a day of the week."},
                )
            if kind.chooses_time:
                self.fields[f"{kind.key}_at"] = _time("At", required=False)
        self.fields["quiet_from"] = _time("From", help_text="Nothing is sent between these times.")
        self.fields["quiet_until"] = _time("Until")

    def groups(self):
        """(kind, switch, weekday or None, time) for the template."""
        for kind in self.kinds:
            yield (
                kind,
                self[f"{kind.key}_enabled"],
                self[f"{kind.key}_weekday"] if kind.weekly else None,
                self[f"{kind.key}_at"] if kind.chooses_time else None,
            )

    def choices(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            kind.key: {
                "enabled": data.get(f"{kind.key}_enabled", False),
                "at": data.get(f"{kind.key}_at") or kind.default_time,
                "weekday": data.get(f"{kind.key}_weekday") if kind.weekly else None,
            }
            for kind in self.kinds
        }


def initial_for(settings_by_kind: dict, prefs) -> dict:
    initial = {}
    for kind in registry.all_kinds():
        setting = settings_by_kind.get(kind.key)
        initial[f"{kind.key}_enabled"] = bool(setting and setting.enabled)
        initial[f"{kind.key}_at"] = (setting.at if setting and setting.at else kind.default_time)
        if kind.weekly:
            initial[f"{kind.key}_weekday"] = (
                setting.weekday if setting and setting.weekday is not None else kind.default_weekday
            )
    initial["quiet_from"] = prefs.quiet_from if prefs else None
    initial["quiet_until"] = prefs.quiet_until if prefs else None
    return initial
