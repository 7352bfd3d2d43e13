"""`id_url("appreciation_reply", appreciation_id=7)`: `reverse()` for addresses that differ only
by ids, at the cost of a string replace.

A feed links each of its rows (reply to this, answer that); `reverse()` costs about as much as
building the row. The address is reversed once per URL name and script prefix with marker ids,
then each call puts the real ids where the markers were. Only ints: any other value would have
to pass the URL's converters, which only `reverse()` checks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from django.urls import get_script_prefix, reverse

_MARKER = 7_340_000_000_000  # far beyond any real id, so a marker can't be part of the address


@lru_cache(maxsize=256)
def _pattern(prefix: str, name: str, keys: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:  # `prefix` keys the cache
    markers = tuple(str(_MARKER + n) for n in range(len(keys)))
    return reverse(name, kwargs=dict(zip(keys, markers))), markers


def id_url(name: str, **ids: int) -> str:
    for value in ids.values():
        if type(value) is not int:
            raise TypeError(f"id_url takes ints, not {type(value).__name__}: use reverse()")
    url, markers = _pattern(get_script_prefix(), name, tuple(ids))
    for marker, value in zip(markers, ids.values()):
        url = url.replace(marker, str(value))
    return url


def id_url_for(name: str, key: str) -> Callable[[int], str]:
    """`id_url(name, key=…)` as a function of the id, for a page that links many rows to one
    URL name: the address is looked up once, and each call only puts the id in."""
    url, (marker,) = _pattern(get_script_prefix(), name, (key,))
    head, tail = url.split(marker, 1)

    def url_for(value: int) -> str:
        if type(value) is not int:
            raise TypeError(f"id_url_for takes ints, not {type(value).__name__}: use reverse()")
        return f"{head}{value}{tail}"

    return url_for
