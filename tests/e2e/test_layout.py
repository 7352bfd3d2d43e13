"""The phone-first layout: the tab bar, no sideways scrolling, Today's check-in above the
fold on a first visit, the reveal, and axe on every main page in light and dark."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from rekindle.lib.demo import load_demo
from rekindle.programs import services as program_services
from rekindle.rituals import services as ritual_services
from rekindle.prompts import services as prompt_services
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.e2e.conftest import DESKTOP, assert_accessible, check_in, create_space, shot, signup, wait_for_htmx

TABS = ["Today", "Talk", "Together", "Us", "Me"]


def log_in(page, live_server, email, password) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def tab_bar(page):
    return page.get_by_role("navigation", name="Main")


def assert_fits_the_phone(page) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} scrolls sideways: {scroll_width}px wide on a {inner_width}px phone"


def assert_above_the_tab_bar(page, locator, what: str) -> None:
    box = locator.bounding_box()
    bar = tab_bar(page).bounding_box()
    assert box is not None and bar is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= bar["y"], f"{what} is below the fold: {box} vs tab bar {bar}"


def test_first_visit_shows_the_check_in_above_the_fold(new_phone, live_server, same_date_everywhere):
    page = new_phone(tz="Europe/London")
    signup(page, live_server, "Alice", "alice@example.test", tz="Europe/London")
    # A first visit is greeted as one, never "Welcome back".
    expect(page.get_by_text("Welcome to Rekindle, Alice.")).to_be_visible()
    expect(page.get_by_text(re.compile("Welcome back"))).to_have_count(0)
    create_space(page, live_server, "Alice & Bob")
    page.goto(f"{live_server.url}/today/")
    assert_accessible(page)
    expect(tab_bar(page)).to_be_visible()
    for name in TABS:
        expect(tab_bar(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(tab_bar(page).get_by_role("link", name="Today", exact=True)).to_have_attribute("aria-current", "page")
    card = page.locator("#checkin-card")
    assert_above_the_tab_bar(page, card.get_by_label("Rose", exact=True), "The first check-in field")
    assert_above_the_tab_bar(page, card.get_by_role("button", name="Check in"), "The Check in button")
    assert_fits_the_phone(page)
    shot(page, "layout-01-today-first-visit")

    # After the in-place update, the count keeps its word and its styling.
    check_in(page, {"Rose": "Coffee in the sun", "Bud": "The weekend", "Thorn": "A long meeting"})
    expect(page.locator("#days-practised")).to_have_text(re.compile(r"^1 day practised in "))
    expect(page.locator("#days-practised .big-number")).to_have_text("1")
    assert_accessible(page)


def _demo_couple_with_everything():
    """The demo couple (three weeks of history) with a program, a meeting and tonight's question."""
    logins = load_demo()
    sam = Person.objects.get(email=logins[0].email)
    couple = couple_for(sam)
    enrolment = program_services.program_start(person=sam, couple=couple, slug="reconnect-30")
    meeting = ritual_services.meeting_start(person=sam, couple=couple)
    draw = prompt_services.draw_prompt(person=sam, couple=couple, deck_slug="any")
    return logins[0], enrolment, meeting, draw


def _main_pages(enrolment, meeting, draw) -> list[str]:
    yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).date().isoformat()
    return [
        "/today/", "/checkins/", f"/checkins/{yesterday}/", "/appreciations/",
        "/talk/", f"/talk/draws/{draw.pk}/", "/listen/", "/pause/", "/parked/", "/draft/",
        "/together/", "/together/ideas/", "/together/bucket/",
        "/us/", "/meetings/", f"/meetings/{meeting.pk}/step/1/", "/commitments/", "/experiments/", "/reviews/",
        "/programs/", f"/programs/runs/{enrolment.pk}/", f"/programs/runs/{enrolment.pk}/1/", "/programs/touch/",
        "/me/", "/me/profile/", "/space/", "/accounts/password/change/", "/support/",
    ]


def test_every_main_page_fits_a_phone_and_passes_axe_in_light_and_dark(new_phone, live_server, same_date_everywhere):
    login, enrolment, meeting, draw = _demo_couple_with_everything()
    page = new_phone(tz="Europe/London")
    log_in(page, live_server, login.email, login.password)
    for path in _main_pages(enrolment, meeting, draw):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        expect(tab_bar(page)).to_be_visible()
        assert_fits_the_phone(page)
        # Exactly one tab is current, and every page below a hub has one obvious way back.
        expect(tab_bar(page).locator("[aria-current='page']")).to_have_count(1)
        if path not in ("/today/", "/talk/", "/together/", "/us/", "/me/"):
            # The layout's back link, or the page's own breadcrumb line (meeting and program steps).
            expect(page.locator(".back-link a, main > p.quiet:first-child > a:first-child, main > p.byline > a:first-child")).to_have_count(1)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert_accessible(page)
        page.emulate_media(color_scheme="light")


def test_wide_screens_get_a_top_bar(new_phone, live_server, same_date_everywhere):
    login, *_ = _demo_couple_with_everything()
    page = new_phone(tz="Europe/London", viewport=DESKTOP)
    log_in(page, live_server, login.email, login.password)
    bar = tab_bar(page).bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert bar["y"] + bar["height"] <= header["y"] + header["height"], "On a wide screen the tabs sit in the top bar"
    tab_bar(page).get_by_role("link", name="Us", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Us")).to_be_visible()
    expect(tab_bar(page).get_by_role("link", name="Us", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
    assert_accessible(page)


def test_the_reveal_shows_both_answers_and_invites_a_reflection(new_phone, live_server, same_date_everywhere):
    from tests.conftest import PASSWORD, make_person, pair

    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    phone_a, phone_b = new_phone(tz="Europe/London"), new_phone(tz="Europe/London")
    log_in(phone_a, live_server, alice.email, PASSWORD)
    log_in(phone_b, live_server, bob.email, PASSWORD)
    check_in(phone_a, {"Rose": "Alice's rose", "Bud": "Alice's bud", "Thorn": "Alice's thorn"})
    check_in(phone_b, {"Rose": "Bob's rose", "Bud": "Bob's bud", "Thorn": "Bob's thorn"})
    reveal = phone_b.locator("#checkin-card")
    expect(reveal.get_by_role("heading", name="Your answers, side by side")).to_be_visible()
    expect(reveal.get_by_role("region", name="You")).to_contain_text("Bob's rose")
    expect(reveal.get_by_role("region", name="Alice")).to_contain_text("Alice's rose")
    # Side by side means stacked on a phone: Alice's answers sit below Bob's, full width.
    mine = reveal.get_by_role("region", name="You").bounding_box()
    theirs = reveal.get_by_role("region", name="Alice").bounding_box()
    assert theirs["y"] >= mine["y"] + mine["height"] - 1
    assert_accessible(phone_b)
    shot(phone_b, "layout-02-the-reveal")
    # The invitation to reflect is right there.
    reveal.get_by_label("Reflect their rose").fill("It sounds like that made your morning")
    reveal.get_by_label("Reflect their rose").press("Enter")
    wait_for_htmx(phone_b)
    expect(reveal.get_by_text("You heard:")).to_be_visible()
    assert_accessible(phone_b)
    # Wide enough, the two answers stand side by side.
    phone_b.set_viewport_size(DESKTOP)
    mine = reveal.get_by_role("region", name="You").bounding_box()
    theirs = reveal.get_by_role("region", name="Alice").bounding_box()
    assert abs(mine["y"] - theirs["y"]) < 2 and theirs["x"] > mine["x"]
