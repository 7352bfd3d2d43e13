"""Bucket-list content for the authorization matrix (tests/test_authorization_matrix.py)."""

from rekindle.spaces.selectors import couple_for
from rekindle.together import services
from rekindle.together.content import all_ideas
from tests.test_authorization_matrix import ALICE_SHARED, CAROL_SHARED


def add_samples(alice, bob, carol, dave):
    alice_item = services.bucket_item_add(person=alice, couple=couple_for(alice), title=f"{ALICE_SHARED} picnic")
    memory = services.bucket_item_add(person=alice, couple=couple_for(alice), title="Night swim")
    services.bucket_item_mark_done(
        person=alice, couple=couple_for(alice), item_id=memory.pk, done_on=alice.today(), memory=f"{ALICE_SHARED} cold!"
    )
    carol_item = services.bucket_item_add(person=carol, couple=couple_for(carol), title=f"{CAROL_SHARED} pottery")
    services.bucket_item_mark_done(
        person=dave, couple=couple_for(dave), item_id=carol_item.pk, done_on=dave.today(), memory=f"{CAROL_SHARED} fun"
    )
    return {"item_id": alice_item.pk, "idea_id": all_ideas()[0].id}
