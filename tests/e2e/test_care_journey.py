"""Care and safety in a real browser: the private check (no and yes), help for a chosen
country, hiding joint exercises, quick exit by button and by Escape, deleting answers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, shot, signup, wait_for_htmx  # noqa: F401

NEUTRAL = "about:blank"


def answer(page, yes: set[str]) -> None:
    for index, fieldset in enumerate(page.locator("form fieldset").all()):
        key = ["humiliated", "afraid", "forced", "hurt"][index]
        fieldset.get_by_label("Yes" if key in yes else "No", exact=True).check()
    page.get_by_role("button", name="See what this means").click()


@pytest.fixture
def neutral_exit(settings):
    settings.QUICK_EXIT_URL = NEUTRAL


def test_private_safety_check_help_quick_exit_and_delete(new_phone, live_server, neutral_exit):
    page = new_phone(tz="Pacific/Auckland")
    signup(page, live_server, "Ari", "ari@example.test", tz="Pacific/Auckland")
    page.get_by_label("Name your space").fill("Ari & Kai")
    page.get_by_role("button", name="Start our space").click()
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Four private questions before you start")).to_be_visible()
    assert_accessible(page)

    # The "no" path.
    page.get_by_role("link", name="Take the private check").click()
    expect(page.get_by_role("heading", name="A private check, just for you")).to_be_visible()
    assert_accessible(page)
    shot(page, "20-safety-check")
    answer(page, yes=set())
    expect(page.get_by_text("nothing suggests you are unsafe")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Four private questions before you start")).to_have_count(0)

    # The "yes" path, from the Support page in the footer.
    page.get_by_role("link", name="Support and safety").click()
    expect(page.get_by_role("heading", name="Support", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Take the private check").click()
    answer(page, yes={"afraid"})
    expect(page.get_by_role("heading", name="What you described is not OK")).to_be_visible()
    expect(page.get_by_text("It is not your fault")).to_be_visible()
    assert_accessible(page)
    # Ari's time zone is Auckland's, so New Zealand's help is shown; another country is one tap away.
    expect(page.get_by_role("heading", name="Help in New Zealand")).to_be_visible()
    page.get_by_role("button", name="Australia").click()
    expect(page.get_by_role("heading", name="Help in Australia")).to_be_visible()
    expect(page.get_by_text("You chose this country.")).to_be_visible()
    page.get_by_role("button", name="New Zealand").click()
    expect(page.get_by_role("heading", name="Help in New Zealand")).to_be_visible()
    expect(page.get_by_text("In an emergency, call 111.")).to_be_visible()
    assert_accessible(page)
    shot(page, "21-safety-result-yes")
    page.get_by_role("button", name="We'd rather not do conflict exercises for now").click()
    expect(page.get_by_text("won't be offered in your space")).to_be_visible()
    assert_accessible(page)

    # Delete the answers.
    page.get_by_role("button", name="Delete my answers").click()
    expect(page.get_by_text("Your answers are deleted")).to_be_visible()
    assert_accessible(page)


def test_quick_exit_leaves_and_back_does_not_return(new_phone, live_server, neutral_exit):
    page = new_phone()
    page.goto(NEUTRAL)
    page.goto(f"{live_server.url}/support/")
    assert_accessible(page)
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url

    page.goto(f"{live_server.url}/support/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url


def test_quick_exit_is_on_every_page_even_logged_out(new_phone, live_server):
    page = new_phone()
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/support/", "/join/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
        assert re.match(r"https?://|about:", page.get_by_role("link", name="Quick exit").get_attribute("href"))
