import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.errors import ValueParseError
from pcheck.model import difference_unit
from pcheck.units import (
    check_unit,
    convert,
    factor,
    format_decimal,
    is_count,
    parse_number,
    show,
    split_quantity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("-3.5", "-3.5"),
        ("+2", "2"),
        ("1,234.5", "1234.5"),
        ("12,345,678", "12345678"),
        ("１２３", "123"),
        ("  42  ", "42"),
        ("0.03", "0.03"),
        ("−1.5", "-1.5"),
    ],
)
def test_parse_number_reads_exactly(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1 234", "space inside"),
        ("12..5", "not a number"),
        ("N/A", "not a number"),
        ("=1+1", "formula"),
        ("1e5", "scientific notation"),
        ("1.2E+05", "scientific notation"),
        ("1,23", "thousands separators"),
        ("", "empty"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("0x10", "not a number"),
        ("5.", "not a number"),
    ],
)
def test_parse_number_rejects_what_is_not_exact(text: str, reason: str) -> None:
    with pytest.raises(ValueParseError, match=reason):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("587.5亿元", "587.5", "亿元"),
        ("3.2%", "3.2", "%"),
        ("5％", "5", "%"),
        ("3.2 %", "3.2", "%"),
        ("5000", "5000", None),
        ("10000人次", "10000", "人次"),
        ("1,200 万元", "1200", "万元"),
    ],
)
def test_split_quantity(text: str, number: str, unit: str | None) -> None:
    assert split_quantity(text) == (Decimal(number), unit)


@pytest.mark.parametrize("text", ["1 000 元", "12.5.3家", "1e5元", "亿元", "", "--5"])
def test_split_quantity_rejects_leftovers(text: str) -> None:
    with pytest.raises(ValueParseError):
        split_quantity(text)


def test_amounts_convert_exactly_both_ways() -> None:
    assert convert(Decimal("0.03"), "亿元", "万元") == Decimal("300")
    assert convert(Decimal("300"), "万元", "亿元") == Decimal("0.03")
    assert convert(Decimal("1.6"), "万亿元", "亿元") == Decimal("16000")
    assert convert(Decimal("1.2"), "万家", "家") == Decimal("12000")


@pytest.mark.parametrize(("source", "target"), [("家", "名"), ("%", "pp"), ("亿元", "家")])
def test_incompatible_units_name_both(source: str, target: str) -> None:
    with pytest.raises(ValueParseError, match=f"cannot convert {source} to {target}"):
        factor(source, target)


@pytest.mark.parametrize("text", ["foo", "万元*家", "2 元", "元/年", "", "meter"])
def test_unknown_units_are_rejected(text: str) -> None:
    with pytest.raises(ValueParseError, match="unknown unit"):
        check_unit(text)


def test_unit_spellings() -> None:
    assert check_unit("％") == "%"
    assert check_unit("百分点") == "pp"
    assert factor("人", "名") == 1
    assert factor("CNY", "元") == 1


def test_counts_and_differences() -> None:
    assert is_count("家") and is_count("人次") and not is_count("亿元") and not is_count("%")
    assert difference_unit("%") == "pp"
    assert difference_unit("亿元") == "亿元"


@pytest.mark.parametrize(
    ("value", "text"),
    [("0.765", "0.765"), ("0.0350", "0.035"), ("47.8125", "47.81"), ("100.00", "100"), ("-0", "0")],
)
def test_format_decimal(value: str, text: str) -> None:
    assert format_decimal(Decimal(value)) == text


def test_show_places_units_as_readers_expect() -> None:
    assert show(Decimal("4000"), "亿元") == "4000亿元"
    assert show(Decimal("3.2"), "%") == "3.2%"
    assert show(Decimal("-0.1"), "pp") == "-0.1 pp"


AMOUNT_UNITS = ["元", "万元", "亿元", "万亿元"]
decimals = st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False)


@given(decimals, st.sampled_from(AMOUNT_UNITS), st.sampled_from(AMOUNT_UNITS))
def test_conversion_round_trips_exactly(value: Decimal, source: str, target: str) -> None:
    assert convert(convert(value, source, target), target, source) == value


@given(decimals)
def test_written_numbers_read_back(value: Decimal) -> None:
    assert parse_number(f"{value:f}") == value
    assert parse_number(f"{value:,f}") == value


@given(st.text(max_size=30))
def test_garbage_gives_a_clean_error(text: str) -> None:
    try:
        number, unit = split_quantity(text)
    except ValueParseError:
        return
    assert isinstance(number, Decimal)
    if unit is not None:
        with contextlib.suppress(ValueParseError):
            check_unit(unit)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15),
    st.integers(0, 6),
)
def test_format_decimal_keeps_three_significant_digits_below_one(
    value: Decimal, places: int
) -> None:
    shown = format_decimal(value, places)
    if value and abs(value) < 1:
        places = min(max(places, 2 - value.adjusted()), 6)
    assert Decimal(shown) == round(value, places)
    assert shown == "0" or not shown.endswith(("0", ".")) or "." not in shown
