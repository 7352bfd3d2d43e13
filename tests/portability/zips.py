"""Downloading a person's export through the page, and reading what is inside."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from tests.conftest import client_for


def download(person, *, include_shared: bool = False) -> bytes:
    response = client_for(person).get(reverse("export_download"), {"include_shared": "on"} if include_shared else {})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return response.content


def files(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def archive_text(person, *, include_shared: bool = False) -> str:
    """Every file of the person's export, as one text to search (photos as bytes, decoded leniently)."""
    return "\n".join(body.decode(errors="replace") for body in files(download(person, include_shared=include_shared)).values())


def kind_rows(archive: bytes, kind: str) -> list[dict]:
    return json.loads(files(archive)[f"{kind}.json"])
