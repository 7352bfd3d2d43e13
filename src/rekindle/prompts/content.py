"""Conversation decks, from content/decks/*.toml, validated on load.

An operator can replace a packaged deck, or add one, by putting a file with the same name
under `<data dir>/content/decks/`. Problems are reported as `file:line: message`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import (
    CONTENT_DIR,
    ContentError,
    Report,
    content_path,
    line_of,
    read_toml,
)

FOLDER = "decks"
TEXT_MAX = 200
OURS = "ours"  # the couple's own questions, kept in the database rather than a file
CUSTOM_PREFIX = "custom-"  # prompt keys of the couple's own questions: custom-<pk>
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
DECK_FIELDS = ("title", "description", "why")


@dataclass(frozen=True)
class Prompt:
    key: str
    text: str


@dataclass(frozen=True)
class Deck:
    slug: str
    title: str
    description: str
    why: str
    prompts: tuple[Prompt, ...]


def deck_files() -> list[Path]:
    """Every deck file, packaged or the operator's, with the operator's copy winning by name."""
    from django.conf import settings

    names = {path.name for path in (CONTENT_DIR / FOLDER).glob("*.toml")}
    override = Path(settings.DATA_DIR) / "content" / FOLDER
    if override.is_dir():
        names |= {path.name for path in override.glob("*.toml")}
    return [content_path(f"{FOLDER}/{name}") for name in sorted(names)]


def _prompt_lines(text: str) -> list[int]:
    """The line of each `[[prompts]]` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[prompts]]"]


def _key_line(text: str, start: int, key: str) -> int:
    """The line that sets `key` in the table starting at line `start`, else the header's line."""
    lines = text.splitlines()
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if line.startswith("["):
            break
        if line.split("=")[0].strip() == key:
            return number
    return start


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def parse_deck(path: Path) -> tuple[Deck, list[str], dict[str, int]]:
    """One deck, the problems found in it alone, and the line of each prompt's id."""
    data, text = read_toml(path)
    problems: list[str] = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{path}:{line}: {message}")

    slug = data.get("slug")
    if slug != path.stem:
        problem(line_of(text, "slug"), f"slug must be {path.stem!r}, the file's name without .toml")
    if path.stem == OURS:
        problem(1, f"{OURS!r} is kept for each couple's own questions; give this deck another name")
    for key in DECK_FIELDS:
        if not _is_text(data.get(key)):
            problem(line_of(text, key), f"the deck needs a '{key}'")
    raw_prompts = data.get("prompts")
    if not isinstance(raw_prompts, list) or not raw_prompts:
        problem(1, "the deck needs at least one [[prompts]] entry")
        raw_prompts = []

    prompts, id_lines = [], {}
    for entry, header in zip(raw_prompts, _prompt_lines(text) or [1] * len(raw_prompts), strict=False):
        entry = entry if isinstance(entry, dict) else {}
        key, words = entry.get("id"), entry.get("text")
        id_line, text_line = _key_line(text, header, "id"), _key_line(text, header, "text")
        if not isinstance(key, str) or not ID_PATTERN.fullmatch(key) or key.startswith(CUSTOM_PREFIX):
            problem(id_line, "each prompt needs an id of lower-case letters, digits and dashes (up to 40)")
            continue
        if key in id_lines:
            problem(id_line, f"id {key!r} appears twice in this deck")
            continue
        if not _is_text(words):
            problem(text_line, f"{key}: the prompt needs a 'text'")
            continue
        words = words.strip()
        if len(words) > TEXT_MAX:
            problem(text_line, f"{key}: the text has {len(words)} characters; keep it to {TEXT_MAX}")
        id_lines[key] = id_line
        prompts.append(Prompt(key=key, text=words))
    deck = Deck(
        slug=path.stem,
        prompts=tuple(prompts),
        **{key: data[key].strip() if _is_text(data.get(key)) else "" for key in DECK_FIELDS},
    )
    return deck, problems, id_lines


def load_decks() -> dict[str, Deck]:
    """Every deck by slug, after checking ids and texts across all of them."""
    decks: dict[str, Deck] = {}
    problems: list[str] = []
    seen_ids: dict[str, Path] = {}
    seen_texts: dict[str, str] = {}
    for path in deck_files():
        try:
            deck, found, id_lines = parse_deck(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(found)
        for prompt in deck.prompts:
            where = f"{path}:{id_lines[prompt.key]}"
            if prompt.key in seen_ids:
                problems.append(f"{where}: id {prompt.key!r} is already used in {seen_ids[prompt.key].name}")
            seen_ids.setdefault(prompt.key, path)
            folded = " ".join(prompt.text.casefold().split())
            if folded in seen_texts:
                problems.append(f"{where}: {prompt.key} asks the same as {seen_texts[folded]}")
            seen_texts.setdefault(folded, prompt.key)
        decks[deck.slug] = deck
    if problems:
        raise ContentError(problems)
    return decks


@cache
def all_decks() -> dict[str, Deck]:
    return load_decks()


@cache
def prompt_index() -> dict[str, tuple[Deck, Prompt]]:
    """Every deck prompt by its key, with its deck."""
    return {prompt.key: (deck, prompt) for deck in all_decks().values() for prompt in deck.prompts}


def clear_cache() -> None:
    """Forget the loaded decks (after an operator changes a file, or in tests)."""
    all_decks.cache_clear()
    prompt_index.cache_clear()


def check(report: Report) -> None:
    decks = load_decks()
    report.summary["decks"] = {slug: len(deck.prompts) for slug, deck in decks.items()}
    report.summary["prompts"] = sum(len(deck.prompts) for deck in decks.values())
