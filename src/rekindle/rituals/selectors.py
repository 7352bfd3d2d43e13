"""Viewer-scoped reads for commitments, experiments, meetings and reviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from rekindle.checkins.models import Appreciation, CheckIn
from rekindle.lib.prepared import Fixed, prepared
from rekindle.rituals.models import (
    Commitment,
    Experiment,
    Meeting,
    MeetingEntry,
    QuarterlyReview,
)
from rekindle.spaces.selectors import Couple, couple_for

KEPT_RATE_WEEKS = 8


def _by_us(person, rows: list) -> list:
    """Authors from the couple, not a join with the people table per row."""
    couple = couple_for(person)
    return couple.fill_people(rows, "author") if couple is not None else rows


@prepared
def _open_commitments(viewer, couple):
    return Commitment.objects.visible_to(viewer).filter(outcome=Commitment.OPEN)


@prepared
def _settled_commitments(viewer, couple, limit):
    return Commitment.objects.visible_to(viewer).exclude(outcome=Commitment.OPEN).order_by("-outcome_at")[:limit]


def open_commitments(person):
    return _by_us(person, _open_commitments.rows(person))


def recent_outcomes(person, limit: int = 20):
    return _by_us(person, _settled_commitments.rows(person, Fixed(limit)))


@dataclass(frozen=True)
class KeptRate:
    kept: int
    settled: int

    @property
    def percent(self) -> int:
        return round(100 * self.kept / self.settled) if self.settled else 0


def kept_rate(person, now: dt.datetime) -> KeptRate:
    """Kept out of kept-or-not, settled in the last eight weeks, for the two of you together. Never per person."""
    counts = dict(_outcomes_since.rows(person, now - dt.timedelta(weeks=KEPT_RATE_WEEKS)))
    kept = counts.get(Commitment.KEPT, 0)
    return KeptRate(kept, kept + counts.get(Commitment.NOT_KEPT, 0))


@prepared
def _outcomes_since(viewer, couple, since):
    return (Commitment.objects.visible_to(viewer).filter(outcome_at__gte=since)
            .order_by().values_list("outcome").annotate(n=Count("id")))


@prepared
def _experiments(viewer, couple):
    return Experiment.objects.visible_to(viewer).order_by("status", "review_on")[:50]


def experiments(person):
    return _by_us(person, _experiments.rows(person))


def meeting_for(couple: Couple, meeting_id: int) -> Meeting | None:
    return Meeting.objects.of_space(couple.space).filter(pk=meeting_id).first()


@prepared
def _unfinished_meeting(viewer, couple):
    return Meeting.objects.of_space(couple.space).filter(finished_at__isnull=True).select_related("started_by")[:1]


@prepared
def _past_meetings(viewer, couple, limit):
    return Meeting.objects.of_space(couple.space).filter(finished_at__isnull=False)[:limit]


def unfinished_meeting(couple: Couple) -> Meeting | None:
    return _unfinished_meeting.first(couple.me)


def past_meetings(couple: Couple, limit: int = 30):
    return _past_meetings.rows(couple.me, Fixed(limit))


def meeting_entries(person, meeting: Meeting) -> dict[str, list[MeetingEntry]]:
    grouped: dict[str, list[MeetingEntry]] = {kind: [] for kind, _ in MeetingEntry.KINDS}
    for entry in MeetingEntry.objects.visible_to(person).filter(meeting=meeting).select_related("author", "entered_by"):
        grouped[entry.kind].append(entry)
    return grouped


def commitments_to_review(person, meeting: Meeting):
    """Step 4: commitments due in the week before this meeting, and any still open from before."""
    return list(
        Commitment.objects.visible_to(person)
        .filter(Q(due_on__lte=meeting.held_on) & (Q(outcome=Commitment.OPEN) | Q(due_on__gte=meeting.held_on - dt.timedelta(days=7))))
        .exclude(meeting=meeting)
        .select_related("author")
    )


def meeting_commitments(person, meeting: Meeting):
    return list(Commitment.objects.visible_to(person).filter(meeting=meeting).select_related("author", "requested_by"))


@dataclass(frozen=True)
class QuarterFigures:
    days_practised: int
    meetings_held: int
    commitments_kept: int
    commitments_settled: int


def quarter_end(start: dt.date) -> dt.date:
    """The first day after the quarter that begins on `start`."""
    return (start + dt.timedelta(days=95)).replace(day=1)


def quarter_figures(person, couple: Couple, start: dt.date) -> QuarterFigures:
    """The quarter at a glance, for the two of you together."""
    end = quarter_end(start)
    # Only dates are counted, never read, so a still-sealed check-in counts too.
    members = [p for p in (couple.me, couple.partner) if p is not None]
    in_quarter = {"space": couple.space, "author__in": members, "local_date__gte": start, "local_date__lt": end}
    checkin_dates = CheckIn.objects.filter(**in_quarter).order_by().values_list("local_date", flat=True)
    thanks_dates = Appreciation.objects.filter(**in_quarter).order_by().values_list("local_date", flat=True)
    days = checkin_dates.union(thanks_dates).count()
    meetings = Meeting.objects.of_space(couple.space).filter(held_on__gte=start, held_on__lt=end, finished_at__isnull=False).count()
    counts = Commitment.objects.visible_to(person).filter(due_on__gte=start, due_on__lt=end).aggregate(
        kept=Count("id", filter=Q(outcome=Commitment.KEPT)),
        settled=Count("id", filter=Q(outcome__in=(Commitment.KEPT, Commitment.NOT_KEPT))),
    )
    return QuarterFigures(days, meetings, counts["kept"], counts["settled"])


def reviews_of(couple: Couple):
    """The space's quarterly reviews its members may read. A review does not say who wrote which
    part, so one begun before someone left holds the leaver's words: it leaves the stayer's view."""
    found = QuarterlyReview.objects.filter(space=couple.space)
    if couple.space.member_left_at is not None:
        found = found.filter(created_at__gt=couple.space.member_left_at)
    return found


def review_for(couple: Couple, review_id: int) -> QuarterlyReview | None:
    return reviews_of(couple).filter(pk=review_id).first()


def reviews(couple: Couple):
    return list(reviews_of(couple)[:12])
