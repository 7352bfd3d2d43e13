"""Check-in rounds in the browser: partners far apart, a same-zone couple and a night shift.

The server's clock is moved with time_machine in this process (live_server runs in a thread
here), so a week of evenings passes in a minute.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import make_person, pair
from tests.e2e.conftest import assert_accessible, check_in, shot

pytestmark = pytest.mark.e2e

AUCKLAND, LOS_ANGELES, LONDON = "Pacific/Auckland", "America/Los_Angeles", "Europe/London"


def local(zone: str, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(zone))


def words(who: str, n: int) -> dict[str, str]:
    return {"Rose": f"{who} rose on evening {n}", "Bud": f"{who} bud {n}", "Thorn": f"{who} thorn {n}"}


def phone_for(new_phone, live_server, person, tz: str):
    """A phone already logged in as `person` (the session made on the server's moved clock)."""
    client = Client()
    client.force_login(person)
    page = new_phone(tz=tz)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return page


def open_today(page, live_server, *, check: bool = False):
    page.goto(f"{live_server.url}/today/")
    expect(page.locator("#partner-status")).to_be_visible()
    if check:
        assert_accessible(page)


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_auckland_and_los_angeles_see_seven_reveals_in_seven_evenings(live_server, new_phone, transactional_db, first):
    start = local(AUCKLAND, 2026, 12, 2, 12, 0)
    with time_machine.travel(start, tick=True) as clock:
        alice_person = make_person("Alice", AUCKLAND)
        bob_person = make_person("Bob", LOS_ANGELES)
        pair(alice_person, bob_person, "Alice & Bob")
        alice = phone_for(new_phone, live_server, alice_person, AUCKLAND)
        bob = phone_for(new_phone, live_server, bob_person, LOS_ANGELES)
        people = {"alice": (alice, "Alice", AUCKLAND), "bob": (bob, "Bob", LOS_ANGELES)}
        second = "bob" if first == "alice" else "alice"
        for n in range(7):
            # Each checks in on their own evening; 21 hours apart in December.
            evenings = {
                "alice": local(AUCKLAND, 2026, 12, 2 + n + (1 if first == "bob" else 0), 20, 30),
                "bob": local(LOS_ANGELES, 2026, 12, 2 + n, 21, 0),
            }
            audit = n in (0, 6)
            page, name, _ = people[first]
            other_page, other_name, _ = people[second]
            clock.move_to(evenings[first])
            open_today(page, live_server, check=audit)
            check_in(page, words(name, n))
            expect(page.locator("#partner-status")).to_have_text(f"Sealed until {other_name} checks in.")
            if audit:
                assert_accessible(page)
                shot(page, f"rounds-{first}-first-sealed")

            clock.move_to(evenings[second])
            open_today(other_page, live_server, check=audit)
            expect(other_page.locator("#partner-status")).to_have_text(
                f"{name} has checked in — add yours to see theirs."
            )
            assert words(name, n)["Rose"] not in other_page.content()
            check_in(other_page, words(other_name, n))
            card = other_page.locator("#checkin-card")
            expect(card.get_by_text("You've both checked in.").first).to_be_visible()
            for text in (words(name, n)["Rose"], words(other_name, n)["Rose"]):
                expect(card.get_by_text(text, exact=True)).to_be_visible()
            if audit:
                assert_accessible(other_page)
                shot(other_page, f"rounds-{first}-first-revealed")

        # The first to check in sees the last reveal before their next check-in, and both
        # histories read seven revealed days.
        page, name, zone = people[first]
        clock.move_to(evenings[second] + dt.timedelta(hours=12))
        open_today(page, live_server, check=True)
        expect(page.get_by_role("heading", name="Your last check-in, revealed")).to_be_visible()
        expect(page.get_by_text(words(people[second][1], 6)["Rose"], exact=True)).to_be_visible()
        for who in (alice, bob):
            who.goto(f"{live_server.url}/checkins/")
            expect(who.locator(".pill-ok", has_text="both")).to_have_count(7)
            assert_accessible(who)
        shot(bob, f"rounds-{first}-first-history")


def test_a_same_zone_couple_pairs_by_the_date_as_before(live_server, new_phone, transactional_db):
    with time_machine.travel(local(LONDON, 2026, 12, 2, 19, 0), tick=True) as clock:
        alice_person, bob_person = make_person("Alice", LONDON), make_person("Bob", LONDON)
        pair(alice_person, bob_person, "Alice & Bob")
        alice = phone_for(new_phone, live_server, alice_person, LONDON)
        bob = phone_for(new_phone, live_server, bob_person, LONDON)
        open_today(alice, live_server)
        check_in(alice, words("Alice", 1))
        clock.move_to(local(LONDON, 2026, 12, 2, 21, 0))
        open_today(bob, live_server)
        expect(bob.locator("#partner-status")).to_have_text("Alice has checked in — add yours to see theirs.")
        check_in(bob, words("Bob", 1))
        expect(bob.get_by_text(words("Alice", 1)["Rose"], exact=True)).to_be_visible()

        # Alice alone on the 3rd; on the 4th Bob's day starts fresh, and her 3rd stayed just hers.
        clock.move_to(local(LONDON, 2026, 12, 3, 20, 0))
        open_today(alice, live_server)
        check_in(alice, words("Alice", 2))
        clock.move_to(local(LONDON, 2026, 12, 4, 9, 0))
        open_today(bob, live_server, check=True)
        expect(bob.locator("#partner-status")).to_have_text("Alice hasn't checked in yet today.")
        alice.goto(f"{live_server.url}/checkins/2026-12-03/")
        expect(alice.get_by_text("Bob didn't check in in time for this one, so it stayed just yours.")).to_be_visible()
        assert "until they do" not in alice.content()
        assert_accessible(alice)
        alice.goto(f"{live_server.url}/checkins/")
        expect(alice.locator(".pill-ok", has_text="both")).to_have_count(1)
        assert_accessible(alice)


def test_a_night_shift_check_in_at_one_pairs_with_the_partners_evening(live_server, new_phone, transactional_db):
    with time_machine.travel(local(LONDON, 2026, 12, 2, 21, 0), tick=True) as clock:
        alice_person, bob_person = make_person("Alice", LONDON), make_person("Bob", LONDON)
        pair(alice_person, bob_person, "Alice & Bob")
        alice = phone_for(new_phone, live_server, alice_person, LONDON)
        bob = phone_for(new_phone, live_server, bob_person, LONDON)
        open_today(alice, live_server)
        check_in(alice, words("Alice", 1))
        clock.move_to(local(LONDON, 2026, 12, 3, 1, 0))  # Bob's break on the night shift
        open_today(bob, live_server, check=True)
        expect(bob.get_by_role("heading", level=1)).to_contain_text("Wednesday 2 December")
        expect(bob.locator("#partner-status")).to_have_text("Alice has checked in — add yours to see theirs.")
        check_in(bob, words("Bob", 1))
        expect(bob.get_by_text(words("Alice", 1)["Rose"], exact=True)).to_be_visible()
        assert_accessible(bob)
        shot(bob, "rounds-night-shift-revealed")
        clock.move_to(local(LONDON, 2026, 12, 3, 7, 0))
        open_today(alice, live_server)
        expect(alice.get_by_role("heading", name="Your last check-in, revealed")).to_be_visible()
        assert_accessible(alice)
