"""Self-care and "how I feel cared for".

Self-care is private to its author, always: every read goes through `PrivateQuerySet`,
which filters on the author and nothing else. The care answers are the author's too; the
partner sees only the "how to love me" card, with what its author chose to show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

PLAN_MAX = 1000
LINE_MAX = 200
NOTE_MAX = 300


class PrivateQuerySet(models.QuerySet):
    """Content only its author may ever read."""

    def visible_to(self, person):
        if not person.is_authenticated:
            return self.none()
        return self.filter(author=person.pk)


class SelfCarePlan(models.Model):
    author = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recharges = models.CharField(max_length=PLAN_MAX, blank=True)
    needs = models.CharField(max_length=PLAN_MAX, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PrivateQuerySet.as_manager()


class SelfCareGoal(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=LINE_MAX)
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        ordering = ["done_on", "-created_at", "-id"]


class SelfCareLookBack(models.Model):
    """The weekly private look back: did I look after myself this week?"""

    YES, PARTLY, NOT_REALLY = "yes", "partly", "not_really"
    ANSWERS = [(YES, "Yes, mostly"), (PARTLY, "Partly"), (NOT_REALLY, "Not really, this week")]

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_of = models.DateField(help_text="The Monday of the week, in the author's time zone.")
    answer = models.CharField(max_length=10, choices=ANSWERS)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        ordering = ["-week_of"]
        constraints = [models.UniqueConstraint(fields=["author", "week_of"], name="one_look_back_a_week")]


class CareAnswers(models.Model):
    """One taking of the questionnaire. Retaking adds a row; earlier ones are kept for their author."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ratings = models.JSONField(default=dict, help_text="question key -> 1..5")
    examples = models.JSONField(default=dict, help_text="way -> what it looks like for me, in my words")
    created_at = models.DateTimeField(default=timezone.now)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "-created_at"])]


class CareCard(models.Model):
    """What a person's "how to love me" card shows their partner. Only its author edits it."""

    author = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ways = models.JSONField(default=list, help_text="The ways shown, by key.")
    show_examples = models.BooleanField(default=True)
    show_touch = models.BooleanField(default=False, help_text="Show the kinds of touch I'd rather skip.")
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PrivateQuerySet.as_manager()
