"""Scoring the measures: published-style vectors, and any answer set in range or refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.measures import instruments
from rekindle.measures.instruments import InvalidAnswers, csi4_in_distress_range, score_connection, score_csi4, score_ios


@pytest.mark.parametrize(
    "answers,total",
    [
        ([0, 0, 0, 0], 0),  # every minimum
        ([6, 5, 5, 5], 21),  # every maximum
        ([3, 3, 3, 4], 13),  # just below the distress cut (13.5)
        ([3, 4, 3, 4], 14),  # just above it
        ([6, 0, 0, 0], 6),
        ([0, 5, 5, 5], 15),
    ],
)
def test_csi4_scores_are_the_sum_of_the_four_items(answers, total):
    assert score_csi4(answers) == total


def test_csi4_boundary_13_is_in_the_distress_range_and_14_is_not():
    assert csi4_in_distress_range(13) is True
    assert csi4_in_distress_range(14) is False


@pytest.mark.parametrize("step", range(1, 8))
def test_ios_scores_the_picture_chosen(step):
    assert score_ios([step]) == step


@pytest.mark.parametrize("bad", [[7, 0, 0, 0], [0, 6, 0, 0], [0, 0, 0, 6], [-1, 0, 0, 0], [0, 0, 0], [0, 0, 0, 0, 0], [1.5, 0, 0, 0], [True, 0, 0, 0], ["3", 0, 0, 0]])
def test_csi4_refuses_out_of_range_incomplete_or_non_whole_answers(bad):
    with pytest.raises(InvalidAnswers):
        score_csi4(bad)


@pytest.mark.parametrize("bad", [[0], [8], [], [1, 2], [None]])
def test_ios_refuses_anything_but_one_picture_from_1_to_7(bad):
    with pytest.raises(InvalidAnswers):
        score_ios(bad)


valid_csi4 = st.tuples(*(st.integers(0, top) for top in instruments.CSI4_ITEM_MAXIMA)).map(list)


@given(valid_csi4)
def test_any_valid_csi4_answer_set_scores_within_0_to_21(answers):
    assert 0 <= score_csi4(answers) <= 21


@given(st.lists(st.integers(-5, 12), min_size=4, max_size=4).filter(
    lambda a: any(not 0 <= v <= top for v, top in zip(a, instruments.CSI4_ITEM_MAXIMA))))
def test_any_csi4_answer_set_with_an_item_out_of_range_is_refused(answers):
    with pytest.raises(InvalidAnswers):
        score_csi4(answers)


@given(st.lists(st.integers(0, 5), max_size=8).filter(lambda a: len(a) != 4))
def test_any_csi4_answer_set_of_the_wrong_length_is_refused(answers):
    with pytest.raises(InvalidAnswers):
        score_csi4(answers)


@given(st.integers(1, 7))
def test_any_ios_picture_scores_within_1_to_7(step):
    assert 1 <= score_ios([step]) <= 7


@given(st.integers().filter(lambda n: not 1 <= n <= 7))
def test_any_ios_answer_outside_1_to_7_is_refused(step):
    with pytest.raises(InvalidAnswers):
        score_ios([step])


@given(st.integers(1, 10))
def test_weekly_connection_takes_1_to_10(n):
    assert score_connection([n]) == n


@given(st.integers().filter(lambda n: not 1 <= n <= 10))
def test_weekly_connection_refuses_other_numbers(n):
    with pytest.raises(InvalidAnswers):
        score_connection([n])


def test_the_csi4_wording_is_the_published_shape(db):
    wording = instruments.wording()
    assert [len(item.anchors) for item in wording.csi4_items] == [7, 6, 6, 6]
    assert wording.csi4_items[0].anchors[0] == "Extremely Unhappy" and wording.csi4_items[0].anchors[-1] == "Perfect"
    assert "freely available for research and clinical use" in wording.csi4["terms"]
    assert "Funk" in wording.csi4["citation"] and "572" in wording.csi4["citation"]
    assert len(wording.ios_steps) == 7


def test_ios_circles_move_from_touching_to_almost_one():
    apart, together = instruments.ios_circles(1), instruments.ios_circles(7)
    assert apart["other_cx"] - apart["self_cx"] == pytest.approx(2 * apart["r"])  # just touching
    assert 0 < together["other_cx"] - together["self_cx"] < together["r"] / 2
    gaps = [instruments.ios_circles(n)["other_cx"] - instruments.ios_circles(n)["self_cx"] for n in range(1, 8)]
    assert gaps == sorted(gaps, reverse=True)
