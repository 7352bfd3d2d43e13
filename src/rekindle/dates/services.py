"""Writes for plans, the lines after a date, and calendar feeds. Each one validates and is atomic.

Every write that changes what Today might show about plans ends with `_refresh_plans_until`,
which keeps `Space.plans_until` true: Today asks the database nothing about plans after it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from rekindle.dates.calendar import local_start, next_occurrence, occurrences
from rekindle.dates.models import (
    ALARMS,
    LINE_MAX,
    MONTHLY,
    ONCE,
    PLACE_MAX,
    REPEATS,
    TITLE_MAX,
    AfterLine,
    CalendarFeed,
    Plan,
    new_feed_token,
)
from rekindle.lib.dates import zone
from rekindle.news import kinds as news
from rekindle.news.services import news_record
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple

MIN_MINUTES = 15
MAX_MINUTES = 48 * 60
# "How was it?" stays on Today until the end of the day after the date; then it goes quietly.
AFTER_WINDOW = dt.timedelta(days=2)
# An open-ended ritual keeps Today's plans card on for good.
FOREVER = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
LONGEST_AHEAD = 2 * 366  # days: plans are for the coming months, not a decade away

NOT_FOUND = "We couldn't find that plan — it may have been called off."


def _errors(**found: str) -> ValidationError:
    return ValidationError({name: ValidationError(message, code=name) for name, message in found.items()})


def _text(value: str | None, *, limit: int) -> str:
    return " ".join((value or "").split())[: limit + 1]


def _clean_plan(
    *, person: Person, title: str, place: str, day: dt.date | None, time: dt.time | None, duration_minutes: int | None,
    repeat: str, repeat_until: dt.date | None,
) -> dict:
    """The plan's fields, checked: every problem at once, each next to its field."""
    errors: dict[str, str] = {}
    title, place = _text(title, limit=TITLE_MAX), _text(place, limit=PLACE_MAX)
    if not title:
        errors["title"] = "Say what you'd like to do — “a walk by the river” is plenty."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Please keep it to {TITLE_MAX} characters; the place has its own box."
    if len(place) > PLACE_MAX:
        errors["place"] = f"Please keep the place to {PLACE_MAX} characters."
    starts_at = None
    tz = zone(person.time_zone)
    if day is None:
        errors["day"] = "Pick the day."
    if time is None:
        errors["time"] = "Pick a time, like 19:00."
    if day is not None and time is not None:
        naive = dt.datetime.combine(day, time)
        starts_at = naive.replace(tzinfo=tz)
        # A time the clocks skip (the hour they go forward) comes back different from a round trip.
        if starts_at.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
            errors["time"] = "The clocks go forward then, so that time doesn't happen that night. Pick another time."
        elif starts_at <= timezone.now():
            errors["day"] = "That time has already passed. Pick a day and time still to come."
        elif day > timezone.now().astimezone(tz).date() + dt.timedelta(days=LONGEST_AHEAD):
            errors["day"] = "That's more than two years away. Pick a day within the next two years."
    if duration_minutes is None:
        errors["duration_minutes"] = "Choose how long it will take."
    elif duration_minutes < MIN_MINUTES:
        errors["duration_minutes"] = "Give it a little time — at least a quarter of an hour."
    elif duration_minutes > MAX_MINUTES:
        errors["duration_minutes"] = "That's longer than two days. For a longer trip, plan the first evening or split it up."
    repeat = repeat or ONCE
    if repeat not in dict(REPEATS):
        errors["repeat"] = "Choose how often: just once, every week, every two weeks or every month."
    if repeat == ONCE:
        repeat_until = None
    elif repeat_until is not None and day is not None:
        if repeat_until < day:
            errors["repeat_until"] = "That end comes before the first time. Pick a later end, or choose “just once”."
        elif repeat_until == day:
            errors["repeat_until"] = "Ending on the first day means it never repeats. Pick a later end, or choose “just once”."
        elif repeat == MONTHLY and repeat_until < day + dt.timedelta(days=28):
            errors["repeat_until"] = "Monthly, that ends before the second time. Pick a later end, or choose “just once”."
    if errors:
        raise _errors(**errors)
    return {
        "title": title, "place": place, "starts_at": starts_at.astimezone(dt.UTC), "time_zone": tz.key,
        "duration_minutes": duration_minutes, "repeat": repeat, "repeat_until": repeat_until,
    }


def _lock_space(couple: Couple) -> None:
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()


def _plan_for_update(person: Person, couple: Couple, plan_id: int) -> Plan:
    plan = Plan.objects.visible_to(person).filter(space=couple.space, pk=plan_id).select_for_update().first()
    if plan is None:
        raise ValidationError(NOT_FOUND, code="not_found")
    return plan


def _check_version(plan: Plan, version: int | None, person: Person) -> None:
    if version is not None and version != plan.version:
        who = "You" if plan.changed_by_id == person.pk else (plan.changed_by.display_name if plan.changed_by else "Your partner")
        raise ValidationError(
            f"{who} changed this plan a moment ago, so nothing was saved. Here it is as it stands now.", code="stale"
        )


def _partner(couple: Couple) -> Person:
    if couple.partner is None:
        raise ValidationError(
            "Plans are made by two. Once your partner has joined your space, you can suggest a time here.", code="solo"
        )
    return couple.partner


def _save(plan: Plan, person: Person, *fields: str) -> None:
    plan.version += 1
    plan.changed_by = person
    plan.updated_at = timezone.now()
    plan.save(update_fields=[*fields, "version", "changed_by", "updated_at"])


def plans_until_for(plans) -> dt.datetime | None:
    """Until when Today may have something to say about these open plans."""
    until = None
    for plan in plans:
        if plan.repeat and plan.repeat_until is None:
            return FOREVER
        if plan.repeat:
            last_day = dt.datetime.combine(plan.repeat_until, dt.time(23, 59), tzinfo=zone(plan.time_zone))
            ends = last_day + plan.duration
        else:
            ends = plan.starts_at + plan.duration
        ends = ends + AFTER_WINDOW
        until = ends if until is None else max(until, ends)
    return until


def _refresh_plans_until(couple: Couple) -> None:
    open_plans = Plan.objects.filter(space=couple.space, status__in=[Plan.PROPOSED, Plan.ACCEPTED]).only(
        "starts_at", "time_zone", "duration_minutes", "repeat", "repeat_until"
    )
    until = plans_until_for(open_plans)
    Space.objects.filter(pk=couple.space.pk).update(plans_until=until)
    couple.space.plans_until = until


def plans_stop(*, space: Space) -> None:
    """Someone left `space`: every open plan there ends (calendar feeds and date reminders drop it)."""
    Plan.objects.filter(space=space, status__in=[Plan.PROPOSED, Plan.ACCEPTED]).update(
        status=Plan.CANCELLED, awaiting=None, version=F("version") + 1, updated_at=timezone.now()
    )
    Space.objects.filter(pk=space.pk).update(plans_until=None)


def _check_idea(idea_id: str) -> str:
    if not idea_id:
        return ""
    from rekindle.together.content import idea_for

    return idea_id if idea_for(idea_id) is not None else ""


@transaction.atomic
def plan_propose(
    *, person: Person, couple: Couple, title: str, place: str = "", day: dt.date | None, time: dt.time | None,
    duration_minutes: int | None, repeat: str = ONCE, repeat_until: dt.date | None = None, idea_id: str = "",
    bucket_item_id: int | None = None, meeting_id: int | None = None, submission: uuid.UUID | None = None,
) -> Plan:
    """Suggest a time together; the partner is asked to say yes, another time, or not this time."""
    partner = _partner(couple)
    fields = _clean_plan(person=person, title=title, place=place, day=day, time=time,
                         duration_minutes=duration_minutes, repeat=repeat, repeat_until=repeat_until)
    _lock_space(couple)
    if submission is not None:
        earlier = Plan.objects.filter(author=person, submission=submission).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    bucket_item = meeting = None
    if bucket_item_id:
        from rekindle.together.models import BucketItem

        bucket_item = BucketItem.objects.visible_to(person).filter(space=couple.space, pk=bucket_item_id).first()
    if meeting_id:
        from rekindle.rituals.models import Meeting

        meeting = Meeting.objects.of_space(couple.space).filter(pk=meeting_id).first()
    now = timezone.now()
    plan = Plan.objects.create(
        space=couple.space, author=person, awaiting=partner, changed_by=person, idea_id=_check_idea(idea_id),
        bucket_item=bucket_item, meeting=meeting, submission=submission, created_at=now, updated_at=now, **fields,
    )
    news_record(actor=person, space=couple.space, kind=news.PLAN_PROPOSED, object_id=plan.pk, couple=couple, fresh=True)
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_accept(*, person: Person, couple: Couple, plan_id: int, version: int | None) -> Plan:
    plan = _plan_for_update(person, couple, plan_id)
    if plan.status == Plan.ACCEPTED:
        raise ValidationError("You've both already said yes to this one — it's in your calendars.", code="already")
    if plan.status != Plan.PROPOSED:
        raise ValidationError("This plan isn't open any more, so there's nothing to say yes to.", code="closed")
    _check_version(plan, version, person)
    if plan.awaiting_id != person.pk:
        raise ValidationError("You suggested this time, so it's your partner's turn to answer.", code="not_your_turn")
    plan.status, plan.awaiting = Plan.ACCEPTED, None
    _save(plan, person, "status", "awaiting")
    news_record(actor=person, space=couple.space, kind=news.PLAN_ACCEPTED, object_id=plan.pk, couple=couple)
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_change(
    *, person: Person, couple: Couple, plan_id: int, version: int | None, title: str, place: str = "",
    day: dt.date | None, time: dt.time | None, duration_minutes: int | None, repeat: str = ONCE,
    repeat_until: dt.date | None = None,
) -> Plan:
    """Suggest another time, or change what or where. A new time (or repeat) goes back to the partner to answer;
    a change of words alone keeps a plan both said yes to."""
    partner = _partner(couple)
    plan = _plan_for_update(person, couple, plan_id)
    if not plan.is_open:
        raise ValidationError("This plan was called off, so it can't be changed. You can suggest a new one.", code="closed")
    _check_version(plan, version, person)
    fields = _clean_plan(person=person, title=title, place=place, day=day, time=time,
                         duration_minutes=duration_minutes, repeat=repeat, repeat_until=repeat_until)
    timing = ("starts_at", "duration_minutes", "repeat", "repeat_until")
    moved = any(getattr(plan, name) != fields[name] for name in timing)
    for name, value in fields.items():
        if name == "time_zone" and not moved:
            continue  # the same time, re-entered: its clock stays the one it was chosen on
        setattr(plan, name, value)
    changed = ["title", "place"]
    if moved:
        plan.status, plan.awaiting = Plan.PROPOSED, (partner if person.pk == couple.me.pk else couple.me)
        plan.skipped = []
        changed += [*timing, "time_zone", "status", "awaiting", "skipped"]
    _save(plan, person, *changed)
    if moved:
        news_record(actor=person, space=couple.space, kind=news.PLAN_CHANGED, object_id=plan.pk, couple=couple)
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_decline(*, person: Person, couple: Couple, plan_id: int, version: int | None) -> Plan:
    """'Not this time' — kindly, and without a reason owed."""
    plan = _plan_for_update(person, couple, plan_id)
    if plan.status != Plan.PROPOSED:
        raise ValidationError("This plan isn't waiting for an answer any more.", code="closed")
    _check_version(plan, version, person)
    if plan.awaiting_id != person.pk:
        raise ValidationError("You suggested this time; if it doesn't suit you now, you can call it off instead.",
                              code="not_your_turn")
    plan.status, plan.awaiting = Plan.DECLINED, None
    _save(plan, person, "status", "awaiting")
    news_record(actor=person, space=couple.space, kind=news.PLAN_DECLINED, object_id=plan.pk, couple=couple)
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_cancel(*, person: Person, couple: Couple, plan_id: int, version: int | None = None) -> Plan:
    """Either partner calls a plan off; it leaves both calendars at their next refresh."""
    plan = _plan_for_update(person, couple, plan_id)
    if not plan.is_open:
        raise ValidationError("This plan is already off.", code="closed")
    _check_version(plan, version, person)
    plan.status, plan.awaiting = Plan.CANCELLED, None
    _save(plan, person, "status", "awaiting")
    news_record(actor=person, space=couple.space, kind=news.PLAN_CANCELLED, object_id=plan.pk, couple=couple)
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_skip(*, person: Person, couple: Couple, plan_id: int, on_date: dt.date | None) -> Plan:
    """Skip one time of a ritual; the ones after it stay."""
    plan = _plan_for_update(person, couple, plan_id)
    if not plan.is_open or not plan.repeat:
        raise ValidationError("Only a ritual that's still on has single times to skip.", code="closed")
    now = timezone.now()
    upcoming = {o.local_date for o in occurrences([plan], now, now + dt.timedelta(days=LONGEST_AHEAD))}
    if on_date is None or on_date not in upcoming:
        raise _errors(on_date="That isn't one of the times still to come. Pick one from the list.")
    if on_date.isoformat() not in plan.skipped:
        plan.skipped = sorted([*plan.skipped, on_date.isoformat()])
        _save(plan, person, "skipped")
    if next_occurrence(plan, now) is None:
        plan.status, plan.awaiting = Plan.CANCELLED, None
        _save(plan, person, "status", "awaiting")
    _refresh_plans_until(couple)
    return plan


@transaction.atomic
def plan_end(*, person: Person, couple: Couple, plan_id: int) -> Plan:
    """End a ritual: nothing after today (on the ritual's clock); what happened stays."""
    plan = _plan_for_update(person, couple, plan_id)
    if not plan.is_open or not plan.repeat:
        raise ValidationError("Only a ritual that's still on can be ended.", code="closed")
    today = timezone.now().astimezone(zone(plan.time_zone)).date()
    if local_start(plan).date() >= today:
        return plan_cancel(person=person, couple=couple, plan_id=plan_id)  # it never began: call it off
    now = timezone.now()
    begun_today = any(o.local_date == today and o.starts_at <= now for o in occurrences([plan], now - dt.timedelta(days=2), now))
    plan.repeat_until = today if begun_today else today - dt.timedelta(days=1)
    _save(plan, person, "repeat_until")
    _refresh_plans_until(couple)
    return plan


def happened(plan: Plan, on_date: dt.date, now: dt.datetime):
    """The time `plan` happened on `on_date` (its clock), if it has ended by `now`."""
    start = dt.datetime.combine(on_date - dt.timedelta(days=1), dt.time(), tzinfo=zone(plan.time_zone))
    for occurrence in occurrences([plan], start, now):
        if occurrence.local_date == on_date and occurrence.ends_at <= now:
            return occurrence
    return None


@transaction.atomic
def after_line_save(*, person: Person, couple: Couple, plan_id: int, occurred_on: dt.date | None, text: str,
                    not_now: bool = False) -> AfterLine:
    """One line, your own, about how a date went — or "not now", which closes the question quietly."""
    plan = Plan.objects.visible_to(person).filter(space=couple.space, pk=plan_id, status=Plan.ACCEPTED).first()
    if plan is None:
        raise ValidationError(NOT_FOUND, code="not_found")
    if occurred_on is None or happened(plan, occurred_on, timezone.now()) is None:
        raise _errors(text="That date hasn't happened yet — come back afterwards and say how it was.")
    text = _text(text, limit=LINE_MAX)
    if not not_now and not text:
        raise _errors(text="Write a line — a few words is plenty — or choose “Not now”.")
    if len(text) > LINE_MAX:
        raise _errors(text=f"Please keep it to one line — {LINE_MAX} characters at most.")
    line, created = AfterLine.objects.select_for_update().get_or_create(
        plan=plan, author=person, occurred_on=occurred_on, defaults={"text": "" if not_now else text}
    )
    if not created and not not_now and line.text != text:
        line.text = text
        line.save(update_fields=["text"])
    if text and not not_now:
        news_record(actor=person, space=couple.space, kind=news.AFTER_LINE, object_id=plan.pk, couple=couple)
    return line


# --- calendar feeds ----------------------------------------------------------------------------


@transaction.atomic
def feed_create(*, person: Person) -> CalendarFeed:
    """Make the person's private calendar address, or a new one in place of the old (which stops working)."""
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(person=person)
    feed.token = new_feed_token()
    feed.updated_at = timezone.now()
    feed.save(update_fields=["token", "updated_at"])
    return feed


@transaction.atomic
def feed_revoke(*, person: Person) -> None:
    CalendarFeed.objects.filter(person=person).update(token=None, updated_at=timezone.now())


@transaction.atomic
def feed_settings(*, person: Person, alarm_minutes: int | None, show_detail: bool) -> CalendarFeed:
    if alarm_minutes not in dict(ALARMS):
        raise _errors(alarm_minutes="Choose one of the reminder times, or no reminder.")
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(person=person)
    feed.alarm_minutes, feed.show_detail, feed.updated_at = alarm_minutes, bool(show_detail), timezone.now()
    feed.save(update_fields=["alarm_minutes", "show_detail", "updated_at"])
    return feed
