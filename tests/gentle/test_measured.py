"""The helper is measured on a labelled set of original drafts, and must not get worse."""

from __future__ import annotations

from collections import Counter

from rekindle.gentle.analysis import CATEGORIES
from tests.gentle.conftest import REPORT
from tests.gentle.measure import FLOORS, load, measure, table


def test_the_labelled_set_is_big_varied_and_well_formed():
    examples = load()
    assert len(examples) >= 150
    assert len({e.text for e in examples}) == len(examples), "a draft is listed twice"
    for example in examples:
        assert example.text.strip()
        assert example.expect <= set(CATEGORIES), example.text
    positives = Counter(c for e in examples for c in e.expect)
    for category in CATEGORIES:
        assert positives[category] >= 25, f"too few {category} drafts to measure"
    assert sum(not e.expect for e in examples) >= 60, "too few drafts that should stay unflagged"
    assert sum(len(e.expect) > 1 for e in examples) >= 15
    assert sum(e.fresh for e in examples) >= 40


def test_precision_and_recall_stay_at_or_above_the_recorded_floors(request, record_property):
    examples = load()
    lines = table(examples)
    request.config.stash[REPORT] = lines  # printed in the terminal summary (conftest.py)
    print("\n" + "\n".join(lines))
    scores = measure(examples)
    failures = []
    for category, score in scores.items():
        record_property(f"{category}_precision", round(score.precision, 3))
        record_property(f"{category}_recall", round(score.recall, 3))
        floor_p, floor_r = FLOORS[category]
        if score.precision < floor_p or score.recall < floor_r:
            failures.append(
                f"{category}: precision {score.precision:.3f} (floor {floor_p}), "
                f"recall {score.recall:.3f} (floor {floor_r})\n    " + "\n    ".join(score.misses)
            )
    assert not failures, "The helper got worse:\n" + "\n".join(failures)
