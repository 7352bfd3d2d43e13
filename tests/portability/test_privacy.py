"""The partner's sealed, private and safety-check words never reach an export, in any of its files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.portability.zips import download, files
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED, world  # noqa: F401

SAFETY_WORDS = ("afraid", "humiliat", "forced", "hurt you", "safety check")


@pytest.mark.parametrize("include_shared", [False, True])
def test_the_partners_sealed_and_private_words_never_reach_the_zip(world, include_shared):  # noqa: F811
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    client_for(alice).post(reverse("safety_check"), {"humiliated": "yes", "afraid": "yes", "forced": "no", "hurt": "no"})
    contents = files(download(bob, include_shared=include_shared))
    assert {"manifest.json", "index.html", "style.css", "checkins.json"} <= contents.keys()
    for name, body in contents.items():
        # Every file, decompressed: the partner's sealed check-in and answers, private notes,
        # self-care, closing reflection (all ALICE_SEALED) and another couple's words.
        for secret in (ALICE_SEALED, CAROL_SHARED):
            assert secret.encode() not in body, (name, secret)
        for word in SAFETY_WORDS:
            assert word.encode() not in body.lower(), (name, word)
    # Her revealed check-in and shared appreciation: only when asked for.
    assert (ALICE_SHARED.encode() in contents["checkins.json"]) is include_shared
    assert (ALICE_SHARED.encode() in contents["appreciations.json"]) is include_shared


def test_your_own_private_words_are_in_your_own_export(world):  # noqa: F811
    alice = world["people"]["alice"]
    contents = files(download(alice))
    assert ALICE_SEALED.encode() in contents["private_notes.json"]
    assert ALICE_SEALED.encode() in contents["looking_after_myself_plans.json"]
    assert ALICE_SEALED.encode() in contents["index.html"]


def test_the_readable_copy_is_self_contained_and_has_no_script(world):  # noqa: F811
    import re

    contents = files(download(world["people"]["alice"], include_shared=True))
    page = contents["index.html"].decode()
    assert "<script" not in page and " style=" not in page
    links = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "style.css" in links and any(link.startswith("photos/") for link in links)
    for link in links:
        assert link.startswith("#") or link in contents, link  # nothing to fetch from anywhere
