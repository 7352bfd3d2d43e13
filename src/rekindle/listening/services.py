"""Writes for listening sessions, pauses and parked topics.

Every change of a session's state is one function here. Each locks the session row
(`select_for_update`; on SQLite the IMMEDIATE transaction does the same), checks the
`version` the person's page was showing, and moves the state machine one step. A click
from an out-of-date page (another tab, the other phone) gets a kind "that already
changed" instead of acting on a state nobody saw. Two calls are exempt on purpose:
a pause can be called at any moment, and notes are only ever added.

Lock order, to keep concurrent calls from waiting on each other in a circle: the space
row first (when needed), then the session row.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Subquery
from django.utils import timezone

from rekindle.lib.dates import zone
from rekindle.listening.models import (
    PAUSE_LONGER_MINUTES,
    PAUSE_MAX_MINUTES,
    PAUSE_MIN_MINUTES,
    PAUSE_MINUTES,
    TOPIC_MAX,
    TURN_SECONDS,
    WORDS_MAX,
    ListeningSession,
    ParkedTopic,
    Pause,
    Utterance,
)
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple

Status = ListeningSession.Status
Phase = ListeningSession.Phase
Mode = ListeningSession.Mode
Kind = Utterance.Kind


@dataclass(frozen=True)
class Move:
    """One step of the speaker–listener turn: who may take it, from which phase, to which."""

    phase: str
    role: str  # "speaker" or "listener"
    next_phase: str
    kind: str | None = None  # the words it records, if any
    swap: bool = False  # the floor passes to the other person
    confirms: bool = False  # marks the latest paraphrase "that's it"
    empty: str = ""


MOVES: dict[str, Move] = {
    "say": Move(
        Phase.SPEAKING, "speaker", Phase.REFLECTING, kind=Kind.SAID,
        empty="Say a sentence or two first — there's no rush.",
    ),
    "pass": Move(Phase.SPEAKING, "speaker", Phase.SPEAKING, swap=True),
    "paraphrase": Move(
        Phase.REFLECTING, "listener", Phase.CONFIRMING, kind=Kind.PARAPHRASE,
        empty="Put what you heard into a few words of your own.",
    ),
    "confirm": Move(Phase.CONFIRMING, "speaker", Phase.SPEAKING, confirms=True),
    "confirm_and_pass": Move(Phase.CONFIRMING, "speaker", Phase.SPEAKING, confirms=True, swap=True),
    "clarify": Move(
        Phase.CONFIRMING, "speaker", Phase.REFLECTING, kind=Kind.CLARIFY,
        empty="Add the part that was missing, in a sentence or two.",
    ),
}

STALE = "That already changed — maybe on the other phone or in another tab. Here's where you both are now."
PHASE_MESSAGES = {
    Phase.SPEAKING: "Right now the speaker has the floor.",
    Phase.REFLECTING: "Right now it's the listener's turn to reflect back what they heard.",
    Phase.CONFIRMING: "Right now the speaker is checking whether they were heard.",
}


def _clean(value: str | None, *, empty: str, limit: int, what: str = "it") -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(empty, code="empty")
    if "\x00" in value:
        raise ValidationError("Some of that text can't be kept. Please type it again.", code="bad_characters")
    if len(value) > limit:
        raise ValidationError(
            f"That's {len(value)} characters; please keep {what} under {limit}. A sentence or two is plenty.",
            code="too_long",
        )
    return value


def clock(person: Person, moment: dt.datetime) -> str:
    """A time of day as the person reads it: 21:40 in their own zone."""
    return timezone.localtime(moment, zone(person.time_zone)).strftime("%H:%M")


def _needs_partner(couple: Couple) -> Person:
    if couple.partner is None:
        raise ValidationError(
            "This is something the two of you do together. Once your partner has joined your space, it's here.",
            code="solo",
        )
    return couple.partner


def _member(couple: Couple, person_id: int | None) -> Person | None:
    for person in (couple.me, couple.partner):
        if person is not None and person.pk == person_id:
            return person
    return None


def _roles_are_the_couple(session: ListeningSession, couple: Couple) -> bool:
    return (
        couple.partner is not None
        and {session.speaker_id, session.listener_id} == {couple.me.pk, couple.partner.pk}
    )


def _lock_space(couple: Couple) -> None:
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).values_list("pk", flat=True).first()


def _lock_session(person: Person, couple: Couple, session_id) -> ListeningSession:
    session = (
        ListeningSession.objects.visible_to(person)
        .select_for_update(of=("self",))
        .filter(pk=session_id, space=couple.space)
        .first()
    )
    if session is None:
        raise ValidationError("That conversation isn't in your space.", code="not_found")
    return session


def _check_version(session: ListeningSession, version) -> None:
    try:
        seen = int(version)
    except (TypeError, ValueError):
        seen = None
    if seen != session.version:
        raise ValidationError(STALE, code="stale")


def _current_pause(space_id: int, now: dt.datetime) -> Pause | None:
    pause = Pause.objects.filter(space_id=space_id, ended_at__isnull=True).first()
    if pause is not None and pause.state(now) == "over":
        return None
    return pause


def _check_open(session: ListeningSession, person: Person, now: dt.datetime) -> None:
    if session.status == Status.PAUSED:
        pause = _current_pause(session.space_id, now)
        if pause is not None and pause.state(now) == "apart":
            raise ValidationError(
                f"This conversation is on a pause until {clock(person, pause.resume_at)}. Take the time apart; "
                "it will all be here when you're back.",
                code="paused",
            )
        raise ValidationError("This conversation is paused. Carry on when you're both ready.", code="paused")
    if session.status in ListeningSession.CLOSED:
        raise ValidationError("This conversation has finished. You can start a new one any time.", code="closed")


def _changed(session: ListeningSession, now: dt.datetime, *fields: str) -> None:
    session.version += 1
    session.save(update_fields=["version", *fields])


def _park(session: ListeningSession, person: Person, now: dt.datetime) -> ParkedTopic:
    """The session's topic on the parked list (once: an already waiting entry is kept)."""
    waiting = ParkedTopic.objects.filter(session=session, resumed_at__isnull=True).first()
    if waiting is not None:
        return waiting
    return ParkedTopic.objects.create(
        space_id=session.space_id,
        author_id=session.started_by_id or person.pk,
        topic=session.topic,
        source=ParkedTopic.Source.LISTENING,
        session=session,
        created_at=now,
    )


def _settle_parked(session: ListeningSession, now: dt.datetime) -> None:
    ParkedTopic.objects.filter(session=session, resumed_at__isnull=True).update(resumed_at=now)


# --- sessions ------------------------------------------------------------------------------


@transaction.atomic
def session_start(
    *,
    person: Person,
    couple: Couple,
    topic: str,
    first_speaker: str,
    turn_seconds: int,
    mode: str,
    parked_topic_id: int | None = None,
) -> ListeningSession:
    """Open a session on one topic; `first_speaker` is "me" or "partner"."""
    partner = _needs_partner(couple)
    topic = _clean(topic, empty="Name the topic in a few words.", limit=TOPIC_MAX, what="the topic")
    if first_speaker not in {"me", "partner"}:
        raise ValidationError("Choose who speaks first.", code="bad_speaker")
    if turn_seconds not in TURN_SECONDS:
        raise ValidationError("Choose one of the turn lengths on the list.", code="bad_turn")
    if mode not in Mode.values:
        raise ValidationError("Choose one phone or two.", code="bad_mode")
    _lock_space(couple)
    now = timezone.now()
    pause = _current_pause(couple.space.pk, now)
    if pause is not None and pause.state(now) == "apart":
        raise ValidationError(
            f"You're taking time apart until {clock(person, pause.resume_at)}. Start after that, when you're both ready.",
            code="paused",
        )
    parked = None
    if parked_topic_id is not None:
        parked = (
            ParkedTopic.objects.visible_to(person)
            .select_for_update(of=("self",))
            .filter(pk=parked_topic_id, space=couple.space, resumed_at__isnull=True)
            .first()
        )
        if parked is None:
            raise ValidationError("That topic has already been picked up again.", code="parked_gone")
    current = ListeningSession.objects.select_for_update().filter(space=couple.space).open().first()
    if current is not None:
        if not _roles_are_the_couple(current, couple):
            # Left over from before someone left the space: it can't go on, so it ends.
            current.status, current.ended_at = Status.ENDED, now
            _changed(current, now, "status", "ended_at")
        elif parked is not None and parked.session_id == current.pk and current.status == Status.PAUSED:
            # Picking a paused session's topic up again moves it to a fresh session.
            current.status, current.ended_at = Status.PARKED, now
            _changed(current, now, "status", "ended_at")
        else:
            raise ValidationError(
                f"You already have a conversation open: “{current.topic}”. Carry on with it, or finish or park it first.",
                code="already_open",
            )
    speaker, listener = (person, partner) if first_speaker == "me" else (partner, person)
    try:
        with transaction.atomic():
            session = ListeningSession.objects.create(
                space=couple.space,
                topic=topic,
                started_by=person,
                mode=mode,
                turn_seconds=turn_seconds,
                speaker=speaker,
                listener=listener,
                turn_started_at=now,
                created_at=now,
            )
    except IntegrityError:  # both pressed "Start" at the same moment
        raise ValidationError(
            "Your partner has just started a conversation. Join them there.", code="already_open"
        ) from None
    if parked is not None:
        parked.resumed_at = now
        parked.save(update_fields=["resumed_at"])
    return session


@transaction.atomic
def session_move(
    *, person: Person, couple: Couple, session_id: int, version, move: str, text: str = "", aloud: bool = False
) -> ListeningSession:
    """One step of the turn: say, paraphrase, confirm (and maybe pass the floor), clarify, pass.

    Words can be typed or said `aloud` (sitting together): said aloud, nothing need be typed.
    """
    session = _lock_session(person, couple, session_id)
    spec = MOVES.get(move)
    if spec is None:
        raise ValidationError("That isn't a step of a listening session.", code="bad_move")
    _check_version(session, version)
    now = timezone.now()
    _check_open(session, person, now)
    if not _roles_are_the_couple(session, couple):
        raise ValidationError("This conversation can't go on now that your space has changed.", code="not_members")
    if session.phase != spec.phase:
        raise ValidationError(PHASE_MESSAGES[session.phase], code="wrong_phase")
    holder = _member(couple, session.speaker_id if spec.role == "speaker" else session.listener_id)
    if session.mode == Mode.TWO_PHONES and holder.pk != person.pk:
        if spec.role == "speaker":
            message = f"{holder.display_name} has the floor right now. Your turn to speak comes after."
        else:
            message = f"It's {holder.display_name}'s turn to reflect back what they heard."
        raise ValidationError(message, code="out_of_turn")
    if spec.kind and not (aloud and not (text or "").strip()):
        text = _clean(text, empty=spec.empty, limit=WORDS_MAX)
        # On one phone both act from it; the words are recorded as the named role's.
        Utterance.objects.create(session=session, author=holder, kind=spec.kind, text=text, created_at=now)
    if spec.confirms:  # "that's it" marks the latest paraphrase
        latest = Utterance.objects.filter(session=session, kind=Kind.PARAPHRASE).order_by("-id").values("id")[:1]
        Utterance.objects.filter(pk__in=Subquery(latest), confirmed_at__isnull=True).update(confirmed_at=now)
    fields = ["phase", "last_actor"]
    session.phase = spec.next_phase
    session.last_actor = holder
    if spec.swap:
        session.speaker_id, session.listener_id = session.listener_id, session.speaker_id
        session.turn_started_at = now
        fields += ["speaker", "listener", "turn_started_at"]
    _changed(session, now, *fields)
    return session


@transaction.atomic
def session_note_add(
    *, person: Person, couple: Couple, session_id: int, text: str, author_id: int | None = None
) -> Utterance:
    """A short note kept with the session, shared with both. On one phone it can be from either."""
    text = _clean(text, empty="Write the note first — a few words is enough.", limit=WORDS_MAX, what="notes")
    session = (
        ListeningSession.objects.visible_to(person).filter(pk=session_id, space=couple.space).only("pk", "mode").first()
    )
    if session is None:
        raise ValidationError("That conversation isn't in your space.", code="not_found")
    author = person
    if author_id is not None and session.mode == Mode.ONE_PHONE:  # on two phones, your notes are yours
        author = _member(couple, author_id)
        if author is None:
            raise ValidationError("Choose which of you the note is from.", code="bad_author")
    return Utterance.objects.create(session=session, author=author, kind=Kind.NOTE, text=text)


@transaction.atomic
def session_settings(
    *, person: Person, couple: Couple, session_id: int, mode: str, turn_seconds: int
) -> ListeningSession:
    """Change the turn length or switch between one phone and two; either partner may."""
    if mode not in Mode.values:
        raise ValidationError("Choose one phone or two.", code="bad_mode")
    if turn_seconds not in TURN_SECONDS:
        raise ValidationError("Choose one of the turn lengths on the list.", code="bad_turn")
    session = _lock_session(person, couple, session_id)
    if not session.is_open:
        raise ValidationError("This conversation has finished. You can start a new one any time.", code="closed")
    if session.mode == mode and session.turn_seconds == turn_seconds:
        return session
    session.mode, session.turn_seconds = mode, turn_seconds
    _changed(session, timezone.now(), "mode", "turn_seconds")
    return session


@transaction.atomic
def session_resume(*, person: Person, couple: Couple, session_id: int, version) -> ListeningSession:
    """Carry on after a pause, once the agreed time has come. Coming back ends the pause."""
    _lock_space(couple)
    session = _lock_session(person, couple, session_id)
    _check_version(session, version)
    if session.status != Status.PAUSED:
        raise ValidationError("This conversation isn't paused.", code="not_paused")
    if not _roles_are_the_couple(session, couple):
        raise ValidationError("This conversation can't go on now that your space has changed.", code="not_members")
    now = timezone.now()
    pause = _current_pause(session.space_id, now)
    if pause is not None and pause.state(now) == "apart":
        raise ValidationError(
            f"The pause runs until {clock(person, pause.resume_at)}. Take the time — it helps you both.",
            code="too_soon",
        )
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
    session.status = Status.ACTIVE
    session.turn_started_at = now
    session.last_actor = None
    _settle_parked(session, now)
    _changed(session, now, "status", "turn_started_at", "last_actor")
    return session


@transaction.atomic
def session_close(
    *, person: Person, couple: Couple, session_id: int, version, outcome: str
) -> ListeningSession:
    """End the session ("we both feel understood") or park its topic for another day."""
    if outcome not in {Status.ENDED, Status.PARKED}:
        raise ValidationError("Choose whether to end here or park the topic.", code="bad_outcome")
    session = _lock_session(person, couple, session_id)
    _check_version(session, version)
    if not session.is_open:
        raise ValidationError("This conversation has already finished.", code="closed")
    now = timezone.now()
    session.status, session.ended_at = outcome, now
    if outcome == Status.PARKED:
        _park(session, person, now)
    else:
        _settle_parked(session, now)
    _changed(session, now, "status", "ended_at")
    return session


# --- pauses --------------------------------------------------------------------------------


def pause_minutes_until(person: Person, until: dt.time, now: dt.datetime | None = None) -> int:
    """Whole minutes from now to the next time the person's clock shows `until`."""
    now = now or timezone.now()
    local_now = timezone.localtime(now, zone(person.time_zone))
    target = dt.datetime.combine(local_now.date(), until, tzinfo=local_now.tzinfo)
    if target <= local_now:
        target = dt.datetime.combine(local_now.date() + dt.timedelta(days=1), until, tzinfo=local_now.tzinfo)
    # Compare as instants, so a change of clocks (DST) in between is counted right.
    return math.ceil((target.astimezone(dt.UTC) - now.astimezone(dt.UTC)).total_seconds() / 60)


def _pause_length(person: Person, minutes, until: dt.time | None, now: dt.datetime) -> int:
    if until is not None:
        length = pause_minutes_until(person, until, now)
        if length < PAUSE_MIN_MINUTES:
            raise ValidationError(
                f"That's only {length} minute{'s' if length != 1 else ''} from now. A pause needs at least "
                f"{PAUSE_MIN_MINUTES} minutes apart, so choose a later time.",
                code="too_short",
            )
        return length
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = None
    if minutes not in PAUSE_MINUTES:
        raise ValidationError("Choose how long to take apart: 20, 30, 45 or 60 minutes, or a time.", code="bad_length")
    return minutes


@transaction.atomic
def pause_call(
    *, person: Person, couple: Couple, minutes=None, until: dt.time | None = None, topic: str = ""
) -> tuple[Pause, bool]:
    """Call a pause for the space; returns (pause, created).

    Never refused for being out of date: either partner can call one at any moment. If a
    pause is already on, that one is returned. An open listening session is paused and its
    topic parked; a topic named here is parked too.
    """
    _needs_partner(couple)
    now = timezone.now()
    length = _pause_length(person, minutes, until, now)
    topic = (topic or "").strip()
    if topic:
        topic = _clean(topic, empty="", limit=TOPIC_MAX, what="the topic")
    _lock_space(couple)
    open_pause = Pause.objects.select_for_update().filter(space=couple.space, ended_at__isnull=True).first()
    if open_pause is not None:
        if open_pause.state(now) == "apart":
            return open_pause, False
        open_pause.ended_at = now  # its time has come and gone; this is a new one
        open_pause.save(update_fields=["ended_at"])
    session = ListeningSession.objects.select_for_update().filter(space=couple.space).open().first()
    if session is not None:
        if session.status == Status.ACTIVE:
            session.status = Status.PAUSED
            _changed(session, now, "status")
        _park(session, person, now)
    if topic and (session is None or topic != session.topic):
        ParkedTopic.objects.create(
            space=couple.space, author=person, topic=topic, source=ParkedTopic.Source.PAUSE, created_at=now
        )
    # The space row is locked, so no other pause can be created in between.
    pause = Pause.objects.create(
        space=couple.space,
        called_by=person,
        reason_topic=topic,  # a session's topic stays its starter's words, reached through `session`
        session=session,
        started_at=now,
        minutes=length,
    )
    return pause, True


def _lock_pause(person: Person, couple: Couple, pause_id) -> Pause:
    pause = (
        Pause.objects.visible_to(person)
        .select_for_update(of=("self",))
        .filter(pk=pause_id, space=couple.space)
        .first()
    )
    if pause is None:
        raise ValidationError("That pause isn't in your space.", code="not_found")
    return pause


@transaction.atomic
def pause_longer(*, person: Person, couple: Couple, pause_id: int) -> Pause:
    """Either partner can ask for more time apart: the time to come back moves later."""
    pause = _lock_pause(person, couple, pause_id)
    now = timezone.now()
    if pause.state(now) == "over":
        raise ValidationError("That pause is over.", code="over")
    # From whichever is later, the agreed time or now, so "longer" always means later than now.
    base = max(pause.resume_at, now)
    wanted = math.ceil((base - pause.started_at).total_seconds() / 60) + PAUSE_LONGER_MINUTES
    if wanted > PAUSE_MAX_MINUTES:
        raise ValidationError("A pause can last up to a day. Pick the topic up again when you're ready.", code="too_long")
    pause.minutes = wanted
    pause.save(update_fields=["minutes"])
    return pause


@transaction.atomic
def pause_end(*, person: Person, couple: Couple, pause_id: int) -> Pause:
    """We're back: possible once the agreed time has come."""
    pause = _lock_pause(person, couple, pause_id)
    if pause.ended_at is not None:
        return pause
    now = timezone.now()
    if now < pause.resume_at:
        raise ValidationError(
            f"The pause runs until {clock(person, pause.resume_at)}. Take the time — there's no rush.",
            code="too_soon",
        )
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    return pause


# --- parked topics -------------------------------------------------------------------------


@transaction.atomic
def parked_topic_settle(*, person: Person, couple: Couple, topic_id: int) -> ParkedTopic:
    """We've talked it through: off the waiting list, without starting a session."""
    parked = (
        ParkedTopic.objects.visible_to(person)
        .select_for_update(of=("self",))
        .filter(pk=topic_id, space=couple.space)
        .first()
    )
    if parked is None:
        raise ValidationError("That topic isn't in your space.", code="not_found")
    if parked.resumed_at is None:
        parked.resumed_at = timezone.now()
        parked.save(update_fields=["resumed_at"])
    return parked


# --- accounts ------------------------------------------------------------------------------


LEFT_TOPIC = "(a topic that left with the person who named it)"


def person_leaving_for_good(sender, instance, **kwargs) -> None:
    """Before an account is deleted: its open sessions end, and the topics it named leave with it.

    (An open session must always have a speaker and a listener, so it ends before the
    account's roles are emptied.)
    """
    now = timezone.now()
    ListeningSession.objects.open().filter(Q(speaker=instance) | Q(listener=instance)).update(
        status=Status.ENDED, ended_at=now
    )
    ListeningSession.objects.filter(started_by=instance).update(topic=LEFT_TOPIC)
