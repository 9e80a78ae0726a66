"""Pacing within the year: the share of a goal due by a period, and the pace still needed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.model import Period
from pcheck.pacing import WithinYear, per_quarter

D = Decimal
FLOW, LEVEL = WithinYear(flow=True), WithinYear(flow=False)

months = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=1949, max_value=2100)


@pytest.mark.parametrize(
    ("month", "due"),
    [
        (3, D(1) / 4),  # 3 of 12 months
        (6, D(1) / 2),  # 6 of 12
        (9, D(3) / 4),  # 9 of 12
        (1, D(1) / 12),
        (11, D(11) / 12),
        (12, D(1)),  # the year's end: all of it
    ],
)
def test_a_flow_is_due_by_the_share_of_the_year_elapsed(month: int, due: Decimal) -> None:
    assert FLOW.due(Period(2024, month)) == due


@pytest.mark.parametrize("month", [1, 3, 6, 9, 12])
def test_a_level_is_due_in_full_at_any_period(month: int) -> None:
    assert LEVEL.due(Period(2024, month)) == 1


@given(year=years, month=months)
def test_due_is_a_share(year: int, month: int) -> None:
    for schedule in (FLOW, LEVEL):
        assert 0 < schedule.due(Period(year, month)) <= 1


@given(year=years, month=months, later=months)
def test_due_does_not_fall_as_the_year_goes_on(year: int, month: int, later: int) -> None:
    if later >= month:
        assert FLOW.due(Period(year, later)) >= FLOW.due(Period(year, month))


@given(year=years)
def test_all_is_due_at_the_years_end(year: int) -> None:
    assert FLOW.due(Period(year, 12)) == LEVEL.due(Period(year, 12)) == 1


@given(year=years, month=st.integers(min_value=1, max_value=11))
def test_before_the_years_end_a_flow_is_not_yet_due_in_full(year: int, month: int) -> None:
    assert FLOW.due(Period(year, month)) < 1


@pytest.mark.parametrize(
    ("amount", "month", "quarterly"),
    [
        ("60", 6, "30"),  # 6 months = 2 quarters left: 60 / 2
        ("60", 3, "20"),  # 9 months = 3 quarters left: 60 / 3
        ("60", 9, "60"),  # 3 months = 1 quarter left: all of it
        ("100", 8, "75"),  # 4 months = 4/3 quarters left: 100 * 3 / 4
        ("12", 10, "18"),  # 2 months = 2/3 of a quarter left: 12 / (2/3)
        ("0", 6, "0"),
    ],
)
def test_per_quarter(amount: str, month: int, quarterly: str) -> None:
    assert per_quarter(D(amount), Period(2024, month)) == D(quarterly)


@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=2),
    month=st.integers(min_value=1, max_value=11),
)
def test_per_quarter_over_the_quarters_left_adds_up_to_the_amount(
    amount: Decimal, month: int
) -> None:
    quarters_left = D(12 - month) / 3
    assert per_quarter(amount, Period(2024, month)) * quarters_left == pytest.approx(amount)


COUNTS = st.integers(min_value=0, max_value=10**6).map(D)
STEPS = st.sampled_from([D(1), D("0.0001")])  # 家, and 万家


@given(COUNTS, STEPS, st.integers(min_value=1, max_value=11))
def test_a_count_is_due_in_whole_things_in_the_goals_favour(amount: D, step: D, month: int) -> None:
    counted = WithinYear(flow=True, step=step)
    period = Period(2024, month)
    exact = FLOW.portion(amount * step, period)
    floor = counted.portion(amount * step, period)
    ceiling = counted.portion(amount * step, period, ceiling=True)
    assert floor % step == 0 and ceiling % step == 0
    assert floor <= exact <= ceiling
    assert exact - floor < step and ceiling - exact < step
    assert counted.portion(amount * step, Period(2024, 12)) == amount * step


@given(COUNTS, st.integers(min_value=1, max_value=11), st.integers(min_value=1, max_value=11))
def test_whole_things_due_never_fall_as_the_year_goes_on(amount: D, one: int, other: int) -> None:
    counted = WithinYear(flow=True, step=D(1))
    early, late = sorted((one, other))
    assert counted.portion(amount, Period(2024, early)) <= counted.portion(
        amount, Period(2024, late)
    )


def test_a_goal_of_one_thing_is_not_due_by_halves() -> None:
    counted = WithinYear(flow=True, step=D(1))
    assert [counted.portion(D(1), Period(2024, m)) for m in (3, 6, 11, 12)] == [0, 0, 0, 1]
    assert counted.portion(D(5), Period(2024, 6)) == 2  # not 2.5
