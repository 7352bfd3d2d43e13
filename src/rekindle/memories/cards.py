"""The "On this day" card on Today: its context from one function (see `today.cards`)."""

from __future__ import annotations

from rekindle.memories.selectors import on_this_day


def on_this_day_context(page) -> dict | None:
    """A memory from this date in an earlier year, or a month ago. Decided with no query (from
    `couple.space.memory_days` and `person.memories_hidden`); the card then brings in the memory's
    title and photo with a small request of its own (`memory_glance`), so Today costs nothing more."""
    found = on_this_day(page.person, page.couple, page.person.today())
    return None if found is None else {"found": found}
