"""Writes for self-care (private, always) and "how I feel cared for". Each touches only its author's rows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rekindle.news import kinds as news
from rekindle.news.services import news_record
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple
from rekindle.wellbeing.content import WAYS, questionnaire
from rekindle.wellbeing.models import (
    LINE_MAX,
    NOTE_MAX,
    PLAN_MAX,
    CareAnswers,
    CareCard,
    SelfCareGoal,
    SelfCareLookBack,
    SelfCarePlan,
)

STALE = ("This plan was saved from another window while you were writing. That version is below; your words are "
         "still in the boxes — save again to keep them.")


def _text(value: str | None, *, field: str, limit: int, empty: str = "") -> str:
    value = (value or "").strip()
    if empty and not value:
        raise ValidationError({field: ValidationError(empty, code="empty")})
    if len(value) > limit:
        raise ValidationError({field: ValidationError(
            f"Please keep it to {limit} characters (it's {len(value)} now).", code="too_long")})
    return value


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- self-care --------------------------------------------------------------------------------


@transaction.atomic
def selfcare_plan_save(*, person: Person, recharges: str, needs: str, version: int | None) -> SelfCarePlan:
    plan, _ = SelfCarePlan.objects.select_for_update().get_or_create(author=person)
    if version is not None and version != plan.version:
        raise ValidationError(STALE, code="stale")
    errors = {}
    for name, value in (("recharges", recharges), ("needs", needs)):
        try:
            setattr(plan, name, _text(value, field=name, limit=PLAN_MAX))
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    plan.version += 1
    plan.updated_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def selfcare_goal_add(*, person: Person, text: str) -> SelfCareGoal:
    text = _text(text, field="text", limit=LINE_MAX,
                 empty="Say what you'd like to do for yourself, like “a walk alone on Saturday morning”.")
    earlier = SelfCareGoal.objects.visible_to(person).filter(text=text, done_on__isnull=True).first()
    return earlier or SelfCareGoal.objects.create(author=person, text=text)


def _my_goal(person: Person, goal_id: int) -> SelfCareGoal:
    goal = SelfCareGoal.objects.visible_to(person).filter(pk=goal_id).first()
    if goal is None:
        raise ValidationError("We couldn't find that one — it may have been removed.", code="not_found")
    return goal


@transaction.atomic
def selfcare_goal_done(*, person: Person, goal_id: int, done: bool = True) -> SelfCareGoal:
    goal = _my_goal(person, goal_id)
    goal.done_on = person.today() if done else None
    goal.save(update_fields=["done_on"])
    return goal


@transaction.atomic
def selfcare_goal_remove(*, person: Person, goal_id: int) -> SelfCareGoal:
    goal = _my_goal(person, goal_id)
    goal.delete()
    return goal


@transaction.atomic
def selfcare_look_back(*, person: Person, answer: str, note: str = "") -> SelfCareLookBack:
    """This week's private look back; answering again the same week changes it."""
    if answer not in dict(SelfCareLookBack.ANSWERS):
        raise ValidationError({"answer": ValidationError("Choose the answer that fits this week best.", code="empty")})
    note = _text(note, field="note", limit=NOTE_MAX)
    look_back, _ = SelfCareLookBack.objects.update_or_create(
        author=person, week_of=week_of(person.today()),
        defaults={"answer": answer, "note": note, "updated_at": timezone.now()},
    )
    return look_back


# --- how I feel cared for ---------------------------------------------------------------------


@transaction.atomic
def care_answers_save(*, person: Person, couple: Couple | None, ratings: dict[str, int | None],
                      examples: dict[str, str]) -> CareAnswers:
    """A new taking of the questionnaire: every statement rated 1–5, examples in one's own words."""
    errors: dict[str, list] = {}
    cleaned = {}
    for question in questionnaire().questions:
        rating = ratings.get(question.key)
        if rating not in {1, 2, 3, 4, 5}:
            errors[question.key] = [ValidationError("Choose how much this one is true for you.", code="empty")]
        else:
            cleaned[question.key] = rating
    words = {}
    for way in WAYS:
        try:
            words[way] = _text(examples.get(way, ""), field=f"example_{way}", limit=NOTE_MAX)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    answers = CareAnswers.objects.create(author=person, ratings=cleaned,
                                         examples={way: text for way, text in words.items() if text})
    if couple is not None:
        news_record(actor=person, space=couple.space, kind=news.CARE_CARD, couple=couple)
    return answers


@transaction.atomic
def care_card_save(*, person: Person, ways: list[str], show_examples: bool, show_touch: bool,
                   note: str = "") -> CareCard:
    unknown = set(ways) - set(WAYS)
    if unknown:
        raise ValidationError({"ways": ValidationError("Choose from the five ways listed.", code="unknown")})
    note = _text(note, field="note", limit=NOTE_MAX)
    card, _ = CareCard.objects.update_or_create(
        author=person,
        defaults={"ways": [w for w in WAYS if w in ways], "show_examples": show_examples, "show_touch": show_touch,
                  "note": note, "updated_at": timezone.now()},
    )
    return card
