"""Figures as plans write them, read exactly: 3.95, 1/3, 两千, 三分之一, 百分之三点二.

Every reading is a :class:`fractions.Fraction`, so 1/3 stays a third; :func:`written`
gives it back in the form a target file takes (``3.95``, ``100/3``).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from pcheck.numerals import chinese_number

NUMERAL = "零〇一二两三四五六七八九十百千万亿"


def chinese(text: str) -> Fraction | None:
    """The value of a Chinese numeral (两千, 两万五, 一百零五, 三点二), or None."""
    return chinese_number(text)


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
