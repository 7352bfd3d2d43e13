"""Rounds: a check-in pairs with the partner's next one while the round's day isn't over for
either of them, never with one older than 30 hours, whatever the time difference."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rekindle.checkins import selectors, services
from rekindle.checkins.models import ROUND_LIFETIME, CheckIn, CheckInRound
from rekindle.lib.dates import checkin_date
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair

ANSWERS = {"rose": "r", "bud": "b", "thorn": "t"}
UTC = dt.UTC
AUCKLAND, LOS_ANGELES = "Pacific/Auckland", "America/Los_Angeles"


def local(zone: str, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(zone))


def check_in(person, when: dt.datetime, words: str = "r") -> CheckIn:
    with time_machine.travel(when, tick=False):
        return services.checkin_submit(
            person=person, couple=couple_for(person), answers={**ANSWERS, "rose": words}, revision=None
        )


def partners(first_zone: str, second_zone: str, tag: str = ""):
    alice = make_person(f"Alice{tag}", first_zone)
    bob = make_person(f"Bob{tag}", second_zone)
    pair(alice, bob, f"Alice & Bob{tag}")
    return alice, bob


def paired(a: CheckIn, b: CheckIn) -> bool:
    a.refresh_from_db()
    b.refresh_from_db()
    return a.round_id == b.round_id


# --- the check-in date ---------------------------------------------------------------------


def test_the_check_in_day_runs_until_four_in_the_morning():
    assert checkin_date("Europe/London", local("Europe/London", 2026, 12, 2, 3, 59)) == dt.date(2026, 12, 1)
    assert checkin_date("Europe/London", local("Europe/London", 2026, 12, 2, 4, 0)) == dt.date(2026, 12, 2)
    assert checkin_date(AUCKLAND, local(AUCKLAND, 2026, 12, 2, 1, 0)) == dt.date(2026, 12, 1)


def test_person_checkin_today_differs_from_today_only_before_four(db):
    person = make_person("Night", "Europe/London")
    with time_machine.travel(local("Europe/London", 2026, 12, 2, 1, 0), tick=False):
        assert person.today() == dt.date(2026, 12, 2)
        assert person.checkin_today() == dt.date(2026, 12, 1)
    with time_machine.travel(local("Europe/London", 2026, 12, 2, 9, 0), tick=False):
        assert person.today() == person.checkin_today() == dt.date(2026, 12, 2)


# --- the joinable rule ---------------------------------------------------------------------


def test_a_round_is_never_joinable_30_hours_after_it_opened():
    opened = dt.datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    # Zones 25 hours apart, so the date condition alone would still hold.
    round_ = CheckInRound(date=checkin_date("Pacific/Kiritimati", opened), opened_at=opened)
    just_before = opened + ROUND_LIFETIME - dt.timedelta(seconds=1)
    assert round_.joinable(joiner_tz="Pacific/Pago_Pago", opener_tz="Pacific/Kiritimati", at=just_before)
    assert not round_.joinable(joiner_tz="Pacific/Pago_Pago", opener_tz="Pacific/Kiritimati", at=opened + ROUND_LIFETIME)
    round_.completed_at = opened
    assert not round_.joinable(joiner_tz="Pacific/Pago_Pago", opener_tz="Pacific/Kiritimati", at=just_before)


def test_same_zone_pairs_exactly_by_date(db):
    alice, bob = partners("Europe/London", "Europe/London")
    mine = check_in(alice, local("Europe/London", 2026, 12, 1, 20, 0))
    theirs = check_in(bob, local("Europe/London", 2026, 12, 1, 22, 30))
    assert paired(mine, theirs) and mine.round.completed_at is not None
    # Alice alone on the 2nd; Bob's 3rd does not pair with it.
    lonely = check_in(alice, local("Europe/London", 2026, 12, 2, 19, 0))
    next_day = check_in(bob, local("Europe/London", 2026, 12, 3, 8, 0))
    assert not paired(lonely, next_day)
    with time_machine.travel(local("Europe/London", 2026, 12, 3, 9, 0), tick=False):
        day = selectors.checkin_day(alice, couple_for(alice), dt.date(2026, 12, 2))
        assert day.stayed_mine and not day.waiting


def test_a_one_in_the_morning_check_in_pairs_with_the_partners_evening_one(db):
    alice, bob = partners("Europe/London", "Europe/London")
    evening = check_in(alice, local("Europe/London", 2026, 12, 1, 21, 0))
    night_shift = check_in(bob, local("Europe/London", 2026, 12, 2, 1, 0))
    assert paired(evening, night_shift)
    assert night_shift.local_date == evening.local_date == dt.date(2026, 12, 1)


def test_a_night_shift_check_in_first_pairs_with_the_partners_next_morning_too(db):
    alice, bob = partners("Europe/London", "Europe/London")
    night_shift = check_in(bob, local("Europe/London", 2026, 12, 2, 1, 0))  # Bob's 1st
    morning = check_in(alice, local("Europe/London", 2026, 12, 2, 3, 30))  # still Alice's 1st
    assert paired(night_shift, morning)


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_auckland_and_los_angeles_get_seven_reveals_in_seven_evenings(db, first):
    alice, bob = partners(AUCKLAND, LOS_ANGELES)  # 21 hours apart in December
    pairs = []
    for n in range(7):
        alice_at = local(AUCKLAND, 2026, 12, 2 + n + (1 if first == "bob" else 0), 20, 30)
        bob_at = local(LOS_ANGELES, 2026, 12, 2 + n, 21, 0)
        events = sorted([(alice_at, alice), (bob_at, bob)], key=lambda e: e[0])
        done = {person.pk: check_in(person, when) for when, person in events}
        pairs.append((done[alice.pk], done[bob.pk]))
    assert all(paired(a, b) for a, b in pairs)
    assert CheckInRound.objects.filter(completed_at__isnull=False).count() == 7
    # History reads the seven reveals for both.
    with time_machine.travel(local(LOS_ANGELES, 2026, 12, 9, 22, 0), tick=False):
        for person in (alice, bob):
            days, _ = selectors.checkin_history(person, 1, couple=couple_for(person))
            assert len(days) == 7 and all(day.revealed for day in days)


def test_no_drift_after_a_skipped_day(db):
    alice, bob = partners(AUCKLAND, LOS_ANGELES)
    results = []
    for n in range(6):
        a = check_in(alice, local(AUCKLAND, 2026, 12, 2 + n, 20, 0))
        b = None if n == 2 else check_in(bob, local(LOS_ANGELES, 2026, 12, 2 + n, 20, 0))
        results.append((a, b))
    for n, (a, b) in enumerate(results):
        if n == 2:
            a.refresh_from_db()
            assert a.round.completed_at is None
        else:
            assert paired(a, b), n
    with time_machine.travel(local(LOS_ANGELES, 2026, 12, 8, 20, 0), tick=False):
        skipped = selectors.checkin_day(alice, couple_for(alice), dt.date(2026, 12, 4))
        assert skipped.stayed_mine
        body = client_for(alice).get(reverse("checkin_day", kwargs={"day": dt.date(2026, 12, 4)})).content.decode()
        assert "Bob didn't check in in time for this one, so it stayed just yours." in body
        assert "until they do" not in body and "Sealed until" not in body


def test_an_answer_never_pairs_with_one_more_than_30_hours_old(db):
    alice, bob = partners("Pacific/Kiritimati", "Pacific/Pago_Pago")  # 25 hours apart
    opened = check_in(alice, local("Pacific/Kiritimati", 2026, 12, 2, 18, 0))
    late = check_in(bob, local("Pacific/Pago_Pago", 2026, 12, 2, 23, 30))  # 30.5 hours later
    assert not paired(opened, late)


# --- what people read ----------------------------------------------------------------------


def test_today_says_what_is_true_at_each_step(db):
    alice, bob = partners(AUCKLAND, LOS_ANGELES)
    as_alice, as_bob = client_for(alice), client_for(bob)
    alice_at = local(AUCKLAND, 2026, 12, 2, 20, 0)
    check_in(alice, alice_at, "ALICE-WORDS")
    with time_machine.travel(alice_at + dt.timedelta(minutes=5), tick=False):
        body = as_alice.get(reverse("today")).content.decode()
        assert "Sealed until Bob checks in." in body
    bob_at = local(LOS_ANGELES, 2026, 12, 2, 20, 0)  # 21 hours later, Alice asleep
    with time_machine.travel(bob_at, tick=False):
        body = as_bob.get(reverse("today")).content.decode()
        assert "Alice has checked in — add yours to see theirs." in body and "ALICE-WORDS" not in body
    check_in(bob, bob_at, "BOB-WORDS")
    with time_machine.travel(bob_at + dt.timedelta(minutes=1), tick=False):
        body = as_bob.get(reverse("today")).content.decode()
        assert "You've both checked in." in body and "ALICE-WORDS" in body
    # Alice opens Today on her 3rd, an hour after Bob's check-in: the reveal waits above today's form.
    with time_machine.travel(local(AUCKLAND, 2026, 12, 3, 18, 0), tick=False):
        body = as_alice.get(reverse("today")).content.decode()
        assert "Your last check-in, revealed" in body and "BOB-WORDS" in body
        assert 'name="rose"' in body  # today's form
    # A day later it has moved to the history.
    with time_machine.travel(local(AUCKLAND, 2026, 12, 4, 18, 0), tick=False):
        body = as_alice.get(reverse("today")).content.decode()
        assert "Your last check-in, revealed" not in body
        body = as_alice.get(reverse("checkin_day", kwargs={"day": dt.date(2026, 12, 2)})).content.decode()
        assert "BOB-WORDS" in body
        body = as_bob.get(reverse("checkin_day", kwargs={"day": dt.date(2026, 12, 2)})).content.decode()
        assert "ALICE-WORDS" in body


def test_a_check_in_can_be_edited_while_its_round_is_open_and_not_after(db):
    alice, bob = partners("Europe/London", "Europe/London")
    first = check_in(alice, local("Europe/London", 2026, 12, 1, 20, 0))
    with time_machine.travel(local("Europe/London", 2026, 12, 1, 20, 5), tick=False):
        edited = services.checkin_submit(
            person=alice, couple=couple_for(alice), answers={**ANSWERS, "bud": "new"}, revision=first.revision
        )
        assert edited.pk == first.pk and edited.bud == "new"
    check_in(bob, local("Europe/London", 2026, 12, 1, 21, 0))
    with time_machine.travel(local("Europe/London", 2026, 12, 1, 21, 5), tick=False):
        with pytest.raises(ValidationError) as caught:
            services.checkin_submit(
                person=alice, couple=couple_for(alice), answers={**ANSWERS, "bud": "newer"}, revision=edited.revision
            )
    assert caught.value.code == "revealed"
    assert CheckIn.objects.filter(author=alice).count() == 1


def test_reflecting_on_a_partner_answer_of_another_date_goes_to_my_day(db):
    alice, bob = partners(AUCKLAND, LOS_ANGELES)
    check_in(bob, local(LOS_ANGELES, 2026, 12, 2, 20, 0))  # Bob's 2nd
    mine = check_in(alice, local(AUCKLAND, 2026, 12, 3, 20, 0))  # Alice's 3rd joins it
    theirs = CheckIn.objects.get(author=bob)
    assert theirs.local_date != mine.local_date and paired(mine, theirs)
    with time_machine.travel(local(AUCKLAND, 2026, 12, 3, 20, 5), tick=False):
        response = client_for(alice).post(
            reverse("reflect", kwargs={"checkin_id": theirs.pk, "item": "rose"}), {"text": "Sounds good"}
        )
    assert response.status_code == 302
    assert "/checkins/2026-12-03/" in response.url


# --- a property over zone pairs and evening times ------------------------------------------

ZONES = [  # real zones, at most 24 hours apart all year
    "Pacific/Kiritimati", "Pacific/Auckland", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata",
    "Europe/Berlin", "Europe/London", "UTC", "America/Sao_Paulo", "America/New_York",
    "America/Los_Angeles", "Pacific/Honolulu",
]
_counter = itertools.count()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    zones=st.tuples(st.sampled_from(ZONES), st.sampled_from(ZONES)),
    start=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 1)),
    evenings=st.lists(
        st.tuples(st.integers(18 * 60, 23 * 60 + 59), st.integers(18 * 60, 23 * 60 + 59)), min_size=1, max_size=4
    ),
)
def test_every_pair_of_evenings_reveals_and_nothing_pairs_after_30_hours(db, zones, start, evenings):
    with transaction.atomic():
        alice, bob = partners(*zones, tag=str(next(_counter)))
        events = []
        for n, minutes in enumerate(evenings):
            date = start + dt.timedelta(days=n)
            for person, zone, minute in ((alice, zones[0], minutes[0]), (bob, zones[1], minutes[1])):
                when = dt.datetime.combine(date, dt.time(minute // 60, minute % 60), tzinfo=ZoneInfo(zone))
                events.append((when.astimezone(UTC), person.pk, n, person))
        done = {}
        for when, _, n, person in sorted(events, key=lambda e: e[:2]):
            done[(person.pk, n)] = check_in(person, when)
        for n in range(len(evenings)):
            assert paired(done[(alice.pk, n)], done[(bob.pk, n)]), n
        for round_ in CheckInRound.objects.filter(space=couple_for(alice).space):
            assert round_.completed_at - round_.opened_at < ROUND_LIFETIME
        transaction.set_rollback(True)
