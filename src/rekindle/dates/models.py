"""Dates and rituals the couple plans together, the lines written after them, and the calendar feeds.

A `Plan` is couple content (its author proposed it; the partner sees it while both are in
the space). Its time is one instant (`starts_at`) set by whoever chose it last, in their own
zone (`time_zone`): a weekly ritual at 19:00 in London stays 19:00 in London across a change
of clocks, and each partner sees it in their own local time.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet

TITLE_MAX = 100
PLACE_MAX = 120
LINE_MAX = 280

ONCE, WEEKLY, FORTNIGHTLY, MONTHLY = "", "weekly", "fortnightly", "monthly"
REPEATS = [
    (ONCE, "Just once"),
    (WEEKLY, "Every week"),
    (FORTNIGHTLY, "Every two weeks"),
    (MONTHLY, "Every month, on the same weekday"),
]


class Plan(models.Model):
    PROPOSED, ACCEPTED, DECLINED, CANCELLED = "proposed", "accepted", "declined", "cancelled"
    STATUSES = [(PROPOSED, "proposed"), (ACCEPTED, "accepted"), (DECLINED, "not this time"), (CANCELLED, "cancelled")]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="plans")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_MAX)
    place = models.CharField(max_length=PLACE_MAX, blank=True)
    idea_id = models.CharField(max_length=40, blank=True, help_text="The library idea it came from, if any.")
    bucket_item = models.ForeignKey(
        "together.BucketItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    meeting = models.ForeignKey("rituals.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="plans")
    starts_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, help_text="The zone the time was chosen in; repeats follow its clock.")
    duration_minutes = models.PositiveIntegerField()
    repeat = models.CharField(max_length=12, choices=REPEATS, default=ONCE, blank=True)
    repeat_until = models.DateField(null=True, blank=True, help_text="The last day it may happen (local).")
    # Local dates (in `time_zone`) of single times skipped.
    skipped = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PROPOSED)
    # Who is asked to answer the current proposal (the one who didn't choose this time).
    awaiting = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Bumped by every change: refuses stale edits, and is the calendar event's SEQUENCE.
    version = models.PositiveIntegerField(default=1)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["author", "submission"], name="one_plan_per_submission")]
        indexes = [models.Index(fields=["space", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_ritual(self) -> bool:
        return bool(self.repeat)

    @property
    def is_open(self) -> bool:
        return self.status in (self.PROPOSED, self.ACCEPTED)


class AfterLineQuerySet(SharedContentQuerySet):
    space_lookup = "plan__space"


class AfterLine(models.Model):
    """ "How was it?": one line by one partner about one time a plan happened. Empty text: "not now"."""

    # Null once the plan's proposer closed their account: the line stays its writer's (rekindle.leaving).
    plan = models.ForeignKey(Plan, null=True, on_delete=models.SET_NULL, related_name="lines")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occurred_on = models.DateField(help_text="The local date (in the plan's zone) of the time it happened.")
    text = models.CharField(max_length=LINE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AfterLineQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "author", "occurred_on"], name="one_line_per_person_per_time")
        ]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


ALARMS = [
    (None, "No reminder"),
    (15, "15 minutes before"),
    (30, "30 minutes before"),
    (60, "An hour before"),
    (120, "Two hours before"),
    (24 * 60, "The day before"),
]


class CalendarFeed(models.Model):
    """A person's private calendar address. No token: no feed (revoked, or never made)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    alarm_minutes = models.PositiveIntegerField(null=True, blank=True, default=60)
    show_detail = models.BooleanField(default=False, help_text="Put what and where in the calendar, not just “Time together”.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
