"""Suggesting professional help, privately and gently.

Other parts of Rekindle call these two functions; nothing else is needed:

    from rekindle.care.signposting import distress_reasons, suggest_professional_help

    reasons = distress_reasons(csi4_scores=[12, 11], weekly_connection=[7, 6, 5, 4])
    if reasons:
        suggest_professional_help(person=person, reason=reasons[0])

The suggestion shows only to that person (on Today and Support) until they dismiss it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from rekindle.care import thresholds
from rekindle.care.models import CarePreferences
from rekindle.care.selectors import forget_preferences

REASONS = {
    "asked": "You asked about talking to someone.",
    "satisfaction_low": "Your last two relationship check-ups were in a range where many couples find outside help useful.",
    "connection_falling": "Your weekly sense of connection has dipped for a few weeks in a row.",
}


def distress_reasons(*, csi4_scores: Sequence[float] = (), weekly_connection: Sequence[int] = ()) -> list[str]:
    """Which distress signals the scores show, oldest score first in each sequence."""
    reasons = []
    recent = list(csi4_scores)[-thresholds.CSI4_DISTRESS_IN_A_ROW :]
    if len(recent) == thresholds.CSI4_DISTRESS_IN_A_ROW and all(s < thresholds.CSI4_DISTRESS_BELOW for s in recent):
        reasons.append("satisfaction_low")
    weeks = list(weekly_connection)[-thresholds.CONNECTION_FALLING_WEEKS :]
    if len(weeks) == thresholds.CONNECTION_FALLING_WEEKS and all(b < a for a, b in zip(weeks, weeks[1:])):
        reasons.append("connection_falling")
    return reasons


def suggest_professional_help(*, person, reason: str) -> None:
    if reason not in REASONS:
        raise ValueError(f"Unknown reason {reason!r}; add it to REASONS")
    forget_preferences(person)
    prefs, _ = CarePreferences.objects.get_or_create(person=person)
    prefs.help_reason = reason
    prefs.help_suggested_at = timezone.now()
    prefs.save(update_fields=["help_reason", "help_suggested_at"])


def dismiss_suggestion(*, person) -> None:
    forget_preferences(person)
    CarePreferences.objects.filter(person=person).update(help_dismissed_at=timezone.now())
