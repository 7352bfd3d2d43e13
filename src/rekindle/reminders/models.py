"""Reminder choices per person, and one row per reminder that is (or was) on its way.

A `Delivery` is the promise to send one reminder of one kind for one occasion (a day, a week,
a planned date): the unique constraint makes sure it exists once, however many workers plan
at the same time, and its lease makes sure only one worker sends it at a time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReminderPreferences(models.Model):
    """A person's reminder choices that hold for every kind."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences")
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    paused_until = models.DateTimeField(null=True, blank=True)
    # Where links in e-mails point when REKINDLE_PUBLIC_URL is not set: the address the person used.
    site_url = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def is_paused(self, at: dt.datetime | None = None) -> bool:
        at = timezone.now() if at is None else at
        return self.paused_until is not None and self.paused_until > at

    def in_quiet_hours(self, local_time: dt.time) -> bool:
        start, end = self.quiet_from, self.quiet_until
        if start is None or end is None or start == end:
            return False
        if start < end:
            return start <= local_time < end
        return local_time >= start or local_time < end  # e.g. 22:00 until 07:00


class ReminderSetting(models.Model):
    """One reminder kind (see registry.py) switched on or off, at the person's own local time."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings")
    kind = models.CharField(max_length=40)
    enabled = models.BooleanField(default=False)
    at = models.TimeField(null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 is Monday.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_reminder_setting_per_kind")]
        indexes = [models.Index(fields=["kind", "enabled"])]


class Delivery(models.Model):
    PENDING, SENT, SKIPPED = "pending", "sent", "skipped"
    STATES = [(PENDING, "waiting to be sent"), (SENT, "sent"), (SKIPPED, "not needed after all")]

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries")
    kind = models.CharField(max_length=40)
    occasion = models.CharField(max_length=40, help_text="Which day, week or event this reminder is for.")
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    # A worker that takes the delivery holds it until then; a worker that dies lets it go.
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "occasion"], name="one_reminder_per_occasion")
        ]
        indexes = [models.Index(fields=["state", "lease_until"])]
        verbose_name_plural = "deliveries"


class SchedulerClock(models.Model):
    """One row: when the next planning round is due. Whoever moves it forward plans that round."""

    next_round_at = models.DateTimeField()


class PushSubscription(models.Model):
    """A browser (an installed phone) that asked to show this person's reminders (Web Push)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
