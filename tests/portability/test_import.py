"""Importing: bad or foreign files change nothing and say why; the command line does what the page does."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError

from rekindle import cli
from rekindle.checkins import services as checkin_services
from rekindle.checkins.models import Appreciation, CheckIn
from rekindle.portability import importer
from rekindle.portability.archive import build_archive
from rekindle.portability.models import ImportedRow
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person
from tests.portability.zips import files


@pytest.fixture
def archive(couple):
    alice, bob = couple
    for person in (alice, bob):
        checkin_services.checkin_submit(person=person, couple=couple_for(person),
                                        answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None)
        checkin_services.appreciation_create(person=person, couple=couple_for(person), text="Thanks", submission=None)
    return build_archive(alice, include_shared=True)


def rezip(archive: bytes, **changes) -> bytes:
    """The archive with some files replaced (a value of None takes the file out)."""
    contents = files(archive)
    for name, body in changes.items():
        name = name.replace("__", ".")
        if body is None:
            contents.pop(name)
        else:
            contents[name] = body.encode() if isinstance(body, str) else body
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, body in contents.items():
            out.writestr(name, body)
    return buffer.getvalue()


def manifest_with(archive: bytes, **changes) -> str:
    return json.dumps({**json.loads(files(archive)["manifest.json"]), **changes})


def test_an_import_brings_your_own_rows_and_leaves_the_partners(archive):
    erin = make_person("Erin")
    result = importer.archive_import(person=erin, upload=io.BytesIO(archive))
    assert result.added["checkins"] == 1 and result.added["appreciations"] == 1 and result.partners == 2
    assert CheckIn.objects.filter(author=erin).count() == 1
    assert Appreciation.objects.get(author=erin).space == couple_for(erin).space


@pytest.mark.parametrize("bad,message", [
    (lambda a: b"not a zip at all", importer.NOT_AN_EXPORT),
    (lambda a: rezip(a, manifest__json=None), importer.NOT_AN_EXPORT),
    (lambda a: rezip(a, manifest__json=manifest_with(a, format="someone-else")), importer.NOT_AN_EXPORT),
    (lambda a: rezip(a, manifest__json=manifest_with(a, version=99)), importer.TOO_NEW),
    (lambda a: rezip(a, manifest__json="{broken"), importer.DAMAGED.format(what="manifest.json")),
    (lambda a: rezip(a, checkins__json=None), importer.DAMAGED.format(what="checkins.json")),
    (lambda a: rezip(a, checkins__json='[{"id": "one"}]'), importer.DAMAGED.format(what="checkins.json")),
    (lambda a: rezip(a, checkins__json=f'[{{"id": {2**70}}}]'), importer.DAMAGED.format(what="checkins.json")),
    (lambda a: rezip(a, manifest__json=manifest_with(a, server="x" * 500)), importer.NOT_AN_EXPORT),
])
def test_a_bad_or_foreign_file_gets_a_kind_message_and_changes_nothing(archive, bad, message):
    erin = make_person("Erin")
    with pytest.raises(ValidationError) as caught:
        importer.archive_import(person=erin, upload=io.BytesIO(bad(archive)))
    assert caught.value.messages == [message]
    assert couple_for(erin) is None and not ImportedRow.objects.exists()


def test_a_row_that_doesnt_fit_stops_the_whole_import(archive):
    rows = json.loads(files(archive)["appreciations.json"])
    rows[0]["text"] = "x" * 5000  # longer than an appreciation can be
    rows[-1]["local_date"] = ["not", "a", "date"]
    erin = make_person("Erin")
    spaces = Space.objects.count()
    with pytest.raises(ValidationError) as caught:
        importer.archive_import(person=erin, upload=io.BytesIO(rezip(archive, appreciations__json=json.dumps(rows))))
    assert "appreciations" in caught.value.messages[0] and "Nothing was imported" in caught.value.messages[0]
    assert Space.objects.count() == spaces and not CheckIn.objects.filter(author=erin).exists()


def test_rekindle_import_takes_a_zip_and_an_email(archive, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "_prepare", lambda **kwargs: None)  # the test database is already migrated
    path = tmp_path / "export.zip"
    path.write_bytes(archive)
    erin = make_person("Erin")
    assert cli.main(["import", str(path), "ERIN@example.test"]) == 0
    out = capsys.readouterr().out
    assert "2 entries imported" in out and "2 of the partner's entries were left out" in out
    assert CheckIn.objects.filter(author=erin).count() == 1
    assert cli.main(["import", str(path), "erin@example.test"]) == 0
    assert "0 entries imported" in capsys.readouterr().out
    assert cli.main(["import", str(path), "nobody@example.test"]) == 1
    assert "No account here" in capsys.readouterr().err
    path.write_bytes(b"nope")
    assert cli.main(["import", str(path), "erin@example.test"]) == 1
    assert importer.NOT_AN_EXPORT in capsys.readouterr().err


def test_the_format_document_names_every_kind_and_field():
    from pathlib import Path

    from rekindle.spaces.exports import VERSION, kinds

    doc = (Path(__file__).parents[2] / "docs" / "export-format.md").read_text()
    assert f"**schema version** `{VERSION}`" in doc and f"- **{VERSION}**" in doc
    for k in kinds():
        section = doc.split(f"### `{k.name}`", 1)[1].split("\n### ", 1)[0]
        for name in ("id", *k.fields, *(f"{ref}_id" for ref in k.refs)):
            assert f"| `{name}` |" in section, (k.name, name)
