"""Precision and recall of the gentle helper over the labelled drafts in labelled.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rekindle.gentle.analysis import CATEGORIES, analyse

LABELLED = Path(__file__).with_name("labelled.toml")

# The figures reached when this was written, rounded down a little (precision, recall).
# The suite fails if the helper falls below them; raise them when the rules get better.
FLOORS = {
    "absolute": (0.90, 0.95),
    "blame": (0.95, 0.90),
    "contempt": (0.95, 0.87),
    "sarcasm": (0.95, 0.80),
    "command": (0.92, 0.88),
}


@dataclass(frozen=True)
class Example:
    text: str
    expect: frozenset[str]
    fresh: bool = False


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    @property
    def support(self) -> int:
        return self.true_pos + self.false_neg


def load(path: Path = LABELLED) -> list[Example]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Example(e["text"], frozenset(e["expect"]), bool(e.get("fresh", False))) for e in data["example"]]


def measure(examples: list[Example]) -> dict[str, Score]:
    """Per category, counted per draft: was the category flagged, and should it have been?"""
    scores = {category: Score() for category in CATEGORIES}
    for example in examples:
        found = analyse(example.text).categories
        for category, score in scores.items():
            if category in found and category in example.expect:
                score.true_pos += 1
            elif category in found:
                score.false_pos += 1
                score.misses.append(f"flagged but shouldn't be: {example.text!r}")
            elif category in example.expect:
                score.false_neg += 1
                score.misses.append(f"missed: {example.text!r}")
    return scores


def table(examples: list[Example]) -> list[str]:
    """The report: every draft, and separately the fresh batch never used for tuning."""
    everything, fresh = measure(examples), measure([e for e in examples if e.fresh])
    n_fresh = sum(e.fresh for e in examples)
    lines = [
        f"{len(examples)} labelled drafts ({n_fresh} in the fresh batch); counted per draft, floors in brackets",
        f"{'category':<10} {'with it':>7} {'precision':>17} {'recall':>17}   {'fresh P':>7} {'fresh R':>7}",
    ]
    for category in CATEGORIES:
        score, new = everything[category], fresh[category]
        floor_p, floor_r = FLOORS[category]
        lines.append(
            f"{category:<10} {score.support:>7} {score.precision:>9.3f} [{floor_p:.2f}] "
            f"{score.recall:>9.3f} [{floor_r:.2f}]   {new.precision:>7.3f} {new.recall:>7.3f}"
        )
    return lines
