"""Private care state. Everything here belongs to one person and is never shown to anyone else.

Nothing in this app has a space or a partner: the rows point at their owner only, and no
page, export, e-mail or admin screen other than the owner's own pages reads them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

QUESTIONS = ("humiliated", "afraid", "forced", "hurt")


class SafetyCheck(models.Model):
    """A person's latest answers to the private safety check (retaking replaces them)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    humiliated = models.BooleanField()
    afraid = models.BooleanField()
    forced = models.BooleanField()
    hurt = models.BooleanField()
    taken_at = models.DateTimeField(default=timezone.now)

    @property
    def any_yes(self) -> bool:
        return any(getattr(self, question) for question in QUESTIONS)


class CarePreferences(models.Model):
    """One person's private care settings and whether a gentle suggestion is showing."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_preferences"
    )
    safety_offer_closed = models.BooleanField(default=False)
    hide_joint_conflict = models.BooleanField(default=False)
    country = models.CharField(max_length=10, blank=True)
    help_reason = models.CharField(max_length=40, blank=True)
    help_suggested_at = models.DateTimeField(null=True, blank=True)
    help_dismissed_at = models.DateTimeField(null=True, blank=True)

    @property
    def help_suggestion_showing(self) -> bool:
        if not self.help_suggested_at:
            return False
        return self.help_dismissed_at is None or self.help_dismissed_at < self.help_suggested_at


class Counsellor(models.Model):
    """The operator's own list of counsellors and therapists, shown on the Support page."""

    KINDS = [("couples", "Couples counsellor"), ("individual", "Individual therapist"), ("both", "Couples and individuals")]

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=KINDS, default="couples")
    description = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    url = models.URLField(blank=True)
    location = models.CharField(max_length=120, blank=True, help_text='A town, or "online".')
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
