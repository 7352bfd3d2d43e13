"""What a new user tripped over, in a real browser: the quick exit and Back, the time-zone
picker, the Support page's country."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, signup

NEUTRAL = "about:blank"


@pytest.fixture
def neutral_exit(settings):
    settings.QUICK_EXIT_URL = NEUTRAL


def test_after_a_quick_exit_back_does_not_show_the_private_page(new_phone, live_server, neutral_exit):
    page = new_phone(tz="Europe/London")
    signup(page, live_server, "Ari", "ari@example.test", tz="Europe/London")
    page.get_by_label("Name your space").fill("Ari & Kai")
    page.get_by_role("button", name="Start our space").click()
    page.goto(f"{live_server.url}/appreciations/")
    page.get_by_label("One thing I appreciated about you today").fill("Secret thanks for the tea")
    page.get_by_role("button", name="Share it").click()
    expect(page.get_by_text("Secret thanks for the tea")).to_be_visible()
    page.goto(f"{live_server.url}/support/")  # the page they are on when they leave
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)

    page.go_back()  # to the appreciations page, which is still signed in
    page.wait_for_url(NEUTRAL)
    page.wait_for_timeout(300)
    assert page.url == NEUTRAL
    assert "Secret thanks" not in page.content()

    # Coming back on purpose (typing the address) works as usual, still signed in.
    page.goto(f"{live_server.url}/appreciations/")
    expect(page.get_by_text("Secret thanks for the tea")).to_be_visible()
    page.go_back()
    page.go_forward()
    expect(page.get_by_text("Secret thanks for the tea")).to_be_visible()


def test_the_time_zone_picker_is_by_region_with_the_device_zone_chosen(new_phone, live_server):
    page = new_phone(tz="America/Los_Angeles")
    page.goto(f"{live_server.url}/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    expect(zone).to_have_value("America/Los_Angeles")
    assert zone.locator("option:checked").inner_text() == "Los Angeles · United States"
    groups = zone.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert "Americas" in groups and "Pacific Ocean" in groups
    assert zone.locator("option").count() < 480
    assert zone.locator("option[value^='Etc/']").count() == 0
    assert_accessible(page)

    nojs = new_phone(tz="America/Los_Angeles", java_script_enabled=False)
    nojs.goto(f"{live_server.url}/accounts/signup/")
    expect(nojs.get_by_label("Your time zone")).to_have_value("UTC")  # the server's default stays


def test_support_shows_the_time_zones_country_not_the_browser_language(new_phone, live_server):
    page = new_phone(tz="America/Los_Angeles", locale="en-GB")
    signup(page, live_server, "Sam", "sam@example.test", tz="America/Los_Angeles")
    page.goto(f"{live_server.url}/support/")
    expect(page.get_by_role("heading", name="Help in United States")).to_be_visible()
    expect(page.get_by_text("call 911")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="United Kingdom").click()
    expect(page.get_by_role("heading", name="Help in United Kingdom")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Help in United Kingdom")).to_be_visible()
    assert_accessible(page)


def test_ideas_are_a_short_page_with_filters_first_and_kept_across_pages(new_phone, live_server):
    import re

    from rekindle.together import content

    page = new_phone(tz="Europe/London")
    signup(page, live_server, "Ari", "ari@example.test", tz="Europe/London")
    page.get_by_label("Name your space").fill("Ari & Kai")
    page.get_by_role("button", name="Start our space").click()
    page.goto(f"{live_server.url}/together/ideas/")
    expect(page.locator("#idea-results > ul > li")).to_have_count(12)
    filters_top = page.get_by_label("Where").bounding_box()["y"]
    assert filters_top < 844, "the filters should be on the first screen"
    assert page.evaluate("document.documentElement.scrollHeight") < 12_000
    page.get_by_label("Cost").select_option("free")
    expect(page.locator("#idea-count")).to_contain_text(f"{len(content.matching(cost='free'))} of 98 ideas match")
    page.get_by_role("link", name="Next ideas").click()
    expect(page).to_have_url(re.compile(r"cost=free&page=2"))
    expect(page.get_by_text("Page 2 of")).to_be_visible()
    expect(page.get_by_label("Cost")).to_have_value("free")
    free = content.matching(cost="free")
    expect(page.locator("#idea-results > ul > li")).to_have_count(min(12, len(free) - 12))
    expect(page.locator(f"#idea-{free[12].id}")).to_be_visible()
    assert_accessible(page)
