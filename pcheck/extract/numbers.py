"""Figures as plans write them, read exactly: 3.95, 1/3, 两千, 三分之一, 百分之三点二.

Every reading is a :class:`fractions.Fraction`, so 1/3 stays a third; :func:`written`
gives it back in the form a target file takes (``3.95``, ``100/3``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
NUMERAL = "零〇一二两三四五六七八九十百千万亿"
CHINESE = re.compile(f"[{NUMERAL}]+(?:点[{NUMERAL}]+)?")


def chinese(text: str) -> Fraction | None:
    """The value of a Chinese numeral (两千, 十二, 三点二, 一千二百万), or None."""
    whole, _, decimals = text.partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if not decimals:
        return Fraction(value)
    if any(char not in DIGITS for char in decimals):
        return None
    digits = "".join(str(DIGITS[char]) for char in decimals)
    return value + Fraction(int(digits), 10 ** len(digits))


def _integer(text: str) -> int | None:
    if not text:
        return None
    if all(char in DIGITS for char in text):
        # Read digit by digit (二〇二四) only when written that way; a lone digit too.
        return int("".join(str(DIGITS[char]) for char in text))
    total, section, digit = 0, 0, None
    for char in text:
        if char in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[char]
        elif char in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[char]
            digit = None
        elif char in _LARGE:
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _LARGE[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def arabic(text: str) -> Fraction | None:
    """The value of ``123``, ``3.95`` or ``1/3`` (ASCII digits); None for ``n/0``."""
    numerator, _, denominator = text.partition("/")
    value = Fraction(Decimal(numerator))
    if not denominator:
        return value
    below = Fraction(Decimal(denominator))
    return value / below if below else None


def written(value: Fraction) -> str:
    """``value`` as a target file writes it: a decimal when exact, else ``a/b``."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1:
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
        return format(decimal.normalize(), "f")
    return f"{value.numerator}/{value.denominator}"
