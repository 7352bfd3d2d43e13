"""Commitments, experiments, the weekly State of the Union and the quarterly review.

All of it is shared by the couple (SharedContentQuerySet): both see it while both are in
the space, and what someone wrote leaves with them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet

TEXT_MAX = 300
LONG_MAX = 2000


class Commitment(models.Model):
    """ "I will … by …": a small, concrete promise one partner makes to the other."""

    OPEN, KEPT, NOT_KEPT, RENEGOTIATED = "open", "kept", "not_kept", "renegotiated"
    OUTCOMES = [(OPEN, "open"), (KEPT, "kept"), (NOT_KEPT, "not kept"), (RENEGOTIATED, "renegotiated")]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="commitments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=TEXT_MAX)
    due_on = models.DateField()
    # Who asked for it, when it came from "what can I do to make you feel more loved?"
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments")
    outcome = models.CharField(max_length=14, choices=OUTCOMES, default=OPEN)
    outcome_at = models.DateTimeField(null=True, blank=True)
    # When not kept: the maker's acknowledgement and the alternative they offer.
    alternative = models.CharField(max_length=TEXT_MAX, blank=True)
    renegotiated_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renegotiated_as"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]


class Experiment(models.Model):
    """Try something for a while ("no phones at dinner for two weeks"), then review it together."""

    RUNNING, KEEP, ADJUST, DROP = "running", "keep", "adjust", "drop"
    STATUSES = [(RUNNING, "running"), (KEEP, "keep"), (ADJUST, "adjust"), (DROP, "drop")]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="experiments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    plan = models.CharField(max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField()
    review_on = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING)
    review_note = models.CharField(max_length=TEXT_MAX, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "id"]


class MeetingQuerySet(models.QuerySet):
    def of_space(self, space):
        """A meeting's shared lines do not say who wrote them, so one begun before someone left
        holds the leaver's words: it leaves the stayer's view (see Space.member_left_at)."""
        found = self.filter(space=space)
        if space.member_left_at is not None:
            found = found.filter(created_at__gt=space.member_left_at)
        return found


class Meeting(models.Model):
    """One weekly State of the Union. Entries hold what each partner said at each step."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="meetings")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    held_on = models.DateField()
    step = models.PositiveSmallIntegerField(default=1)
    issue = models.CharField(max_length=TEXT_MAX, blank=True)
    next_date_plan = models.CharField(max_length=TEXT_MAX, blank=True)
    on_track_note = models.CharField(max_length=LONG_MAX, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]


class MeetingEntryQuerySet(SharedContentQuerySet):
    space_lookup = "meeting__space"


class MeetingEntry(models.Model):
    """Something one partner said at one step: an appreciation, what went well, a stress and how to help."""

    KINDS = [
        ("appreciation", "An appreciation"),
        ("went_well", "What went well"),
        ("stress", "What's stressing me"),
        ("support", "How you could help"),
    ]
    # Headings for a list of what was said, one or many: the meeting record.
    HEADINGS = {
        "appreciation": ("An appreciation", "Appreciations"),
        "went_well": ("What went well", "What went well"),
        "stress": ("What's stressing me", "What's stressing us"),
        "support": ("How you could help", "How we could help each other"),
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # On one shared phone, the person holding it may type for whoever is speaking.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=14, choices=KINDS)
    text = models.CharField(max_length=TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]


class QuarterlyReview(models.Model):
    """A guided look back every three months; both can edit, stale edits are refused."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="reviews")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    quarter_start = models.DateField()
    working = models.CharField(max_length=LONG_MAX, blank=True)
    not_working = models.CharField(max_length=LONG_MAX, blank=True)
    changes = models.CharField(max_length=LONG_MAX, blank=True)
    improved = models.CharField(max_length=LONG_MAX, blank=True)
    targets = models.CharField(max_length=LONG_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-quarter_start"]
        constraints = [models.UniqueConstraint(fields=["space", "quarter_start"], name="one_review_per_quarter")]
