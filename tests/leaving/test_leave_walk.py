"""Alice leaves the space she shares with bob: neither sees the other's words on any page."""

from __future__ import annotations

from rekindle.spaces import services as space_services
from tests.leaving.walk import bob_markers, pages_seen_by, pages_with
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, world  # noqa: F401  (the fixture)


def test_after_alice_leaves_no_page_shows_bob_her_words_nor_her_his(world):
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    space_services.space_leave(person=alice)

    assert pages_with(pages_seen_by(bob, world["samples"]), ALICE_SHARED, ALICE_SEALED) == {}
    assert bob_markers(pages_seen_by(alice, world["samples"])) == {}
