"""Private notes: their author reads them, nobody else, anywhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.memories import services
from rekindle.memories.models import PrivateNote
from rekindle.news.models import NewsItem
from tests.conftest import client_for
from tests.portability.zips import archive_text

SECRET = "MY-PRIVATE-THOUGHT"


def test_a_private_note_is_saved_and_read_by_its_author(as_alice):
    response = as_alice.post(reverse("private_notes"), {"text": f"{SECRET} about Sunday"})
    assert response.status_code == 302
    assert SECRET in as_alice.get(reverse("private_notes")).content.decode()


def test_a_private_note_never_reaches_the_partner_anywhere(couple, other_couple):
    alice, bob = couple
    note = services.private_note_add(person=alice, text=SECRET)
    as_bob = client_for(bob)
    for url in (
        reverse("private_notes"),
        reverse("private_note_edit", kwargs={"note_id": note.pk}),
        reverse("today"),
        reverse("memories"),
        reverse("me"),
        reverse("export"),
    ):
        response = as_bob.get(url, follow=True)
        assert SECRET not in response.content.decode(), url
    assert SECRET not in archive_text(bob, include_shared=True)
    assert not NewsItem.objects.exists(), "no news of private notes"
    assert SECRET in archive_text(alice), "the author's own export has it"
    # Bob can neither change nor delete it.
    as_bob.post(reverse("private_note_edit", kwargs={"note_id": note.pk}), {"text": "changed"})
    as_bob.post(reverse("private_note_delete", kwargs={"note_id": note.pk}))
    assert PrivateNote.objects.get().text == SECRET
    with pytest.raises(ValidationError):
        services.private_note_edit(person=bob, note_id=note.pk, text="changed")


def test_a_note_can_be_changed_and_deleted_by_its_author(as_alice, couple):
    alice, _ = couple
    note = services.private_note_add(person=alice, text="first thoughts")
    as_alice.post(reverse("private_note_edit", kwargs={"note_id": note.pk}), {"text": "second thoughts"})
    assert PrivateNote.objects.get().text == "second thoughts"
    as_alice.post(reverse("private_note_delete", kwargs={"note_id": note.pk}))
    assert not PrivateNote.objects.exists()


def test_an_empty_or_too_long_note_gets_a_message_and_keeps_the_words(as_alice):
    empty = as_alice.post(reverse("private_notes"), {"text": "   "})
    assert empty.status_code == 400 and "only for you" in empty.content.decode()
    long = as_alice.post(reverse("private_notes"), {"text": "word " * 900})
    assert long.status_code == 400 and "4000 characters" in long.content.decode()
    assert "word word" in long.content.decode()
    assert not PrivateNote.objects.exists()


def test_someone_without_a_space_yet_can_keep_private_notes(db):
    from tests.conftest import make_person

    frank = make_person("Frank")
    client = client_for(frank)
    assert client.post(reverse("private_notes"), {"text": "Before I ask them"}).status_code == 302
    assert "Before I ask them" in client.get(reverse("private_notes")).content.decode()


def test_the_same_note_sent_twice_is_saved_once(couple):
    import uuid

    alice, _ = couple
    token = uuid.uuid4()
    services.private_note_add(person=alice, text="once", submission=token)
    services.private_note_add(person=alice, text="once", submission=token)
    assert PrivateNote.objects.count() == 1
