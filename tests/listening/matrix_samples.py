"""Listening sessions, pauses and parked topics for the authorization matrix (tests/test_authorization_matrix.py)."""

from rekindle.listening import services
from rekindle.spaces.selectors import couple_for
from tests.test_authorization_matrix import ALICE_SHARED, CAROL_SHARED


def _session_with_words(speaker, listener, marker):
    couple = couple_for(speaker)
    session = services.session_start(
        person=speaker, couple=couple, topic=f"{marker} topic", first_speaker="me", turn_seconds=120, mode="two_phones"
    )
    services.session_move(
        person=speaker, couple=couple, session_id=session.pk, version=1, move="say", text=f"{marker} said"
    )
    services.session_note_add(person=listener, couple=couple_for(listener), session_id=session.pk, text=f"{marker} note")
    return session


def add_samples(alice, bob, carol, dave):
    alice_session = _session_with_words(alice, bob, ALICE_SHARED)
    # A pause in alice & bob's space parks the session's topic.
    pause, _ = services.pause_call(person=alice, couple=couple_for(alice), minutes=20, topic=f"{ALICE_SHARED} parked")
    parked = alice_session.parked_topics.get()

    _session_with_words(carol, dave, CAROL_SHARED)
    services.pause_call(person=carol, couple=couple_for(carol), minutes=30, topic=f"{CAROL_SHARED} parked")
    return {"session_id": alice_session.pk, "pause_id": pause.pk, "topic_id": parked.pk}
