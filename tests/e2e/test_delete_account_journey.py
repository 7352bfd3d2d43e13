"""Alice closes her account from her profile: a wrong password is met kindly and loses nothing;
the right one signs her out to the welcome page, and bob's Today says only that she left."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rekindle.checkins import services as checkin_services
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import PASSWORD, make_person, pair
from tests.e2e.conftest import assert_accessible, go, shot
from tests.e2e.test_gentle_journey import log_in

pytestmark = pytest.mark.e2e

HER_WORDS = "Thank you for the tea this morning"


def test_alice_deletes_her_account_and_bob_sees_only_that_she_left(new_phone, live_server):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    checkin_services.appreciation_create(person=alice, couple=couple_for(alice), text=HER_WORDS, submission=None)

    page = new_phone(tz="Europe/London")
    log_in(page, live_server, alice)
    go(page, "Your profile")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1, name="Delete my account")).to_be_visible()
    expect(page.get_by_role("link", name="Download what I wrote")).to_be_visible()
    assert_accessible(page)
    shot(page, "delete-account")

    # A wrong password: a kind message by the field, and nothing is lost.
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label("Type DELETE to confirm").fill("DELETE")
    page.get_by_role("button", name="Delete my account and everything I wrote").click()
    expect(page.get_by_text("That isn't your password. Nothing has been deleted.")).to_be_visible()
    assert_accessible(page)
    shot(page, "delete-account-wrong-password")
    assert Person.objects.filter(pk=alice.pk).exists()

    # The right one: signed out, on the welcome page.
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type DELETE to confirm").fill("DELETE")
    page.get_by_role("button", name="Delete my account and everything I wrote").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Your account is closed")).to_be_visible()
    assert_accessible(page)
    shot(page, "delete-account-done")
    assert not Person.objects.filter(pk=alice.pk).exists()

    # Bob's Today: one neutral line, none of her words, and a way to invite someone new.
    his = new_phone(tz="Europe/London")
    log_in(his, live_server, bob)
    his.goto(f"{live_server.url}/today/")
    expect(his.get_by_text("Your partner left this space on")).to_be_visible()
    expect(his.get_by_role("button", name="Invite my partner")).to_be_visible()
    expect(his.get_by_text(HER_WORDS)).to_have_count(0)
    assert_accessible(his)
    shot(his, "delete-account-partner-today")
