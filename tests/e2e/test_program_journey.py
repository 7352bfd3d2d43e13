"""The 30-day challenge in two browsers: start, day 1 on both sides, notes, catching up a
missed day, a touch preference swapping an activity, and the progress grid."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from rekindle.programs.content import get_program
from rekindle.programs.models import Enrolment
from tests.conftest import PASSWORD, make_person, pair
from tests.e2e.conftest import assert_accessible, go, shot, wait_for_htmx


def log_in(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def test_two_partners_do_the_challenge(new_phone, live_server):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    phone_a, phone_b = new_phone(tz="Europe/London"), new_phone(tz="Europe/London")
    log_in(phone_a, live_server, alice)
    log_in(phone_b, live_server, bob)

    # Alice starts the challenge from the Programs page.
    go(phone_a, "Programs")
    expect(phone_a.get_by_role("heading", name="Programs", exact=True)).to_be_visible()
    assert_accessible(phone_a)
    phone_a.get_by_role("link", name="30-day reconnection challenge").click()
    assert_accessible(phone_a)
    phone_a.get_by_role("button", name="Start together").click()
    expect(phone_a.get_by_role("heading", name="Day 1")).to_be_visible()
    assert_accessible(phone_a)
    shot(phone_a, "30-program-day-1")

    day1 = get_program("reconnect-30").step(1)
    emotional = next(a for a in day1.activities if a.kind == "emotional")
    physical = next(a for a in day1.activities if a.kind == "physical")

    # Alice picks the emotional one, with a note; htmx swaps the activities in place.
    card = phone_a.locator("section", has=phone_a.get_by_role("heading", name=emotional.title))
    card.get_by_label("A line for Bob (optional)").fill("That made my evening")
    card.get_by_role("button", name="I did this").click()
    wait_for_htmx(phone_a)
    expect(phone_a.get_by_text("You did this: “That made my evening”")).to_be_visible()
    assert_accessible(phone_a)

    # Bob sees Today's program card, opens day 1, sees Alice's note and picks the physical one.
    phone_b.reload()
    expect(phone_b.get_by_text("Day 1 of 30 is open")).to_be_visible()
    phone_b.get_by_role("link", name="Open day 1").click()
    expect(phone_b.get_by_text("Alice did this: “That made my evening”")).to_be_visible()
    card = phone_b.locator("section", has=phone_b.get_by_role("heading", name=physical.title))
    card.get_by_label("A line for Alice (optional)").fill("Five quiet minutes")
    card.get_by_role("button", name="I did this").click()
    wait_for_htmx(phone_b)
    assert_accessible(phone_b)
    phone_a.reload()
    expect(phone_a.get_by_text("Bob did this: “Five quiet minutes”")).to_be_visible()

    # Three days later, day 2 was missed; it stays open to catch up.
    enrolment = Enrolment.objects.get()
    enrolment.started_on = enrolment.started_on - dt.timedelta(days=3)
    enrolment.save()
    phone_a.goto(f"{live_server.url}/programs/runs/{enrolment.pk}/")
    expect(phone_a.get_by_text("Day 4 of 30")).to_be_visible()
    assert_accessible(phone_a)
    shot(phone_a, "31-program-progress")
    phone_a.get_by_role("link", name="Day 2, open").click()
    day2 = get_program("reconnect-30").step(2)
    card = phone_a.locator("section", has=phone_a.get_by_role("heading", name=day2.activities[0].title))
    card.get_by_role("button", name="I did this").click()
    wait_for_htmx(phone_a)
    expect(phone_a.get_by_text("You did this")).to_be_visible()
    phone_a.goto(f"{live_server.url}/programs/runs/{enrolment.pk}/")
    expect(phone_a.get_by_role("link", name="Day 1, marked by both")).to_be_visible()
    expect(phone_a.get_by_role("link", name="Day 2, marked by one of you")).to_be_visible()

    # Bob would rather skip hugs for now: day 2's hug becomes its gentler alternative, for both.
    hug = next(a for a in day2.activities if a.kind == "physical")
    assert "hugging" in hug.touch_tags
    phone_b.goto(f"{live_server.url}/programs/touch/")
    assert_accessible(phone_b)
    phone_b.get_by_label("Long hugs").check()
    phone_b.get_by_role("button", name="Save touch preferences").click()
    expect(phone_b.get_by_text("Your partner sees this list only if you show it on your card")).to_be_visible()
    phone_a.goto(f"{live_server.url}/programs/runs/{enrolment.pk}/2/")
    expect(phone_a.get_by_role("heading", name=hug.alternative.title)).to_be_visible()
    expect(phone_a.get_by_role("heading", name=hug.title)).to_have_count(0)
    phone_a.goto(f"{live_server.url}/programs/touch/")
    expect(phone_a.get_by_label("Long hugs")).not_to_be_checked()  # Bob's choice stays his
