"""Small, explainable helpers that turn what someone said into words that read naturally.

`as_promise` turns a wish spoken to a partner ("it would help me feel loved if you… called
me at lunch") into a first suggestion for the partner's promise ("call you at lunch"), read
after "I will". It is only a suggestion: the person always sees it in an editable field and
confirms it before anything is saved.
"""

from __future__ import annotations

import re

# Irregular past forms people use after "…if you": made → make.
_IRREGULAR = {
    "made": "make", "took": "take", "gave": "give", "went": "go", "did": "do", "came": "come",
    "brought": "bring", "told": "tell", "left": "leave", "got": "get", "had": "have", "wrote": "write",
    "sent": "send", "spent": "spend", "said": "say", "kept": "keep", "held": "hold", "bought": "buy",
    "sat": "sit", "ran": "run", "met": "meet", "found": "find", "thought": "think", "drove": "drive",
    "chose": "choose", "spoke": "speak", "sang": "sing", "read": "read", "let": "let", "put": "put",
    "cut": "cut", "paid": "pay", "slept": "sleep", "woke": "wake", "ate": "eat", "were": "be", "was": "be",
    "agreed": "agree", "freed": "free", "knew": "know", "showed": "show", "taught": "teach", "caught": "catch", "fed": "feed", "lit": "light",
}
# Words that carry no meaning in a promise and are dropped from the start.
_LEADING = ("you would ", "you could ", "you'd ", "you ", "would ", "could ", "to ", "maybe ", "please ", "just ")
# Pronouns, from the wisher's point of view to the maker's.
_SWAP = {
    "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i": "you", "i'm": "you're",
    "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are",
    "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "you've": "I've",
}
_SUBJECT_AFTER = {"when", "if", "before", "after", "while", "because", "that", "as", "until", "whenever", "and", "once"}
_DOUBLED = re.compile(r"([bdgmnprt])\1$")
# Stems that lost a silent "e" when "-ed" was added: danced → danc → dance.
_SILENT_E = re.compile(r"(?:[cvzu]|[^s]s|[^aeiou][ao]r|[^aeiou]il|[^aeiou][aeiou]k|[^aeiou]id|[^aeiou]on|[^aeiou]ok)$")
_SILENT_E_WORDS = {"not", "invit", "hat", "dat", "vot", "tim", "welcom", "nam", "hop", "cop", "smil", "rid"}


def _base_verb(word: str) -> str:
    """The plain form of a verb written in the past ("called" → "call"), best effort."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) > 4 and lower.endswith("ied"):
        return lower[:-3] + "y"  # tidied → tidy
    if len(lower) > 4 and lower.endswith("ed") and not lower.endswith("eed"):
        stem = lower[:-2]
        if _DOUBLED.search(stem):
            return stem[:-1]  # hugged → hug, planned → plan
        if stem.endswith("e") or stem in _SILENT_E_WORDS or _SILENT_E.search(stem):
            return stem if stem.endswith("e") else stem + "e"
        return stem
    return word


def as_promise(wish: str) -> str:
    """A first draft of the promise, to read after "I will"."""
    text = " ".join((wish or "").split()).strip().rstrip(".!")
    if not text:
        return ""
    lowered = text.lower()
    for lead in _LEADING:
        if lowered.startswith(lead):
            text, lowered = text[len(lead):], lowered[len(lead):]
            break
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        match = re.match(r"^([\w'’]+)(\W*)$", word)
        if not match:
            out.append(word)
            continue
        core, tail = match.groups()
        key = core.lower().replace("’", "'")
        if index == 0:
            core = _base_verb(core) if key not in _SWAP else _SWAP[key]
        elif key == "you":
            # "…when you leave" is about the maker: "…when I leave"; "with you" is "with me".
            core = "I" if words[index - 1].lower() in _SUBJECT_AFTER else "me"
        elif key in _SWAP:
            core = _SWAP[key]
        out.append(core + tail)
    result = " ".join(out)
    return result[:1].lower() + result[1:] if result[:2] != "I " else result
