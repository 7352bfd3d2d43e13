"""Reading and checking the TOML data files that hold Rekindle's words.

The package ships every file under `content/`. An operator can override any of them by
putting a file with the same relative path under `<data dir>/content/`. Each content kind
registers a checker; `rekindle content check` runs them all and reports problems as
`file:line: message`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(Exception):
    """A content file that can't be used, with where and why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Report:
    """What checking found: problems as `file:line: message`, and counts for the summary."""

    problems: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def read_toml(path: Path) -> tuple[dict, str]:
    """Parse a file, turning syntax errors into `file:line: message`."""
    text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ContentError([f"{path}:{line}: {exc}"]) from None


def _line_from_message(message: str) -> int:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


def line_of(text: str, needle: str, default: int = 1) -> int:
    """The first line holding `needle`, to point a message at the right place."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return default


def content_path(relative: str) -> Path:
    """The operator's copy in the data directory if there is one, else the packaged file."""
    from django.conf import settings

    override = Path(settings.DATA_DIR) / "content" / relative
    return override if override.exists() else CONTENT_DIR / relative


def load_toml(relative: str) -> dict:
    return read_toml(content_path(relative))[0]


Checker = Callable[[Report], None]
_checkers: dict[str, Checker] = {}


def register_checker(name: str, checker: Checker) -> None:
    _checkers[name] = checker


def check_all() -> Report:
    report = Report()
    for name in sorted(_checkers):
        try:
            _checkers[name](report)
        except ContentError as exc:
            report.problems.extend(exc.problems)
    return report
