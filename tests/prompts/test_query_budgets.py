"""Every Talk page stays within the query budget, with one draw or three hundred behind it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rekindle.prompts import content
from rekindle.prompts.models import CustomPrompt, Draw, Favourite, PromptAnswer
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.test_query_budgets import BUDGET


def add_history(alice, bob, draws: int) -> Draw:
    """`draws` answered draws across the decks, own questions and favourites; returns the newest."""
    space = couple_for(alice).space
    ours = CustomPrompt.objects.bulk_create(
        CustomPrompt(space=space, author=person, text=f"Our question {i}?") for i, person in enumerate((alice, bob) * 5)
    )
    keys = [(deck.slug, prompt.key) for deck in content.all_decks().values() for prompt in deck.prompts]
    keys = [("ours", f"custom-{prompt.pk}") for prompt in ours] + keys
    made = Draw.objects.bulk_create(
        Draw(space=space, deck_slug=slug, prompt_key=key, drawn_by=alice) for slug, key in keys[:draws]
    )
    PromptAnswer.objects.bulk_create(
        PromptAnswer(draw=draw, author=person, text="An answer") for draw in made for person in (alice, bob)
    )
    Favourite.objects.bulk_create(Favourite(space=space, prompt_key=draw.prompt_key) for draw in made[::3])
    return Draw.objects.filter(space=space).first()


@pytest.mark.parametrize("draws", [1, 300])
def test_every_talk_page_stays_within_budget(couple, draws, django_assert_max_num_queries):
    alice, bob = couple
    newest = add_history(alice, bob, draws)
    client = client_for(alice)
    question = reverse("talk_question", kwargs={"draw_id": newest.pk})
    pages = [
        (reverse("talk"), {}),
        (question, {}),
        (question, {"HTTP_HX_REQUEST": "true"}),
        (reverse("talk_timer", kwargs={"draw_id": newest.pk}), {}),
    ]
    for url, headers in pages:
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url, **headers)
        assert response.status_code == 200, url


def test_a_solo_persons_talk_page_stays_within_budget(erin, django_assert_max_num_queries):
    client = client_for(erin)
    with django_assert_max_num_queries(BUDGET):
        assert client.get(reverse("talk")).status_code == 200
