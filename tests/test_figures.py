"""The figures a result shows: threshold, gap, progress, what remains, the pace per
quarter, the goal in words and the reason for the status."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_target
from pcheck import figures
from pcheck.catalog import load_catalog
from pcheck.engine import evaluate
from pcheck.messages import text
from pcheck.model import (
    Basis,
    Location,
    Message,
    Observation,
    Op,
    Options,
    Period,
    Problem,
    Result,
    Status,
    Target,
)
from pcheck.observations import ObservationStore

D = Decimal
CATALOG = load_catalog()
H1, YEAR = Period(2024, 6), Period(2024, 12)
FLOW = "tech_transaction_volume"  # 亿元, accumulates over the year
LEVEL = "rd_intensity"  # %, read at a point in time


def target(metric: str = FLOW, **fields: Any) -> Target:
    return build_target(metric, **fields)


def result(
    t: Target,
    actual: str,
    *,
    period: Period = YEAR,
    expected: str = "1",
    status: Status = Status.PASS,
    goal: str | None = None,
) -> Result:
    """A judged result; the goal is the target's value unless given."""
    assert t.value is not None or goal is not None
    return Result(
        t,
        status,
        period=period,
        actual=D(actual),
        goal=D(goal) if goal is not None else t.value,
        expected=D(expected),
    )


def no_data(problems: int = 0) -> Result:
    missing = Message.of("reason.no-figure", metric=FLOW, region="浙江省", year=2024)
    rows = tuple(
        Problem(Location("d.csv", line, "value"), Message.of("number.invalid", text="x"))
        for line in range(2, 2 + problems)
    )
    return Result(target(), Status.NO_DATA, missing=missing, problems=rows)


# -- at least ------------------------------------------------------------------------


def test_at_least_a_flow_by_mid_year() -> None:
    # 1900 of 4000 by June, with half the year gone.
    r = result(target(), "1900", period=H1, expected="0.5", status=Status.AT_RISK)
    assert figures.threshold(r) == 2000  # 4000 * 1/2
    assert figures.gap(r) == -100  # 1900 - 2000
    assert figures.progress(r) == D("0.475")  # 1900 / 4000
    assert figures.remaining(r) == 2100  # 4000 - 1900
    assert figures.per_quarter(r) == 1050  # 2100 over the two quarters left


def test_at_least_a_flow_by_the_third_quarter() -> None:
    # 3300 of 4000 by September: 3/4 of the goal, 3000, is due.
    r = result(target(), "3300", period=Period(2024, 9), expected="0.75")
    assert figures.threshold(r) == 3000
    assert figures.gap(r) == 300
    assert figures.remaining(r) == 700  # 4000 - 3300
    assert figures.per_quarter(r) == 700  # one quarter left


def test_at_least_at_the_years_end() -> None:
    r = result(target(), "4200")
    assert figures.threshold(r) == 4000
    assert figures.gap(r) == 200
    assert figures.progress(r) == D("1.05")  # 4200 / 4000
    # Nothing is left to add once the year has closed.
    assert figures.remaining(r) is None and figures.per_quarter(r) is None


def test_an_exceeded_goal_leaves_nothing_remaining() -> None:
    r = result(target(), "4500", period=H1, expected="0.5")
    assert figures.remaining(r) == 0 and figures.per_quarter(r) == 0


def test_a_level_due_in_full_has_no_pace_per_quarter() -> None:
    # A level before the year's end: what remains, but no quarterly pace.
    r = result(target(LEVEL, value=D("3.2")), "3.0", period=H1)
    assert figures.threshold(r) == D("3.2")
    assert figures.gap(r) == D("-0.2")
    assert figures.remaining(r) == D("0.2")
    assert figures.per_quarter(r) is None


# -- at most -------------------------------------------------------------------------


def test_at_most() -> None:
    r = result(target(LEVEL, op=Op.LE, value=D(3)), "3.4", period=H1, status=Status.FAIL)
    assert figures.threshold(r) == 3
    assert figures.gap(r) == D("0.4")  # 3.4 - 3: over the ceiling
    assert figures.progress(r) == D("3.4") / 3
    # "What remains to be added" means nothing for a ceiling.
    assert figures.remaining(r) is None and figures.per_quarter(r) is None


def test_at_most_a_flow_by_mid_year() -> None:
    r = result(target(op=Op.LE, value=D(100)), "40", period=H1, expected="0.5")
    assert figures.threshold(r) == 50  # 100 * 1/2
    assert figures.gap(r) == -10  # 40 - 50: room under the ceiling
    assert figures.remaining(r) is None


# -- between -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "gap"),
    [
        ("2.5", "-0.5"),  # 2.5 - 3 below the range
        ("3", "0"),
        ("4", "0"),  # inside: no gap
        ("5", "0"),
        ("5.5", "0.5"),  # 5.5 - 5 above the range
    ],
)
def test_between_the_gap_is_how_far_outside_the_range(actual: str, gap: str) -> None:
    t = target(LEVEL, op=Op.BETWEEN, value=D(3), upper=D(5))
    r = result(t, actual)
    assert figures.gap(r) == D(gap)
    assert figures.threshold(r) == 3  # the lower end
    assert figures.progress(r) is None
    assert figures.remaining(r) is None


@pytest.mark.parametrize(("actual", "gap"), [("40", "-10"), ("75", "0"), ("120", "20")])
def test_between_for_a_flow_both_ends_are_prorated(actual: str, gap: str) -> None:
    # Half the year gone: the range 100–200 is due as 50–100.
    t = target(op=Op.BETWEEN, value=D(100), upper=D(200))
    r = result(t, actual, period=H1, expected="0.5")
    assert figures.gap(r) == D(gap)


@given(
    low=st.decimals(min_value=-100, max_value=100, places=2),
    width=st.decimals(min_value=0, max_value=100, places=2),
    actual=st.decimals(min_value=-300, max_value=300, places=2),
)
def test_between_gap_is_zero_exactly_inside_the_range(
    low: Decimal, width: Decimal, actual: Decimal
) -> None:
    high = low + width
    t = target(LEVEL, op=Op.BETWEEN, value=low, upper=high)
    gap = figures.gap(result(t, str(actual)))
    assert gap is not None
    assert (gap < 0) is (actual < low)
    assert (gap > 0) is (actual > high)
    assert abs(gap) == max(low - actual, actual - high, D(0))


# -- about ---------------------------------------------------------------------------


def test_about() -> None:
    t = target(LEVEL, op=Op.APPROX, value=D(10))
    r = result(t, "9.5", period=H1)
    assert figures.threshold(r) == 10
    assert figures.gap(r) == D("-0.5")
    assert figures.progress(r) == D("0.95")
    assert figures.remaining(r) == D("0.5")  # about is read as "at least"
    assert figures.per_quarter(r) is None  # a level is due in full


# -- figures that cannot be given ----------------------------------------------------


def test_no_figures_without_data() -> None:
    r = no_data()
    assert figures.threshold(r) is None
    assert figures.gap(r) is None
    assert figures.progress(r) is None
    assert figures.remaining(r) is None
    assert figures.per_quarter(r) is None


@pytest.mark.parametrize("goal", ["0", "-5"])
def test_no_progress_towards_a_goal_of_zero_or_below(goal: str) -> None:
    r = result(target(LEVEL, value=D(goal)), "1")
    assert figures.progress(r) is None
    assert figures.gap(r) == 1 - D(goal)


@given(
    goal=st.decimals(min_value=1, max_value=10**6, places=2),
    actual=st.decimals(min_value=0, max_value=10**6, places=2),
    month=st.integers(min_value=1, max_value=11),
)
def test_remaining_is_what_brings_the_actual_up_to_the_goal(
    goal: Decimal, actual: Decimal, month: int
) -> None:
    t = target(value=goal)
    period = Period(2024, month)
    r = result(t, str(actual), period=period, expected=str(period.elapsed))
    left = figures.remaining(r)
    assert left is not None and left >= 0
    assert (left == 0) is (actual >= goal)
    if actual < goal:
        assert actual + left == goal


# -- the goal in words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({}, "at least 4000亿元"),
        ({"op": Op.GT}, "over 4000亿元"),
        ({"op": Op.LE}, "at most 4000亿元"),
        ({"op": Op.LT}, "under 4000亿元"),
        ({"op": Op.APPROX}, "about 4000亿元"),
        ({"op": Op.BETWEEN, "upper": D(5000)}, "between 4000亿元 and 5000亿元"),
    ],
)
def test_goal_words(fields: dict[str, Any], words: str) -> None:
    assert text(figures.goal_words(result(target(**fields), "1"))) == words


def test_goal_words_of_a_growth_goal() -> None:
    t = target(LEVEL, basis=Basis.GROWTH, op=Op.GT, value=D(10), unit="%")
    assert text(figures.goal_words(result(t, "12"))) == "growth over 10%"
    t = target(LEVEL, basis=Basis.GROWTH, op=Op.BETWEEN, value=D(3), upper=D(5), unit="%")
    assert text(figures.goal_words(result(t, "4"))) == "growth between 3% and 5%"


def test_goal_words_of_a_reference_goal() -> None:
    # The goal is the other metric's figure, carried in the result.
    t = target(value=None, reference="rd_expenditure")
    r = result(t, "1", goal="2500")
    assert text(figures.goal_words(r)) == "at least 2500亿元 (rd_expenditure)"


# -- the reason for the status -------------------------------------------------------


def test_reason_for_a_flow_before_the_years_end_is_its_pace() -> None:
    r = result(target(), "1900", period=H1, expected="0.5", status=Status.AT_RISK)
    reason = figures.reason(r)
    assert reason.id == "reason.pace"
    # 1900 / 4000 = 47.5% done with 50% of the year gone: pace 0.475 / 0.5 = 0.95.
    assert text(reason) == (
        "1900亿元 by 2024H1: 47.5% of the year's at least 4000亿元 "
        "with 50% of the year gone (pace 0.95)"
    )


def test_reason_for_a_flow_by_the_third_quarter() -> None:
    r = result(target(), "3300", period=Period(2024, 9), expected="0.75")
    # 3300 / 4000 = 82.5%; 0.825 / 0.75 = 1.1
    assert text(figures.reason(r)) == (
        "3300亿元 by 2024Q3: 82.5% of the year's at least 4000亿元 "
        "with 75% of the year gone (pace 1.1)"
    )


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status.PASS, "3.3% in 2024H1 meets the goal of at least 3.2%"),
        (Status.AT_RISK, "3.3% in 2024H1 is close to the goal of at least 3.2%"),
        (Status.FAIL, "3.3% in 2024H1 misses the goal of at least 3.2%"),
    ],
)
def test_reason_for_a_level_is_the_status(status: Status, words: str) -> None:
    # (The status is what the engine decided; the reason only says it.)
    r = result(target(LEVEL, value=D("3.2")), "3.3", period=H1, status=status)
    reason = figures.reason(r)
    assert reason.id == f"reason.{status.value}"
    assert text(reason) == words


def test_reason_for_a_flow_at_the_years_end_is_the_status() -> None:
    r = result(target(), "3900", status=Status.AT_RISK)
    assert text(figures.reason(r)) == "3900亿元 in 2024 is close to the goal of at least 4000亿元"


def test_reason_for_a_range_is_the_status_even_for_a_flow() -> None:
    # A range has no progress to set against the year.
    t = target(op=Op.BETWEEN, value=D(100), upper=D(200))
    r = result(t, "75", period=H1, expected="0.5")
    assert figures.reason(r).id == "reason.pass"


def test_reason_without_data_is_why_there_is_none() -> None:
    r = no_data()
    assert figures.reason(r) == r.missing
    assert text(figures.reason(r)) == "no figure for tech_transaction_volume in 浙江省 for 2024"


def test_reason_without_data_tells_of_unreadable_rows() -> None:
    r = no_data(problems=2)
    reason = figures.reason(r)
    assert reason == Message.of("reason.unreadable-rows", reason=r.missing, count=2)
    assert text(reason) == (
        "no figure for tech_transaction_volume in 浙江省 for 2024; "
        "2 row(s) for it could not be read"
    )


def test_reason_from_the_engine_tells_of_unreadable_rows_once() -> None:
    # A row of the target's series whose value could not be read, and no other row.
    store = ObservationStore()
    bad = Problem(Location("d.csv", 2, "value"), Message.of("number.invalid", text="abc"))
    store.add_key_problem((FLOW, "330000", 2024), bad)
    (r,) = evaluate([target()], store, CATALOG, Options()).results
    assert r.status is Status.NO_DATA
    words = text(figures.reason(r))
    assert words.count("could not be read") == 1, words


def test_reason_from_the_engine_with_data() -> None:
    # The engine and figures together: 2000 of 4000 by June is on pace.
    store = ObservationStore()
    store.series[(FLOW, "330000", 2024)] = {6: Observation(D(2000), "d.csv", 2)}
    (r,) = evaluate([target()], store, CATALOG, Options()).results
    assert text(figures.reason(r)) == (
        "2000亿元 by 2024H1: 50% of the year's at least 4000亿元 with 50% of the year gone (pace 1)"
    )


# -- percentages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "words"),
    [("0.5", "50%"), ("0.475", "47.5%"), ("1", "100%"), ("1.25", "125%"), ("0", "0%")],
)
def test_percent(share: str, words: str) -> None:
    assert figures.percent(D(share)) == words


def test_percent_rounds_to_two_places() -> None:
    assert figures.percent(D(1) / 3) == "33.33%"  # 33.333…
