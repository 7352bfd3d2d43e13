"""Someone from another couple tries every memory URL with every id in turn: nothing of
alice's and bob's comes back, and nothing changes."""

from __future__ import annotations

import re


from rekindle.memories import services
from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote
from rekindle.memories.urls import urlpatterns
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for
from tests.memories.helpers import png

SECRET = "ALICE-AND-BOB-ONLY"


def test_guessed_ids_on_every_memory_url_reveal_and_change_nothing(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    memory = services.memory_add(
        person=alice, couple=couple_for(alice), title=f"{SECRET} title", text=SECRET, date=alice.today(), photos=[png()]
    )
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text=f"{SECRET} line")
    services.private_note_add(person=alice, text=f"{SECRET} note")
    photo_bytes = Photo.objects.get().image.read()
    before = (Memory.objects.count(), MemoryLine.objects.count(), Photo.objects.count(), PrivateNote.objects.count(),
              Person.objects.get(pk=carol.pk).memories_hidden)
    client = client_for(carol)
    # Every real id and its neighbours (ids are not reset between tests, so not 1 up to them).
    real = {memory.pk, Photo.objects.get().pk, PrivateNote.objects.get().pk, MemoryLine.objects.get().pk}
    guesses = sorted({1} | {pk + step for pk in real for step in (-1, 0, 1, 2)})
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        names = re.findall(r"<int:(\w+)>", route)
        if not names:
            continue
        for guess in guesses:
            url = "/" + re.sub(r"<int:\w+>", str(guess), route)
            for response in (client.get(url), client.post(url, {"text": "INTRUDER", "hidden": "1", "title": "x", "date": "2020-01-01"})):
                assert response.status_code < 500, url
                body = b"".join(response.streaming_content) if response.streaming else response.content
                assert SECRET.encode() not in body, url
                assert photo_bytes[:2000] not in body, url
    after = (Memory.objects.count(), MemoryLine.objects.count(), Photo.objects.count(), PrivateNote.objects.count(),
             Person.objects.get(pk=carol.pk).memories_hidden)
    assert before == after
    assert not MemoryLine.objects.filter(text="INTRUDER").exists()
