"""Partners far apart in time: each check-in belongs to its writer's own local date."""

import datetime as dt

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.checkins import selectors, services
from rekindle.lib.dates import local_today, month_bounds
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair

ANSWERS = {"rose": "r", "bud": "b", "thorn": "t"}
UTC = dt.UTC


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=UTC), tick=False)


@pytest.fixture
def far_apart(db):
    """alice in London (UTC+0 in November), bob in Auckland (UTC+13 in November): 13 hours apart."""
    alice = make_person("Alice", "Europe/London")
    bob = make_person("Bob", "Pacific/Auckland")
    pair(alice, bob, "Far apart")
    return alice, bob


def check_in(person):
    return services.checkin_submit(person=person, couple=couple_for(person), answers=ANSWERS, revision=None)


def test_partners_13_hours_apart_pair_by_their_own_dates(far_apart):
    alice, bob = far_apart
    with at(2026, 11, 21, 10, 0):  # London 10:00 on the 21st; Auckland 23:00 on the 21st
        assert alice.today() == bob.today() == dt.date(2026, 11, 21)
        mine = check_in(alice)
        theirs = check_in(bob)
        assert mine.local_date == theirs.local_date == dt.date(2026, 11, 21)
        assert selectors.checkin_day(alice, couple_for(alice), alice.today()).revealed


def test_after_midnight_in_auckland_bob_still_pairs_with_alices_answer(far_apart):
    alice, bob = far_apart
    with at(2026, 11, 21, 11, 30):  # London 11:30 on the 21st; Auckland 00:30 on the 22nd
        assert alice.today() == dt.date(2026, 11, 21)
        assert bob.today() == dt.date(2026, 11, 22)
        check_in(alice)
        late = check_in(bob)
        assert late.local_date == dt.date(2026, 11, 21)  # his day runs until 04:00
        assert selectors.checkin_day(alice, couple_for(alice), alice.checkin_today()).revealed
    with at(2026, 11, 22, 9, 0):  # London's 22nd: alice opens the next round, bob's morning joins it
        check_in(alice)
        assert not selectors.checkin_day(alice, couple_for(alice), alice.checkin_today()).revealed
    with at(2026, 11, 22, 20, 0):  # Auckland 09:00 on the 23rd: alice's round is still her 22nd
        check_in(bob)
        assert selectors.checkin_day(alice, couple_for(alice), dt.date(2026, 11, 22)).revealed
        assert selectors.checkin_day(bob, couple_for(bob), dt.date(2026, 11, 23)).revealed


def test_one_second_before_and_after_local_midnight(far_apart):
    alice, _ = far_apart
    with at(2026, 11, 21, 23, 59, 59):
        assert alice.today() == dt.date(2026, 11, 21)
    with at(2026, 11, 22, 0, 0, 0):
        assert alice.today() == dt.date(2026, 11, 22)


def test_dst_start_in_london_keeps_the_local_date(db):
    # Clocks go forward at 01:00 UTC on 29 March 2026.
    with at(2026, 3, 29, 0, 30):
        assert local_today("Europe/London") == dt.date(2026, 3, 29)
    with at(2026, 3, 29, 23, 30):  # 00:30 BST on the 30th
        assert local_today("Europe/London") == dt.date(2026, 3, 30)


def test_dst_end_in_new_york_keeps_the_local_date(db):
    # Clocks go back at 06:00 UTC on 1 November 2026; the evening is still the 1st until 05:00 UTC on the 2nd.
    with at(2026, 11, 2, 4, 59):
        assert local_today("America/New_York") == dt.date(2026, 11, 1)
    with at(2026, 11, 2, 5, 0):
        assert local_today("America/New_York") == dt.date(2026, 11, 2)


def test_a_check_in_on_a_dst_day_counts_once_that_month(db):
    person = make_person("Dana", "America/New_York")
    from rekindle.spaces import services as space_services

    space_services.space_create(person=person, name="Me")
    with at(2026, 11, 1, 5, 30):  # 01:30 EDT, before the clocks go back: still the 31st's check-in
        check_in(person)
    with at(2026, 11, 1, 6, 30):  # 01:30 EST, the same check-in date again
        check_in(person)
        assert person.checkin_today() == dt.date(2026, 10, 31)
        assert selectors.days_practised(person, dt.date(2026, 10, 31)) == 1
    with at(2026, 11, 1, 23, 30):  # 18:30 EST on the DST day itself
        check_in(person)
        assert selectors.days_practised(person, person.today()) == 1


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)), st.sampled_from(
    ["Pacific/Auckland", "Europe/London", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata"]
))
@settings(max_examples=200, deadline=None)
def test_local_date_is_never_more_than_a_day_from_utc(moment, zone):
    with time_machine.travel(moment.replace(tzinfo=UTC), tick=False):
        assert abs((local_today(zone) - moment.date()).days) <= 1


@given(st.dates())
def test_month_bounds_contain_the_day(day):
    first, last = month_bounds(day)
    assert first.day == 1 and first <= day <= last
    assert (last + dt.timedelta(days=1)).day == 1
