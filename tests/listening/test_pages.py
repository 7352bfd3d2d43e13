"""The pages: what each partner sees, bad input answered kindly, query budgets, who may act."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rekindle.listening import services
from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.listening.conftest import act, fresh, start
from tests.listening.test_polling import add_words
from rekindle.spaces.exports import export_for

HTMX = {"HTTP_HX_REQUEST": "true"}
BUDGET = 10
PAUSE_BUDGET = 19  # two of them are the test's savepoints; one keeps Space.pause_open, which spares Today a query


def url(name, session, **extra):
    return reverse(name, kwargs={"session_id": session.pk, **extra})


def step(client, session, move, text="", **headers):
    return client.post(url("listening_turn", session), {"version": fresh(session).version, "move": move, "text": text},
                       **headers)


# --- starting and the roles on the page -------------------------------------------------------


def test_starting_from_the_page(couple, as_alice):
    response = as_alice.post(reverse("listening"), {
        "topic": "  Weekends  ", "first_speaker": "partner", "turn_seconds": "120", "mode": "two_phones",
    })
    session = ListeningSession.objects.get()
    assert response.url == url("listening_session", session)
    assert (session.topic, session.speaker, session.turn_seconds) == ("Weekends", couple[1], 120)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"topic": ""}, "Name the topic in a few words."),
        ({"topic": "x" * 201}, "under 200 characters"),
        ({"turn_seconds": "5"}, "Choose one of the turn lengths"),
        ({"first_speaker": "nobody"}, "Choose who speaks first."),
        ({"mode": ""}, "Choose one phone or two."),
    ],
)
def test_a_start_form_with_a_problem_says_what_to_fix_and_keeps_the_rest(couple, as_alice, data, message):
    form = {"topic": "Weekends", "first_speaker": "me", "turn_seconds": "120", "mode": "two_phones", **data}
    response = as_alice.post(reverse("listening"), form)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    if data.get("topic") is None:
        assert 'value="Weekends"' in body
    assert not ListeningSession.objects.exists()


def test_starting_while_one_is_open_points_to_it(session, as_bob):
    response = as_bob.post(reverse("listening"), {
        "topic": "Another", "first_speaker": "me", "turn_seconds": "120", "mode": "two_phones",
    })
    body = response.content.decode()
    assert response.status_code == 400 and "You already have a conversation open" in body
    assert url("listening_session", session) in body


def test_the_listening_page_shows_a_session_your_partner_just_started(couple, as_bob):
    body = as_bob.get(reverse("listening")).content.decode()
    assert 'hx-get="/listen/?open=none"' in body and 'hx-trigger="every 1500ms"' in body
    assert as_bob.get(reverse("listening"), {"open": "none"}, **HTMX).status_code == 204
    session = start(couple[0], "Our Sundays")
    fragment = as_bob.get(reverse("listening"), {"open": "none"}, **HTMX).content.decode()
    assert "Our Sundays" in fragment and "Join Alice" in fragment
    assert as_bob.get(reverse("listening"), {"open": f"{session.pk}-active"}, **HTMX).status_code == 204


def test_roles_are_shown_plainly_on_both_phones(session, as_alice, as_bob):
    alice_page = as_alice.get(url("listening_session", session)).content.decode()
    bob_page = as_bob.get(url("listening_session", session)).content.decode()
    assert "You speak, Bob listens" in alice_page and "What would you like to say?" in alice_page
    assert "Alice speaks, you listen" in bob_page and "Alice has the floor" in bob_page
    assert "What would you like to say?" not in bob_page
    for page in (alice_page, bob_page):
        assert "Speaking: Alice" in page and "Listening: Bob" in page
        assert "This turn: until <time" in page  # works without JavaScript


def test_a_whole_exchange_through_the_pages_on_two_phones(session, as_alice, as_bob):
    assert step(as_alice, session, "say", "I feel tired of planning alone.").status_code == 302
    bob_page = as_bob.get(url("listening_session", session)).content.decode()
    assert "Alice said:" in bob_page and "What did you hear?" in bob_page
    step(as_bob, session, "paraphrase", "You'd like me to plan too.")
    alice_page = as_alice.get(url("listening_session", session)).content.decode()
    assert "Did Bob catch it?" in alice_page and "Bob heard:" in alice_page
    response = step(as_alice, session, "confirm_and_pass", **HTMX)
    assert "You speak, Bob listens" not in response.content.decode()
    assert "Alice listens" in as_bob.get(url("listening_session", session)).content.decode()
    assert "that's it</span>" in as_bob.get(url("listening_session", session)).content.decode()


def test_one_phone_names_who_acts_and_asks_to_pass_the_phone(couple, as_alice):
    alice, bob = couple
    session = start(alice, mode="one_phone")
    page = as_alice.get(url("listening_session", session)).content.decode()
    assert "Alice speaks, Bob listens" in page and "Alice, what would you like to say?" in page
    body = step(as_alice, session, "say", "I'd love a slow Sunday.", **HTMX).content.decode()
    assert "Alice speaks, Bob listens — pass the phone to Bob" in body
    assert "Bob, what did you hear?" in body
    body = step(as_alice, session, "paraphrase", "You want a day with no plans.", **HTMX).content.decode()
    assert "pass the phone to Alice" in body and "Alice, did Bob catch it?" in body
    assert Utterance.objects.get(kind="paraphrase").author == bob  # recorded as the listener's words
    body = step(as_alice, session, "confirm_and_pass", **HTMX).content.decode()
    assert "Bob speaks, Alice listens — pass the phone to Bob" in body


def test_notes_are_shared_and_on_one_phone_can_be_from_either(couple, as_alice, as_bob):
    alice, bob = couple
    session = start(alice, mode="one_phone")
    as_alice.post(url("listening_note", session), {"text": "Sunday: no plans", "author": bob.pk})
    note = Utterance.objects.get(kind="note")
    assert note.author == bob
    assert "Sunday: no plans" in as_bob.get(url("listening_session", session)).content.decode()
    services.session_settings(person=alice, couple=couple_for(alice), session_id=session.pk, mode="two_phones",
                              turn_seconds=120)
    as_bob.post(url("listening_note", session), {"text": "Mine", "author": alice.pk})
    assert Utterance.objects.get(text="Mine").author == bob  # on two phones, your notes are yours


# --- bad input: a kind message, never a 500 --------------------------------------------------


@pytest.mark.parametrize("text,message", [("", "Say a sentence or two first"), ("x" * 301, "under 300")])
def test_empty_or_overlong_words_without_javascript(session, as_alice, text, message):
    response = step(as_alice, session, "say", text)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert 'aria-invalid="true"' in body and 'aria-describedby="say-help say-error"' in body
    if text:
        assert f">{text}</textarea>" in body  # nothing typed is lost
    assert fresh(session).version == 1


def test_empty_words_with_htmx_come_back_next_to_the_field(session, as_alice):
    response = step(as_alice, session, "say", "   ", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Say a sentence or two first" in body
    assert 'id="say-error"' in body and "data-focus-after-swap" not in body


def test_acting_out_of_turn_is_explained_kindly(session, as_bob):
    response = step(as_bob, session, "say", "But I want to talk", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Alice has the floor right now" in body
    plain = step(as_bob, session, "say", "But I want to talk", )
    assert plain.status_code == 302
    assert "Alice has the floor right now" in as_bob.get(plain.url).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"move": "say"},
        {"move": "dance", "version": "1"},
        {"move": "say", "version": "x", "text": "hi"},
        {"move": "say", "version": "99999999999999999999", "text": "hi"},
        {"move": "say", "version": "1", "text": "nul \x00 byte"},
    ],
)
def test_odd_requests_never_break_the_page(session, as_alice, data):
    for headers in ({}, HTMX):
        response = as_alice.post(url("listening_turn", session), data, **headers)
        assert response.status_code < 500
    assert fresh(session).version == 1


@pytest.mark.parametrize("name", ["listening_resume", "listening_close", "listening_settings", "listening_pause"])
def test_odd_requests_to_every_action_never_break_the_page(session, as_alice, name):
    for data in ({}, {"version": "x", "outcome": "gone", "mode": "x", "turn_seconds": "x", "minutes": "x"}):
        for headers in ({}, HTMX):
            assert as_alice.post(url(name, session), data, **headers).status_code < 500
    assert fresh(session).status == "active"


@pytest.mark.parametrize("text,message", [("", "Write the note first"), ("y" * 301, "under 300")])
def test_bad_notes_get_a_message_and_keep_the_words(session, as_bob, text, message):
    response = as_bob.post(url("listening_note", session), {"text": text})
    assert response.status_code == 400 and message in response.content.decode()
    htmx = as_bob.post(url("listening_note", session), {"text": text}, **HTMX).content.decode()
    assert message in htmx and 'id="note-form" hx-swap-oob="true"' in htmx
    assert not Utterance.objects.exists()


def test_a_missing_session_is_a_plain_not_found(couple, as_alice):
    for name in ("listening_session", "listening_state", "listening_transcript"):
        assert as_alice.get(reverse(name, kwargs={"session_id": 999}), **HTMX).status_code == 404
    for name in ("listening_turn", "listening_note", "listening_resume", "listening_close", "listening_pause"):
        assert as_alice.post(reverse(name, kwargs={"session_id": 999}), {"text": "x", "version": 1}).status_code == 404


def test_solo_pages_explain_what_needs_a_partner(erin):
    client = client_for(erin)
    body = client.get(reverse("listening")).content.decode()
    assert "something you do together" in body and "Start</button>" not in body
    for name in ("breathe", "parked_topics", "pause"):
        assert client.get(reverse(name)).status_code == 200


# --- who may act -----------------------------------------------------------------------------


def test_the_partner_can_act_and_an_outsider_cannot(session, couple, other_couple):
    alice, bob = couple
    carol, dave = other_couple
    act(alice, session, "say", "I feel unheard at dinner.")
    as_bob, as_carol = client_for(bob), client_for(carol)
    assert step(as_bob, session, "paraphrase", "Dinner feels lonely for you.").status_code == 302
    assert fresh(session).phase == "confirming"
    version = fresh(session).version
    attempts = [
        ("get", url("listening_session", session), {}),
        ("get", url("listening_state", session), {"v": "x", "u": "0"}),
        ("get", url("listening_transcript", session), {}),
        ("post", url("listening_turn", session), {"version": version, "move": "confirm"}),
        ("post", url("listening_note", session), {"text": "INTRUDER"}),
        ("post", url("listening_pause", session), {"minutes": 20}),
        ("post", url("listening_resume", session), {"version": version}),
        ("post", url("listening_close", session), {"version": version, "outcome": "ended"}),
        ("post", url("listening_settings", session), {"mode": "one_phone", "turn_seconds": 60}),
    ]
    for method, target, data in attempts:
        response = getattr(as_carol, method)(target, data, **HTMX)
        assert response.status_code == 404, target
        assert "unheard" not in response.content.decode()
    assert fresh(session).version == version and fresh(session).status == "active"
    assert not Utterance.objects.filter(text="INTRUDER").exists()
    assert not Pause.objects.exists()

    pause, _ = services.pause_call(person=bob, couple=couple_for(bob), minutes=20)
    parked = ParkedTopic.objects.get()
    for target in (reverse("pause_detail", kwargs={"pause_id": pause.pk}),):
        assert as_carol.get(target).status_code == 404
    for target in (reverse("pause_longer", kwargs={"pause_id": pause.pk}),
                   reverse("pause_end", kwargs={"pause_id": pause.pk}),
                   reverse("parked_topic_settle", kwargs={"topic_id": parked.pk})):
        assert as_carol.post(target).status_code == 404
    assert "unheard" not in as_carol.get(reverse("parked_topics")).content.decode()
    assert Pause.objects.get().minutes == 20 and ParkedTopic.objects.get().resumed_at is None
    assert as_carol.get(reverse("listening"), {"topic": parked.pk}).content.decode().count("unheard") == 0


def test_export_holds_only_your_own_words(session, couple):
    alice, bob = couple
    act(alice, session, "say", "ALICE-WORDS")
    act(bob, session, "paraphrase", "BOB-WORDS")
    services.pause_call(person=bob, couple=couple_for(bob), minutes=20, topic="BOB-TOPIC")
    data = export_for(alice)
    assert [w["text"] for w in data["listening_words"]] == ["ALICE-WORDS"]
    assert data["listening_sessions"][0]["topic"] == "How we share the evenings"
    text = json.dumps(data)
    assert "BOB-WORDS" not in text and "BOB-TOPIC" not in text
    bob_data = export_for(bob)
    assert [p["reason_topic"] for p in bob_data["pauses"]] == ["BOB-TOPIC"]
    assert "BOB-TOPIC" in [t["topic"] for t in bob_data["parked_topics"]]


# --- query budgets ---------------------------------------------------------------------------


def all_pages(session, pause, parked):
    return [
        reverse("listening"),
        reverse("listening") + f"?topic={parked.pk}",
        url("listening_session", session),
        url("listening_transcript", session),
        reverse("pause_detail", kwargs={"pause_id": pause.pk}),
        reverse("parked_topics"),
        reverse("breathe"),
    ]


@pytest.mark.parametrize("count", [3, 300])
def test_every_page_stays_within_budget_for_a_short_or_long_session(session, couple, count,
                                                                    django_assert_max_num_queries):
    alice, bob = couple
    add_words(session, alice, bob, count)
    client = client_for(alice)
    with django_assert_max_num_queries(BUDGET, info="pause page"):
        assert client.get(reverse("pause")).status_code == 200
    pause, _ = services.pause_call(person=bob, couple=couple_for(bob), minutes=20, topic="Money")
    parked = ParkedTopic.objects.filter(session=None).get()
    for target in all_pages(session, pause, parked):
        with django_assert_max_num_queries(BUDGET, info=target):
            assert client.get(target).status_code == 200, target
    for target, params in ((reverse("pause_status"), {"t": "x"}),
                           (reverse("listening"), {"open": "x"}),
                           (reverse("pause_detail", kwargs={"pause_id": pause.pk}), {"t": "x"}),
                           (url("listening_state", session), {"v": "x", "u": "x"})):
        with django_assert_max_num_queries(BUDGET, info=target):
            assert client.get(target, params, **HTMX).status_code == 200, target


@pytest.mark.parametrize("count", [3, 300])
def test_every_step_stays_within_budget(couple, count, django_assert_max_num_queries):
    alice, bob = couple
    session = start(alice)
    add_words(session, alice, bob, count)
    a, b = client_for(alice), client_for(bob)
    steps = [(a, "say", "One"), (b, "paraphrase", "Two"), (a, "clarify", "Three"), (b, "paraphrase", "Four"),
             (a, "confirm", ""), (a, "pass", "")]
    for client, move, text in steps:
        data = {"version": fresh(session).version, "move": move, "text": text}
        with django_assert_max_num_queries(BUDGET, info=move):
            assert client.post(url("listening_turn", session), data, **HTMX).status_code == 200
    with django_assert_max_num_queries(BUDGET, info="note"):
        assert a.post(url("listening_note", session), {"text": "A note"}, **HTMX).status_code == 200
    # Calling a pause touches the most: the space, the pause, the session and the parked list.
    with django_assert_max_num_queries(PAUSE_BUDGET, info="pause"):
        assert a.post(url("listening_pause", session), {"minutes": 20}, **HTMX).status_code == 200


def test_after_the_pause_the_page_offers_to_carry_on(session, couple, as_bob):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    alice, bob = couple
    services.pause_call(person=alice, couple=couple_for(alice), minutes=20)
    page = as_bob.get(url("listening_session", session)).content.decode()
    assert "Alice called a pause" in page and "Carry on</button>" not in page
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=21)):
        page = as_bob.get(url("listening_session", session)).content.decode()
        assert "The pause is over" in page and "Carry on</button>" in page
        body = as_bob.post(url("listening_resume", session), {"version": fresh(session).version}, **HTMX).content.decode()
        assert "Alice speaks, you listen" in body and fresh(session).status == "active"
