"""schemathesis against /api/openapi.json: generated requests, valid and not, to every operation,
in the authorization matrix's world. No 5xx, every response as the schema says — and none of
them carries words the token's person may not read: bob (alice's partner) never sees her sealed
words until he has answered too, carol (another couple) never sees anything of alice's."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rekindle.api import services
from tests.test_authorization_matrix import (  # noqa: F401  (world is the fixture)
    ALICE_SEALED,
    ALICE_SHARED,
    CAROL_SHARED,
    bob_unsealed_alices_words,
    world,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 60  # per operation and kind of data (valid, invalid): 60–100 requests each, ~900 in all
SENT: Counter = Counter()  # requests so far, per operation

# The schema is read from the running app as any client would; reading it touches no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _requests_share_the_test_transaction(world):
    """Django closes its connection around each request; its test client stops that, and so do we."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world):
    """Read-and-write tokens for alice's partner and for someone of another couple."""
    people = world["people"]
    return [(name, people[name], services.token_create(person=people[name], name="fuzz", scope="read-write")[1])
            for name in ("bob", "carol")]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=dt.timedelta(seconds=2), suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_the_api_keeps_to_its_schema_and_never_shows_what_it_must_not(case, tokens, world):
    operation = f"{case.operation.method.upper()} {case.operation.path}"  # the one documented, whatever was sent
    who, person, secret = tokens[SENT[operation] % 2]  # bob and carol take turns
    SENT[operation] += 1
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}, checks=CHECKS
    )
    if who == "carol":
        hidden = {ALICE_SEALED, ALICE_SHARED}
    else:
        hidden = {CAROL_SHARED} | (set() if bob_unsealed_alices_words(person, world["samples"]) else {ALICE_SEALED})
    for words in hidden:
        assert words not in readable(response), f"{who} saw {words} at {operation}"


def readable(response) -> str:
    """The response as text; the export ZIP's files, unpacked and joined."""
    if not response.content.startswith(b"PK"):
        return response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_every_operation_was_fuzzed_a_few_hundred_times_in_all():
    """Runs after the generated tests in this module (pytest keeps file order)."""
    if not SENT:
        pytest.skip("the schemathesis tests were not selected")
    assert len(SENT) == 11 and min(SENT.values()) >= EXAMPLES, dict(SENT)
