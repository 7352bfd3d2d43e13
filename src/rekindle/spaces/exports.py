"""A person's own words, for them to take away — and to bring to another server.

Each content app registers one small `Kind` per kind of row: the model, the field naming
who wrote it, the fields copied as they are, and the rows it refers to. `export_for` turns
every kind into a list of JSON-able rows with the source server's ids, so a reflection
names the check-in it answers; `rekindle.portability` writes them into a ZIP and reads
them back. docs/export-format.md describes the result.

What the partner wrote is added only when asked (`include_shared`), only through the
model's own `visible_to` — the rule the pages use — so sealed answers stay sealed, and a
kind that is private (`shared=False`) never carries the partner's rows.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for

FORMAT = "rekindle-export"
VERSION = 1
ME, PARTNER = "me", "partner"


@dataclass(frozen=True)
class Kind:
    name: str  # the section and file name: "checkins" -> checkins.json
    model: type[models.Model]
    label: str  # a heading in plain words, for the readable copy
    fields: tuple[str, ...]  # copied as they are (dates and times as ISO strings)
    owner: str | None = "author"  # who wrote the row; None: a container, exported when a row of the person's sits in it
    refs: Mapping[str, str] = field(default_factory=dict)  # foreign key -> the kind it points to ("<key>_id" in a row)
    space: str | None = "space"  # the space foreign key, set to the importer's space; None for rows without one
    shared: bool = True  # False: private to its author; the partner's rows are never read
    # A field another person may have filled in on the row (a bucket item's memory line):
    # field -> the foreign key naming who did; kept only when that is the one exporting.
    written_by: Mapping[str, str] = field(default_factory=dict)
    when: str = "created_at"  # the date shown in the readable copy
    words: tuple[str, ...] = ()  # what the readable copy shows of each row
    order: tuple[str, ...] = ("created_at", "id")
    # What a row becomes on import when it can't stay as it was (an open listening session
    # needs both partners; a drawn question of their own names it by its new id): called
    # with the new, unsaved row and a function from (kind, id in the export) to the id here.
    on_import: Callable[[models.Model, Callable[[str, int], int | None]], None] | None = None
    after: tuple[str, ...] = ()  # kinds an import must bring first, besides those in `refs`


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _kinds[kind.name] = kind


def kinds() -> list[Kind]:
    """Every kind, each after the kinds it refers to (so an import can follow the list)."""
    graph = {k.name: {ref for ref in (*k.refs.values(), *k.after) if ref != k.name} for k in _kinds.values()}
    return [_kinds[name] for name in graphlib.TopologicalSorter(graph).static_order()]


def registered() -> list[Kind]:
    """Every kind in the order the apps registered them: related kinds together, for reading."""
    return list(_kinds.values())


def _plain(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _row(k: Kind, obj, person: Person) -> dict:
    row = {"id": obj.pk}
    if k.owner:
        row["author"] = ME if getattr(obj, f"{k.owner}_id") == person.pk else PARTNER
    for name in k.fields:
        writer = k.written_by.get(name)
        keep = writer is None or getattr(obj, f"{writer}_id") == person.pk
        row[name] = _plain(getattr(obj, name)) if keep else None
    for ref in k.refs:
        row[f"{ref}_id"] = getattr(obj, f"{ref}_id")
    return row


def _rows_of(k: Kind, person: Person, include_shared: bool):
    own = k.model.objects.filter(**{k.owner: person})
    if include_shared and k.shared:
        theirs = k.model.objects.visible_to(person).exclude(**{k.owner: person})
        own = own | theirs
    return own.order_by(*k.order)


def export_for(person: Person, *, include_shared: bool = False) -> dict:
    """Every kind of row the person wrote (and, if asked, what their partner shared with them)."""
    couple = couple_for(person)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "person": {"name": person.display_name, "email": person.email, "time_zone": person.time_zone},
        "space": {"name": couple.space.name} if couple else None,
        "partner": {"name": couple.partner.display_name} if include_shared and couple and couple.partner else None,
    }
    ordered = kinds()
    for k in ordered:
        if k.owner:
            data[k.name] = [_row(k, obj, person) for obj in _rows_of(k, person, include_shared)]
    # Containers (a check-in round, a meeting, a drawn question) hold no one's words; only
    # those the exported rows sit in are listed.
    for k in ordered:
        if k.owner is None:
            wanted = {
                row[f"{ref}_id"]
                for other in ordered if other.owner
                for ref, target in other.refs.items() if target == k.name
                for row in data[other.name]
            }
            objs = k.model.objects.filter(pk__in=wanted - {None}).order_by(*k.order)
            data[k.name] = [_row(k, obj, person) for obj in objs]
    return data
