"""Which step of a program is open: step N opens on the couple's Nth local day (or week)."""

from __future__ import annotations

import datetime as dt

from rekindle.programs.content import Program


def step_length_days(program: Program) -> int:
    return 7 if program.cadence == "weekly" else 1


def steps_open(program: Program, started_on: dt.date, today: dt.date) -> int:
    """How many steps are open on `today` (the viewer's local date). Step 1 is open from the start."""
    reached = (today - started_on).days // step_length_days(program) + 1
    return max(1, min(program.length, reached))


def opens_on(program: Program, started_on: dt.date, number: int) -> dt.date:
    return started_on + dt.timedelta(days=(number - 1) * step_length_days(program))
