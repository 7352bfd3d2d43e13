"""Local dates. Each person has their own time zone, and "today" is theirs."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone


@cache
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def is_valid_timezone(name: str) -> bool:
    return name in timezone_names()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name if is_valid_timezone(name) else "UTC")


def local_now(tz_name: str) -> dt.datetime:
    return timezone.now().astimezone(zone(tz_name))


def local_today(tz_name: str) -> dt.date:
    return local_now(tz_name).date()


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last date of the month that holds `day`."""
    first = day.replace(day=1)
    next_first = (first + dt.timedelta(days=32)).replace(day=1)
    return first, next_first - dt.timedelta(days=1)
