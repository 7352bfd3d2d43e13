"""The helper's rules are data (content/gentle_rules.toml), checked like every content file."""

from __future__ import annotations

import re

import pytest

from rekindle.gentle import rules
from rekindle.gentle.analysis import analyse
from rekindle.lib.content import CONTENT_DIR, check_all
from tests.conftest import client_for, make_person

PACKAGED = (CONTENT_DIR / rules.FILE).read_text(encoding="utf-8")


@pytest.fixture
def override(tmp_path, settings):
    """An operator's content folder in a throwaway data directory."""
    settings.DATA_DIR = tmp_path
    (tmp_path / "content").mkdir()
    return tmp_path / "content" / rules.FILE


def problems_for(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return "\n".join(check_all().problems)


def test_packaged_rules_are_valid_and_counted_in_the_content_summary():
    report = check_all()
    assert report.problems == []
    summary = report.summary["gentle_rules"]
    assert list(summary) == list(rules.CATEGORIES)
    assert all(count >= 10 for count in summary.values()), summary


def test_every_reason_is_one_or_two_short_sentences():
    for category in rules.packaged().categories.values():
        assert len(category.why) <= rules.WHY_MAX
        assert 1 <= len(re.findall(r"[.!?](?=\s|$)", category.why)) <= 2, category.key
        assert category.label and category.suggestion


def test_a_bad_pattern_is_reported_with_file_and_line(override):
    text = PACKAGED.replace("  'never(?! mind)',", "  'never(?! mind',", 1)
    problems = problems_for(override, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "'never(?! mind'," in row)
    assert f"{override}:{line}: absolute: patterns entry 'never(?! mind' is not a valid regular expression" in problems


def test_missing_reasons_unknown_keys_and_empty_matches_are_reported(override):
    text = PACKAGED.replace('[blame]\nlabel = "Might land as blame"\nwhy = ', '[blame]\nlabel = "Might land as blame"\nwhy_not = ', 1)
    text = text.replace("[command]\n", '[command]\ncolour = "red"\n', 1)
    text = text.replace("  'never(?! mind)',", "  'never(?! mind)', '(?:x)?',", 1)
    problems = problems_for(override, text)
    assert "blame needs a 'why'" in problems
    assert "blame: unknown key 'why_not'" in problems
    assert "command: unknown key 'colour'" in problems
    assert "matches empty text" in problems


def test_a_long_reason_is_refused(override):
    long_why = "This is a sentence. " * 20
    text = re.sub(r'(\[sarcasm\]\nlabel = "[^"]+"\nwhy = )"[^"]+"', lambda m: m.group(1) + f'"{long_why}"', PACKAGED)
    assert "sarcasm: keep 'why' to one or two short sentences" in problems_for(override, text)


def test_a_missing_category_and_a_syntax_error_are_reported(override):
    text = PACKAGED.replace("[contempt]", "[contemptuous]", 1)
    problems = problems_for(override, text)
    assert "add a [contempt] section" in problems
    assert "unknown section 'contemptuous'" in problems
    problems = problems_for(override, 'x = "unclosed\n')
    assert problems.startswith(f"{override}:1:")


def test_the_operators_copy_is_used_by_the_page(override, db):
    override.write_text(PACKAGED.replace('"always", "constantly",', '"always", "constantly", "bananas",', 1))
    assert ("absolute", "Bananas") in {(f.category, f.phrase) for f in analyse("Bananas!", rules.active()).flags}
    body = client_for(make_person("Frank")).post("/draft/", {"text": "You bring bananas."}).content.decode()
    assert "<mark>bananas</mark>" in body
    # The packaged rules, used when no rules are passed, are unchanged.
    assert analyse("You bring bananas.").flags == ()


def test_phrases_allow_any_spacing_and_a_missing_apostrophe():
    regex = re.compile(rules.phrase_regex("it's your fault"), re.IGNORECASE)
    for text in ("it's your fault", "its  your\tfault", "IT'S YOUR FAULT"):
        assert regex.fullmatch(text), text
    assert rules.pattern_regex("you(?:'re| are)") == "you(?:'?re| are)"
    assert rules.pattern_regex("n'?t") == "n'?t"


def test_first_characters_are_worked_out_or_left_unknown():
    assert rules.first_characters(r"(?:(?<=, )|(?<=,))(?:genius|einstein)") == {"g", "e"}
    assert rules.first_characters(r"(?:so |a )*lazy") == {"s", "a", "l"}
    assert rules.first_characters(r"you(?:'?re)? x") == {"y"}
    assert rules.first_characters(r"[a-c]x") == {"a", "b", "c"}
    assert rules.first_characters(r"\w+") is None  # too many to list: no shortcut
    assert rules.first_characters(r"x?") is None  # may match nothing


def test_the_speed_shortcut_never_changes_what_is_found(monkeypatch):
    """The first-character check only skips places where no rule could start."""
    from tests.gentle.measure import load

    monkeypatch.setattr(rules, "_first_character_check", lambda alternatives: "")
    plain = rules.parse(CONTENT_DIR / rules.FILE)
    assert "(?=[" not in plain.categories["absolute"].anywhere.pattern
    assert "(?=[" in rules.packaged().categories["absolute"].anywhere.pattern
    texts = [e.text for e in load()] + ["Stop it. ſtop. K", "İdiot. ıdiot", "ＹＯＵ ＮＥＶＥＲ"]
    for text in texts:
        assert analyse(text, plain).flags == analyse(text).flags, text
