"""A person's answers to the measures, and their choice of what to share.

Each answer is private by default. A person may share a measure with their partner; the
partner then sees that measure's answers while both are members of the space they were
given in (the rule of `SharedContentQuerySet`), and nothing of the measures they keep.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rekindle.measures import instruments
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet


class MeasureQuerySet(SharedContentQuerySet):
    def visible_to(self, person):
        """Your own answers, and your partner's answers to the measures they chose to share."""
        if not person.is_authenticated:
            return self.none()
        return super().visible_to(person).filter(Q(author=person.pk) | Q(shared=True))


class Measure(models.Model):
    """One answer set: a month's CSI-4 or closeness circles, or a week's connection score."""

    KINDS = [(kind, instruments.SHORT_NAMES[kind]) for kind in instruments.KINDS]

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=KINDS)
    # The month (its first day) for monthly measures, the week (its Monday) for weekly ones.
    period = models.DateField()
    answers = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField()
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["period", "id"]
        constraints = [models.UniqueConstraint(fields=["author", "kind", "period"], name="one_measure_per_period")]
        indexes = [models.Index(fields=["author", "kind", "period"], name="measure_author_kind_period")]


class SharingChoice(models.Model):
    """Which measures a person shares with their partner. No row: all private."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    csi4 = models.BooleanField(default=False)
    ios = models.BooleanField(default=False)
    connection = models.BooleanField(default=False)

    def shares(self, kind: str) -> bool:
        return bool(getattr(self, kind))
