"""Pacing: how much of a goal is due by the end of a period.

Today's rule is within the year (序时进度): a flow — an amount that accumulates
over the year — is due in proportion to the share of the year elapsed, and is
due in full at the year's final period; a level or ratio is due in full at any
period. A goal of things counted (家, 项, 名…) is due in whole things, rounded in the
goal's favour — down for a floor, up for a ceiling — so that "力争纳入1家" is not due
half a 家 by June, nor "5家" two and a half. A schedule is a small value with
:meth:`Schedule.due`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Protocol

from pcheck.model import Period

WHOLE = Decimal(1)
MONTHS_PER_QUARTER = 3


class Schedule(Protocol):
    """How much of a goal is due by the end of a period."""

    def due(self, period: Period) -> Decimal:
        """The share of the goal due (for reports: it may be rounded, as 5/12 is)."""
        ...

    def portion(self, amount: Decimal, period: Period, *, ceiling: bool = False) -> Decimal:
        """What of ``amount`` is due, computed so that a figure exactly on pace
        compares equal to it (so never as ``amount * due``); of a ``ceiling``, what is
        allowed."""
        ...


@dataclass(frozen=True, slots=True)
class WithinYear:
    """A flow is due as the year elapses; anything else is due in full. ``step`` is
    the size of one thing in the goal's unit, for a goal of things counted."""

    flow: bool
    step: Decimal | None = None

    def due(self, period: Period) -> Decimal:
        return period.elapsed if self.flow and not period.is_final else WHOLE

    def portion(self, amount: Decimal, period: Period, *, ceiling: bool = False) -> Decimal:
        if self.flow and not period.is_final:
            return prorated(amount, period.month, self.step, ceiling=ceiling)
        return amount


def prorated(
    amount: Decimal, month: int, step: Decimal | None = None, *, ceiling: bool = False
) -> Decimal:
    """``amount`` pro-rated to the end of ``month``: the exact product first, one
    rounding last; in whole ``step``s, when given, rounded down (up for a ``ceiling``)."""
    return whole(amount * month / 12, step, ceiling=ceiling)


def whole(amount: Decimal, step: Decimal | None, *, ceiling: bool = False) -> Decimal:
    """``amount`` in whole ``step``s, rounded down (up for a ``ceiling``); as it is
    without a step."""
    if step is None:
        return amount
    rounding = ROUND_CEILING if ceiling else ROUND_FLOOR
    return (amount / step).to_integral_value(rounding) * step


def per_quarter(amount: Decimal, period: Period) -> Decimal:
    """``amount`` spread evenly over the quarters of the year left after ``period``."""
    return amount * MONTHS_PER_QUARTER / (12 - period.month)
