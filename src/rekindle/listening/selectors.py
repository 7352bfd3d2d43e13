"""Viewer-scoped reads of listening sessions, pauses and parked topics.

Everything here starts from `visible_to(person)` and the viewer's own space. A session's
page and its polling endpoint cost the same few queries however long the session runs:
only the latest words are read, with a fixed limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from rekindle.care.selectors import joint_conflict_exercises_hidden
from rekindle.lib.prepared import prepared
from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple

RECENT_WORDS = 30  # the live page shows this many of the latest lines; the rest is one click away
RECENT_NOTES = 20
RECENT_SESSIONS = 10
PICKED_UP_SHOWN = 10

Status = ListeningSession.Status
Phase = ListeningSession.Phase
Kind = Utterance.Kind


def listening_offered(couple: Couple) -> bool:
    """Whether listening sessions are offered in this space (the pause always is)."""
    return not joint_conflict_exercises_hidden(couple.space)


def active_pause(couple: Couple | None) -> Pause | None:
    """The space's pause, while it is on or its time to come back has just come; else None."""
    if couple is None or couple.partner is None or not couple.space.pause_open:
        return None
    # Today asks this on every visit, so it is the plainest query there is (a pause called in
    # this space by one of its two members is what `visible_to` allows), and who called it
    # comes from the couple rather than a join.
    pause = (
        Pause.objects.filter(space=couple.space.pk, called_by__in=(couple.me.pk, couple.partner.pk), ended_at__isnull=True)
        .order_by()
        .select_related("session")
        .first()
    )
    if pause is None or pause.state() == "over":
        return None
    pause.called_by = couple.member(pause.called_by_id)
    return pause


def pause_token(pause: Pause | None) -> str:
    """Changes whenever what the Today card shows about the pause changes."""
    return "none" if pause is None else pause.token


def pause_for(person: Person, couple: Couple, pause_id: int) -> Pause | None:
    return (
        Pause.objects.visible_to(person)
        .filter(pk=pause_id, space=couple.space)
        .select_related("called_by", "session")
        .first()
    )


@prepared
def _open_session(viewer, couple):
    return ListeningSession.objects.visible_to(viewer).filter(space=couple.space).open()[:1]


@prepared
def _recent_sessions(viewer, couple):
    return ListeningSession.objects.visible_to(viewer).filter(space=couple.space)[:RECENT_SESSIONS]


@prepared
def _parked_waiting(viewer, couple):
    return _parked(viewer, couple).filter(resumed_at__isnull=True).order_by("created_at", "id")


@prepared
def _parked_picked_up(viewer, couple):
    return _parked(viewer, couple).filter(resumed_at__isnull=False).order_by("-resumed_at", "-id")[:PICKED_UP_SHOWN]


def _parked(viewer, couple):
    return ParkedTopic.objects.visible_to(viewer).filter(space=couple.space).select_related("author")


def open_session(person: Person, couple: Couple) -> ListeningSession | None:
    return _open_session.first(person)


def session_exists(person: Person, couple: Couple, session_id: int) -> bool:
    return ListeningSession.objects.visible_to(person).filter(pk=session_id, space=couple.space).exists()


def recent_sessions(person: Person, couple: Couple) -> list[ListeningSession]:
    return _recent_sessions.rows(person)


@dataclass
class ParkedList:
    waiting: list[ParkedTopic]
    picked_up: list[ParkedTopic]


def parked_topics(person: Person, couple: Couple) -> ParkedList:
    return ParkedList(waiting=_parked_waiting.rows(person), picked_up=_parked_picked_up.rows(person))


def waiting_parked_topic(person: Person, couple: Couple, topic_id) -> ParkedTopic | None:
    try:
        topic_id = int(topic_id)
    except (TypeError, ValueError):
        return None
    return (
        ParkedTopic.objects.visible_to(person)
        .filter(pk=topic_id, space=couple.space, resumed_at__isnull=True)
        .first()
    )


@dataclass
class SessionView:
    """A session as one person's page shows it: roles by name, what to do next, the latest words."""

    session: ListeningSession
    couple: Couple
    last_utterance_id: int
    pause: Pause | None = None
    words: list[Utterance] | None = None  # the latest said/heard/clarified lines, oldest first
    notes: list[Utterance] | None = None  # the latest notes, oldest first
    now: dt.datetime = field(default_factory=timezone.now)

    # --- who is who ---
    def _person(self, person_id) -> Person | None:
        for person in (self.couple.me, self.couple.partner):
            if person is not None and person.pk == person_id:
                return person
        return None

    @property
    def viewer(self) -> Person:
        return self.couple.me

    @property
    def speaker(self) -> Person | None:
        return self._person(self.session.speaker_id)

    @property
    def listener(self) -> Person | None:
        return self._person(self.session.listener_id)

    @property
    def actor(self) -> Person | None:
        """Whose move it is: the speaker speaks and checks, the listener reflects back."""
        return self._person(self.session.actor_id)

    @property
    def one_phone(self) -> bool:
        return self.session.mode == ListeningSession.Mode.ONE_PHONE

    @property
    def roles_known(self) -> bool:
        return self.speaker is not None and self.listener is not None

    @property
    def is_active(self) -> bool:
        return self.session.status == Status.ACTIVE and self.roles_known

    @property
    def is_paused(self) -> bool:
        return self.session.status == Status.PAUSED

    @property
    def is_open(self) -> bool:
        return self.session.is_open and self.roles_known

    @property
    def viewer_acts(self) -> bool:
        """Whether this page offers the next move: on one phone always, on two only to its holder."""
        return self.is_active and (self.one_phone or self.actor == self.viewer)

    @property
    def viewer_is_speaker(self) -> bool:
        return self.session.speaker_id == self.viewer.pk

    @property
    def pass_phone(self) -> bool:
        """On one phone: the next move is someone else's than the last one, so hand it over."""
        s = self.session
        return self.one_phone and self.is_active and s.last_actor_id is not None and s.last_actor_id != s.actor_id

    # --- the turn timer ---
    @property
    def turn_ends_at(self) -> dt.datetime:
        return self.session.turn_ends_at

    @property
    def seconds_left(self) -> int:
        return max(0, int((self.turn_ends_at - self.now).total_seconds()))

    @property
    def time_is_up(self) -> bool:
        return self.seconds_left == 0

    # --- the pause ---
    @property
    def pause_state(self) -> str:
        """For a paused session: "apart" until the agreed time, then "due"; else ""."""
        if not self.is_paused:
            return ""
        return self.pause.state(self.now) if self.pause is not None else "over"

    # --- words ---
    @property
    def exchange(self) -> list[Utterance]:
        """While the listener reflects and the speaker checks: the words since the speaker last spoke up."""
        if self.words is None or self.session.phase == Phase.SPEAKING:
            return []
        for index in range(len(self.words) - 1, -1, -1):
            if self.words[index].kind == Kind.SAID:
                return self.words[index:]
        return []

    @property
    def maybe_more_words(self) -> bool:
        return self.words is not None and len(self.words) >= RECENT_WORDS

    # --- what changed, for polling ---
    @property
    def stage_key(self) -> str:
        return f"{self.session.version}-{self.pause_state}"

    @property
    def words_key(self) -> str:
        return str(self.last_utterance_id)

    @property
    def summary(self) -> str:
        """One plain sentence about where things stand, for screen readers after a change."""
        s = self.session
        if s.status == Status.ENDED:
            return "This conversation has ended."
        if s.status == Status.PARKED:
            return "This topic is parked for another time."
        if self.is_paused:
            return "A pause is on." if self.pause_state == "apart" else "The pause is over. Carry on when you're ready."
        if not self.roles_known:
            return "This conversation can't go on."
        actor = self.actor.display_name
        if s.phase == Phase.SPEAKING:
            return f"{actor} has the floor."
        if s.phase == Phase.REFLECTING:
            return f"{actor} is reflecting back what they heard."
        return f"{actor} is checking whether that's it."


def _last_utterance_id(person: Person):
    latest = Utterance.objects.visible_to(person).filter(session=OuterRef("pk")).order_by("-id").values("id")
    return Subquery(latest[:1])


def _read_words(view: SessionView, person: Person) -> None:
    visible = Utterance.objects.visible_to(person).filter(session=view.session).select_related("author")
    view.words = list(reversed(visible.exclude(kind=Kind.NOTE).order_by("-id")[:RECENT_WORDS]))
    view.notes = list(reversed(visible.filter(kind=Kind.NOTE).order_by("-id")[:RECENT_NOTES]))


def session_view(
    person: Person, couple: Couple, session_id: int, *, words: bool = True, known: tuple[str, str] | None = None
) -> SessionView | None:
    """The session for its page, or None if it isn't in the viewer's space.

    With `known` (the stage and words keys a polling page already shows), the words are
    read only if something changed, so an unchanged poll costs as little as possible.
    """
    session = (
        ListeningSession.objects.visible_to(person)
        .filter(pk=session_id, space=couple.space)
        .annotate(last_utterance_id=_last_utterance_id(person))
        .first()
    )
    if session is None:
        return None
    view = SessionView(session=session, couple=couple, last_utterance_id=session.last_utterance_id or 0)
    if session.status == Status.PAUSED:
        view.pause = active_pause(couple)
    if known is not None and known == (view.stage_key, view.words_key):
        words = False
    if words:
        _read_words(view, person)
    return view


def session_view_after_change(person: Person, couple: Couple, session: ListeningSession) -> SessionView:
    """The view right after a change the viewer made, from the session the change returned."""
    view = SessionView(session=session, couple=couple, last_utterance_id=0)
    if session.status == Status.PAUSED:
        view.pause = active_pause(couple)
    _read_words(view, person)
    # The newest visible line is the newest of the latest words or the latest notes.
    view.last_utterance_id = max((u.pk for u in [*view.words, *view.notes]), default=0)
    return view


def transcript(person: Person, couple: Couple, session_id: int) -> tuple[ListeningSession, list[Utterance]] | None:
    """Everything said in a session, for reading back (not polled)."""
    session = ListeningSession.objects.visible_to(person).filter(pk=session_id, space=couple.space).first()
    if session is None:
        return None
    rows = Utterance.objects.visible_to(person).filter(session=session).select_related("author").order_by("id")
    return session, list(rows)
