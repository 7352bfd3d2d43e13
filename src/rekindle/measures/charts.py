"""Server-rendered SVG charts and their plain-language summaries.

A chart is geometry the template draws (no JavaScript, no inline styles), a data table as
its text alternative, and one sentence that describes the trend as data: a dip is a dip,
never a failure, and there is no streak and no red.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 30, 10, 10, 24

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


@dataclass(frozen=True)
class Point:
    period: dt.date
    value: int
    x: float
    y: float
    label: str
    bar_x: float = 0
    bar_height: float = 0


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    low: int
    high: int
    points: tuple[Point, ...]
    path: str
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    summary: str
    bars: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    bar_width: float = 0

    @property
    def empty(self) -> bool:
        return not self.points


def _label(period: dt.date, weekly: bool) -> str:
    return f"Week of {period.day} {period:%b %Y}" if weekly else f"{period:%B %Y}"


def _months_between(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def span_words(first: dt.date, last: dt.date, weekly: bool) -> str:
    """'three weeks', 'four months', 'a year', 'two years'."""
    if weekly and (last - first).days < 63:
        weeks = max(1, round((last - first).days / 7))
        return "a week" if weeks == 1 else f"{_number(weeks)} weeks"
    months = max(1, _months_between(first, last))
    if months < 12 or months % 12:
        if months >= 24:
            return f"about {_number(round(months / 12))} years"
        return "a month" if months == 1 else f"{_number(months)} months"
    years = months // 12
    return "a year" if years == 1 else f"{_number(years)} years"


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def summarise(values: list[tuple[dt.date, int]], *, low: int, high: int, weekly: bool, out_of: bool = True) -> str:
    """One plain sentence about the series: steady, higher or lower, and by how much."""
    if not values:
        return "No answers in this period yet."
    scale = f" out of {high}" if out_of else ""
    if len(values) == 1:
        return f"One answer so far: {values[0][1]}{scale}."
    (first_day, first), (last_day, last) = values[0], values[-1]
    span = span_words(first_day, last_day, weekly)
    steady_within = max(1, round((high - low) * 0.1))
    values_only = [v for _, v in values]
    spread = f" It ranged from {min(values_only)} to {max(values_only)}." if max(values_only) - min(values_only) > steady_within else ""
    if abs(last - first) < steady_within:
        return f"Steady over {span}: {first} then, {last} at the latest answer.{spread}"
    direction = "Higher" if last > first else "Lower"
    return f"{direction} than {span} ago: from {first} to {last}{scale}.{spread}"


def line_chart(key: str, title: str, values: list[tuple[dt.date, int]], *, low: int, high: int, weekly: bool,
               bars: bool = False) -> Chart:
    """Values over time, oldest first, as points on a line (or bars for counts)."""
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(values)

    def y_of(value: float) -> float:
        span = (high - low) or 1
        return round(TOP + inner_h * (1 - (value - low) / span), 2)

    if bars:
        slot = inner_w / max(count, 1)
        xs = [round(LEFT + slot * (i + 0.5), 2) for i in range(count)]
    else:
        xs = [round(LEFT + (inner_w * i / (count - 1) if count > 1 else inner_w / 2), 2) for i in range(count)]
    bar_width = round(min(24.0, inner_w / max(count, 1) * 0.7), 2)
    base = HEIGHT - BOTTOM
    points = tuple(
        Point(p, v, x, y_of(v), _label(p, weekly), bar_x=round(x - bar_width / 2, 2), bar_height=round(base - y_of(v), 2))
        for (p, v), x in zip(values, xs)
    )
    path = " ".join(f"{'M' if i == 0 else 'L'}{pt.x},{pt.y}" for i, pt in enumerate(points)) if not bars else ""
    middle = (low + high) / 2
    y_ticks = tuple(Tick(y_of(v), f"{v:g}") for v in (low, round(middle), high))
    x_ticks: tuple[Tick, ...] = ()
    if points:
        picks = sorted({0, count - 1, (count - 1) // 2}) if count > 2 else list(range(count))
        x_ticks = tuple(Tick(points[i].x, _short(points[i].period, weekly)) for i in picks)
    return Chart(
        key=key, title=title, low=low, high=high, points=points, path=path, y_ticks=y_ticks, x_ticks=x_ticks,
        summary=summarise(values, low=low, high=high, weekly=weekly, out_of=not bars),
        bars=bars, bar_width=bar_width,
    )


def _short(period: dt.date, weekly: bool) -> str:
    return f"{period.day} {period:%b}" if weekly else f"{period:%b %y}"
