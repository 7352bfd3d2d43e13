"""When joint conflict exercises are switched off for a space, listening sessions simply aren't offered.

Both partners see the same neutral page, with no reason given. The pause stays available.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rekindle.care import services as care_services
from rekindle.listening.models import ListeningSession, Pause
from tests.conftest import client_for
from tests.listening.conftest import start

NEUTRAL = "Listening sessions aren't offered in your space at the moment."
HTMX = {"HTTP_HX_REQUEST": "true"}


def session_urls(session_id):
    kwargs = {"session_id": session_id}
    return [
        ("get", reverse("listening")),
        ("post", reverse("listening")),
        ("get", reverse("listening_session", kwargs=kwargs)),
        ("get", reverse("listening_transcript", kwargs=kwargs)),
        ("post", reverse("listening_turn", kwargs=kwargs)),
        ("post", reverse("listening_note", kwargs=kwargs)),
        ("post", reverse("listening_pause", kwargs=kwargs)),
        ("post", reverse("listening_resume", kwargs=kwargs)),
        ("post", reverse("listening_close", kwargs=kwargs)),
        ("post", reverse("listening_settings", kwargs=kwargs)),
    ]


@pytest.fixture
def hidden(couple):
    """alice privately switched joint conflict exercises off (bob is never told why)."""
    alice, bob = couple
    session = start(bob)
    care_services.joint_conflict_hide(person=alice, hide=True)
    return session


def neutral_text(body: str) -> str:
    """The page's main content without tokens, so both partners' pages can be compared."""
    main = re.search(r"<main.*?</main>", body, re.DOTALL).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_every_listening_url_answers_with_the_same_neutral_page(hidden, couple, who):
    person = dict(zip(("alice", "bob"), couple))[who]
    client = client_for(person)
    data = {"topic": "Evenings", "first_speaker": "me", "turn_seconds": 120, "mode": "two_phones",
            "move": "pass", "version": 1, "text": "Words", "minutes": 20, "outcome": "ended"}
    for method, url in session_urls(hidden.pk):
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert NEUTRAL in body, url
        words = re.sub(r"<[^>]+>", " ", neutral_text(body)).lower()  # what people read, not markup
        for hint in ("safety", "hidden", "switched off", "partner", "because"):
            assert hint not in words, (url, hint)
    assert ListeningSession.objects.get().version == 1  # nothing moved
    assert not Pause.objects.exists()


def test_both_partners_see_exactly_the_same_thing(hidden, couple):
    alice, bob = couple
    for method, url in session_urls(hidden.pk):
        if method == "get":
            pages = [neutral_text(client_for(p).get(url).content.decode()) for p in (alice, bob)]
            assert pages[0] == pages[1], url


def test_a_polling_page_reloads_into_the_neutral_page(hidden, as_bob):
    response = as_bob.get(reverse("listening_state", kwargs={"session_id": hidden.pk}), {"v": "x", "u": "0"}, **HTMX)
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    action = as_bob.post(reverse("listening_turn", kwargs={"session_id": hidden.pk}), {"move": "pass"}, **HTMX)
    assert action["HX-Refresh"] == "true"


def test_no_link_offers_a_session_but_the_pause_stays(hidden, couple, as_alice, as_bob):
    alice, bob = couple
    for client in (as_alice, as_bob):
        response = client.post(reverse("pause"), {"minutes": 20, "topic": "Chores"}, follow=True)
        body = response.content.decode()
        assert response.status_code == 200 and "Time apart until" in body
        assert "/listen/" not in body
        parked = client.get(reverse("parked_topics")).content.decode()
        assert "Chores" in parked and "talked it through" in parked
        assert "Pick this up again" not in parked and "/listen/" not in parked
        assert "/listen/" not in client.get(reverse("breathe")).content.decode()
        assert client.get(reverse("pause_status"), **HTMX).status_code == 200


def test_switching_back_on_offers_sessions_again(hidden, couple, as_bob):
    alice, bob = couple
    care_services.joint_conflict_hide(person=alice, hide=False)
    body = as_bob.get(reverse("listening_session", kwargs={"session_id": hidden.pk})).content.decode()
    assert NEUTRAL not in body and "You speak, Alice listens" in body
