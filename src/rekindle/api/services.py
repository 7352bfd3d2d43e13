"""Writes for API tokens: make one (its secret is returned once), revoke one, note its use."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rekindle.api.models import NAME_MAX, PREFIX_LENGTH, ApiToken, token_hash
from rekindle.spaces.models import Person

MAX_ACTIVE = 20
# `last_used_at` is written at most this often per token: a script polling every few seconds
# costs one read per request, not a write.
USE_GRANULARITY = dt.timedelta(minutes=5)


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give it a name you'll recognise, like “Phone shortcut”."})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": f"Please keep the name under {NAME_MAX} characters."})
    return name


@transaction.atomic
def token_create(*, person: Person, name: str, scope: str) -> tuple[ApiToken, str]:
    """Make a token; returns it with its secret, which is never stored and can't be shown again."""
    name = _clean_name(name)
    if scope not in dict(ApiToken.SCOPES):
        raise ValidationError({"scope": "Choose whether it may only read, or also write."})
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one at a time, so the limit holds
    if ApiToken.objects.filter(person=person, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(
            f"You have {MAX_ACTIVE} tokens already. Revoke one you no longer use, then make this one.",
            code="too_many",
        )
    secret = "rk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=person, name=name, scope=scope, prefix=secret[:PREFIX_LENGTH], secret_hash=token_hash(secret)
    )
    return token, secret


@transaction.atomic
def token_revoke(*, person: Person, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(person=person, pk=token_id).first()
    if token is None:
        raise ValidationError("That token isn't one of yours.", code="not_found")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_used(token: ApiToken, *, at: dt.datetime | None = None) -> None:
    """Note that the token was used, unless that was noted less than USE_GRANULARITY ago."""
    at = at or timezone.now()
    if token.last_used_at is not None and at - token.last_used_at < USE_GRANULARITY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    token.last_used_at = at
