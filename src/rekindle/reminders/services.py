"""Writes for reminders: a person's choices, the scheduler's planning round, and sending one.

Exactly once: `plan_round` creates one `Delivery` per (person, kind, occasion) — a unique
constraint, so two workers planning at the same moment can't both create it — and enqueues
a task to send it. `deliver` takes the delivery with a conditional UPDATE (one worker wins,
on SQLite and PostgreSQL alike), sends, and marks it sent. A worker killed while it holds a
delivery leaves it pending with a lease that runs out; the next round enqueues it again and
another worker sends it. The message keeps its Message-ID across attempts, so in the one
window no database can close (the mail server accepted it, the worker died before noting
it) a mail client sees the same message, not a new one.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from rekindle.lib.dates import zone
from rekindle.reminders import registry
from rekindle.reminders.models import Delivery, PushSubscription, ReminderPreferences, ReminderSetting, SchedulerClock
from rekindle.reminders.registry import SEND_WINDOW, Moment
from rekindle.spaces.models import Person

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
ROUND_EVERY = dt.timedelta(minutes=1)
PAUSE_FOR = dt.timedelta(days=7)
# A delivery waiting this long without a worker taking it is sent again by the next round.
STUCK_AFTER = dt.timedelta(minutes=2)


# --- a person's choices -----------------------------------------------------------------------


def preferences_for(person: Person) -> ReminderPreferences:
    prefs = getattr(person, "_reminder_prefs", None)
    if prefs is None:
        prefs = ReminderPreferences.objects.filter(person=person).first() or ReminderPreferences(person=person)
        person._reminder_prefs = prefs
    return prefs


@transaction.atomic
def reminders_save(
    *,
    person: Person,
    choices: dict[str, dict],
    quiet_from: dt.time | None,
    quiet_until: dt.time | None,
    site_url: str = "",
) -> None:
    """Save every kind's switch, time and weekday, and the quiet hours.

    `choices` maps a kind's key to {"enabled": bool, "at": time | None, "weekday": int | None}.
    """
    errors = {}
    if (quiet_from is None) != (quiet_until is None):
        errors["quiet_until" if quiet_from else "quiet_from"] = "Give both a start and an end for quiet hours, or neither."
    elif quiet_from is not None and quiet_from == quiet_until:
        errors["quiet_until"] = "Quiet hours need to end at a different time than they start."
    for key, choice in choices.items():
        kind = registry.get(key)
        if kind is None:
            errors[key] = "That reminder isn't available."
            continue
        weekday = choice.get("weekday")
        if weekday is not None and not 0 <= int(weekday) <= 6:
            errors[f"{key}_weekday"] = "Pick a day of the week."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for key, choice in choices.items():
        kind = registry.get(key)
        ReminderSetting.objects.update_or_create(
            person=person,
            kind=key,
            defaults={
                "enabled": bool(choice.get("enabled")),
                "at": choice.get("at") or kind.default_time,
                "weekday": (choice.get("weekday") if kind.weekly else None),
                "updated_at": now,
            },
        )
    defaults = {"quiet_from": quiet_from, "quiet_until": quiet_until, "updated_at": now}
    if site_url:
        defaults["site_url"] = site_url[:200]
    person._reminder_prefs = ReminderPreferences.objects.update_or_create(person=person, defaults=defaults)[0]


@transaction.atomic
def reminders_pause(*, person: Person, until: dt.datetime | None = None) -> ReminderPreferences:
    """Pause every reminder for a week (or until `until`)."""
    until = until or timezone.now() + PAUSE_FOR
    prefs, _ = ReminderPreferences.objects.update_or_create(
        person=person, defaults={"paused_until": until, "updated_at": timezone.now()}
    )
    person._reminder_prefs = prefs
    return prefs


@transaction.atomic
def reminders_resume(*, person: Person) -> None:
    ReminderPreferences.objects.filter(person=person).update(paused_until=None, updated_at=timezone.now())
    person.__dict__.pop("_reminder_prefs", None)


@transaction.atomic
def reminders_unsubscribe(*, person_id: int, kind: str) -> int:
    """Turn off one kind (or every kind, with "all") for a person, from a signed link. Returns how many."""
    settings_ = ReminderSetting.objects.filter(person_id=person_id, enabled=True)
    if kind != "all":
        settings_ = settings_.filter(kind=kind)
    turned_off = settings_.update(enabled=False, updated_at=timezone.now())
    Delivery.objects.filter(person_id=person_id, state=Delivery.PENDING, **({} if kind == "all" else {"kind": kind})).update(
        state=Delivery.SKIPPED, finished_at=timezone.now(), note="turned off"
    )
    return turned_off


# --- the scheduler ------------------------------------------------------------------------------


def take_round(now: dt.datetime | None = None) -> bool:
    """Whether this worker plans the round that is due now: only one worker wins each minute."""
    now = timezone.now() if now is None else now
    clock = SchedulerClock.objects.order_by("pk").first()
    next_at = now.replace(second=0, microsecond=0) + ROUND_EVERY
    if clock is None:
        try:
            with transaction.atomic():
                SchedulerClock.objects.create(pk=1, next_round_at=next_at)
            return True
        except IntegrityError:
            return False
    if clock.next_round_at > now:
        return False
    return SchedulerClock.objects.filter(pk=clock.pk, next_round_at=clock.next_round_at).update(next_round_at=next_at) == 1


def moment_for(person: Person, setting: ReminderSetting, kind: registry.Kind, now: dt.datetime, couple) -> Moment:
    return Moment(
        person=person,
        couple=couple,
        local_now=now.astimezone(zone(person.time_zone)),
        at=setting.at or kind.default_time,
        weekday=setting.weekday if setting.weekday is not None else kind.default_weekday,
    )


def _may_send_now(person: Person, prefs: ReminderPreferences | None, local_now: dt.datetime, now: dt.datetime) -> bool:
    if not person.is_active or not person.email:
        return False
    if prefs is None:
        return True
    return not prefs.is_paused(now) and not prefs.in_quiet_hours(local_now.time())


def plan_round(now: dt.datetime | None = None) -> list[int]:
    """Create the deliveries that are due now and return the ids to send (new, and stuck ones)."""
    from rekindle.spaces.selectors import couple_for

    now = timezone.now() if now is None else now
    to_send: list[int] = []
    enabled = (
        ReminderSetting.objects.filter(enabled=True, kind__in=[k.key for k in registry.all_kinds()])
        .select_related("person", "person__reminder_preferences")
        .order_by("person_id", "kind")
    )
    for setting in enabled:
        person, kind = setting.person, registry.get(setting.kind)
        prefs = getattr(person, "reminder_preferences", None)  # None when they never saved a choice
        local_now = now.astimezone(zone(person.time_zone))
        if not _may_send_now(person, prefs, local_now, now):
            continue
        couple = couple_for(person)
        if kind.needs_partner and (couple is None or couple.partner is None):
            continue
        moment = moment_for(person, setting, kind, now, couple)
        if not kind.is_due(moment):
            continue
        occasion = kind.occasion(moment)
        if Delivery.objects.filter(person=person, kind=kind.key, occasion=occasion).exists():
            continue
        if kind.is_done(moment):
            continue
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(person=person, kind=kind.key, occasion=occasion, created_at=now)
        except IntegrityError:
            continue  # another worker planned it a moment ago
        to_send.append(delivery.pk)
    stuck = Delivery.objects.filter(
        Q(lease_until__isnull=True, created_at__lt=now - STUCK_AFTER) | Q(lease_until__lt=now),
        state=Delivery.PENDING,
        created_at__gte=now - SEND_WINDOW,
    ).values_list("pk", flat=True)
    to_send.extend(pk for pk in stuck if pk not in to_send)
    # Too late now: a reminder at 02:00 for yesterday evening would help nobody.
    Delivery.objects.filter(state=Delivery.PENDING, created_at__lt=now - SEND_WINDOW).update(
        state=Delivery.SKIPPED, finished_at=now, note="too late"
    )
    return to_send


def tidy_up(now: dt.datetime | None = None) -> None:
    """Forget finished background tasks after a day and old deliveries after 90 days."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now() if now is None else now
    DBTaskResult.objects.filter(finished_at__lt=now - dt.timedelta(days=1)).delete()
    # A task a killed worker left "running" is long over; its delivery was sent again by a later round.
    DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - dt.timedelta(days=1)).delete()
    Delivery.objects.filter(created_at__lt=now - dt.timedelta(days=90)).delete()


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    return (
        Delivery.objects.filter(pk=delivery_id, state=Delivery.PENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE, attempts=F("attempts") + 1)
        == 1
    )


def _finish(delivery: Delivery, state: str, note: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk).update(state=state, finished_at=timezone.now(), note=note)


def deliver(delivery_id: int, now: dt.datetime | None = None) -> str:
    """Send one planned reminder, if no other worker has it and it is still wanted. Returns what happened."""
    from rekindle.reminders.mail import reminder_message
    from rekindle.spaces.selectors import couple_for

    now = timezone.now() if now is None else now
    if not _claim(delivery_id, now):
        return "taken"
    delivery = Delivery.objects.select_related("person").get(pk=delivery_id)
    person, kind = delivery.person, registry.get(delivery.kind)
    setting = ReminderSetting.objects.filter(person=person, kind=delivery.kind, enabled=True).first()
    if kind is None or setting is None:
        _finish(delivery, Delivery.SKIPPED, "turned off")
        return "skipped"
    if delivery.created_at < now - SEND_WINDOW:
        _finish(delivery, Delivery.SKIPPED, "too late")
        return "skipped"
    prefs = ReminderPreferences.objects.filter(person=person).first()
    local_now = now.astimezone(zone(person.time_zone))
    if not _may_send_now(person, prefs, local_now, now):
        Delivery.objects.filter(pk=delivery.pk).update(lease_until=None)  # the next round tries again
        return "later"
    couple = couple_for(person)
    moment = moment_for(person, setting, kind, now, couple)
    if kind.is_done(moment):
        _finish(delivery, Delivery.SKIPPED, "already done")
        return "skipped"
    extra = kind.context(moment)
    if extra is None:
        _finish(delivery, Delivery.SKIPPED, "nothing to say")
        return "skipped"
    if not delivery.message_id:
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "rekindle.local"
        delivery.message_id = f"<reminder-{delivery.pk}-{uuid.uuid4().hex[:16]}@{domain}>"
        Delivery.objects.filter(pk=delivery.pk).update(message_id=delivery.message_id)
    message = reminder_message(delivery=delivery, kind=kind, moment=moment, extra=extra, prefs=prefs)
    message.send()
    from rekindle.reminders import push

    if push.push_enabled():
        from rekindle.reminders.mail import site_url

        push.send_push(person=person, title=kind.subject, body=kind.push_body, url=site_url(prefs) + reverse("today"))
    _finish(delivery, Delivery.SENT)
    return "sent"


@transaction.atomic
def push_subscribe(*, person: Person, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Remember this browser for the person's reminders (the same phone again replaces itself)."""
    from rekindle.reminders.push import check_endpoint

    check_endpoint(endpoint)
    for name, value, limit in (("p256dh", p256dh, 200), ("auth", auth, 100)):
        if not value or len(value) > limit or not all(c.isalnum() or c in "-_=" for c in value):
            raise ValidationError({name: "This browser sent a key Rekindle can't use."})
    PushSubscription.objects.filter(endpoint=endpoint).exclude(person=person).delete()
    sub, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"person": person, "p256dh": p256dh, "auth": auth}
    )
    return sub


@transaction.atomic
def push_unsubscribe(*, person: Person, endpoint: str) -> int:
    return PushSubscription.objects.filter(person=person, endpoint=endpoint).delete()[0]
