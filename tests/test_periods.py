from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.errors import ValueParseError
from pcheck.model import Period
from pcheck.periods import parse_period


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2024", 12),
        ("2024Q1", 3),
        ("2024q3", 9),
        ("2024Q4", 12),
        ("2024H1", 6),
        ("2024H2", 12),
        ("2024-01", 1),
        ("2024-12", 12),
        ("2024/6", 6),
        ("2024年", 12),
        ("2024年上半年", 6),
        ("2024年下半年", 12),
        ("2024年1-6月", 6),
        ("2024年1—9月", 9),
        ("2024年6月", 6),
        ("2024年第二季度", 6),
        ("2024年一季度", 3),
        ("2024年第3季度", 9),
        ("2024年前三季度", 9),
        ("２０２４年６月", 6),
        (" 2024 Q2 ", 6),
    ],
)
def test_period_forms(text: str, month: int) -> None:
    assert parse_period(text) == Period(2024, month)


@pytest.mark.parametrize(
    "text", ["2024Q5", "2024-13", "2024-00", "24Q1", "1800", "Q2", "", "二〇二四年"]
)
def test_invalid_periods(text: str) -> None:
    with pytest.raises(ValueParseError):
        parse_period(text)


def test_elapsed_share_and_final_period() -> None:
    assert Period(2024, 6).elapsed == Decimal("0.5")
    assert Period(2024, 3).elapsed == Decimal("0.25")
    assert Period(2024, 12).is_final and not Period(2024, 9).is_final


def test_labels() -> None:
    assert [str(Period(2024, m)) for m in (3, 6, 9, 12, 5)] == [
        "2024Q1",
        "2024H1",
        "2024Q3",
        "2024",
        "2024-05",
    ]


@given(st.integers(1949, 2100), st.integers(1, 12))
def test_labels_read_back(year: int, month: int) -> None:
    period = Period(year, month)
    assert parse_period(str(period)) == period


@given(st.text(max_size=20))
def test_garbage_gives_a_clean_error(text: str) -> None:
    try:
        period = parse_period(text)
    except ValueParseError:
        return
    assert 1 <= period.month <= 12
