"""The operator registry: one entry per Op, its words, and how it compares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.model import Op
from pcheck.operators import OPERATORS, Direction, operator

D = Decimal
LANGUAGES = ("en", "zh")
UP = [entry for entry in OPERATORS.values() if entry.direction is Direction.UP]
DOWN = [entry for entry in OPERATORS.values() if entry.direction is Direction.DOWN]

decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False)


def test_every_op_has_exactly_one_entry_keyed_by_itself() -> None:
    assert set(OPERATORS) == set(Op)
    for op, entry in OPERATORS.items():
        assert entry.op is op
        assert operator(op) is entry


def test_symbols_are_distinct() -> None:
    symbols = [entry.symbol for entry in OPERATORS.values()]
    assert len(set(symbols)) == len(symbols)


@pytest.mark.parametrize("op", list(Op))
def test_words_in_every_language(op: Op) -> None:
    words = OPERATORS[op].words
    assert set(words) == set(LANGUAGES)
    assert all(words[language].strip() for language in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_words_tell_operators_apart(language: str) -> None:
    said = [entry.words[language] for entry in OPERATORS.values()]
    assert len(set(said)) == len(said)


def test_chinese_words_are_chinese() -> None:
    for entry in OPERATORS.values():
        assert any("\u4e00" <= char <= "\u9fff" for char in entry.words["zh"]), entry.op


@pytest.mark.parametrize(
    ("op", "direction", "strict"),
    [
        (Op.GE, Direction.UP, False),
        (Op.GT, Direction.UP, True),
        (Op.LE, Direction.DOWN, False),
        (Op.LT, Direction.DOWN, True),
        (Op.APPROX, Direction.UP, False),
        (Op.BETWEEN, Direction.RANGE, False),
    ],
)
def test_direction_and_strictness(op: Op, direction: Direction, strict: bool) -> None:
    entry = OPERATORS[op]
    assert (entry.direction, entry.strict) == (direction, strict)


def test_floors_and_ceilings_follow_the_direction() -> None:
    # A range has both bounds; an upward goal only a floor; a downward one only a ceiling.
    assert {op for op, e in OPERATORS.items() if e.has_floor} == {
        Op.GE,
        Op.GT,
        Op.APPROX,
        Op.BETWEEN,
    }
    assert {op for op, e in OPERATORS.items() if e.has_ceiling} == {Op.LE, Op.LT, Op.BETWEEN}


def test_only_comparisons_take_a_reference_and_only_approx_a_tolerance() -> None:
    assert {op for op, e in OPERATORS.items() if e.takes_reference} == {
        Op.GE,
        Op.GT,
        Op.LE,
        Op.LT,
    }
    assert {op for op, e in OPERATORS.items() if e.takes_tolerance} == {Op.APPROX}


@pytest.mark.parametrize(
    ("op", "above", "below"),
    [
        # At the boundary itself, only the non-strict operators hold.
        (Op.GE, True, True),
        (Op.GT, False, False),
        (Op.LE, True, True),
        (Op.LT, False, False),
        (Op.APPROX, True, True),
        (Op.BETWEEN, True, True),
    ],
)
def test_at_the_boundary(op: Op, above: bool, below: bool) -> None:
    entry = OPERATORS[op]
    assert entry.above(D("3.2"), D("3.2")) is above
    assert entry.below(D("3.2"), D("3.2")) is below


@pytest.mark.parametrize("op", list(Op))
def test_just_either_side_of_the_boundary(op: Op) -> None:
    entry = OPERATORS[op]
    assert entry.above(D("3.21"), D("3.2")) and not entry.above(D("3.19"), D("3.2"))
    assert entry.below(D("3.19"), D("3.2")) and not entry.below(D("3.21"), D("3.2"))


@given(bound=decimals, actual=decimals, more=decimals.map(abs))
def test_above_is_monotone_in_the_actual_for_upward_operators(
    bound: Decimal, actual: Decimal, more: Decimal
) -> None:
    for entry in UP:
        if entry.above(actual, bound):
            assert entry.above(actual + more, bound)


@given(bound=decimals, actual=decimals, less=decimals.map(abs))
def test_below_is_monotone_in_the_actual_for_downward_operators(
    bound: Decimal, actual: Decimal, less: Decimal
) -> None:
    for entry in DOWN:
        if entry.below(actual, bound):
            assert entry.below(actual - less, bound)


@given(bound=decimals, actual=decimals)
def test_strict_differs_from_non_strict_only_at_the_boundary(
    bound: Decimal, actual: Decimal
) -> None:
    ge, gt, le, lt = (OPERATORS[op] for op in (Op.GE, Op.GT, Op.LE, Op.LT))
    at_boundary = actual == bound
    assert (ge.above(actual, bound) != gt.above(actual, bound)) is at_boundary
    assert (le.below(actual, bound) != lt.below(actual, bound)) is at_boundary
    # Above and below a bound are complements when exactly one of the two is strict.
    assert gt.above(actual, bound) is not le.below(actual, bound)
    assert ge.above(actual, bound) is not lt.below(actual, bound)


@pytest.mark.parametrize(
    ("op", "stretch", "value", "beyond"),
    [
        (Op.GE, "5", "4", True),  # asking for more than at least 4
        (Op.GE, "4", "4", False),
        (Op.GE, "3", "4", False),
        (Op.GT, "5", "4", True),
        (Op.APPROX, "5", "4", True),
        (Op.LE, "3", "4", True),  # asking for less than at most 4
        (Op.LE, "4", "4", False),
        (Op.LE, "5", "4", False),
        (Op.LT, "3", "4", True),
        (Op.BETWEEN, "5", "4", False),
        (Op.BETWEEN, "3", "4", False),
    ],
)
def test_beyond(op: Op, stretch: str, value: str, beyond: bool) -> None:
    assert OPERATORS[op].beyond(D(stretch), D(value)) is beyond


@given(stretch=decimals, value=decimals)
def test_beyond_follows_the_direction(stretch: Decimal, value: Decimal) -> None:
    ge, le, between = OPERATORS[Op.GE], OPERATORS[Op.LE], OPERATORS[Op.BETWEEN]
    # More is further for an upward goal, less for a downward one: the two mirror.
    assert ge.beyond(stretch, value) is (stretch > value)
    assert le.beyond(stretch, value) is ge.beyond(value, stretch)
    # Asking for the value itself is no stretch, whatever the operator.
    assert not any(entry.beyond(value, value) for entry in OPERATORS.values())
    # A range has no "further" to stretch to.
    assert not between.beyond(stretch, value)
    for entry in UP:
        assert entry.beyond(stretch, value) is ge.beyond(stretch, value)
    for entry in DOWN:
        assert entry.beyond(stretch, value) is le.beyond(stretch, value)
