"""Signed unsubscribe links: they work without signing in, for one person and one kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "rekindle.reminders.unsubscribe"
ALL = "all"


@dataclass(frozen=True)
class Unsubscribe:
    person_id: int
    kind: str  # a kind's key, or ALL


def unsubscribe_token(*, person_id: int, kind: str) -> str:
    return signing.dumps({"p": person_id, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    try:
        data = signing.loads(token, salt=SALT)
        return Unsubscribe(person_id=int(data["p"]), kind=str(data["k"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
