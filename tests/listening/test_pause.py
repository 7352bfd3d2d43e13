"""Pauses: at least twenty minutes, shown to both, the topic parked and picked up again."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rekindle.listening import selectors, services
from rekindle.listening.models import PAUSE_AFTERGLOW, ListeningSession, ParkedTopic, Pause
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.listening.conftest import act, fresh, start

HTMX = {"HTTP_HX_REQUEST": "true"}


def call(person, **kwargs):
    return services.pause_call(person=person, couple=couple_for(person), **kwargs)


@pytest.mark.parametrize("minutes", [20, 30, 45, 60])
def test_a_pause_lasts_the_chosen_minutes(couple, minutes):
    pause, created = call(couple[0], minutes=minutes)
    assert created and pause.resume_at - pause.started_at == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("minutes", [0, 5, 19, 25, 61, "soon", None])
def test_other_lengths_are_refused_kindly(couple, minutes):
    with pytest.raises(ValidationError) as caught:
        call(couple[0], minutes=minutes)
    assert caught.value.code == "bad_length" and "20, 30, 45 or 60" in caught.value.messages[0]
    assert not Pause.objects.exists()


def test_a_time_to_come_back_must_be_at_least_twenty_minutes_away(couple):
    alice = couple[0]  # Europe/London
    with time_machine.travel(dt.datetime(2025, 3, 3, 21, 0, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError) as caught:
            call(alice, until=dt.time(21, 15))
        assert caught.value.code == "too_short" and "15 minutes from now" in caught.value.messages[0]
        pause, _ = call(alice, until=dt.time(21, 40))
        assert pause.minutes == 40


def test_a_time_after_midnight_means_tonight(couple):
    alice = couple[0]
    with time_machine.travel(dt.datetime(2025, 3, 3, 23, 50, tzinfo=dt.UTC), tick=False):
        pause, _ = call(alice, until=dt.time(0, 20))
        assert pause.minutes == 30
        assert pause.resume_at == dt.datetime(2025, 3, 4, 0, 20, tzinfo=dt.UTC)


def test_a_time_across_a_clock_change_counts_real_minutes(couple):
    alice = couple[0]
    # London clocks go forward at 01:00 UTC on 30 March 2025: 00:30 GMT to 02:30 BST is one hour.
    with time_machine.travel(dt.datetime(2025, 3, 30, 0, 30, tzinfo=dt.UTC), tick=False):
        pause, _ = call(alice, until=dt.time(2, 30))
        assert pause.minutes == 60


def test_a_pause_is_shown_to_both_partners(couple):
    alice, bob = couple
    pause, _ = call(bob, minutes=30, topic="Money for the holiday")
    for person in (alice, bob):
        assert selectors.active_pause(couple_for(person)) == pause
        body = client_for(person).get(reverse("pause_status"), **HTMX).content.decode()
        assert "A pause until" in body and "Breathe with a calm guide" in body
        page = client_for(person).get(reverse("pause_detail", kwargs={"pause_id": pause.pk})).content.decode()
        assert "Money for the holiday" in page
    alice_page = client_for(alice).get(reverse("pause_detail", kwargs={"pause_id": pause.pk})).content.decode()
    assert "Bob called a pause" in alice_page and "not a judgement on anyone" in alice_page
    assert "You called a pause" in client_for(bob).get(reverse("pause_detail", kwargs={"pause_id": pause.pk})).content.decode()


def test_each_partner_sees_the_time_to_come_back_on_their_own_clock(couple):
    alice, bob = couple
    bob.time_zone = "America/New_York"
    bob.save()
    with time_machine.travel(dt.datetime(2025, 6, 2, 19, 0, tzinfo=dt.UTC), tick=False):
        pause, _ = call(alice, minutes=20)
        url = reverse("pause_detail", kwargs={"pause_id": pause.pk})
        assert "Time apart until <time" in client_for(alice).get(url).content.decode()
        assert ">20:20</time>" in client_for(alice).get(url).content.decode()  # London, summer time
        assert ">15:20</time>" in client_for(bob).get(url).content.decode()  # New York


def test_calling_a_pause_again_while_one_is_on_shows_the_same_one(couple):
    alice, bob = couple
    first, created = call(alice, minutes=20)
    again, created_again = call(bob, minutes=60)
    assert created and not created_again and again == first
    response = client_for(bob).post(reverse("pause"), {"minutes": 45})
    assert response.url == reverse("pause_detail", kwargs={"pause_id": first.pk})


def test_a_pause_from_a_session_pauses_it_and_parks_its_topic(session, couple):
    alice, bob = couple
    act(alice, session, "say", "I feel we never plan anything.")
    pause, _ = call(bob, minutes=20)
    s = fresh(session)
    assert s.status == "paused" and pause.session == s
    parked = ParkedTopic.objects.get()
    assert (parked.topic, parked.author, parked.source, parked.session) == (s.topic, alice, "listening", s)


def test_a_pause_from_today_also_pauses_an_open_session(session, couple):
    alice, bob = couple
    response = client_for(alice).post(reverse("pause"), {"minutes": 20, "topic": ""})
    assert response.status_code == 302
    assert fresh(session).status == "paused"
    assert ParkedTopic.objects.filter(session=session).exists()


def test_a_topic_named_with_the_pause_is_parked(couple):
    alice, bob = couple
    call(alice, minutes=20, topic="Whose turn it is to call your mum")
    parked = ParkedTopic.objects.get()
    assert (parked.author, parked.source, parked.session) == (alice, "pause", None)
    page = client_for(bob).get(reverse("parked_topics")).content.decode()
    assert "Whose turn it is to call your mum" in page and "Pick this up again" in page


def test_coming_back_waits_for_the_agreed_time(couple):
    alice, bob = couple
    pause, _ = call(alice, minutes=20)
    with pytest.raises(ValidationError) as caught:
        services.pause_end(person=bob, couple=couple_for(bob), pause_id=pause.pk)
    assert caught.value.code == "too_soon" and "no rush" in caught.value.messages[0]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20, seconds=1)):
        assert selectors.active_pause(couple_for(bob)).state() == "due"
        body = client_for(bob).get(reverse("pause_status"), **HTMX).content.decode()
        assert "Time to come back together" in body
        services.pause_end(person=bob, couple=couple_for(bob), pause_id=pause.pk)
        assert selectors.active_pause(couple_for(alice)) is None


def test_either_partner_can_ask_for_longer(couple):
    alice, bob = couple
    pause, _ = call(alice, minutes=20)
    services.pause_longer(person=bob, couple=couple_for(bob), pause_id=pause.pk)
    assert Pause.objects.get().minutes == 35
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=50)):  # already due: longer means from now
        services.pause_longer(person=alice, couple=couple_for(alice), pause_id=pause.pk)
        longer = Pause.objects.get()
        assert longer.state() == "apart" and longer.resume_at > timezone.now()


def test_an_old_pause_fades_and_a_new_one_can_start(couple):
    alice, bob = couple
    call(alice, minutes=20)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20) + PAUSE_AFTERGLOW + dt.timedelta(minutes=1)):
        assert selectors.active_pause(couple_for(alice)) is None
        second, created = call(bob, minutes=30)
        assert created and Pause.objects.filter(ended_at__isnull=True).get() == second


def test_a_pause_needs_a_partner(erin):
    with pytest.raises(ValidationError) as caught:
        call(erin, minutes=20)
    assert caught.value.code == "solo"
    page = client_for(erin).get(reverse("pause")).content.decode()
    assert "something the two of you share" in page and "Start the pause" not in page


def test_sessions_cant_start_during_time_apart(couple):
    alice, bob = couple
    call(alice, minutes=20)
    with pytest.raises(ValidationError) as caught:
        start(bob)
    assert caught.value.code == "paused" and "time apart until" in caught.value.messages[0]


def test_pick_a_parked_topic_up_again_in_a_new_session(session, couple):
    alice, bob = couple
    call(bob, minutes=20)
    parked = ParkedTopic.objects.get()
    client = client_for(bob)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=25)):
        form = client.get(reverse("listening"), {"topic": parked.pk}).content.decode()
        assert "Pick this up again" in form and 'value="How we share the evenings"' in form
        response = client.post(reverse("listening"), {
            "topic": parked.topic, "first_speaker": "me", "turn_seconds": 180, "mode": "two_phones",
            "parked_topic": parked.pk,
        })
        new = ListeningSession.objects.get(status="active")
        assert response.url == reverse("listening_session", kwargs={"session_id": new.pk})
        assert (new.topic, new.speaker, new.turn_seconds) == (parked.topic, bob, 180)
        assert fresh(session).status == "parked"  # the paused one moved on to the new session
        assert ParkedTopic.objects.get().resumed_at is not None
        again = client.post(reverse("listening"), {
            "topic": "x", "first_speaker": "me", "turn_seconds": 180, "mode": "two_phones", "parked_topic": parked.pk,
        })
        assert again.status_code == 400 and "already been picked up" in again.content.decode()


def test_a_parked_topic_can_be_marked_talked_through(couple):
    alice, bob = couple
    call(alice, minutes=20, topic="The car")
    parked = ParkedTopic.objects.get()
    response = client_for(bob).post(reverse("parked_topic_settle", kwargs={"topic_id": parked.pk}), follow=True)
    body = response.content.decode()
    assert "Nothing parked right now." in body and "Picked up again" in body
    assert ParkedTopic.objects.get().resumed_at is not None


def test_the_pause_page_offers_lengths_a_time_and_a_topic(couple, as_alice):
    body = as_alice.get(reverse("pause"), {"topic": "The holidays", "back": "/talk/"}).content.decode()
    for words in ("20 minutes", "30 minutes", "45 minutes", "60 minutes", "Or come back at a time",
                  'value="The holidays"', 'href="/talk/"'):
        assert words in body, words
    outside = as_alice.get(reverse("pause"), {"back": "https://example.com/"}).content.decode()
    assert "example.com" not in outside


@pytest.mark.parametrize(
    "data,message",
    [
        ({"minutes": "", "until": ""}, "Choose how long to take apart"),
        ({"minutes": "7"}, "Choose 20, 30, 45 or 60 minutes"),
        ({"until": "25:99"}, "Enter a time like 21:30."),
        ({"minutes": "20", "topic": "x" * 201}, "under 200 characters"),
    ],
)
def test_bad_pause_forms_get_a_message_next_to_the_field(couple, as_alice, data, message):
    response = as_alice.post(reverse("pause"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body
    assert not Pause.objects.exists()


def test_a_too_soon_time_is_shown_at_the_time_field(couple, as_alice):
    soon = timezone.localtime(timezone.now(), ZoneInfo("Europe/London")) + dt.timedelta(minutes=5)
    response = as_alice.post(reverse("pause"), {"until": soon.strftime("%H:%M")})
    body = response.content.decode()
    assert response.status_code == 400 and "A pause needs at least 20 minutes" in body
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_until"|<input[^>]*id="id_until"[^>]*aria-invalid="true"', body)


def test_the_today_card_polls_quietly(couple, as_bob):
    body = as_bob.get(reverse("pause_status"), {"t": "none"}, **HTMX)
    assert body.status_code == 204
    pause, _ = call(couple[0], minutes=20)
    changed = as_bob.get(reverse("pause_status"), {"t": "none"}, **HTMX)
    assert changed.status_code == 200 and "A pause until" in changed.content.decode()
    assert as_bob.get(reverse("pause_status"), {"t": pause.token}, **HTMX).status_code == 204
    assert as_bob.get(reverse("pause_status")).status_code == 302  # not htmx: the pause page


def test_the_partials_other_pages_include_render(couple, rf):
    from django.template.loader import render_to_string

    alice, bob = couple
    request = rf.get("/talk/draws/3/")
    request.user = bob
    link = render_to_string("listening/_pause_link.html", {"topic": "Our budget"}, request=request)
    assert 'href="/pause/?back=/talk/draws/3/&amp;topic=Our%20budget"' in link and "Need a pause?" in link
    quiet = render_to_string("listening/_today_pause.html", {"couple": couple_for(bob), "pause": None}, request=request)
    assert "Need a pause?" in quiet and 'hx-get="/pause/status/?t=none"' in quiet
    pause, _ = call(alice, minutes=20)
    shown = render_to_string(
        "listening/_today_pause.html", {"couple": couple_for(bob), "pause": selectors.active_pause(couple_for(bob))},
        request=request,
    )
    assert "Alice called a pause at" in shown and f"?t={pause.token}" in shown
    solo = couple_for(bob).__class__(space=pause.space, me=bob, partner=None)
    assert render_to_string("listening/_today_pause.html", {"couple": solo, "pause": None}).strip() == ""
