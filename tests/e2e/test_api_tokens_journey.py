"""API tokens in Chromium: Alice makes one from Me, sees it once, copies it, uses it, revokes it;
the API's own docs page loads its vendored Swagger UI under the strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import make_person, pair
from tests.e2e.conftest import assert_accessible, go, shot
from tests.e2e.test_news_journey import log_in

pytestmark = pytest.mark.e2e


def test_making_seeing_once_and_revoking_a_token(new_phone, live_server, same_date_everywhere):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    phone = new_phone(tz="Europe/London")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(phone, live_server, alice)
    go(phone, "Me")
    phone.get_by_role("main").get_by_role("link", name="API tokens").click()
    expect(phone.get_by_role("heading", level=1, name="Your API tokens")).to_be_visible()
    assert_accessible(phone)

    phone.get_by_role("button", name="Make a token").click()  # no name yet
    expect(phone.get_by_text("Give it a name you'll recognise")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_label("Name").fill("Kitchen dashboard")
    phone.get_by_label("Read and write").check()
    phone.get_by_role("button", name="Make a token").click()
    expect(phone.get_by_role("heading", name="Your new token “Kitchen dashboard”")).to_be_visible()
    secret = phone.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("rk_")
    phone.get_by_role("button", name="Copy the token").click()
    expect(phone.get_by_text("Copied.")).to_be_visible()
    assert phone.evaluate("navigator.clipboard.readText()") == secret
    assert_accessible(phone)
    shot(phone, "api-token-made")

    used = phone.request.get(f"{live_server.url}/api/checkins/today", headers={"Authorization": f"Bearer {secret}"})
    assert used.status == 200 and used.json()["mine"] is None

    phone.reload()  # shown once: a reload neither shows it again nor makes a second one
    expect(phone.get_by_role("heading", name="Your new token “Kitchen dashboard”")).to_be_hidden()
    assert secret not in phone.content()
    assert phone.locator("li strong", has_text="Kitchen dashboard").count() == 1
    phone.get_by_role("button", name="Revoke “Kitchen dashboard”").click()
    expect(phone.get_by_text("“Kitchen dashboard” is revoked: it no longer works.")).to_be_visible()
    assert_accessible(phone)
    shot(phone, "api-token-revoked")
    refused = phone.request.get(f"{live_server.url}/api/checkins/today", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401

    phone.get_by_role("link", name="API's documentation").click()
    # The vendored Swagger UI runs under the strict CSP (a violation fails the test). It is ninja's
    # page (our template gives it a language and a main landmark), but axe finds faults in Swagger UI
    # itself (contrast, heading order, buttons nested in its operation rows) that only patching it
    # would mend, so axe isn't run here.
    expect(phone.get_by_text("/api/checkins/today").first).to_be_visible()
    shot(phone, "api-docs")
