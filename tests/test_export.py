import json

from django.urls import reverse

from rekindle.checkins import services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.portability.zips import download, files, kind_rows


def test_export_holds_only_your_own_words(couple):
    alice, bob = couple
    for person, words in ((alice, "ALICE"), (bob, "BOB")):
        services.checkin_submit(
            person=person, couple=couple_for(person),
            answers={"rose": f"{words} rose", "bud": f"{words} bud", "thorn": f"{words} thorn"}, revision=None,
        )
        services.appreciation_create(person=person, couple=couple_for(person), text=f"{words} thanks", submission=None)
    bob_checkin = bob.checkins.get()
    services.reflection_save(person=alice, checkin_id=bob_checkin.pk, item="rose", text="ALICE heard you")

    response = client_for(alice).get(reverse("export_download"))
    assert response["Content-Disposition"].startswith('attachment; filename="rekindle-20')
    archive = response.content
    assert all(b"BOB" not in body for body in files(archive).values())
    assert kind_rows(archive, "checkins")[0]["rose"] == "ALICE rose"
    assert kind_rows(archive, "appreciations")[0]["text"] == "ALICE thanks"
    reflection = kind_rows(archive, "reflections")[0]
    assert reflection["text"] == "ALICE heard you" and reflection["checkin_id"] == bob_checkin.pk  # names what it answers


def test_shared_words_come_marked_as_the_partners(couple):
    alice, bob = couple
    for person, words in ((alice, "ALICE"), (bob, "BOB")):
        services.appreciation_create(person=person, couple=couple_for(person), text=f"{words} thanks", submission=None)
    archive = download(alice, include_shared=True)
    rows = kind_rows(archive, "appreciations")
    assert sorted((r["author"], r["text"]) for r in rows) == [("me", "ALICE thanks"), ("partner", "BOB thanks")]
    manifest = json.loads(files(archive)["manifest.json"])
    assert manifest["partner"] == {"name": bob.display_name} and manifest["include_shared"] is True
    assert {"name": "appreciations", "file": "appreciations.json", "count": 2} in manifest["kinds"]
    assert "BOB thanks" in files(archive)["index.html"].decode()
