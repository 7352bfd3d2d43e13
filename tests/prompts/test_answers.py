"""Both voices, no anchoring: an answer stays sealed until the partner has answered the same draw."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.prompts import selectors, services
from rekindle.prompts.models import PromptAnswer
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for

ALICE_WORDS = "The smell of rain on the allotment"
BOB_WORDS = "Our first flat, and the broken radiator"


@pytest.fixture
def drawn(couple):
    alice, _ = couple
    return services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="memories")


def page(client, draw, **extra):
    return client.get(reverse("talk_question", kwargs={"draw_id": draw.pk}), **extra).content.decode()


def answer(client, draw, text, **extra):
    return client.post(reverse("talk_question", kwargs={"draw_id": draw.pk}), {"answer": text}, **extra)


def test_partner_cannot_see_a_sealed_answer(couple, drawn, as_alice, as_bob):
    _, bob = couple
    answer(as_alice, drawn, ALICE_WORDS)
    body = page(as_bob, drawn)
    assert ALICE_WORDS not in body
    assert "Alice has answered. Add yours to see it." in body
    assert [a.text for a in PromptAnswer.objects.visible_to(bob)] == []
    assert selectors.draw_view(bob, couple_for(bob), drawn.pk).theirs is None


def test_partner_sees_both_answers_once_they_have_answered(couple, drawn, as_alice, as_bob):
    answer(as_alice, drawn, ALICE_WORDS)
    response = answer(as_bob, drawn, BOB_WORDS, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Both answers" in body and ALICE_WORDS in body and BOB_WORDS in body
    assert BOB_WORDS in page(as_alice, drawn)


def test_the_sealed_note_names_the_partner(drawn, as_alice):
    assert "Your answer stays sealed until Bob answers." in page(as_alice, drawn)


def test_an_answer_can_be_edited_until_the_partner_answers(couple, drawn):
    alice, bob = couple
    services.answer_save(person=alice, draw_id=drawn.pk, text="First thought")
    services.answer_save(person=alice, draw_id=drawn.pk, text=ALICE_WORDS)
    assert PromptAnswer.objects.get(author=alice).text == ALICE_WORDS
    services.answer_save(person=bob, draw_id=drawn.pk, text=BOB_WORDS)
    with pytest.raises(ValidationError) as refused:
        services.answer_save(person=alice, draw_id=drawn.pk, text="Second thoughts")
    assert refused.value.code == "revealed"
    assert PromptAnswer.objects.get(author=alice).text == ALICE_WORDS


def test_a_double_submit_saves_one_answer(couple, drawn, as_alice):
    alice, bob = couple
    for _ in range(2):
        assert answer(as_alice, drawn, ALICE_WORDS).status_code == 302
    services.answer_save(person=bob, draw_id=drawn.pk, text=BOB_WORDS)
    assert answer(as_alice, drawn, ALICE_WORDS).status_code == 302  # the same words again, after the reveal
    assert PromptAnswer.objects.filter(author=alice).count() == 1


def test_changing_an_answer_after_the_reveal_is_refused_kindly_and_keeps_the_words(couple, drawn, as_alice):
    alice, bob = couple
    services.answer_save(person=alice, draw_id=drawn.pk, text=ALICE_WORDS)
    services.answer_save(person=bob, draw_id=drawn.pk, text=BOB_WORDS)
    response = answer(as_alice, drawn, "Something I forgot to say")
    body = response.content.decode()
    assert response.status_code == 400
    assert "both answers are open now" in body
    assert "Something I forgot to say" in body
    assert ALICE_WORDS in body and BOB_WORDS in body
    htmx = answer(as_alice, drawn, "Something I forgot to say", HTTP_HX_REQUEST="true").content.decode()
    assert "both answers are open now" in htmx and 'id="answer-card"' in htmx


@pytest.mark.parametrize("typed,message", [
    ("   ", "Write a few words: a sentence or two is plenty."),
    ("x" * 1001, "Please keep it to 1000 characters."),
])
def test_bad_input_gets_a_message_at_the_field_and_keeps_the_typed_text(drawn, as_alice, typed, message):
    for extra, status in (({}, 400), ({"HTTP_HX_REQUEST": "true"}, 200)):
        response = answer(as_alice, drawn, typed, **extra)
        body = response.content.decode()
        assert response.status_code == status
        assert message in body
        assert 'aria-invalid="true"' in body
        if typed.strip():
            assert typed in body
    assert not PromptAnswer.objects.exists()


def test_a_bad_answer_leaves_the_saved_one_alone(couple, drawn, as_alice):
    alice, _ = couple
    services.answer_save(person=alice, draw_id=drawn.pk, text=ALICE_WORDS)
    answer(as_alice, drawn, "")
    assert PromptAnswer.objects.get(author=alice).text == ALICE_WORDS


def test_another_couple_cannot_open_or_answer_your_question(couple, other_couple, drawn):
    alice, _ = couple
    services.answer_save(person=alice, draw_id=drawn.pk, text=ALICE_WORDS)
    carol = client_for(other_couple[0])
    assert carol.get(reverse("talk_question", kwargs={"draw_id": drawn.pk})).status_code == 404
    assert answer(carol, drawn, "INTRUDER").status_code == 404
    assert carol.get(reverse("talk_timer", kwargs={"draw_id": drawn.pk})).status_code == 404
    with pytest.raises(ValidationError):
        services.answer_save(person=other_couple[0], draw_id=drawn.pk, text="INTRUDER")
    assert not PromptAnswer.objects.filter(text="INTRUDER").exists()


def test_a_solo_person_answers_for_themselves(erin):
    draw = services.draw_prompt(person=erin, couple=couple_for(erin), deck_slug="dreams")
    client = client_for(erin)
    answer(client, draw, "A garden of my own")
    body = page(client, draw)
    assert "Your answer stays just yours until your partner joins and answers too." in body
    assert "A garden of my own" in body


def test_after_a_partner_leaves_their_answers_leave_with_them(couple, drawn):
    alice, bob = couple
    services.answer_save(person=alice, draw_id=drawn.pk, text=ALICE_WORDS)
    services.answer_save(person=bob, draw_id=drawn.pk, text=BOB_WORDS)
    space_services.space_leave(person=bob)
    view = selectors.draw_view(alice, couple_for(alice), drawn.pk)
    assert view.mine.text == ALICE_WORDS and view.theirs is None
    assert not PromptAnswer.objects.visible_to(bob).exclude(author=bob).exists()


def test_the_status_line_polls_until_the_partner_answers_and_never_shows_their_words(couple, drawn, as_alice):
    _, bob = couple
    answer(as_alice, drawn, ALICE_WORDS)
    sealed = page(as_alice, drawn, HTTP_HX_REQUEST="true")
    assert "Bob hasn't answered yet." in sealed and "hx-trigger" in sealed
    services.answer_save(person=bob, draw_id=drawn.pk, text=BOB_WORDS)
    revealed = page(as_alice, drawn, HTTP_HX_REQUEST="true")
    assert "See both answers" in revealed and BOB_WORDS not in revealed and "hx-trigger" not in revealed
