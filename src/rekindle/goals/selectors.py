"""Viewer-scoped reads of values and goals, always within the viewer's current space."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery

from rekindle.goals.content import value_for, values_list
from rekindle.goals.models import Goal, GoalCheer, GoalStep, SharedValue, ValuePick
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple

CLOSED_PAGE_SIZE = 20
# Steps with a date first, soonest first; undated ones after, in the order they were added.
STEP_ORDER = (F("due_on").asc(nulls_last=True), "id")


def _goals(person: Person, couple: Couple):
    return Goal.objects.visible_to(person).filter(space=couple.space)


def _with_progress(goals):
    """Each goal with its steps counted and its next open step, in the same query."""
    next_step = GoalStep.objects.filter(goal=OuterRef("pk"), done_on__isnull=True).order_by(*STEP_ORDER)
    return goals.annotate(
        steps_total=Count("steps", distinct=True),
        steps_done=Count("steps", filter=Q(steps__done_on__isnull=False), distinct=True),
        next_step_title=Subquery(next_step.values("title")[:1]),
        next_step_due=Subquery(next_step.values("due_on")[:1]),
    ).select_related("author")


def open_goals(person: Person, couple: Couple) -> list[Goal]:
    """Goals under way or paused: shared ones first, then by target date."""
    return list(_with_progress(_goals(person, couple).filter(status__in=Goal.OPEN)).order_by("-shared", "target_on", "id"))


def closed_goals(person: Person, couple: Couple, page_number) -> Page:
    closed = _with_progress(_goals(person, couple).exclude(status__in=Goal.OPEN)).order_by("-ended_on", "-id")
    return Paginator(closed, CLOSED_PAGE_SIZE).get_page(page_number)


def goal_for(person: Person, couple: Couple, goal_id: int) -> Goal | None:
    return _goals(person, couple).filter(pk=goal_id).select_related("author").first()


def steps_of(person: Person, goal: Goal) -> list[GoalStep]:
    return list(GoalStep.objects.visible_to(person).filter(goal=goal).select_related("done_by").order_by(*STEP_ORDER))


def step_for(person: Person, couple: Couple, step_id: int) -> GoalStep | None:
    return (GoalStep.objects.visible_to(person).filter(goal__space=couple.space, pk=step_id)
            .select_related("goal").first())


def cheered_today(person: Person, goal: Goal) -> bool:
    return GoalCheer.objects.visible_to(person).filter(goal=goal, author=person, day=person.today()).exists()


def cheers_count(person: Person, goal: Goal) -> int:
    return GoalCheer.objects.visible_to(person).filter(goal=goal).count()


def meeting_next_steps(person: Person, couple: Couple) -> list[Goal]:
    """For the meeting's "are we on track?": each shared goal under way with its next step."""
    return list(_with_progress(_goals(person, couple).filter(shared=True, status=Goal.ACTIVE)).order_by("target_on", "id"))


def due_step(person: Person, couple: Couple) -> GoalStep | None:
    """A step due today or earlier, of a shared goal or one's own, for Today.

    No query at all unless the space says a step is due (`Space.next_goal_step_on`).
    """
    due = couple.space.next_goal_step_on
    today = person.today()
    if due is None or due > today:
        return None
    return (
        GoalStep.objects.visible_to(person)
        .filter(goal__space=couple.space, goal__status=Goal.ACTIVE, done_on__isnull=True, due_on__lte=today)
        .filter(Q(goal__shared=True) | Q(goal__author=person.pk))
        .select_related("goal")
        .order_by("due_on", "id")
        .first()
    )


# --- values -----------------------------------------------------------------------------------


@dataclass
class PickedValue:
    key: str
    name: str
    meaning: str = ""

    @property
    def folded(self) -> str:
        return self.name.casefold()


@dataclass
class ValuesView:
    mine: list[PickedValue] = field(default_factory=list)
    theirs: list[PickedValue] = field(default_factory=list)
    shared: list[SharedValue] = field(default_factory=list)

    @property
    def in_common(self) -> set[str]:
        return {v.folded for v in self.mine} & {v.folded for v in self.theirs}

    @property
    def shared_names(self) -> set[str]:
        return {s.name.casefold() for s in self.shared}

    @property
    def confirmed(self) -> list[SharedValue]:
        return [s for s in self.shared if s.confirmed]

    @property
    def share_candidates(self) -> list[PickedValue]:
        """Picks of either partner not yet on the shared list, each once."""
        taken, out = self.shared_names, []
        for value in self.mine + self.theirs:
            if value.folded not in taken:
                taken = taken | {value.folded}
                out.append(value)
        return out

    @property
    def to_talk_about(self) -> list[PickedValue]:
        """Values only one of you picked: different, not wrong — something to ask about."""
        common = self.in_common
        return [v for v in self.mine + self.theirs if v.folded not in common]


def _picked(pick: ValuePick) -> PickedValue:
    value = value_for(pick.value_key) if pick.value_key else None
    if value is not None:
        return PickedValue(value.key, value.name, value.meaning)
    return PickedValue("", pick.own_name or pick.value_key)


def values_view(person: Person, couple: Couple) -> ValuesView:
    """Both partners' picks and the couple's shared values: two queries."""
    view = ValuesView()
    for pick in ValuePick.objects.visible_to(person).filter(space=couple.space):
        (view.mine if pick.author_id == person.pk else view.theirs).append(_picked(pick))
    view.shared = list(SharedValue.objects.visible_to(person).filter(space=couple.space).select_related("proposed_by"))
    return view


def value_suggestions(view: ValuesView) -> list[str]:
    """Names to offer when a goal asks which value it serves: shared first, then yours, then the list."""
    names = [s.name for s in view.confirmed] + [v.name for v in view.mine] + [v.name for v in view.theirs]
    names += [v.name for v in values_list().values]
    return list(dict.fromkeys(names))


def quarter_end(start: dt.date) -> dt.date:
    """The last day of the quarter that starts on `start`."""
    month = start.month + 3
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, 1) - dt.timedelta(days=1)
