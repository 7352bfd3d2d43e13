"""Listening sessions (speaker and listener), pauses, and parked topics.

A listening session is a small state machine kept on the server. The database itself
refuses impossible states: an open session always has one speaker and one listener who
are different people, a space has at most one open session and at most one open pause,
and a pause always lasts at least twenty minutes (its end is computed from its length,
so it can't be set earlier).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet

TOPIC_MAX = 200
WORDS_MAX = 300  # a sentence or two
TURN_SECONDS = (60, 120, 180, 300, 600)
TURN_SECONDS_DEFAULT = 120
TURN_SECONDS_RANGE = (30, 1800)
PAUSE_MINUTES = (20, 30, 45, 60)
PAUSE_MIN_MINUTES = 20
PAUSE_MAX_MINUTES = 24 * 60
PAUSE_LONGER_MINUTES = 15
# After the agreed time, a pause still shows ("time to come back") for a while, then fades.
PAUSE_AFTERGLOW = dt.timedelta(hours=3)


class AuthoredByQuerySet(SharedContentQuerySet):
    """`SharedContentQuerySet.visible_to` for models whose author field has another name (`author_field`)."""


class SessionQuerySet(AuthoredByQuerySet):
    author_field = "started_by"  # the topic is the words of whoever started the session

    def open(self):
        return self.filter(status__in=ListeningSession.OPEN)


class ListeningSession(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "going"
        PAUSED = "paused", "paused"
        PARKED = "parked", "parked"
        ENDED = "ended", "ended"

    class Phase(models.TextChoices):
        SPEAKING = "speaking", "speaking"
        REFLECTING = "reflecting", "reflecting back"
        CONFIRMING = "confirming", "checking"

    class Mode(models.TextChoices):
        ONE_PHONE = "one_phone", "One phone, passed between us"
        TWO_PHONES = "two_phones", "Two phones, one each"

    OPEN = (Status.ACTIVE, Status.PAUSED)
    CLOSED = (Status.PARKED, Status.ENDED)

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="listening_sessions")
    topic = models.CharField(max_length=TOPIC_MAX)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.TWO_PHONES)
    turn_seconds = models.PositiveSmallIntegerField(default=TURN_SECONDS_DEFAULT)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.SPEAKING)
    speaker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    listener = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Whose role made the last move: on one phone, a change of hands means "pass the phone".
    last_actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one with every change of state.")
    turn_started_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["active", "paused", "parked", "ended"]), name="session_status_known"),
            models.CheckConstraint(condition=Q(phase__in=["speaking", "reflecting", "confirming"]), name="session_phase_known"),
            models.CheckConstraint(condition=Q(mode__in=["one_phone", "two_phones"]), name="session_mode_known"),
            models.CheckConstraint(condition=Q(version__gte=1), name="session_version_positive"),
            models.CheckConstraint(
                condition=Q(turn_seconds__gte=TURN_SECONDS_RANGE[0], turn_seconds__lte=TURN_SECONDS_RANGE[1]),
                name="session_turn_length_in_range",
            ),
            # One speaker, one listener, never the same person; an open session always has both.
            models.CheckConstraint(condition=~Q(speaker=F("listener")), name="session_speaker_is_not_listener"),
            models.CheckConstraint(
                condition=Q(status__in=["parked", "ended"]) | Q(speaker__isnull=False, listener__isnull=False),
                name="open_session_has_speaker_and_listener",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "paused"], ended_at__isnull=True)
                | Q(status__in=["parked", "ended"], ended_at__isnull=False),
                name="session_ended_at_matches_status",
            ),
            models.UniqueConstraint(
                fields=["space"], condition=Q(status__in=["active", "paused"]), name="one_open_session_per_space"
            ),
        ]

    def __str__(self) -> str:
        return f"Listening session {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def turn_ends_at(self) -> dt.datetime:
        return self.turn_started_at + dt.timedelta(seconds=self.turn_seconds)

    @property
    def actor_id(self) -> int | None:
        """Who acts next: the speaker speaks and checks, the listener reflects back."""
        return self.listener_id if self.phase == self.Phase.REFLECTING else self.speaker_id


class UtteranceQuerySet(SharedContentQuerySet):
    space_lookup = "session__space"


class Utterance(models.Model):
    """A sentence or two in a session: the speaker's words, the listener's paraphrase, or a shared note."""

    class Kind(models.TextChoices):
        SAID = "said", "said"
        PARAPHRASE = "paraphrase", "heard"
        CLARIFY = "clarify", "clarified"
        NOTE = "note", "noted"

    session = models.ForeignKey(ListeningSession, on_delete=models.CASCADE, related_name="utterances")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=WORDS_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When the speaker said “that's it”.")

    objects = UtteranceQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["said", "paraphrase", "clarify", "note"]), name="utterance_kind_known"),
            models.CheckConstraint(condition=~Q(text=""), name="utterance_has_words"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(kind="paraphrase"), name="only_paraphrases_are_confirmed"
            ),
        ]


class PauseQuerySet(AuthoredByQuerySet):
    author_field = "called_by"


class Pause(models.Model):
    """Time apart, called by either partner, with an agreed time to come back."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="pauses")
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason_topic = models.CharField(max_length=TOPIC_MAX, blank=True)
    session = models.ForeignKey(
        ListeningSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="pauses"
    )
    started_at = models.DateTimeField(default=timezone.now)
    minutes = models.PositiveSmallIntegerField(help_text="How long apart; the time to come back follows from it.")
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=PAUSE_MIN_MINUTES, minutes__lte=PAUSE_MAX_MINUTES),
                name="pause_lasts_at_least_twenty_minutes",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")), name="pause_ends_after_it_starts"
            ),
            models.UniqueConstraint(fields=["space"], condition=Q(ended_at__isnull=True), name="one_open_pause_per_space"),
        ]

    @property
    def resume_at(self) -> dt.datetime:
        return self.started_at + dt.timedelta(minutes=self.minutes)

    @property
    def token(self) -> str:
        """Changes whenever what a page shows about the pause changes (for polling)."""
        return f"{self.pk}-{self.minutes}-{self.state()}"

    def state(self, now: dt.datetime | None = None) -> str:
        """`apart` until the agreed time, `due` for a while after it, then `over`."""
        now = now or timezone.now()
        if self.ended_at is not None:
            return "over"
        if now < self.resume_at:
            return "apart"
        if now < self.resume_at + PAUSE_AFTERGLOW:
            return "due"
        return "over"


class ParkedTopic(models.Model):
    """A topic set aside during a pause, to pick up again later. Parked, not dropped."""

    class Source(models.TextChoices):
        LISTENING = "listening", "a listening session"
        PAUSE = "pause", "a pause"

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="parked_topics")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=TOPIC_MAX)
    source = models.CharField(max_length=10, choices=Source.choices)
    session = models.ForeignKey(
        ListeningSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="parked_topics"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resumed_at = models.DateTimeField(null=True, blank=True)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(source__in=["listening", "pause"]), name="parked_topic_source_known"),
            models.CheckConstraint(condition=~Q(topic=""), name="parked_topic_has_words"),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(resumed_at__isnull=True, session__isnull=False),
                name="one_waiting_parked_topic_per_session",
            ),
        ]



def _set_pause_open(pause: Pause, is_open: bool) -> None:
    """Keep `Space.pause_open` true exactly while the space has a pause without an end. A space
    has at most one such pause (a constraint), so the pause being saved decides it."""
    from rekindle.spaces.selectors import forget_couples

    space = pause._state.fields_cache.get("space")  # the couple's own Space, when it came with one
    if space is not None and space.pause_open == is_open:
        return
    Space.objects.filter(pk=pause.space_id).update(pause_open=is_open)
    if space is not None:
        space.pause_open = is_open
    forget_couples()  # any other couple loaded before this holds the old flag


def _pause_saved(sender, instance: Pause, **kwargs) -> None:
    _set_pause_open(instance, instance.ended_at is None)


def _pause_deleted(sender, instance: Pause, **kwargs) -> None:
    if instance.ended_at is None:
        _set_pause_open(instance, False)


models.signals.post_save.connect(_pause_saved, sender=Pause, dispatch_uid="pause-open-on-save")
models.signals.post_delete.connect(_pause_deleted, sender=Pause, dispatch_uid="pause-open-on-delete")
