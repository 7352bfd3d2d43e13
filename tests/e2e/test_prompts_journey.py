"""Two partners on two phones: pair up, draw a question, answer it sealed, reveal, keep it, talk for fifteen minutes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, shot, signup, wait_for_htmx

pytestmark = pytest.mark.e2e

ALICE_ANSWER = "The night the power went out and we played cards by candlelight"
BOB_ANSWER = "Getting lost on the way to the coast and not minding at all"


def pair_up(alice, bob, live_server) -> None:
    signup(alice, live_server, "Alice", "alice@example.com", tz="Europe/London")
    alice.goto(f"{live_server.url}/space/")
    start = alice.get_by_role("region", name="Start a space")
    start.get_by_label("Name your space").fill("Alice & Bob")
    start.get_by_role("button", name="Start our space").click()
    alice.get_by_role("button", name="Invite my partner").click()
    invite_link = alice.get_by_label("Invite link").input_value()
    assert_accessible(alice)

    bob.goto(invite_link)
    bob.get_by_role("link", name="Create an account").click()
    signup(bob, live_server, "Bob", "bob@example.com", tz="America/New_York", start=False)
    # Signing up from the invite link joins at once: no second tap on "Join".
    expect(bob.get_by_text("You've joined Alice & Bob")).to_be_visible()
    assert_accessible(bob)


def answer(page, text: str) -> None:
    card = page.locator("#answer-card")
    card.get_by_label("Your answer").fill(text)
    card.get_by_role("button", name="Save my answer").click()
    wait_for_htmx(page)


def test_partners_draw_answer_sealed_reveal_keep_and_talk(live_server, new_phone):
    alice = new_phone(tz="Europe/London")
    bob = new_phone(tz="America/New_York")
    pair_up(alice, bob, live_server)

    # --- Alice opens Talk and draws a question from one deck.
    alice.goto(f"{live_server.url}/talk/")
    expect(alice.get_by_role("heading", level=1, name="Talk")).to_be_visible()
    assert_accessible(alice)
    shot(alice, "30-talk-decks")
    alice.get_by_role("button", name="Draw a question from Memories of us").click()
    question = alice.get_by_role("heading", level=1).inner_text()
    assert question.endswith("?"), question
    expect(alice.get_by_text("Your answer stays sealed until Bob answers.")).to_be_visible()
    assert_accessible(alice)

    # --- She answers; the card is swapped in place and stays sealed.
    url_before = alice.url
    answer(alice, ALICE_ANSWER)
    expect(alice.get_by_text("Saved. It stays sealed until Bob answers.")).to_be_visible()
    expect(alice.locator("#talk-status")).to_have_text("Bob hasn't answered yet.")
    expect(alice.locator("#answer-card").get_by_label("Your answer")).to_have_value(ALICE_ANSWER)
    assert alice.url == url_before
    assert_accessible(alice)
    shot(alice, "31-question-sealed")

    # --- Bob finds tonight's question on Talk; Alice's words are sealed from him.
    bob.goto(f"{live_server.url}/talk/")
    tonight = bob.get_by_role("region", name="Tonight's question")
    expect(tonight.get_by_text(question, exact=True)).to_be_visible()
    expect(tonight.get_by_text("Alice has answered. Add yours to see it.")).to_be_visible()
    assert_accessible(bob)
    tonight.get_by_role("link", name="Answer it").click()
    expect(bob.get_by_role("heading", level=1)).to_have_text(question)
    assert ALICE_ANSWER not in bob.content()
    assert_accessible(bob)

    # --- Bob answers: both answers open for him at once.
    answer(bob, BOB_ANSWER)
    card = bob.locator("#answer-card")
    expect(card.get_by_role("heading", name="Both answers")).to_be_visible()
    expect(card.get_by_text(ALICE_ANSWER)).to_be_visible()
    expect(card.get_by_text(BOB_ANSWER)).to_be_visible()
    assert_accessible(bob)
    shot(bob, "32-question-revealed")

    # --- Alice sees both, and keeps the question as a favourite.
    alice.reload()
    expect(alice.locator("#answer-card").get_by_text(BOB_ANSWER)).to_be_visible()
    favourite = alice.get_by_role("button", name="Favourite")
    expect(favourite).to_have_attribute("aria-pressed", "false")
    favourite.click()
    wait_for_htmx(alice)
    expect(alice.get_by_role("button", name="Favourite")).to_have_attribute("aria-pressed", "true")
    assert_accessible(alice)

    bob.goto(f"{live_server.url}/talk/")
    favourites = bob.get_by_role("region", name="Favourites")
    expect(favourites.get_by_text(question, exact=True)).to_be_visible()
    assert_accessible(bob)

    # --- Alice starts the fifteen-minute talk; the countdown ends with a polite announcement.
    alice.clock.install()
    alice.get_by_role("link", name="Start a 15-minute talk").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text(question)
    expect(alice.locator("#talk-clock")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    expect(alice.get_by_text(re.compile(r"^Talk until \d\d:\d\d\.$"))).to_be_visible()
    assert_accessible(alice)
    shot(alice, "33-talk-timer")
    alice.get_by_role("button", name="Pause").click()
    expect(alice.get_by_role("button", name="Carry on")).to_be_visible()
    alice.get_by_role("button", name="Carry on").click()
    alice.clock.fast_forward("15:01")
    expect(alice.locator("#talk-announce")).to_have_text(re.compile(r"^Fifteen minutes are up\."))
    expect(alice.locator("#talk-clock")).to_have_text("0:00")
    assert_accessible(alice)

    # --- Without JavaScript the timer page simply says when the time is up.
    plain = new_phone(tz="Europe/London", java_script_enabled=False, storage_state=alice.context.storage_state())
    plain.goto(alice.url)
    expect(plain.get_by_text(re.compile(r"^Talk until \d\d:\d\d\.$"))).to_be_visible()
    expect(plain.locator("#talk-clock")).to_be_hidden()
    assert_accessible(plain)
