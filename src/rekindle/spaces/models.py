"""People, couple spaces, memberships and invites.

A person belongs to at most one active space; a space holds at most two people.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rekindle.lib.dates import checkin_date, local_today


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A person needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("display_name", "Operator")
        return self.create_user(email, password, **extra)


class Person(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField("name", max_length=60)
    time_zone = models.CharField(max_length=64, default="UTC")
    # News from each other: when the person last looked, and how many items came since.
    news_seen_at = models.DateTimeField(null=True, blank=True)
    news_unread = models.PositiveIntegerField(default=0)
    # A copy of their newest news items (ids and fixed words only), kept by rekindle.news.services.
    news_feed = models.JSONField(default=list, blank=True)
    # Memories this person asked not to be brought back on Today (ids), kept by rekindle.memories.services.
    memories_hidden = models.JSONField(default=list, blank=True)
    # The measures (practice 17): the month (its first day) and week (its Monday) the person
    # last answered or set aside, so Today knows without a query whether to invite them.
    measure_month_done = models.DateField(null=True, blank=True)
    measure_week_done = models.DateField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PersonManager()

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name or self.email

    def today(self):
        return local_today(self.time_zone)

    def checkin_today(self, at=None):
        """The date today's check-in belongs to: the day runs until 04:00 (see lib.dates)."""
        return checkin_date(self.time_zone, at)


class Space(models.Model):
    name = models.CharField(max_length=80)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # A pause is open here (kept by `listening.models`): Today looks for one only then.
    pause_open = models.BooleanField(default=False)
    # Every memory in the space with a known day, as {"MM-DD": [[id, author id, year], …]}, kept by
    # rekindle.memories.services: Today's "on this day" card picks one without asking the database.
    memory_days = models.JSONField(default=dict, blank=True)
    # Until when Today may have something to say about the couple's plans (the next date, a
    # proposal to answer, "how was it?"); kept by rekindle.dates.services. Null or past: nothing,
    # and Today asks the database nothing about plans.
    plans_until = models.DateTimeField(null=True, blank=True)
    # The earliest date an open step of an open goal is due (kept by rekindle.goals.services),
    # so Today knows without a query whether a goal step card has anything to show.
    next_goal_step_on = models.DateField(null=True, blank=True)
    # When someone last left (or closed their account): records both wrote into without saying
    # who wrote which part (quarterly reviews) are seen only if begun after it.
    member_left_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)


class Membership(models.Model):
    MAX_MEMBERS = 2

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    # Null once the person closed their account: the stayer still sees that someone left, and when.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_at__isnull=True), name="one_active_space_per_person"
            )
        ]


# Unambiguous characters: no 0/O, 1/I/L.
INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
INVITE_LENGTH = 10


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def normalise_invite_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Invite(models.Model):
    LIFETIME_DAYS = 7

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=INVITE_LENGTH, unique=True, default=new_invite_code)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    @property
    def display_code(self) -> str:
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @property
    def status(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
