"""After alice takes the safety check (a yes) and hides joint exercises, bob's world is unchanged.

Every page bob can request, as a full page and as an htmx partial, his export, and the
operator's admin pages are compared byte for byte (after blanking per-request tokens)
before and after alice acts.
"""

from __future__ import annotations

import re

import time_machine
from django.core import mail
from django.utils import timezone
from django.urls import reverse

from tests.conftest import client_for
from tests.test_authorization_matrix import ALL_ROUTES, concrete, world  # noqa: F401  (world is a fixture)
from tests.portability.zips import archive_text

VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": ""'),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "UUID"),
    (re.compile(r'"exported_at": "[^"]+"'), '"exported_at": ""'),
]
# Pages that offer joint conflict exercises (the meeting's issue step, listening sessions
# and the parked topics they pick up again).
JOINT_EXERCISE_PAGES = ("/meetings/", "/listen", "/parked")
HINT_WORDS = ("hidden", "switched off", "turned off", "not available", "safety", "partner asked")
CHECK_WORDS = ("afraid", "humiliat", "forced", "hurt you", "safety check", "switch them off", "not your fault")


def normalise(body: str) -> str:
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return body


# The viewer's own two-step sign-in set-up: it shows no couple's words, and its redirects depend
# on how recently this session signed in (and queue messages for the next page), not on anyone else.
OWN_SIGN_IN_PAGES = ("/accounts/2fa/", "/accounts/reauthenticate/")


def snapshot(client, samples) -> dict[str, str]:
    pages = {}
    for route, _ in ALL_ROUTES:
        url = concrete(route, samples)
        if url.startswith(OWN_SIGN_IN_PAGES):
            continue
        for label, headers in (("page", {}), ("htmx", {"HTTP_HX_REQUEST": "true"})):
            response = client.get(url, **headers)
            body = b"".join(response) if response.streaming else response.content
            pages[f"{label} {url}"] = f"{response.status_code} {response.get('Location', '')}\n" + normalise(
                body.decode(errors="replace")
            )
    return pages


def test_partner_sees_no_trace_of_the_check_or_the_hidden_exercises(world):  # noqa: F811
    # The clock stands still, so pages that show times (a talk timer) compare fairly.
    with time_machine.travel(timezone.now(), tick=False):
        _compare_views_before_and_after(world)


def _compare_views_before_and_after(world):
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    operator = world["people"]["operator"]
    as_bob, as_operator, as_alice = client_for(bob), client_for(operator), client_for(alice)
    bob_before = snapshot(as_bob, world["samples"])
    operator_before = snapshot(as_operator, world["samples"])

    as_alice.post(reverse("safety_check"), {"humiliated": "yes", "afraid": "yes", "forced": "no", "hurt": "yes"})
    as_alice.post(reverse("joint_exercises"), {"hide": "yes"})
    as_alice.post(reverse("support_country"), {"country": "NZ"})

    # Fresh sessions, so pages that keep per-session state (two-step sign-in set-up) start alike.
    bob_after = snapshot(client_for(bob), world["samples"])
    operator_after = snapshot(client_for(operator), world["samples"])
    changed = [url for url in bob_before if bob_before[url] != bob_after[url]]
    # Only pages that offer joint conflict exercises may change — they simply stop offering
    # them — and even there nothing hints at why.
    unexpected = [url for url in changed if not any(part in url for part in JOINT_EXERCISE_PAGES)]
    assert unexpected == [], f"bob's view changed at {unexpected}"
    for url in changed:
        before, after = (re.sub(r"<[^>]+>", " ", page[url]).lower() for page in (bob_before, bob_after))
        for word in CHECK_WORDS + HINT_WORDS:  # the words a person reads gain no hint
            assert after.count(word) <= before.count(word), (url, word)
    changed = [url for url in operator_before if operator_before[url] != operator_after[url]]
    assert changed == [], f"the operator's view changed at {changed}"
    assert mail.outbox == []


def test_the_check_is_not_in_anyones_export(world):  # noqa: F811
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    client_for(alice).post(reverse("safety_check"), {"humiliated": "no", "afraid": "yes", "forced": "no", "hurt": "no"})
    client_for(alice).post(reverse("joint_exercises"), {"hide": "yes"})
    for person, include_shared in ((alice, False), (bob, False), (alice, True), (bob, True)):
        export = archive_text(person, include_shared=include_shared).lower()
        for word in CHECK_WORDS + ("hide_joint", "care"):
            assert word not in export, (person, word)


def test_operator_admin_has_no_safety_answers_or_care_settings(world):  # noqa: F811
    operator = world["people"]["operator"]
    client_for(world["people"]["alice"]).post(
        reverse("safety_check"), {"humiliated": "yes", "afraid": "yes", "forced": "yes", "hurt": "yes"}
    )
    client = client_for(operator)
    index = client.get("/operator/").content.decode()
    assert "Safety" not in index and "Care preferences" not in index
    person_page = client.get(f"/operator/spaces/person/{world['people']['alice'].pk}/change/").content.decode().lower()
    for word in CHECK_WORDS:
        assert word not in person_page
    assert client.get("/operator/care/safetycheck/").status_code == 404
    assert client.get("/operator/care/carepreferences/").status_code == 404
