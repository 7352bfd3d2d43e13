"""Reading "roughly when": "summer 2019", "July 2019", "2019", "spring of 2021"."""

from __future__ import annotations

import datetime as dt
import re

from rekindle.memories.models import SEASON_START, Memory

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SEASONS = {**SEASON_START, "fall": 9}
_WORDS = re.compile(r"^(?:(?:early|late|mid|in|the|around|about)\s+)*(?:([a-z]+)\s+(?:of\s+)?)?(\d{4})$")


def parse_roughly(text: str) -> tuple[dt.date, str] | None:
    """The first day of the period and its precision, or None when it can't be read."""
    words = re.sub(r"[,.]", " ", text.strip().lower())
    words = re.sub(r"\s+", " ", words).strip()
    match = _WORDS.match(words)
    if not match:
        iso_month = re.match(r"^(\d{4})-(\d{1,2})$", words)
        if iso_month and 1 <= int(iso_month.group(2)) <= 12:
            return dt.date(int(iso_month.group(1)), int(iso_month.group(2)), 1), Memory.MONTH
        return None
    name, year = match.group(1), int(match.group(2))
    if not 1900 <= year <= 2200:
        return None
    if name is None:
        return dt.date(year, 1, 1), Memory.YEAR
    if name in MONTHS:
        return dt.date(year, MONTHS[name], 1), Memory.MONTH
    if name in SEASONS:
        return dt.date(year, SEASONS[name], 1), Memory.SEASON
    return None
