"""Reads of a person's API tokens."""

from __future__ import annotations

from rekindle.api.models import ApiToken, token_hash
from rekindle.spaces.models import Person

TOKEN_MAX = 200  # longer than any token we make; nothing longer is hashed


def tokens_of(person: Person) -> list[ApiToken]:
    """The person's tokens, newest first: the active ones, then the revoked ones."""
    return sorted(ApiToken.objects.filter(person=person), key=lambda t: not t.is_active)


def token_for(secret: str) -> ApiToken | None:
    """The active token with this secret, with its person (one query), or None."""
    if not secret or len(secret) > TOKEN_MAX:
        return None
    return (
        ApiToken.objects.select_related("person")
        .filter(secret_hash=token_hash(secret), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
