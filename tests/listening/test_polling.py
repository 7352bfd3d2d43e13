"""The polling endpoint: 204 when nothing changed, only what changed otherwise, at a fixed cost."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rekindle.listening import services
from rekindle.listening.models import Utterance
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.listening.conftest import act, fresh

HTMX = {"HTTP_HX_REQUEST": "true"}
POLL_BUDGET = 8


def keys_on_page(client, session) -> dict:
    body = client.get(reverse("listening_session", kwargs={"session_id": session.pk})).content.decode()
    return {
        "v": re.search(r'name="v" value="([^"]*)"', body).group(1),
        "u": re.search(r'name="u" value="([^"]*)"', body).group(1),
    }


def poll(client, session, keys):
    return client.get(reverse("listening_state", kwargs={"session_id": session.pk}), keys, **HTMX)


def test_the_page_polls_every_second_and_a_half(session, as_bob):
    body = as_bob.get(reverse("listening_session", kwargs={"session_id": session.pk})).content.decode()
    assert 'hx-trigger="every 1500ms"' in body
    assert f'hx-get="/listen/{session.pk}/state/"' in body


def test_nothing_changed_means_204_and_no_content(session, as_bob):
    keys = keys_on_page(as_bob, session)
    response = poll(as_bob, session, keys)
    assert response.status_code == 204 and response.content == b""


def test_a_step_on_the_other_phone_sends_the_new_state(session, couple, as_bob):
    alice, bob = couple
    keys = keys_on_page(as_bob, session)
    act(alice, session, "say", "I'd like more time with you on weekends.")
    response = poll(as_bob, session, keys)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="stage"' in body and 'hx-swap-oob="true"' in body
    assert "I&#x27;d like more time with you on weekends." in body
    assert "What did you hear?" in body  # bob's form for his step
    assert 'id="live-token" hx-swap-oob="true"' in body
    new_keys = dict(re.findall(r'name="(v|u)" value="([^"]*)"', body))
    assert poll(as_bob, session, new_keys).status_code == 204


def test_a_new_note_updates_the_lists_but_never_the_form_being_typed_in(session, couple, as_alice):
    alice, bob = couple
    keys = keys_on_page(as_alice, session)
    services.session_note_add(person=bob, couple=couple_for(bob), session_id=session.pk, text="Let's try Sunday.")
    body = poll(as_alice, session, keys).content.decode()
    assert "Let&#x27;s try Sunday." in body
    assert 'id="stage"' not in body  # alice may be typing her sentence: the stage stays as it is
    assert 'id="notes-list" hx-swap-oob="true"' in body


def test_a_pause_on_the_other_phone_shows_at_the_next_poll(session, couple, as_alice):
    alice, bob = couple
    keys = keys_on_page(as_alice, session)
    services.pause_call(person=bob, couple=couple_for(bob), minutes=30)
    body = poll(as_alice, session, keys).content.decode()
    assert "Bob called a pause" in body and "Back together at" in body
    assert "Breathe with a calm guide" in body


def test_the_poll_outside_htmx_goes_to_the_page(session, as_bob):
    response = as_bob.get(reverse("listening_state", kwargs={"session_id": session.pk}))
    assert response.status_code == 302 and response.url == reverse("listening_session", kwargs={"session_id": session.pk})


def test_a_lost_connection_catches_up_in_one_poll(session, couple, as_bob):
    """A phone that was offline for many steps gets the current state, not a replay."""
    alice, bob = couple
    keys = keys_on_page(as_bob, session)
    act(alice, session, "say", "One")
    act(bob, session, "paraphrase", "You said one")
    act(alice, session, "confirm_and_pass")
    body = poll(as_bob, session, keys).content.decode()
    assert "You speak, Alice listens" in body
    assert "What would you like to say?" in body


def add_words(session, alice, bob, count: int) -> None:
    kinds = ["said", "paraphrase", "note"]
    Utterance.objects.bulk_create(
        Utterance(session=session, author=alice if n % 2 else bob, kind=kinds[n % 3], text=f"words {n}")
        for n in range(count)
    )


@pytest.mark.parametrize("count", [3, 300])
def test_polling_costs_the_same_for_a_short_or_a_long_session(session, couple, count, django_assert_max_num_queries):
    alice, bob = couple
    add_words(session, alice, bob, count)
    client = client_for(bob)
    keys = keys_on_page(client, session)
    with django_assert_max_num_queries(POLL_BUDGET, info="unchanged poll"):
        assert poll(client, session, keys).status_code == 204
    act(alice, session, "say", "Something new")
    with django_assert_max_num_queries(POLL_BUDGET, info="changed poll"):
        assert poll(client, session, keys).status_code == 200


def test_poll_query_count_does_not_grow_with_the_session(session, couple):
    alice, bob = couple
    client = client_for(bob)
    counts = {}
    for label, count in (("short", 3), ("long", 300)):
        Utterance.objects.all().delete()
        add_words(session, alice, bob, count)
        keys = keys_on_page(client, session)
        with CaptureQueriesContext(connection) as unchanged:
            poll(client, session, keys)
        services.session_note_add(person=alice, couple=couple_for(alice), session_id=session.pk, text="more")
        with CaptureQueriesContext(connection) as words_changed:
            poll(client, session, keys)
        s = fresh(session)
        act(alice if s.speaker_id == alice.pk else bob, session, "pass")
        with CaptureQueriesContext(connection) as stage_changed:
            poll(client, session, keys)
        counts[label] = (len(unchanged), len(words_changed), len(stage_changed))
    assert counts["short"] == counts["long"], counts


def test_the_live_page_shows_the_latest_words_and_links_to_the_rest(session, couple, as_alice):
    alice, bob = couple
    add_words(session, alice, bob, 300)
    body = as_alice.get(reverse("listening_session", kwargs={"session_id": session.pk})).content.decode()
    assert "words 298" in body and "words 0<" not in body
    assert "Read the whole conversation" in body
    everything = as_alice.get(reverse("listening_transcript", kwargs={"session_id": session.pk})).content.decode()
    assert "words 0<" in everything and "words 299<" in everything
