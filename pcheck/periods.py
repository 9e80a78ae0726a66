"""Reporting periods: the strings statistics are labelled with, read into a year
and the months the figure covers.

Chinese statistics give most figures for the year so far (累计): ``2024年1-6月``,
``2024年上半年``, ``2024年前二季度``, ``截至2024年6月末`` and, in pcheck's own
labels, ``2024Q2``, ``2024H1`` and ``2024-06`` are all January to June, and such
a period is fully described by the month it runs to (a :class:`Period`). A level
(a count at a point in time) read at the end of June is labelled the same way:
``2024年6月末``, ``2024年6月底``, ``2024年末``.

Some figures are for one period alone, and reading them as the year so far would
give wrong verdicts. In Chinese statistics ``2024年二季度`` (``第二季度``,
``2季度``) is the second quarter alone, April to June, while ``前二季度`` is the
year to the end of June; ``2024年4-6月`` is April to June; ``2024年下半年`` is
July to December; and a marker — 当月, 本月, 当季, 本季, 当期, 单月, 单季 — makes a
month or quarter stand alone (``2024年6月当月``). :func:`read_period` returns
such a period as a :class:`Span`; a span that starts in January is the year to
date, and is returned as a plain :class:`Period`. :func:`parse_period` accepts
periods to date only (it reads ``--period`` and target files).

Dates stand for the month they fall on the first or the last day of, since that
is what a spreadsheet makes of ``2024-06`` typed into a cell (``2024/6/1``,
``2024-06-30 00:00:00``, ``Jun-24``, ``June 2024``); any other day is refused,
since a period is not a day. A bare whole number from 20000 to 80000 is a
spreadsheet's date serial in the 1900 date system (45444 is 2024-06-01). That
system counts a 29 February 1900 that never was (serial 60), so for every serial
after it, day 0 is 1899-12-30. A bare four-digit number is a year.

Years and months may be written in Chinese numerals (``二〇二四年一至六月``, with
〇, ○ or 零 for zero) and in full-width digits; spaces anywhere are ignored.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from pcheck.errors import ValueParseError
from pcheck.model import Message, Period
from pcheck.units import normalise

MIN_YEAR, MAX_YEAR = 1949, 2100

EXCEL_SERIALS = range(20000, 80001)
"""Bare whole numbers read as spreadsheet date serials (1954-10-04 to 2119-01-10)."""

_EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 for serials after the phantom 1900-02-29


class Span(NamedTuple):
    """A single period: the months ``first`` to ``period.month`` of ``period.year``
    alone (``first`` > 1; from January on it would be a :class:`Period`)."""

    period: Period
    first: int


# What a text says besides the period itself: a marker that a month or quarter stands
# alone, and one that the period runs from the start of the year (or is the point at
# its end).
_ALONE = re.compile(r"\(?(?:当月|本月|当季|本季|当期|单月|单季)\)?")
_TO_DATE = re.compile(r"^(?:截至|截止)|(?<=[年月度])[末底]")
_NOISE = re.compile(r"累计|(?<=[年月])份")  # 累计 says no more than the months do
_ZERO_LOOKALIKES = str.maketrans({"○": "〇"})
_CHINESE_YEAR = re.compile("[〇零一二三四五六七八九]{4}(?=年)")  # digit by digit: 一九九九年
_CHINESE_NUMERAL = re.compile("[〇零一二两三四五六七八九十]+")
_SPACE = re.compile(r"\s+")

_Y = r"(?P<year>\d{4})"
_DASH = "[-—–~〜至到]"
_TIME = r"(?:T?00:00(?::00(?:\.0+)?)?)?"
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}  # English whatever the locale, as spreadsheets export them

# Each form says how the period it reads behaves:
# "point"  runs to date, and stands alone with a marker (a month, quarter, half);
# "unit"   stands alone, and runs to date with 截至 or 末 (二季度, 下半年);
# "range"  covers the months it names, whatever the markers say (1-6月, 4-6月, a year).
_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_Y + r"(?:年|年度|年全年|全年)?"), "year"),
    (re.compile(_Y + r"-?[Qq](?P<n>[1-4])"), "quarter"),
    (re.compile(_Y + r"-?[Hh](?P<n>[12])"), "half"),
    (re.compile(_Y + r"[-/.Mm](?P<month>\d{1,2})"), "month"),
    (re.compile(_Y + r"年(?P<month>\d{1,2})月"), "month"),
    (re.compile(_Y + r"([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})" + _TIME), "day"),
    (re.compile(_Y + r"年(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]"), "day"),
    (re.compile(r"(?P<name>[A-Za-z]{3,9})[-.]?(?P<year>\d{2}|\d{4})"), "named"),
    (re.compile(_Y + r"-(?P<name>[A-Za-z]{3,9})"), "named"),
    (re.compile(r"(?P<serial>\d{5})(?:\.0+)?"), "serial"),
    (re.compile(_Y + r"年(?P<first>\d{1,2})月?" + _DASH + r"(?P<month>\d{1,2})月"), "range"),
    (re.compile(_Y + r"年前(?P<month>\d{1,2})个?月"), "first-months"),
    (re.compile(_Y + r"年?(?P<half>上|下)半年"), "half-zh"),
    (re.compile(_Y + r"年第?(?P<n>[1-4])个?季度?"), "quarter-zh"),
    (re.compile(_Y + r"年前(?P<n>[1-4])个?季度?"), "first-quarters"),
]

_POINT = frozenset({"quarter", "half", "month", "day", "named", "serial"})
_UNIT = frozenset({"quarter-zh", "half-zh"})


def read_period(text: str) -> Period | Span:
    """Read a period label of data: a :class:`Period` for a period to date (or a
    point in time), a :class:`Span` for a single period; or raise
    :class:`ValueParseError` listing the forms accepted."""
    cleaned, alone, to_date = _clean(text)
    if alone and to_date:
        raise ValueParseError(Message.of("period.invalid", text=text))
    for pattern, form in _FORMS:
        match = pattern.fullmatch(cleaned)
        if match:
            year, first, month = _months(match, form, text)
            if form in _POINT:
                first = first if alone else 1
            elif form in _UNIT and to_date:
                first = 1
            elif to_date and first > 1:
                raise ValueParseError(Message.of("period.invalid", text=text))
            period = Period(year, month)
            return Span(period, first) if first > 1 else period
    raise ValueParseError(Message.of("period.invalid", text=text))


def parse_period(text: str) -> Period:
    """Read a period to date (``--period``, target files), or raise
    :class:`ValueParseError`: for a single period, saying so."""
    found = read_period(text)
    if type(found) is Span:
        message = Message.of(
            "period.single",
            text=text,
            year=found.period.year,
            first=found.first,
            last=found.period.month,
        )
        raise ValueParseError(message)
    assert type(found) is Period
    return found


def _clean(text: str) -> tuple[str, bool, bool]:
    """The text without spaces, markers, 累计 or a trailing 份, with Arabic numerals; and
    whether it had a marker of a single period, and one of a period to date."""
    cleaned = _SPACE.sub("", normalise(text).translate(_ZERO_LOOKALIKES))
    if _CHINESE_NUMERAL.search(cleaned):
        cleaned = _CHINESE_YEAR.sub(_arabic_digits, cleaned)
        cleaned = _CHINESE_NUMERAL.sub(_arabic, cleaned)
    cleaned, alone = _ALONE.subn("", cleaned)
    cleaned = _NOISE.sub("", cleaned)
    cleaned, to_date = _TO_DATE.subn("", cleaned)
    return cleaned, alone > 0, to_date > 0


def _arabic_digits(match: re.Match[str]) -> str:
    from pcheck.numerals import DIGITS  # only for the rare label in Chinese numerals

    return "".join(str(DIGITS[digit]) for digit in match.group())


def _arabic(match: re.Match[str]) -> str:
    from pcheck.numerals import chinese_number

    if len(match.group()) > 4:  # no year or month is longer; and a huge one would not read
        return match.group()
    number = chinese_number(match.group())
    return match.group() if number is None else str(number)


def _months(match: re.Match[str], form: str, text: str) -> tuple[int, int, int]:
    """The year, the first month of the period alone, and the month it runs to."""
    if form == "serial":
        serial = int(match["serial"])
        if serial not in EXCEL_SERIALS:
            raise ValueParseError(Message.of("period.invalid", text=text))
        date = _EXCEL_EPOCH + datetime.timedelta(days=serial)
        year, month = _year(date.year, text), _day(date.year, date.month, date.day, text)
        return year, month, month
    if form == "named":
        named = _MONTH_NAMES.get(match["name"].lower())
        if named is None:
            raise ValueParseError(Message.of("period.invalid", text=text))
        digits = match["year"]
        return _year(int(digits) + (2000 if len(digits) == 2 else 0), text), named, named
    year = _year(int(match["year"]), text)
    if form == "year" or form == "first-months":
        first, month = 1, 12 if form == "year" else int(match["month"])
    elif form in ("quarter", "quarter-zh", "first-quarters"):
        month = 3 * int(match["n"])
        first = 1 if form == "first-quarters" else month - 2
    elif form == "half":
        month = 6 * int(match["n"])
        first = month - 5
    elif form == "half-zh":
        first, month = (1, 6) if match["half"] == "上" else (7, 12)
    else:
        month = _month(int(match["month"]), text)
        first = _month(int(match["first"]), text) if form == "range" else month
        if form == "day":
            _day(year, month, int(match["day"]), text)
    if not 1 <= month <= 12:
        raise ValueParseError(Message.of("period.month-range", text=text, month=month))
    if first > month:
        raise ValueParseError(Message.of("period.backwards", text=text, first=first, last=month))
    return year, first, month


def _year(year: int, text: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueParseError(Message.of("period.year-range", text=text, year=year))
    return year


def _month(month: int, text: str) -> int:
    if not 1 <= month <= 12:
        raise ValueParseError(Message.of("period.month-range", text=text, month=month))
    return month


def _day(year: int, month: int, day: int, text: str) -> int:
    """The month a date stands for: the one it is the first or the last day of."""
    following = datetime.date(year + month // 12, _month(month, text) % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    if day not in (1, last):
        if not 1 <= day <= last:
            raise ValueParseError(Message.of("period.invalid", text=text))
        raise ValueParseError(Message.of("period.day", text=text))
    return month
