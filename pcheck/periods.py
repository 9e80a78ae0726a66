"""Reporting periods: the strings statistics are labelled with, read into a year
and the month the period runs to.

Sub-year figures are year-to-date totals (累计), as Chinese statistics are
published, so a period is fully described by where it ends: ``2024Q2``,
``2024H1``, ``2024-06`` and ``2024年1-6月`` are the same period.
"""

from __future__ import annotations

import re

from pcheck.errors import ValueParseError
from pcheck.model import Message, Period
from pcheck.units import normalise

_CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}

# Each pattern has a ``year`` group; the function beside it gives the end month.
_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?P<year>\d{4})(?:年|年度|年全年|全年)?"), "year"),
    (re.compile(r"(?P<year>\d{4})[Qq](?P<n>[1-4])"), "quarter"),
    (re.compile(r"(?P<year>\d{4})[Hh](?P<n>[12])"), "half"),
    (re.compile(r"(?P<year>\d{4})[-/.Mm](?P<month>\d{1,2})"), "month"),
    (re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?:份)?"), "month"),
    (re.compile(r"(?P<year>\d{4})年(?:1|一)[-—~至到](?P<month>\d{1,2})月"), "month"),
    (re.compile(r"(?P<year>\d{4})年(?P<half>上|下)半年"), "half_zh"),
    (re.compile(r"(?P<year>\d{4})年(?:第)?(?P<n>[1-4一二三四])季度"), "quarter"),
    (re.compile(r"(?P<year>\d{4})年前(?P<n>[1-4一二三四])(?:个)?季度"), "quarter"),
]

MIN_YEAR, MAX_YEAR = 1949, 2100


def parse_period(text: str) -> Period:
    """Read a period label, or raise :class:`ValueParseError` listing the forms accepted."""
    cleaned = re.sub(r"\s+", "", normalise(text))
    for pattern, form in _FORMS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _period(match, form, text)
    raise ValueParseError(Message.of("period.invalid", text=text))


def _period(match: re.Match[str], form: str, text: str) -> Period:
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueParseError(Message.of("period.year-range", text=text, year=year))
    if form == "year":
        month = 12
    elif form == "quarter":
        month = 3 * _numeral(match["n"])
    elif form == "half":
        month = 6 * int(match["n"])
    elif form == "half_zh":
        month = 6 if match["half"] == "上" else 12
    else:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueParseError(Message.of("period.month-range", text=text, month=month))
    return Period(year, month)


def _numeral(text: str) -> int:
    return _CHINESE_NUMERALS.get(text) or int(text)


def read_period(text: str) -> Period:
    """Read a period label as :func:`parse_period` does."""
    return parse_period(text)
