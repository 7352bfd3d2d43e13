"""Viewer-scoped reads for programs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rekindle.lib.prepared import prepared
from rekindle.programs.content import Activity, Program, Step, get_program
from rekindle.programs.models import (
    ActivityDone,
    ClosingReflection,
    Enrolment,
    TouchPreference,
)
from rekindle.programs.schedule import opens_on, steps_open
from rekindle.spaces.models import Membership
from rekindle.spaces.selectors import Couple


@prepared
def _running_in(space_id: int):
    return Enrolment.objects.filter(space=space_id, status__in=Enrolment.RUNNING)[:1]


def running_enrolment(couple: Couple) -> Enrolment | None:
    return _running_in.first(couple.space.pk)


def enrolment_for(couple: Couple, enrolment_id: int) -> Enrolment | None:
    """An enrolment of the viewer's own space, or None: other couples' runs don't exist here."""
    return Enrolment.objects.filter(space=couple.space, pk=enrolment_id).first()


@prepared
def _past_in(space_id: int):
    return Enrolment.objects.filter(space=space_id).exclude(status__in=Enrolment.RUNNING)[:10]


def past_enrolments(couple: Couple) -> list[Enrolment]:
    return _past_in.rows(couple.space.pk)


def my_skipped_tags(person) -> set[str]:
    return set(TouchPreference.objects.filter(person=person).values_list("tag", flat=True))


def skipped_tags_in_space(couple: Couple) -> set[str]:
    """Tags either partner skips. Only ever used to choose activities, never shown."""
    members = Membership.objects.active().filter(space=couple.space).values("person")
    return set(TouchPreference.objects.filter(person__in=members).values_list("tag", flat=True))


def resolve(activity: Activity, skipped: set[str]) -> Activity:
    """The activity this couple sees: its gentler alternative if it carries a skipped kind of touch."""
    if activity.alternative is not None and skipped.intersection(activity.touch_tags):
        return activity.alternative
    return activity


def today_for(person, enrolment: Enrolment) -> dt.date:
    """The date the schedule is read at: frozen while paused."""
    return enrolment.paused_on if enrolment.status == Enrolment.PAUSED and enrolment.paused_on else person.today()


@dataclass
class ActivityView:
    activity: Activity
    mine: ActivityDone | None = None
    theirs: ActivityDone | None = None


@dataclass
class StepView:
    program: Program
    enrolment: Enrolment
    step: Step
    is_open: bool
    opens_on: dt.date
    activities: list[ActivityView] = field(default_factory=list)


def step_view(person, couple: Couple, enrolment: Enrolment, number: int) -> StepView:
    program = get_program(enrolment.program_slug)
    skipped = skipped_tags_in_space(couple)
    marks = ActivityDone.objects.visible_to(person).filter(enrolment=enrolment, step=number)
    by_kind: dict[str, dict[str, ActivityDone]] = {}
    for mark in marks:
        by_kind.setdefault(mark.kind, {})["mine" if mark.author_id == person.pk else "theirs"] = mark
    step = program.step(number)
    view = StepView(
        program=program,
        enrolment=enrolment,
        step=step,
        is_open=number <= steps_open(program, enrolment.started_on, today_for(person, enrolment)),
        opens_on=opens_on(program, enrolment.started_on, number),
    )
    for activity in step.activities:
        marks_for_kind = by_kind.get(activity.kind, {})
        view.activities.append(
            ActivityView(resolve(activity, skipped), marks_for_kind.get("mine"), marks_for_kind.get("theirs"))
        )
    return view


@dataclass
class StepProgress:
    number: int
    status: str  # done | partly | open | locked
    opens_on: dt.date

    @property
    def label(self) -> str:
        return {"done": "marked by both", "partly": "marked by one of you", "open": "open", "locked": "not open yet"}[self.status]


def progress(person, couple: Couple, enrolment: Enrolment) -> list[StepProgress]:
    """Each step at a glance: done (each of you did something), partly (one did), open, or locked."""
    program = get_program(enrolment.program_slug)
    open_until = steps_open(program, enrolment.started_on, today_for(person, enrolment))
    doers: dict[int, set[int]] = {}
    for step, author_id in ActivityDone.objects.visible_to(person).filter(enrolment=enrolment).values_list("step", "author_id"):
        doers.setdefault(step, set()).add(author_id)
    needed = 1 if couple.partner is None else 2
    result = []
    for number in range(1, program.length + 1):
        who = doers.get(number, set())
        if len(who) >= needed:
            status = "done"
        elif who:
            status = "partly"
        else:
            status = "open" if number <= open_until else "locked"
        result.append(StepProgress(number, status, opens_on(program, enrolment.started_on, number)))
    return result


@dataclass
class ClosingView:
    mine: ClosingReflection | None
    theirs: ClosingReflection | None
    partner_answered: bool


def closing_view(person, couple: Couple, enrolment: Enrolment) -> ClosingView:
    rows = list(ClosingReflection.objects.visible_to(person).filter(enrolment=enrolment))
    mine = next((r for r in rows if r.author_id == person.pk), None)
    theirs = next((r for r in rows if r.author_id != person.pk), None)
    partner_answered = theirs is not None or (
        couple.partner is not None
        and ClosingReflection.objects.filter(enrolment=enrolment, author=couple.partner).exists()
    )
    return ClosingView(mine, theirs, partner_answered)


@dataclass
class ProgramToday:
    program: Program
    enrolment: Enrolment
    number: int


def program_today(person, couple: Couple) -> ProgramToday | None:
    """The running program and the newest open step, for the Today page (one query)."""
    enrolment = running_enrolment(couple)
    if enrolment is None:
        return None
    program = get_program(enrolment.program_slug)
    if program is None:
        return None
    return ProgramToday(program, enrolment, steps_open(program, enrolment.started_on, today_for(person, enrolment)))
