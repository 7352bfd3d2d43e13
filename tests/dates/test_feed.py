"""The private calendar feed: only what both can see, discreet by default, stable, and read correctly
by an independent parser (vobject) and a real calendar client (khal), across DST in both zones."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import timezone

from rekindle.dates import calendar, services
from rekindle.dates.models import CalendarFeed
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.dates.helpers import accept, propose

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
# Spring 2027: New York moves its clocks on 14 March, London on 28 March.
BEFORE_SPRING = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)


def feed_url(person) -> str:
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is None or not feed.token:
        feed = services.feed_create(person=person)
    return reverse("together_feed", kwargs={"token": feed.token})


def fetch(person, **headers):
    return client_for(None).get(feed_url(person), **headers)


def parse(response):
    return vobject.readOne(response.content.decode())


def events(response) -> list:
    return list(getattr(parse(response), "vevent_list", []))


@pytest.fixture
def far_apart(couple):
    alice, bob = couple
    bob.time_zone = "America/New_York"
    bob.save()
    return alice, bob


def test_the_feed_is_a_calendar_with_caching_hints(couple):
    alice, bob = couple
    accept(bob, propose(alice))
    response = fetch(alice)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["ETag"] and response["Last-Modified"]
    body = response.content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in body and "BEGIN:VTIMEZONE" in body
    again = client_for(None).get(feed_url(alice), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_revoked_or_guessed_token_gets_nothing(couple):
    alice, bob = couple
    accept(bob, propose(alice))
    old = feed_url(alice)
    services.feed_revoke(person=alice)
    assert client_for(None).get(old).status_code == 404
    assert client_for(None).get(reverse("together_feed", kwargs={"token": "guess" * 8})).status_code == 404
    new = feed_url(alice)
    assert new != old and client_for(None).get(new).status_code == 200
    services.feed_create(person=alice)  # a new address replaces the old one
    assert client_for(None).get(new).status_code == 404


def test_the_feed_holds_accepted_plans_of_this_couple_only(couple, other_couple):
    alice, bob = couple
    carol, dave = other_couple
    accepted = accept(bob, propose(alice, title="Dinner"))
    propose(alice, title="Only proposed", days=5)
    accept(dave, propose(carol, title="CAROL-PLAN"))
    alice_events, bob_events = events(fetch(alice)), events(fetch(bob))
    assert [e.uid.value for e in alice_events] == [f"{accepted.uid}@rekindle"]
    assert [e.uid.value for e in bob_events] == [f"{accepted.uid}@rekindle"]
    assert "CAROL-PLAN" not in fetch(alice).content.decode() + fetch(carol).content.decode()


def test_titles_are_discreet_unless_the_person_asks_for_detail(couple):
    alice, bob = couple
    accept(bob, propose(alice, title="Anniversary dinner", place="The little Italian place"))
    body = fetch(alice).content.decode()
    assert "SUMMARY:Time together" in body and "Anniversary" not in body and "Italian" not in body
    services.feed_settings(person=bob, alarm_minutes=None, show_detail=True)
    (event,) = events(fetch(bob))
    assert event.summary.value == "Anniversary dinner" and event.location.value == "The little Italian place"


def test_each_person_gets_their_own_alarm_or_none(couple):
    alice, bob = couple
    accept(bob, propose(alice))
    services.feed_settings(person=alice, alarm_minutes=30, show_detail=False)
    services.feed_settings(person=bob, alarm_minutes=None, show_detail=False)
    (alice_event,) = events(fetch(alice))
    assert alice_event.valarm.trigger.value == -dt.timedelta(minutes=30)
    (bob_event,) = events(fetch(bob))
    assert not hasattr(bob_event, "valarm")


def test_a_moved_plan_keeps_its_uid_and_a_cancelled_one_leaves(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice))
    (before,) = events(fetch(alice))
    day = plan.starts_at.astimezone(LONDON).date() + dt.timedelta(days=1)
    services.plan_change(person=bob, couple=couple_for(bob), plan_id=plan.pk, version=plan.version + 0,
                         title=plan.title, day=day, time=dt.time(20, 0), duration_minutes=60)
    assert events(fetch(alice)) == []  # moved: back with Alice to answer
    accept(alice, plan)
    (after,) = events(fetch(alice))
    assert after.uid.value == before.uid.value
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.dtstart.value.astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(day, dt.time(20, 0))
    services.plan_cancel(person=alice, couple=couple_for(alice), plan_id=plan.pk)
    assert events(fetch(alice)) == []


def test_nothing_reaches_the_feed_once_the_partner_has_left(couple):
    from rekindle.spaces import services as spaces

    alice, bob = couple
    accept(bob, propose(alice))
    spaces.space_leave(person=bob)
    assert events(fetch(alice)) == [] and events(fetch(bob)) == []


def expected_local(dates, at: dt.time, zone: ZoneInfo) -> list[dt.datetime]:
    return [dt.datetime.combine(day, at, tzinfo=zone) for day in dates]


FRIDAYS = [dt.date(2027, 3, 5) + dt.timedelta(weeks=n) for n in range(5)]  # 5 Mar … 2 Apr


@pytest.fixture
def friday_ritual(far_apart):
    """Alice (London) proposes a weekly Friday 19:00 ritual; Bob (New York) accepts it; both feeds have alarms."""
    alice, bob = far_apart
    with time_machine.travel(BEFORE_SPRING, tick=False):
        plan = services.plan_propose(
            person=alice, couple=couple_for(alice), title="Date night", day=FRIDAYS[0], time=dt.time(19, 0),
            duration_minutes=120, repeat="weekly",
        )
        accept(bob, plan)
        services.feed_settings(person=bob, alarm_minutes=60, show_detail=True)
        services.feed_settings(person=alice, alarm_minutes=15, show_detail=True)
        yield alice, bob, plan


# London stays 19:00; New York sees 14:00, then 15:00 for the two weeks the clocks disagree, then 14:00.
NEW_YORK_CLOCK = ["14:00", "14:00", "15:00", "15:00", "14:00"]


def test_a_ritual_expands_to_the_right_local_times_across_dst_in_both_zones(friday_ritual):
    alice, bob, plan = friday_ritual
    start, end = dt.datetime(2027, 3, 1, tzinfo=dt.UTC), dt.datetime(2027, 4, 4, tzinfo=dt.UTC)
    found = calendar.occurrences([plan], start, end)
    assert [o.starts_at for o in found] == expected_local(FRIDAYS, dt.time(19, 0), LONDON)
    assert [o.starts_at.astimezone(NEW_YORK).strftime("%H:%M") for o in found] == NEW_YORK_CLOCK


def wall_times(event) -> list[dt.datetime]:
    """An independent expansion: vobject's parse of DTSTART, RRULE and EXDATE, expanded by dateutil on the
    event's own wall clock, in the zone its TZID names (as calendar apps resolve it). vobject's own
    `getrruleset` can't be used for this: with a VTIMEZONE it keeps the first offset across a change
    of clocks (a limitation of dateutil's tzical), so it would test the reader rather than the feed."""
    from dateutil import rrule

    start = event.dtstart.value
    tzid = event.dtstart.params.get("X-VOBJ-ORIGINAL-TZID", event.dtstart.params.get("TZID"))[0]
    wall = start.replace(tzinfo=None)
    skipped = {value.replace(tzinfo=None) for line in getattr(event, "exdate_list", []) for value in line.value}
    rule = rrule.rrulestr(event.rrule.value.split(";UNTIL=")[0], dtstart=wall)
    until = rrule.rrulestr(event.rrule.value, dtstart=start)._until if "UNTIL=" in event.rrule.value else None
    found = []
    for moment in rule:
        local_moment = moment.replace(tzinfo=ZoneInfo(tzid))
        if until is not None and local_moment > until or moment.year > 2027:
            break
        if moment not in skipped:
            found.append(local_moment)
    return found


def test_an_independent_reader_expands_the_feed_the_same_way(friday_ritual):
    alice, bob, plan = friday_ritual
    with time_machine.travel(BEFORE_SPRING, tick=False):
        (event,) = events(fetch(bob))
    assert "FREQ=WEEKLY" in event.rrule.value
    times = [t for t in wall_times(event) if t < dt.datetime(2027, 4, 4, tzinfo=dt.UTC)]
    assert [t.astimezone(LONDON).strftime("%H:%M") for t in times] == ["19:00"] * 5
    assert [t.astimezone(NEW_YORK).strftime("%H:%M") for t in times] == NEW_YORK_CLOCK
    assert event.valarm.trigger.value == -dt.timedelta(hours=1)


def test_a_ritual_proposed_in_new_york_follows_new_yorks_clock(far_apart):
    alice, bob = far_apart
    with time_machine.travel(BEFORE_SPRING, tick=False):
        plan = services.plan_propose(person=bob, couple=couple_for(bob), title="Sunday call", day=dt.date(2027, 3, 7),
                                     time=dt.time(10, 0), duration_minutes=60, repeat="weekly")
        accept(alice, plan)
    found = calendar.occurrences([plan], dt.datetime(2027, 3, 1, tzinfo=dt.UTC), dt.datetime(2027, 4, 5, tzinfo=dt.UTC))
    assert [o.starts_at.astimezone(NEW_YORK).strftime("%H:%M") for o in found] == ["10:00"] * 5
    assert [o.starts_at.astimezone(LONDON).strftime("%H:%M") for o in found] == ["15:00", "14:00", "14:00", "15:00", "15:00"]


def test_skips_and_the_end_reach_the_feed(friday_ritual):
    alice, bob, plan = friday_ritual
    with time_machine.travel(BEFORE_SPRING, tick=False):
        services.plan_skip(person=alice, couple=couple_for(alice), plan_id=plan.pk, on_date=FRIDAYS[1])
        plan.refresh_from_db()
        services.plan_change(person=alice, couple=couple_for(alice), plan_id=plan.pk, version=plan.version,
                             title="Date night", day=FRIDAYS[0], time=dt.time(19, 0), duration_minutes=120,
                             repeat="weekly", repeat_until=FRIDAYS[3])
        accept(bob, plan)
        services.plan_skip(person=alice, couple=couple_for(alice), plan_id=plan.pk, on_date=FRIDAYS[1])
        (event,) = events(fetch(bob))
    times = [t.astimezone(LONDON).date() for t in wall_times(event)]
    assert times == [FRIDAYS[0], FRIDAYS[2], FRIDAYS[3]]


KHAL = shutil.which("khal")


@pytest.fixture
def khal():
    """The khal binary; CI (which installs Debian's khal in .ci/run) fails rather than skips without it."""
    import os

    if KHAL is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("khal is not installed (apt-get install khal)", pytrace=False)
        pytest.skip("khal (Debian package) is not installed")
    return KHAL


@pytest.mark.parametrize("who,zone,clock", [("bob", "America/New_York", NEW_YORK_CLOCK), ("alice", "Europe/London", ["19:00"] * 5)])
def test_khal_imports_the_feed_with_the_right_local_times(friday_ritual, tmp_path, who, zone, clock, khal):
    alice, bob, plan = friday_ritual
    person = {"alice": alice, "bob": bob}[who]
    with time_machine.travel(BEFORE_SPRING, tick=False):
        ics = tmp_path / "rekindle.ics"
        ics.write_bytes(fetch(person).content)
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(f"""[calendars]
[[rekindle]]
path = {tmp_path / 'cal'}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}

[sqlite]
path = {tmp_path / 'khal.db'}
""")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "TZ": zone}
    run = lambda *args: subprocess.run([khal, "-c", str(config), *args], capture_output=True, text=True, env=env,
                                       timeout=120, check=True)
    run("import", "--batch", "-a", "rekindle", str(ics))
    listed = run("list", "--day-format", "", "--format", "{start-date} {start-time} {title}",
                 "2027-03-01", "2027-04-03").stdout.split("\n")
    listed = [line.strip() for line in listed if "Date night" in line]
    assert listed == [f"{day:%Y-%m-%d} {time} Date night" for day, time in zip(FRIDAYS, clock, strict=True)]
    assert list((tmp_path / "cal").glob("*.ics")), "khal stored the event"
    stored = next((tmp_path / "cal").glob("*.ics")).read_text()
    assert f"{plan.uid}@rekindle" in stored and "BEGIN:VALARM" in stored


def test_a_called_off_plan_is_never_answered_not_modified(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice))
    first = fetch(alice)
    services.plan_cancel(person=bob, couple=couple_for(bob), plan_id=plan.pk)
    again = client_for(None).get(feed_url(alice), HTTP_IF_NONE_MATCH=first["ETag"],
                                 HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and events(again) == []
