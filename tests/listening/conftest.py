"""Helpers for listening sessions: start one the way the page does, and act in it."""

from __future__ import annotations

import pytest

from rekindle.listening import services
from rekindle.listening.models import ListeningSession
from rekindle.spaces.selectors import couple_for


def start(person, topic="How we share the evenings", *, first="me", turn_seconds=120, mode="two_phones"):
    return services.session_start(
        person=person, couple=couple_for(person), topic=topic,
        first_speaker=first, turn_seconds=turn_seconds, mode=mode,
    )


def act(person, session, move, text="", *, version=None):
    """Take a step as `person`, from a page showing the session's current version (unless told otherwise)."""
    if version is None:
        version = ListeningSession.objects.get(pk=session.pk).version
    return services.session_move(
        person=person, couple=couple_for(person), session_id=session.pk, version=version, move=move, text=text
    )


def fresh(session) -> ListeningSession:
    return ListeningSession.objects.get(pk=session.pk)


@pytest.fixture
def session(couple):
    """alice speaks first, bob listens, two phones, two-minute turns."""
    return start(couple[0])
