"""A couple's run through a program, who did which activity, touch preferences, and the closing reflection."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SealedContentQuerySet, SharedContentQuerySet

NOTE_MAX = 140


class Enrolment(models.Model):
    ACTIVE, PAUSED, FINISHED, STOPPED = "active", "paused", "finished", "stopped"
    STATUSES = [(ACTIVE, "active"), (PAUSED, "paused"), (FINISHED, "finished"), (STOPPED, "stopped")]
    RUNNING = (ACTIVE, PAUSED)

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="enrolments")
    program_slug = models.SlugField(max_length=80)
    # Day 1 falls on this date; pausing moves it later so no day is lost.
    started_on = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=ACTIVE)
    paused_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space"], condition=Q(status__in=("active", "paused")), name="one_running_program_per_space"
            )
        ]
        ordering = ["-created_at"]

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING


class ActivityDoneQuerySet(SharedContentQuerySet):
    space_lookup = "enrolment__space"


class ActivityDone(models.Model):
    """One partner's part: they did this step's activity of this kind, with an optional note for the other."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="done")
    step = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    done_at = models.DateTimeField(default=timezone.now)

    objects = ActivityDoneQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step", "kind", "author"], name="one_mark_per_activity_per_person")
        ]


class TouchPreference(models.Model):
    """A kind of touch this person would rather skip for now. Private to them."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tag = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "tag"], name="one_row_per_skipped_tag")]


class ClosingReflectionQuerySet(SealedContentQuerySet):
    """Your own answers, and your partner's once you have answered too."""

    space_lookup = "enrolment__space"
    pair_fields = ("enrolment",)


class ClosingReflection(models.Model):
    """Each partner's answers to the program's closing questions, sealed until both have answered."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ClosingReflectionQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "author"], name="one_closing_reflection_each")]
