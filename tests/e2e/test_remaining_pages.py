"""Pages the journeys don't pass through, each opened in a real browser and checked with axe:
experiments (start and review), the quarterly review, the program's closing reflection,
touch preferences, check-in history, parked topics and the Talk page."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from rekindle.programs import services as program_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import PASSWORD, make_person, pair
from tests.e2e.conftest import assert_accessible


def log_in(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def test_remaining_pages_work_and_are_accessible(new_phone, live_server):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    enrolment = program_services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    enrolment.started_on -= dt.timedelta(days=40)  # the last day is open, so the reflection is too
    enrolment.save()
    page = new_phone(tz="Europe/London")
    log_in(page, live_server, alice)

    # Experiments: a bad start is explained at the field, a good one is listed and reviewed.
    page.goto(f"{live_server.url}/experiments/")
    assert_accessible(page)
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.get_by_text("Name what you'll try.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What will you try?").fill("No phones at dinner")
    page.get_by_role("button", name="Start the experiment").click()
    page.get_by_text("Review it early").click()
    page.get_by_label("Adjust it").check()
    page.get_by_label("A line on why").fill("Weekdays only")
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Weekdays only")).to_be_visible()
    assert_accessible(page)

    # The quarterly review.
    page.goto(f"{live_server.url}/reviews/")
    assert_accessible(page)
    page.get_by_role("button", name="Open this quarter's review").click()
    expect(page.get_by_role("heading", name="Your quarter in figures")).to_be_visible()
    page.get_by_label("What is working for us?").fill("Our Sunday walks")
    page.get_by_role("button", name="Save for both of us").click()
    expect(page.get_by_text("Saved for both of you.")).to_be_visible()
    assert_accessible(page)

    # The program's closing reflection: sealed until both have answered.
    page.goto(f"{live_server.url}/programs/runs/{enrolment.pk}/reflect/")
    assert_accessible(page)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("A few words is enough.").first).to_be_visible()
    assert_accessible(page)

    for path in ("/programs/touch/", "/checkins/", "/parked/", "/talk/", "/support/", "/me/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
