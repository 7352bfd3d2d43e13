"""Conversation-prompt content for the authorization matrix (tests/test_authorization_matrix.py)."""

from __future__ import annotations

from rekindle.prompts import services
from rekindle.spaces.selectors import couple_for
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED


def add_samples(alice, bob, carol, dave) -> dict:
    ab, cd = couple_for(alice), couple_for(carol)
    services.custom_prompt_add(person=alice, couple=ab, text=f"{ALICE_SHARED} own question?")
    services.custom_prompt_add(person=carol, couple=cd, text=f"{CAROL_SHARED} own question?")

    both = services.draw_prompt(person=alice, couple=ab, deck_slug="ours")
    services.answer_save(person=alice, draw_id=both.pk, text=f"{ALICE_SHARED} answer")
    services.answer_save(person=bob, draw_id=both.pk, text="BOB-SHARED-ANSWER")
    services.favourite_set(person=alice, draw_id=both.pk, on=True)

    sealed = services.draw_prompt(person=alice, couple=ab, deck_slug="memories")
    services.answer_save(person=alice, draw_id=sealed.pk, text=f"{ALICE_SEALED} answer")

    theirs = services.draw_prompt(person=carol, couple=cd, deck_slug="ours")
    services.answer_save(person=carol, draw_id=theirs.pk, text=f"{CAROL_SHARED} answer")
    services.answer_save(person=dave, draw_id=theirs.pk, text="DAVE-SHARED-ANSWER")
    services.favourite_set(person=carol, draw_id=theirs.pk, on=True)
    return {"draw_id": sealed.pk}
