"""The ideas library for time together, from content/ideas.toml, validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

FILE = "ideas.toml"
TITLE_MAX = 60
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # it appears in URLs and page anchors

PLACES = {"home": "At home", "out": "Out and about"}
COSTS = {"free": "Free", "low": "Costs a little", "medium": "Worth a small treat"}
TIMES = {"under-1h": "Under an hour", "1-3h": "One to three hours", "half-day": "Half a day", "overnight": "Overnight"}
CHOICES = {"place": PLACES, "cost": COSTS, "time": TIMES}
TEXTS = ("id", "title", "description")
KEYS = {*TEXTS, *CHOICES, "new_to_both"}


@dataclass(frozen=True)
class Idea:
    id: str
    title: str
    description: str
    place: str
    cost: str
    time: str
    new_to_both: bool

    @property
    def place_label(self) -> str:
        return PLACES[self.place]

    @property
    def cost_label(self) -> str:
        return COSTS[self.cost]

    @property
    def time_label(self) -> str:
        return TIMES[self.time]


def _entry_texts(text: str) -> list[tuple[int, str]]:
    """Each `[[ideas]]` table as (line number of its header, its own lines)."""
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if line.strip() == "[[ideas]]"]
    ends = starts[1:] + [len(lines)]
    return [(start + 1, "\n".join(lines[start:end])) for start, end in zip(starts, ends, strict=True)]


def _key_line(header: int, section: str, key: str) -> int:
    """The line of `key = …` inside one idea's table, else the table's header line."""
    return header + line_of(section, f"{key} =", default=1) - 1


def _problems_in(entry: dict) -> list[tuple[str, str]]:
    """(key, message) for every problem in one idea."""
    idea_id = entry.get("id") if isinstance(entry.get("id"), str) else "?"
    found = []
    for key in TEXTS:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            found.append((key, f"idea {idea_id} is missing '{key}'"))
    if isinstance(entry.get("id"), str) and entry["id"] and not ID_PATTERN.fullmatch(entry["id"]):
        found.append(("id", f"idea {idea_id}: id must be lower-case letters, digits and dashes, at most 40"))
    if isinstance(entry.get("title"), str) and len(entry["title"]) > TITLE_MAX:
        found.append(("title", f"idea {idea_id}: title is {len(entry['title'])} characters; keep it to {TITLE_MAX}"))
    for key, allowed in CHOICES.items():
        if entry.get(key) not in allowed:
            found.append((key, f"idea {idea_id}: {key} must be one of {', '.join(allowed)}"))
    if not isinstance(entry.get("new_to_both"), bool):
        found.append(("new_to_both", f"idea {idea_id}: new_to_both must be true or false"))
    for key in sorted(set(entry) - KEYS):
        found.append((key, f"idea {idea_id}: unknown key '{key}' (expected {', '.join(sorted(KEYS))})"))
    return found


def parse(path: Path) -> tuple[Idea, ...]:
    data, text = read_toml(path)
    entries = data.get("ideas")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise ContentError([f"{path}:1: add at least one idea as an [[ideas]] table"])
    sections = _entry_texts(text)
    if len(sections) != len(entries):  # written some other way, e.g. as inline tables
        sections = [(line_of(text, f'"{entry.get("id")}"'), "") for entry in entries]
    problems: list[str] = []
    seen: set[str] = set()
    ideas = []
    for entry, (header, section) in zip(entries, sections, strict=True):
        for key, message in _problems_in(entry):
            problems.append(f"{path}:{_key_line(header, section, key)}: {message}")
        idea_id = entry.get("id")
        if isinstance(idea_id, str) and idea_id in seen:
            where = _key_line(header, section, "id")
            problems.append(f"{path}:{where}: idea {idea_id} appears twice; each id must be unique")
        seen.add(idea_id if isinstance(idea_id, str) else "")
        if not problems:
            ideas.append(Idea(**{key: entry[key] for key in KEYS}))
    if problems:
        raise ContentError(problems)
    return tuple(ideas)


@cache
def all_ideas() -> tuple[Idea, ...]:
    return parse(content_path(FILE))


@cache
def _by_id() -> dict[str, Idea]:
    return {idea.id: idea for idea in all_ideas()}


def idea_for(idea_id: str) -> Idea | None:
    return _by_id().get(idea_id)


def clear_cache() -> None:
    """Forget the loaded ideas, so a changed file is read again."""
    all_ideas.cache_clear()
    _by_id.cache_clear()


def matching(*, place: str = "", cost: str = "", time: str = "", new_to_both: bool = False) -> list[Idea]:
    """Ideas that fit every filter given; an empty filter matches everything."""
    return [
        idea
        for idea in all_ideas()
        if (not place or idea.place == place)
        and (not cost or idea.cost == cost)
        and (not time or idea.time == time)
        and (not new_to_both or idea.new_to_both)
    ]


def check(report: Report) -> None:
    report.summary["ideas"] = len(parse(content_path(FILE)))
