"""Reminders and the installable app in Chromium.

Alice opens Me → Reminders, switches the evening check-in on at her own time and saves; Bob
pauses his for a week. Chromium reports Rekindle installable (no installability errors), and
offline a page with their words is never served from the service worker's cache — the
offline page is.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rekindle.checkins import services as checkins
from rekindle.reminders.models import ReminderPreferences, ReminderSetting
from rekindle.reminders.tokens import unsubscribe_token
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, CSP_LISTENER, PHONE, assert_accessible, go, shot
from tests.e2e.test_news_journey import log_in

pytestmark = pytest.mark.e2e

ALICE_WORDS = "ALICE-SEALED-ROSE the first warm evening"


def test_choosing_reminders_on_two_phones(new_phone, live_server, same_date_everywhere):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    phone_a, phone_b = new_phone(tz="Europe/London"), new_phone(tz="Europe/London", color_scheme="dark")
    log_in(phone_a, live_server, alice)
    go(phone_a, "Me")
    phone_a.get_by_role("main").get_by_role("link", name="Reminders").click()
    expect(phone_a.get_by_role("heading", level=1, name="Reminders")).to_be_visible()
    assert_accessible(phone_a)
    shot(phone_a, "reminders-settings")
    phone_a.get_by_label("The daily check-in").check()
    phone_a.locator("#id_checkin_at").fill("20:30")
    phone_a.get_by_role("button", name="Save reminders").click()
    expect(phone_a.get_by_text("Saved. You can change these any time.")).to_be_visible()
    expect(phone_a.get_by_label("The daily check-in")).to_be_checked()
    assert_accessible(phone_a)
    setting = ReminderSetting.objects.get(person=alice, kind="checkin")
    assert setting.enabled and setting.at.strftime("%H:%M") == "20:30"

    log_in(phone_b, live_server, bob)
    phone_b.goto(f"{live_server.url}/me/reminders/")
    phone_b.get_by_label("The weekly meeting").check()
    phone_b.get_by_label("On", exact=True).first.select_option("Wednesday")
    phone_b.get_by_role("button", name="Save reminders").click()
    phone_b.get_by_role("button", name="Pause all for a week").click()
    expect(phone_b.get_by_role("heading", name="Paused until")).to_be_visible()
    assert_accessible(phone_b)
    shot(phone_b, "reminders-paused-dark")
    assert ReminderPreferences.objects.get(person=bob).is_paused()
    assert ReminderSetting.objects.get(person=bob, kind="meeting").weekday == 2

    # The link at the foot of Alice's e-mail, opened on a phone where nobody is signed in.
    stranger = new_phone(tz="Europe/London")
    token = unsubscribe_token(person_id=alice.pk, kind="checkin")
    stranger.goto(f"{live_server.url}/reminders/off/{token}/")
    expect(stranger.get_by_role("heading", name="Turn off this reminder?")).to_be_visible()
    assert_accessible(stranger)
    shot(stranger, "reminders-unsubscribe")
    stranger.get_by_role("button", name="Turn it off").click()
    expect(stranger.get_by_role("heading", name="Done — the daily check-in is off")).to_be_visible()
    assert_accessible(stranger)
    assert not ReminderSetting.objects.get(person=alice, kind="checkin").enabled


@pytest.fixture
def installed_phone(browser, tmp_path):
    """A phone with a real (not incognito) profile: Chromium never offers to install in incognito."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport=PHONE, locale="en-GB", timezone_id="Europe/London",
    )
    problems = []
    context.add_init_script(CSP_LISTENER)
    context.on("console", lambda m: problems.append(m.text) if "CSP violation" in m.text or "Content Security" in m.text else None)
    context.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    try:
        yield context.pages[0] if context.pages else context.new_page()
    finally:
        context.close()
    assert problems == []


def test_chromium_finds_rekindle_installable_and_offline_it_never_shows_a_cached_page_of_words(
    installed_phone, live_server, same_date_everywhere
):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    checkins.checkin_submit(person=alice, couple=couple_for(alice), answers={"rose": ALICE_WORDS, "bud": "b", "thorn": "t"},
                            revision=None)
    phone = installed_phone
    log_in(phone, live_server, alice)
    expect(phone.get_by_text(ALICE_WORDS)).to_be_visible()
    phone.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now controlled by the service worker
    phone.wait_for_function("!!navigator.serviceWorker.controller")

    cdp = phone.context.new_cdp_session(phone)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest.get("errors")

    # The profile page has the install hint, shown when the browser offers to install.
    phone.goto(f"{live_server.url}/me/profile/")
    assert_accessible(phone)

    cached = phone.evaluate(
        """async () => {
            const urls = [];
            for (const key of await caches.keys()) {
              const cache = await caches.open(key);
              for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
            }
            return urls;
        }"""
    )
    assert "/offline/" in cached
    assert all(url == "/offline/" or url.startswith("/static/") for url in cached), cached

    phone.context.set_offline(True)
    phone.goto(f"{live_server.url}/today/")
    expect(phone.get_by_role("heading", name="You're offline — your words are safe on your server")).to_be_visible()
    assert ALICE_WORDS not in phone.content()
    shot(phone, "offline")
    phone.goto(f"{live_server.url}/checkins/")
    expect(phone.get_by_role("heading", name="You're offline — your words are safe on your server")).to_be_visible()
    assert ALICE_WORDS not in phone.content()
    phone.context.set_offline(False)
    phone.goto(f"{live_server.url}/offline/")
    assert_accessible(phone)
