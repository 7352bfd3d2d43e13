from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from rekindle.measures import instruments, services
from rekindle.spaces.selectors import couple_for


def answer(person, kind, answers, *, at: dt.datetime | None = None):
    """Record one answer set, as if given at `at` (default: now)."""
    if at is None:
        return services.measure_record(person=person, couple=couple_for(person), kind=kind, answers=answers)
    with time_machine.travel(at, tick=False):
        return services.measure_record(person=person, couple=couple_for(person), kind=kind, answers=answers)


def months_ago(n: int) -> dt.datetime:
    now = timezone.now()
    index = now.year * 12 + now.month - 1 - n
    return now.replace(year=index // 12, month=index % 12 + 1, day=15, hour=12)


CSI4, IOS, CONNECTION = instruments.CSI4, instruments.IOS, instruments.CONNECTION
