"""Production static files: each name's hashed URL is read from the manifest once per process."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage

from rekindle.lib.staticfiles import StaticFilesStorage


def test_a_static_url_is_looked_up_once_per_name(monkeypatch, tmp_path):
    looked_up = []

    def manifest_url(self, name, force=False):
        looked_up.append((name, force))
        return f"/static/{name}.{len(looked_up)}"

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", manifest_url)
    storage = StaticFilesStorage(location=tmp_path)
    assert storage.url("rekindle/rekindle.css") == storage.url("rekindle/rekindle.css") == "/static/rekindle/rekindle.css.1"
    assert storage.url("rekindle/rekindle.js") == "/static/rekindle/rekindle.js.2"
    assert storage.url("rekindle/rekindle.css", force=True) == "/static/rekindle/rekindle.css.3"  # never cached
    assert looked_up == [("rekindle/rekindle.css", False), ("rekindle/rekindle.js", False), ("rekindle/rekindle.css", True)]
