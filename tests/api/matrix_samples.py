"""API tokens for the authorization matrix: alice has one she can revoke on her tokens page."""

from __future__ import annotations

from rekindle.api import services


def add_samples(alice, bob, carol, dave) -> dict:
    token, _ = services.token_create(person=alice, name="Alice's dashboard", scope="read")
    return {"token_id": token.pk}
