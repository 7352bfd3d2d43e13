"""News from each other: what a partner did, and what it points to — never their words.

A `NewsItem` holds a kind and the ids of the thing it points to. The sentence and the link
are made when someone reads it (`rekindle.news.kinds`), so nothing a person wrote is ever
copied here, and a later e-mail digest can render the same items.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space

FEED_SIZE = 5  # how many of the newest items each person's row keeps (Person.news_feed)


class NewsItem(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    # What the news points to: ids and small fixed keys only (a step number, "rose", "kept").
    object_id = models.PositiveBigIntegerField(default=0)
    number = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=64, blank=True, default="")
    # How it went, when that is part of the news ("yes", "kept"): updated in place, not part of the thing.
    detail = models.CharField(max_length=16, blank=True, default="")
    on_date = models.DateField(null=True, blank=True, help_text="A date the link needs, e.g. a check-in's day.")
    # The actor's local date: one item per thing per day, updated in place when it happens again.
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "kind", "object_id", "number", "key", "day"], name="one_news_item_per_thing_per_day"
            )
        ]
        indexes = [models.Index(fields=["space", "created_at"])]
        ordering = ["-created_at", "-id"]

    def as_feed_entry(self) -> dict:
        """This item as a small JSON-able dict for the reader's `news_feed` (ids and fixed words only)."""
        return {
            "id": self.pk,
            "space": self.space_id,
            "actor": self.actor_id,
            "kind": self.kind,
            "object_id": self.object_id,
            "number": self.number,
            "key": self.key,
            "detail": self.detail,
            "on_date": self.on_date.isoformat() if self.on_date else None,
            "day": self.day.isoformat(),
            "created_at": self.created_at.isoformat(),
        }

    @classmethod
    def from_feed_entry(cls, entry: dict) -> NewsItem:
        return cls(
            pk=entry["id"],
            space_id=entry["space"],
            actor_id=entry["actor"],
            kind=entry["kind"],
            object_id=entry["object_id"],
            number=entry["number"],
            key=entry["key"],
            detail=entry["detail"],
            on_date=dt.date.fromisoformat(entry["on_date"]) if entry["on_date"] else None,
            day=dt.date.fromisoformat(entry["day"]),
            created_at=dt.datetime.fromisoformat(entry["created_at"]),
        )

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"
