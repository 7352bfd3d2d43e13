"""Time together on two phones, in two time zones: Alice proposes a date, Bob suggests another time,
Alice says yes; both Today pages show it in their own time; both calendar feeds hold it with each
one's own reminder; the day after, both write a line about how it was."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, shot
from tests.e2e.test_together_journey import pair_up

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


def feed_of(page) -> Calendar:
    """Set up the calendar address on the Plans › calendar page and read what a calendar app would get."""
    address = page.get_by_label("Or copy the address").input_value()
    assert page.get_by_role("link", name="Add to my calendar").get_attribute("href").startswith("webcal://")
    response = page.request.get(address)
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.body())


def test_a_date_planned_together_lands_in_both_calendars_and_both_write_a_line(live_server, new_phone):
    now = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(now, tick=True):
        alice, bob = new_phone(tz="Europe/London"), new_phone(tz="America/New_York")
        pair_up(live_server, alice, bob)
        first_day = now.astimezone(LONDON).date() + dt.timedelta(days=3)

        # --- Alice suggests a date from Together › Plans.
        alice.goto(f"{live_server.url}/together/")
        alice.get_by_role("link", name="Plans").click()
        expect(alice.get_by_role("heading", level=1, name="Our plans")).to_be_visible()
        assert_accessible(alice)
        alice.get_by_role("link", name="Suggest a time together").click()
        assert_accessible(alice)
        # A date in the past is refused next to the field, and nothing typed is lost.
        alice.get_by_label("What").fill("Cooking a destination dinner")
        alice.get_by_label("Where (optional)").fill("At home")
        alice.get_by_label("Day").fill((first_day - dt.timedelta(days=10)).isoformat())
        alice.get_by_label("Time (yours)").fill("19:00")
        alice.get_by_role("button", name="Suggest it to Bob").click()
        expect(alice.get_by_text("That time has already passed")).to_be_visible()
        expect(alice.get_by_label("What")).to_have_value("Cooking a destination dinner")
        assert_accessible(alice)
        alice.get_by_label("Day").fill(first_day.isoformat())
        shot(alice, "60-plan-new")
        alice.get_by_role("button", name="Suggest it to Bob").click()
        expect(alice.get_by_text("Waiting for Bob to answer.")).to_be_visible()
        assert_accessible(alice)

        # --- Bob sees it on Today, in his own time (14:00 in New York), and suggests 30 minutes later.
        bob.goto(f"{live_server.url}/")
        card = bob.locator("#plans-card")
        expect(card).to_contain_text("Alice suggested")
        expect(card).to_contain_text("14:00")
        assert_accessible(bob)
        card.get_by_role("link", name="Another time, or not this time").click()
        assert_accessible(bob)
        shot(bob, "61-plan-answer")
        change = bob.locator("#change")
        expect(change.get_by_label("Time (yours)")).to_have_value("14:00")
        change.get_by_label("Time (yours)").fill("14:30")
        change.get_by_role("button", name="Save and send").click()
        expect(bob.get_by_text("It's Alice's turn to answer.")).to_be_visible()
        assert_accessible(bob)

        # --- Alice says yes on Today; both Today pages show it in their own clocks.
        alice.goto(f"{live_server.url}/")
        card = alice.locator("#plans-card")
        expect(card).to_contain_text("Bob suggested")
        expect(card).to_contain_text("19:30")
        card.get_by_role("button", name="Yes, let's").click()
        expect(alice.get_by_text("it's planned, and in both your calendars")).to_be_visible()
        assert_accessible(alice)
        alice.goto(f"{live_server.url}/")
        expect(alice.locator("#plans-card")).to_contain_text("19:30 (14:30 for Bob) — Cooking a destination dinner")
        shot(alice, "62-today-plan")
        bob.goto(f"{live_server.url}/")
        expect(bob.locator("#plans-card")).to_contain_text("14:30 (19:30 for Alice) — Cooking a destination dinner")
        assert_accessible(bob)

        # --- Each sets up a calendar address with their own reminder; both feeds hold the date.
        for phone, reminder, minutes in ((alice, "30 minutes before", 30), (bob, "The day before", 24 * 60)):
            phone.goto(f"{live_server.url}/together/calendar/")
            phone.get_by_role("button", name="Make my calendar address").click()
            phone.get_by_label("Remind me").select_option(label=reminder)
            phone.get_by_role("button", name="Save").click()
            expect(phone.get_by_text("Saved. Your calendar shows it")).to_be_visible()
            assert_accessible(phone)
            (event,) = feed_of(phone).walk("VEVENT")
            assert str(event["SUMMARY"]) == "Time together"  # discreet by default
            start = event.decoded("DTSTART")
            assert start.astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(first_day, dt.time(19, 30))
            (alarm,) = event.walk("VALARM")
            assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=minutes)
        shot(bob, "63-calendar")

    # --- The day after, both are asked how it was, and each writes their own line.
    the_day_after = dt.datetime.combine(first_day + dt.timedelta(days=1), dt.time(17, 0), tzinfo=LONDON)
    with time_machine.travel(the_day_after, tick=True):
        for phone, line in ((alice, "We burnt the rice and laughed all evening"), (bob, "Best dinner in months")):
            phone.goto(f"{live_server.url}/")
            card = phone.locator("#plans-card")
            expect(card).to_contain_text("how was it?")
            assert_accessible(phone)
            card.get_by_label("how was it?").fill(line)
            if phone is alice:
                shot(alice, "64-today-how-was-it")
            card.get_by_role("button", name="Save my line").click()
            expect(phone.get_by_text("Saved — your line")).to_be_visible()
            expect(phone.locator("#plans-card")).to_have_count(0)
        bob.goto(f"{live_server.url}/together/plans/")
        expect(bob.get_by_text("We burnt the rice and laughed all evening")).to_be_visible()
        expect(bob.get_by_text("Best dinner in months")).to_be_visible()
        assert_accessible(bob)
        shot(bob, "65-plans-lately")
