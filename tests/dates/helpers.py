"""Shared helpers for the plans tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rekindle.dates import services
from rekindle.lib.dates import zone
from rekindle.spaces.selectors import couple_for


def local(person, days: int = 3, at: dt.time = dt.time(19, 0)) -> tuple[dt.date, dt.time]:
    """A day `days` from the person's today, at `at` (their clock)."""
    today = timezone.now().astimezone(zone(person.time_zone)).date()
    return today + dt.timedelta(days=days), at


def propose(person, *, title="Cooking a destination dinner", days=3, at=dt.time(19, 0), minutes=120, repeat="",
            until=None, place=""):
    day, time = local(person, days, at)
    return services.plan_propose(
        person=person, couple=couple_for(person), title=title, place=place, day=day, time=time,
        duration_minutes=minutes, repeat=repeat, repeat_until=until,
    )


def accept(person, plan):
    plan.refresh_from_db()
    return services.plan_accept(person=person, couple=couple_for(person), plan_id=plan.pk, version=plan.version)
