"""News from each other on two phones: Bob reflects, answers, marks a step and replies;
Alice's Today lists each as news with a link to it, the navigation shows an unread mark,
and once she has looked the mark is gone and the news reads as seen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rekindle.checkins import services as checkins
from rekindle.news.models import NewsItem
from rekindle.programs import services as programs
from rekindle.prompts import services as prompts
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import PASSWORD, make_person, pair
from tests.e2e.conftest import DESKTOP, assert_accessible, go, shot, wait_for_htmx

pytestmark = pytest.mark.e2e

ALICE_ROSE = "ALICE-SEALED-ROSE a walk by the canal"
BOB_ANSWER = "BOB-ANSWER a cabin by a lake"
BOB_REPLY = "BOB-REPLY that made my day"
BOB_REFLECTION = "BOB-REFLECTION it sounds like the walk calmed you"


def log_in(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def unread_mark(page):
    return page.get_by_role("navigation", name="Main").locator("[data-unread-mark]")


def test_bobs_doings_reach_alices_today_as_news(new_phone, live_server, same_date_everywhere):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    ab = couple_for(alice)
    mine = checkins.checkin_submit(person=alice, couple=ab, answers={"rose": ALICE_ROSE, "bud": "b", "thorn": "t"}, revision=None)
    checkins.checkin_submit(person=bob, couple=couple_for(bob), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None)
    appreciation = checkins.appreciation_create(person=alice, couple=ab, text="Thank you for the soup", submission=None)
    run = programs.program_start(person=alice, couple=ab, slug="reconnect-30")
    draw = prompts.draw_prompt(person=alice, couple=ab, deck_slug="dreams")
    NewsItem.objects.all().delete()
    Person.objects.update(news_feed=[], news_unread=0)

    phone_a, phone_b = new_phone(tz="Europe/London"), new_phone(tz="Europe/London")
    log_in(phone_a, live_server, alice)
    expect(phone_a.get_by_text("Nothing new from Bob since your last visit.")).to_be_visible()
    expect(unread_mark(phone_a)).to_have_count(0)
    assert_accessible(phone_a)
    log_in(phone_b, live_server, bob)

    # --- Bob reflects Alice's rose on the day page.
    phone_b.goto(f"{live_server.url}/checkins/{mine.local_date.isoformat()}/")
    rose = phone_b.locator("li", has=phone_b.get_by_label("Reflect their rose"))
    rose.get_by_label("Reflect their rose").fill(BOB_REFLECTION)
    rose.get_by_role("button", name="Send").click()
    wait_for_htmx(phone_b)
    expect(phone_b.get_by_text(f"You heard: {BOB_REFLECTION}")).to_be_visible()

    # --- He answers tonight's question from Today.
    phone_b.goto(f"{live_server.url}/today/")
    phone_b.locator("#tonight").get_by_role("link", name="Answer it").click()
    card = phone_b.locator("#answer-card")
    card.get_by_label("Your answer").fill(BOB_ANSWER)
    card.get_by_role("button", name="Save my answer").click()
    wait_for_htmx(phone_b)
    expect(phone_b.get_by_text("Saved. It stays sealed until Alice answers.")).to_be_visible()

    # --- He marks day 1 of the challenge.
    phone_b.goto(f"{live_server.url}/programs/runs/{run.pk}/1/")
    phone_b.get_by_role("button", name="I did this").first.click()
    wait_for_htmx(phone_b)
    expect(phone_b.get_by_text("You did this").first).to_be_visible()

    # --- He replies to Alice's appreciation.
    go(phone_b, "Appreciations")
    item = phone_b.locator(f"#appreciation-{appreciation.pk}")
    item.locator("summary").click()
    item.get_by_label("Your reply").fill(BOB_REPLY)
    item.get_by_role("button", name="Send reply").click()
    wait_for_htmx(phone_b)
    expect(phone_b.get_by_text(f"Your reply: {BOB_REPLY}")).to_be_visible()

    # --- Alice, on another page, sees the unread mark next to "Today".
    # (Not Appreciations: with the tab bar it is reached through Today, where the news is seen.)
    go(phone_a, "Together")
    expect(unread_mark(phone_a)).to_be_visible()
    expect(unread_mark(phone_a)).to_have_text("New from Bob")
    expect(phone_a.get_by_role("navigation", name="Main").get_by_role("link", name="Today", exact=True)).to_be_visible()
    shot(phone_a, "40-nav-unread-mark")

    # --- Her Today lists each as news, newest first, each marked new and linking to the thing.
    go(phone_a, "Today")
    news = phone_a.locator("#news-card")
    expect(news.get_by_role("heading", name="Since you were last here")).to_be_visible()
    expected = [
        ("Bob replied to your appreciation.", f"/appreciations/#appreciation-{appreciation.pk}"),
        ("Bob marked day 1 of the 30-day reconnection challenge.", f"/programs/runs/{run.pk}/1/"),
        ("Bob answered tonight's question.", f"/talk/draws/{draw.pk}/"),
        ("Bob reflected your rose.", f"/checkins/{mine.local_date.isoformat()}/#mine-rose-{mine.local_date:%Y%m%d}"),
    ]
    items = news.get_by_role("listitem")
    expect(items).to_have_count(len(expected))
    for index, (sentence, href) in enumerate(expected):
        row = items.nth(index)
        expect(row.get_by_role("link", name=sentence)).to_have_attribute("href", href)
        expect(row.get_by_text("New", exact=True)).to_be_visible()
    text = news.inner_text()
    for words in (ALICE_ROSE, BOB_ANSWER, BOB_REPLY, BOB_REFLECTION, "Thank you for the soup"):
        assert words not in text, f"news carried someone's words: {words!r}"
    expect(unread_mark(phone_a)).to_have_count(0)  # the news is right here
    wait_for_htmx(phone_a)  # the page tells the server it was seen
    expect(news.get_by_role("button", name="Mark these as seen")).to_have_count(0)
    assert_accessible(phone_a)
    shot(phone_a, "41-today-news")

    # --- The links lead to the things.
    news.get_by_role("link", name="Bob reflected your rose.").click()
    expect(phone_a.get_by_text(f"Bob heard: {BOB_REFLECTION}")).to_be_visible()
    assert_accessible(phone_a)

    # --- After she looked, the mark is gone and the news reads as seen.
    expect(unread_mark(phone_a)).to_have_count(0)
    go(phone_a, "Today")
    expect(phone_a.locator("#news-card").get_by_role("listitem")).to_have_count(len(expected))
    expect(phone_a.locator("#news-card").get_by_text("New", exact=True)).to_have_count(0)
    assert_accessible(phone_a)

    # --- The card on a laptop in dark mode.
    desktop = new_phone(tz="Europe/London", viewport=DESKTOP, color_scheme="dark",
                        storage_state=phone_a.context.storage_state())
    desktop.goto(f"{live_server.url}/today/")
    expect(desktop.get_by_role("heading", name="Since you were last here")).to_be_visible()
    assert_accessible(desktop)


def test_the_news_works_without_javascript(new_phone, live_server, same_date_everywhere):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text="Thanks for the tea", submission=None)
    phone = new_phone(tz="Europe/London", java_script_enabled=False)
    log_in(phone, live_server, alice)
    news = phone.locator("#news-card")
    expect(news.get_by_role("link", name="Bob shared an appreciation for you.")).to_be_visible()
    assert_accessible(phone)
    news.get_by_role("button", name="Mark these as seen").click()
    phone.wait_for_url("**/today/")
    expect(phone.locator("#news-card").get_by_text("New", exact=True)).to_have_count(0)
    expect(unread_mark(phone)).to_have_count(0)
    assert re.search(r"Bob shared an appreciation", phone.locator("#news-card").inner_text())
    assert_accessible(phone)
