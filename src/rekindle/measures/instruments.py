"""The three measures: their wording (content/measures.toml), their scales and their scoring.

Scoring is plain arithmetic on validated answers, so it is tested with published-style
vectors and with hypothesis (any valid answer set scores in range, any other is refused).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

CSI4, IOS, CONNECTION = "csi4", "ios", "connection"
KINDS = (CSI4, IOS, CONNECTION)
MONTHLY = (CSI4, IOS)
WEEKLY = (CONNECTION,)

# The published shape of the CSI-4: item 1 on 0–6, items 2–4 on 0–5; the score is the sum.
CSI4_ITEM_MAXIMA = (6, 5, 5, 5)
CSI4_MAX = sum(CSI4_ITEM_MAXIMA)  # 21
IOS_STEPS = 7  # scored 1–7
CONNECTION_LOW, CONNECTION_HIGH = 1, 10

# Each measure's range, for charts and summaries.
SCALES = {CSI4: (0, CSI4_MAX), IOS: (1, IOS_STEPS), CONNECTION: (CONNECTION_LOW, CONNECTION_HIGH)}
SHORT_NAMES = {CSI4: "Satisfaction (CSI-4)", IOS: "Closeness circles", CONNECTION: "Weekly connection"}


class InvalidAnswers(ValueError):
    """Answers that are not a complete, in-range answer set for the measure."""


def _whole(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswers("Each answer must be a whole number.")
    return value


def score_csi4(answers: Sequence[int]) -> int:
    """The CSI-4 total, 0–21: the sum of the four items (Funk & Rogge, 2007)."""
    if len(answers) != len(CSI4_ITEM_MAXIMA):
        raise InvalidAnswers("Answer all four questions.")
    total = 0
    for number, (answer, top) in enumerate(zip(answers, CSI4_ITEM_MAXIMA), start=1):
        if not 0 <= _whole(answer) <= top:
            raise InvalidAnswers(f"Question {number} takes an answer from 0 to {top}.")
        total += answer
    return total


def score_ios(answers: Sequence[int]) -> int:
    """The IOS score is the picture chosen, 1 (apart) to 7 (almost completely overlapping)."""
    if len(answers) != 1 or not 1 <= _whole(answers[0]) <= IOS_STEPS:
        raise InvalidAnswers(f"Choose one of the {IOS_STEPS} pictures.")
    return answers[0]


def score_connection(answers: Sequence[int]) -> int:
    if len(answers) != 1 or not CONNECTION_LOW <= _whole(answers[0]) <= CONNECTION_HIGH:
        raise InvalidAnswers(f"Choose a number from {CONNECTION_LOW} to {CONNECTION_HIGH}.")
    return answers[0]


SCORERS = {CSI4: score_csi4, IOS: score_ios, CONNECTION: score_connection}


def score(kind: str, answers: Sequence[int]) -> int:
    if kind not in SCORERS:
        raise InvalidAnswers(f"Unknown measure {kind!r}.")
    return SCORERS[kind](list(answers))


def csi4_in_distress_range(total: int) -> bool:
    from rekindle.care.thresholds import CSI4_DISTRESS_BELOW

    return total < CSI4_DISTRESS_BELOW


# --- wording ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    anchors: tuple[str, ...]

    @property
    def choices(self) -> list[tuple[int, str]]:
        return list(enumerate(self.anchors))


@dataclass(frozen=True)
class Wording:
    csi4: dict
    csi4_items: tuple[Item, ...]
    ios: dict
    ios_steps: tuple[str, ...]
    connection: dict


def _parse() -> Wording:
    path = content_path("measures.toml")
    data, text = read_toml(path)
    problems = []

    def problem(needle: str, message: str) -> None:
        problems.append(f"{path}:{line_of(text, needle)}: {message}")

    csi4, ios, connection = data.get("csi4", {}), data.get("ios", {}), data.get("connection", {})
    for section, table, keys in (
        ("csi4", csi4, ("name", "citation", "terms", "about", "reference")),
        ("ios", ios, ("name", "citation", "terms", "question", "reference")),
        ("connection", connection, ("name", "question", "low", "high", "about")),
    ):
        for key in keys:
            if not str(table.get(key, "")).strip():
                problem(f"[{section}]", f"[{section}] needs '{key}'")
    items = tuple(Item(str(i.get("text", "")), tuple(i.get("anchors", []))) for i in csi4.get("items", []))
    if len(items) != len(CSI4_ITEM_MAXIMA):
        problem("[[csi4.items]]", f"the CSI-4 has exactly {len(CSI4_ITEM_MAXIMA)} items, as published")
    for item, top in zip(items, CSI4_ITEM_MAXIMA):
        if not item.text.strip():
            problem("[[csi4.items]]", "each CSI-4 item needs its published text")
        if len(item.anchors) != top + 1:
            problem(item.text or "[[csi4.items]]", f"this item is scored 0–{top}: it needs {top + 1} anchors")
    steps = tuple(ios.get("steps", []))
    if len(steps) != IOS_STEPS:
        problem("steps =", f"the IOS has {IOS_STEPS} pictures: give a label for each")
    if problems:
        raise ContentError(problems)
    return Wording(csi4=csi4, csi4_items=items, ios=ios, ios_steps=steps, connection=connection)


@cache
def wording() -> Wording:
    return _parse()


def check(report: Report) -> None:
    wording.cache_clear()
    parsed = _parse()
    report.summary["measures"] = {"csi4_items": len(parsed.csi4_items), "ios_steps": len(parsed.ios_steps)}


def csi4_enabled() -> bool:
    from django.conf import settings

    return settings.MEASURES_CSI4_ENABLED


def ios_circles(step: int, *, width: int = 96, height: int = 44) -> dict:
    """Geometry of IOS picture `step` (1–7): two equal circles from just touching to almost one.

    The distance between the centres falls evenly from two radii (touching) to a small gap.
    """
    radius = 18
    far, near = 2 * radius, radius * 0.2
    distance = far - (far - near) * (step - 1) / (IOS_STEPS - 1)
    middle = width / 2
    return {
        "width": width, "height": height, "r": radius, "cy": height / 2,
        "self_cx": round(middle - distance / 2, 2), "other_cx": round(middle + distance / 2, 2),
    }
