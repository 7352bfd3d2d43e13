"""Reads for self-care and "how I feel cared for".

Self-care: the author's own rows only (`PrivateQuerySet.visible_to`), nothing else ever.
The "how to love me" card is the one thing a partner sees, and only what its author chose
to show: `card_for_partner` is the single place that reads another person's answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import DateTimeField, Subquery, Value
from django.db.models.functions import Coalesce

from rekindle.programs.content import touch_tags
from rekindle.programs.models import TouchPreference
from rekindle.spaces.models import Membership, Person
from rekindle.spaces.selectors import Couple
from rekindle.wellbeing.content import WAYS, Way, questionnaire
from rekindle.wellbeing.models import CareAnswers, CareCard, SelfCareGoal, SelfCareLookBack, SelfCarePlan
from rekindle.wellbeing.services import week_of

NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # "since": for someone who never left a space
LOOK_BACKS_SHOWN = 8
EARLIER_SHOWN = 10


def plan_for(person: Person) -> SelfCarePlan:
    return SelfCarePlan.objects.visible_to(person).first() or SelfCarePlan(author=person)


def selfcare_goals(person: Person) -> list[SelfCareGoal]:
    return list(SelfCareGoal.objects.visible_to(person)[:50])


def look_backs(person: Person) -> list[SelfCareLookBack]:
    return list(SelfCareLookBack.objects.visible_to(person)[:LOOK_BACKS_SHOWN])


def this_week(person: Person, backs: list[SelfCareLookBack]) -> SelfCareLookBack | None:
    monday = week_of(person.today())
    return next((b for b in backs if b.week_of == monday), None)


# --- how I feel cared for ---------------------------------------------------------------------


@dataclass
class WayScore:
    way: Way
    rating: float
    label: str
    example: str = ""


def scores(answers: CareAnswers | None) -> list[WayScore]:
    """Each way on its own, highest first: each is rated separately, none is "your type"."""
    if answers is None:
        return []
    q = questionnaire()
    out = []
    for way in q.ways:
        ratings = [answers.ratings.get(question.key) for question in q.questions_for(way.key)]
        ratings = [r for r in ratings if isinstance(r, int)]
        if not ratings:
            continue
        mean = sum(ratings) / len(ratings)
        out.append(WayScore(way, mean, q.scale[round(mean) - 1], (answers.examples or {}).get(way.key, "")))
    return sorted(out, key=lambda s: (-s.rating, WAYS.index(s.way.key)))


def my_answers(person: Person) -> list[CareAnswers]:
    """The person's own takings, newest first (the first is the current one)."""
    return list(CareAnswers.objects.visible_to(person)[: EARLIER_SHOWN + 1])


def my_card(person: Person) -> CareCard:
    return CareCard.objects.visible_to(person).first() or CareCard(author=person, ways=list(WAYS))


def skipped_touch_labels(person: Person) -> list[str]:
    tags = touch_tags()
    return [tags[t] for t in TouchPreference.objects.filter(person=person.pk).values_list("tag", flat=True) if t in tags]


@dataclass
class LoveCard:
    """What a partner sees: only the ways, examples and touch lines its author chose to show."""

    person: Person
    ways: list[WayScore] = field(default_factory=list)
    note: str = ""
    touch_skipped: list[str] | None = None
    answered_on: object = None


def card_of(author: Person, answers: CareAnswers | None, card: CareCard) -> LoveCard:
    shown = set(card.ways)
    ways = [s for s in scores(answers) if s.way.key in shown]
    if not card.show_examples:
        for s in ways:
            s.example = ""
    return LoveCard(person=author, ways=ways, note=card.note,
                    touch_skipped=skipped_touch_labels(author) if card.show_touch else None,
                    answered_on=answers.created_at if answers else None)


def card_for_partner(viewer: Person, couple: Couple | None) -> LoveCard | None:
    """The viewer's partner's "how to love me" card, or None (no partner, or nothing filled in yet)."""
    if couple is None or couple.partner is None or couple.me.pk != viewer.pk:
        return None
    partner = couple.partner
    # What the partner wrote while sharing an earlier space stays theirs: this space sees only
    # answers and a card from after they last left one.
    last_left = Membership.objects.filter(person=partner.pk, left_at__isnull=False).order_by("-left_at")
    since = Coalesce(Subquery(last_left.values("left_at")[:1]), Value(NEVER, output_field=DateTimeField()))
    answers = (
        CareAnswers.objects.filter(author=partner.pk, created_at__gt=since).order_by("-created_at", "-id").first()
    )
    if answers is None:
        return None
    card = CareCard.objects.filter(author=partner.pk, updated_at__gt=since).first()
    return card_of(partner, answers, card or CareCard(author=partner, ways=list(WAYS)))
