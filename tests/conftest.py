"""Shared people and helpers. alice and bob share a space, carol and dave another, erin is solo."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from rekindle.spaces import services as space_services
from rekindle.spaces.models import Person

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: sign-in limits counted in one test never spill into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _midday_utc():
    """Every test runs at 12:00 UTC on the real date (the clock still runs).

    A check-in date runs until 04:00 local time, so between midnight and 04:00 a person's
    calendar date and check-in date differ, and a test that mixes them would pass or fail by
    the hour it runs. Tests about those hours travel there themselves.
    """
    now = dt.datetime.now(dt.UTC)
    with time_machine.travel(now.replace(hour=12, minute=0, second=0, microsecond=0), tick=True):
        yield


def make_person(name: str, time_zone: str = "Europe/London") -> Person:
    return Person.objects.create_user(
        f"{name.lower()}@example.test", PASSWORD, display_name=name, time_zone=time_zone
    )


def pair(first: Person, second: Person, name: str) -> None:
    space_services.space_create(person=first, name=name)
    invite = space_services.invite_create(person=first)
    space_services.invite_accept(person=second, code=invite.code)


@pytest.fixture
def alice(db):
    return make_person("Alice")


@pytest.fixture
def bob(db):
    return make_person("Bob")


@pytest.fixture
def couple(alice, bob):
    """alice and bob, sharing "Alice & Bob"."""
    pair(alice, bob, "Alice & Bob")
    return alice, bob


@pytest.fixture
def other_couple(db):
    carol, dave = make_person("Carol"), make_person("Dave")
    pair(carol, dave, "Carol & Dave")
    return carol, dave


@pytest.fixture
def erin(db):
    person = make_person("Erin")
    space_services.space_create(person=person, name="Just me for now")
    return person


def client_for(person: Person | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def as_alice(couple):
    return client_for(couple[0])


@pytest.fixture
def as_bob(couple):
    return client_for(couple[1])
