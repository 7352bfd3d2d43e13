"""Viewer-scoped reads of plans, for the plans pages, Today, the Together hub and the calendar feed.

Everything starts from `Plan.objects.visible_to(person)` in the viewer's current space.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from rekindle.dates.calendar import Occurrence, next_occurrence, occurrences, repeat_label
from rekindle.dates.forms import duration_label
from rekindle.dates.models import AfterLine, CalendarFeed, Plan
from rekindle.lib.dates import zone
from rekindle.lib.prepared import prepared
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple

AHEAD = dt.timedelta(weeks=8)
LOOK_BACK = dt.timedelta(days=30)
RECENTLY_OFF = dt.timedelta(days=14)
FEED_BACK = dt.timedelta(days=90)


def _ours(person: Person, couple: Couple):
    return Plan.objects.visible_to(person).filter(space=couple.space)


def _still_relevant(since: dt.datetime, since_day: dt.date | None = None) -> Q:
    """Open plans that may still happen or have just happened: flat however long a couple has planned.

    `since_day` is `since`'s date, for a prepared build (where `since` is a placeholder)."""
    one_off = Q(repeat="", starts_at__gte=since)
    ritual = ~Q(repeat="") & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=since_day or since.date()))
    return Q(status__in=[Plan.PROPOSED, Plan.ACCEPTED]) & (one_off | ritual)


def when_label(moment: dt.datetime, person: Person, now: dt.datetime | None = None) -> str:
    """'Today 19:00', 'Tomorrow 19:00', 'Friday 19:00' (this week), else 'Friday 12 March, 19:00' — in their zone."""
    tz = zone(person.time_zone)
    local = moment.astimezone(tz)
    today = (now or timezone.now()).astimezone(tz).date()
    days = (local.date() - today).days
    if days == 0:
        day = "Today"
    elif days == 1:
        day = "Tomorrow"
    elif days == -1:
        day = "Yesterday"
    elif 1 < days < 7:
        day = f"{local:%A}"
    else:
        day = f"{local:%A} {local.day} {local:%B}" + (f" {local.year}" if local.year != today.year else "") + ","
    return f"{day} {local:%H:%M}"


def partner_clock(moment: dt.datetime, person: Person, couple: Couple) -> str:
    """'(14:00 for Bob)' when the partner's clock shows another time, else ''."""
    partner = couple.partner if couple.me.pk == person.pk else couple.me
    if partner is None:
        return ""
    mine, theirs = moment.astimezone(zone(person.time_zone)), moment.astimezone(zone(partner.time_zone))
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return ""
    day = "" if mine.date() == theirs.date() else f"{theirs:%A} "
    return f"{day}{theirs:%H:%M} for {partner.display_name}"


@dataclass
class PlanView:
    """A plan as one viewer sees it: its next time in their clock, whose turn it is."""

    plan: Plan
    next: Occurrence | None
    when: str = ""
    partner_when: str = ""
    repeat: str = ""
    my_turn: bool = False
    their_turn: bool = False
    memory_prefill: dict | None = None
    duration: str = ""


def view_of(plan: Plan, person: Person, couple: Couple, now: dt.datetime) -> PlanView:
    upcoming = next_occurrence(plan, now) if plan.is_open else None
    shown = upcoming.starts_at if upcoming else plan.starts_at
    return PlanView(
        plan=plan, next=upcoming, when=when_label(shown, person, now), partner_when=partner_clock(shown, person, couple),
        repeat=repeat_label(plan), my_turn=plan.status == Plan.PROPOSED and plan.awaiting_id == person.pk,
        their_turn=plan.status == Plan.PROPOSED and plan.awaiting_id not in (None, person.pk),
        duration=duration_label(plan.duration_minutes),
    )


@dataclass
class PastTime:
    occurrence: Occurrence
    when: str
    mine: AfterLine | None = None
    theirs: AfterLine | None = None
    memory_prefill: dict | None = None


@dataclass
class PlansPage:
    for_me: list[PlanView] = field(default_factory=list)
    for_them: list[PlanView] = field(default_factory=list)
    coming: list[tuple[Occurrence, str, str]] = field(default_factory=list)
    rituals: list[PlanView] = field(default_factory=list)
    dates: list[PlanView] = field(default_factory=list)
    past: list[PastTime] = field(default_factory=list)
    off: list[Plan] = field(default_factory=list)


def _prefill(plan: Plan, occurrence: Occurrence, line: AfterLine | None) -> dict:
    """What "add to our memories" starts with, for a time that has been."""
    return {"title": plan.title, "text": line.text if line else "", "date": occurrence.local_date.isoformat()}


def past_times(plans, person: Person, couple: Couple, now: dt.datetime, lines) -> list[PastTime]:
    accepted = [p for p in plans if p.status == Plan.ACCEPTED]
    by_key: dict[tuple, AfterLine] = {(line.plan_id, line.author_id, line.occurred_on): line for line in lines}
    past = []
    for occurrence in reversed(occurrences(accepted, now - LOOK_BACK, now)):
        if occurrence.ends_at > now:
            continue
        key = (occurrence.plan.pk, occurrence.local_date)
        mine = by_key.get((key[0], person.pk, key[1]))
        theirs = next((line for (plan_id, author, day), line in by_key.items()
                       if plan_id == key[0] and day == key[1] and author != person.pk and line.text), None)
        past.append(PastTime(occurrence, when_label(occurrence.starts_at, person, now), mine, theirs,
                             _prefill(occurrence.plan, occurrence, mine)))
    return past


@prepared
def _plans_that_matter(viewer, couple, since, since_day, off_since):
    recent_off = Q(status__in=[Plan.DECLINED, Plan.CANCELLED], updated_at__gte=off_since)
    return _ours(viewer, couple).filter(_still_relevant(since, since_day) | recent_off).select_related("author", "changed_by")


@prepared
def _lines_after(viewer, couple, plan_ids):
    return AfterLine.objects.visible_to(viewer).filter(plan__in=plan_ids)


def plans_page(person: Person, couple: Couple) -> PlansPage:
    """Two queries: the plans that matter now, and the lines written after them."""
    now = timezone.now()
    since = now - LOOK_BACK
    plans = _plans_that_matter.rows(person, since, since.date(), now - RECENTLY_OFF)
    page = PlansPage()
    for plan in plans:
        if not plan.is_open:
            page.off.append(plan)
            continue
        seen = view_of(plan, person, couple, now)
        if seen.next is None:
            continue  # it's over: it may still be among the past times below
        if seen.my_turn:
            page.for_me.append(seen)
        elif seen.their_turn:
            page.for_them.append(seen)
        elif plan.repeat:
            page.rituals.append(seen)
        else:
            page.dates.append(seen)
    accepted = [p for p in plans if p.status == Plan.ACCEPTED]
    page.coming = [(o, when_label(o.starts_at, person, now), partner_clock(o.starts_at, person, couple))
                   for o in occurrences(accepted, now, now + AHEAD)][:12]
    lines = _lines_after.rows(person, [p.pk for p in accepted]) if accepted else []
    page.past = past_times(plans, person, couple, now, lines)
    return page


def plan_for(person: Person, couple: Couple, plan_id: int) -> Plan | None:
    return _ours(person, couple).filter(pk=plan_id).select_related("author", "changed_by", "awaiting").first()


def lines_for(person: Person, plan: Plan) -> list[AfterLine]:
    return list(AfterLine.objects.visible_to(person).filter(plan=plan))


@dataclass
class TodayPlans:
    for_me: list[PlanView]
    next: tuple[Occurrence, str, str] | None
    ask: PastTime | None


def today_plans(person: Person, couple: Couple, now: dt.datetime | None = None) -> TodayPlans | None:
    """What Today says about plans: one query, and none at all when `Space.plans_until` says there is nothing."""
    now = now or timezone.now()
    until = couple.space.plans_until
    if until is None or until <= now or couple.partner is None:
        return None
    my_last_line = AfterLine.objects.filter(plan=OuterRef("pk"), author=person.pk).order_by("-occurred_on")
    plans = list(
        _ours(person, couple).filter(_still_relevant(now - dt.timedelta(days=3))).select_related("changed_by")
        .annotate(my_last_line=Subquery(my_last_line.values("occurred_on")[:1]))
    )
    for_me = []
    for plan in plans:
        if plan.status == Plan.PROPOSED and plan.awaiting_id == person.pk:
            seen = view_of(plan, person, couple, now)
            if seen.next is not None:
                for_me.append(seen)
    accepted = [p for p in plans if p.status == Plan.ACCEPTED]
    coming = occurrences(accepted, now, now + AHEAD)
    upcoming = None
    if coming:
        first = coming[0]
        upcoming = (first, when_label(first.starts_at, person, now), partner_clock(first.starts_at, person, couple))
    ask = None
    today = now.astimezone(zone(person.time_zone)).date()
    for occurrence in reversed(occurrences(accepted, now - dt.timedelta(days=3), now)):
        ended_on = occurrence.ends_at.astimezone(zone(person.time_zone)).date()
        answered = occurrence.plan.my_last_line
        if occurrence.ends_at <= now and (today - ended_on).days <= 1 and (answered is None or answered < occurrence.local_date):
            ask = PastTime(occurrence, when_label(occurrence.starts_at, person, now),
                           memory_prefill=_prefill(occurrence.plan, occurrence, None))
            break
    if not for_me and upcoming is None and ask is None:
        return None
    return TodayPlans(for_me=for_me, next=upcoming, ask=ask)


def next_plan_line(person: Person, couple: Couple) -> tuple[Occurrence, str] | None:
    """For the Together hub: the next time you've both said yes to."""
    shown = today_plans(person, couple)
    return (shown.next[0], shown.next[1]) if shown and shown.next else None


def meeting_plans(person: Person, couple: Couple, meeting) -> list[Plan]:
    """Plans suggested from a State of the Union meeting (its step 7)."""
    return list(_ours(person, couple).filter(meeting=meeting))


def starting_between(person: Person, couple: Couple, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """Times both said yes to that begin in [start, end) — for a reminder kind ("a planned date, an hour before")."""
    if couple.partner is None:
        return []
    plans = _ours(person, couple).filter(_still_relevant(start - dt.timedelta(days=2)), status=Plan.ACCEPTED)
    return [o for o in occurrences(plans, start, end) if start <= o.starts_at < end]


def last_change(person: Person, couple: Couple | None) -> dt.datetime | None:
    if couple is None:
        return None
    return _ours(person, couple).aggregate(latest=Max("updated_at"))["latest"]


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.filter(token=token).select_related("person").first()


@prepared
def _feed_of(viewer, couple):
    return CalendarFeed.objects.filter(person=viewer).order_by("pk")[:1]


def feed_of(person: Person) -> CalendarFeed | None:
    return _feed_of.first(person)


def feed_plans(person: Person, couple: Couple | None) -> list[Plan]:
    """What a person's calendar holds: plans both said yes to, in their current space, recent and to come."""
    if couple is None or couple.partner is None:
        return []
    since = timezone.now() - FEED_BACK
    return list(_ours(person, couple).filter(_still_relevant(since), status=Plan.ACCEPTED))
