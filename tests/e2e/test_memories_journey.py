"""The memory book on two phones: Alice adds a memory with two photos, Bob adds what he
remembers, both see it; on its anniversary it comes back on Today, unless hidden; a private
note never reaches Bob."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, shot, wait_for_htmx
from tests.e2e.test_together_journey import pair_up
from tests.memories.helpers import has_metadata, jpeg_with_gps, png

pytestmark = pytest.mark.e2e

NOTE = "A private thought just for me about the holidays"


def photo_files(tmp_path):
    paths = []
    for upload in (jpeg_with_gps("beach.jpg"), png("sunset.png", size=(900, 600))):
        path = tmp_path / upload.name
        path.write_bytes(upload.read())
        paths.append(str(path))
    return paths


def test_a_memory_with_photos_both_partners_and_on_this_day(live_server, new_phone, same_date_everywhere, tmp_path):
    alice, bob = new_phone(tz="Europe/London"), new_phone(tz="America/New_York")
    pair_up(live_server, alice, bob)
    today = dt.datetime.now(dt.UTC).date()
    then = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today - dt.timedelta(days=366)

    # --- Alice adds last year's memory from this day, with two photos, from Together.
    alice.goto(f"{live_server.url}/together/")
    alice.get_by_role("link", name="Memories").click()
    expect(alice.get_by_role("heading", level=1, name="Our memories")).to_be_visible()
    assert_accessible(alice)
    alice.get_by_role("link", name="Add a memory").click()
    alice.get_by_label("What was it?").fill("Rain at the beach")
    alice.get_by_label("The day").fill(then.isoformat())
    alice.get_by_label("Where (optional)").fill("Brighton")
    alice.get_by_label("A few lines (optional)").fill("Chips in the car, the windows all steamed up.")
    alice.get_by_label("Photos (optional, up to 10)").set_input_files(photo_files(tmp_path))
    assert_accessible(alice)
    shot(alice, "60-memory-new")
    alice.get_by_role("button", name="Save the memory").click()
    expect(alice.get_by_text("“Rain at the beach” is in your memory book.")).to_be_visible()
    expect(alice.locator(".memory-photos img")).to_have_count(2)
    assert_accessible(alice)

    # The photo the browser gets carries no location.
    src = alice.locator(".memory-photos img").first.get_attribute("src")
    body = alice.request.get(f"{live_server.url}{src}").body()
    assert has_metadata(body) == []

    # --- Bob sees it on the timeline and adds what he remembers.
    bob.goto(f"{live_server.url}/together/memories/")
    expect(bob.get_by_role("link", name="Rain at the beach")).to_be_visible()
    assert_accessible(bob)
    bob.get_by_role("link", name="Rain at the beach").click()
    expect(bob.locator(".memory-photos img")).to_have_count(2)
    bob.get_by_label("What I remember").fill("You sang the whole way home.")
    bob.get_by_role("button", name="Add my line").click()
    expect(bob.get_by_text("Your line is saved.")).to_be_visible()
    assert_accessible(bob)

    alice.reload()
    expect(alice.get_by_text("You sang the whole way home.")).to_be_visible()
    shot(alice, "61-memory-detail")

    # A second memory the same day, which Bob will ask not to see again on Today.
    alice.goto(f"{live_server.url}/together/memories/new/")
    alice.get_by_label("What was it?").fill("The phone call from the hospital")
    alice.get_by_label("The day").fill(then.isoformat())
    alice.get_by_role("button", name="Save the memory").click()
    expect(alice.get_by_text("is in your memory book.")).to_be_visible()

    # --- It's the anniversary: Today brings one of them back, for both.
    alice.goto(f"{live_server.url}/today/")
    card = alice.locator("#on-this-day")
    expect(card.get_by_role("heading", name="On this day, 1 year ago")).to_be_visible()
    wait_for_htmx(alice)
    expect(card.locator(".item-title a")).to_have_count(1)
    assert_accessible(alice)
    shot(alice, "62-today-on-this-day")

    # Bob hides the hospital memory from his Today; the beach is all that comes back to him.
    bob.goto(f"{live_server.url}/together/memories/")
    bob.get_by_role("link", name="The phone call from the hospital").click()
    bob.get_by_role("button", name="Don't bring this one back to me").click()
    expect(bob.get_by_text("We won't bring this one back to you on Today.")).to_be_visible()
    bob.goto(f"{live_server.url}/today/")
    bob_card = bob.locator("#on-this-day")
    wait_for_htmx(bob)
    expect(bob_card.get_by_role("link", name="Rain at the beach")).to_be_visible()
    expect(bob.get_by_text("The phone call from the hospital")).to_have_count(0)
    # And from the card itself he can hide the beach too: then nothing comes back to him.
    bob_card.get_by_role("button", name="Don't bring this one back to me").click()
    expect(bob.locator("#on-this-day")).to_have_count(0)
    assert_accessible(bob)

    # The next day (the server's clock moved on a day), the card has gone again.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1), tick=True):
        alice.goto(f"{live_server.url}/today/")
        expect(alice.get_by_role("heading", level=1, name="Today")).to_be_visible()
        expect(alice.locator("#on-this-day")).to_have_count(0)

    # --- The timeline and the photo grid, on a phone.
    alice.goto(f"{live_server.url}/together/memories/")
    expect(alice.get_by_role("heading", level=2, name=str(then.year))).to_be_visible()
    alice.get_by_label("A small win, in one line").fill("We laughed about the burnt toast")
    alice.get_by_role("button", name="Note it").click()
    expect(alice.get_by_text("Noted. Small wins count.")).to_be_visible()
    expect(alice.get_by_text("We laughed about the burnt toast")).to_be_visible()
    assert_accessible(alice)
    shot(alice, "63-memories-timeline")
    alice.get_by_role("link", name="All photos").click()
    expect(alice.locator(".photo-grid img")).to_have_count(2)
    assert_accessible(alice)
    shot(alice, "64-memories-photos")

    # --- A private note never reaches Bob.
    alice.goto(f"{live_server.url}/me/")
    alice.get_by_role("link", name="Private notes").click()
    alice.get_by_label("A note for yourself").fill(NOTE)
    alice.get_by_role("button", name="Save the note").click()
    expect(alice.get_by_text("Saved, just for you.")).to_be_visible()
    expect(alice.get_by_text(NOTE)).to_be_visible()
    assert_accessible(alice)
    shot(alice, "65-private-notes")
    alice.get_by_role("link", name="Change").first.click()
    expect(alice.get_by_role("heading", level=1, name="Change a note")).to_be_visible()
    assert_accessible(alice)
    for path in ("/me/notes/", "/today/", "/together/memories/", "/me/notes/1/"):
        bob.goto(f"{live_server.url}{path}")
        expect(bob.get_by_text(NOTE)).to_have_count(0)

    # --- Changing and deleting a memory: its author's pages, and a mistake kindly refused.
    alice.goto(f"{live_server.url}/together/memories/")
    alice.get_by_role("link", name="Rain at the beach").click()
    alice.get_by_role("link", name="Change it").click()
    alice.get_by_label("The day").fill("")
    alice.get_by_label("Or roughly when").fill("some day")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("We couldn't read that.")).to_be_visible()
    assert_accessible(alice)
    alice.get_by_label("Or roughly when").fill("summer 2025")
    alice.get_by_role("button", name="Save").click()
    expect(alice.get_by_text("summer 2025")).to_be_visible()
    alice.get_by_role("link", name="Delete it…").click()
    expect(alice.get_by_text("1 of the photos was added by Bob")).to_have_count(0)
    assert_accessible(alice)
    alice.get_by_role("button", name="Delete it").click()
    expect(alice.get_by_text("“Rain at the beach” is deleted, with its photos.")).to_be_visible()


def photo_like(name: str, seed: int):
    """A 1600 × 1200 picture with grain, so it weighs what a real photo does once made small."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.memories.helpers import picture

    base = picture(1600, 1200).rotate(seed * 37 % 360)
    # Detail at the scale a thumbnail keeps (leaves, faces, a crowd): noise drawn small, then enlarged.
    grain = Image.merge("RGB", [Image.effect_noise((160, 120), 60 + seed % 20).resize((1600, 1200)) for _ in range(3)])
    out = io.BytesIO()
    Image.blend(base, grain, 0.45).save(out, "JPEG", quality=90)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_the_timeline_weighs_under_300_kb_on_first_view(live_server, new_phone, couple):
    """Thirty memories with photos: the page, its styles and scripts and the thumbnails a phone
    fetches on first view come to less than 300 KB."""
    from django.test import Client

    from rekindle.memories import services
    from rekindle.spaces.selectors import couple_for

    alice, _ = couple
    for n in range(30):
        services.memory_add(
            person=alice, couple=couple_for(alice), title=f"Memory number {n}", text="A day worth keeping. " * 4,
            date=alice.today() - dt.timedelta(days=20 * n + 1), photos=[photo_like(f"{n}.jpg", n)],
        )
    client = Client()
    client.force_login(alice)
    page = new_phone(tz="Europe/London")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    sizes = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(f"{live_server.url}/together/memories/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name="Memory number 0")).to_be_visible()
    thumbs = [url for url in sizes if url.endswith("/small/")]
    assert thumbs, "the timeline shows thumbnails"
    assert all("/small/" in (img or "") for img in page.locator(".memory-thumb").evaluate_all("els => els.map(e => e.src)"))
    total = sum(sizes.values())
    assert total < 300_000, f"{total} bytes on first view: {sorted(sizes.items(), key=lambda kv: -kv[1])[:8]}"
    assert_accessible(page)
