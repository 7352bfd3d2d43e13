"""The Talk pages: decks, drawing, tonight's question, favourites, own questions, the timer, export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from rekindle.prompts import content, selectors, services
from rekindle.prompts.models import CustomPrompt, Draw, Favourite, PromptAnswer
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from rekindle.spaces.exports import export_for
from tests.portability.zips import archive_text


def draw_for(person, deck="memories"):
    return services.draw_prompt(person=person, couple=couple_for(person), deck_slug=deck)


def question_of(draw) -> str:
    """The drawn question as a page shows it (HTML-escaped)."""
    return escape(content.prompt_index()[draw.prompt_key][1].text)


def test_talk_lists_every_deck_with_progress_and_a_draw_button(couple, as_alice):
    alice, _ = couple
    for _ in range(3):
        draw_for(alice)
    body = as_alice.get(reverse("talk")).content.decode()
    memories = content.all_decks()["memories"]
    for deck in content.all_decks().values():
        assert deck.title in body
        assert f"Draw a question<span class=\"visually-hidden\"> from {deck.title}</span>" in body
    assert f"3 of {len(memories.prompts)} talked about" in body
    assert "Our own questions" in body


def test_drawing_opens_the_new_question(couple, as_alice):
    response = as_alice.post(reverse("talk_draw"), {"deck": "dreams", "seen": "0"})
    draw = Draw.objects.get()
    assert response.url == reverse("talk_question", kwargs={"draw_id": draw.pk})
    assert question_of(draw) in as_alice.get(response.url).content.decode()


def test_drawing_from_a_deck_that_does_not_exist_says_so(as_alice):
    response = as_alice.post(reverse("talk_draw"), {"deck": "nope"}, follow=True)
    assert "We couldn&#x27;t find that deck" in response.content.decode()
    assert not Draw.objects.exists()


def test_when_your_partner_has_just_drawn_you_join_their_question(couple, as_bob):
    alice, _ = couple
    theirs = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    response = as_bob.post(reverse("talk_draw"), {"deck": "any", "seen": "0"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("talk_question", kwargs={"draw_id": theirs.pk})
    assert "Alice has just drawn this one" in response.content.decode()


def test_tonight_is_the_newest_draw_until_you_have_both_answered(couple):
    alice, bob = couple
    assert selectors.tonight(alice, couple_for(alice)) is None
    draw = draw_for(alice)
    assert selectors.tonight(bob, couple_for(bob)).draw == draw
    services.answer_save(person=alice, draw_id=draw.pk, text="Mine")
    tonight = selectors.tonight(bob, couple_for(bob))
    assert tonight.partner_answered and not tonight.i_answered
    services.answer_save(person=bob, draw_id=draw.pk, text="Mine too")
    assert selectors.tonight(alice, couple_for(alice)) is None


def test_on_your_own_tonight_is_done_once_you_have_answered(erin):
    draw = draw_for(erin)
    assert selectors.tonight(erin, couple_for(erin)).draw == draw
    services.answer_save(person=erin, draw_id=draw.pk, text="Mine")
    assert selectors.tonight(erin, couple_for(erin)) is None
    assert services.draw_prompt(person=erin, couple=couple_for(erin), deck_slug="any", seen_draw_id=0) != draw


def render_tonight(person):
    request = RequestFactory().get("/today/")
    request.user = person
    couple = couple_for(person)
    return render_to_string(
        "prompts/_tonight.html", {"tonight": selectors.tonight(person, couple), "couple": couple}, request=request
    )


def test_the_tonight_partial_offers_a_draw_then_the_question_and_the_timer(couple):
    alice, bob = couple
    empty = render_tonight(alice)
    assert "Tonight's question" in empty and "Draw a question" in empty and 'value="any"' in empty
    draw = draw_for(alice)
    services.answer_save(person=alice, draw_id=draw.pk, text="Mine")
    shown = render_tonight(bob)
    assert question_of(draw) in shown
    assert reverse("talk_question", kwargs={"draw_id": draw.pk}) in shown
    assert reverse("talk_timer", kwargs={"draw_id": draw.pk}) in shown
    assert "Alice has answered. Add yours to see it." in shown
    assert "Mine" not in shown


@time_machine.travel(dt.datetime(2025, 7, 1, 21, 30, tzinfo=dt.UTC), tick=False)
def test_the_timer_says_when_fifteen_minutes_are_up_in_your_own_time_zone(couple):
    alice, bob = couple
    bob.time_zone = "America/New_York"
    bob.save()
    draw = draw_for(alice)
    url = reverse("talk_timer", kwargs={"draw_id": draw.pk})
    assert "Talk until <time datetime=\"2025-07-01T22:45:00+01:00\">22:45</time>." in client_for(alice).get(url).content.decode()
    assert ">17:45</time>." in client_for(bob).get(url).content.decode()


def test_the_timer_announces_its_end_politely_and_respects_reduced_motion(couple, as_alice):
    draw = draw_for(couple[0])
    body = as_alice.get(reverse("talk_timer", kwargs={"draw_id": draw.pk})).content.decode()
    assert 'aria-live="polite"' in body
    assert '<script src="/static/rekindle/timer.js" defer></script>' in body  # (no inline script: CSP)
    timer_js = (Path(__file__).resolve().parents[2] / "src/rekindle/static/rekindle/timer.js").read_text()
    assert "prefers-reduced-motion" in timer_js
    assert 'id="talk-timer"' in body and "hidden>" in body  # the countdown only appears with JavaScript


def test_a_favourite_is_shared_by_the_couple_and_a_double_submit_keeps_it(couple, as_alice, as_bob):
    alice, _ = couple
    draw = draw_for(alice)
    url = reverse("talk_favourite", kwargs={"draw_id": draw.pk})
    for _ in range(2):
        as_alice.post(url, {"on": "1"})
    assert Favourite.objects.count() == 1
    listed = as_bob.get(reverse("talk")).content.decode()
    assert question_of(draw) in listed
    htmx = as_bob.post(url, {"on": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-pressed="false"' in htmx
    assert not Favourite.objects.exists()


def test_another_couple_cannot_favourite_your_question(couple, other_couple):
    draw = draw_for(couple[0])
    client_for(other_couple[0]).post(reverse("talk_favourite", kwargs={"draw_id": draw.pk}), {"on": "1"})
    assert not Favourite.objects.exists()


def test_adding_your_own_question_puts_it_in_your_deck_for_both_of_you(couple, as_alice, as_bob):
    response = as_alice.post(reverse("talk_ours"), {"text": "What are you proud of this month?"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Added to your own questions." in body and "What are you proud of this month?" in body
    assert "Draw a question<span class=\"visually-hidden\"> from Our own questions" in body
    assert "What are you proud of this month?" in as_bob.get(reverse("talk")).content.decode()
    assert as_alice.post(reverse("talk_ours"), {"text": "What are you proud of this month?"}).status_code == 302
    assert CustomPrompt.objects.count() == 1


@pytest.mark.parametrize("typed,message", [
    ("", "Write the question you&#x27;d like to ask each other."),
    ("Why? " * 41, "Please keep questions to 200 characters."),
])
def test_a_bad_own_question_gets_a_message_at_the_field_and_keeps_the_typed_text(as_alice, typed, message):
    for extra, status in (({}, 400), ({"HTTP_HX_REQUEST": "true"}, 200)):
        response = as_alice.post(reverse("talk_ours"), {"text": typed}, **extra)
        body = response.content.decode()
        assert response.status_code == status
        assert message in body and 'aria-invalid="true"' in body
        assert typed.strip() in body
    assert not CustomPrompt.objects.exists()


def test_the_same_own_question_twice_is_refused_at_the_field(couple, as_bob):
    services.custom_prompt_add(person=couple[0], couple=couple_for(couple[0]), text="Tea or coffee?")
    body = as_bob.post(reverse("talk_ours"), {"text": "tea or COFFEE?"}).content.decode()
    assert "That question is already in your own deck." in body


def test_a_person_without_a_space_is_sent_to_make_one(db):
    from tests.conftest import make_person

    response = client_for(make_person("Fran")).get(reverse("talk"))
    assert response.url == reverse("space")


def test_export_holds_only_your_own_answers_and_questions(couple):
    alice, bob = couple
    services.custom_prompt_add(person=alice, couple=couple_for(alice), text="ALICE question?")
    services.custom_prompt_add(person=bob, couple=couple_for(bob), text="BOB question?")
    for key in ("ours", "ours", "memories"):
        draw = draw_for(alice, key)
        for person in (alice, bob):
            services.answer_save(person=person, draw_id=draw.pk, text=f"{person.display_name.upper()} answer")
    assert "BOB" not in archive_text(alice)
    data = export_for(alice)
    assert [q["text"] for q in data["custom_prompts"]] == ["ALICE question?"]
    draws = {d["id"] for d in data["prompt_draws"]}
    assert {a["draw_id"] for a in data["prompt_answers"]} == draws and len(draws) == 3
    assert {a["text"] for a in data["prompt_answers"]} == {"ALICE answer"}
    assert len(data["prompt_answers"]) == 3 == PromptAnswer.objects.filter(author=alice).count()
