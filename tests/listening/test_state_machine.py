"""The speaker–listener state machine: every step, every step refused, and states the database won't hold."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rekindle.listening import services
from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance
from rekindle.listening.services import MOVES
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person
from tests.listening.conftest import act, fresh, start

Phase = ListeningSession.Phase
Status = ListeningSession.Status


def refused(code, fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        fn(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def to_phase(session, phase):
    """Walk alice's session (alice speaking) to `phase` by legal steps."""
    alice = Person.objects.get(pk=session.speaker_id)
    bob = Person.objects.get(pk=session.listener_id)
    if phase in (Phase.REFLECTING, Phase.CONFIRMING):
        act(alice, session, "say", "I feel rushed in the mornings.")
    if phase == Phase.CONFIRMING:
        act(bob, session, "paraphrase", "Mornings feel like a race for you.")
    assert fresh(session).phase == phase
    return alice, bob


# --- starting --------------------------------------------------------------------------------


def test_start_opens_an_active_session_with_the_chosen_first_speaker(couple):
    alice, bob = couple
    session = start(alice, first="partner", turn_seconds=300, mode="one_phone")
    assert (session.status, session.phase, session.version) == (Status.ACTIVE, Phase.SPEAKING, 1)
    assert (session.speaker, session.listener, session.started_by) == (bob, alice, alice)
    assert (session.turn_seconds, session.mode) == (300, "one_phone")


@pytest.mark.parametrize(
    "field,value,code",
    [
        ("topic", "", "empty"),
        ("topic", "   ", "empty"),
        ("topic", "x" * 201, "too_long"),
        ("first", "both", "bad_speaker"),
        ("turn_seconds", 7, "bad_turn"),
        ("mode", "three_phones", "bad_mode"),
    ],
)
def test_start_refuses_bad_choices_kindly(couple, field, value, code):
    kwargs = {field: value}
    topic = kwargs.pop("topic", "Evenings")
    refused(code, start, couple[0], topic, **kwargs)
    assert not ListeningSession.objects.exists()


def test_start_needs_a_partner(erin):
    refused("solo", start, erin)


def test_only_one_open_session_per_space(session, couple):
    error = refused("already_open", start, couple[1], "Something else")
    assert "How we share the evenings" in error.messages[0]
    act(couple[0], session, "pass")
    services.session_close(person=couple[0], couple=couple_for(couple[0]), session_id=session.pk,
                           version=fresh(session).version, outcome="ended")
    assert start(couple[1], "Something else").status == Status.ACTIVE


# --- the turn, step by step ------------------------------------------------------------------


def test_a_full_turn_say_reflect_confirm_and_swap(session, couple):
    alice, bob = couple
    act(alice, session, "say", "I feel alone with the dishes most nights.")
    s = fresh(session)
    assert (s.phase, s.speaker, s.version) == (Phase.REFLECTING, alice, 2)
    act(bob, session, "paraphrase", "It sounds like you feel on your own with it.")
    assert fresh(session).phase == Phase.CONFIRMING
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30)):
        act(alice, session, "confirm_and_pass")
    s = fresh(session)
    assert (s.phase, s.speaker, s.listener, s.version) == (Phase.SPEAKING, bob, alice, 4)
    assert s.turn_started_at > session.turn_started_at  # a new turn, a fresh timer
    paraphrase = Utterance.objects.get(kind="paraphrase")
    assert paraphrase.confirmed_at is not None and paraphrase.author == bob
    assert list(Utterance.objects.values_list("kind", "author__display_name")) == [
        ("said", "Alice"), ("paraphrase", "Bob"),
    ]


def test_thats_it_can_keep_the_floor(session, couple):
    alice, bob = couple
    to_phase(session, Phase.CONFIRMING)
    act(alice, session, "confirm")
    s = fresh(session)
    assert (s.phase, s.speaker, s.turn_started_at) == (Phase.SPEAKING, alice, session.turn_started_at)
    assert Utterance.objects.get(kind="paraphrase").confirmed_at is not None


def test_clarify_goes_back_to_the_listener(session, couple):
    alice, bob = couple
    to_phase(session, Phase.CONFIRMING)
    act(alice, session, "clarify", "More that I feel unseen than alone.")
    s = fresh(session)
    assert (s.phase, s.speaker) == (Phase.REFLECTING, alice)
    assert Utterance.objects.get(kind="paraphrase").confirmed_at is None
    act(bob, session, "paraphrase", "You'd like me to notice.")
    assert fresh(session).phase == Phase.CONFIRMING


def test_the_speaker_can_pass_the_floor_without_speaking(session, couple):
    alice, bob = couple
    act(alice, session, "pass")
    s = fresh(session)
    assert (s.phase, s.speaker, s.listener, s.last_actor) == (Phase.SPEAKING, bob, alice, alice)


ALL_PHASES = [Phase.SPEAKING, Phase.REFLECTING, Phase.CONFIRMING]


@pytest.mark.parametrize(
    "phase,move",
    [(phase, move) for phase in ALL_PHASES for move, spec in MOVES.items() if spec.phase != phase],
)
def test_every_step_from_the_wrong_phase_is_refused(session, couple, phase, move):
    alice, bob = to_phase(session, phase)
    before = fresh(session)
    words_before = Utterance.objects.count()
    actor = alice if MOVES[move].role == "speaker" else bob
    error = refused("wrong_phase", act, actor, session, move, "Some words")
    assert "Right now" in error.messages[0]
    after = fresh(session)
    assert (after.phase, after.version, after.speaker_id) == (before.phase, before.version, before.speaker_id)
    assert Utterance.objects.count() == words_before


@pytest.mark.parametrize("move", list(MOVES))
def test_on_two_phones_each_acts_only_in_their_own_role(session, couple, move):
    alice, bob = couple
    spec = MOVES[move]
    speaker, listener = to_phase(session, spec.phase)
    wrong = listener if spec.role == "speaker" else speaker
    error = refused("out_of_turn", act, wrong, session, move, "Let me just say")
    assert "turn" in error.messages[0]
    assert fresh(session).phase == spec.phase


def test_on_one_phone_either_login_acts_for_the_named_role(couple):
    alice, bob = couple
    session = start(alice, mode="one_phone")
    act(alice, session, "say", "I miss our walks.")
    act(alice, session, "paraphrase", "You miss time outside with me.")  # bob's words, typed on alice's phone
    act(alice, session, "confirm_and_pass")
    act(alice, session, "say", "Me too, I just get so tired.")  # bob speaks now, still on alice's phone
    authors = list(Utterance.objects.order_by("id").values_list("author__display_name", "kind"))
    assert authors == [("Alice", "said"), ("Bob", "paraphrase"), ("Bob", "said")]
    assert fresh(session).last_actor == bob


def test_unknown_step_is_refused(session, couple):
    refused("bad_move", act, couple[0], session, "shout", "HEY")


@pytest.mark.parametrize("text,code", [("", "empty"), ("  \n ", "empty"), ("x" * 301, "too_long")])
@pytest.mark.parametrize("move", ["say", "paraphrase", "clarify"])
def test_words_must_be_a_sentence_or_two(session, couple, move, text, code):
    speaker, listener = to_phase(session, MOVES[move].phase)
    actor = speaker if MOVES[move].role == "speaker" else listener
    before = fresh(session).version
    error = refused(code, act, actor, session, move, text)
    assert "300" in error.messages[0] if code == "too_long" else error.messages[0]
    assert fresh(session).version == before


def test_three_hundred_characters_is_fine(session, couple):
    act(couple[0], session, "say", "x" * 300)
    assert fresh(session).phase == Phase.REFLECTING


def test_the_version_goes_up_by_one_with_every_change(session, couple):
    alice, bob = couple
    versions = [fresh(session).version]
    for person, move, text in [(alice, "say", "a"), (bob, "paraphrase", "b"), (alice, "clarify", "c"),
                               (bob, "paraphrase", "d"), (alice, "confirm", ""), (alice, "pass", "")]:
        act(person, session, move, text)
        versions.append(fresh(session).version)
    assert versions == list(range(1, 8))


# --- pausing, resuming, closing --------------------------------------------------------------


def test_a_paused_or_closed_session_takes_no_steps(session, couple):
    alice, bob = couple
    services.pause_call(person=bob, couple=couple_for(bob), minutes=20)
    error = refused("paused", act, alice, session, "say", "But wait")
    assert "until" in error.messages[0]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=21)):
        refused("paused", act, alice, session, "say", "But wait")
        services.session_resume(person=alice, couple=couple_for(alice), session_id=session.pk, version=fresh(session).version)
        services.session_close(person=alice, couple=couple_for(alice), session_id=session.pk,
                               version=fresh(session).version, outcome="ended")
        refused("closed", act, alice, session, "say", "One more thing")


def test_resume_waits_for_the_agreed_time_then_carries_on(session, couple):
    alice, bob = couple
    to_phase(session, Phase.REFLECTING)
    services.pause_call(person=bob, couple=couple_for(bob), minutes=30)
    paused = fresh(session)
    assert paused.status == Status.PAUSED and paused.phase == Phase.REFLECTING
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29)):
        error = refused("too_soon", services.session_resume, person=alice, couple=couple_for(alice),
                        session_id=session.pk, version=paused.version)
        assert "runs until" in error.messages[0]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        services.session_resume(person=alice, couple=couple_for(alice), session_id=session.pk, version=paused.version)
        resumed = fresh(session)
        assert (resumed.status, resumed.phase, resumed.speaker) == (Status.ACTIVE, Phase.REFLECTING, alice)
        assert resumed.turn_started_at >= timezone.now() - dt.timedelta(seconds=5)  # a fresh turn timer
        assert Pause.objects.get().ended_at is not None  # coming back ends the pause
        assert ParkedTopic.objects.get().resumed_at is not None  # and takes the topic off the list
        act(bob, session, "paraphrase", "You felt hurried.")


def test_resume_is_only_for_paused_sessions(session, couple):
    refused("not_paused", services.session_resume, person=couple[0], couple=couple_for(couple[0]),
            session_id=session.pk, version=1)


@pytest.mark.parametrize("outcome", ["ended", "parked"])
def test_close_ends_or_parks_from_active_or_paused(session, couple, outcome):
    alice, bob = couple
    services.session_close(person=bob, couple=couple_for(bob), session_id=session.pk, version=1, outcome=outcome)
    s = fresh(session)
    assert s.status == outcome and s.ended_at is not None and s.version == 2
    assert ParkedTopic.objects.filter(resumed_at__isnull=True).count() == (1 if outcome == "parked" else 0)
    refused("closed", services.session_close, person=bob, couple=couple_for(bob), session_id=session.pk,
            version=2, outcome=outcome)


def test_ending_a_paused_session_takes_its_topic_off_the_parked_list(session, couple):
    alice, bob = couple
    services.pause_call(person=bob, couple=couple_for(bob), minutes=20)
    services.session_close(person=alice, couple=couple_for(alice), session_id=session.pk,
                           version=fresh(session).version, outcome="ended")
    assert ParkedTopic.objects.get().resumed_at is not None


def test_close_needs_a_known_outcome(session, couple):
    refused("bad_outcome", services.session_close, person=couple[0], couple=couple_for(couple[0]),
            session_id=session.pk, version=1, outcome="deleted")


def test_settings_change_the_turn_length_and_phones(session, couple):
    alice, bob = couple
    services.session_settings(person=bob, couple=couple_for(bob), session_id=session.pk, mode="one_phone", turn_seconds=60)
    s = fresh(session)
    assert (s.mode, s.turn_seconds, s.version) == ("one_phone", 60, 2)
    refused("bad_turn", services.session_settings, person=bob, couple=couple_for(bob), session_id=session.pk,
            mode="one_phone", turn_seconds=61)
    refused("bad_mode", services.session_settings, person=bob, couple=couple_for(bob), session_id=session.pk,
            mode="carrier_pigeon", turn_seconds=60)


# --- what the database refuses ---------------------------------------------------------------


def _impossible(**changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        ListeningSession.objects.filter(pk=changes.pop("pk")).update(**changes)


def test_the_database_refuses_impossible_sessions(session, couple):
    alice, bob = couple
    _impossible(pk=session.pk, listener=alice)  # two speakers: the speaker is also the listener
    _impossible(pk=session.pk, speaker=None)  # a turn without a speaker
    _impossible(pk=session.pk, listener=None)
    _impossible(pk=session.pk, phase="arguing")
    _impossible(pk=session.pk, status="ended")  # ended without saying when
    _impossible(pk=session.pk, ended_at=timezone.now())  # active yet ended
    _impossible(pk=session.pk, version=0)
    _impossible(pk=session.pk, turn_seconds=5)
    with pytest.raises(IntegrityError), transaction.atomic():  # a second open session in the space
        ListeningSession.objects.create(space=session.space, topic="Another", started_by=bob, speaker=bob, listener=alice)


def test_the_database_refuses_impossible_words_and_pauses(session, couple):
    alice, bob = couple
    with pytest.raises(IntegrityError), transaction.atomic():
        Utterance.objects.create(session=session, author=alice, kind="said", text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Utterance.objects.create(session=session, author=alice, kind="said", text="hi", confirmed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Pause.objects.create(space=session.space, called_by=alice, minutes=19)
    Pause.objects.create(space=session.space, called_by=alice, minutes=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pause.objects.create(space=session.space, called_by=bob, minutes=20)  # two open pauses


def test_a_session_left_over_after_someone_leaves_ends_when_a_new_one_starts(couple):
    from rekindle.spaces import services as space_services

    alice, bob = couple
    old = start(alice)
    space_services.space_leave(person=bob)
    cara = make_person("Cara")
    invite = space_services.invite_create(person=alice)
    space_services.invite_accept(person=cara, code=invite.code)
    refused("not_members", act, alice, old, "say", "Hello?")
    new = start(alice, "Settling in")
    assert fresh(old).status == Status.ENDED and new.listener == cara


def test_deleting_an_account_mid_session_ends_it_and_takes_the_topic(session, couple):
    alice, bob = couple
    act(alice, session, "say", "Words of mine")
    alice.delete()
    s = fresh(session)
    assert s.status == Status.ENDED and s.speaker is None and "left with" in s.topic
    assert not Utterance.objects.filter(text="Words of mine").exists()


def test_other_couples_sessions_are_out_of_reach(session, other_couple):
    carol, dave = other_couple
    refused("not_found", act, carol, session, "say", "Hello")
    refused("not_found", services.session_note_add, person=carol, couple=couple_for(carol), session_id=session.pk, text="Hi")


def test_words_can_be_said_out_loud_instead_of_typed(session, couple):
    alice, bob = couple
    services.session_move(person=alice, couple=couple_for(alice), session_id=session.pk, version=1,
                          move="say", text="", aloud=True)
    services.session_move(person=bob, couple=couple_for(bob), session_id=session.pk, version=2,
                          move="paraphrase", text="  ", aloud=True)
    assert fresh(session).phase == Phase.CONFIRMING
    assert not Utterance.objects.exists()  # nothing typed, nothing kept
    act(alice, session, "confirm_and_pass")
    services.session_move(person=bob, couple=couple_for(bob), session_id=session.pk, version=4,
                          move="say", text="Typed as well", aloud=True)
    assert Utterance.objects.get().text == "Typed as well"
