"""The export as a ZIP: a manifest, one JSON file per kind, the photos, and a readable copy.

The layout is described in docs/export-format.md; `rekindle.portability.importer` reads it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac

from rekindle.memories.models import Photo
from rekindle.spaces.exports import ME, export_for, kinds, registered
from rekindle.spaces.models import Person

MANIFEST = "manifest.json"
PHOTOS = "photos"
PHOTO_KIND = "memory_photos"


def server_id() -> str:
    """A stable name for this server (derived from its secret key; it reveals nothing of it)."""
    return salted_hmac("rekindle.portability.server", "server-id").hexdigest()[:32]


def photo_path(photo_id: int) -> str:
    return f"{PHOTOS}/{photo_id}.jpg"


def _dumps(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def build_archive(person: Person, *, include_shared: bool = False) -> bytes:
    data = export_for(person, include_shared=include_shared)
    photo_rows = data[PHOTO_KIND]
    for row in photo_rows:
        row["file"] = photo_path(row["id"])
    manifest = {
        "format": data["format"],
        "version": data["version"],
        "exported_at": data["exported_at"],
        "server": server_id(),
        "person": data["person"],
        "space": data["space"],
        "partner": data["partner"],
        "include_shared": include_shared,
        "kinds": [{"name": k.name, "file": f"{k.name}.json", "count": len(data[k.name])} for k in kinds()],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _dumps(manifest))
        for k in kinds():
            archive.writestr(f"{k.name}.json", _dumps(data[k.name]))
        photos = Photo.objects.filter(pk__in=[row["id"] for row in photo_rows]).only("id", "image")
        for photo in photos:
            with photo.image.open("rb") as file:  # the stored file: already re-encoded, without EXIF
                archive.writestr(photo_path(photo.pk), file.read(), compress_type=zipfile.ZIP_STORED)
        archive.writestr("style.css", render_to_string("portability/archive_style.css"))
        archive.writestr("index.html", readable_copy(data, manifest))
    return buffer.getvalue()


def _when(value) -> str:
    if not isinstance(value, str):
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {moment:%B %Y}"


def _words(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_words(item)}" for key, item in value.items() if item not in ("", None))
    if isinstance(value, list):
        return ", ".join(_words(item) for item in value if item not in ("", None))
    return "" if value is None or value is False else str(value)


def readable_copy(data: dict, manifest: dict) -> str:
    """index.html: every kind with words, by kind and date, marked where the partner wrote it."""
    sections = []
    for k in registered():
        if k.owner is None or not data[k.name]:
            continue
        rows = [
            {
                "when": _when(row.get(k.when)),
                "mine": row.get("author") == ME,
                "lines": [(name.replace("_", " "), _words(row[name]))
                          for name in k.words if _words(row.get(name))],
                "photo": row.get("file"),
            }
            for row in data[k.name]
        ]
        sections.append({"id": k.name, "label": k.label, "rows": rows})
    return render_to_string(
        "portability/archive_index.html",
        {"sections": sections, "manifest": manifest, "exported_on": _when(manifest["exported_at"])},
    )
