"""Reading news from each other, always for one viewer and their couple."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from rekindle.news import kinds
from rekindle.news.models import FEED_SIZE, NewsItem
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple


@dataclass(frozen=True)
class News:
    sentence: str
    url: str
    created_at: dt.datetime
    unread: bool
    kind: str
    just_now: bool = False


def _as_news(items, person: Person, partner: Person) -> list[News]:
    seen, now = person.news_seen_at, timezone.now()
    return [
        News(
            sentence=kinds.sentence_for(item, actor_name=partner.display_name, now=now),
            url=kinds.link_for(item),
            created_at=item.created_at,
            unread=seen is None or item.created_at > seen,
            kind=item.kind,
            just_now=now - item.created_at < dt.timedelta(minutes=1),
        )
        for item in items
    ]


def news_for(person: Person, couple: Couple | None, limit: int = FEED_SIZE) -> list[News]:
    """The newest news from the viewer's partner, newest first — without a query.

    It reads the copy kept on the viewer's own row, and keeps only items by the current
    partner in the space both are active in: when a partner leaves, their news is gone for
    the one who stays. `unread` is what came after the viewer last looked. Asking for more
    than the copy holds reads the items themselves, in one query.
    """
    if couple is None or couple.partner is None or couple.me.pk != person.pk:
        return []
    partner = couple.partner
    if limit <= FEED_SIZE:
        items = [NewsItem.from_feed_entry(entry) for entry in (person.news_feed or [])]
        items = [i for i in items if i.actor_id == partner.pk and i.space_id == couple.space.pk and i.kind in kinds.KINDS]
        items = items[:limit]
    else:
        items = list(
            NewsItem.objects.filter(space=couple.space, actor=partner, kind__in=kinds.KINDS)
            .order_by("-created_at", "-id")[:limit]
        )
    return _as_news(items, person, partner)
