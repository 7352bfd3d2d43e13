"""Walk every page of the project as one person and collect the words it shows them.

Builds on the authorization matrix's routes and samples (tests/test_authorization_matrix.py),
so a new page is walked here too without touching this file.
"""

from __future__ import annotations

import re

from tests.conftest import client_for
from tests.test_authorization_matrix import ALICE_SHARED, ALL_ROUTES, concrete

BOB_MARKER = re.compile(r"BOB-[A-Z]+(?:-[A-Z]+)*")


def pages_seen_by(person, samples) -> dict[str, str]:
    """Every page's body (and headers) as `person` gets it, by URL. A server error fails at once."""
    client = client_for(person)
    seen = {}
    for route, _name in ALL_ROUTES:
        if route.startswith(("operator/", "accounts/")):
            continue  # the operator's admin and allauth's own pages hold no couple content
        url = concrete(route, samples)
        response = client.get(url)
        assert response.status_code < 500, f"{person} got {response.status_code} at {url}"
        body = b"".join(response) if response.streaming else response.content
        seen[url] = body.decode(errors="replace") + str(response.headers)
    return seen


# bob's own note in alice's listening session carries her marker (tests/listening/matrix_samples.py):
# his words, which he keeps.
BOBS_NOTE_WITH_HER_MARKER = f"{ALICE_SHARED} note"


def pages_with(seen: dict[str, str], *words: str) -> dict[str, list[str]]:
    """The pages that show any of `words`, with the words each shows."""
    found = {}
    for url, text in seen.items():
        text = text.replace(BOBS_NOTE_WITH_HER_MARKER, "")
        hits = [word for word in words if word in text]
        if hits:
            found[url] = hits
    return found


def bob_markers(seen: dict[str, str]) -> dict[str, set[str]]:
    found = {}
    for url, text in seen.items():
        hits = set(BOB_MARKER.findall(text))
        if hits:
            found[url] = hits
    return found
