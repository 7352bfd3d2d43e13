"""Bad input and dead links get a kind, clear answer — never a 500, never lost words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, check_in, create_space, go, shot, signup

pytestmark = pytest.mark.e2e


def invite_link(page) -> str:
    page.get_by_role("button", name=re.compile(r"^(Invite my partner|Make a new one)$")).click()
    box = page.get_by_label("Invite link")
    expect(box).to_be_visible()
    assert_accessible(page)
    return box.input_value()


def open_refused_invite(page, link: str, message: str) -> None:
    response = page.goto(link)
    assert response is not None and response.status < 500
    expect(page.get_by_role("heading", level=1)).to_have_text("This invite can't be used")
    expect(page.get_by_role("alert")).to_have_text(message)
    expect(page.get_by_role("button", name=re.compile(r"^Join"))).to_have_count(0)
    assert_accessible(page)


def test_bad_input_is_kind(live_server, new_phone):
    alice = new_phone(tz="Europe/London")
    signup(alice, live_server, "Alice", "alice@example.com", tz="Europe/London")
    create_space(alice, live_server, "Alice & Bob")

    # --- An overlong line. The browser's maxlength stops typing at 500, so the limit is
    # lifted here, as an older browser or a paste through another tool would; the server
    # must still answer kindly at the field and keep every word.
    go(alice, "Today")
    card = alice.locator("#checkin-card")
    rose = card.get_by_label("Rose", exact=True)
    expect(rose).to_have_attribute("maxlength", "500")
    long_rose = "We laughed all the way home. " * 20  # 580 characters
    words = {"Rose": long_rose.strip(), "Bud": "Dinner with friends", "Thorn": "Too little sleep"}
    card.locator("textarea").evaluate_all("boxes => boxes.forEach(box => box.removeAttribute('maxlength'))")
    check_in(alice, words)
    rose = card.get_by_label("Rose", exact=True)
    expect(rose).to_have_attribute("aria-invalid", "true")
    expect(rose).to_have_accessible_description(re.compile(r"under 500 characters"))
    expect(rose, "focus should move to the field to fix").to_be_focused()
    for label, text in words.items():
        expect(card.get_by_label(label, exact=True)).to_have_value(text)
    expect(card.get_by_role("button", name="Check in")).to_be_visible()
    assert_accessible(alice)
    shot(alice, "30-checkin-too-long")

    # Shortening it saves everything.
    check_in(alice, {"Rose": "We laughed all the way home."})
    expect(card.get_by_text(re.compile(r"^Saved\."))).to_be_visible()
    expect(card.get_by_label("Bud", exact=True)).to_have_value("Dinner with friends")
    assert_accessible(alice)

    # --- A cancelled invite tells the person what happened.
    go(alice, "Our space")
    cancelled = invite_link(alice)
    alice.get_by_role("button", name="Cancel this invite").click()
    expect(alice.get_by_text("That invite is cancelled; nobody can use it now.")).to_be_visible()
    assert_accessible(alice)

    bob = new_phone(tz="America/New_York")
    open_refused_invite(bob, cancelled, "This invite was cancelled. Ask your partner for a new one.")
    shot(bob, "31-invite-cancelled")

    # --- A fresh invite works once. Carol has it open too, but Bob joins first: her
    # "Join" is refused clearly, and so is anyone opening the used link afterwards.
    fresh = invite_link(alice)
    carol = new_phone(tz="Europe/Berlin")
    signup(carol, live_server, "Carol", "carol@example.com", tz="Europe/Berlin")
    carol.goto(fresh)
    expect(carol.get_by_role("heading", name="Alice invited you")).to_be_visible()
    assert_accessible(carol)

    bob.goto(fresh)
    assert_accessible(bob)
    bob.get_by_role("link", name="Create an account").click()
    signup(bob, live_server, "Bob", "bob@example.com", tz="America/New_York", start=False)
    # Signing up from the invite link joins at once: no second tap on "Join".
    expect(bob).to_have_url(f"{live_server.url}/today/")
    assert_accessible(bob)

    used = "This invite has already been used. Ask your partner for a new one."
    carol.get_by_role("button", name="Join Alice & Bob").click()
    expect(carol.get_by_role("heading", level=1)).to_have_text("This invite can't be used")
    expect(carol.get_by_role("alert")).to_have_text(used)
    assert_accessible(carol)
    shot(carol, "32-invite-used")
    open_refused_invite(carol, fresh, used)
    dave = new_phone(tz="Europe/Dublin")
    open_refused_invite(dave, fresh, used)

    # An invite code that never existed, typed by hand.
    carol.goto(f"{live_server.url}/join/")
    assert_accessible(carol)
    carol.get_by_label("Invite code").fill("ABCDE-23456")
    carol.get_by_role("button", name="Continue").click()
    expect(carol.get_by_role("alert")).to_have_text(re.compile(r"We couldn't find that invite"))
    assert_accessible(carol)
