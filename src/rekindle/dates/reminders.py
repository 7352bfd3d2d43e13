"""'A planned date, an hour before': a reminder kind (rekindle.reminders) that picks its own moment.

It goes once per time both said yes to, in the hour before it starts, and says only when:
a reminder can be read over someone's shoulder, so what and where stay in the app.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from rekindle.lib.dates import zone
from rekindle.reminders.registry import Kind, Moment, register

AHEAD = dt.timedelta(hours=1)
ROUND = dt.timedelta(minutes=1)  # the scheduler's step: a date exactly an hour away is in this round


def _next_time(moment: Moment):
    from rekindle.dates.selectors import starting_between

    if moment.couple is None:
        return None
    now = moment.local_now
    coming = starting_between(moment.person, moment.couple, now, now + AHEAD + ROUND)
    return coming[0] if coming else None


def date_within_the_hour(moment: Moment) -> bool:
    return _next_time(moment) is not None


def this_time(moment: Moment) -> str:
    occurrence = _next_time(moment)
    return f"plan-{occurrence.plan.pk}-{occurrence.starts_at.astimezone(dt.timezone.utc):%Y%m%dT%H%M}"


def nothing_to_do(moment: Moment) -> bool:
    return False  # a time together is not something to have "done" early


def when(moment: Moment) -> dict | None:
    occurrence = _next_time(moment)
    if occurrence is None:
        return None
    local = occurrence.starts_at.astimezone(zone(moment.person.time_zone))
    return {"starts_at": f"{local:%H:%M}", "plans_path": reverse("together_plans")}


DATE_SOON = register(
    Kind(
        key="date_soon",
        label="A planned date, an hour before",
        about="For times you've both said yes to. It says only when — never what or where.",
        subject="Time together soon",
        default_time=dt.time(0, 0),
        chooses_time=False,
        is_due=date_within_the_hour,
        is_done=nothing_to_do,
        occasion=this_time,
        context=when,
        push_body="Your time together starts in about an hour.",
        order=30,
    )
)
