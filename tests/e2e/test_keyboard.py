"""Everything on Today can be reached and used with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, create_space, shot, signup

pytestmark = pytest.mark.e2e


def tab_to(page, target, *, limit: int = 40) -> None:
    """Press Tab until `target` has focus, failing if it is not reached within `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"Tab never reached {target}; focus ended on {focused}")


def test_keyboard_only(live_server, new_phone):
    page = new_phone(tz="Europe/London")
    signup(page, live_server, "Alice", "alice@example.com", tz="Europe/London")
    create_space(page, live_server, "Alice & Bob")
    page.goto(f"{live_server.url}/today/")
    assert_accessible(page)

    # The skip link is the first Tab stop, shows itself, and moves focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, "40-skip-link")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # From main, Tab reaches the check-in form; the words are typed, the form sent with Enter.
    card = page.locator("#checkin-card")
    tab_to(page, card.get_by_label("Rose", exact=True))
    page.keyboard.type("Breakfast together before work")
    page.keyboard.press("Tab")
    expect(card.get_by_label("Bud", exact=True)).to_be_focused()
    page.keyboard.type("A quiet evening in")
    # The thorn is left empty: the message must come to the keyboard user, not sit unseen.
    tab_to(page, card.get_by_role("button", name="Check in"))
    page.keyboard.press("Enter")
    thorn = card.get_by_label("Thorn", exact=True)
    expect(thorn).to_have_attribute("aria-invalid", "true")
    expect(thorn, "focus should move to the field that needs attention").to_be_focused()
    expect(card.get_by_label("Rose", exact=True)).to_have_value("Breakfast together before work")
    assert_accessible(page)

    page.keyboard.type("Forgot my umbrella")
    tab_to(page, card.get_by_role("button", name="Check in"))
    page.keyboard.press("Enter")
    saved = card.get_by_role("status").filter(has_text=re.compile(r"^Saved\."))
    expect(saved).to_be_visible()
    expect(saved, "focus should follow the swapped-in confirmation").to_be_focused()
    expect(card.get_by_label("Thorn", exact=True)).to_have_value("Forgot my umbrella")
    assert_accessible(page)
