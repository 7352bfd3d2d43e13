"""Two partners on two phones: sign up, share a space, check in, reflect, appreciate."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    DESKTOP,
    assert_accessible,
    check_in,
    create_space,
    go,
    shot,
    signup,
    wait_for_htmx,
)

pytestmark = pytest.mark.e2e

ALICE_WORDS = {
    "Rose": "Walking by the canal at lunch",
    "Bud": "Seeing my sister on Saturday",
    "Thorn": "The meeting ran late and I felt unheard",
}
BOB_WORDS = {
    "Rose": "Finished the shelf I had been building",
    "Bud": "Pancakes on Sunday morning",
    "Thorn": "A headache most of the afternoon",
}


def reply_to(item, text: str) -> None:
    """Reply to one appreciation; the reply form may sit behind a "Reply" disclosure."""
    disclosure = item.locator("details:not([open]) > summary")
    if disclosure.count():
        disclosure.click()
    form = item.locator("form")
    form.get_by_label(re.compile(r"reply", re.I)).fill(text)
    form.get_by_role("button", name=re.compile(r"reply", re.I)).click()
    wait_for_htmx(item.page)


def test_two_partners_check_in_reflect_and_appreciate(live_server, new_phone, same_date_everywhere):
    # --- Alice signs up on her phone; the browser's time zone is pre-filled.
    alice = new_phone(tz="Europe/London")
    signup(alice, live_server, "Alice", "alice@example.com", tz="Europe/London", screenshot="01-signup")
    expect(alice).to_have_url(re.compile(r"/(space|today)/$"))

    # --- She starts a space and makes an invite.
    if not alice.url.endswith("/space/"):
        go(alice, "Our space")
    create_space(alice, live_server, "Alice & Bob")
    expect(alice.get_by_text("Your space is ready.")).to_be_visible()
    alice.get_by_role("button", name="Invite my partner").click()
    invite_box = alice.get_by_label("Invite link")
    expect(invite_box).to_have_attribute("readonly", "")
    invite_link = invite_box.input_value()
    code = alice.locator(".code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code), code
    assert invite_link == f"{live_server.url}/join/{code.replace('-', '')}/"
    assert_accessible(alice)
    shot(alice, "02-space-invite")

    # --- Bob opens the link while logged out, makes an account and comes back to join.
    bob = new_phone(tz="America/New_York")
    bob.goto(invite_link)
    expect(bob.get_by_role("heading", name="Alice invited you")).to_be_visible()
    assert_accessible(bob)
    shot(bob, "03-join-invite")
    bob.get_by_role("link", name="Create an account").click()
    signup(bob, live_server, "Bob", "bob@example.com", tz="America/New_York", start=False)
    expect(bob).to_have_url(invite_link)
    bob.get_by_role("button", name="Join Alice & Bob").click()
    expect(bob).to_have_url(f"{live_server.url}/today/")
    expect(bob.get_by_text("You've joined Alice & Bob")).to_be_visible()
    expect(bob.locator("#partner-status")).to_have_text("Alice hasn't checked in yet today.")
    assert_accessible(bob)
    shot(bob, "04-today")

    # --- Alice checks in; the card is swapped in place and stays sealed.
    alice.clock.install()  # lets the test move the partner-status poll along
    go(alice, "Today")
    expect(alice.get_by_role("heading", level=1, name=re.compile(r"^Today"))).to_be_visible()
    assert_accessible(alice)
    url_before = alice.url
    check_in(alice, ALICE_WORDS)
    expect(alice.get_by_text("Saved. It stays sealed until Bob checks in too.")).to_be_visible()
    assert alice.url == url_before, "the check-in should be swapped in place"
    expect(alice.locator("#partner-status")).to_have_text("Sealed until Bob checks in.")
    card = alice.locator("#checkin-card")
    for label, text in ALICE_WORDS.items():
        expect(card.get_by_label(label, exact=True)).to_have_value(text)
    expect(card.get_by_role("button", name="Save changes")).to_be_visible()
    assert_accessible(alice)
    shot(alice, "05-today-sealed")

    # --- Bob is told Alice has checked in, but cannot read her words yet.
    bob.reload()
    expect(bob.locator("#partner-status")).to_have_text("Alice has checked in — add yours to see theirs.")
    page_text = bob.content()
    for text in ALICE_WORDS.values():
        assert text not in page_text, f"Alice's sealed words leaked to Bob: {text!r}"
    assert_accessible(bob)
    shot(bob, "06-today-partner-answered")

    # --- Alice still sees only her own words.
    alice_text = alice.content()
    for text in BOB_WORDS.values():
        assert text not in alice_text

    # --- Bob checks in: both answers are revealed to him at once.
    check_in(bob, BOB_WORDS)
    bob_card = bob.locator("#checkin-card")
    expect(bob_card.get_by_text("You've both checked in.").first).to_be_visible()
    for text in [*ALICE_WORDS.values(), *BOB_WORDS.values()]:
        expect(bob_card.get_by_text(text, exact=True)).to_be_visible()
    assert_accessible(bob)
    shot(bob, "07-today-revealed")

    # --- Alice's status line polls, then offers to show both answers.
    alice.clock.fast_forward("02:00")  # past the next poll, whatever its interval
    see_both = alice.get_by_role("link", name="See both answers")
    expect(see_both).to_be_visible()
    assert_accessible(alice)
    see_both.click()
    alice_card = alice.locator("#checkin-card")
    for text in [*ALICE_WORDS.values(), *BOB_WORDS.values()]:
        expect(alice_card.get_by_text(text, exact=True)).to_be_visible()
    assert_accessible(alice)

    # --- Bob reflects Alice's thorn on the day page; it is swapped in place.
    bob_card.get_by_role("link", name="Read each other's answers and reflect").click()
    expect(bob.get_by_role("heading", level=1)).to_have_text(re.compile(r"\d{4}$"))
    assert_accessible(bob)
    day_url = bob.url
    reflection = "It sounds like you felt left out when nobody listened"
    thorn_item = bob.locator("li", has=bob.get_by_label("Reflect their thorn"))
    thorn_item.get_by_label("Reflect their thorn").fill(reflection)
    thorn_item.get_by_role("button", name="Send").click()
    wait_for_htmx(bob)
    expect(bob.get_by_text(f"You heard: {reflection}")).to_be_visible()
    expect(bob.get_by_text("Waiting to hear if that's it.")).to_be_visible()
    assert bob.url == day_url
    assert_accessible(bob)

    # --- Alice sees what Bob heard and confirms it.
    alice.get_by_role("link", name="Read each other's answers and reflect").click()
    expect(alice).to_have_url(day_url)
    expect(alice.get_by_text(f"Bob heard: {reflection}")).to_be_visible()
    assert_accessible(alice)
    alice.get_by_role("button", name="That's it").click()
    wait_for_htmx(alice)
    expect(alice.get_by_text("You said: that's it")).to_be_visible()
    expect(alice.get_by_role("button", name="That's it")).to_have_attribute("aria-pressed", "true")
    assert_accessible(alice)

    bob.reload()
    expect(bob.get_by_text("Alice says: that's it.")).to_be_visible()
    expect(bob.get_by_label("Reflect their thorn")).to_have_count(0)
    assert_accessible(bob)
    shot(bob, "08-day-revealed")

    # --- Alice shares an appreciation from Today.
    go(alice, "Today")
    appreciation = "Thank you for fixing my bike without being asked: you notice what I need."
    alice.get_by_label("One thing I appreciated about you today").fill(appreciation)
    alice.get_by_role("button", name="Share it").click()
    wait_for_htmx(alice)
    expect(alice.get_by_text("Shared with Bob.")).to_be_visible()
    expect(alice.get_by_label("One thing I appreciated about you today")).to_have_value("")
    assert_accessible(alice)
    shot(alice, "09-today-appreciated")

    # --- Bob reads it on Appreciations and replies warmly.
    go(bob, "Appreciations")
    item = bob.get_by_role("listitem").filter(has_text=appreciation)
    expect(item).to_be_visible()
    expect(item.get_by_text("Alice,")).to_be_visible()
    assert_accessible(bob)
    reply = "That made my day. Thank you for noticing!"
    reply_to(item, reply)
    item = bob.get_by_role("listitem").filter(has_text=appreciation)
    expect(item.get_by_text(f"Your reply: {reply}")).to_be_visible()
    assert_accessible(bob)
    shot(bob, "10-appreciations")

    # --- Alice sees the reply.
    go(alice, "Appreciations")
    expect(alice.get_by_text(f"Bob replied: {reply}")).to_be_visible()
    assert_accessible(alice)

    # --- Today, as Alice sees it on a laptop and with the system in dark mode.
    signed_in = alice.context.storage_state()
    desktop = new_phone(tz="Europe/London", viewport=DESKTOP, storage_state=signed_in)
    desktop.goto(f"{live_server.url}/today/")
    expect(desktop.get_by_role("heading", level=1, name=re.compile(r"^Today"))).to_be_visible()
    assert_accessible(desktop)
    shot(desktop, "11-today-desktop")

    dark = new_phone(tz="Europe/London", color_scheme="dark", storage_state=signed_in)
    dark.goto(f"{live_server.url}/today/")
    expect(dark.get_by_role("heading", level=1, name=re.compile(r"^Today"))).to_be_visible()
    assert_accessible(dark)
    shot(dark, "12-today-dark")
