"""Writes for conversation prompts: drawing, answering, favourites and a couple's own questions."""

from __future__ import annotations

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rekindle.prompts import content
from rekindle.prompts.models import (
    ANSWER_MAX,
    CustomPrompt,
    Draw,
    Favourite,
    PromptAnswer,
)
from rekindle.news import kinds as news
from rekindle.news.services import news_record
from rekindle.spaces.models import Membership, Person, Space
from rekindle.spaces.selectors import Couple

ANY_DECK = "any"


def _clean(value: str | None, *, empty: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(empty, code="empty")
    if len(value) > limit:
        raise ValidationError(
            f"That's {len(value)} characters; please keep it to {limit}.", code="too_long"
        )
    return value


def deck_keys(couple: Couple, deck_slug: str) -> list[str]:
    """The prompt keys a deck holds for this couple: a content deck's ids, or their own questions."""
    if deck_slug == content.OURS:
        return [prompt.key for prompt in CustomPrompt.objects.visible_to(couple.me).filter(space=couple.space)]
    deck = content.all_decks().get(deck_slug)
    if deck is None:
        raise ValidationError("We couldn't find that deck. Please choose one from the list.", code="unknown_deck")
    return [prompt.key for prompt in deck.prompts]


def _still_to_answer(draw: Draw) -> set[int]:
    """Who in the draw's space hasn't answered it yet (whether, never what)."""
    members = set(Membership.objects.active().filter(space=draw.space_id).values_list("person", flat=True))
    return members - set(PromptAnswer.objects.filter(draw=draw).values_list("author", flat=True))


def _open_draw_since(space: Space, seen_draw_id: int) -> Draw | None:
    """The space's newest draw if it came after `seen_draw_id` and someone still has to answer it."""
    newest = Draw.objects.filter(space=space).first()
    if newest is None or newest.pk <= seen_draw_id or not _still_to_answer(newest):
        return None
    return newest


@transaction.atomic
def draw_prompt(*, person: Person, couple: Couple, deck_slug: str, seen_draw_id: int | None = None) -> Draw:
    """Draw a question from a deck (or from any deck) that this couple hasn't had in the deck's current cycle.

    When every question of the deck has been drawn, the next cycle starts, so nothing repeats
    until a deck is used up. `seen_draw_id` is the open draw the person's page showed (0 for
    none): if a newer open draw exists — a double tap, or the partner drawing at the same
    moment — that one is returned instead of drawing again.
    """
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()  # one draw at a time per space
    if seen_draw_id is not None:
        newer = _open_draw_since(couple.space, seen_draw_id)
        if newer is not None:
            return newer
    if deck_slug == ANY_DECK:
        deck_slug = random.choice(sorted(content.all_decks()))
    keys = deck_keys(couple, deck_slug)
    if not keys:
        raise ValidationError("Add a question of your own first, then you can draw it.", code="empty_deck")
    in_deck = Draw.objects.filter(space=couple.space, deck_slug=deck_slug)
    cycle = in_deck.aggregate(latest=Max("cycle"))["latest"] or 1
    drawn = set(in_deck.filter(cycle=cycle).values_list("prompt_key", flat=True))
    remaining = [key for key in keys if key not in drawn]
    if not remaining:
        cycle, remaining = cycle + 1, keys
    return Draw.objects.create(
        space=couple.space, deck_slug=deck_slug, prompt_key=random.choice(remaining), cycle=cycle, drawn_by=person
    )


def _partner_has_answered(draw: Draw, person: Person) -> bool:
    members = Membership.objects.active().filter(space=draw.space_id).exclude(person=person).values("person")
    return PromptAnswer.objects.filter(draw=draw, author__in=members).exists()


@transaction.atomic
def answer_save(*, person: Person, draw_id: int, text: str) -> PromptAnswer:
    """Answer a drawn question, or change the answer while it is still sealed."""
    draw = Draw.objects.visible_to(person).filter(pk=draw_id).first()
    if draw is None:
        raise ValidationError("That question isn't in your space.", code="not_found")
    text = _clean(text, empty="Write a few words: a sentence or two is plenty.", limit=ANSWER_MAX)
    existing = PromptAnswer.objects.select_for_update().filter(draw=draw, author=person).first()
    if existing is None:
        try:
            with transaction.atomic():
                answer = PromptAnswer.objects.create(draw=draw, author=person, text=text)
        except IntegrityError:  # the same form sent twice at once
            existing = PromptAnswer.objects.select_for_update().get(draw=draw, author=person)
        else:
            news_record(actor=person, space=draw.space_id, kind=news.PROMPT_ANSWER, object_id=draw.pk)
            return answer
    if existing.text == text:
        return existing  # a double submit, or saving without changes
    if _partner_has_answered(draw, person):
        raise ValidationError(
            "Your partner has answered too, so both answers are open now and yours can't be changed. "
            "Anything you'd add is worth saying out loud.",
            code="revealed",
        )
    existing.text = text
    existing.updated_at = timezone.now()
    existing.save(update_fields=["text", "updated_at"])
    return existing


@transaction.atomic
def favourite_set(*, person: Person, draw_id: int, on: bool) -> bool:
    """Keep (or stop keeping) a drawn question among the couple's favourites; returns whether it is kept.

    It takes the state the person asked for rather than toggling, so a double submit can't undo itself.
    """
    draw = Draw.objects.visible_to(person).filter(pk=draw_id).first()
    if draw is None:
        raise ValidationError("That question isn't in your space.", code="not_found")
    if on:
        Favourite.objects.get_or_create(space_id=draw.space_id, prompt_key=draw.prompt_key)
    else:
        Favourite.objects.filter(space_id=draw.space_id, prompt_key=draw.prompt_key).delete()
    return on


@transaction.atomic
def custom_prompt_add(*, person: Person, couple: Couple, text: str) -> CustomPrompt:
    """Add a question of the couple's own; a double submit finds the one already saved."""
    text = _clean(text, empty="Write the question you'd like to ask each other.", limit=content.TEXT_MAX)
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()  # one at a time, so no doubles
    ours = CustomPrompt.objects.visible_to(person).filter(space=couple.space)
    earlier = next((p for p in ours if p.text.casefold() == text.casefold()), None)
    if earlier is not None:
        if earlier.author_id == person.pk and earlier.text == text:
            return earlier
        raise ValidationError("That question is already in your own deck.", code="duplicate")
    return CustomPrompt.objects.create(space=couple.space, author=person, text=text)
