"""Plans as iCalendar events (icalendar), and their times expanded (recurring-ical-events).

The same events serve the calendar feed and the app's own pages, so the times a person sees
in Rekindle are the times their calendar shows. Repeats are an RRULE on the plan's own
clock (its `time_zone`), skipped times an EXDATE, the end an UNTIL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import recurring_ical_events
from icalendar import Alarm, Calendar, Event, vRecur

from rekindle.dates.models import FORTNIGHTLY, MONTHLY, WEEKLY, Plan
from rekindle.lib.dates import zone

PRODID = "-//Rekindle//Time together//EN"
DISCREET_TITLE = "Time together"
REFRESH = dt.timedelta(hours=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def local_start(plan: Plan) -> dt.datetime:
    return plan.starts_at.astimezone(zone(plan.time_zone))


def week_of_month(day: dt.date) -> int:
    """1–4 for the first to fourth such weekday of its month; -1 for a fifth (said as 'the last')."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def rrule_for(plan: Plan) -> dict | None:
    if not plan.repeat:
        return None
    start = local_start(plan)
    if plan.repeat == WEEKLY:
        rule = {"FREQ": "WEEKLY"}
    elif plan.repeat == FORTNIGHTLY:
        rule = {"FREQ": "WEEKLY", "INTERVAL": 2}
    elif plan.repeat == MONTHLY:
        rule = {"FREQ": "MONTHLY", "BYDAY": f"{week_of_month(start.date())}{WEEKDAYS[start.weekday()]}"}
    else:
        raise ValueError(f"unknown repeat {plan.repeat!r}")
    if plan.repeat_until:
        last_moment = dt.datetime.combine(plan.repeat_until, dt.time(23, 59, 59), tzinfo=zone(plan.time_zone))
        rule["UNTIL"] = last_moment.astimezone(dt.UTC)
    return rule


def repeat_label(plan: Plan) -> str:
    """'Every Friday', 'Every other Sunday', 'The second Friday of each month' — on the plan's clock."""
    if not plan.repeat:
        return ""
    start = local_start(plan)
    day = f"{start:%A}"
    if plan.repeat == WEEKLY:
        return f"Every {day}"
    if plan.repeat == FORTNIGHTLY:
        return f"Every other {day}"
    return f"The {ORDINALS[week_of_month(start.date())]} {day} of each month"


def event_for(plan: Plan, *, detail: bool = True, alarm_minutes: int | None = None, stamp: dt.datetime | None = None) -> Event:
    """One VEVENT; its UID never changes, its SEQUENCE goes up with every change."""
    start = local_start(plan)
    event = Event()
    event.add("uid", f"{plan.uid}@rekindle")
    event.add("dtstamp", stamp or plan.updated_at)
    event.add("last-modified", plan.updated_at)
    event.add("created", plan.created_at)
    event.add("sequence", plan.version)
    event.add("summary", plan.title if detail else DISCREET_TITLE)
    if detail and plan.place:
        event.add("location", plan.place)
    event.add("dtstart", start)
    event.add("dtend", start + plan.duration)
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE")
    rule = rrule_for(plan)
    if rule:
        event.add("rrule", vRecur(rule))
        for day in sorted(plan.skipped):
            skipped = dt.datetime.combine(dt.date.fromisoformat(day), start.timetz().replace(tzinfo=None), tzinfo=start.tzinfo)
            event.add("exdate", skipped)
    if alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", plan.title if detail else DISCREET_TITLE)
        alarm.add("trigger", -dt.timedelta(minutes=alarm_minutes))
        event.add_component(alarm)
    return event


def calendar_of(events, *, name: str = "Rekindle") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    events = list(events)
    for event in events:
        cal.add_component(event)
    # Each zone's rules from a year before the first event (the default, 1970, begins London's with
    # its odd "British Standard Time" year, which some readers then apply to every date).
    first = min((event.decoded("dtstart") for event in events), default=dt.datetime.now(dt.UTC))
    first_date = (first.date() if isinstance(first, dt.datetime) else first) - dt.timedelta(days=366)
    cal.add_missing_timezones(first_date=first_date, last_date=first_date + dt.timedelta(days=366 * 30))
    return cal


@dataclass(frozen=True)
class Occurrence:
    plan: Plan
    starts_at: dt.datetime  # on the plan's clock
    ends_at: dt.datetime

    @property
    def local_date(self) -> dt.date:
        """Its date on the plan's clock: what a skip or an after-date line refers to."""
        return self.starts_at.date()

    def starts_for(self, person) -> dt.datetime:
        return self.starts_at.astimezone(zone(person.time_zone))


def occurrences(plans, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """Every time the plans happen that overlaps [start, end), in order."""
    plans = list(plans)
    if not plans:
        return []
    by_uid = {f"{plan.uid}@rekindle": plan for plan in plans}
    cal = calendar_of(event_for(plan) for plan in plans)
    found = []
    for event in recurring_ical_events.of(cal).between(start, end):
        begins, ends = event.start, event.end
        found.append(Occurrence(by_uid[str(event["UID"])], begins, ends))
    found.sort(key=lambda o: (o.starts_at, o.plan.pk))
    return found


def next_occurrence(plan: Plan, after: dt.datetime, *, within: dt.timedelta = dt.timedelta(days=400)) -> Occurrence | None:
    """The first time that hasn't ended yet."""
    return next(iter(occurrences([plan], after, after + within)), None)
