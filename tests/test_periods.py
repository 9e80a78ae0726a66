import calendar
import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.errors import ValueParseError
from pcheck.model import Period
from pcheck.periods import EXCEL_SERIALS, Span, parse_period, read_period

# -- periods to date -----------------------------------------------------------------------


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
        ("2024年度", 12),
        ("2024年全年", 12),
        ("2024年上半年", 6),
        ("2024年1-6月", 6),
        ("2024年1—9月", 9),
        ("2024年6月", 6),
        ("2024年6月份", 6),
        ("2024年一季度", 3),  # the first quarter alone is the year to date
        ("2024年第1季度", 3),
        ("2024年前三季度", 9),
        ("2024年前3个季度", 9),
        ("２０２４年６月", 6),
        (" 2024 Q2 ", 6),
        # a level at the end of a period
        ("2024年6月末", 6),
        ("2024年6月底", 6),
        ("2024年末", 12),
        ("2024年底", 12),
        ("2024年二季度末", 6),
        ("2024年下半年末", 12),
        # to date, as releases write it
        ("2024年1-6月累计", 6),
        ("截至2024年6月", 6),
        ("截至2024年6月末", 6),
        ("截至2024年6月底", 6),
        ("截止2024年6月", 6),
        ("截至2024年二季度", 6),
        ("2024年1月-6月", 6),
        ("2024年1—6月份", 6),
        ("2024年1~6月", 6),
        ("2024年1～6月", 6),
        ("2024年1至6月", 6),
        ("2024年1到6月", 6),
        ("2024年前6个月", 6),
        ("2024年前6月", 6),
        ("2024 年 1 - 6 月", 6),
        ("2024年1-6月（当期）", 6),  # 当期 as against the same period of last year
        # Chinese numerals
        ("二〇二四年", 12),
        ("二○二四年", 12),
        ("二零二四年", 12),
        ("二〇二四年六月", 6),
        ("二〇二四年十二月", 12),
        ("二〇二四年一至六月", 6),
        ("二〇二四年上半年", 6),
        # what a spreadsheet makes of a typed date
        ("2024/6/30", 6),
        ("2024/6/1", 6),
        ("2024-06-30", 6),
        ("2024-06-01", 6),
        ("2024-06-30 00:00:00", 6),
        ("2024-06-30T00:00:00", 6),
        ("2024-02-29", 2),
        ("2024年6月30日", 6),
        ("Jun-24", 6),
        ("Jun 2024", 6),
        ("June 2024", 6),
        ("2024-Jun", 6),
        ("SEPT-24", 9),
        ("45444", 6),  # 2024-06-01
        ("45473", 6),  # 2024-06-30
        ("45444.0", 6),
    ],
)
def test_periods_to_date(text: str, month: int) -> None:
    assert parse_period(text) == Period(2024, month)
    assert read_period(text) == Period(2024, month)


# -- single periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "month"),
    [
        ("2024年二季度", 4, 6),
        ("2024年第二季度", 4, 6),
        ("2024年2季度", 4, 6),
        ("2024年第3季度", 7, 9),
        ("2024年四季度", 10, 12),
        ("2024年二季度当季", 4, 6),
        ("2024年第二季度（单季）", 4, 6),
        ("2024Q2当季", 4, 6),
        ("2024Q2本季", 4, 6),
        ("2024年6月当月", 6, 6),
        ("2024年6月本月", 6, 6),
        ("2024年6月(当月)", 6, 6),
        ("2024-06单月", 6, 6),
        ("当月2024年6月", 6, 6),
        ("2024年6月当期", 6, 6),
        ("2024年4-6月", 4, 6),
        ("2024年4月-6月", 4, 6),
        ("2024年4—6月份", 4, 6),
        ("2024年4-6月累计", 4, 6),
        ("二〇二四年四至六月", 4, 6),
        ("2024年下半年", 7, 12),
        ("2024H2当期", 7, 12),
        ("2024年7-12月", 7, 12),
        ("2024年12月当月", 12, 12),
    ],
)
def test_single_periods(text: str, first: int, month: int) -> None:
    assert read_period(text) == Span(Period(2024, month), first)
    with pytest.raises(ValueParseError) as raised:
        parse_period(text)
    assert raised.value.message.id == "period.single"
    assert dict(raised.value.message.params) == {
        "text": text,
        "year": 2024,
        "first": first,
        "last": month,
    }


@pytest.mark.parametrize("text", ["2024年1月当月", "2024年一季度当季", "2024年上半年当期"])
def test_a_single_period_from_january_is_the_year_to_date(text: str) -> None:
    assert type(read_period(text)) is Period


# -- what is refused -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message_id"),
    [
        ("2024Q5", "period.invalid"),
        ("2024-13", "period.month-range"),
        ("2024-00", "period.month-range"),
        ("2024年13月", "period.month-range"),
        ("24Q1", "period.invalid"),
        ("1800", "period.year-range"),
        ("2101年", "period.year-range"),
        ("Q2", "period.invalid"),
        ("", "period.invalid"),
        ("二四年", "period.invalid"),
        ("2024年7-6月", "period.backwards"),
        ("2024/6/15", "period.day"),
        ("2024-06-02", "period.day"),
        ("2024-06-29 00:00:00", "period.day"),
        ("2024年6月15日", "period.day"),
        ("2023-02-29", "period.invalid"),
        ("2024-06-31", "period.invalid"),
        ("2024-06-30 12:30:00", "period.invalid"),
        ("45445", "period.day"),  # 2024-06-02
        ("19999", "period.invalid"),
        ("80001", "period.invalid"),
        ("Juin 2024", "period.invalid"),
        ("截至2024年4-6月", "period.invalid"),  # to the end of a span?
        ("截至2024年6月当月", "period.invalid"),  # to date and alone at once
        ("2024年6月份份", "period.invalid"),
    ],
)
def test_invalid_periods(text: str, message_id: str) -> None:
    with pytest.raises(ValueParseError) as raised:
        read_period(text)
    assert raised.value.message.id == message_id
    assert dict(raised.value.message.params)["text"] == text


def test_a_refusal_lists_what_is_accepted() -> None:
    from pcheck.messages import text

    for label in ("2024Q5", "2024/6/15", "2024年7-6月"):
        with pytest.raises(ValueParseError) as raised:
            read_period(label)
        words = text(raised.value.message)
        assert repr(label) in words
        assert "2024年1-6月" in words and "2024年二季度" in words
    with pytest.raises(ValueParseError) as raised:
        read_period("2024/6/15")
    assert "is a day" in text(raised.value.message)


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


# -- round trips -----------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_ENGLISH = calendar.month_abbr  # "Jan" … in the C locale Python starts in
_EXCEL_DAY_0 = datetime.date(1899, 12, 30)


def _chinese_year(year: int, zero: str) -> str:
    return "".join(_DIGITS[int(d)] for d in str(year)).replace("〇", zero)


def _chinese_month(month: int) -> str:
    if month <= 10:
        return "十" if month == 10 else _DIGITS[month]
    return "十" + _DIGITS[month - 10]


def _spaced(text: str, spaces: list[bool]) -> str:
    spaces = spaces + [False] * (len(text) - len(spaces))
    return "".join(c + (" " if space else "") for c, space in zip(text, spaces, strict=False))


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def _to_date_spellings(year: int, month: int, zero: str) -> list[str]:
    last = calendar.monthrange(year, month)[1]
    return [
        str(Period(year, month)),
        f"{year}年{month}月",
        f"{year}年{month}月份",
        f"{year}年1-{month}月",
        f"{year}年1月-{month}月",
        f"{year}年1-{month}月累计",
        f"截至{year}年{month}月末",
        f"截止{year}年{month}月底",
        f"{year}年前{month}个月",
        f"{_chinese_year(year, zero)}年{_chinese_month(month)}月",
        f"{_chinese_year(year, zero)}年一至{_chinese_month(month)}月",
        f"{year}/{month}/1",
        f"{year}/{month}/{last}",
        f"{year}-{month:02d}-{last:02d} 00:00:00",
        f"{year}-{month:02d}-01T00:00:00",
        f"{_ENGLISH[month]}-{year % 100:02d}" if year >= 2000 else f"{_ENGLISH[month]}-{year}",
        f"{calendar.month_name[month]} {year}",
        f"{year}-{_ENGLISH[month]}",
    ]


@given(
    st.integers(1949, 2099),
    st.integers(1, 12),
    st.sampled_from("〇○零"),
    st.lists(st.booleans(), max_size=30),
    st.booleans(),
)
def test_periods_to_date_read_back_however_written(
    year: int, month: int, zero: str, spaces: list[bool], wide: bool
) -> None:
    for text in _to_date_spellings(year, month, zero):
        text = _spaced(text, spaces)
        text = _full_width(text) if wide else text
        assert read_period(text) == Period(year, month), text
        assert parse_period(text) == Period(year, month), text


@given(st.dates(datetime.date(1954, 10, 4), datetime.date(2100, 12, 31)))
def test_excel_serials_are_dates(date: datetime.date) -> None:
    serial = (date - _EXCEL_DAY_0).days
    assert serial in EXCEL_SERIALS
    last = calendar.monthrange(date.year, date.month)[1]
    if date.day in (1, last):
        assert read_period(str(serial)) == Period(date.year, date.month)
    else:
        with pytest.raises(ValueParseError) as raised:
            read_period(str(serial))
        assert raised.value.message.id == "period.day"


@given(st.integers(1949, 2100), st.integers(1, 12), st.integers(1, 12), st.sampled_from("〇○零"))
def test_month_ranges_read_back(year: int, first: int, month: int, zero: str) -> None:
    spellings = [
        f"{year}年{first}-{month}月",
        f"{year}年{first}月-{month}月",
        f"{year}年{first}—{month}月份",
        f"{_chinese_year(year, zero)}年{_chinese_month(first)}至{_chinese_month(month)}月",
    ]
    for text in spellings:
        if first > month:
            with pytest.raises(ValueParseError):
                read_period(text)
        elif first == 1:
            assert read_period(text) == Period(year, month)
        else:
            assert read_period(text) == Span(Period(year, month), first)


@given(st.integers(1949, 2100), st.integers(1, 4), st.sampled_from(["", "第"]))
def test_quarters_alone_and_to_date(year: int, quarter: int, ordinal: str) -> None:
    end = Period(year, 3 * quarter)
    alone = end if quarter == 1 else Span(end, 3 * quarter - 2)
    assert read_period(f"{year}年{ordinal}{_DIGITS[quarter]}季度") == alone
    assert read_period(f"{year}年{ordinal}{quarter}季度") == alone
    assert read_period(f"{year}Q{quarter}当季") == alone
    assert read_period(f"{year}年前{_DIGITS[quarter]}季度") == end
    assert read_period(f"{year}Q{quarter}") == end
    assert read_period(f"{year}年{_DIGITS[quarter]}季度末") == end


@given(st.integers(1949, 2100), st.integers(1, 12), st.sampled_from(["当月", "本月", "单月"]))
def test_single_months(year: int, month: int, marker: str) -> None:
    alone = Period(year, month) if month == 1 else Span(Period(year, month), month)
    assert read_period(f"{year}年{month}月{marker}") == alone
    assert read_period(f"{year}年{month}月") == Period(year, month)


@given(st.integers(1949, 2100), st.integers(1, 12))
def test_labels_read_back(year: int, month: int) -> None:
    period = Period(year, month)
    assert parse_period(str(period)) == period


def _read_cleanly(text: str) -> None:
    try:
        found = read_period(text)
    except ValueParseError:
        return
    period = found.period if isinstance(found, Span) else found
    assert 1949 <= period.year <= 2100
    assert 1 <= period.month <= 12
    if isinstance(found, Span):
        assert 1 < found.first <= period.month


@given(st.text(max_size=20))
def test_garbage_gives_a_clean_error(text: str) -> None:
    _read_cleanly(text)


@given(
    st.text(alphabet="0123456789年月季度前上下半第至-/一二三四五六〇十当累计截末份 ", max_size=16)
)
def test_period_like_garbage_gives_a_clean_error(text: str) -> None:
    _read_cleanly(text)


@pytest.mark.parametrize(
    "text", ["〇" * 5000 + "年", "二" * 10**5, "2024年" + "1-" * 10**4 + "6月"]
)
def test_huge_labels_are_refused_cleanly(text: str) -> None:
    with pytest.raises(ValueParseError):
        read_period(text)
