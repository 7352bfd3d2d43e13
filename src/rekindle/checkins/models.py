"""Daily check-ins (rose, bud, thorn), reflections on them, and appreciations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SealedContentQuerySet, SharedContentQuerySet

ITEMS = ("rose", "bud", "thorn")
LINE_MAX = 500


class CheckInQuerySet(SealedContentQuerySet):
    """Your own check-ins, and your partner's once you have answered the same date."""

    pair_fields = ("space", "local_date")


class CheckIn(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="checkins")
    local_date = models.DateField(help_text="The writer's own date when they checked in.")
    rose = models.CharField(max_length=LINE_MAX)
    bud = models.CharField(max_length=LINE_MAX)
    thorn = models.CharField(max_length=LINE_MAX)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "local_date"], name="one_checkin_per_person_per_date")]
        indexes = [models.Index(fields=["space", "local_date"])]
        ordering = ["-local_date"]

    def item_text(self, item: str) -> str:
        return getattr(self, item)


class ReflectionQuerySet(SharedContentQuerySet):
    space_lookup = "checkin__space"


class Reflection(models.Model):
    """A partner's paraphrase of the feeling in one item of a revealed check-in."""

    RESPONSES = [("", "no answer yet"), ("yes", "that's it"), ("not_quite", "not quite")]

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="reflections")
    item = models.CharField(max_length=5, choices=[(i, i) for i in ITEMS])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    text = models.CharField(max_length=LINE_MAX)
    response = models.CharField(max_length=10, choices=RESPONSES, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "item", "author"], name="one_reflection_per_item_per_person")
        ]
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


class AppreciationReplyQuerySet(SharedContentQuerySet):
    space_lookup = "appreciation__space"


class AppreciationReply(models.Model):
    appreciation = models.ForeignKey(Appreciation, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=280)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppreciationReplyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appreciation", "author"], name="one_reply_per_person")]
