"""The seven steps of the State of the Union, from content/state_of_the_union.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml
from rekindle.rituals.models import MeetingEntry

FILE = "state_of_the_union.toml"
ISSUE_STEP = 5


@dataclass(frozen=True)
class MeetingStep:
    number: int
    title: str
    guidance: str
    kinds: tuple[str, ...]
    short: str = ""

    @property
    def name(self) -> str:
        """What the steps bar calls this step."""
        return self.short or self.title


@dataclass(frozen=True)
class Guide:
    intro: str
    why: str
    steps: tuple[MeetingStep, ...]

    def step(self, number: int) -> MeetingStep:
        return self.steps[number - 1]


def parse() -> Guide:
    path = content_path(FILE)
    data, text = read_toml(path)
    problems, steps = [], []
    known = {kind for kind, _ in MeetingEntry.KINDS}
    for index, raw in enumerate(data.get("steps", []), start=1):
        where = line_of(text, f"number = {raw.get('number')}")
        if raw.get("number") != index:
            problems.append(f"{path}:{where}: steps must be numbered 1 to 7 in order")
        if not raw.get("title") or not raw.get("guidance"):
            problems.append(f"{path}:{where}: each step needs a title and guidance")
        unknown = set(raw.get("kinds", [])) - known
        if unknown:
            problems.append(f"{path}:{where}: unknown kinds {', '.join(sorted(unknown))}")
        steps.append(MeetingStep(index, raw.get("title", ""), raw.get("guidance", ""), tuple(raw.get("kinds", [])),
                                 short=raw.get("short", "")))
    if len(steps) != 7:
        problems.append(f"{path}:1: the meeting has exactly seven steps")
    if problems:
        raise ContentError(problems)
    return Guide(intro=data.get("intro", ""), why=data.get("why", ""), steps=tuple(steps))


@cache
def guide() -> Guide:
    return parse()


def check(report: Report) -> None:
    report.summary["state_of_the_union_steps"] = len(parse().steps)
