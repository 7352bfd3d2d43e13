"""Values and goals, "how I feel cared for" and self-care on two phones: both pick values and
confirm two shared ones; Alice sets a shared goal with three steps, Bob ticks one and the
meeting's step 4 shows the next; Bob fills in the questionnaire and Alice sees his card;
Alice's self-care plan never reaches Bob."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from rekindle.wellbeing.content import questionnaire
from tests.e2e.conftest import assert_accessible, go, shot
from tests.e2e.test_together_journey import pair_up

PRIVATE = "Long baths with the door locked"


def pick_values(page, names: list[str]) -> None:
    go(page, "Goals")
    page.get_by_role("link", name="Pick your values").click()
    assert_accessible(page)
    for name in names:
        page.get_by_role("checkbox", name=re.compile(rf"^{name}\b")).check()
    page.get_by_role("button", name="Save my values").click()
    expect(page.get_by_text("Saved your values.")).to_be_visible()


def test_values_goals_and_how_to_love_me_on_two_phones(live_server, new_phone, same_date_everywhere):
    alice, bob = new_phone(tz="Europe/London"), new_phone(tz="America/New_York")
    pair_up(live_server, alice, bob)

    # --- Both pick their values on their own; then they see them side by side.
    pick_values(alice, ["Health", "Family", "Curiosity"])
    pick_values(bob, ["Health", "Family", "Adventure"])
    side = bob.locator("#side-by-side")
    expect(side.get_by_text("you both picked this")).to_have_count(4)  # health and family, in both columns
    expect(side.get_by_text("something to talk about")).to_be_visible()
    assert_accessible(bob)

    # A sixth value is refused kindly, and the ticks stay.
    bob.get_by_text("Change my values").click()
    for name in ("Service", "Growth", "Fun and play"):
        bob.get_by_role("checkbox", name=re.compile(rf"^{name}\b")).check()
    bob.get_by_role("button", name="Save my values").click()
    expect(bob.get_by_text("Pick up to five. You've chosen 6")).to_be_visible()
    expect(bob.get_by_role("checkbox", name=re.compile(r"^Growth\b"))).to_be_checked()
    assert_accessible(bob)

    # --- Alice suggests two to share; Bob confirms both.
    alice.reload()
    shared = alice.locator("#shared-values")
    shared.get_by_role("button", name="Share “Health”").click()
    alice.locator("#shared-values").get_by_role("button", name="Share “Family”").click()
    expect(alice.get_by_text("waiting for Bob to confirm")).to_have_count(2)
    bob.goto(f"{live_server.url}/us/values/")
    bob.get_by_role("button", name="Confirm “Health”").click()
    bob.get_by_role("button", name="Confirm “Family”").click()
    expect(bob.get_by_text("“Family” is one of your shared values now.")).to_be_visible()
    expect(bob.locator("#shared-values").get_by_text("shared", exact=True)).to_have_count(2)
    assert_accessible(bob)
    shot(bob, "60-values")

    # --- Alice sets a shared goal with three steps.
    go(alice, "Goals")
    expect(alice.locator("#values-title ~ ul").get_by_text("Health")).to_be_visible()
    alice.get_by_role("link", name="Set a goal").click()
    assert_accessible(alice)
    today = dt.date.today()
    alice.get_by_label("What are you aiming for?").fill("Walk together three evenings a week")
    alice.get_by_label("Which value does it serve?").fill("Health")
    alice.get_by_label("Reach it by").fill((today + dt.timedelta(days=60)).isoformat())
    for n, (title, days) in enumerate((("Look up walking routes", 2), ("Buy comfortable shoes", 7),
                                       ("First evening walk", 10)), start=1):
        alice.get_by_label(f"Step {n}", exact=True).fill(title)
        alice.get_by_label(f"Step {n} by (optional)").fill((today + dt.timedelta(days=days)).isoformat())
    # A date in the past gets a message next to the field; nothing typed is lost.
    alice.get_by_label("Reach it by").fill("2020-01-01")
    alice.get_by_role("button", name="Set the goal").click()
    expect(alice.get_by_text("That date has already passed.")).to_be_visible()
    expect(alice.get_by_label("Step 3", exact=True)).to_have_value("First evening walk")
    assert_accessible(alice)
    alice.get_by_label("Reach it by").fill((today + dt.timedelta(days=60)).isoformat())
    alice.get_by_role("button", name="Set the goal").click()
    expect(alice.get_by_role("heading", level=1, name="Walk together three evenings a week")).to_be_visible()
    expect(alice.get_by_text("0 of 3 done")).to_be_visible()
    assert_accessible(alice)
    # She rewords the last step.
    alice.get_by_role("link", name="Change First evening walk").click()
    expect(alice.get_by_role("heading", level=1, name="Change a step")).to_be_visible()
    assert_accessible(alice)
    alice.get_by_label("A next step").fill("First evening walk, by the river")
    alice.get_by_role("button", name="Save the step").click()
    expect(alice.get_by_text("Step saved.")).to_be_visible()
    expect(alice.get_by_role("link", name="Change First evening walk, by the river")).to_be_visible()

    # --- Bob ticks the first step.
    go(bob, "Goals")
    bob.get_by_role("link", name="Walk together three evenings a week").click()
    bob.get_by_role("button", name=re.compile(r"^Done\W+Look up walking routes")).click()
    expect(bob.get_by_text("Ticked off: “Look up walking routes”.")).to_be_visible()
    expect(bob.get_by_text("1 of 3 done")).to_be_visible()
    assert_accessible(bob)
    shot(bob, "61-goal")

    # --- In the weekly meeting, step 4 shows the shared goal's next step.
    go(bob, "Meetings")
    bob.get_by_role("button", name="Start this week's meeting").click()
    bob.get_by_role("navigation", name="Meeting steps").get_by_role("link", name=re.compile("^4")).click()
    card = bob.locator("#shared-goals")
    expect(card.get_by_text("Next step: Buy comfortable shoes")).to_be_visible()
    assert_accessible(bob)
    shot(bob, "62-meeting-step-4")

    # --- Bob fills in "how I feel cared for"; Alice sees his card.
    go(bob, "How I feel cared for")
    bob.get_by_role("link", name="Start the questions").click()
    assert_accessible(bob)
    for question in questionnaire().questions:
        group = bob.get_by_role("group", name=question.text)
        group.get_by_label("A great deal" if question.way == "help" else "Somewhat", exact=True).check()
    bob.get_by_label("A helping hand: what it looks like for me (optional)").fill("Doing the school run unasked")
    shot(bob, "63-cared-for-questions")
    bob.get_by_role("button", name="Save my answers").click()
    expect(bob.get_by_text("Your card below shows your partner what you choose.")).to_be_visible()
    assert_accessible(bob)

    go(alice, "How I feel cared for")
    partner_card = alice.locator("#partner-card")
    expect(partner_card.get_by_role("heading", name="How to love Bob")).to_be_visible()
    expect(partner_card.get_by_text("Doing the school run unasked")).to_be_visible()
    expect(partner_card.locator("li").first).to_contain_text("A helping hand")
    assert_accessible(alice)
    shot(alice, "64-how-to-love-bob")

    # --- Alice's self-care plan is hers alone.
    go(alice, "Self-care")
    alice.get_by_label("What recharges me").fill(PRIVATE)
    alice.get_by_role("button", name="Save my plan").click()
    expect(alice.get_by_text("Saved. Only you can see this.")).to_be_visible()
    alice.get_by_label("Yes, mostly").check()
    alice.get_by_role("button", name="Save", exact=True).click()
    expect(alice.get_by_text("Noted, just for you.")).to_be_visible()
    assert_accessible(alice)
    shot(alice, "65-self-care")
    for path in ("/me/self-care/", "/today/", "/me/cared-for/", "/us/goals/"):
        bob.goto(f"{live_server.url}{path}")
        expect(bob.get_by_text(PRIVATE)).to_have_count(0)
