"""Writes for programs: start, pause, resume, stop, mark activities, touch preferences, closing reflection."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rekindle.news import kinds as news
from rekindle.news.services import news_forget, news_record
from rekindle.programs.content import get_program, touch_tags
from rekindle.programs.models import (
    NOTE_MAX,
    ActivityDone,
    ClosingReflection,
    Enrolment,
    TouchPreference,
)
from rekindle.programs.schedule import opens_on, steps_open
from rekindle.programs.selectors import today_for
from rekindle.spaces.models import Membership
from rekindle.spaces.selectors import Couple

ANSWER_MAX = 1000


def _locked_enrolment(couple: Couple, enrolment_id: int) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().filter(space=couple.space, pk=enrolment_id).first()
    if enrolment is None:
        raise ValidationError("That program isn't one of yours.", code="not_found")
    return enrolment


@transaction.atomic
def program_start(*, person, couple: Couple, slug: str) -> Enrolment:
    program = get_program(slug)
    if program is None:
        raise ValidationError("We couldn't find that program.", code="not_found")
    running = Enrolment.objects.select_for_update().filter(space=couple.space, status__in=Enrolment.RUNNING).first()
    if running is not None:
        if running.program_slug == slug:
            return running  # started twice, e.g. both partners at once
        raise ValidationError(
            "You're already on a program. Finish or stop it first — one at a time keeps it doable.", code="running"
        )
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                space=couple.space, program_slug=slug, started_on=person.today(), started_by=person
            )
    except IntegrityError:
        raise ValidationError("Your partner just started a program. Have a look at it first.", code="running") from None


@transaction.atomic
def program_pause(*, person, couple: Couple, enrolment_id: int) -> Enrolment:
    enrolment = _locked_enrolment(couple, enrolment_id)
    if enrolment.status != Enrolment.ACTIVE:
        raise ValidationError("Only a running program can be paused.", code="not_active")
    enrolment.status = Enrolment.PAUSED
    enrolment.paused_on = person.today()
    enrolment.save(update_fields=["status", "paused_on"])
    return enrolment


@transaction.atomic
def program_resume(*, person, couple: Couple, enrolment_id: int) -> Enrolment:
    enrolment = _locked_enrolment(couple, enrolment_id)
    if enrolment.status != Enrolment.PAUSED:
        raise ValidationError("That program isn't paused.", code="not_paused")
    # Shift day 1 later by the pause, so the days ahead stay ahead.
    enrolment.started_on += max(person.today() - enrolment.paused_on, dt.timedelta(0))
    enrolment.status = Enrolment.ACTIVE
    enrolment.paused_on = None
    enrolment.save(update_fields=["status", "paused_on", "started_on"])
    return enrolment


@transaction.atomic
def program_stop(*, person, couple: Couple, enrolment_id: int) -> Enrolment:
    enrolment = _locked_enrolment(couple, enrolment_id)
    if not enrolment.running:
        raise ValidationError("That program has already ended.", code="ended")
    enrolment.status = Enrolment.STOPPED
    enrolment.ended_at = timezone.now()
    enrolment.save(update_fields=["status", "ended_at"])
    return enrolment


def _open_step(person, enrolment: Enrolment, number: int):
    program = get_program(enrolment.program_slug)
    if not 1 <= number <= program.length:
        raise ValidationError("That step isn't part of this program.", code="no_step")
    if enrolment.status == Enrolment.PAUSED:
        raise ValidationError("This program is paused. Resume it to carry on.", code="paused")
    if not enrolment.running:
        raise ValidationError("This program has ended.", code="ended")
    if number > steps_open(program, enrolment.started_on, today_for(person, enrolment)):
        day = opens_on(program, enrolment.started_on, number)
        raise ValidationError(
            f"{program.unit.capitalize()} {number} opens on {day:%-d %B}. There's no rush.", code="locked"
        )
    return program.step(number)


@transaction.atomic
def activity_mark(*, person, couple: Couple, enrolment_id: int, number: int, kind: str, note: str = "") -> ActivityDone:
    enrolment = _locked_enrolment(couple, enrolment_id)
    step = _open_step(person, enrolment, number)
    if kind not in {activity.kind for activity in step.activities}:
        raise ValidationError("That activity isn't part of this step.", code="no_activity")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Please keep the note under {NOTE_MAX} characters — one line is plenty."})
    mark, created = ActivityDone.objects.get_or_create(
        enrolment=enrolment, step=number, kind=kind, author=person, defaults={"note": note}
    )
    if not created and note != mark.note:
        mark.note = note
        mark.save(update_fields=["note"])
    if created:
        news_record(actor=person, space=couple.space, kind=news.PROGRAM_STEP, object_id=enrolment.pk, number=number,
                    key=enrolment.program_slug, couple=couple)
    return mark


@transaction.atomic
def activity_unmark(*, person, couple: Couple, enrolment_id: int, number: int, kind: str) -> None:
    enrolment = _locked_enrolment(couple, enrolment_id)
    _open_step(person, enrolment, number)
    ActivityDone.objects.filter(enrolment=enrolment, step=number, kind=kind, author=person).delete()
    if not ActivityDone.objects.filter(enrolment=enrolment, step=number, author=person).exists():
        news_forget(space=couple.space, of_kinds=(news.PROGRAM_STEP,), object_id=enrolment.pk, number=number)


@transaction.atomic
def touch_preferences_set(*, person, skip: list[str]) -> set[str]:
    wanted = set(skip)
    unknown = wanted - set(touch_tags())
    if unknown:
        raise ValidationError("Choose from the kinds of touch listed.", code="unknown_tag")
    TouchPreference.objects.filter(person=person).exclude(tag__in=wanted).delete()
    existing = set(TouchPreference.objects.filter(person=person).values_list("tag", flat=True))
    TouchPreference.objects.bulk_create(TouchPreference(person=person, tag=tag) for tag in wanted - existing)
    return wanted


@transaction.atomic
def closing_reflection_save(*, person, couple: Couple, enrolment_id: int, answers: list[str]) -> ClosingReflection:
    """Save your answers to the closing questions; when everyone in the space has answered, the program is finished."""
    enrolment = _locked_enrolment(couple, enrolment_id)
    program = get_program(enrolment.program_slug)
    if enrolment.status == Enrolment.STOPPED:
        raise ValidationError("This program was stopped.", code="ended")
    if enrolment.running and steps_open(program, enrolment.started_on, today_for(person, enrolment)) < program.length:
        raise ValidationError("The closing reflection opens on the last step.", code="locked")
    cleaned, errors = [], {}
    for index, answer in enumerate(answers):
        answer = (answer or "").strip()
        if not answer:
            errors[f"answer_{index}"] = "A few words is enough."
        elif len(answer) > ANSWER_MAX:
            errors[f"answer_{index}"] = f"Please keep it under {ANSWER_MAX} characters."
        cleaned.append(answer)
    if len(cleaned) != len(program.closing_reflection):
        raise ValidationError("Please answer each question.", code="count")
    if errors:
        raise ValidationError(errors)
    reflection = ClosingReflection.objects.filter(enrolment=enrolment, author=person).first()
    if reflection is not None:
        partner_answered = ClosingReflection.objects.filter(enrolment=enrolment).exclude(author=person).exists()
        if partner_answered and reflection.answers != cleaned:
            raise ValidationError("Your partner has answered too, so both reflections are revealed and kept as they are.", code="revealed")
        reflection.answers = cleaned
        reflection.save(update_fields=["answers"])
    else:
        reflection = ClosingReflection.objects.create(enrolment=enrolment, author=person, answers=cleaned)
    members = set(Membership.objects.active().filter(space=couple.space).values_list("person", flat=True))
    answered = set(ClosingReflection.objects.filter(enrolment=enrolment).values_list("author", flat=True))
    if enrolment.running and members <= answered:
        enrolment.status = Enrolment.FINISHED
        enrolment.ended_at = timezone.now()
        enrolment.save(update_fields=["status", "ended_at"])
    return reflection
