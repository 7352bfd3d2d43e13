"""Every 'why' that names a study points at a checked reference, and every reference is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from rekindle.lib import references
from rekindle.lib.content import CONTENT_DIR, ContentError, Report, check_all


@pytest.fixture
def override(tmp_path, settings):
    settings.DATA_DIR = str(tmp_path)
    folder = tmp_path / "content"
    folder.mkdir()

    def write(relative: str, text: str) -> Path:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_the_shipped_content_and_references_check_clean():
    report = check_all()
    assert report.problems == []
    assert report.summary["references"]["references"] >= 10


def test_every_reference_says_who_was_studied_and_where_to_find_it():
    for ref in references.all_references().values():
        assert ref.studied and ref.found and ref.venue and ref.link.startswith("https://"), ref.id


def test_a_why_naming_a_missing_reference_fails_the_check(override):
    original = (CONTENT_DIR / "decks" / "fun-play.toml").read_text()
    override("decks/fun-play.toml", original.replace('refs = ["aron-2000"]', 'refs = ["nobody-1999"]'))
    with pytest.raises(ContentError) as error:
        references.check(Report())
    assert "no reference 'nobody-1999'" in str(error.value)


def test_an_unused_reference_fails_the_check(override):
    text = (CONTENT_DIR / "references.toml").read_text() + '''
[[references]]
id = "unused-2020"
authors = "Someone, A."
year = 2020
title = "A paper nothing cites"
venue = "A journal"
doi = "10.0000/none"
studied = "Nobody."
found = "Nothing."
'''
    override("references.toml", text)
    with pytest.raises(ContentError) as error:
        references.check(Report())
    assert "reference 'unused-2020' is not used" in str(error.value)


def test_a_why_that_names_a_study_without_refs_fails_the_check(override):
    original = (CONTENT_DIR / "decks" / "fun-play.toml").read_text()
    override("decks/fun-play.toml", original.replace('refs = ["aron-2000"]\n', "").replace(
        "Trying new and playful things together", "Play helps (Smith & Jones, 2011). Trying new and playful things together"))
    with pytest.raises(ContentError) as error:
        references.check(Report())
    assert "names a study" in str(error.value)


def test_a_reference_without_who_was_studied_is_refused(override):
    text = (CONTENT_DIR / "references.toml").read_text().replace(
        'studied = "16 married women under threat of a mild electric shock, in a brain scanner."\n', "")
    override("references.toml", text)
    with pytest.raises(ContentError) as error:
        references.check(Report())
    assert "reference 'coan-2006' needs 'studied'" in str(error.value)
