"""The core flow with JavaScript switched off: every step is a plain form post."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, check_in, create_space, go, shot, signup

pytestmark = pytest.mark.e2e


def test_core_flow_works_without_javascript(live_server, new_phone):
    page = new_phone(tz="Europe/Paris", java_script_enabled=False)

    # Sign up: nothing guesses the time zone, so it is chosen by hand.
    signup(page, live_server, "Noor", "noor@example.com", tz="Europe/Paris")
    expect(page).to_have_url(re.compile(r"/(space|today)/$"))
    create_space(page, live_server, "Noor & Sam")
    expect(page.get_by_text("Your space is ready.")).to_be_visible()

    # A check-in with the thorn left empty: the message sits at the thorn, the rest is kept.
    go(page, "Today")
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Today"))).to_be_visible()
    assert_accessible(page)
    words = {"Rose": "Coffee in the sun on the balcony", "Bud": "Our walk on Sunday", "Thorn": ""}
    check_in(page, words)
    thorn = page.get_by_label("Thorn", exact=True)
    expect(thorn).to_have_attribute("aria-invalid", "true")
    expect(thorn).to_have_accessible_description(re.compile(r"Add your thorn"))
    expect(page.locator("#id_thorn_error")).to_have_text(re.compile(r"Add your thorn"))
    expect(page.get_by_label("Rose", exact=True)).to_have_value(words["Rose"])
    expect(page.get_by_label("Bud", exact=True)).to_have_value(words["Bud"])
    assert_accessible(page)
    shot(page, "50-no-js-checkin-error")

    # Adding the thorn saves it, with the page reloaded after a redirect.
    check_in(page, {"Thorn": "Missed the train by a minute"})
    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    card = page.locator("#checkin-card")
    expect(card.get_by_label("Thorn", exact=True)).to_have_value("Missed the train by a minute")
    expect(card.get_by_role("button", name="Save changes")).to_be_visible()
    assert_accessible(page)

    # An appreciation from Today, then on the Appreciations page.
    text = "Thank you for the note you left on the fridge."
    page.get_by_label("One thing I appreciated about you today").fill(text)
    page.get_by_role("button", name="Share it").click()
    expect(page).to_have_url(f"{live_server.url}/today/")
    expect(page.get_by_role("status").get_by_text("Saved.")).to_be_visible()
    assert_accessible(page)
    shot(page, "51-no-js-today-saved")

    go(page, "Appreciations")
    expect(page.get_by_role("listitem").filter(has_text=text)).to_be_visible()
    assert_accessible(page)

    # An empty appreciation is refused at the field, and the page says why.
    page.get_by_role("button", name="Share it").click()
    field = page.get_by_label("One thing I appreciated about you today")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(r"Write what they did"))
    assert_accessible(page)
