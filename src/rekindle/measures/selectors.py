"""Viewer-scoped reads for the measures and the progress page.

Every read of answers goes through `Measure.objects.visible_to(viewer)`: the viewer's own
answers, and the partner's answers to measures the partner shares. Practice is counted
from dates only (never words), so a still-sealed check-in counts too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rekindle.checkins.models import Appreciation, CheckIn
from rekindle.measures import charts, instruments
from rekindle.measures.models import Measure, SharingChoice
from rekindle.measures.services import month_of, week_of
from rekindle.prompts.models import Draw
from rekindle.rituals.models import Commitment
from rekindle.spaces.selectors import Couple

# The periods the progress page offers: key -> (label, months back; None for everything).
RANGES = {"3m": ("3 months", 3), "1y": ("A year", 12), "3y": ("3 years", 36), "all": ("Everything", None)}
DEFAULT_RANGE = "1y"


def sharing_for(person) -> SharingChoice:
    return SharingChoice.objects.filter(person=person).first() or SharingChoice(person=person)


def kinds_offered() -> tuple[str, ...]:
    return tuple(k for k in instruments.KINDS if k != instruments.CSI4 or instruments.csi4_enabled())


def months_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month `months - 1` months before this one (so '3 months' shows three)."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def range_start(today: dt.date, key: str) -> dt.date:
    months = RANGES.get(key, RANGES[DEFAULT_RANGE])[1]
    return dt.date(2000, 1, 1) if months is None else months_back(today, months)


def visible_measures(person, start: dt.date, end: dt.date, *, own_only: bool = False) -> list[Measure]:
    """One query: the answers the viewer may see with periods in [start, end]."""
    rows = Measure.objects.visible_to(person) if not own_only else Measure.objects.filter(author=person)
    kinds = kinds_offered()
    return list(rows.filter(period__gte=week_of(start), period__lte=end, kind__in=kinds).order_by("period", "id"))


def _series(rows: list[Measure], kind: str, start: dt.date) -> list[tuple[dt.date, int]]:
    # A weekly period may begin a few days before the range's first day: keep that week.
    return [(m.period, m.score) for m in rows if m.kind == kind and m.period >= week_of(start)]


def measure_charts(rows: list[Measure], start: dt.date) -> list[charts.Chart]:
    out = []
    for kind in kinds_offered():
        low, high = instruments.SCALES[kind]
        out.append(charts.line_chart(kind, instruments.SHORT_NAMES[kind], _series(rows, kind, start),
                                     low=low, high=high, weekly=kind in instruments.WEEKLY))
    return out


@dataclass(frozen=True)
class PracticeMonth:
    month: dt.date
    days_practised: int
    questions_drawn: int
    commitments_kept: int

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


def practice_by_month(person, couple: Couple, start: dt.date, end: dt.date, *, trim: bool = False) -> list[PracticeMonth]:
    """Per month: days the person checked in or said thank you, questions the couple drew,
    commitments the person kept. Three queries, whatever the history."""
    tz = ZoneInfo(person.time_zone)
    window = {"local_date__gte": start, "local_date__lte": end}
    dates = (
        CheckIn.objects.filter(author=person, **window).order_by().values_list("local_date", flat=True)
        .union(Appreciation.objects.filter(author=person, **window).order_by().values_list("local_date", flat=True))
    )
    days = Counter(month_of(day) for day in dates)
    since = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    draws = Counter(
        month_of(at.astimezone(tz).date())
        for at in Draw.objects.filter(space=couple.space, drawn_at__gte=since).order_by().values_list("drawn_at", flat=True)
    )
    kept = Counter(
        month_of(at.astimezone(tz).date())
        for at in Commitment.objects.filter(author=person, outcome=Commitment.KEPT, outcome_at__gte=since)
        .order_by().values_list("outcome_at", flat=True)
    )
    months = []
    month = month_of(start)
    while month <= end:
        months.append(PracticeMonth(month, days[month], draws[month], kept[month]))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    if trim:
        while months and not (months[0].days_practised or months[0].questions_drawn or months[0].commitments_kept):
            months.pop(0)
    return months


def practice_chart(months: list[PracticeMonth]) -> charts.Chart:
    top = max([m.days_practised for m in months] + [5])
    chart = charts.line_chart("practice", "Days practised", [(m.month, m.days_practised) for m in months],
                              low=0, high=top, weekly=False, bars=True)
    total = sum(m.days_practised for m in months)
    if total == 0:
        summary = "No days practised in this period yet. Any day you check in or say thank you shows here."
    else:
        busiest = max(months, key=lambda m: m.days_practised)
        summary = (f"{total} day{'s' if total != 1 else ''} practised over {len(months)} month{'s' if len(months) != 1 else ''};"
                   f" the most in {busiest.label} ({busiest.days_practised}).")
    return dataclasses.replace(chart, summary=summary)


@dataclass(frozen=True)
class Progress:
    mine: list[charts.Chart]
    partner: list[charts.Chart]
    practice: list[PracticeMonth]
    practice_chart: charts.Chart


def progress_for(person, couple: Couple, range_key: str) -> Progress:
    today = person.today()
    start = range_start(today, range_key)
    rows = visible_measures(person, start, today)
    mine = [m for m in rows if m.author_id == person.pk]
    if range_key == "all":
        first = min([m.period for m in rows] + [today.replace(day=1)])
        start = max(start, month_of(first))
    practice = practice_by_month(person, couple, start, today, trim=range_key == "all")
    partner_charts = []
    if couple.partner is not None:
        theirs = [m for m in rows if m.author_id == couple.partner.pk]
        shared_kinds = {m.kind for m in theirs}
        partner_charts = [c for c in measure_charts(theirs, start) if c.key in shared_kinds]
    return Progress(measure_charts(mine, start), partner_charts, practice, practice_chart(practice))


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    charts: list[charts.Chart]
    practice: list[PracticeMonth]


def report_for(person, couple: Couple, start: dt.date, end: dt.date) -> Report:
    """The person's own measures and practice, for them to print: never the partner's."""
    rows = visible_measures(person, start, end, own_only=True)
    return Report(start, end, measure_charts(rows, start), practice_by_month(person, couple, start, end))


@dataclass(frozen=True)
class SharedFigure:
    who: str
    name: str
    answers: int
    first: int
    last: int
    low: int
    high: int
    average: float


def quarter_shared(person, couple: Couple, start: dt.date, end: dt.date) -> list[SharedFigure]:
    """The measures each of you shares, over the quarter [start, end): one query.

    Each person's figures stand alone: they are never ranked or set against each other.
    """
    rows = Measure.objects.visible_to(person).filter(
        shared=True, period__gte=week_of(start), period__lt=end, kind__in=kinds_offered()
    ).order_by("period", "id")
    grouped: dict[tuple[int, str], list[int]] = defaultdict(list)
    for m in rows:
        if m.kind in instruments.WEEKLY and m.period < start - dt.timedelta(days=6):
            continue
        grouped[(m.author_id, m.kind)].append(m.score)
    names = {couple.me.pk: "You"}
    if couple.partner is not None:
        names[couple.partner.pk] = couple.partner.display_name
    figures = []
    for author_id in names:
        for kind in kinds_offered():
            scores = grouped.get((author_id, kind))
            if scores:
                low, high = instruments.SCALES[kind]
                figures.append(SharedFigure(names[author_id], instruments.SHORT_NAMES[kind], len(scores), scores[0],
                                            scores[-1], low, high, round(sum(scores) / len(scores), 1)))
    return figures
