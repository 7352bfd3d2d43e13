"""The safety check's questions, from content/safety_check.toml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rekindle.care.models import QUESTIONS
from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

FILE = "safety_check.toml"


def parse(path: Path) -> dict:
    data, text = read_toml(path)
    keys = [q.get("key") for q in data.get("questions", [])]
    problems = []
    if sorted(keys) != sorted(QUESTIONS):
        problems.append(f"{path}:{line_of(text, '[[questions]]')}: the questions must be exactly {', '.join(QUESTIONS)}")
    for question in data.get("questions", []):
        if not str(question.get("text", "")).strip():
            problems.append(f"{path}:{line_of(text, str(question.get('key')))}: question {question.get('key')} needs text")
    if not str(data.get("intro", "")).strip():
        problems.append(f"{path}:1: add an intro")
    if problems:
        raise ContentError(problems)
    return data


@cache
def safety_check() -> dict:
    return parse(content_path(FILE))


def check(report: Report) -> None:
    report.summary["safety_check_questions"] = len(parse(content_path(FILE))["questions"])
