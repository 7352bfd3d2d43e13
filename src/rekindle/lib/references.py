"""The evidence behind every "why this helps": content/references.toml, checked.

Each reference has an id, its authors, year, title, venue, a DOI or URL, who was studied and
what it found (in our own words). Content names references by id: a `refs = [...]` list next
to a `why`, or a `reference = "..."` on an instrument. `rekindle content check` fails when a
content file names an id that does not exist, when a reference is never used, and when a
`why` names a study (an author and a year) without saying which reference it means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import CONTENT_DIR, ContentError, Report, content_path, line_of, read_toml

FILE = "references.toml"
FIELDS = ("id", "authors", "year", "title", "venue", "studied", "found")
# "Coan et al., 2006", "(Algoe, 2012)", "Funk & Rogge 2007": a name, then a year.
NAMES_A_STUDY = re.compile(r"[A-Z][A-Za-z'’-]+(?: et al\.?|,? (?:&|and) [A-Z][A-Za-z'’-]+)?,? \(?(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Reference:
    id: str
    authors: str
    year: int
    title: str
    venue: str
    link: str
    studied: str
    found: str


def _parse() -> dict[str, Reference]:
    path = content_path(FILE)
    data, text = read_toml(path)
    problems, refs = [], {}
    for raw in data.get("references", []):
        ref_id = str(raw.get("id", ""))
        where = f'id = "{ref_id}"' if ref_id else "[[references]]"
        for key in FIELDS:
            if not str(raw.get(key, "")).strip():
                problems.append(f"{path}:{line_of(text, where)}: reference '{ref_id}' needs '{key}'")
        if not (raw.get("doi") or raw.get("url")):
            problems.append(f"{path}:{line_of(text, where)}: reference '{ref_id}' needs a 'doi' or a 'url'")
        if ref_id in refs:
            problems.append(f"{path}:{line_of(text, where)}: reference id '{ref_id}' is used twice")
        link = f"https://doi.org/{raw['doi']}" if raw.get("doi") else str(raw.get("url", ""))
        refs[ref_id] = Reference(ref_id, str(raw.get("authors", "")), int(raw.get("year", 0) or 0), str(raw.get("title", "")),
                                 str(raw.get("venue", "")), link, str(raw.get("studied", "")), str(raw.get("found", "")))
    if problems:
        raise ContentError(problems)
    return refs


@cache
def all_references() -> dict[str, Reference]:
    return _parse()


def _content_files() -> list[Path]:
    """Every content file as the site uses it: the operator's copy where there is one."""
    from django.conf import settings

    files = {}
    for folder in (CONTENT_DIR, Path(settings.DATA_DIR) / "content"):
        for path in sorted(folder.rglob("*.toml")):
            files[path.relative_to(folder).as_posix()] = path
    files.pop(FILE, None)
    return list(files.values())


def _walk(node, found: list[tuple[str, object]], missing: list[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("why"), str) and NAMES_A_STUDY.search(node["why"]) and not node.get("refs"):
            missing.append(node["why"])
        for key in ("refs", "reference"):
            if key in node:
                found.append((key, node[key]))
        for value in node.values():
            _walk(value, found, missing)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found, missing)


def used_ids(paths: list[Path] | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """(id -> where it is named, problems) across the content files."""
    used: dict[str, list[str]] = {}
    problems: list[str] = []
    for path in paths if paths is not None else _content_files():
        data, text = read_toml(path)
        found: list[tuple[str, object]] = []
        missing: list[str] = []
        _walk(data, found, missing)
        for why in missing:
            problems.append(f"{path}:{line_of(text, why[:40])}: this 'why' names a study: add refs = [\"<id>\"] from {FILE}")
        for key, value in found:
            ids = [value] if isinstance(value, str) else value if isinstance(value, list) else None
            if ids is None or not all(isinstance(i, str) for i in ids):
                problems.append(f"{path}:{line_of(text, key + ' =')}: {key} must be a reference id or a list of ids")
                continue
            for ref_id in ids:
                used.setdefault(ref_id, []).append(f"{path}:{line_of(text, repr(ref_id)[1:-1])}")
    return used, problems


def check(report: Report) -> None:
    all_references.cache_clear()
    refs = _parse()
    used, problems = used_ids()
    path = content_path(FILE)
    _, text = read_toml(path)
    for ref_id, places in sorted(used.items()):
        if ref_id not in refs:
            problems.extend(f"{place}: no reference '{ref_id}' in {FILE}" for place in places)
    for ref_id in sorted(set(refs) - set(used)):
        where = line_of(text, 'id = "' + ref_id + '"')
        problems.append(f"{path}:{where}: reference '{ref_id}' is not used by any content")
    if problems:
        raise ContentError(problems)
    report.summary["references"] = {"references": len(refs), "cited": sum(len(p) for p in used.values())}
