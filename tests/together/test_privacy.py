from django.urls import reverse

from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from rekindle.together import services
from rekindle.together.models import BucketItem
from tests.conftest import client_for
from tests.portability.zips import archive_text

BUCKET = reverse("together_bucket")


def test_another_couple_can_neither_see_nor_touch_an_item(couple, other_couple, add_item):
    alice, _ = couple
    carol, _ = other_couple
    item = add_item(alice, "ALICE-PRIVATE picnic")
    as_carol = client_for(carol)
    assert "ALICE-PRIVATE" not in as_carol.get(BUCKET).content.decode()
    for url, data in (
        (reverse("together_bucket_done", kwargs={"item_id": item.pk}), {"done_on": carol.today().isoformat(), "memory": "Mine now"}),
        (reverse("together_bucket_remove", kwargs={"item_id": item.pk}), {}),
    ):
        response = as_carol.post(url, data, follow=True)
        body = response.content.decode()
        assert response.status_code == 200
        assert "isn&#x27;t on your bucket list" in body and "ALICE-PRIVATE" not in body
        htmx = as_carol.post(url, data, HTTP_HX_REQUEST="true")
        assert htmx["HX-Redirect"] == BUCKET and "ALICE-PRIVATE" not in htmx.content.decode()
    item.refresh_from_db()
    assert item.done_on is None and item.memory == ""


def test_leaving_takes_your_items_and_leaves_your_partners(couple, add_item):
    alice, bob = couple
    add_item(alice, "ALICE-ITEM")
    add_item(bob, "BOB-ITEM")
    space_services.space_leave(person=alice)
    body = client_for(bob).get(BUCKET).content.decode()
    assert "BOB-ITEM" in body and "ALICE-ITEM" not in body
    assert BucketItem.objects.filter(author=alice).exists()  # kept for alice, and in her export
    assert "ALICE-ITEM" in archive_text(alice)


def test_a_new_space_starts_with_an_empty_list(couple, add_item):
    alice, _ = couple
    add_item(alice, "With the old space")
    space_services.space_leave(person=alice)
    space_services.space_create(person=alice, name="A fresh start")
    assert "With the old space" not in client_for(alice).get(BUCKET).content.decode()


def test_a_memory_line_leaves_with_the_partner_who_wrote_it(couple, add_item):
    alice, bob = couple
    item = add_item(alice, "Concert in the park")
    services.bucket_item_mark_done(person=bob, couple=couple_for(bob), item_id=item.pk, done_on=bob.today(), memory="BOB-WORDS")
    assert "BOB-WORDS" in client_for(alice).get(BUCKET).content.decode()
    space_services.space_leave(person=bob)
    body = client_for(alice).get(BUCKET).content.decode()
    assert "Concert in the park" in body and "BOB-WORDS" not in body


def test_logged_out_visitors_are_sent_to_log_in(db):
    for url in (BUCKET, reverse("together_ideas")):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
