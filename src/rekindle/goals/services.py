"""Writes for values, shared values and goals. Each one validates, is atomic and keeps
`Space.next_goal_step_on` (what Today reads to know if a goal step is due) up to date."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from rekindle.goals.content import value_for
from rekindle.goals.models import (
    MAX_VALUES,
    NOTE_MAX,
    STEP_MAX,
    TITLE_MAX,
    VALUE_NAME_MAX,
    Goal,
    GoalCheer,
    GoalStep,
    SharedValue,
    ValuePick,
)
from rekindle.news import kinds as news
from rekindle.news.services import news_forget, news_record
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple

NOT_FOUND = "We couldn't find that goal — it may have been taken away."
STEP_NOT_FOUND = "We couldn't find that step — it may have been taken off already."
SIXTH_VALUE = "Pick up to five. You've chosen {count} — untick one or two to make room."
PAST_TARGET = "That date has already passed. Pick today or a day ahead."
STALE = ("This goal was changed while you were editing it — by your partner, or in another window. That version "
         "is shown below; your words are still in the boxes, so look them over and save again.")


def _line(value: str | None, *, field: str, limit: int, empty: str = "") -> str:
    value = " ".join((value or "").split())
    if empty and not value:
        raise ValidationError({field: ValidationError(empty, code="empty")})
    if len(value) > limit:
        raise ValidationError({field: ValidationError(f"Please keep it to {limit} characters (it's {len(value)} now).",
                                                      code="too_long")})
    return value


def _collect(checks) -> dict:
    """Run each check; gather their field errors in one dict, so every problem shows at once."""
    errors, values = {}, []
    for check in checks:
        try:
            values.append(check())
        except ValidationError as exc:
            errors.update(exc.error_dict)
            values.append(None)
    if errors:
        raise ValidationError(errors)
    return values


def refresh_next_step(space: Space | int) -> dt.date | None:
    """Write the earliest due date of an open step of an active goal onto the space."""
    space_id = getattr(space, "pk", space)
    earliest = GoalStep.objects.filter(
        goal__space=space_id, goal__status=Goal.ACTIVE, done_on__isnull=True, due_on__isnull=False
    ).aggregate(first=Min("due_on"))["first"]
    Space.objects.filter(pk=space_id).update(next_goal_step_on=earliest)
    if isinstance(space, Space):
        space.next_goal_step_on = earliest
    return earliest


# --- values -----------------------------------------------------------------------------------


@transaction.atomic
def values_pick(*, person: Person, couple: Couple, keys: list[str], own: list[str]) -> list[ValuePick]:
    """Set the person's core values: up to five, from the list and in their own words."""
    keys = list(dict.fromkeys(k for k in keys if k))
    unknown = [k for k in keys if value_for(k) is None]
    if unknown:
        raise ValidationError({"values": ValidationError("Choose from the values listed.", code="unknown")})
    names = []
    for name in own:
        name = " ".join((name or "").split())
        if not name:
            continue
        if len(name) > VALUE_NAME_MAX:
            raise ValidationError({"own": ValidationError(
                f"Please keep a value to {VALUE_NAME_MAX} characters — a word or two is enough.", code="too_long")})
        listed = {value_for(k).name.casefold() for k in keys}
        if name.casefold() not in listed and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    count = len(keys) + len(names)
    if count > MAX_VALUES:
        raise ValidationError({"values": ValidationError(SIXTH_VALUE.format(count=count), code="too_many")})
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()
    mine = ValuePick.objects.filter(space=couple.space, author=person)
    had = set(mine.values_list("value_key", "own_name"))
    ordered = [(k, "") for k in keys] + [("", n) for n in names]
    wanted = set(ordered)
    for key, name in had - wanted:
        mine.filter(value_key=key, own_name=name).delete()
    ValuePick.objects.bulk_create(
        ValuePick(space=couple.space, author=person, value_key=k, own_name=n) for k, n in ordered if (k, n) not in had
    )
    if wanted != had and wanted:
        news_record(actor=person, space=couple.space, kind=news.VALUES_PICKED, couple=couple)
    return list(mine)


def _value_name(key: str, name: str) -> tuple[str, str]:
    if key:
        value = value_for(key)
        if value is None:
            raise ValidationError("Choose from the values listed.", code="unknown")
        return key, value.name
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Name the value you'd like to share.", code="empty")
    if len(name) > VALUE_NAME_MAX:
        raise ValidationError(f"Please keep a value to {VALUE_NAME_MAX} characters.", code="too_long")
    listed = next((v for v in _all_values() if v.name.casefold() == name.casefold()), None)
    return (listed.key, listed.name) if listed else ("", name)


def _all_values():
    from rekindle.goals.content import values_list

    return values_list().values


@transaction.atomic
def shared_value_propose(*, person: Person, couple: Couple, key: str = "", name: str = "") -> SharedValue:
    """Suggest a value to hold together. If the partner suggested the same one, this confirms it."""
    if couple.partner is None:
        raise ValidationError("Choosing values together needs both of you — invite your partner first.", code="solo")
    key, name = _value_name(key, name)
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()
    existing = SharedValue.objects.visible_to(person).filter(space=couple.space, name__iexact=name).first()
    if existing is not None:
        if existing.proposed_by_id != person.pk and not existing.confirmed:
            return shared_value_confirm(person=person, couple=couple, shared_value_id=existing.pk)
        return existing
    try:
        with transaction.atomic():
            shared = SharedValue.objects.create(space=couple.space, proposed_by=person, value_key=key, name=name)
    except IntegrityError:  # a former partner's suggestion with that name still in the space
        SharedValue.objects.filter(space=couple.space, name=name).delete()
        shared = SharedValue.objects.create(space=couple.space, proposed_by=person, value_key=key, name=name)
    news_record(actor=person, space=couple.space, kind=news.SHARED_VALUE, object_id=shared.pk, couple=couple, fresh=True)
    return shared


@transaction.atomic
def shared_value_confirm(*, person: Person, couple: Couple, shared_value_id: int) -> SharedValue:
    shared = (SharedValue.objects.visible_to(person).select_for_update()
              .filter(space=couple.space, pk=shared_value_id).first())
    if shared is None:
        raise ValidationError("That suggestion isn't there any more.", code="not_found")
    if shared.proposed_by_id == person.pk:
        raise ValidationError("Your partner confirms the values you suggest — it takes both of you.", code="own")
    if not shared.confirmed:
        shared.confirmed_by, shared.confirmed_at = person, timezone.now()
        shared.save(update_fields=["confirmed_by", "confirmed_at"])
        news_record(actor=person, space=couple.space, kind=news.SHARED_VALUE, object_id=shared.pk,
                    detail="confirmed", couple=couple)
    return shared


@transaction.atomic
def shared_value_remove(*, person: Person, couple: Couple, shared_value_id: int) -> SharedValue:
    """Either of you can take a value off the shared list (or withdraw a suggestion)."""
    shared = SharedValue.objects.visible_to(person).filter(space=couple.space, pk=shared_value_id).first()
    if shared is None:
        raise ValidationError("That value isn't on your shared list any more.", code="not_found")
    news_forget(space=couple.space, of_kinds=(news.SHARED_VALUE,), object_id=shared.pk)
    shared.delete()
    return shared


# --- goals ------------------------------------------------------------------------------------


def _target(target_on: dt.date | None, person: Person, *, field: str = "target_on", was: dt.date | None = None):
    if target_on is None:
        raise ValidationError({field: ValidationError("Pick a date you'd like to reach it by.", code="empty")})
    if target_on < person.today() and target_on != was:
        raise ValidationError({field: ValidationError(PAST_TARGET, code="past")})
    if target_on > person.today() + dt.timedelta(days=366 * 10):
        raise ValidationError({field: ValidationError("Pick a date within the next ten years.", code="far")})
    return target_on


def _goal_fields(person, *, title, value_name, note, target_on, was=None):
    return _collect([
        lambda: _line(title, field="title", limit=TITLE_MAX,
                      empty="Say what you're aiming for, like “walk together three evenings a week”."),
        lambda: _line(value_name, field="value_name", limit=VALUE_NAME_MAX,
                      empty="Name the value it serves — pick one of yours or write your own."),
        lambda: _line(note, field="note", limit=NOTE_MAX),
        lambda: _target(target_on, person, was=was),
    ])


def _step_fields(person, steps, *, prefix="step"):
    cleaned, errors = [], {}
    for index, (title, due_on) in enumerate(steps, start=1):
        title = " ".join((title or "").split())
        if not title:
            if due_on is not None:
                errors[f"{prefix}_{index}_title"] = "Say what this step is, or clear its date."
            continue
        if len(title) > STEP_MAX:
            errors[f"{prefix}_{index}_title"] = f"Please keep a step to {STEP_MAX} characters."
        if due_on is not None and due_on < person.today():
            errors[f"{prefix}_{index}_due"] = PAST_TARGET
        cleaned.append((title, due_on))
    return cleaned, errors


@transaction.atomic
def goal_create(*, person: Person, couple: Couple, shared: bool, title: str, value_name: str,
                target_on: dt.date | None, note: str = "", steps: list[tuple[str, dt.date | None]] = ()) -> Goal:
    """A goal with its first steps. Shared: both own it. Otherwise it is the person's own."""
    errors = {}
    try:
        title, value_name, note, target_on = _goal_fields(
            person, title=title, value_name=value_name, note=note, target_on=target_on)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    steps, step_errors = _step_fields(person, steps)
    errors.update({k: [ValidationError(v)] for k, v in step_errors.items()})
    if errors:
        raise ValidationError(errors)
    goal = Goal.objects.create(space=couple.space, author=person, shared=shared and couple.partner is not None,
                               title=title, value_name=value_name, note=note, target_on=target_on)
    GoalStep.objects.bulk_create(GoalStep(goal=goal, added_by=person, title=t, due_on=d) for t, d in steps)
    refresh_next_step(couple.space)
    news_record(actor=person, space=couple.space, kind=news.GOAL_ADDED, object_id=goal.pk,
                detail="shared" if goal.shared else "own", couple=couple, fresh=True)
    return goal


def _goal_for_write(person: Person, couple: Couple, goal_id: int, *, lock: bool = True) -> Goal:
    goals = Goal.objects.visible_to(person).filter(space=couple.space, pk=goal_id)
    goal = (goals.select_for_update() if lock else goals).first()
    if goal is None:
        raise ValidationError(NOT_FOUND, code="not_found")
    return goal


def _may_change(person: Person, goal: Goal) -> None:
    if not goal.shared and goal.author_id != person.pk:
        raise ValidationError("This is your partner's own goal: they change it, you can cheer them on.",
                              code="not_yours")


@transaction.atomic
def goal_update(*, person: Person, couple: Couple, goal_id: int, version: int | None, title: str,
                value_name: str, target_on: dt.date | None, note: str = "") -> Goal:
    goal = _goal_for_write(person, couple, goal_id)
    _may_change(person, goal)
    if not goal.is_open:
        raise ValidationError("This goal is closed. Pick it up again to change it.", code="closed")
    if version != goal.version:
        raise ValidationError(STALE, code="stale")
    title, value_name, note, target_on = _goal_fields(
        person, title=title, value_name=value_name, note=note, target_on=target_on, was=goal.target_on)
    goal.title, goal.value_name, goal.note, goal.target_on = title, value_name, note, target_on
    goal.version += 1
    goal.updated_at = timezone.now()
    goal.save()
    return goal


@transaction.atomic
def goal_set_status(*, person: Person, couple: Couple, goal_id: int, status: str, why: str = "") -> Goal:
    """Pause, pick up again, finish, or let go of a goal (letting go takes a line why)."""
    goal = _goal_for_write(person, couple, goal_id)
    _may_change(person, goal)
    if status not in {Goal.ACTIVE, Goal.PAUSED, Goal.DONE, Goal.LET_GO}:
        raise ValidationError("Choose pause, pick up again, finished or let go.", code="unknown")
    if status == goal.status:
        return goal  # the same button pressed twice
    if not goal.is_open and status in Goal.OPEN:
        goal.ended_on, goal.ended_note = None, ""
    if status == Goal.LET_GO:
        goal.ended_note = _line(why, field="why", limit=NOTE_MAX,
                                empty="A line on why helps you both remember — a few words is enough.")
    if status in (Goal.DONE, Goal.LET_GO):
        goal.ended_on = person.today()
    goal.status = status
    goal.version += 1
    goal.updated_at = timezone.now()
    goal.save()
    refresh_next_step(couple.space)
    if status == Goal.DONE:
        news_record(actor=person, space=couple.space, kind=news.GOAL_DONE, object_id=goal.pk, couple=couple)
    return goal


@transaction.atomic
def step_add(*, person: Person, couple: Couple, goal_id: int, title: str, due_on: dt.date | None) -> GoalStep:
    goal = _goal_for_write(person, couple, goal_id)
    _may_change(person, goal)
    if not goal.is_open:
        raise ValidationError("This goal is closed. Pick it up again to add steps.", code="closed")
    steps, errors = _step_fields(person, [(title, due_on)])
    if errors:
        raise ValidationError({("title" if k.endswith("title") else "due_on"): v for k, v in errors.items()})
    if not steps:
        raise ValidationError({"title": "Say what the step is — small and doable, like “look up walking routes”."})
    step = GoalStep.objects.create(goal=goal, added_by=person, title=steps[0][0], due_on=steps[0][1])
    refresh_next_step(couple.space)
    return step


def _step_for_write(person: Person, couple: Couple, step_id: int) -> GoalStep:
    step = (GoalStep.objects.visible_to(person).select_for_update(of=("self",))
            .filter(goal__space=couple.space, pk=step_id).select_related("goal").first())
    if step is None:
        raise ValidationError(STEP_NOT_FOUND, code="not_found")
    return step


@transaction.atomic
def step_tick(*, person: Person, couple: Couple, step_id: int, done: bool = True) -> GoalStep:
    """Tick a step as done by you today (or untick it). Shared goals: either of you."""
    step = _step_for_write(person, couple, step_id)
    _may_change(person, step.goal)
    if step.goal.status != Goal.ACTIVE:
        raise ValidationError("This goal is paused or closed. Pick it up again to tick its steps.", code="closed")
    if done and step.done_on is None:
        step.done_on, step.done_by = person.today(), person
        step.save(update_fields=["done_on", "done_by"])
        news_record(actor=person, space=couple.space, kind=news.GOAL_STEP_DONE, object_id=step.goal_id, couple=couple)
    elif not done and step.done_on is not None:
        step.done_on, step.done_by = None, None
        step.save(update_fields=["done_on", "done_by"])
    refresh_next_step(couple.space)
    return step


@transaction.atomic
def step_update(*, person: Person, couple: Couple, step_id: int, title: str, due_on: dt.date | None) -> GoalStep:
    """Reword a step or move its date. A date already past may stay as it was; a new one may not be past."""
    step = _step_for_write(person, couple, step_id)
    _may_change(person, step.goal)
    if not step.goal.is_open:
        raise ValidationError("This goal is closed. Pick it up again to change its steps.", code="closed")
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = "Say what the step is — small and doable, like “look up walking routes”."
    elif len(title) > STEP_MAX:
        errors["title"] = f"Please keep a step to {STEP_MAX} characters."
    if due_on is not None and due_on < person.today() and due_on != step.due_on:
        errors["due_on"] = PAST_TARGET
    if errors:
        raise ValidationError(errors)
    step.title, step.due_on = title, due_on
    step.save(update_fields=["title", "due_on"])
    refresh_next_step(couple.space)
    return step


@transaction.atomic
def step_remove(*, person: Person, couple: Couple, step_id: int) -> GoalStep:
    step = _step_for_write(person, couple, step_id)
    _may_change(person, step.goal)
    step.delete()
    refresh_next_step(couple.space)
    return step


@transaction.atomic
def goal_cheer(*, person: Person, couple: Couple, goal_id: int) -> GoalCheer:
    """The partner cheers someone's own goal on: once a day is plenty."""
    goal = _goal_for_write(person, couple, goal_id, lock=False)
    if goal.shared or goal.author_id == person.pk:
        raise ValidationError("Cheering is for your partner's own goals.", code="not_theirs")
    cheer, created = GoalCheer.objects.get_or_create(goal=goal, author=person, day=person.today())
    if created:
        news_record(actor=person, space=couple.space, kind=news.GOAL_CHEER, object_id=goal.pk, couple=couple)
    return cheer
