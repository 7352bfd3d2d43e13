"""The list of core values, from content/values.toml, validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

FILE = "values.toml"
KEY_PATTERN = re.compile(r"[a-z][a-z-]{0,29}")
FIELDS = ("key", "name", "meaning", "why")
NAME_MAX = 40


@dataclass(frozen=True)
class Value:
    key: str
    name: str
    meaning: str
    why: str


@dataclass(frozen=True)
class ValuesList:
    why: str
    values: tuple[Value, ...]

    def get(self, key: str) -> Value | None:
        return next((value for value in self.values if value.key == key), None)


def parse(path: Path) -> ValuesList:
    data, text = read_toml(path)
    problems: list[str] = []
    if not isinstance(data.get("why"), str) or not data["why"].strip():
        problems.append(f"{path}:1: say in `why` why naming values helps")
    entries = data.get("values")
    if not isinstance(entries, list) or not entries:
        raise ContentError([*problems, f"{path}:1: add at least one value as a [[values]] table"])
    seen: set[str] = set()
    values = []
    for entry in entries:
        key = entry.get("key") if isinstance(entry, dict) else None
        where = line_of(text, f'key = "{key}"') if key else 1
        if not isinstance(entry, dict):
            problems.append(f"{path}:1: each value must be a [[values]] table")
            continue
        for name in FIELDS:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                problems.append(f"{path}:{where}: value {key or '?'} needs '{name}'")
        for name in sorted(set(entry) - set(FIELDS)):
            problems.append(f"{path}:{where}: value {key or '?'}: unknown key '{name}'")
        if isinstance(key, str) and not KEY_PATTERN.fullmatch(key):
            problems.append(f"{path}:{where}: value {key}: key must be lower-case letters and dashes, at most 30")
        if isinstance(entry.get("name"), str) and len(entry["name"]) > NAME_MAX:
            problems.append(f"{path}:{where}: value {key}: keep the name to {NAME_MAX} characters")
        if key in seen:
            problems.append(f"{path}:{where}: value {key} appears twice; each key must be unique")
        seen.add(key)
        if not problems:
            values.append(Value(**{name: entry[name].strip() for name in FIELDS}))
    if problems:
        raise ContentError(problems)
    return ValuesList(why=data["why"].strip(), values=tuple(values))


@cache
def values_list() -> ValuesList:
    return parse(content_path(FILE))


def value_for(key: str) -> Value | None:
    return values_list().get(key)


def clear_cache() -> None:
    values_list.cache_clear()


def check(report: Report) -> None:
    report.summary["values"] = len(parse(content_path(FILE)).values)
