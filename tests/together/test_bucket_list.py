import datetime as dt
import json
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.spaces.selectors import couple_for
from rekindle.together import selectors, services
from rekindle.together.models import BucketItem
from tests.conftest import client_for
from rekindle.spaces.exports import export_for
from tests.portability.zips import archive_text

BUCKET = reverse("together_bucket")


def done_url(item):
    return reverse("together_bucket_done", kwargs={"item_id": item.pk})


def remove_url(item):
    return reverse("together_bucket_remove", kwargs={"item_id": item.pk})


def test_adding_your_own_item_with_a_note(couple, as_alice):
    alice, _ = couple
    response = as_alice.post(BUCKET, {"title": "  Pottery class for beginners ", "note": "Thursday evenings?"})
    assert response.status_code == 302
    item = BucketItem.objects.get()
    assert (item.author, item.title, item.note, item.idea_id) == (alice, "Pottery class for beginners", "Thursday evenings?", "")
    assert "is on your list" in as_alice.get(BUCKET).content.decode()


def test_a_double_submitted_item_is_added_once(as_alice):
    form = {"title": "Sunrise from the hill", "submission": str(uuid.uuid4())}
    for _ in range(2):
        as_alice.post(BUCKET, form)
    assert BucketItem.objects.count() == 1


def test_an_empty_or_overlong_item_gets_a_message_at_the_field_and_keeps_what_was_typed(as_alice):
    response = as_alice.post(BUCKET, {"title": "   ", "note": "Kept note words"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give it a short name" in body and "Kept note words" in body
    response = as_alice.post(BUCKET, {"title": "x" * 81})
    assert "keep the name to 80 characters" in response.content.decode()
    assert not BucketItem.objects.exists()


def test_adding_with_htmx_returns_the_list_with_the_new_item_and_a_fresh_form(as_alice):
    response = as_alice.post(BUCKET, {"title": "Picnic by the river"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "“Picnic by the river” is on your list." in body
    assert 'value="Picnic by the river"' not in body


def test_an_htmx_error_is_swapped_in_with_focus_on_the_field(as_alice):
    response = as_alice.post(BUCKET, {"title": ""}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give it a short name" in body and "data-focus-after-swap" in body


def test_marking_done_with_a_date_and_a_line_makes_a_memory(couple, as_bob, add_item):
    alice, bob = couple
    item = add_item(alice, "Museum we always drive past")
    yesterday = bob.today() - dt.timedelta(days=1)
    response = as_bob.post(done_url(item), {"done_on": yesterday.isoformat(), "memory": "The dinosaur room!"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.done_on, item.done_by, item.memory) == (yesterday, bob, "The dinosaur room!")
    body = client_for(alice).get(BUCKET).content.decode()
    done = body.split('id="done-together"')[1]
    assert "Museum we always drive past" in done and "The dinosaur room!" in done and "— Bob" in done


def test_the_done_form_defaults_to_the_viewers_own_today(couple, add_item):
    alice, _ = couple
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    add_item(alice)
    with time_machine.travel(dt.datetime(2025, 3, 1, 20, 0, tzinfo=dt.UTC)):  # already 2 March in Auckland
        body = client_for(alice).get(BUCKET).content.decode()
    assert 'value="2025-03-02"' in body and 'max="2025-03-02"' in body


def test_a_future_date_is_refused_kindly_and_keeps_the_line(couple, as_alice, add_item):
    alice, _ = couple
    item = add_item(alice)
    tomorrow = alice.today() + dt.timedelta(days=1)
    response = as_alice.post(done_url(item), {"done_on": tomorrow.isoformat(), "memory": "Words to keep"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "That day hasn&#x27;t come yet" in body and "Words to keep" in body
    item.refresh_from_db()
    assert item.done_on is None


def test_a_future_date_by_htmx_swaps_the_item_back_with_the_message(couple, as_alice, add_item):
    alice, _ = couple
    item = add_item(alice)
    tomorrow = alice.today() + dt.timedelta(days=1)
    response = as_alice.post(done_url(item), {"done_on": tomorrow.isoformat()}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.strip().startswith(f'<li id="bucket-item-{item.pk}"')
    assert "That day hasn&#x27;t come yet" in body and "<details class=\"reply\" open>" in body


def test_a_garbled_date_gets_a_message_not_an_error_page(couple, as_alice, add_item):
    item = add_item(couple[0])
    response = as_alice.post(done_url(item), {"done_on": "next tuesday"})
    assert response.status_code == 400
    assert "doesn&#x27;t look like a date" in response.content.decode()


def test_marking_done_with_htmx_swaps_the_item_in_place(couple, as_alice, add_item):
    alice, _ = couple
    item = add_item(alice, "Dance class")
    response = as_alice.post(done_url(item), {"done_on": alice.today().isoformat(), "memory": "Two left feet"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.strip().startswith(f'<li id="bucket-item-{item.pk}"')
    assert "one of your memories now" in body and "Two left feet" in body


def test_marking_done_twice_is_safe(couple, add_item):
    alice, bob = couple
    item = add_item(alice)
    today = alice.today()
    for _ in range(2):
        services.bucket_item_mark_done(person=alice, couple=couple_for(alice), item_id=item.pk, done_on=today, memory="Yes")
    with pytest.raises(ValidationError) as exc:
        services.bucket_item_mark_done(person=bob, couple=couple_for(bob), item_id=item.pk, done_on=today, memory="Me too")
    assert exc.value.code == "already_done"
    item.refresh_from_db()
    assert (item.done_by, item.memory) == (alice, "Yes")


def test_memories_are_newest_first_and_paginated(couple, add_item):
    alice, _ = couple
    today = alice.today()
    for days_ago in range(25):
        item = add_item(alice, f"Adventure {days_ago}")
        services.bucket_item_mark_done(
            person=alice, couple=couple_for(alice), item_id=item.pk, done_on=today - dt.timedelta(days=days_ago)
        )
    first = selectors.done_items(alice, couple_for(alice), 1)
    assert [i.title for i in first.object_list][:2] == ["Adventure 0", "Adventure 1"]
    body = client_for(alice).get(BUCKET, {"page": 2}).content.decode()
    assert "Adventure 24" in body and "Adventure 0<" not in body and "Page 2 of 2" in body


def test_you_can_remove_what_you_added_but_not_what_your_partner_added(couple, as_alice, as_bob, add_item):
    alice, _ = couple
    item = add_item(alice, "Karaoke")
    response = as_bob.post(remove_url(item), follow=True)
    assert "Only the one who added it" in response.content.decode()
    assert "Take it off the list" not in as_bob.get(BUCKET).content.decode()
    as_alice.post(remove_url(item))
    assert not BucketItem.objects.exists()
    response = as_alice.post(remove_url(item), follow=True)  # a double submit
    assert response.status_code == 200 and "isn&#x27;t on your bucket list" in response.content.decode()


def test_removing_with_htmx_leaves_a_short_note_in_place(couple, as_alice, add_item):
    item = add_item(couple[0], "Stargazing")
    body = as_alice.post(remove_url(item), HTTP_HX_REQUEST="true").content.decode()
    assert "“Stargazing” is off the list." in body


def test_partner_sees_the_items_and_notes_you_added(couple, as_bob, add_item):
    alice, _ = couple
    add_item(alice, "Alice's idea", note="Alice's note")
    body = as_bob.get(BUCKET).content.decode()
    assert "Alice&#x27;s idea" in body and "Alice&#x27;s note" in body and "Added by Alice" in body


def test_a_solo_person_keeps_a_list_of_their_own(erin, add_item):
    add_item(erin, "Learn to juggle")
    assert "Learn to juggle" in client_for(erin).get(BUCKET).content.decode()


def test_export_holds_only_what_you_wrote(couple, add_item):
    alice, bob = couple
    mine = add_item(alice, "ALICE item", note="ALICE note")
    theirs = add_item(bob, "BOB item")
    services.bucket_item_mark_done(person=bob, couple=couple_for(bob), item_id=mine.pk, done_on=bob.today(), memory="BOB memory")
    services.bucket_item_mark_done(person=alice, couple=couple_for(alice), item_id=theirs.pk, done_on=alice.today(), memory="ALICE memory")
    assert "BOB" not in archive_text(alice)
    rows = export_for(alice)["bucket_list"]
    assert [(i["title"], i["note"], i["memory"]) for i in rows] == [("ALICE item", "ALICE note", None)]
    # With what they share: bob's item, with the line alice wrote on it, and never bob's line on hers.
    shared = export_for(alice, include_shared=True)["bucket_list"]
    assert [(i["author"], i["title"], i["memory"]) for i in shared] == [
        ("me", "ALICE item", None), ("partner", "BOB item", "ALICE memory"),
    ]
