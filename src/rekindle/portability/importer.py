"""Bringing an export (rekindle.portability.archive) back: what was the person's becomes theirs here.

Everything happens in one transaction: a file that isn't an export, is from a newer
version, or holds a row that doesn't fit changes nothing. Rows go into the person's
current space (a space of their own is started when they have none). A row written by the
partner is never imported — it is theirs to bring. Containers that pair two partners' rows
(a check-in round, a drawn question, a meeting, a program run) are made anew for the
imported rows. `ImportedRow` remembers each row brought in, so importing again adds nothing.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from rekindle.memories import services as memory_services
from rekindle.memories.photos import MAX_UPLOAD_BYTES
from rekindle.portability.archive import MANIFEST, PHOTO_KIND, server_id
from rekindle.portability.models import ImportedRow
from rekindle.spaces import services as space_services
from rekindle.spaces.exports import FORMAT, ME, PARTNER, VERSION, Kind, kinds
from rekindle.spaces.models import Membership, Person
from rekindle.spaces.selectors import couple_for

NOT_AN_EXPORT = "This file isn't a Rekindle export. Choose the ZIP file you downloaded from “Your words are yours”."
TOO_NEW = "This export comes from a newer Rekindle than this one. Ask whoever runs this server to update it, then try again."
DAMAGED = "Part of this export couldn't be read ({what}). It may not have finished downloading; try downloading it again."
ROW_DOESNT_FIT = "One of the {label} in this export doesn't fit here ({problem}). Nothing was imported."
MAX_JSON_BYTES = 50 * 1024 * 1024


@dataclass
class ImportResult:
    added: Counter = field(default_factory=Counter)  # the person's rows, by kind
    containers: Counter = field(default_factory=Counter)  # rounds, meetings … made anew for them
    already_here: int = 0  # imported before, or already in this space
    partners: int = 0  # written by the partner: theirs to bring
    left_out: int = 0  # hanging on something the partner wrote, which isn't in the export

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _read_json(archive: zipfile.ZipFile, name: str):
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise ValidationError(DAMAGED.format(what=name), code="damaged") from None
    if info.file_size > MAX_JSON_BYTES:
        raise ValidationError(DAMAGED.format(what=name), code="too_big")
    try:
        return json.loads(archive.read(info))
    except (ValueError, zipfile.BadZipFile, OSError):
        raise ValidationError(DAMAGED.format(what=name), code="damaged") from None


def _open(upload) -> tuple[zipfile.ZipFile, dict]:
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export") from None
    if MANIFEST not in archive.namelist():
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export")
    manifest = _read_json(archive, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export")
    server = manifest.get("server")
    if not isinstance(server, str) or not 0 < len(server) <= ImportedRow._meta.get_field("source_server").max_length:
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export")
    if not isinstance(manifest.get("version"), int) or manifest["version"] < 1:
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export")
    if manifest["version"] > VERSION:
        raise ValidationError(TOO_NEW, code="too_new")
    return archive, manifest


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def _rows(archive: zipfile.ZipFile, manifest: dict) -> dict[str, list[dict]]:
    listed = {entry.get("name") for entry in manifest.get("kinds", []) if isinstance(entry, dict)}
    rows = {}
    for k in kinds():
        found = _read_json(archive, f"{k.name}.json") if k.name in listed else []
        if not isinstance(found, list) or not all(isinstance(r, dict) and _is_id(r.get("id")) for r in found):
            raise ValidationError(DAMAGED.format(what=f"{k.name}.json"), code="damaged")
        rows[k.name] = found
    return rows


def _space_for(person: Person, manifest: dict):
    couple = couple_for(person)
    if couple is None:
        space = manifest.get("space") or {}
        name = space.get("name") if isinstance(space.get("name"), str) else ""
        space_services.space_create(person=person, name=name or f"{person.display_name}'s space")
        couple = couple_for(person)
    return couple


class _Importer:
    def __init__(self, *, person: Person, archive: zipfile.ZipFile, manifest: dict):
        self.person, self.archive, self.server = person, archive, manifest["server"]
        self.couple = _space_for(person, manifest)
        self.result = ImportResult()
        self.mapped = {
            (row.kind, row.source_id): row.local_id
            for row in ImportedRow.objects.filter(person=person, source_server=self.server)
        }
        self.written_files: list = []

    def run(self, rows: dict[str, list[dict]]) -> ImportResult:
        ordered = kinds()
        own = {k.name: [r for r in rows[k.name] if r.get("author") == ME] for k in ordered if k.owner}
        self.result.partners = sum(1 for k in ordered if k.owner for r in rows[k.name] if r.get("author") == PARTNER)
        for k in ordered:
            if k.owner is None:  # only the containers the person's own rows sit in
                wanted = {r.get(f"{ref}_id") for other in ordered if other.owner
                          for ref, target in other.refs.items() if target == k.name for r in own[other.name]}
                own[k.name] = [r for r in rows[k.name] if r["id"] in wanted]
        if self.server == server_id():
            self._map_rows_still_here(ordered, own)
        try:
            for k in ordered:
                for row in own[k.name]:
                    self._one(k, row)
        except BaseException:
            for file in self.written_files:  # the rows roll back; their files go too
                file.storage.delete(file.name)
            raise
        if self.result.added["memories"]:
            memory_services.refresh_memory_days(self.couple.space)
        return self.result

    def _map_rows_still_here(self, ordered: list[Kind], own: dict[str, list[dict]]) -> None:
        """An export brought back to the server it came from: rows of the person's that are still
        here are theirs already (ids are this server's own), so only what was deleted comes back."""
        for k in ordered:
            ids = [row["id"] for row in own[k.name] if _is_id(row["id"])]
            found = k.model.objects.filter(pk__in=ids)
            if k.owner:
                found = found.filter(**{k.owner: self.person})
            elif k.space:  # a round or a meeting of a space they were in (another person's import makes its own)
                found = found.filter(**{f"{k.space}__in": Membership.objects.filter(person=self.person).values("space")})
            else:
                continue
            for pk in found.values_list("pk", flat=True) if ids else ():
                self.mapped[(k.name, pk)] = pk

    def _one(self, k: Kind, row: dict) -> None:
        if (k.name, row["id"]) in self.mapped:
            self.result.already_here += 1
            return
        obj = k.model()
        for ref, target in k.refs.items():
            source = row.get(f"{ref}_id")
            local = self.mapped.get((target, source)) if _is_id(source) else None
            if local is None and source is not None and not k.model._meta.get_field(ref).null:
                self.result.left_out += 1  # it answers something that isn't theirs to import
                return
            setattr(obj, f"{ref}_id", local)
        if k.owner:
            setattr(obj, k.owner, self.person)
        if k.space:
            setattr(obj, k.space, self.couple.space)
        for name in k.fields:
            value = row.get(name)
            if name in k.written_by:
                if value is None:
                    continue
                setattr(obj, k.written_by[name], self.person)
            try:
                setattr(obj, name, k.model._meta.get_field(name).to_python(value))
            except ValidationError as exc:
                raise self._doesnt_fit(k, exc) from None
            except (TypeError, ValueError):  # a list where a date should be, say
                raise self._doesnt_fit(k, ValidationError(f"{name} isn't what it should be")) from None
        if k.on_import:
            k.on_import(obj, lambda kind, source: self.mapped.get((kind, source)))
        if k.name == PHOTO_KIND:
            obj = self._photo(row, obj)
        else:
            try:
                others = [f.name for f in k.model._meta.fields if f.name not in k.fields]  # set here, not read
                obj.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                raise self._doesnt_fit(k, exc) from None
            try:
                with transaction.atomic():  # a row like it is already here (a space allows one of it)
                    obj.save(force_insert=True)
            except IntegrityError:
                self.result.already_here += 1
                return
        ImportedRow.objects.create(person=self.person, source_server=self.server, kind=k.name,
                                   source_id=row["id"], local_id=obj.pk)
        self.mapped[(k.name, row["id"])] = obj.pk
        (self.result.added if k.owner else self.result.containers)[k.name] += 1

    def _photo(self, row: dict, obj):
        """Through the memory book's own door: re-encoded, EXIF stripped, the same limits."""
        name = row.get("file")
        try:
            info = self.archive.getinfo(name) if isinstance(name, str) else None
        except KeyError:
            info = None
        if info is None:
            raise ValidationError(DAMAGED.format(what=f"photo {row['id']}"), code="damaged")
        if info.file_size > MAX_UPLOAD_BYTES:
            raise ValidationError(DAMAGED.format(what=name), code="too_big")
        upload = ContentFile(self.archive.read(info), name=name.rsplit("/", 1)[-1])
        (photo,) = memory_services.photos_add(person=self.person, couple=self.couple, memory_id=obj.memory_id,
                                              files=[upload], alts=[obj.alt])
        self.written_files += [photo.image, photo.thumb]
        type(photo).objects.filter(pk=photo.pk).update(created_at=obj.created_at)
        return photo

    @staticmethod
    def _doesnt_fit(k: Kind, exc: ValidationError) -> ValidationError:
        return ValidationError(ROW_DOESNT_FIT.format(label=k.label.lower(), problem=" ".join(exc.messages)),
                               code="doesnt_fit")


@transaction.atomic
def archive_import(*, person: Person, upload) -> ImportResult:
    """Import an export file (a path or a file object) for `person`, all or nothing."""
    archive, manifest = _open(upload)
    with archive:
        rows = _rows(archive, manifest)
        return _Importer(person=person, archive=archive, manifest=manifest).run(rows)
