"""Shows the gentle helper's precision and recall at the end of the test run."""

from __future__ import annotations

import pytest

REPORT = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(REPORT, None)
    if lines:
        terminalreporter.write_sep("-", "gentle start-up helper: precision and recall")
        for line in lines:
            terminalreporter.write_line(line)
