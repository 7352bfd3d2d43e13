"""Writes for the measures: answering, setting a month or week aside, and choosing what to share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rekindle.care import signposting
from rekindle.measures import instruments
from rekindle.measures.models import Measure, SharingChoice
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_for(kind: str, day: dt.date) -> dt.date:
    return week_of(day) if kind in instruments.WEEKLY else month_of(day)


def _sharing(person: Person) -> SharingChoice:
    return SharingChoice.objects.filter(person=person).first() or SharingChoice(person=person)


@transaction.atomic
def measure_record(*, person: Person, couple: Couple, kind: str, answers: Sequence[int]) -> Measure:
    """Save this period's answers (answering again in the same month or week replaces them).

    Afterwards, if the person's own answers now show a distress signal they did not show
    before, suggest professional help to them alone (care.signposting).
    """
    if kind not in instruments.KINDS:
        raise ValidationError({"kind": "Unknown measure."})
    if kind == instruments.CSI4 and not instruments.csi4_enabled():
        raise ValidationError("This questionnaire is switched off here.")
    try:
        total = instruments.score(kind, answers)
    except instruments.InvalidAnswers as exc:
        raise ValidationError(str(exc)) from None
    period = period_for(kind, person.today())
    before = _signals(person)
    measure, created = Measure.objects.update_or_create(
        author=person, kind=kind, period=period,
        defaults={"space": couple.space, "answers": list(answers), "score": total,
                  "shared": _sharing(person).shares(kind), "updated_at": timezone.now()},
    )
    _mark_done(person, kind, period)
    after = _signals(person)
    for reason in after:
        if reason not in before:
            signposting.suggest_professional_help(person=person, reason=reason)
            break
    return measure


def _signals(person: Person) -> list[str]:
    """The distress signals in the person's own recent answers (two queries, a few rows)."""
    from rekindle.care import thresholds

    def recent(kind: str, count: int) -> list[int]:
        rows = Measure.objects.filter(author=person, kind=kind).order_by("-period").values_list("score", flat=True)
        return list(rows[:count])[::-1]

    return signposting.distress_reasons(
        csi4_scores=recent(instruments.CSI4, thresholds.CSI4_DISTRESS_IN_A_ROW) if instruments.csi4_enabled() else (),
        weekly_connection=recent(instruments.CONNECTION, thresholds.CONNECTION_FALLING_WEEKS),
    )


def _mark_done(person: Person, kind: str, period: dt.date) -> None:
    field = "measure_week_done" if kind in instruments.WEEKLY else "measure_month_done"
    if kind in instruments.MONTHLY:
        # The month counts as done once every monthly measure offered here has an answer.
        offered = [k for k in instruments.MONTHLY if k != instruments.CSI4 or instruments.csi4_enabled()]
        answered = set(Measure.objects.filter(author=person, period=period, kind__in=offered).values_list("kind", flat=True))
        if answered != set(offered):
            return
    if getattr(person, field) != period:
        setattr(person, field, period)
        Person.objects.filter(pk=person.pk).update(**{field: period})


def measure_set_aside(*, person: Person, which: str) -> None:
    """'Not this month' / 'not this week': Today stops inviting until the next one."""
    if which not in {"month", "week"}:
        raise ValidationError({"which": "Choose the month or the week."})
    today = person.today()
    field, period = ("measure_month_done", month_of(today)) if which == "month" else ("measure_week_done", week_of(today))
    setattr(person, field, period)
    Person.objects.filter(pk=person.pk).update(**{field: period})


@transaction.atomic
def sharing_set(*, person: Person, choices: dict[str, bool], couple: Couple | None = None) -> SharingChoice:
    """Share or keep private each measure, past answers included: one choice per measure.

    When a measure starts being shared, the partner hears so in the news (which measure,
    never a score); stopping sharing is quiet.
    """
    from rekindle.news.kinds import MEASURE_SHARED
    from rekindle.news.services import news_record

    unknown = set(choices) - set(instruments.KINDS)
    if unknown:
        raise ValidationError({"kind": f"Unknown measure {', '.join(sorted(unknown))}."})
    sharing, _ = SharingChoice.objects.get_or_create(person=person)
    for kind, shared in choices.items():
        if shared and not sharing.shares(kind) and couple is not None:
            news_record(actor=person, space=couple.space, kind=MEASURE_SHARED, detail=kind, couple=couple)
        setattr(sharing, kind, bool(shared))
        Measure.objects.filter(author=person, kind=kind).exclude(shared=bool(shared)).update(shared=bool(shared))
    sharing.save()
    return sharing
