"""Static files in production: whitenoise's compressed files with hashed names, each name's URL
worked out once per process."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Every page names the same stylesheet, scripts and icons. The manifest cannot change
    while the server runs (`rekindle serve` collects static files before it starts), so a
    name's URL is looked up in it once, not on every `{% static %}` of every page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
