"""Where Rekindle keeps its files: the database, the secret key, mail and static files."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "rekindle"


def data_dir_from_env() -> Path:
    raw = os.environ.get("REKINDLE_DATA_DIR", "").strip()
    path = Path(raw).expanduser() if raw else default_data_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path.resolve()


def load_or_create_secret_key(data_dir: Path) -> str:
    """Read the key kept in the data directory, creating it (owner-only) on first start."""
    key_file = data_dir / SECRET_KEY_FILE
    if key_file.exists():
        key = key_file.read_text().strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
