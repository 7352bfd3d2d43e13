"""The kinds of reminder: each one a small registration.

A kind says what it is called, when it goes by default (a local time, and a weekday for a
weekly one), and answers two questions about one person at one moment: "is it due now?" and
"is it already done?" (then nothing is sent). The scheduler (services.plan_round) does the
rest — time zones, quiet hours, the pause, one e-mail per occasion — the same for every kind.

Add a kind with one call, e.g. in an app's `ready()`::

    register(Kind(key="measure", label="The monthly measure", about="…",
                  default_time=dt.time(19, 0), is_due=monthly_on_first, is_done=measured_this_month))

and two templates, `reminders/email/<key>.txt` and `<key>.html` (the subject is `subject`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# How long after its time a reminder may still go (a worker that was down, quiet hours ending).
SEND_WINDOW = dt.timedelta(hours=3)


@dataclass(frozen=True)
class Moment:
    """One person at one moment, in their own time zone, with their choices for one kind."""

    person: Any  # spaces.Person
    couple: Any  # spaces.selectors.Couple | None
    local_now: dt.datetime  # aware, in the person's zone
    at: dt.time  # the person's chosen local time (or the kind's default)
    weekday: int | None  # 0 = Monday, for weekly kinds

    @property
    def today(self) -> dt.date:
        return self.local_now.date()


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def past_time_today(moment: Moment) -> bool:
    """The local wall clock has passed the chosen time today, by less than the send window.

    Wall-clock minutes, so DST does no harm: a time that falls in a spring-forward gap goes
    when the clock jumps past it, and a repeated autumn hour can't send twice (one per occasion).
    """
    elapsed = _minutes(moment.local_now.time()) - _minutes(moment.at)
    return 0 <= elapsed < SEND_WINDOW.total_seconds() // 60


def daily(moment: Moment) -> bool:
    return past_time_today(moment)


def weekly(moment: Moment) -> bool:
    return moment.local_now.weekday() == (moment.weekday if moment.weekday is not None else 6) and past_time_today(moment)


def on_the_day(moment: Moment) -> str:
    return moment.today.isoformat()


def in_the_week(moment: Moment) -> str:
    year, week, _ = moment.today.isocalendar()
    return f"{year}-W{week:02d}"


def nothing(moment: Moment) -> dict:
    return {}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    about: str  # one line on the settings page
    subject: str  # discreet: never a word anyone wrote
    default_time: dt.time
    is_due: Callable[[Moment], bool]
    is_done: Callable[[Moment], bool]
    default_weekday: int | None = None  # set for a weekly kind: the person picks the day
    occasion: Callable[[Moment], str] = on_the_day  # one reminder per occasion, ever
    context: Callable[[Moment], dict | None] = nothing  # extra template context; None: nothing to send
    needs_partner: bool = True
    order: int = 100
    template: str = ""  # the e-mail templates' name; default: the key
    push_body: str = "Open Rekindle when it suits you."  # the one line a Web Push shows
    chooses_time: bool = True  # False for a kind that picks its own moment (an hour before a date)

    @property
    def weekly(self) -> bool:
        return self.default_weekday is not None

    @property
    def templates(self) -> tuple[str, str]:
        name = self.template or self.key
        return f"reminders/email/{name}.txt", f"reminders/email/{name}.html"


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.key in _KINDS and _KINDS[kind.key] != kind:
        raise ValueError(f"A reminder kind {kind.key!r} is already registered")
    if len(kind.key) > 40 or not kind.key.replace("_", "").isalnum():
        raise ValueError(f"{kind.key!r} is not a good key: letters, digits and _ only, up to 40")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    _KINDS.pop(key, None)


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.label))
