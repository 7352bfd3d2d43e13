"""Test settings: the real settings module, with test-friendly switches turned on."""

import os
import tempfile

os.environ["REKINDLE_TESTING"] = "true"
if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel worker keeps its own files (media, mail, secret key): the workers inherit
    # the directory the controlling process made, and must not share it.
    os.environ["REKINDLE_DATA_DIR"] = tempfile.mkdtemp(prefix=f"rekindle-test-{os.environ['PYTEST_XDIST_WORKER']}-")
else:
    os.environ.setdefault("REKINDLE_DATA_DIR", tempfile.mkdtemp(prefix="rekindle-test-"))

from rekindle.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
