"""Writes for commitments, experiments, State of the Union meetings and quarterly reviews."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rekindle.rituals.models import (
    LONG_MAX,
    TEXT_MAX,
    Commitment,
    Experiment,
    Meeting,
    MeetingEntry,
    QuarterlyReview,
)
from rekindle.news import kinds as news
from rekindle.news.services import news_record
from rekindle.rituals.selectors import reviews_of
from rekindle.spaces.selectors import Couple

MEETING_STEPS = 7


def _line(value: str, *, field: str, empty: str, limit: int = TEXT_MAX, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: empty})
    if len(value) > limit:
        raise ValidationError({field: f"Please keep it under {limit} characters."})
    return value


def meeting_member(couple: Couple, person_id) -> object:
    """The person a shared phone is typing for: the viewer or their partner, no one else."""
    for person in (couple.me, couple.partner):
        if person is not None and str(person.pk) == str(person_id):
            return person
    return couple.me


# --- commitments ------------------------------------------------------------------------------


@transaction.atomic
def commitment_make(*, person, couple: Couple, text: str, due_on: dt.date | None, meeting: Meeting | None = None,
                    requested_by=None) -> Commitment:
    text = _line(text, field="text", empty="Say what you will do — small and concrete, like “be home by seven on Tuesday”.")
    if due_on is None:
        raise ValidationError({"due_on": "Choose the date you'll do it by."})
    if due_on < person.today():
        raise ValidationError({"due_on": "Pick today or a day ahead."})
    if due_on > person.today() + dt.timedelta(days=92):
        raise ValidationError({"due_on": "Keep it within the next three months — small and near works best."})
    commitment = Commitment.objects.create(
        space=couple.space, author=person, text=text, due_on=due_on, meeting=meeting, requested_by=requested_by
    )
    news_record(actor=person, space=couple.space, kind=news.COMMITMENT_MADE, object_id=commitment.pk, couple=couple,
                fresh=True)
    return commitment


def _own_open_commitment(person, commitment_id: int) -> Commitment:
    commitment = Commitment.objects.select_for_update().filter(pk=commitment_id, author=person).first()
    if commitment is None:
        raise ValidationError("Only the person who made a commitment can say how it went.", code="not_yours")
    if commitment.outcome != Commitment.OPEN:
        raise ValidationError("That commitment already has an outcome.", code="closed")
    return commitment


@transaction.atomic
def commitment_kept(*, person, commitment_id: int) -> Commitment:
    commitment = _own_open_commitment(person, commitment_id)
    commitment.outcome, commitment.outcome_at = Commitment.KEPT, timezone.now()
    commitment.save(update_fields=["outcome", "outcome_at"])
    news_record(actor=person, space=commitment.space_id, kind=news.COMMITMENT_OUTCOME, object_id=commitment.pk,
                detail="kept")
    return commitment


@transaction.atomic
def commitment_not_kept(*, person, commitment_id: int, alternative: str) -> Commitment:
    """Acknowledge a missed commitment and offer an alternative — no hiding, no blame."""
    commitment = _own_open_commitment(person, commitment_id)
    commitment.alternative = _line(
        alternative, field="alternative", empty="Offer something else you can do instead — it keeps trust growing."
    )
    commitment.outcome, commitment.outcome_at = Commitment.NOT_KEPT, timezone.now()
    commitment.save(update_fields=["outcome", "outcome_at", "alternative"])
    news_record(actor=person, space=commitment.space_id, kind=news.COMMITMENT_OUTCOME, object_id=commitment.pk,
                detail="not_kept")
    return commitment


@transaction.atomic
def commitment_renegotiate(*, person, couple: Couple, commitment_id: int, text: str, due_on: dt.date | None) -> Commitment:
    commitment = _own_open_commitment(person, commitment_id)
    replacement = commitment_make(person=person, couple=couple, text=text, due_on=due_on, requested_by=commitment.requested_by)
    replacement.renegotiated_from = commitment
    replacement.save(update_fields=["renegotiated_from"])
    commitment.outcome, commitment.outcome_at = Commitment.RENEGOTIATED, timezone.now()
    commitment.save(update_fields=["outcome", "outcome_at"])
    return replacement


# --- experiments ----------------------------------------------------------------------------


@transaction.atomic
def experiment_start(*, person, couple: Couple, title: str, plan: str, days: int | None) -> Experiment:
    title = _line(title, field="title", empty="Name what you'll try, like “no phones at dinner”.", limit=120)
    plan = _line(plan, field="plan", empty="", required=False)
    if not days or not 3 <= days <= 90:
        raise ValidationError({"days": "Choose a trial between 3 and 90 days."})
    today = person.today()
    return Experiment.objects.create(
        space=couple.space, author=person, title=title, plan=plan, starts_on=today, review_on=today + dt.timedelta(days=days)
    )


@transaction.atomic
def experiment_review(*, person, couple: Couple, experiment_id: int, decision: str, note: str) -> Experiment:
    experiment = Experiment.objects.visible_to(person).select_for_update().filter(pk=experiment_id).first()
    if experiment is None:
        raise ValidationError("That experiment isn't one of yours.", code="not_found")
    if experiment.status != Experiment.RUNNING:
        raise ValidationError("That experiment has already been reviewed.", code="closed")
    if decision not in {Experiment.KEEP, Experiment.ADJUST, Experiment.DROP}:
        raise ValidationError({"decision": "Choose keep, adjust or drop."})
    experiment.review_note = _line(note, field="note", empty="Add a line on why — it helps next time.")
    experiment.status, experiment.reviewed_at = decision, timezone.now()
    experiment.save(update_fields=["status", "review_note", "reviewed_at"])
    news_record(actor=person, space=experiment.space_id, kind=news.EXPERIMENT_REVIEWED, object_id=experiment.pk,
                couple=couple, fresh=True)
    return experiment


# --- the weekly meeting ---------------------------------------------------------------------


@transaction.atomic
def meeting_start(*, person, couple: Couple) -> Meeting:
    """Start this week's meeting, or return the one already under way (left and resumed)."""
    unfinished = Meeting.objects.of_space(couple.space).select_for_update().filter(finished_at__isnull=True).first()
    if unfinished is not None:
        return unfinished
    meeting = Meeting.objects.create(space=couple.space, started_by=person, held_on=person.today())
    news_record(actor=person, space=couple.space, kind=news.MEETING_STARTED, object_id=meeting.pk, couple=couple,
                fresh=True)
    return meeting


def _open_meeting(couple: Couple, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.of_space(couple.space).select_for_update().filter(pk=meeting_id).first()
    if meeting is None:
        raise ValidationError("That meeting isn't one of yours.", code="not_found")
    if meeting.finished_at is not None:
        raise ValidationError("This meeting is finished; its record is kept as it is.", code="finished")
    return meeting


@transaction.atomic
def meeting_add_entry(*, person, couple: Couple, meeting_id: int, kind: str, text: str, speaker_id=None) -> MeetingEntry:
    meeting = _open_meeting(couple, meeting_id)
    if kind not in dict(MeetingEntry.KINDS):
        raise ValidationError("That isn't part of the meeting.", code="bad_kind")
    text = _line(text, field="text", empty="A sentence is plenty.")
    author = meeting_member(couple, speaker_id)
    return MeetingEntry.objects.create(meeting=meeting, author=author, entered_by=person, kind=kind, text=text)


@transaction.atomic
def meeting_save_notes(*, person, couple: Couple, meeting_id: int, **fields: str) -> Meeting:
    """Shared lines of the meeting: how we're on track, the one issue, the next date."""
    meeting = _open_meeting(couple, meeting_id)
    limits = {"on_track_note": LONG_MAX, "issue": TEXT_MAX, "next_date_plan": TEXT_MAX}
    for name, value in fields.items():
        setattr(meeting, name, _line(value, field=name, empty="", limit=limits[name], required=False))
    meeting.save(update_fields=list(fields))
    return meeting


@transaction.atomic
def meeting_request_commitment(*, person, couple: Couple, meeting_id: int, text: str, speaker_id=None) -> Commitment:
    """Step 6: the speaker answers “what can you do next week to make me feel more loved?”.

    The answer, worded as the other partner's promise and confirmed on screen, becomes a
    commitment made by that partner, due a week from the meeting.
    """
    meeting = _open_meeting(couple, meeting_id)
    if couple.partner is None:
        raise ValidationError("This step needs both of you.", code="solo")
    asker = meeting_member(couple, speaker_id)
    maker = couple.partner if asker == couple.me else couple.me
    text = _line(text, field="text", empty="Say what you will do, in a few words.")
    due = max(meeting.held_on, maker.today()) + dt.timedelta(days=7)
    return Commitment.objects.create(
        space=couple.space, author=maker, text=text, due_on=due, meeting=meeting, requested_by=asker
    )


@transaction.atomic
def meeting_go_to(*, person, couple: Couple, meeting_id: int, step: int) -> Meeting:
    meeting = _open_meeting(couple, meeting_id)
    meeting.step = max(1, min(MEETING_STEPS, step))
    meeting.save(update_fields=["step"])
    return meeting


@transaction.atomic
def meeting_finish(*, person, couple: Couple, meeting_id: int) -> Meeting:
    meeting = _open_meeting(couple, meeting_id)
    meeting.finished_at = timezone.now()
    meeting.save(update_fields=["finished_at"])
    return meeting


# --- the quarterly review -------------------------------------------------------------------


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


REVIEW_FIELDS = ("working", "not_working", "changes", "improved", "targets")


@transaction.atomic
def review_open(*, person, couple: Couple) -> QuarterlyReview:
    review, _ = QuarterlyReview.objects.get_or_create(
        space=couple.space, quarter_start=quarter_start(person.today()), defaults={"started_by": person}
    )
    if not reviews_of(couple).filter(pk=review.pk).exists():
        raise ValidationError(
            "This quarter's review was begun with someone who has since left. A new one can start next quarter.",
            code="begun_before_leaving",
        )
    return review


@transaction.atomic
def review_save(*, person, couple: Couple, review_id: int, version: int | None, answers: dict[str, str]) -> QuarterlyReview:
    review = reviews_of(couple).select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ValidationError("That review isn't one of yours.", code="not_found")
    if version != review.version:
        raise ValidationError(
            "Your partner saved this review while you were writing. Their version is below; your words are kept in the boxes.",
            code="stale",
        )
    for name in REVIEW_FIELDS:
        setattr(review, name, _line(answers.get(name, ""), field=name, empty="", limit=LONG_MAX, required=False))
    review.version += 1
    review.updated_at = timezone.now()
    review.save()
    return review
