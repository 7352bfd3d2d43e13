"""The gentle start-up helper: point out words that may land harder than meant, and why.

Pure Python, no Django, no network, no model: a draft is matched against the rules in
content/gentle_rules.toml (see `rules.py`). Every flag names its words, where they are
(offsets into the text as given, so highlighting never cuts a word), and the reason.

How it reads a draft:
- curly apostrophes and quotes count as straight ones, runs of spaces as one space, and
  invisible characters (zero-width spaces, soft hyphens) are skipped; offsets still point
  into the original text;
- case doesn't matter; rules match whole words only;
- sentences end at . ! ? or a new line (an ellipsis is a pause, not an end); a clause also starts after , ; : — ( or a quote;
- quoted speech is checked like everything else, because repeating a harsh phrase still
  stings;
- guards from the rules file soften some matches: "not always", "I felt like an idiot",
  "you make me laugh", "I love that you always …".
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from rekindle.gentle import rules as rules_module
from rekindle.gentle.rules import WINDOW, RuleSet, ScaffoldLine

CATEGORIES = rules_module.CATEGORIES

# One character in, one character out, so offsets survive.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
    "\uff07": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"',
})
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# An ellipsis ("…", "...") is a pause, not the end of a sentence.
_SENTENCE_END = re.compile(r"(?:\n|[!?]|(?<![.…])\.(?![.…]))+")
_CLAUSE_MARK = re.compile(r"""[,;:—–()"]""")
_CONTRAST = re.compile(r"\b(?:but|though|although|yet|except|however)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    category: str
    start: int
    end: int
    phrase: str
    why: str


@dataclass(frozen=True)
class Explanation:
    """One category found in a draft: what to call it, why it may land badly, what to try."""

    category: str
    label: str
    why: str
    suggestion: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """A stretch of the draft for display; `labels` is empty for unflagged text."""

    text: str
    categories: tuple[str, ...] = ()
    labels: str = ""


@dataclass(frozen=True)
class ShapeNote:
    part: str  # appreciation, feeling, need, or "thought" for "I feel like you …"
    present: bool
    message: str


@dataclass(frozen=True)
class Analysis:
    text: str
    flags: tuple[Flag, ...]
    explanations: tuple[Explanation, ...]
    segments: tuple[Segment, ...]
    has_appreciation: bool
    has_feeling: bool
    has_need: bool
    feeling_as_thought: bool
    notes: tuple[ShapeNote, ...]
    complete_message: str
    scaffold: tuple[ScaffoldLine, ...]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(flag.category for flag in self.flags)

    @property
    def marked(self) -> int:
        """How many stretches of the draft are marked; overlapping flags share one mark."""
        return sum(1 for segment in self.segments if segment.categories)

    @property
    def has_shape(self) -> bool:
        return self.has_appreciation and self.has_feeling and self.has_need

    @property
    def is_gentle(self) -> bool:
        """Nothing flagged and all three parts of the shape are there."""
        return not self.flags and self.has_shape


# --- reading the text ----------------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as the rules read it, and for each of its characters the original offset.

    The list has one extra entry, len(text), so an end offset maps too.
    """
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for index, char in enumerate(text.translate(_SAME_LENGTH)):
        if char in _INVISIBLE:
            continue
        if char != "\n" and char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char)
        where.append(index)
    where.append(len(text))
    return "".join(out), where


class _Layout:
    """Where sentences and warm stretches are, found once per draft."""

    def __init__(self, text: str, warm: re.Pattern):
        self.text = text
        self.warm_pattern = warm
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self._warm: list[tuple[int, int]] | None = None

    def sentence_start(self, offset: int) -> int:
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, offset) - 1]

    def sentence_end(self, offset: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, offset)
        return self.sentence_starts[index] if index < len(self.sentence_starts) else len(self.text)

    def at_clause_start(self, offset: int, openers: re.Pattern) -> bool:
        sentence = self.sentence_start(offset)
        window = max(sentence, offset - WINDOW)
        prefix = self.text[window:offset]
        marks = list(_CLAUSE_MARK.finditer(prefix))
        if marks:
            prefix = prefix[marks[-1].end():]
        elif window != sentence:
            return False  # a long run of words before it: not the start of anything
        return openers.fullmatch(prefix) is not None

    def is_warm(self, offset: int) -> bool:
        """Whether the offset sits in praise: a sentence part (split at "but" …) with warm words."""
        if self._warm is None:
            self._warm = self._find_warm()
        index = bisect.bisect_right(self._warm, (offset, len(self.text) + 1)) - 1
        return index >= 0 and self._warm[index][0] <= offset < self._warm[index][1]

    def _find_warm(self) -> list[tuple[int, int]]:
        spans = []
        if not self.warm_pattern.search(self.text):
            return spans
        ends = self.sentence_starts[1:] + [len(self.text)]
        for start, end in zip(self.sentence_starts, ends, strict=True):
            cuts = [start] + [m.start() for m in _CONTRAST.finditer(self.text, start, end)] + [end]
            for part_start, part_end in itertools.pairwise(cuts):
                if part_end > part_start and self.warm_pattern.search(self.text, part_start, part_end):
                    spans.append((part_start, part_end))
        return spans


# --- finding -------------------------------------------------------------------------------


def _matches(norm: str, layout: _Layout, ruleset: RuleSet):
    """(category, start, end) in the normalised text, after the guards."""
    for category in ruleset.categories.values():
        found: list[tuple[int, int]] = []
        for regex, at_start in ((category.anywhere, False), (category.clause_start, True)):
            if regex is None:
                continue
            for match in regex.finditer(norm):
                start, end = match.span()
                if start == end:
                    continue
                if at_start and not layout.at_clause_start(start, ruleset.openers):
                    continue
                if category.unless_before is not None:
                    before = norm[max(layout.sentence_start(start), start - WINDOW):start]
                    if category.unless_before.search(before):
                        continue
                after = norm[end:min(layout.sentence_end(end), end + WINDOW)]
                if category.unless_after is not None and category.unless_after.match(after):
                    continue
                if category.unless_warm and layout.is_warm(start):
                    continue
                found.append((start, end))
        for start, end in _without_overlaps(found):
            yield category.key, start, end


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Within one category, overlapping matches become the longest of them."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def _segments(text: str, flags: list[Flag], labels: dict[str, str]) -> tuple[Segment, ...]:
    """The text cut into plain and flagged stretches; overlapping flags share one stretch."""
    merged: list[list] = []
    for flag in sorted(flags, key=lambda f: (f.start, f.end)):
        if merged and flag.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], flag.end)
            merged[-1][2].add(flag.category)
        else:
            merged.append([flag.start, flag.end, {flag.category}])
    segments = []
    position = 0
    for start, end, categories in merged:
        if start > position:
            segments.append(Segment(text[position:start]))
        ordered = tuple(c for c in CATEGORIES if c in categories)
        segments.append(Segment(text[start:end], ordered, ", ".join(labels[c].lower() for c in ordered)))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return tuple(segments)


def _shape_found(pattern: re.Pattern, norm: str, flagged: list[tuple[int, int]]) -> bool:
    """A part of the shape counts if it is there outside flagged words ("thanks for nothing")."""
    for match in pattern.finditer(norm):
        if not any(start < match.end() and match.start() < end for start, end in flagged):
            return True
    return False


def analyse(text: str, rules: RuleSet | None = None) -> Analysis:
    """What in `text` may land harder than meant, why, and how close it is to the gentle shape."""
    ruleset = rules if rules is not None else rules_module.packaged()
    text = text or ""
    norm, where = normalise(text)
    layout = _Layout(norm, ruleset.warm)
    found = sorted(_matches(norm, layout, ruleset), key=lambda m: (m[1], m[2], CATEGORIES.index(m[0])))
    flags = []
    for category, start, end in found:
        original_start, original_end = where[start], where[end - 1] + 1
        flags.append(Flag(category, original_start, original_end, text[original_start:original_end],
                          ruleset.categories[category].why))

    explanations = []
    for key in CATEGORIES:
        phrases = []
        for flag in flags:
            phrase = " ".join(flag.phrase.split())
            if flag.category == key and phrase.lower() not in {p.lower() for p in phrases}:
                phrases.append(phrase)
        if phrases:
            category = ruleset.categories[key]
            explanations.append(Explanation(key, category.label, category.why, category.suggestion, tuple(phrases)))

    flagged = [(start, end) for _, start, end in found]
    shape = ruleset.shape
    has = {key: _shape_found(part.pattern, norm, flagged) for key, part in shape.items()}
    thought_pattern = shape["feeling"].thought_pattern
    as_thought = bool(thought_pattern and not has["feeling"] and thought_pattern.search(norm))
    notes = []
    for key, part in shape.items():
        if key == "feeling" and as_thought:
            notes.append(ShapeNote("thought", False, part.thought))
        else:
            notes.append(ShapeNote(key, has[key], part.present if has[key] else part.missing))

    labels = {key: category.label for key, category in ruleset.categories.items()}
    return Analysis(
        text=text,
        flags=tuple(flags),
        explanations=tuple(explanations),
        segments=_segments(text, flags, labels),
        has_appreciation=has["appreciation"],
        has_feeling=has["feeling"],
        has_need=has["need"],
        feeling_as_thought=as_thought,
        notes=tuple(notes),
        complete_message=ruleset.complete,
        scaffold=ruleset.scaffold,
    )
