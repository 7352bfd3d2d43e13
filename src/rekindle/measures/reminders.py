"""'The monthly check-up': a reminder kind (rekindle.reminders), on the first of the month.

Not sent once the person has answered or set this month's check-up aside (the same date
Today reads), and never with a score or a word about how things are.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from rekindle.reminders.registry import Kind, Moment, past_time_today, register


def first_of_the_month(moment: Moment) -> bool:
    return moment.today.day == 1 and past_time_today(moment)


def this_month(moment: Moment) -> str:
    return f"{moment.today:%Y-%m}"


def answered_this_month(moment: Moment) -> bool:
    from rekindle.measures.services import month_of

    return moment.person.measure_month_done == month_of(moment.today)


def links(moment: Moment) -> dict:
    return {"checkup_path": reverse("progress_monthly")}


MONTHLY_CHECKUP = register(
    Kind(
        key="measure",
        label="The monthly check-up",
        about="On the first of the month — not sent once you've answered or set that month's aside.",
        subject="A few questions, once a month",
        default_time=dt.time(19, 0),
        is_due=first_of_the_month,
        is_done=answered_this_month,
        occasion=this_month,
        context=links,
        needs_partner=False,
        push_body="This month's short check-up is there whenever you have a minute.",
        order=40,
    )
)
