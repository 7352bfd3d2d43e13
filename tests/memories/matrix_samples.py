"""Memory-book content and private notes for the authorization matrix (tests/test_authorization_matrix.py)."""

from rekindle.memories import services
from rekindle.spaces.selectors import couple_for
from tests.memories.helpers import png
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED


def add_samples(alice, bob, carol, dave):
    memory = services.memory_add(
        person=alice,
        couple=couple_for(alice),
        title=f"{ALICE_SHARED} beach",
        text=f"{ALICE_SHARED} lines",
        place=f"{ALICE_SHARED} place",
        date=alice.today(),
        photos=[png()],
    )
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="BOB-LINE-WORDS")
    services.win_add(person=alice, couple=couple_for(alice), text=f"{ALICE_SHARED} win")
    carols = services.memory_add(
        person=carol, couple=couple_for(carol), title=f"{CAROL_SHARED} memory", date=carol.today(), photos=[png()]
    )
    # Private notes are their author's alone: the "sealed" marker is what only alice may read.
    note = services.private_note_add(person=alice, text=f"{ALICE_SEALED} private note")
    services.private_note_add(person=carol, text=f"{CAROL_SHARED} note, private to carol")
    return {"memory_id": memory.pk, "photo_id": memory.cover_id, "note_id": note.pk, "carols_photo_id": carols.cover_id}
