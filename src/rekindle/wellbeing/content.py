"""The "how I feel cared for" questionnaire, from content/care_questions.toml, validated on load.

Five ways of feeling cared for, each rated through its own statements, one at a time: no
forced choice between them and no single "type" at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

FILE = "care_questions.toml"
WAYS = ("words", "time", "help", "gifts", "touch")  # the five ways; the file words them
KEY_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,39}")
SCALE_SIZE = 5


@dataclass(frozen=True)
class Way:
    key: str
    label: str
    about: str
    why: str


@dataclass(frozen=True)
class Question:
    key: str
    way: str
    text: str
    why: str


@dataclass(frozen=True)
class Questionnaire:
    why: str
    scale: tuple[str, ...]
    ways: tuple[Way, ...]
    questions: tuple[Question, ...]

    def way(self, key: str) -> Way | None:
        return next((way for way in self.ways if way.key == key), None)

    def questions_for(self, way: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.way == way)


def _texts(entry, names, where, what, path, problems) -> None:
    for name in names:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            problems.append(f"{path}:{where}: {what} needs '{name}'")
    for name in sorted(set(entry) - set(names)):
        problems.append(f"{path}:{where}: {what}: unknown key '{name}'")


def parse(path: Path) -> Questionnaire:
    data, text = read_toml(path)
    problems: list[str] = []
    if not isinstance(data.get("why"), str) or not data["why"].strip():
        problems.append(f"{path}:1: say in `why` why this questionnaire helps")
    scale = data.get("scale")
    if not isinstance(scale, list) or len(scale) != SCALE_SIZE or not all(isinstance(s, str) and s for s in scale):
        problems.append(f"{path}:{line_of(text, 'scale =')}: `scale` needs {SCALE_SIZE} labels, lowest first")
    ways = []
    for entry in data.get("ways") or []:
        key = entry.get("key")
        where = line_of(text, f'key = "{key}"')
        _texts(entry, ("key", "label", "about", "why"), where, f"way {key or '?'}", path, problems)
        if key not in WAYS:
            problems.append(f"{path}:{where}: way {key!r} is not one of {', '.join(WAYS)}")
        ways.append(entry)
    if sorted(str(w.get("key")) for w in ways) != sorted(WAYS):
        problems.append(f"{path}:1: describe each of the five ways once: {', '.join(WAYS)}")
    questions, seen = [], set()
    for entry in data.get("questions") or []:
        key = entry.get("key")
        where = line_of(text, f'key = "{key}"')
        _texts(entry, ("key", "way", "text", "why"), where, f"question {key or '?'}", path, problems)
        if isinstance(key, str) and not KEY_PATTERN.fullmatch(key):
            problems.append(f"{path}:{where}: question {key}: key must be lower-case letters, digits and dashes")
        if key in seen:
            problems.append(f"{path}:{where}: question {key} appears twice; each key must be unique")
        seen.add(key)
        if entry.get("way") not in WAYS:
            problems.append(f"{path}:{where}: question {key}: way must be one of {', '.join(WAYS)}")
        questions.append(entry)
    for way in WAYS:
        if not any(q.get("way") == way for q in questions):
            problems.append(f"{path}:1: way {way} needs at least one question")
    if problems:
        raise ContentError(problems)
    order = {key: index for index, key in enumerate(WAYS)}
    return Questionnaire(
        why=data["why"].strip(),
        scale=tuple(scale),
        ways=tuple(sorted((Way(**{k: w[k].strip() for k in ("key", "label", "about", "why")}) for w in ways),
                          key=lambda w: order[w.key])),
        questions=tuple(Question(**{k: q[k].strip() for k in ("key", "way", "text", "why")}) for q in questions),
    )


@cache
def questionnaire() -> Questionnaire:
    return parse(content_path(FILE))


def clear_cache() -> None:
    questionnaire.cache_clear()


def check(report: Report) -> None:
    report.summary["care_questions"] = len(parse(content_path(FILE)).questions)
