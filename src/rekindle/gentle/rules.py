"""The gentle helper's rules, from content/gentle_rules.toml: checked, then compiled once.

The words the helper looks for, and what it says about them, are data. Parsing and
compiling are plain Python; only `active()` asks Django's settings where an operator's
own copy of the file would live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rekindle.lib.content import (
    CONTENT_DIR,
    ContentError,
    Report,
    content_path,
    line_of,
    read_toml,
)

FILE = "gentle_rules.toml"
CATEGORIES = ("absolute", "blame", "contempt", "sarcasm", "command")
SHAPE_PARTS = ("appreciation", "feeling", "need")
TEXTS = ("label", "why", "suggestion")
LISTS = ("phrases", "patterns", "clause_start", "unless_before", "unless_after")
CATEGORY_KEYS = {*TEXTS, *LISTS, "unless_warm"}
TOP_KEYS = {"clause", "warm", "shape", "scaffold", *CATEGORIES}
WHY_MAX = 320
FLAGS = re.IGNORECASE | re.MULTILINE
# How far around a match the guards look, in characters. Keeps every check short, so
# the helper stays fast on long or odd input.
WINDOW = 80


@dataclass(frozen=True)
class CategoryRules:
    key: str
    label: str
    why: str
    suggestion: str
    anywhere: re.Pattern | None  # phrases and patterns, matched wherever they are
    clause_start: re.Pattern | None  # matched only at the start of a sentence or clause
    unless_before: re.Pattern | None  # searched in the text just before a match
    unless_after: re.Pattern | None  # matched at the text just after a match
    unless_warm: bool
    size: int  # how many phrases and patterns


@dataclass(frozen=True)
class ShapePart:
    key: str
    pattern: re.Pattern
    present: str
    missing: str
    thought_pattern: re.Pattern | None = None
    thought: str = ""


@dataclass(frozen=True)
class ScaffoldLine:
    starter: str
    hint: str


@dataclass(frozen=True)
class RuleSet:
    categories: dict[str, CategoryRules]
    openers: re.Pattern  # a clause prefix made only of these still counts as the start
    warm: re.Pattern
    shape: dict[str, ShapePart]
    complete: str
    scaffold: tuple[ScaffoldLine, ...]

    def summary(self) -> dict[str, int]:
        return {key: rules.size for key, rules in self.categories.items()}


# --- compiling -----------------------------------------------------------------------------


def phrase_regex(phrase: str) -> str:
    """A plain phrase as a regular expression: any run of spaces, optional apostrophes."""
    words = [re.escape(word).replace("'", "'?") for word in phrase.split()]
    return r"\s+".join(words)


def pattern_regex(pattern: str) -> str:
    """A rule's pattern with its apostrophes made optional, so "dont" is read like "don't"."""
    return re.sub(r"'(?![?*+{])", "'?", pattern)


def _whole_words(alternatives: list[str]) -> re.Pattern | None:
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)" + _first_character_check(alternatives) + r"(?:" + "|".join(alternatives) + r")(?!\w)", FLAGS)


def _first_character_check(alternatives: list[str]) -> str:
    """A lookahead for the characters any of the alternatives can start with, or "".

    Purely for speed: where no rule can start (most places in a page of emoji, say), the
    regular expression engine moves on after one check instead of trying every rule.
    """
    chars: set[str] = set()
    for source in alternatives:
        found = first_characters(source)
        if found is None:
            return ""
        chars |= found
    return "(?=[" + "".join(re.escape(char) for char in sorted(chars)) + "])"


def first_characters(source: str) -> frozenset[str] | None:
    """The characters a match of `source` can begin with; None when that can't be told."""
    try:
        from re import _constants, _parser  # the standard library's own regex parser

        parsed = _parser.parse(source, FLAGS)
        found = _firsts(list(parsed), _constants)
    except Exception:  # noqa: BLE001  (another Python's internals: do without the shortcut)
        return None
    if found is None or found[1]:
        return None
    return frozenset(found[0])


def _firsts(items: list, c) -> tuple[set[str], bool] | None:
    """(possible first characters, whether the items can match nothing at all), or None."""
    chars: set[str] = set()
    for op, value in items:
        if op is c.LITERAL:
            chars.add(chr(value))
            return chars, False
        if op is c.IN:
            for kind, item in value:
                if kind is c.LITERAL:
                    chars.add(chr(item))
                elif kind is c.RANGE and item[1] - item[0] <= 256:
                    chars.update(chr(code) for code in range(item[0], item[1] + 1))
                else:
                    return None
            return chars, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # takes up no characters
        if op is c.BRANCH:
            branches = [_firsts(list(branch), c) for branch in value[1]]
        elif op is c.SUBPATTERN:
            branches = [_firsts(list(value[-1]), c)]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            inner = _firsts(list(value[2]), c)
            branches = [inner if inner is None or value[0] > 0 else (inner[0], True)]
        else:
            return None
        if any(branch is None for branch in branches):
            return None
        for branch_chars, _ in branches:
            chars |= branch_chars
        if not any(empty for _, empty in branches):
            return chars, False
    return chars, True


def _ending(alternatives: list[str]) -> re.Pattern | None:
    """Matches when the text ends with one of the alternatives (and maybe spaces)."""
    if not alternatives:
        return None
    return re.compile(r"(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")\s*$", FLAGS)


def _starting(alternatives: list[str]) -> re.Pattern | None:
    """Matches when the text starts (after spaces) with one of the alternatives."""
    if not alternatives:
        return None
    return re.compile(r"\s*(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")(?!\w)", FLAGS)


def _any(alternatives: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), FLAGS)


def _compile_category(key: str, entry: dict) -> CategoryRules:
    phrases = sorted(entry.get("phrases", []), key=len, reverse=True)  # longest first
    anywhere = [phrase_regex(p) for p in phrases] + [pattern_regex(p) for p in entry.get("patterns", [])]
    clause_start = [pattern_regex(p) for p in entry.get("clause_start", [])]
    return CategoryRules(
        key=key,
        label=entry["label"].strip(),
        why=entry["why"].strip(),
        suggestion=entry["suggestion"].strip(),
        anywhere=_whole_words(anywhere),
        clause_start=_whole_words(clause_start),
        unless_before=_ending(entry.get("unless_before", [])),
        unless_after=_starting(entry.get("unless_after", [])),
        unless_warm=bool(entry.get("unless_warm", False)),
        size=len(anywhere) + len(clause_start),
    )


def _compile(data: dict) -> RuleSet:
    openers = sorted(data["clause"]["openers"], key=len, reverse=True)
    opener_words = "|".join(phrase_regex(o) for o in openers)
    shape = data["shape"]
    parts = {}
    for key in SHAPE_PARTS:
        entry = shape[key]
        thought = entry.get("thought_patterns", [])
        parts[key] = ShapePart(
            key=key,
            pattern=_any([pattern_regex(p) for p in entry["patterns"]]),
            present=entry["present"].strip(),
            missing=entry["missing"].strip(),
            thought_pattern=_any([pattern_regex(p) for p in thought]) if thought else None,
            thought=entry.get("thought", "").strip(),
        )
    return RuleSet(
        categories={key: _compile_category(key, data[key]) for key in CATEGORIES},
        openers=re.compile(r"[\W_]*(?:(?:" + opener_words + r")(?!\w)[\W_]*)*", FLAGS),
        warm=_any([pattern_regex(p) for p in data["warm"]["patterns"]]),
        shape=parts,
        complete=shape["complete"].strip(),
        scaffold=tuple(ScaffoldLine(s["starter"].strip(), s["hint"].strip()) for s in data["scaffold"]),
    )


# --- checking ------------------------------------------------------------------------------


class _Problems:
    def __init__(self, path: Path, text: str):
        self.path, self.text, self.found = path, text, []

    def add(self, message: str, *needles: str, header: str = "") -> None:
        line = 1
        for needle in (*needles, header):
            if needle:
                line = line_of(self.text, needle, default=0)
                if line:
                    break
        self.found.append(f"{self.path}:{line or 1}: {message}")

    def text_at(self, entry: dict, key: str, where: str, header: str) -> None:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.add(f"{where} needs a '{key}'", header=header)

    def regex_list(self, entry: dict, key: str, where: str, header: str, *, literal: bool = False) -> None:
        values = entry.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            self.add(f"{where}: '{key}' must be a list of non-empty strings", f"{key} =", header=header)
            return
        seen = set()
        for value in values:
            escaped = value.replace("\\", "\\\\")
            if value.lower() in seen:
                self.add(f"{where}: '{value}' is listed twice in '{key}'", value, escaped, header=header)
            seen.add(value.lower())
            source = phrase_regex(value) if literal else pattern_regex(value)
            try:
                compiled = re.compile(source, FLAGS)
            except re.error as exc:
                self.add(f"{where}: {key} entry {value!r} is not a valid regular expression ({exc})",
                         value, escaped, header=header)
                continue
            if key in {"phrases", "patterns", "clause_start"} and compiled.fullmatch(""):
                self.add(f"{where}: {key} entry {value!r} matches empty text", value, escaped, header=header)


def _check(path: Path, data: dict, text: str) -> None:
    problems = _Problems(path, text)
    for key in sorted(set(data) - TOP_KEYS):
        problems.add(f"unknown section '{key}' (expected {', '.join(sorted(TOP_KEYS))})", f"[{key}")
    for key in CATEGORIES:
        header = f"[{key}]"
        entry = data.get(key)
        if not isinstance(entry, dict):
            problems.add(f"add a [{key}] section with label, why, suggestion and phrases or patterns")
            continue
        for text_key in TEXTS:
            problems.text_at(entry, text_key, key, header)
        why = entry.get("why")
        if isinstance(why, str):
            sentences = len(re.findall(r"[.!?](?=\s|$)", why.strip()))
            if len(why) > WHY_MAX or sentences > 2:
                problems.add(f"{key}: keep 'why' to one or two short sentences (at most {WHY_MAX} characters)",
                             "why =", header=header)
        for list_key in LISTS:
            problems.regex_list(entry, list_key, key, header, literal=list_key == "phrases")
        if not any(entry.get(k) for k in ("phrases", "patterns", "clause_start")):
            problems.add(f"{key}: add at least one phrase or pattern", header=header)
        if "unless_warm" in entry and not isinstance(entry["unless_warm"], bool):
            problems.add(f"{key}: unless_warm must be true or false", "unless_warm", header=header)
        for unknown in sorted(set(entry) - CATEGORY_KEYS):
            problems.add(f"{key}: unknown key '{unknown}' (expected {', '.join(sorted(CATEGORY_KEYS))})",
                         f"{unknown} =", header=header)
    clause = data.get("clause")
    if not isinstance(clause, dict) or not clause.get("openers"):
        problems.add("add a [clause] section with a list of openers")
    else:
        problems.regex_list(clause, "openers", "clause", "[clause]", literal=True)
    warm = data.get("warm")
    if not isinstance(warm, dict) or not warm.get("patterns"):
        problems.add("add a [warm] section with a list of patterns")
    else:
        problems.regex_list(warm, "patterns", "warm", "[warm]")
    shape = data.get("shape")
    if not isinstance(shape, dict):
        problems.add("add [shape.appreciation], [shape.feeling] and [shape.need] sections")
    else:
        problems.text_at(shape, "complete", "shape", "[shape]")
        for part in SHAPE_PARTS:
            header = f"[shape.{part}]"
            entry = shape.get(part)
            if not isinstance(entry, dict):
                problems.add(f"add a {header} section with patterns, present and missing")
                continue
            if not entry.get("patterns"):
                problems.add(f"shape.{part}: add at least one pattern", header=header)
            problems.regex_list(entry, "patterns", f"shape.{part}", header)
            problems.regex_list(entry, "thought_patterns", f"shape.{part}", header)
            for text_key in ("present", "missing"):
                problems.text_at(entry, text_key, f"shape.{part}", header)
            if entry.get("thought_patterns"):
                problems.text_at(entry, "thought", f"shape.{part}", header)
    scaffold = data.get("scaffold")
    if not isinstance(scaffold, list) or not scaffold:
        problems.add("add the three-part form as [[scaffold]] tables with starter and hint")
    else:
        for line in scaffold:
            for text_key in ("starter", "hint"):
                problems.text_at(line if isinstance(line, dict) else {}, text_key, "scaffold", "[[scaffold]]")
    if problems.found:
        raise ContentError(problems.found)


def parse(path: Path) -> RuleSet:
    """Read, check and compile one rules file; ContentError lists every problem."""
    data, text = read_toml(path)
    _check(path, data, text)
    return _compile(data)


@cache
def packaged() -> RuleSet:
    """The rules shipped with Rekindle (no settings needed)."""
    return parse(CONTENT_DIR / FILE)


@lru_cache(maxsize=4)
def _load(path: Path, modified: int) -> RuleSet:
    return parse(path)


def active() -> RuleSet:
    """The operator's copy of the rules if there is one, else the packaged rules.

    Re-read when the file changes, so an operator's edit needs no restart.
    """
    path = content_path(FILE)
    return _load(path, path.stat().st_mtime_ns)


def check(report: Report) -> None:
    report.summary["gentle_rules"] = parse(content_path(FILE)).summary()
