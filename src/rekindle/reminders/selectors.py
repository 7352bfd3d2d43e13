"""Reads for reminders: a person's own choices only."""

from __future__ import annotations

from rekindle.reminders.models import ReminderPreferences, ReminderSetting


def reminder_choices_for(person) -> tuple[dict[str, ReminderSetting], ReminderPreferences | None]:
    """The person's settings by kind and their preferences (two small queries)."""
    settings_by_kind = {s.kind: s for s in ReminderSetting.objects.filter(person=person)}
    prefs = ReminderPreferences.objects.filter(person=person).first()
    return settings_by_kind, prefs
