"""Drawing questions: random, never repeating for a couple until the deck is used up."""

from __future__ import annotations

from collections import defaultdict
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rekindle.prompts import content, services
from rekindle.prompts.models import Draw
from rekindle.spaces.selectors import couple_for


def small_decks(sizes: list[int]) -> dict[str, content.Deck]:
    return {
        f"deck{d}": content.Deck(
            slug=f"deck{d}", title=f"Deck {d}", description="", why="",
            prompts=tuple(content.Prompt(key=f"d{d}-{p}", text=f"Question {d}.{p}?") for p in range(size)),
        )
        for d, size in enumerate(sizes)
    }


def assert_cycles_are_whole_decks(draws, decks) -> None:
    """In order of drawing, each deck's draws fall into cycles that each hold the whole deck once."""
    by_deck = defaultdict(list)
    for draw in draws:
        by_deck[draw.deck_slug].append(draw)
    for slug, drawn in by_deck.items():
        keys = {prompt.key for prompt in decks[slug].prompts}
        size = len(keys)
        for index, draw in enumerate(drawn):
            assert draw.cycle == index // size + 1, (slug, index, draw.cycle)
        for start in range(0, len(drawn), size):
            chunk = [draw.prompt_key for draw in drawn[start : start + size]]
            assert len(set(chunk)) == len(chunk), f"a question repeated within a cycle of {slug}"
            assert set(chunk) <= keys
            if len(chunk) == size:
                assert set(chunk) == keys


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), sizes=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=3))
def test_no_question_repeats_within_a_cycle_and_each_cycle_holds_the_whole_deck(couple, data, sizes):
    alice, bob = couple
    decks = small_decks(sizes)
    Draw.objects.all().delete()
    choices = data.draw(
        st.lists(st.tuples(st.sampled_from(sorted(decks)), st.booleans()), max_size=3 * max(sizes) * len(sizes))
    )
    with mock.patch.object(content, "all_decks", return_value=decks):
        for slug, by_alice in choices:
            person = alice if by_alice else bob
            services.draw_prompt(person=person, couple=couple_for(person), deck_slug=slug)
    assert_cycles_are_whole_decks(Draw.objects.order_by("id"), decks)


def test_a_real_deck_gives_every_question_once_before_any_repeats(couple):
    alice, _ = couple
    deck = content.all_decks()["affection"]
    size = len(deck.prompts)
    for _ in range(size + 3):
        services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="affection")
    draws = list(Draw.objects.order_by("id"))
    assert {d.prompt_key for d in draws[:size]} == {p.key for p in deck.prompts}
    assert [d.cycle for d in draws[size:]] == [2, 2, 2]
    assert_cycles_are_whole_decks(draws, content.all_decks())


def test_each_couple_has_its_own_cycle(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    decks = small_decks([2])
    with mock.patch.object(content, "all_decks", return_value=decks):
        for person in (alice, alice, carol):
            services.draw_prompt(person=person, couple=couple_for(person), deck_slug="deck0")
    assert list(Draw.objects.filter(space=couple_for(carol).space).values_list("cycle", flat=True)) == [1]


def test_a_double_tap_on_draw_gives_the_same_question(couple):
    alice, _ = couple
    first = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    again = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    assert again == first
    assert Draw.objects.count() == 1


def test_partners_drawing_at_once_land_on_the_same_question(couple):
    alice, bob = couple
    first = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    assert services.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="memories", seen_draw_id=0) == first


def test_drawing_a_different_question_replaces_the_one_on_screen(couple):
    alice, _ = couple
    first = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    second = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=first.pk)
    assert second != first and second.prompt_key != first.prompt_key


def test_a_new_draw_follows_a_question_you_have_both_answered(couple):
    alice, bob = couple
    first = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0)
    for person in (alice, bob):
        services.answer_save(person=person, draw_id=first.pk, text="Somewhere warm")
    assert services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams", seen_draw_id=0) != first


def test_any_deck_draws_from_one_of_the_decks(couple):
    alice, _ = couple
    draw = services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="any")
    assert draw.deck_slug in content.all_decks()
    assert draw.prompt_key in {p.key for p in content.all_decks()[draw.deck_slug].prompts}


def test_our_own_questions_are_a_deck_of_their_own(couple):
    alice, bob = couple
    mine = services.custom_prompt_add(person=alice, couple=couple_for(alice), text="What made you laugh this week?")
    theirs = services.custom_prompt_add(person=bob, couple=couple_for(bob), text="Where shall we walk on Sunday?")
    keys = {services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="ours").prompt_key for _ in range(2)}
    assert keys == {mine.key, theirs.key}


def test_drawing_from_an_empty_own_deck_or_an_unknown_deck_is_refused_kindly(couple):
    alice, _ = couple
    with pytest.raises(ValidationError) as empty:
        services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="ours")
    assert empty.value.code == "empty_deck"
    with pytest.raises(ValidationError) as unknown:
        services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="../secrets")
    assert unknown.value.code == "unknown_deck"
    assert not Draw.objects.exists()


def test_another_couples_own_questions_never_enter_your_deck(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    services.custom_prompt_add(person=carol, couple=couple_for(carol), text="Carol's question?")
    with pytest.raises(ValidationError):
        services.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="ours")
