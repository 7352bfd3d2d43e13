"""Writes for news from each other: record what a partner did, and move a reader's cursor.

`news_record` is called by the other apps' services right after a successful write. It
stores only the kind and the ids of the thing (`NewsItem`, the one source of news), bumps
the partner's unread count, and refreshes the partner's `news_feed` — a copy of their
newest few items kept on their own row, so showing news on a page costs no query at all.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from rekindle.news import kinds
from rekindle.news.kinds import KINDS, safe_key
from rekindle.news.models import FEED_SIZE, NewsItem
from rekindle.spaces.models import Membership, Person, Space
from rekindle.spaces.selectors import Couple


def _space_id(space: Space | int) -> int:
    return getattr(space, "pk", space)


def _locked(people) -> Person | None:
    # FOR NO KEY UPDATE on PostgreSQL: it still keeps out anyone else writing this feed, but not
    # the partner's own inserts that merely point at their row (a foreign key's KEY SHARE lock);
    # a plain FOR UPDATE there deadlocks two partners writing at the same moment.
    return people.select_for_update(no_key=True).only("pk", "news_seen_at", "news_feed").first()


def _with_newest(feed: list[dict], item: NewsItem) -> list[dict]:
    """The feed with `item` (new, or just moved up) at the top."""
    return [item.as_feed_entry()] + [entry for entry in feed or [] if entry.get("id") != item.pk][: FEED_SIZE - 1]


# Called inside the caller's transaction: no savepoint of its own, so news costs few queries.
@transaction.atomic(savepoint=False)
def news_record(
    *,
    actor: Person,
    space: Space | int,
    kind: str,
    object_id: int = 0,
    number: int = 0,
    key: str = "",
    detail: str = "",
    on_date: dt.date | None = None,
    couple: Couple | None = None,
    fresh: bool = False,
) -> NewsItem | None:
    """Note that `actor` did `kind` to the thing `object_id` (with small fixed words `key`, `detail`).

    Nothing is recorded without a partner to tell. The same thing done again on the same day
    (an edit, a second try) moves its one item up instead of adding another. Pass the actor's
    `couple` when you have it (it already knows who the partner is) and `fresh=True` for a
    thing created just now (it can't have news yet): then it costs three queries, else four.
    """
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a kind of news")
    key, detail = safe_key(key), safe_key(detail)[:16]
    if couple is not None and couple.me.pk == actor.pk and couple.space.pk == _space_id(space):
        if couple.partner is None:
            return None
        # Read the partner's row afresh, locked: the copy the couple holds may be older than
        # their feed, and nobody else may write this partner's news meanwhile.
        partner = _locked(Person.objects.filter(pk=couple.partner.pk))
    else:
        members = Membership.objects.active().filter(space=_space_id(space)).exclude(person=actor.pk).values("person")
        partner = _locked(Person.objects.filter(pk__in=members))
    if partner is None:
        return None
    now = timezone.now()
    identity = {
        "actor": actor, "kind": kind, "object_id": object_id or 0, "number": number or 0, "key": key,
        "day": actor.today(),
    }
    item = None if fresh else NewsItem.objects.filter(**identity).first()
    if item is None:
        item = NewsItem.objects.create(
            space_id=_space_id(space), on_date=on_date, detail=detail, created_at=now, **identity
        )
        still_unread = False
    else:
        still_unread = partner.news_seen_at is None or item.created_at > partner.news_seen_at
        item.created_at, item.on_date, item.detail = now, on_date, detail
        item.save(update_fields=["created_at", "on_date", "detail"])
    changes = {"news_feed": _with_newest(partner.news_feed, item)}
    if not still_unread:
        changes["news_unread"] = F("news_unread") + 1
    Person.objects.filter(pk=partner.pk).update(**changes)
    partner.news_feed = changes["news_feed"]
    return item


def news_checkin(checkin, couple: Couple | None = None):
    """Record a new check-in's news and hand the check-in back (so the call fits on its line).

    "paired" when it completed the partner's round: then both answers are open now.
    """
    news_record(
        actor=checkin.author, space=checkin.space_id, kind=kinds.CHECKIN, object_id=checkin.pk,
        detail="paired" if checkin.round.is_completed else "", couple=couple, fresh=True,
    )
    return checkin


@transaction.atomic(savepoint=False)
def news_forget(*, space: Space | int, of_kinds: tuple[str, ...], object_id: int, number: int = 0) -> None:
    """The thing was undone or taken away (a step unmarked, an item removed): its news goes too."""
    gone = NewsItem.objects.filter(space=_space_id(space), kind__in=of_kinds, object_id=object_id, number=number or 0)
    ids = set(gone.values_list("pk", flat=True))
    if not ids:
        return
    gone.delete()
    members = Membership.objects.active().filter(space=_space_id(space)).values("person")
    for reader in Person.objects.filter(pk__in=members).only("pk", "news_feed"):
        feed = [entry for entry in reader.news_feed or [] if entry.get("id") not in ids]
        if feed != reader.news_feed:
            Person.objects.filter(pk=reader.pk).update(news_feed=feed)


@transaction.atomic(savepoint=False)
def news_forget_member(*, person: Person, space: Space) -> None:
    """Someone left `space`: the couple's news ends with them, and nobody keeps an unread mark for it.

    Their own news leaves with them; the stayer's news was written for them, so it goes too
    (a new partner must never read "Alice reflected your rose" about someone else's rose).
    """
    NewsItem.objects.filter(space=space).delete()
    everyone = Membership.objects.filter(space=space).values("person")
    Person.objects.filter(pk__in=everyone).update(news_unread=0, news_feed=[])


@transaction.atomic
def news_mark_seen(*, person: Person, until: dt.datetime | None = None) -> dt.datetime:
    """The person has seen their news up to `until` (when their page showed it; at most now).

    Later items stay new: the unread count becomes the number of items that came after it.
    """
    now = timezone.now()
    until = min(until or now, now)
    if person.news_seen_at is not None and until <= person.news_seen_at:
        return person.news_seen_at  # an older page reporting late moves nothing back
    my_spaces = Membership.objects.active().filter(person=person).values("space")
    later = NewsItem.objects.filter(space__in=my_spaces, created_at__gt=until).exclude(actor=person).count()
    Person.objects.filter(pk=person.pk).update(news_seen_at=until, news_unread=later)
    person.news_seen_at, person.news_unread = until, later
    return until
