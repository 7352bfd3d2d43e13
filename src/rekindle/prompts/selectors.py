"""Viewer-scoped reads of draws, answers, decks and favourites.

Draws and favourites come through `visible_to(person)` (the viewer's active space) and answers
through the sealed `PromptAnswer.objects.visible_to(person)`, so an unrevealed answer can't
reach a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Subquery,
    Value,
)

from rekindle.lib.prepared import Fixed, prepared
from rekindle.prompts import content
from rekindle.prompts.models import CustomPrompt, Draw, Favourite, PromptAnswer
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple

OURS_TITLE = "Our own questions"
OURS_DESCRIPTION = "Questions the two of you wrote. They're drawn like any other deck."
RECENT = 6


@dataclass
class DrawView:
    """A drawn question as the viewer may see it. `mine` and `theirs` are loaded by `draw_view` only."""

    draw: Draw
    question: str  # empty when the question has since left its deck
    deck_title: str
    i_answered: bool
    partner_answered: bool
    solo: bool = False
    is_favourite: bool = False
    mine: PromptAnswer | None = None
    theirs: PromptAnswer | None = None

    @property
    def revealed(self) -> bool:
        return self.i_answered and self.partner_answered

    @property
    def settled(self) -> bool:
        """Everyone in the space has answered: both of you, or you alone while you're on your own."""
        return self.revealed or (self.solo and self.i_answered)


@dataclass(frozen=True)
class DeckProgress:
    slug: str
    title: str
    description: str
    why: str
    total: int
    drawn: int  # in the current cycle
    cycle: int

    @property
    def used_up(self) -> bool:
        return self.total > 0 and self.drawn >= self.total


@dataclass(frozen=True)
class FavouriteView:
    question: str
    deck_title: str
    draw_id: int  # the latest time it was drawn, where the answers are


def _custom_id(prompt_key: str) -> int | None:
    rest = prompt_key[len(content.CUSTOM_PREFIX) :] if prompt_key.startswith(content.CUSTOM_PREFIX) else ""
    return int(rest) if rest.isdigit() else None


@prepared
def _custom_texts(viewer, couple, ids):
    return CustomPrompt.objects.visible_to(viewer).filter(pk__in=ids).values_list("pk", "text")


def _with_custom_text(person: Person, rows) -> list:
    """The rows, each with `custom_text`: the couple's own question its `prompt_key` names, if the
    viewer may read it. One small query, and only when a row names one (cheaper than a subquery)."""
    rows = list(rows)
    ids = sorted({pk for row in rows if (pk := _custom_id(row.prompt_key)) is not None})
    texts = dict(_custom_texts.rows(person, ids)) if ids else {}
    for row in rows:
        row.custom_text = texts.get(_custom_id(row.prompt_key))
    return rows


def _question(prompt_key: str, custom_text: str | None) -> tuple[str, str]:
    if prompt_key.startswith(content.CUSTOM_PREFIX):
        return custom_text or "", OURS_TITLE
    found = content.prompt_index().get(prompt_key)
    return (found[1].text, found[0].title) if found else ("", "")


def _draws(person: Person, couple: Couple):
    partner_answered = (
        Exists(PromptAnswer.objects.filter(draw=OuterRef("pk"), author=couple.partner))
        if couple.partner
        else Value(False, output_field=BooleanField())
    )
    return Draw.objects.visible_to(person).annotate(
        i_answered=Exists(PromptAnswer.objects.filter(draw=OuterRef("pk"), author=person)),
        partner_answered=partner_answered,
    )


def _view(draw: Draw, couple: Couple, **extra) -> DrawView:
    question, deck_title = _question(draw.prompt_key, draw.custom_text)
    return DrawView(
        draw=draw,
        question=question,
        deck_title=deck_title,
        i_answered=draw.i_answered,
        partner_answered=draw.partner_answered,
        solo=couple.is_solo,
        **extra,
    )


@prepared
def _newest_draws(viewer, couple, limit):
    return _draws(viewer, couple)[:limit]


def recent_draws(person: Person, couple: Couple, limit: int = RECENT) -> list[DrawView]:
    """The couple's newest draws, newest first."""
    return [_view(draw, couple) for draw in _with_custom_text(person, _newest_draws.rows(person, Fixed(limit)))]


def open_draw(recent: Sequence[DrawView]) -> DrawView | None:
    """The newest draw, while it still waits for an answer from one of you."""
    return recent[0] if recent and not recent[0].settled else None


def tonight(person: Person, couple: Couple) -> DrawView | None:
    return open_draw(recent_draws(person, couple, limit=1))


def draw_view(person: Person, couple: Couple, draw_id: int) -> DrawView | None:
    is_favourite = Exists(Favourite.objects.filter(space=OuterRef("space"), prompt_key=OuterRef("prompt_key")))
    draw = _draws(person, couple).annotate(is_favourite=is_favourite).filter(pk=draw_id).first()
    if draw is None:
        return None
    _with_custom_text(person, [draw])
    view = _view(draw, couple, is_favourite=draw.is_favourite)
    for answer in PromptAnswer.objects.visible_to(person).filter(draw=draw):
        if answer.author_id == person.pk:
            view.mine = answer
        else:
            view.theirs = answer
    return view


@prepared
def _our_prompts(viewer, couple):
    return CustomPrompt.objects.visible_to(viewer).filter(space=couple.space).select_related("author")


def our_prompts(person: Person, couple: Couple) -> list[CustomPrompt]:
    return _our_prompts.rows(person)


@prepared
def _draws_per_cycle(viewer, couple):
    return Draw.objects.visible_to(viewer).order_by().values_list("deck_slug", "cycle").annotate(n=Count("id"))


def deck_list(couple: Couple) -> list[DeckProgress]:
    """Every deck with how far the couple is through its current cycle; their own questions last."""
    counts: dict[str, tuple[int, int]] = {}  # deck → (cycle, draws in it)
    for slug, cycle, drawn in _draws_per_cycle.rows(couple.me):
        if cycle >= counts.get(slug, (0, 0))[0]:
            counts[slug] = (cycle, drawn)
    decks = [
        (deck.slug, deck.title, deck.description, deck.why, len(deck.prompts))
        for deck in content.all_decks().values()
    ]
    ours_total = _our_prompts.count(couple.me)
    decks.append((content.OURS, OURS_TITLE, OURS_DESCRIPTION, "", ours_total))
    progress = []
    for slug, title, description, why, total in decks:
        cycle, drawn = counts.get(slug, (1, 0))
        progress.append(DeckProgress(slug, title, description, why, total, min(drawn, total), cycle))
    return progress


@prepared
def _favourites(viewer, couple):
    latest = Draw.objects.filter(space=OuterRef("space"), prompt_key=OuterRef("prompt_key")).order_by("-id")
    return Favourite.objects.visible_to(viewer).annotate(draw_id=Subquery(latest.values("pk")[:1]))


def favourites(person: Person, couple: Couple) -> list[FavouriteView]:
    rows = _with_custom_text(person, _favourites.rows(person))
    found = []
    for row in rows:
        question, deck_title = _question(row.prompt_key, row.custom_text)
        if question and row.draw_id:
            found.append(FavouriteView(question=question, deck_title=deck_title, draw_id=row.draw_id))
    return found
