"""Units and exact quantities.

Numbers are read strictly into :class:`~decimal.Decimal`: pint's own string parser
evaluates expressions, so the number and the unit are split here and the rest is
rejected. Units come from ``units.txt`` beside this module, loaded into a pint
registry once to build a table of every unit's dimension and factor; conversions
use that table, and the factor of each pair of units is computed once and kept.
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation, Overflow
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from pcheck.errors import ValueParseError
from pcheck.model import PERCENT, Message

DEFINITIONS = Path(__file__).with_name("units.txt")


# Each counted kind of thing has its own dimension in units.txt.
COUNT_DIMENSIONS = frozenset({"[entity]", "[item]", "[person]", "[person_time]", "[occurrence]"})

_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_NUMBER_PREFIX = re.compile(r"[+-]?[0-9.,]*[0-9]")
# Full-width forms (U+FF01–U+FF5E) are ASCII typed with a Chinese input method:
# folded, as are the ideographic space and minus signs. Nothing else is folded: a
# footnote mark (①), a superscript (²) or another script's digit stays what it is,
# and so makes the number unreadable rather than a different number.
_FOLD: dict[int, int | str] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x2212: "-", 0x2013: "-"})


def normalise(text: str) -> str:
    """Fold full-width forms to ASCII (１２％ → 12%) and strip surrounding space."""
    return text.translate(_FOLD).strip()


MAX_DIGITS = 34
"""The most digits a number may have (leading zeros aside): a decimal128's worth,
far beyond any statistic. pcheck computes with :data:`ARITHMETIC`, in which sums,
products and comparisons of such numbers are exact."""

ARITHMETIC = decimal.Context(
    prec=80, Emax=10**6, Emin=-(10**6), traps=[InvalidOperation, DivisionByZero, Overflow]
)
"""The decimal context pcheck computes in (see :data:`MAX_DIGITS`)."""

P = ParamSpec("P")
R = TypeVar("R")


def exactly(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` in :data:`ARITHMETIC`, whatever the caller's decimal context."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with decimal.localcontext(ARITHMETIC):
            return function(*args, **kwargs)

    return run


def parse_number(text: str) -> Decimal:
    """Read a decimal number exactly, or raise :class:`ValueParseError` saying why.

    Accepted: ``1234``, ``-3.5``, ``1,234.5`` (thousands grouped by threes, as
    spreadsheets write them), full-width digits. Rejected: anything else, such as
    ``1 234``, ``12..5``, ``N/A``, ``=1+1`` and scientific notation, which
    spreadsheets use for rounded figures.
    """
    cleaned = normalise(text)
    if _NUMBER.fullmatch(cleaned):
        return _exact(cleaned, text)
    raise ValueParseError(_why_not_a_number(text, cleaned))


def _exact(number: str, text: str) -> Decimal:
    """``number`` (digits, with thousands separators and a point) as a Decimal, if it
    has no more than :data:`MAX_DIGITS` digits."""
    bare = number.replace(",", "")
    digits = bare.lstrip("+-").replace(".", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise ValueParseError(Message.of("number.too-long", text=text, limit=MAX_DIGITS))
    return Decimal(bare)


def _why_not_a_number(text: str, cleaned: str) -> Message:
    if not cleaned:
        return Message.of("number.empty")
    if cleaned.startswith(("=", "+=", "@")):
        return Message.of("number.formula", text=text)
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+", cleaned):
        return Message.of("number.scientific", text=text)
    if re.fullmatch(r"[+-]?[\d,]+(?:\.\d+)?", cleaned):
        return Message.of("number.separators", text=text)
    if re.search(r"\d\s+\d", cleaned):
        return Message.of("number.space", text=text)
    return Message.of("number.invalid", text=text)


def split_quantity(text: str) -> tuple[Decimal, str | None]:
    """Split ``"587.5亿元"`` into ``(Decimal("587.5"), "亿元")``.

    The unit is ``None`` when the text is a bare number. The unit is returned as
    written (normalised), not checked: see :func:`check_unit`.
    """
    cleaned = normalise(text)
    match = _NUMBER_PREFIX.match(cleaned)
    if match is None:
        raise ValueParseError(_why_not_a_number(text, cleaned))
    number, rest = match.group(), cleaned[match.end() :].strip()
    if (rest and rest[0] in "0123456789.,eE") or not _NUMBER.fullmatch(number):
        # "1 000", "12.5.3", "1e5": the number goes on past where it can be read.
        raise ValueParseError(_why_not_a_number(text, cleaned))
    return _exact(number, text), (rest or None)


UnitTable = dict[str, tuple[str, Decimal, str]]
"""Each unit name → (its dimension, the factor to that dimension's base unit, the
name it is shown as: the first symbol of its line in units.txt)."""

_table: UnitTable | None = None


def unit_table() -> UnitTable:
    """Every unit of ``units.txt``, built with pint the first time it is needed.

    All conversions go through this table: pint is imported once to build it, not
    used per value, and a table kept from an earlier run (see :func:`use_table`)
    spares even that.
    """
    global _table
    if _table is None:
        _table = _build_table()
    return _table


def use_table(table: UnitTable) -> None:
    """Use a table built earlier from the same ``units.txt``."""
    global _table
    _table = table


def _build_table() -> UnitTable:
    import pint  # deferred: pint costs ~150 ms to import

    registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
        str(DEFINITIONS), non_int_type=Decimal, cache_folder=None
    )
    table: UnitTable = {}
    for names in _definitions():
        base = registry.Quantity(Decimal(1), names[0]).to_base_units()
        dimensionality = str(base.dimensionality)
        dimension = "" if dimensionality == "dimensionless" else dimensionality
        entry = (
            dimension,
            Decimal(base.magnitude).normalize(),
            names[-1 if len(names) == 1 else 1],
        )
        table.update(dict.fromkeys(names, entry))
    return table


def _definitions() -> list[list[str]]:
    """The names of each unit of units.txt (``name = definition = symbol = alias…``)."""
    units = []
    for line in DEFINITIONS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            parts = [part.strip() for part in line.split("=")]
            units.append([parts[0], *parts[2:]])
    return units


@cache
def check_unit(text: str) -> str:
    """The unit written as ``text``, normalised; :class:`ValueParseError` if unknown."""
    entry = unit_table().get(normalise(text))
    if entry is None:
        raise ValueParseError(Message.of("unit.unknown", unit=text))
    return entry[2]


@cache
def factor(source: str, target: str) -> Decimal:
    """The exact number that turns a value in ``source`` into one in ``target``."""
    source, target = check_unit(source), check_unit(target)
    if source == target:
        return Decimal(1)
    table = unit_table()
    (source_dimension, to_base, _), (target_dimension, from_base, _) = table[source], table[target]
    if source_dimension != target_dimension:
        raise ValueParseError(Message.of("unit.inconvertible", source=source, target=target))
    # Every factor in units.txt is a power of ten, so the quotient is exact.
    return (to_base / from_base).normalize()


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """``value`` in ``source`` units expressed in ``target`` units, exactly."""
    return value * factor(source, target)


def dimension(unit: str) -> str:
    """The dimension of a unit, as pint writes it (``[currency]``, ``[item]``…)."""
    return unit_table()[check_unit(unit)][0]


def is_percent(unit: str) -> bool:
    """True for the percentage unit, whose differences are percentage points."""
    return check_unit(unit) == PERCENT


def is_count(unit: str) -> bool:
    """True for a unit that counts things (家, 项, 名…)."""
    return dimension(unit) in COUNT_DIMENSIONS


def count_step(unit: str) -> Decimal | None:
    """The size of one thing in ``unit`` (1 for 家, 0.0001 for 万家), for a unit that
    counts things; else ``None``."""
    found = unit_table()[check_unit(unit)]
    if found[0] not in COUNT_DIMENSIONS:
        return None
    return (1 / found[1]).normalize()


def format_decimal(value: Decimal, places: int = 2) -> str:
    """``value`` rounded to ``places`` decimals (more for small values, to keep three
    significant digits), without trailing zeros."""
    if value and value.adjusted() < 0:  # 0 < |value| < 1
        places = min(max(places, 2 - value.adjusted()), 6)
    text = f"{round(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def show(value: Decimal, unit: str) -> str:
    """A value with its unit as a reader expects it: ``4000亿元``, ``3.2%``, ``-0.1 pp``."""
    text = format_decimal(value)
    if not unit:
        return text
    return f"{text} {unit}" if unit.isascii() and unit != PERCENT else f"{text}{unit}"
