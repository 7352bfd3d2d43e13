"""Core values, the couple's shared values, and goals broken into steps.

All of it is shared couple content (`SharedContentQuerySet`): the partner sees it while both
are in the space, and what someone wrote leaves with them. A goal is either shared (both own
it) or one partner's own, which the other can follow and cheer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet

MAX_VALUES = 5
VALUE_NAME_MAX = 40
TITLE_MAX = 120
NOTE_MAX = 300
STEP_MAX = 120


class ValuePick(models.Model):
    """One of a person's (up to five) core values: from the list, or their own words."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="value_picks")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value_key = models.CharField(max_length=30, blank=True, help_text="A value from content/values.toml, if any.")
    own_name = models.CharField(max_length=VALUE_NAME_MAX, blank=True, help_text="A value in the person's own words.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["space", "author", "value_key", "own_name"], name="one_pick_per_value")
        ]


class SharedValueQuerySet(SharedContentQuerySet):
    author_field = "proposed_by"


class SharedValue(models.Model):
    """A value the couple holds together: one proposes it, the other confirms."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="shared_values")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value_key = models.CharField(max_length=30, blank=True)
    name = models.CharField(max_length=VALUE_NAME_MAX)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedValueQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["space", "name"], name="one_shared_value_per_name")]

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class Goal(models.Model):
    ACTIVE, PAUSED, DONE, LET_GO = "active", "paused", "done", "let_go"
    STATUSES = [(ACTIVE, "under way"), (PAUSED, "paused"), (DONE, "finished"), (LET_GO, "let go")]
    OPEN = (ACTIVE, PAUSED)

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="goals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shared = models.BooleanField(default=True, help_text="Both own it; otherwise it is the author's own goal.")
    value_name = models.CharField(max_length=VALUE_NAME_MAX, help_text="The value it serves.")
    title = models.CharField(max_length=TITLE_MAX)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    target_on = models.DateField()
    status = models.CharField(max_length=8, choices=STATUSES, default=ACTIVE)
    ended_on = models.DateField(null=True, blank=True)
    ended_note = models.CharField(max_length=NOTE_MAX, blank=True, help_text="A line on why it was let go.")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["target_on", "id"]
        indexes = [models.Index(fields=["space", "status", "target_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class GoalStepQuerySet(SharedContentQuerySet):
    space_lookup = "goal__space"
    author_field = "goal__author"


class GoalStep(models.Model):
    """One step of a goal, with its own date; ticked by whoever did it."""

    # Null once the goal's author closed their account: a step the partner added stays theirs (rekindle.leaving).
    goal = models.ForeignKey(Goal, null=True, on_delete=models.SET_NULL, related_name="steps")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=STEP_MAX)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalStepQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["goal", "done_on", "due_on"])]

    def __str__(self) -> str:
        return self.title


class GoalCheerQuerySet(SharedContentQuerySet):
    space_lookup = "goal__space"


class GoalCheer(models.Model):
    """The partner cheering someone's own goal on: no words, just "I'm behind you"."""

    # Null once the goal's author closed their account: the cheer stays its giver's (rekindle.leaving).
    goal = models.ForeignKey(Goal, null=True, on_delete=models.SET_NULL, related_name="cheers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalCheerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["goal", "author", "day"], name="one_cheer_a_day")]
