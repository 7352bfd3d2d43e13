"""Time together on two phones: pair up, filter the ideas library, save an idea to the
shared bucket list, and the partner marks it done with a line about how it went."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from rekindle.together import content
from tests.e2e.conftest import assert_accessible, shot, signup, wait_for_htmx

MEMORY = "We burnt the first batch and laughed the whole evening"


def pair_up(live_server, alice, bob) -> None:
    """Alice signs up, starts a space and invites Bob, who makes an account and joins."""
    signup(alice, live_server, "Alice", "alice@example.com", tz="Europe/London")
    if not alice.url.endswith("/space/"):
        alice.goto(f"{live_server.url}/space/")
    start = alice.get_by_role("region", name="Start a space")
    start.get_by_label("Name your space").fill("Alice & Bob")
    start.get_by_role("button", name="Start our space").click()
    alice.get_by_role("button", name="Invite my partner").click()
    invite_link = alice.get_by_label("Invite link").input_value()
    assert_accessible(alice)

    bob.goto(invite_link)
    expect(bob.get_by_role("heading", name="Alice invited you")).to_be_visible()
    bob.get_by_role("link", name="Create an account").click()
    signup(bob, live_server, "Bob", "bob@example.com", tz="America/New_York", start=False)
    # Signing up from the invite link joins at once: no second tap on "Join".
    expect(bob.get_by_text("You've joined Alice & Bob")).to_be_visible()


def test_partners_pick_an_idea_and_keep_the_memory(live_server, new_phone):
    alice, bob = new_phone(tz="Europe/London"), new_phone(tz="America/New_York")
    pair_up(live_server, alice, bob)

    # --- Alice browses the ideas and narrows them down; htmx swaps the list and the URL follows.
    alice.goto(f"{live_server.url}/together/ideas/")
    expect(alice.get_by_role("heading", level=1, name="Ideas for time together")).to_be_visible()
    expect(alice.get_by_text("All 98 ideas.")).to_be_visible()
    assert_accessible(alice)
    alice.get_by_label("Where").select_option("home")
    wait_for_htmx(alice)
    alice.get_by_label("Only things new to both of us").check()
    wait_for_htmx(alice)
    expected = content.matching(place="home", new_to_both=True)
    expect(alice.locator("#idea-count")).to_contain_text(f"{len(expected)} of 98 ideas match")
    expect(alice).to_have_url(re.compile(r"place=home.*new_to_both=on"))
    expect(alice.locator("#idea-results > ul > li")).to_have_count(min(len(expected), 12))
    assert_accessible(alice)
    shot(alice, "40-ideas-filtered")

    # A combination with nothing in it gets a kind word rather than a blank page.
    cost, time = next(
        (cost, time)
        for cost in content.COSTS
        for time in content.TIMES
        if not content.matching(place="home", new_to_both=True, cost=cost, time=time)
    )
    for label, value in (("Cost", cost), ("Time", time)):
        alice.get_by_label(label).select_option(value)
        wait_for_htmx(alice)
    expect(alice.get_by_text("Nothing fits all of those at once")).to_be_visible()
    assert_accessible(alice)
    for label in ("Cost", "Time"):
        alice.get_by_label(label).select_option("")
        wait_for_htmx(alice)

    # --- She saves the first idea; the idea is swapped in place with a note.
    idea = expected[0]
    card = alice.locator(f"#idea-{idea.id}")
    card.get_by_role("button", name="Save to our bucket list").click()
    wait_for_htmx(alice)
    expect(card.get_by_text(f"“{idea.title}” is on your bucket list now.")).to_be_visible()
    expect(card.get_by_role("button", name="Save to our bucket list")).to_have_count(0)
    assert_accessible(alice)
    card.get_by_role("link", name="See your bucket list").click()
    expect(alice.get_by_role("heading", level=1, name="Our bucket list")).to_be_visible()
    still_to_do = alice.get_by_role("region", name="Still to do")
    expect(still_to_do.get_by_role("heading", name=idea.title)).to_be_visible()
    assert_accessible(alice)

    # --- Bob sees it on the shared list and marks it done.
    bob.goto(f"{live_server.url}/together/bucket/")
    item = bob.get_by_role("listitem").filter(has=bob.get_by_role("heading", name=idea.title))
    expect(item.get_by_text("Added by Alice")).to_be_visible()
    expect(item.get_by_role("button", name="Take it off the list")).to_have_count(0)  # only Alice can
    assert_accessible(bob)
    item.get_by_text("We did it").click()
    when = item.get_by_label("When did you do it?")
    today = when.input_value()
    expect(when).to_have_attribute("max", today)

    # A date that hasn't come yet gets a kind message at the field, and the line is kept.
    tomorrow = (dt.date.fromisoformat(today) + dt.timedelta(days=1)).isoformat()
    when.fill(tomorrow)
    item.get_by_label("One line about how it went").fill(MEMORY)
    item.get_by_role("button", name="Save it as a memory").click()
    wait_for_htmx(bob)
    item = bob.locator(f"li:has(h3:text-is('{idea.title}'))")
    expect(item.get_by_text("That day hasn't come yet")).to_be_visible()
    expect(item.get_by_label("One line about how it went")).to_have_value(MEMORY)
    expect(item.get_by_label("When did you do it?")).to_be_focused()
    assert_accessible(bob)

    item.get_by_label("When did you do it?").fill(today)
    item.get_by_role("button", name="Save it as a memory").click()
    wait_for_htmx(bob)
    expect(item.get_by_text("This is one of your memories now")).to_be_visible()
    assert_accessible(bob)
    shot(bob, "41-bucket-marked-done")

    # --- Both find it under "Done together", with Bob's line.
    for page, by in ((bob, "— you"), (alice, "— Bob")):
        page.goto(f"{live_server.url}/together/bucket/")
        done = page.get_by_role("region", name="Done together")
        expect(done.get_by_role("heading", name=idea.title)).to_be_visible()
        expect(done.get_by_text(MEMORY)).to_be_visible()
        expect(done.get_by_text(by)).to_be_visible()
        expect(page.get_by_role("region", name="Still to do").get_by_text("Nothing on the list yet")).to_be_visible()
        assert_accessible(page)
    shot(alice, "42-bucket-done-together")
