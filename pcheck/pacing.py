"""Pacing: how much of a goal is due by the end of a period.

Today's rule is within the year (序时进度): a flow — an amount that accumulates
over the year — is due in proportion to the share of the year elapsed, and is
due in full at the year's final period; a level or ratio is due in full at any
period. A schedule is a small value with :meth:`Schedule.due`, so that a goal due
years ahead can bring a schedule of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from pcheck.model import Period

WHOLE = Decimal(1)
MONTHS_PER_QUARTER = 3


class Schedule(Protocol):
    """How much of a goal is due by the end of a period."""

    def due(self, period: Period) -> Decimal:
        """The share of the goal due (for reports: it may be rounded, as 5/12 is)."""
        ...

    def portion(self, amount: Decimal, period: Period) -> Decimal:
        """What of ``amount`` is due, computed so that a figure exactly on pace
        compares equal to it (so never as ``amount * due``)."""
        ...


@dataclass(frozen=True, slots=True)
class WithinYear:
    """A flow is due as the year elapses; anything else is due in full."""

    flow: bool

    def due(self, period: Period) -> Decimal:
        return period.elapsed if self.flow and not period.is_final else WHOLE

    def portion(self, amount: Decimal, period: Period) -> Decimal:
        if self.flow and not period.is_final:
            return amount * period.month / 12  # exact product first, one rounding last
        return amount


def per_quarter(amount: Decimal, period: Period) -> Decimal:
    """``amount`` spread evenly over the quarters of the year left after ``period``."""
    return amount * MONTHS_PER_QUARTER / (12 - period.month)
