"""The reminders Rekindle has out of the box: the daily check-in, the weekly meeting, the digest.

Other practices register theirs the same way: "a planned date, an hour before" in
`dates/reminders.py`, "the monthly check-up" in `measures/reminders.py`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rekindle.reminders.registry import Kind, Moment, daily, in_the_week, register, weekly

DIGEST_DAYS = 7


def checked_in_today(moment: Moment) -> bool:
    from rekindle.checkins.models import CheckIn

    return CheckIn.objects.filter(author=moment.person, local_date=moment.person.checkin_today()).exists()


def met_this_week(moment: Moment) -> bool:
    """A meeting held (or started) in the past six days: no need to ask about this week's."""
    from rekindle.rituals.models import Meeting

    if moment.couple is None:
        return True
    since = moment.today - dt.timedelta(days=6)
    return Meeting.objects.filter(space=moment.couple.space, held_on__gte=since).exists()


def _week_of_news(moment: Moment) -> list:
    from rekindle.news.selectors import news_for

    since = timezone.now() - dt.timedelta(days=DIGEST_DAYS)
    return [n for n in news_for(moment.person, moment.couple, limit=50) if n.created_at >= since]


def nothing_new_this_week(moment: Moment) -> bool:
    return not _week_of_news(moment)


def digest_context(moment: Moment) -> dict | None:
    news = _week_of_news(moment)
    if not news:
        return None
    return {"news": news, "partner": moment.couple.partner}


CHECKIN = register(
    Kind(
        key="checkin",
        label="The daily check-in",
        about="An evening nudge for your rose, bud and thorn — not sent once you've checked in that day.",
        subject="A minute for today?",
        default_time=dt.time(21, 0),
        is_due=daily,
        is_done=checked_in_today,
        push_body="A minute for today's rose, bud and thorn?",
        order=10,
    )
)

MEETING = register(
    Kind(
        key="meeting",
        label="The weekly meeting",
        about="On the day you choose — not sent if you've already met that week.",
        subject="Time for your weekly catch-up?",
        default_time=dt.time(19, 0),
        default_weekday=6,
        is_due=weekly,
        is_done=met_this_week,
        push_body="Your weekly catch-up could fit in this week, whenever suits you both.",
        occasion=in_the_week,
        order=20,
    )
)

DIGEST = register(
    Kind(
        key="digest",
        label="A weekly e-mail of news from your partner",
        about="What your partner did here this week, in a few lines — never their words. Not sent in a quiet week.",
        subject="Your week in Rekindle",
        default_time=dt.time(9, 0),
        default_weekday=6,
        is_due=weekly,
        is_done=nothing_new_this_week,
        push_body="A few lines about your partner's week here.",
        occasion=in_the_week,
        context=digest_context,
        order=90,
    )
)
