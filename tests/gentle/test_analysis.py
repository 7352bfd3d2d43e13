"""The analyser on its own: plain Python, no database."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.gentle.analysis import CATEGORIES, analyse, normalise
from tests.gentle.measure import load


def found(text: str) -> set[tuple[str, str]]:
    return {(flag.category, flag.phrase) for flag in analyse(text).flags}


@pytest.mark.parametrize(
    "text,category,phrase",
    [
        ("You never help with dinner.", "absolute", "never"),
        ("You ALWAYS forget.", "absolute", "ALWAYS"),
        ("Every time I ask, you sigh.", "absolute", "Every time"),
        ("You make me feel small.", "blame", "You make me"),
        ("It's your fault we're late.", "blame", "your fault"),
        ("You’re such an idiot.", "contempt", "idiot"),
        ("You're so lazy.", "contempt", "You're so lazy"),
        ("Oh great, another Monday.", "sarcasm", "Oh great"),
        ("Sorted the bins, genius.", "sarcasm", "genius"),
        ("Stop interrupting me.", "command", "Stop"),
        ("You need to call her back.", "command", "You need to"),
    ],
)
def test_each_category_is_found_with_its_words(text, category, phrase):
    assert (category, phrase) in found(text)


def test_every_flag_carries_the_reason_for_its_category():
    analysis = analyse("You never listen. You always make me do everything, genius.")
    assert {flag.category for flag in analysis.flags} == {"absolute", "blame", "sarcasm"}
    for flag in analysis.flags:
        assert flag.why and flag.why == next(e.why for e in analysis.explanations if e.category == flag.category)
    absolutes = next(e for e in analysis.explanations if e.category == "absolute")
    assert absolutes.phrases == ("never", "always", "do everything")  # each phrase once, in order
    assert "“always”" in absolutes.why


@pytest.mark.parametrize(
    "text",
    [
        "You're not always home by six, and that's okay.",  # softened absolute
        "It doesn't always have to be you.",
        "Almost never do we get an evening alone, and I'd like to change that.",
        "I always love our Sunday walks.",  # an absolute in praise
        "I love that you always make my coffee.",
        "Thank you for always being there.",
        "I felt like an idiot at the party.",  # an insult about oneself
        "You make me laugh.",  # "you make me" in something warm
        "Never mind the mess.",
        "It's not your fault the train was late.",
        "Don't worry, I've got it.",
        "Could you pass me the charger?",
        "Listen, I know you're tired.",
    ],
)
def test_kind_and_softened_words_are_left_alone(text):
    assert found(text) == set()


def test_whole_words_only():
    assert found("Neverland is a hallway story about a stopwatch and an idiotic plan.") == set()


def test_softening_is_only_for_the_next_word():
    """"not that you never" is still a sweeping claim; "not always" is not."""
    assert ("absolute", "never") in found("It's not that you never help.")
    assert found("You're not always on time.") == set()


def test_praise_stops_at_but():
    assert found("I love you, but you never listen.") == {("absolute", "never")}


def test_quoted_speech_is_still_flagged():
    assert ("absolute", "always") in found('Last week you said "you always ruin it" to me.')
    assert ("contempt", "idiot") in found("He told me, ‘you idiot’, in front of everyone.")


def test_curly_apostrophes_and_missing_ones_read_like_straight_ones():
    for text in ("It’s your fault.", "It's your fault.", "Its your fault.", "IT’S YOUR FAULT."):
        assert {c for c, _ in found(text)} == {"blame"}, text
    assert ("command", "you’d better") in found("Well, you’d better be there.")


def test_extra_spaces_and_invisible_characters_do_not_hide_words():
    text = "You  make\u00a0me   do it al\u200bways."
    analysis = analyse(text)
    assert {flag.category for flag in analysis.flags} == {"blame", "absolute"}
    always = next(flag for flag in analysis.flags if flag.category == "absolute")
    assert always.phrase == "al\u200bways" and text[always.start:always.end] == always.phrase


def test_an_ellipsis_is_a_pause_not_a_new_sentence():
    """"listen" after "…" is not an order at the start of a sentence."""
    assert found("You… never… listen.") == {("absolute", "never")}


def test_commands_count_at_the_start_of_a_sentence_or_clause_but_not_in_a_question():
    assert ("command", "Stop") in found("Stop it.")
    assert ("command", "stop") in found("Honestly, please, stop.")
    assert ("command", "stop") in found("I'm tired, so stop.")
    assert found("Can you stop leaving socks out?") == set()
    assert found("I wish you'd stop for a moment.") == set()


def test_offsets_point_at_the_phrase_and_never_cut_a_word():
    for example in load():
        text = example.text
        for flag in analyse(text).flags:
            assert text[flag.start:flag.end] == flag.phrase
            assert flag.phrase == flag.phrase.strip(), flag
            if flag.start > 0:
                assert not (text[flag.start - 1].isalnum() and text[flag.start].isalnum()), (text, flag)
            if flag.end < len(text):
                assert not (text[flag.end - 1].isalnum() and text[flag.end].isalnum()), (text, flag)


def test_segments_put_the_text_back_together_and_merge_overlaps():
    text = "You always make me wait. Fine."
    analysis = analyse(text)
    assert "".join(segment.text for segment in analysis.segments) == text
    marked = [s for s in analysis.segments if s.categories]
    assert [(s.text, s.categories) for s in marked] == [("You always make me", ("absolute", "blame"))]
    assert marked[0].labels == "sweeping words, might land as blame"


def test_the_gentle_shape_is_recognised_and_said_kindly():
    analysis = analyse(
        "I appreciate how much you do for your mum. I feel stretched about the weekends. "
        "Could we plan Saturdays together?"
    )
    assert analysis.flags == ()
    assert analysis.has_appreciation and analysis.has_feeling and analysis.has_need
    assert analysis.is_gentle
    assert "already has the gentle shape" in analysis.complete_message
    assert all(note.present for note in analysis.notes)


def test_missing_parts_of_the_shape_are_suggested():
    analysis = analyse("The bins were full again.")
    assert not (analysis.has_appreciation or analysis.has_feeling or analysis.has_need)
    assert [note.part for note in analysis.notes] == ["appreciation", "feeling", "need"]
    assert not any(note.present for note in analysis.notes)


def test_i_feel_like_you_is_a_thought_not_a_feeling():
    analysis = analyse("I feel like you don't want to be here.")
    assert analysis.feeling_as_thought and not analysis.has_feeling
    thought = next(note for note in analysis.notes if note.part == "thought")
    assert "feeling word" in thought.message


def test_sarcastic_thanks_is_not_an_appreciation():
    assert not analyse("Thanks for nothing.").has_appreciation
    assert analyse("Thanks for the coffee.").has_appreciation


def test_the_scaffold_is_three_starters_with_blanks_for_the_persons_own_words():
    scaffold = analyse("anything").scaffold
    assert [line.starter for line in scaffold] == ["I appreciate …", "I feel … about …", "I need …"]
    assert all(line.hint for line in scaffold)


def test_nothing_in_nothing_out():
    analysis = analyse("")
    assert analysis.flags == () and analysis.segments == ()
    assert analyse("   \n\t ").flags == ()


ODD_INPUTS = {
    "letters": "a" * 10_000,
    "words": ("You never listen, you idiot! Stop. " * 300)[:10_000],
    "emoji": "🙂🙄👩‍👩‍👧" * 2_000,
    "commas": ", " * 5_000,
    "dots": ". " * 5_000,
    "ellipses": "…" * 10_000,
    "newlines": "\n" * 10_000,
    "mixed scripts": ("Ναι 你好 مرحبا İstanbul ǅ ﷽ " * 400)[:10_000],
    "combining": ("e\u0301" * 5_000),
    "control": "".join(chr(c) for c in range(1, 32)) * 300,
    "surrogate-ish": "\ud800never\udfff" * 1_500,
    "apostrophes": "’‘'`´" * 2_000,
}


@pytest.mark.parametrize("name", list(ODD_INPUTS))
def test_long_and_odd_input_is_read_quickly_without_errors(name):
    text = ODD_INPUTS[name]
    timings = []
    for _ in range(3):  # the best of three, so a busy machine doesn't fail the test
        started = time.perf_counter()
        analysis = analyse(text)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.2, f"{name}: {min(timings):.3f} s"
    assert "".join(segment.text for segment in analysis.segments) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_flags(text):
    analysis = analyse(text)
    assert "".join(segment.text for segment in analysis.segments) == text
    for flag in analysis.flags:
        assert flag.category in CATEGORIES
        assert 0 <= flag.start < flag.end <= len(text)
        assert text[flag.start:flag.end] == flag.phrase


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["you", "never", "always", "make", "me", "stop", ",", ".", "…", "’", "'", "idiot", "not", "I", "love",
     "but", "genius", "oh", "great", " ", "  ", "\n", "🙄", "thanks", "for", "nothing", "don't", "feel", "like"]
), max_size=60))
def test_any_mix_of_rule_words_gives_valid_flags(words):
    text = " ".join(words)
    analysis = analyse(text)
    assert "".join(segment.text for segment in analysis.segments) == text
    for flag in analysis.flags:
        assert text[flag.start:flag.end] == flag.phrase and flag.phrase.strip() == flag.phrase


def test_normalise_keeps_a_map_back_to_the_original():
    text = "It’s  you\u200b!"
    norm, where = normalise(text)
    assert norm == "It's you!"
    assert [text[i] for i in where[:-1]] == ["I", "t", "’", "s", " ", "y", "o", "u", "!"]
    assert where[-1] == len(text)


def test_the_analyser_needs_no_django():
    code = (
        "import sys\n"
        "from rekindle.gentle.analysis import analyse\n"
        "assert analyse('You never listen.').flags\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2] / "src")
