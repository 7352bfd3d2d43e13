"""The "Since you were last here" card on Today: its context from one function."""

from __future__ import annotations

from django.utils import timezone

from rekindle.news.models import FEED_SIZE
from rekindle.news.selectors import news_for
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple


def today_news_context(person: Person, couple: Couple | None) -> dict:
    """The news as it stands when Today opens, newest first, with what's unread marked. One query.

    Solo people get no card. The page itself tells the server it was seen (`news_seen`,
    sent by htmx once it has loaded, or by a button without JavaScript), so showing
    Today costs no write and a page that never reached a screen moves nothing.
    """
    if couple is None or couple.partner is None:
        return {"news_card": None}
    as_of = timezone.now()
    news = news_for(person, couple, limit=FEED_SIZE)
    unread = bool(person.news_unread) or any(item.unread for item in news)
    if unread:
        person.news_unread = 0  # Today is where the news is: the mark in the navigation rests here
    return {"news_card": {"items": news, "partner": couple.partner, "as_of": as_of, "unread": unread}}
