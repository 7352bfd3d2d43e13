"""The "On this day" card on Today: its context from one function (see `today.cards`)."""

from __future__ import annotations

from rekindle.memories.selectors import on_this_day


def on_this_day_context(page) -> dict | None:
    """A memory from this date in an earlier year, or a month ago. No query unless the space's
    `memory_days` holds today's date (or a month ago's); at most one when it shows."""
    today = page.person.today()
    found = on_this_day(page.person, page.couple, today)
    if found is None:
        return None
    memory, why = found
    return {"memory": memory, "why": why, "years_ago": memory.years_ago(today)}
