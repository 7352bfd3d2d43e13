"""Daily check-ins (rose, bud, thorn), reflections on them, and appreciations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.lib.dates import checkin_date
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SealedContentQuerySet, SharedContentQuerySet

ITEMS = ("rose", "bud", "thorn")
LINE_MAX = 500
# However far apart two partners live, an answer never pairs with one older than this.
ROUND_LIFETIME = dt.timedelta(hours=30)


class CheckInRound(models.Model):
    """One partner's check-in and, if the other answers in time, theirs: the pair that reveals.

    A round opens with a check-in; `date` is the opener's check-in date. The partner can join
    it while it is not completed, younger than ROUND_LIFETIME, and its date is still today's
    check-in date for one of the two ("the round's day isn't over yet for one of you").
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="checkin_rounds")
    date = models.DateField(help_text="The opener's check-in date.")
    opened_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["space", "completed_at", "opened_at"])]

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    def joinable(self, *, joiner_tz: str, opener_tz: str, at: dt.datetime | None = None) -> bool:
        """Whether the partner (in `joiner_tz`) can still answer this round at `at`."""
        at = timezone.now() if at is None else at
        return (
            self.completed_at is None
            and at < self.opened_at + ROUND_LIFETIME
            and self.date in {checkin_date(joiner_tz, at), checkin_date(opener_tz, at)}
        )


class CheckInQuerySet(SealedContentQuerySet):
    """Your own check-ins, and your partner's once you have answered in the same round."""

    pair_fields = ("round",)


class CheckIn(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="checkins")
    local_date = models.DateField(help_text="The writer's own check-in date (their day runs until 04:00).")
    round = models.ForeignKey(CheckInRound, on_delete=models.CASCADE, related_name="checkins")
    rose = models.CharField(max_length=LINE_MAX)
    bud = models.CharField(max_length=LINE_MAX)
    thorn = models.CharField(max_length=LINE_MAX)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "local_date"], name="one_checkin_per_person_per_date"),
            models.UniqueConstraint(fields=["round", "author"], name="one_checkin_per_person_per_round"),
        ]
        indexes = [models.Index(fields=["space", "local_date"])]
        ordering = ["-local_date"]

    def item_text(self, item: str) -> str:
        return getattr(self, item)


class ReflectionQuerySet(SharedContentQuerySet):
    space_lookup = "checkin__space"


class Reflection(models.Model):
    """A partner's paraphrase of the feeling in one item of a revealed check-in."""

    RESPONSES = [("", "no answer yet"), ("yes", "that's it"), ("not_quite", "not quite")]

    # Null once the check-in's author closed their account: the reflection stays its writer's (rekindle.leaving).
    checkin = models.ForeignKey(CheckIn, null=True, on_delete=models.SET_NULL, related_name="reflections")
    item = models.CharField(max_length=5, choices=[(i, i) for i in ITEMS])
    # Indexed with the check-in (reflection_author_checkin) rather than alone.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections", db_index=False
    )
    text = models.CharField(max_length=LINE_MAX)
    response = models.CharField(max_length=10, choices=RESPONSES, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "item", "author"], name="one_reflection_per_item_per_person")
        ]
        # The reflections a page shows are those of its check-ins by the two of us: each
        # writer's found by check-in, not every reflection the writer ever wrote, read and
        # dropped (PostgreSQL reads by writer: a year's History read 180 to show 5).
        indexes = [models.Index(fields=["author", "checkin"], name="reflection_author_checkin")]
        ordering = ["created_at"]


class Appreciation(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="appreciations")
    text = models.CharField(max_length=LINE_MAX)
    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    # The form's one-time token: a double submit finds the first one instead of saving twice.
    submission = models.UUIDField(unique=True, null=True, blank=True)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        # The feed reads each partner's newest along this (selectors._newest_first).
        indexes = [models.Index(fields=["author", "created_at", "id"], name="appreciation_author_newest")]


class AppreciationReplyQuerySet(SharedContentQuerySet):
    space_lookup = "appreciation__space"


class AppreciationReply(models.Model):
    # Null once the appreciation's author closed their account: the reply stays its writer's (rekindle.leaving).
    appreciation = models.ForeignKey(Appreciation, null=True, on_delete=models.SET_NULL, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=280)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppreciationReplyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appreciation", "author"], name="one_reply_per_person")]
