"""The gentle start-up helper in a real browser: a harsh draft is marked and each flag
explained, a gentler one is recognised, bad input gets a kind answer — with and without
JavaScript, and nothing of it is stored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import assert_accessible, shot, wait_for_htmx

pytestmark = pytest.mark.e2e

HARSH = "You never listen. You always make me do everything, genius."
GENTLE = (
    "Thank you for cooking on Monday. I feel stretched about the weekends. "
    "Could we share the Saturday chores?"
)


def log_in(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log in")).to_have_count(0)
    page.wait_for_load_state("load")


def check(page, text: str) -> None:
    page.get_by_label("What you want to raise").fill(text)
    page.get_by_role("button", name="Check my words").click()
    page.wait_for_load_state("load")
    if page.context.rekindle_js_enabled:
        wait_for_htmx(page)


def expect_harsh_draft_explained(page) -> None:
    reading = page.get_by_role("region", name="What the helper noticed")
    expect(reading).to_be_visible()
    expect(reading.get_by_text(re.compile(r"^4 phrases might land harder than you mean"))).to_be_visible()
    marks = reading.locator("mark")
    expect(marks).to_have_text(["never", "You always make me", "do everything", "genius"])
    # Each kind of flag is explained: its phrases, why it may land badly, and what to try.
    for heading, phrases, why in (
        ("Sweeping words", ["“never”", "“always”", "“do everything”"], "turn one moment into a verdict"),
        ("Might land as blame", ["“You always make me”"], "can sound like a charge to answer"),
        ("Might read as sarcasm", ["“genius”"], "says the opposite of what it means"),
    ):
        item = reading.get_by_role("listitem").filter(has=page.get_by_role("heading", name=heading, exact=True))
        expect(item).to_have_count(1)
        expect(item.locator(".pill")).to_have_text(phrases)
        expect(item.get_by_text(why)).to_be_visible()
    expect(reading.get_by_text("Name one recent time instead")).to_be_visible()
    # The three-part shape, with the person's own words left blank.
    shape = page.get_by_role("region", name="A gentle shape")
    parts = shape.get_by_role("list", name="The three parts").get_by_role("listitem")
    expect(parts).to_have_count(3)
    for part, starter in zip(parts.all(), ("I appreciate …", "I feel … about …", "I need …"), strict=True):
        expect(part.locator("strong")).to_have_text(starter)
    fits = shape.get_by_role("list", name="How your draft fits the shape")
    expect(fits.get_by_text("You could start with one specific thing you appreciate")).to_be_visible()
    # The draft is still in the box, ready to soften.
    expect(page.get_by_label("What you want to raise")).to_have_value(HARSH)


def test_the_helper_flags_and_explains_a_harsh_draft(new_phone, live_server):
    person = make_person("Robin")  # no space needed: anyone logged in can draft
    page = new_phone(tz="Europe/London")
    log_in(page, live_server, person)
    page.goto(f"{live_server.url}/draft/")
    expect(page.get_by_role("heading", level=1, name="Say it gently")).to_be_visible()
    expect(page.get_by_text("Nothing you type here is saved or shown to your partner.")).to_be_visible()
    assert_accessible(page)
    shot(page, "60-gentle-empty")

    # An empty draft: a kind message at the field, focus there.
    check(page, "")
    box = page.get_by_label("What you want to raise")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(re.compile(r"Write a few words first"))
    expect(box).to_be_focused()
    assert_accessible(page)

    # The harsh draft, checked in place by htmx: focus moves to what the helper noticed.
    check(page, HARSH)
    expect(page).to_have_url(f"{live_server.url}/draft/")
    expect_harsh_draft_explained(page)
    expect(page.get_by_role("heading", name="What the helper noticed")).to_be_focused()
    assert_accessible(page)
    shot(page, "61-gentle-harsh-draft")

    # In dark mode too, the marks and pills keep their contrast.
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    shot(page, "62-gentle-harsh-draft-dark")
    page.emulate_media(color_scheme="light")

    # A rewrite in the gentle shape is recognised.
    check(page, GENTLE)
    expect(page.get_by_text("This already has the gentle shape")).to_be_visible()
    expect(page.locator("mark")).to_have_count(0)
    assert_accessible(page)
    shot(page, "63-gentle-shape")

    # Overlong text (pasted past the box's limit): a kind message, every word kept.
    long_text = ("I want to talk about how the weekends go. " * 200)[:6000].strip()
    page.get_by_label("What you want to raise").evaluate("box => box.removeAttribute('maxlength')")
    check(page, long_text)
    box = page.get_by_label("What you want to raise")
    expect(box).to_have_accessible_description(re.compile(r"more than 5,000 characters"))
    expect(box).to_have_value(long_text)
    assert_accessible(page)

    # Emoji and odd characters are read, not refused.
    check(page, "Oh great, 🙄 you’re ALWAYS on your phone… 👩‍👩‍👧")
    expect(page.get_by_role("region", name="What the helper noticed").locator("mark")).to_have_text(
        ["Oh great", "🙄", "ALWAYS"]
    )
    assert_accessible(page)


def test_the_helper_works_without_javascript(new_phone, live_server):
    person = make_person("Sasha")
    page = new_phone(tz="Europe/London", java_script_enabled=False)
    log_in(page, live_server, person)
    page.goto(f"{live_server.url}/draft/")
    assert_accessible(page)
    check(page, HARSH)
    expect_harsh_draft_explained(page)
    assert_accessible(page)
    shot(page, "64-gentle-no-js")

    # A second plain post, rewritten in the gentle shape.
    check(page, GENTLE)
    expect(page.get_by_text("This already has the gentle shape")).to_be_visible()
    expect(page.locator("mark")).to_have_count(0)
