"""Reminders through a real SMTP server: local times in every zone, only when not done, kind words."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rekindle.checkins import services as checkin_services
from rekindle.reminders import services
from rekindle.reminders.models import Delivery
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair
from tests.reminders.conftest import run_worker

UTC = dt.timezone.utc


def at(year, month, day, hour, minute=0, tz="UTC"):
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


def switch_on(person, kind="checkin", at_time=dt.time(21, 0), weekday=None, **extra):
    services.reminders_save(
        person=person,
        choices={kind: {"enabled": True, "at": at_time, "weekday": weekday}},
        quiet_from=extra.get("quiet_from"),
        quiet_until=extra.get("quiet_until"),
        site_url="http://rekindle.test",
    )


def worker_at(moment):
    with time_machine.travel(moment, tick=False):
        run_worker()


@pytest.fixture
def far_apart(db):
    """Aroha in Auckland and Luis in Los Angeles, a couple, both with the 21:00 check-in reminder."""
    aroha = make_person("Aroha", "Pacific/Auckland")
    luis = make_person("Luis", "America/Los_Angeles")
    pair(aroha, luis, "Aroha & Luis")
    switch_on(aroha)
    switch_on(luis)
    return aroha, luis


def test_the_daily_reminder_arrives_at_21_local_in_auckland_and_in_los_angeles_on_the_same_day(far_apart, smtp):
    aroha, luis = far_apart
    worker_at(at(2026, 7, 15, 20, 59, "Pacific/Auckland"))
    assert smtp.messages == []
    worker_at(at(2026, 7, 15, 21, 0, "Pacific/Auckland"))  # 09:00 UTC
    assert [m["To"] for m in smtp.messages] == [aroha.email]
    worker_at(at(2026, 7, 15, 20, 59, "America/Los_Angeles"))
    assert len(smtp.messages) == 1
    worker_at(at(2026, 7, 15, 21, 0, "America/Los_Angeles"))  # 04:00 UTC the next day
    assert [m["To"] for m in smtp.messages] == [aroha.email, luis.email]
    worker_at(at(2026, 7, 15, 21, 30, "America/Los_Angeles"))
    assert len(smtp.messages) == 2, "each once"
    message = smtp.messages[0]
    assert message["Subject"] == "Rekindle: A minute for today?"
    assert "today's rose, bud and thorn" in smtp.text(message)
    assert "rose, bud and thorn" in smtp.html(message)
    assert "http://rekindle.test/today/" in smtp.text(message)


def test_no_reminder_arrives_when_the_person_already_checked_in(far_apart, smtp):
    aroha, luis = far_apart
    with time_machine.travel(at(2026, 7, 15, 19, 0, "Pacific/Auckland"), tick=False):
        checkin_services.checkin_submit(
            person=aroha, couple=couple_for(aroha), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None
        )
    worker_at(at(2026, 7, 15, 21, 0, "Pacific/Auckland"))
    worker_at(at(2026, 7, 15, 22, 0, "Pacific/Auckland"))
    assert smtp.to(aroha.email) == []
    worker_at(at(2026, 7, 16, 21, 0, "Pacific/Auckland"))  # a new day, not yet checked in
    assert len(smtp.to(aroha.email)) == 1


def test_a_check_in_after_planning_but_before_sending_stops_the_reminder(far_apart, smtp):
    aroha, _ = far_apart
    with time_machine.travel(at(2026, 7, 15, 21, 0, "Pacific/Auckland"), tick=False):
        ids = services.plan_round()
        checkin_services.checkin_submit(
            person=aroha, couple=couple_for(aroha), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None
        )
        assert [services.deliver(i) for i in ids] == ["skipped"]
    assert smtp.messages == []


def test_every_reminder_has_the_unsubscribe_headers_and_a_discreet_subject(far_apart, smtp):
    aroha, _ = far_apart
    worker_at(at(2026, 7, 15, 21, 0, "Pacific/Auckland"))
    (message,) = smtp.messages
    assert str(message["List-Unsubscribe"]).strip().startswith("<http://rekindle.test/reminders/off/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == Delivery.objects.get().message_id
    for word in ("missed", "streak", "safety", "sealed"):
        assert word not in message["Subject"].lower() + smtp.text(message).lower()


def test_nothing_is_sent_to_someone_without_a_partner_yet(db, smtp):
    erin = make_person("Erin", "Europe/Paris")
    switch_on(erin)
    worker_at(at(2026, 7, 15, 21, 0, "Europe/Paris"))
    assert smtp.messages == []


def test_quiet_hours_hold_a_reminder_until_they_end(far_apart, smtp):
    aroha, _ = far_apart
    switch_on(aroha, at_time=dt.time(21, 0), quiet_from=dt.time(20, 30), quiet_until=dt.time(22, 0))
    worker_at(at(2026, 7, 15, 21, 0, "Pacific/Auckland"))
    worker_at(at(2026, 7, 15, 21, 59, "Pacific/Auckland"))
    assert smtp.to(aroha.email) == []
    worker_at(at(2026, 7, 15, 22, 0, "Pacific/Auckland"))
    assert len(smtp.to(aroha.email)) == 1


def test_a_paused_week_sends_nothing_and_reminders_come_back_on_their_own(far_apart, smtp):
    aroha, _ = far_apart
    with time_machine.travel(at(2026, 7, 15, 12, 0, "Pacific/Auckland"), tick=False):
        services.reminders_pause(person=aroha)
    for day in range(15, 22):
        worker_at(at(2026, 7, day, 21, 0, "Pacific/Auckland"))
    assert smtp.to(aroha.email) == []
    worker_at(at(2026, 7, 22, 21, 0, "Pacific/Auckland"))
    assert len(smtp.to(aroha.email)) == 1


def test_a_reminder_too_late_to_help_is_not_sent(far_apart, smtp):
    """A worker that was down all evening doesn't send the 21:00 reminder at 01:00."""
    aroha, _ = far_apart
    worker_at(at(2026, 7, 16, 0, 30, "Pacific/Auckland"))
    assert smtp.messages == []


@pytest.mark.parametrize(
    "tz,day,chosen,clock,expected",
    [
        # Spring forward in Los Angeles on 8 March 2026: 02:00 jumps to 03:00; a 02:30 reminder goes at 03:00.
        ("America/Los_Angeles", dt.date(2026, 3, 8), dt.time(2, 30), [dt.time(1, 59), dt.time(3, 0), dt.time(3, 30)], 1),
        # Fall back on 1 November 2026: 01:30 happens twice; one reminder.
        ("America/Los_Angeles", dt.date(2026, 11, 1), dt.time(1, 30), None, 1),
        # Auckland's clocks go back on 5 April 2026 (03:00 → 02:00): an evening reminder is untouched.
        ("Pacific/Auckland", dt.date(2026, 4, 5), dt.time(21, 0), [dt.time(21, 0), dt.time(22, 0)], 1),
    ],
)
def test_reminders_keep_local_time_around_daylight_saving_changes(db, smtp, tz, day, chosen, clock, expected):
    sam, kit = make_person("Sam", tz), make_person("Kit", tz)
    pair(sam, kit, "Sam & Kit")
    switch_on(sam, at_time=chosen)
    if clock is None:  # both 01:30s: the first (daylight) and the second (standard), an hour apart in UTC
        first = dt.datetime.combine(day, chosen, tzinfo=ZoneInfo(tz))
        second = dt.datetime.combine(day, chosen, tzinfo=ZoneInfo(tz)).replace(fold=1)
        moments = [first.astimezone(UTC), second.astimezone(UTC)]
        assert moments[1] - moments[0] == dt.timedelta(hours=1)
    else:
        moments = [dt.datetime.combine(day, t, tzinfo=ZoneInfo(tz)) for t in clock]
    for moment in moments:
        worker_at(moment)
    assert len(smtp.to(sam.email)) == expected
    if clock:
        sent = Delivery.objects.get(person=sam)
        assert sent.created_at.astimezone(ZoneInfo(tz)).time() >= chosen or chosen == dt.time(2, 30)


def test_the_weekly_meeting_reminder_comes_on_the_chosen_day_unless_you_already_met(db, smtp):
    from rekindle.rituals.models import Meeting

    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    switch_on(alice, kind="meeting", at_time=dt.time(19, 0), weekday=6)  # Sundays
    switch_on(bob, kind="meeting", at_time=dt.time(19, 0), weekday=6)
    worker_at(at(2026, 7, 18, 19, 0, "Europe/London"))  # a Saturday
    assert smtp.messages == []
    Meeting.objects.create(space=couple_for(bob).space, started_by=bob, held_on=dt.date(2026, 7, 14))
    worker_at(at(2026, 7, 19, 19, 0, "Europe/London"))  # Sunday, but they met on Tuesday
    assert smtp.messages == []
    worker_at(at(2026, 7, 26, 19, 5, "Europe/London"))  # the next Sunday
    assert sorted(m["To"] for m in smtp.messages) == [alice.email, bob.email]
    assert "weekly catch-up" in smtp.text(smtp.messages[0])


def test_the_weekly_digest_tells_the_partners_news_without_their_words(db, smtp):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    switch_on(alice, kind="digest", at_time=dt.time(9, 0), weekday=6)
    with time_machine.travel(at(2026, 7, 16, 12, 0, "Europe/London"), tick=False):
        checkin_services.appreciation_create(
            person=bob, couple=couple_for(bob), text="BOB-PRIVATE-WORDS thank you", submission=None
        )
        checkin_services.checkin_submit(
            person=bob, couple=couple_for(bob), answers={"rose": "BOB-SEALED", "bud": "b", "thorn": "t"}, revision=None
        )
    worker_at(at(2026, 7, 19, 9, 0, "Europe/London"))
    (message,) = smtp.messages
    body = smtp.text(message) + smtp.html(message)
    assert "Bob shared an appreciation for you." in body
    assert "BOB-PRIVATE-WORDS" not in body and "BOB-SEALED" not in body
    assert message["Subject"] == "Rekindle: Your week in Rekindle"


def test_a_quiet_week_sends_no_digest(db, smtp):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    switch_on(alice, kind="digest", at_time=dt.time(9, 0), weekday=6)
    worker_at(at(2026, 7, 19, 9, 0, "Europe/London"))
    assert smtp.messages == []
