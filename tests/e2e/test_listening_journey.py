"""Listening sessions in real browsers: two phones seeing each other's steps within about two
seconds (polling), a pause called by the listener showing on the speaker's phone, the topic
parked; and one phone passed between two partners. The breathing guide with and without motion."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person, pair
from tests.e2e.conftest import assert_accessible, shot, wait_for_htmx

SOON = 2_500  # "within about two seconds": one 1.5 s poll plus the round trip


def log_in(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def stage(page):
    return page.locator("#stage")


def test_two_phones_speak_listen_swap_and_pause(new_phone, live_server):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    phone_a, phone_b = new_phone(tz="Europe/London"), new_phone(tz="Europe/London")
    log_in(phone_a, live_server, alice)
    log_in(phone_b, live_server, bob)

    # Bob waits on the listening page; Alice starts a session there with two-minute turns.
    phone_b.goto(f"{live_server.url}/listen/")
    expect(phone_b.get_by_role("heading", level=1, name="Listening sessions")).to_be_visible()
    assert_accessible(phone_b)
    phone_a.goto(f"{live_server.url}/listen/")
    phone_a.get_by_label("What would you like to talk about?").fill("How we share the evenings")
    phone_a.get_by_label("Me (Alice)").check()
    phone_a.get_by_label("Length of each turn").select_option(label="2 minutes")
    phone_a.get_by_label("Two phones, one each").check()
    assert_accessible(phone_a)
    shot(phone_a, "60-listening-start")
    phone_a.get_by_role("button", name="Start").click()
    expect(stage(phone_a).get_by_role("heading", name="You speak, Bob listens")).to_be_visible()
    expect(stage(phone_a).get_by_text(re.compile(r"This turn: until \d\d:\d\d"))).to_be_visible()
    assert_accessible(phone_a)

    # Bob sees it appear without reloading, and joins.
    phone_b.get_by_role("link", name="Join Alice").click(timeout=SOON)
    expect(stage(phone_b).get_by_role("heading", name="Alice speaks, you listen")).to_be_visible()
    expect(phone_b.get_by_text("Alice has the floor")).to_be_visible()
    assert_accessible(phone_b)

    # Alice says a sentence or two; Bob's phone shows it and his step within about two seconds.
    phone_a.get_by_label("What would you like to say?").fill("I feel alone with the dishes most evenings.")
    phone_a.get_by_role("button", name="Say it").click()
    wait_for_htmx(phone_a)
    expect(phone_a.get_by_text("Bob is putting what they heard into their own words.")).to_be_visible()
    expect(phone_b.get_by_label("What did you hear?")).to_be_visible(timeout=SOON)
    expect(stage(phone_b).get_by_text("I feel alone with the dishes most evenings.")).to_be_visible()
    assert_accessible(phone_b)
    shot(phone_b, "61-listening-listener")

    # Bob reflects it back; Alice checks it and gives him the floor.
    phone_b.get_by_label("What did you hear?").fill("It sounds like evenings feel lonely for you.")
    phone_b.get_by_role("button", name="Reflect it back").click()
    expect(phone_a.get_by_text("Did Bob catch it?")).to_be_visible(timeout=SOON)
    assert_accessible(phone_a)
    shot(phone_a, "62-listening-check")
    phone_a.get_by_role("button", name="That's it — over to Bob").click()
    wait_for_htmx(phone_a)

    # The roles swap on both phones.
    expect(stage(phone_a).get_by_role("heading", name="Bob speaks, you listen")).to_be_visible()
    expect(stage(phone_b).get_by_role("heading", name="You speak, Alice listens")).to_be_visible(timeout=SOON)
    expect(phone_b.locator("#words").get_by_text("that's it")).to_be_visible()
    assert_accessible(phone_b)

    # Bob begins; now Alice, the listener, calls a pause, and Bob's phone shows it.
    phone_b.get_by_label("What would you like to say?").fill("I get home so tired that I freeze.")
    phone_b.get_by_role("button", name="Say it").click()
    expect(phone_a.get_by_label("What did you hear?")).to_be_visible(timeout=SOON)
    phone_a.get_by_label("Getting heated? Either of you can call a pause").select_option(label="30 minutes apart")
    phone_a.get_by_role("button", name="Call a pause").click()
    wait_for_htmx(phone_a)
    expect(stage(phone_a).get_by_text("You called a pause.")).to_be_visible()
    expect(stage(phone_b).get_by_text("Alice called a pause.")).to_be_visible(timeout=SOON)
    expect(stage(phone_b).get_by_text(re.compile(r"Back together at \d\d:\d\d"))).to_be_visible()
    assert_accessible(phone_b)
    shot(phone_b, "63-listening-paused")

    # The pause, the breathing guide, and the topic parked — not dropped.
    phone_b.get_by_role("link", name="More about this pause").click()
    expect(phone_b.get_by_role("heading", name=re.compile(r"Time apart until \d\d:\d\d"))).to_be_visible()
    expect(phone_b.get_by_text("Alice called a pause at")).to_be_visible()
    assert_accessible(phone_b)
    phone_b.get_by_role("link", name="Parked topics").first.click()
    parked = phone_b.get_by_role("region", name="Waiting for you")
    expect(parked.get_by_text("How we share the evenings", exact=True)).to_be_visible()
    expect(parked.get_by_role("link", name=re.compile(r"^Pick this up again"))).to_be_visible()
    assert_accessible(phone_b)
    shot(phone_b, "64-parked-topics")


def test_one_phone_passed_between_partners(new_phone, live_server):
    carol, dave = make_person("Carol"), make_person("Dave")
    pair(carol, dave, "Carol & Dave")
    phone = new_phone(tz="Europe/London")
    log_in(phone, live_server, dave)

    phone.goto(f"{live_server.url}/listen/")
    phone.get_by_label("What would you like to talk about?").fill("Visiting family at the holidays")
    phone.get_by_label("Me (Dave)").check()
    phone.get_by_label("One phone, passed between us").check()
    phone.get_by_role("button", name="Start").click()
    expect(stage(phone).get_by_role("heading", name="Dave speaks, Carol listens")).to_be_visible()
    assert_accessible(phone)

    phone.get_by_label("Dave, what would you like to say?").fill("I'd like one quiet day for just us.")
    phone.get_by_role("button", name="Say it").click()
    wait_for_htmx(phone)
    expect(stage(phone).get_by_role("heading", name="Dave speaks, Carol listens — pass the phone to Carol")).to_be_visible()
    assert_accessible(phone)
    shot(phone, "65-one-phone-pass")

    phone.get_by_label("Carol, what did you hear?").fill("You want a day without visits.")
    phone.get_by_role("button", name="Reflect it back").click()
    wait_for_htmx(phone)
    expect(phone.get_by_text("Dave, did Carol catch it?")).to_be_visible()
    phone.get_by_role("button", name="That's it — over to Carol").click()
    wait_for_htmx(phone)
    expect(stage(phone).get_by_role("heading", name="Carol speaks, Dave listens — pass the phone to Carol")).to_be_visible()
    expect(phone.get_by_label("Carol, what would you like to say?")).to_be_visible()
    assert_accessible(phone)

    # Sitting together, Carol just says it out loud; nothing needs typing.
    phone.get_by_role("button", name="Said it out loud instead").click()
    wait_for_htmx(phone)
    expect(phone.get_by_label("Dave, what did you hear?")).to_be_visible()

    # A shared note, kept from one of them.
    phone.get_by_role("radio", name="Carol", exact=True).check()
    phone.get_by_label("Add a note for you both").fill("Ask about the 27th.")
    phone.get_by_role("button", name="Keep this note").click()
    wait_for_htmx(phone)
    expect(phone.locator("#notes-list").get_by_text("Ask about the 27th.")).to_be_visible()
    expect(phone.locator("#notes-list").get_by_text(re.compile(r"^Carol noted"))).to_be_visible()
    assert_accessible(phone)

    # A reload loses nothing, not even half-typed words.
    phone.get_by_label("Dave, what did you hear?").fill("You'd like")
    phone.reload()
    expect(stage(phone).get_by_role("heading", name=re.compile(r"^Carol speaks, Dave listens"))).to_be_visible()
    expect(phone.locator("#words").get_by_text("You want a day without visits.")).to_be_visible()
    expect(phone.get_by_label("Dave, what did you hear?")).to_have_value("You'd like")

    # They finish: both feel heard.
    phone.get_by_text("Finish, or set it aside").click()
    phone.get_by_role("button", name="We both feel heard — end here").click()
    wait_for_htmx(phone)
    expect(stage(phone).get_by_role("heading", name="This conversation has ended")).to_be_visible()
    assert_accessible(phone)


def test_breathing_guide_moves_only_when_motion_is_welcome(new_phone, live_server):
    erin = make_person("Erin")
    from rekindle.spaces import services as space_services

    space_services.space_create(person=erin, name="Just me")
    calm = new_phone(reduced_motion="reduce")
    log_in(calm, live_server, erin)
    calm.goto(f"{live_server.url}/pause/breathe/")
    expect(calm.get_by_role("heading", level=1, name="Breathe")).to_be_visible()
    calm.get_by_role("button", name="Start breathing").click()
    expect(calm.get_by_text("Breathe in", exact=True)).to_be_visible()
    expect(calm.locator("#breath-shape")).to_be_hidden()  # a text-only rhythm
    assert_accessible(calm)
    calm.get_by_role("button", name="Stop").click()
    expect(calm.get_by_text("Stopped. Start again whenever you like.")).to_be_visible()

    moving = new_phone(reduced_motion="no-preference")
    log_in(moving, live_server, erin)
    moving.goto(f"{live_server.url}/pause/breathe/")
    moving.get_by_role("button", name="Start breathing").click()
    expect(moving.locator("#breath-shape")).to_be_visible()
    expect(moving.get_by_text("Breathe in", exact=True)).to_be_visible()
    expect(moving.get_by_text("Breathe out", exact=True)).to_be_visible(timeout=6_000)
    assert_accessible(moving)
    shot(moving, "66-breathing-guide")
