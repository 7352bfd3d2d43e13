"""Taking your words with you: Alice and Bob check in; Alice downloads her words with what they
share from the export page, and brings the ZIP to a new account, where hers come back as hers
and Bob's are left for him."""

from __future__ import annotations

import io
import json
import zipfile

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, check_in, go, shot, signup
from tests.e2e.test_together_journey import pair_up


def test_download_the_zip_on_one_account_and_bring_it_to_another(live_server, new_phone, same_date_everywhere, tmp_path):
    alice, bob = new_phone(tz="Europe/London"), new_phone(tz="America/New_York")
    pair_up(live_server, alice, bob)
    for page, who in ((alice, "Alice"), (bob, "Bob")):
        page.goto(f"{live_server.url}/today/")
        check_in(page, {"Rose": f"{who} rose words", "Bud": f"{who} bud", "Thorn": f"{who} thorn"})

    # --- Alice finds the page from Me, sees what is in it, and downloads with what they share.
    go(alice, "Me")
    alice.get_by_role("link", name="Download what I wrote").click()
    expect(alice.get_by_role("heading", level=1, name="Your words are yours")).to_be_visible()
    alice.get_by_text("What's in it").click()
    expect(alice.get_by_text("Check-ins", exact=True)).to_be_visible()
    alice.get_by_label("Include what we share").check()
    assert_accessible(alice)
    shot(alice, "export-page")
    with alice.expect_download() as caught:
        alice.get_by_role("button", name="Download my words").click()
    download = caught.value
    assert download.suggested_filename.startswith("rekindle-") and download.suggested_filename.endswith(".zip")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        readable = archive.read("index.html").decode()
    assert manifest["partner"] == {"name": "Bob"} and "Alice rose words" in readable and "Bob rose words" in readable

    # --- On a new account, she brings it in through the same page.
    fresh = new_phone(tz="Europe/London")
    signup(fresh, live_server, "Alice", "alice.new@example.com", tz="Europe/London")
    fresh.goto(f"{live_server.url}/me/export/")
    fresh.get_by_label("Your export file (a ZIP)").set_input_files(str(path))
    fresh.get_by_role("button", name="Bring my words here").click()
    expect(fresh.get_by_role("heading", level=1, name="Your words are here")).to_be_visible()
    expect(fresh.get_by_text("of your partner's entries were left out — they are theirs to bring")).to_be_visible()
    assert_accessible(fresh)
    shot(fresh, "export-imported")

    # Doing it twice adds nothing twice.
    fresh.goto(f"{live_server.url}/me/export/")
    fresh.get_by_label("Your export file (a ZIP)").set_input_files(str(path))
    fresh.get_by_role("button", name="Bring my words here").click()
    expect(fresh.get_by_text("Nothing new: everything in this file was already here.")).to_be_visible()
