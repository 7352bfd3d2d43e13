"""The decks: every packaged deck loads cleanly, and a broken operator file says exactly where."""

from __future__ import annotations

import pytest

from rekindle.lib.content import CONTENT_DIR, check_all
from rekindle.prompts import content


@pytest.fixture
def decks_dir(tmp_path, settings):
    """An operator's deck folder in a throwaway data directory."""
    settings.DATA_DIR = tmp_path
    folder = tmp_path / "content" / "decks"
    folder.mkdir(parents=True)
    content.clear_cache()
    yield folder
    content.clear_cache()


def deck_file(slug: str, prompts: list[tuple[str, str]], **fields) -> str:
    head = {"slug": slug, "title": "A deck", "description": "About things.", "why": "It helps.", **fields}
    lines = [f'{key} = "{value}"' for key, value in head.items()]
    for key, text in prompts:
        lines += ["", "[[prompts]]", f'id = "{key}"', f'text = "{text}"']
    return "\n".join(lines) + "\n"


def test_every_packaged_deck_loads_with_enough_distinct_prompts():
    decks = content.load_decks()
    assert len(decks) >= 7
    prompts = [prompt for deck in decks.values() for prompt in deck.prompts]
    assert len(prompts) >= 300
    assert len({p.key for p in prompts}) == len(prompts)
    assert len({" ".join(p.text.casefold().split()) for p in prompts}) == len(prompts)
    assert all(len(p.text) <= content.TEXT_MAX for p in prompts)
    for slug, deck in decks.items():
        assert (CONTENT_DIR / "decks" / f"{slug}.toml").exists()
        assert deck.title and deck.description and deck.why


def test_content_check_counts_each_deck_and_all_prompts():
    report = check_all()
    assert report.problems == []
    assert report.summary["decks"]["memories"] == len(content.all_decks()["memories"].prompts)
    assert report.summary["prompts"] == sum(report.summary["decks"].values()) >= 300


def test_a_broken_deck_is_reported_with_file_and_line(decks_dir):
    broken = decks_dir / "wonder.toml"  # read after the packaged decks, so the repeats are found here
    broken.write_text(
        deck_file(
            "wander",
            [
                ("wonder-001", "A fine question?"),
                ("wonder-002", "x" * 201),
                ("memories-001", "Borrowed id?"),
                ("wonder-003", "a FINE   question?"),
            ],
        )
    )
    problems = check_all().problems
    assert f"{broken}:1: slug must be 'wonder', the file's name without .toml" in problems
    assert f"{broken}:12: wonder-002: the text has 201 characters; keep it to 200" in problems
    assert f"{broken}:15: id 'memories-001' is already used in memories.toml" in problems
    assert f"{broken}:19: wonder-003 asks the same as wonder-001" in problems


def test_a_missing_field_and_a_bad_id_point_at_their_lines(decks_dir):
    path = decks_dir / "gaps.toml"
    path.write_text('slug = "gaps"\ntitle = ""\n\n[[prompts]]\nid = "Not An Id"\ntext = "Why?"\n\n[[prompts]]\nid = "gaps-2"\n')
    problems = check_all().problems
    assert f"{path}:2: the deck needs a 'title'" in problems
    assert f"{path}:5: each prompt needs an id of lower-case letters, digits and dashes (up to 40)" in problems
    assert f"{path}:8: gaps-2: the prompt needs a 'text'" in problems


def test_a_syntax_error_in_a_deck_points_at_its_line(decks_dir):
    path = decks_dir / "oops.toml"
    path.write_text('slug = "oops"\ntitle = "Oops"\ndescription = oh no\n')
    problems = check_all().problems
    assert any(p.startswith(f"{path}:3:") for p in problems), problems


def test_a_deck_cannot_take_the_name_kept_for_a_couples_own_questions(decks_dir):
    (decks_dir / "ours.toml").write_text(deck_file("ours", [("ours-1", "Hello?")]))
    assert any("kept for each couple's own questions" in p for p in check_all().problems)


def test_an_operator_can_replace_a_deck_and_add_one(decks_dir):
    (decks_dir / "memories.toml").write_text(deck_file("memories", [("mem-1", "Our first trip?")], title="Ours, remembered"))
    (decks_dir / "kitchen.toml").write_text(deck_file("kitchen", [("kitchen-1", "A dish you miss?")]))
    decks = content.all_decks()
    assert decks["memories"].title == "Ours, remembered"
    assert [p.text for p in decks["memories"].prompts] == ["Our first trip?"]
    assert decks["kitchen"].prompts[0].key == "kitchen-1"
    assert "dreams" in decks
