import json

from django.urls import reverse

from rekindle.checkins import services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for


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

    response = client_for(alice).get(reverse("export"))
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode()
    assert "BOB" not in text
    data = json.loads(text)
    assert data["checkins"][0]["rose"] == "ALICE rose"
    assert data["appreciations"][0]["text"] == "ALICE thanks"
    assert data["reflections"][0]["text"] == "ALICE heard you"
