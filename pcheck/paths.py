"""The path of a goal due years ahead, and how a figure stands on it. No I/O.

A path runs through points ``(year, value)``, each standing for the end of its
year: where the goal starts (its baseline; nothing, for a sum over years), the
milestones a plan sets, and the goal in its due year. Between two points it is drawn
:attr:`~pcheck.model.Method.LINEAR` (the same step every month: 时间过半、任务过半)
or :attr:`~pcheck.model.Method.GROWTH` (the same rate of growth). Places on it are
counted in months after the start, so that every period of the data has one exactly,
and the path passes through each of its points exactly.

How a figure stands is read three ways, each named after the practice it follows:

* the value expected now on the path, against which the status is judged;
* :func:`pace`, progress made over progress due: on a linear path the share of the
  way due that has been covered; on a growth path the observed average growth over
  the path's (Open SDG's progress measure);
* :func:`projection`, the figure in the due year if the observed trend holds (the
  UN's 2023 method), and the growth a year still needed to reach the goal.

:func:`outlook` turns the pace into the categories of China's mid-term evaluations:
已提前实现 when the goal is already reached, 快于预期 at a pace of at least
:data:`AHEAD`, 基本符合预期 from :data:`ON_TRACK`, else 滞后于预期.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from pcheck.model import Method, Outlook, Period

MONTHS = 12
ON_TRACK = Decimal("0.95")  # Open SDG's threshold of substantial progress
AHEAD = Decimal("1.05")
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Path:
    """The points a goal's path runs through, in year order, and how it is drawn."""

    points: tuple[tuple[int, Decimal], ...]
    method: Method

    @property
    def start(self) -> int:
        """The year the path starts from (at its end)."""
        return self.points[0][0]

    @property
    def base(self) -> Decimal:
        """The value the path starts from."""
        return self.points[0][1]

    @property
    def due(self) -> int:
        """The year the goal is due."""
        return self.points[-1][0]

    @property
    def goal(self) -> Decimal:
        """The value the path ends at."""
        return self.points[-1][1]

    @property
    def length(self) -> int:
        """Months from the start to the due year's end."""
        return (self.due - self.start) * MONTHS

    def at(self, months: int) -> Decimal:
        """The value ``months`` after the start (held at the ends beyond them)."""
        months = min(max(months, 0), self.length)
        for (y0, v0), (y1, v1) in pairwise(self.points):
            p0, p1 = (y0 - self.start) * MONTHS, (y1 - self.start) * MONTHS
            if months > p1:
                continue
            if months == p0:
                return v0
            if months == p1:
                return v1
            if self.method is Method.LINEAR:
                return v0 + (v1 - v0) * (months - p0) / (p1 - p0)  # one rounding, last
            return v0 * (v1 / v0) ** (Decimal(months - p0) / (p1 - p0))
        return self.goal

    def in_year(self, year: int) -> Decimal:
        """The value due by the end of ``year``."""
        return self.at((year - self.start) * MONTHS)

    def ending_at(self, goal: Decimal) -> Path:
        """The same path, ending at ``goal`` instead (a stretch value)."""
        return Path((*self.points[:-1], (self.due, goal)), self.method)


def months_after(start: int, period: Period) -> int:
    """How many months after the end of ``start`` the period ends."""
    return (period.year - start - 1) * MONTHS + period.month


def pace(path: Path, months: int, value: Decimal) -> Decimal | None:
    """Progress made over progress due ``months`` after the start, reaching ``value``:
    1 on the path. ``None`` when no progress toward the goal is due by then (a path
    may dip through a milestone), or the growth cannot be read."""
    if months <= 0:
        return None
    base, due, goal = path.base, path.at(months), path.goal
    if (due - base) * (goal - base) <= 0:
        return None
    if path.method is Method.LINEAR:
        return (value - base) / (due - base)
    observed, needed = average_growth(base, value, months), average_growth(base, due, months)
    if observed is None or not needed:
        return None
    return observed / needed


def projection(path: Path, months: int, value: Decimal) -> Decimal | None:
    """The figure in the due year if the trend from the start to ``value``, reached
    ``months`` after it, holds: a straight line, or the same growth."""
    if months <= 0:
        return None
    base = path.base
    if path.method is Method.LINEAR:
        return base + (value - base) * path.length / months
    if base <= 0 or value < 0:
        return None
    return base * (value / base) ** (Decimal(path.length) / months)


def needed_growth(path: Path, months: int, value: Decimal) -> Decimal | None:
    """The share a year by which ``value`` must still grow to reach the goal by its
    due year (negative when it may fall); ``None`` when nothing is left or it cannot
    be read."""
    left = path.length - months
    if left <= 0 or value <= 0 or path.goal <= 0:
        return None
    return (path.goal / value) ** (Decimal(MONTHS) / left) - ONE


def needed_per_year(path: Path, months: int, value: Decimal) -> Decimal | None:
    """The step a year still needed from ``value`` to the goal on a straight line."""
    left = path.length - months
    if left <= 0:
        return None
    return (path.goal - value) * MONTHS / left


def outlook(reached: bool, pace_now: Decimal | None, on_path: bool) -> Outlook:
    """The category of a goal not yet due: reached already, or by its pace (by
    whether it is on the path when the pace cannot be read)."""
    if reached:
        return Outlook.ACHIEVED
    if pace_now is None:
        return Outlook.ON_TRACK if on_path else Outlook.BEHIND
    if pace_now >= AHEAD:
        return Outlook.AHEAD
    return Outlook.ON_TRACK if pace_now >= ON_TRACK else Outlook.BEHIND


def average_growth(base: Decimal, value: Decimal, months: int) -> Decimal | None:
    """The average growth a year from ``base`` to ``value`` over ``months``, as a share
    (−1 when ``value`` has fallen to zero); ``None`` unless ``base`` is above zero and
    ``value`` not below it."""
    if base <= 0 or value < 0 or months <= 0:
        return None
    return (value / base) ** (Decimal(MONTHS) / months) - ONE
