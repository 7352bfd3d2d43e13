"""Test settings: the real settings module, with test-friendly switches turned on."""

import os
import tempfile

os.environ["REKINDLE_TESTING"] = "true"
os.environ.setdefault("REKINDLE_DATA_DIR", tempfile.mkdtemp(prefix="rekindle-test-"))

from rekindle.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
