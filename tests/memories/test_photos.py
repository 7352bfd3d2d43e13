"""Photos: cleaned of every trace of metadata, served only to the couple, refused kindly when wrong."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from rekindle.memories import photos as photo_rules
from rekindle.memories import services
from rekindle.memories.models import Memory, Photo, photo_storage
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.memories.helpers import (
    decompression_bomb,
    has_metadata,
    heic_with_gps,
    jpeg_with_gps,
    png,
    renamed_text,
    truncated_jpeg,
)
from tests.portability.zips import download, files, kind_rows


def add_memory(person, *, photos=(), title="The beach in the rain"):
    return services.memory_add(
        person=person, couple=couple_for(person), title=title, date=person.today(), photos=list(photos)
    )


def stored(file) -> bytes:
    with photo_storage().open(file.name, "rb") as handle:
        return handle.read()


def served(client, response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_helpers_really_carry_gps_and_xmp():
    """The point of the next test is that these are gone: make sure they are there to begin with."""
    for upload in (jpeg_with_gps(), heic_with_gps()):
        data = upload.read()
        assert b"Exif" in data and b"xmpmeta" in data
        image = Image.open(io.BytesIO(data))
        assert image.getexif().get_ifd(0x8825), "the fixture has a GPS position"


def test_a_jpeg_and_a_heic_with_gps_are_stored_and_served_without_any_exif_or_xmp(couple):
    alice, bob = couple
    memory = add_memory(alice, photos=[jpeg_with_gps(), heic_with_gps()])
    photos = list(Photo.objects.filter(memory=memory))
    assert len(photos) == 2
    for photo in photos:
        for file, fmt in ((photo.image, "JPEG"), (photo.thumb, "WEBP")):
            data = stored(file)
            assert has_metadata(data) == [], f"{file.name} still carries {has_metadata(data)}"
            image = Image.open(io.BytesIO(data))
            assert image.format == fmt
            assert not image.getexif(), "no EXIF at all"
            assert "xmp" not in image.info and "exif" not in image.info
        # Both were taken sideways (orientation 6): saved upright, portrait.
        assert (photo.width, photo.height) == (400, 600)

    for person in (alice, bob):
        client = client_for(person)
        for photo in photos:
            for name in ("memory_photo", "memory_thumb"):
                response = client.get(reverse(name, kwargs={"photo_id": photo.pk}))
                assert response.status_code == 200
                assert response["X-Content-Type-Options"] == "nosniff"
                assert "private" in response["Cache-Control"]
                assert response["Content-Type"] in {"image/jpeg", "image/webp"}
                body = served(client, response)
                assert has_metadata(body) == []
                assert not Image.open(io.BytesIO(body)).getexif()


def test_big_photos_are_made_smaller_and_thumbnails_are_small():
    clean = photo_rules.clean_photo(jpeg_with_gps(size=(4000, 3000), orientation=1))
    assert max(clean.width, clean.height) == photo_rules.FULL_SIDE
    assert Image.open(io.BytesIO(clean.thumb)).size == (photo_rules.THUMB_SIDE, photo_rules.THUMB_SIDE)
    assert len(clean.thumb) < 12_000


def test_a_transparent_png_is_flattened_onto_white():
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG")
    out.seek(0)
    clean = photo_rules.clean_photo(out)
    assert Image.open(io.BytesIO(clean.image)).getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(
    "make,words",
    [
        (decompression_bomb, "too many pixels"),
        (renamed_text, "isn't a photo we can open"),
        (truncated_jpeg, "damaged or incomplete"),
    ],
    ids=["decompression bomb", "renamed text file", "truncated file"],
)
def test_files_that_are_not_good_photos_are_refused_with_a_clear_message(couple, make, words):
    alice, _ = couple
    upload = make()
    with pytest.raises(ValidationError) as refused:
        add_memory(alice, photos=[upload])
    message = " ".join(refused.value.message_dict["photos"])
    assert words in message and upload.name in message
    assert not Memory.objects.exists() and not Photo.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(couple, monkeypatch):
    alice, _ = couple
    monkeypatch.setattr(photo_rules, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as refused:
        add_memory(alice, photos=[jpeg_with_gps()])
    assert "photos can be up to" in " ".join(refused.value.message_dict["photos"])


def test_a_refused_photo_on_the_form_keeps_the_words_and_says_why_next_to_the_field(as_alice):
    response = as_alice.post(
        reverse("memory_new"),
        {"title": "Our first flat", "date": "2020-03-01", "text": "Boxes everywhere", "photos": [renamed_text()]},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "a photo we can open" in body
    assert 'value="Our first flat"' in body and "Boxes everywhere" in body
    assert "please choose them again" in body
    assert not Memory.objects.exists()


def test_photos_are_served_only_to_the_couple_never_to_guessed_ids(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    photo = Photo.objects.get(memory=add_memory(alice, photos=[png()]))
    for name in ("memory_photo", "memory_thumb"):
        url = reverse(name, kwargs={"photo_id": photo.pk})
        assert client_for(carol).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 302
        assert client_for(bob).get(url).status_code == 200
        for guess in (photo.pk + 1, photo.pk + 1000, 0):
            assert client_for(alice).get(reverse(name, kwargs={"photo_id": guess})).status_code == 404
    # The files' names are random and not reachable as a public URL.
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.image.name)
    assert client_for(alice).get("/media/" + photo.image.name).status_code == 404


def test_deleting_a_memory_deletes_its_files(couple, django_capture_on_commit_callbacks):
    alice, bob = couple
    memory = add_memory(alice, photos=[png()])
    services.photos_add(person=bob, couple=couple_for(bob), memory_id=memory.pk, files=[png("bobs.png")])
    names = [f.name for p in Photo.objects.all() for f in (p.image, p.thumb)]
    assert len(names) == 4 and all(photo_storage().exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.memory_delete(person=alice, couple=couple_for(alice), memory_id=memory.pk)
    assert not any(photo_storage().exists(n) for n in names)
    assert not Photo.objects.exists()


def test_taking_a_photo_away_deletes_its_files_and_moves_the_cover(couple, django_capture_on_commit_callbacks):
    alice, _ = couple
    memory = add_memory(alice, photos=[png("one.png"), png("two.png")])
    first, second = Photo.objects.filter(memory=memory).order_by("id")
    memory.refresh_from_db()
    assert memory.cover_id == first.pk and memory.photo_count == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(person=alice, couple=couple_for(alice), photo_id=first.pk)
    assert not photo_storage().exists(first.image.name)
    memory.refresh_from_db()
    assert memory.cover_id == second.pk and memory.photo_count == 1


def test_only_the_one_who_added_a_photo_can_take_it_away(couple):
    alice, bob = couple
    photo = Photo.objects.get(memory=add_memory(alice, photos=[png()]))
    with pytest.raises(ValidationError):
        services.photo_remove(person=bob, couple=couple_for(bob), photo_id=photo.pk)


def test_a_memory_holds_at_most_ten_photos(couple):
    alice, bob = couple
    memory = add_memory(alice, photos=[png(f"{n}.png", size=(8, 8)) for n in range(9)])
    with pytest.raises(ValidationError, match="room for 1 more"):
        services.photos_add(person=bob, couple=couple_for(bob), memory_id=memory.pk, files=[png("a.png"), png("b.png")])
    services.photos_add(person=bob, couple=couple_for(bob), memory_id=memory.pk, files=[png("c.png")])
    with pytest.raises(ValidationError, match="this one is full"):
        services.photos_add(person=alice, couple=couple_for(alice), memory_id=memory.pk, files=[png("d.png")])
    assert Photo.objects.filter(memory=memory).count() == 10


def test_someone_who_leaves_keeps_the_photos_they_uploaded_and_the_other_keeps_theirs(couple):
    alice, bob = couple
    memory = add_memory(alice, photos=[png("alices.png")])
    services.photos_add(person=bob, couple=couple_for(bob), memory_id=memory.pk, files=[png("bobs.png")])
    alices = Photo.objects.get(author=alice)
    bobs = Photo.objects.get(author=bob)
    space_services.space_leave(person=bob)
    as_alice, as_bob = client_for(alice), client_for(bob)
    # Each still reaches their own photo; neither the other's.
    assert as_alice.get(reverse("memory_photo", kwargs={"photo_id": alices.pk})).status_code == 200
    assert as_alice.get(reverse("memory_photo", kwargs={"photo_id": bobs.pk})).status_code == 404
    assert as_bob.get(reverse("memory_photo", kwargs={"photo_id": bobs.pk})).status_code == 200
    assert as_bob.get(reverse("memory_photo", kwargs={"photo_id": alices.pk})).status_code == 404
    # Bob's export holds his photo's file; nothing of Alice's.
    archive = download(bob)
    assert [p["id"] for p in kind_rows(archive, "memory_photos")] == [bobs.pk]
    assert kind_rows(archive, "memories") == []
    assert [name for name in files(archive) if name.startswith("photos/")] == [f"photos/{bobs.pk}.jpg"]
    # Alice's timeline no longer shows Bob's photo anywhere.
    grid = as_alice.get(reverse("memories_photos")).content.decode()
    assert reverse("memory_thumb", kwargs={"photo_id": alices.pk}) in grid
    assert reverse("memory_thumb", kwargs={"photo_id": bobs.pk}) not in grid
