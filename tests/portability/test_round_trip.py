"""The issue's acceptance: a year exported, imported for a fresh person, exported again — the same.

The "fresh database" is a new person on the same test database (a second server isn't
needed: the import only ever reads the file). Ids and the moment of export aside, the two
exports are equal, except the rows that answer something the partner wrote (a reflection
on their check-in, a line on their memory): those can't come without the partner's row,
the import says how many were left out, and they are compared as left out.
"""

from __future__ import annotations

import io
import json

from rekindle.portability.archive import build_archive
from rekindle.portability.importer import archive_import
from rekindle.portability.models import ImportedRow
from rekindle.spaces.exports import kinds
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person
from tests.portability.zips import files


def kind_data(archive: bytes) -> dict[str, list[dict]]:
    contents = files(archive)
    return {k.name: json.loads(contents[f"{k.name}.json"]) for k in kinds()}


def without_ids(data: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each id (and a photo's file name, made of it) replaced by the row's place in its kind; each reference by the place of the row it names.
    Rows whose required reference isn't in the export (the partner's row) are taken out, as an import does."""
    data = {name: [dict(row) for row in rows] for name, rows in data.items()}
    changed = True
    while changed:  # taking a row out may orphan the rows that hang on it
        changed = False
        present = {name: {row["id"] for row in rows} for name, rows in data.items()}
        for k in kinds():
            required = [ref for ref in k.refs if not k.model._meta.get_field(ref).null]
            kept = [row for row in data[k.name] if all(row[f"{ref}_id"] in present[k.refs[ref]] for ref in required)]
            changed |= len(kept) != len(data[k.name])
            data[k.name] = kept
    place = {name: {row["id"]: index for index, row in enumerate(rows)} for name, rows in data.items()}
    for draw in data["prompt_draws"]:  # a question of their own is named by its id: by its place, here
        if draw["prompt_key"].startswith("custom-"):
            draw.update(prompt_key=f"custom-{place['custom_prompts'].get(int(draw['prompt_key'][7:]))}")
    result = {}
    for k in kinds():
        result[k.name] = [
            {**{key: value for key, value in row.items() if key not in ("id", "file") and not key.endswith("_id")},
             **{f"{ref}_id": place[k.refs[ref]].get(row[f"{ref}_id"]) for ref in k.refs}}
            for row in data[k.name]
        ]
    return result


def test_a_year_exported_imported_and_exported_again_is_the_same(year):
    alice = year["people"]["alice"]
    first = build_archive(alice)
    first_data = kind_data(first)
    newcomer = make_person("Alice Anew")

    result = archive_import(person=newcomer, upload=io.BytesIO(first))
    second_data = kind_data(build_archive(newcomer))

    expected = without_ids(first_data)
    for session in expected["listening_sessions"]:  # alone in a new space, an open session has ended
        if session["status"] in ("active", "paused"):
            session.update(status="ended", ended_at=session["created_at"])
    assert without_ids(second_data) == expected
    imported = result.total_added + sum(result.containers.values())
    assert imported == sum(len(rows) for rows in expected.values())
    assert result.left_out == sum(map(len, first_data.values())) - imported
    assert len(first_data["checkins"]) > 120 and len(first_data["memory_photos"]) >= 1
    assert any(d["prompt_key"].startswith("custom-") for d in second_data["prompt_draws"])
    assert couple_for(newcomer).space.name == "Alice & Bob"  # a space of their own, named from the export
    rows_before = ImportedRow.objects.count()

    again = archive_import(person=newcomer, upload=io.BytesIO(first))
    assert again.total_added == 0 and ImportedRow.objects.count() == rows_before
    assert kind_data(build_archive(newcomer)) == second_data


def test_the_partners_rows_are_left_for_them_to_bring(year):
    alice = year["people"]["alice"]
    shared = build_archive(alice, include_shared=True)
    partners = sum(1 for rows in kind_data(shared).values() for row in rows if row.get("author") == "partner")
    newcomer = make_person("Alice Anew")
    result = archive_import(person=newcomer, upload=io.BytesIO(shared))
    assert partners > 100 and result.partners == partners
    assert all(row.get("author") != "partner" for rows in kind_data(build_archive(newcomer)).values() for row in rows)


def test_an_export_brought_back_to_its_own_server_adds_only_what_was_deleted(year):
    alice = year["people"]["alice"]
    archive = build_archive(alice)
    before = kind_data(archive)
    result = archive_import(person=alice, upload=io.BytesIO(archive))
    assert result.total_added == 0 and sum(result.containers.values()) == 0
    assert kind_data(build_archive(alice)) == before

    appreciation = alice.appreciations.order_by("id").first()
    text = appreciation.text
    appreciation.delete()
    result = archive_import(person=alice, upload=io.BytesIO(archive))
    assert result.total_added == 1 and alice.appreciations.filter(text=text).count() == 1
