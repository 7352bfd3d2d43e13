"""Out-of-date pages, second tabs and both partners acting at once: never a corrupted state."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections
from django.urls import reverse

from rekindle.listening import services
from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance
from rekindle.listening.services import STALE
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair
from tests.listening.conftest import act, fresh, start

Phase = ListeningSession.Phase


def test_a_step_from_an_out_of_date_page_is_refused_kindly_and_changes_nothing(session, couple):
    alice, bob = couple
    act(alice, session, "say", "I feel left out of the weekend plans.")
    with pytest.raises(ValidationError) as caught:
        act(alice, session, "pass", version=1)  # her other tab still shows version 1
    assert caught.value.code == "stale" and caught.value.messages[0] == STALE
    s = fresh(session)
    assert (s.phase, s.speaker, s.version) == (Phase.REFLECTING, alice, 2)


def test_the_same_click_twice_counts_once(session, couple):
    alice, bob = couple
    act(alice, session, "say", "I need a quiet hour after work.", version=1)
    with pytest.raises(ValidationError) as caught:
        act(alice, session, "say", "I need a quiet hour after work.", version=1)
    assert caught.value.code == "stale"
    assert Utterance.objects.count() == 1


def test_a_missing_or_garbled_version_counts_as_out_of_date(session, couple):
    for version in (None, "", "abc", "1.5", -1):
        with pytest.raises(ValidationError) as caught:
            services.session_move(person=couple[0], couple=couple_for(couple[0]), session_id=session.pk,
                                  version=version, move="pass")
        assert caught.value.code == "stale"
    assert fresh(session).version == 1


def test_a_pause_is_honoured_even_from_an_out_of_date_page(session, couple):
    alice, bob = couple
    act(alice, session, "say", "Something hard.")
    act(bob, session, "paraphrase", "That was hard for you.")
    # bob's page is two versions behind; the pause still happens, exactly once.
    response = client_for(bob).post(reverse("listening_pause", kwargs={"session_id": session.pk}), {"minutes": 20})
    assert response.status_code == 302
    client_for(alice).post(reverse("listening_pause", kwargs={"session_id": session.pk}), {"minutes": 45})
    assert fresh(session).status == "paused"
    assert Pause.objects.get().minutes == 20
    assert ParkedTopic.objects.count() == 1


def test_notes_never_clash_with_the_turn(session, couple):
    alice, bob = couple
    services.session_note_add(person=bob, couple=couple_for(bob), session_id=session.pk, text="Sunday works")
    act(alice, session, "say", "Still my turn", version=1)  # a note doesn't make her page out of date
    assert fresh(session).version == 2


def test_a_stale_click_in_the_browser_gets_the_fresh_state_and_keeps_the_words(session, couple):
    alice, bob = couple
    client_for(bob).post(reverse("listening_settings", kwargs={"session_id": session.pk}),
                         {"mode": "two_phones", "turn_seconds": 300})
    response = client_for(alice).post(
        reverse("listening_turn", kwargs={"session_id": session.pk}),
        {"version": 1, "move": "say", "text": "My carefully chosen words"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "That already changed" in body
    assert "My carefully chosen words</textarea>" in body  # still there, ready to send again
    assert 'name="version" value="2"' in body


# --- at the same moment, for real: two threads, two database connections ---------------------


def _attempt(call):
    """Run one service call. SQLite's in-memory test database is shared between threads
    through a shared cache, where a second writer is told "table is locked" at once instead
    of waiting its turn as the on-disk database (busy timeout) and PostgreSQL (row locks)
    do; the whole atomic call is then rolled back, so trying it again is the same as having
    waited. PostgreSQL never needs this."""
    for _ in range(500):
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.005)
    raise AssertionError("still locked after many tries")


def run_together(*calls):
    """Run each call in its own thread and connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def runner(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", _attempt(call))
        except ValidationError as exc:
            results[index] = ("refused", exc.code)
        except Exception as exc:  # noqa: BLE001 — reported to the test, which fails on it
            results[index] = ("error", repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def assert_possible(session):
    s = fresh(session)
    assert s.speaker_id and s.listener_id and s.speaker_id != s.listener_id
    assert ListeningSession.objects.filter(space=s.space, status__in=["active", "paused"]).count() <= 1
    return s


@pytest.fixture
def people(transactional_db):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    return alice, bob


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_tabs_taking_different_steps_at_once_leave_one_consistent_state(people, attempt):
    alice, bob = people
    session = start(alice)
    act(alice, session, "say", "I feel far away lately.")
    act(bob, session, "paraphrase", "You miss being close.")
    # alice's two tabs: "that's it, over to Bob" and "not quite…", clicked at the same moment.
    results = run_together(
        lambda: act(alice, session, "confirm_and_pass", version=3),
        lambda: act(alice, session, "clarify", "More that I miss our talks.", version=3),
    )
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    assert ("refused", "stale") in results
    s = assert_possible(session)
    assert s.version == 4
    if results[0][0] == "ok":
        assert (s.phase, s.speaker_id) == (Phase.SPEAKING, bob.pk)
        assert not Utterance.objects.filter(kind="clarify").exists()
    else:
        assert (s.phase, s.speaker_id) == (Phase.REFLECTING, alice.pk)
        assert Utterance.objects.filter(kind="clarify").count() == 1


@pytest.mark.django_db(transaction=True)
def test_both_partners_acting_at_once_on_one_phone_mode(people):
    alice, bob = people
    session = start(alice, mode="one_phone")
    # On one phone both logins may act; from two devices at once, only one step lands.
    results = run_together(
        lambda: act(alice, session, "say", "From alice's login", version=1),
        lambda: act(bob, session, "say", "From bob's login", version=1),
    )
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    s = assert_possible(session)
    assert (s.phase, s.version) == (Phase.REFLECTING, 2)
    assert Utterance.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_pause_and_a_step_at_the_same_moment(people):
    alice, bob = people
    session = start(alice)
    results = run_together(
        lambda: act(alice, session, "say", "I want to say this now.", version=1),
        lambda: services.pause_call(person=bob, couple=couple_for(bob), minutes=20),
    )
    assert results[1][0] == "ok", results  # a pause is never refused
    s = assert_possible(session)
    assert s.status == "paused" and Pause.objects.count() == 1 and ParkedTopic.objects.count() == 1
    if results[0][0] == "ok":  # the words landed first, then the pause
        assert (s.phase, s.version) == (Phase.REFLECTING, 3)
    else:  # the pause landed first; the words were refused, not lost in a broken state
        assert results[0] == ("refused", "stale") and s.version == 2 and not Utterance.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_both_calling_a_pause_at_once_makes_one_pause(people):
    alice, bob = people
    start(alice)
    results = run_together(
        lambda: services.pause_call(person=alice, couple=couple_for(alice), minutes=20),
        lambda: services.pause_call(person=bob, couple=couple_for(bob), minutes=30),
    )
    assert [r[0] for r in results] == ["ok", "ok"], results
    assert Pause.objects.count() == 1 and ParkedTopic.objects.count() == 1
    assert sorted(r[1][1] for r in results) == [False, True]  # one created it, the other joined it


@pytest.mark.django_db(transaction=True)
def test_both_starting_a_session_at_once_makes_one(people):
    alice, bob = people
    results = run_together(lambda: start(alice, "Evenings"), lambda: start(bob, "Mornings"))
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    assert ("refused", "already_open") in results
    assert ListeningSession.objects.count() == 1
