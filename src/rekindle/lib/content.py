"""Reading the TOML data files that hold Rekindle's words."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


def load_toml(relative: str) -> dict:
    with (CONTENT_DIR / relative).open("rb") as fh:
        return tomllib.load(fh)
