"""The figures read from data files, kept as a :class:`Keep` policy says.

A store never holds more than its policy asks for, so that a file of millions of
rows needs little memory: checking a file keeps no figure at all; evaluating
keeps the series its targets use (only the latest month of each, unless a target
needs every month) and counts the rows of the others.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from pcheck.model import Location, Observation, Problem, SeriesKey

KEPT_ROWS = 10
"""How many row locations a summary of rows no target uses keeps."""


class Need(enum.Enum):
    """How much of a series a target needs."""

    LATEST = "latest"  # the latest month of the year
    EVERY_MONTH = "every month"  # any month: sums, references, growth baselines


class Mode(enum.Enum):
    """What a store keeps."""

    EVERYTHING = "everything"  # every figure of every series
    NOTHING = "nothing"  # no figure: the files are only being checked
    SERIES = "series"  # the series named, as much of each as needed; other rows counted


@dataclass(frozen=True, slots=True)
class Keep:
    """A named policy for what a store keeps."""

    mode: Mode
    series: Mapping[SeriesKey, Need] = field(default_factory=lambda: MappingProxyType({}))
    scope: frozenset[str] | None = None  # region codes in scope; None: every region

    @classmethod
    def everything(cls) -> Keep:
        """Every figure of every series (for tests and small files)."""
        return cls(Mode.EVERYTHING)

    @classmethod
    def nothing(cls) -> Keep:
        """No figure: the files are only checked."""
        return cls(Mode.NOTHING)

    @classmethod
    def only(cls, series: Mapping[SeriesKey, Need], scope: frozenset[str] | None = None) -> Keep:
        """The series named, each as much as it needs; rows of the others are counted,
        as rows no target uses, or as out of scope when their region is not in
        ``scope`` (the regions a ``--region`` selects)."""
        return cls(Mode.SERIES, series, scope)


@dataclass(slots=True)
class OtherRows:
    """Rows of a series whose figures were not kept: how many, for which months,
    and where the first few of them are."""

    count: int = 0
    months: set[int] = field(default_factory=set)
    rows: list[Location] = field(default_factory=list)

    def add(self, month: int, where: Location) -> None:
        """Count one more row."""
        self.count += 1
        self.months.add(month)
        if len(self.rows) < KEPT_ROWS:
            self.rows.append(where)


@dataclass(slots=True)
class ObservationStore:
    """Every figure read, indexed for the engine, and what became of every row.

    ``series`` maps (metric, region, year) to the figures of that year by the month
    their period runs to; ``other`` summarises the rows of series not kept.
    ``out_of_scope`` counts the rows of regions outside the policy's scope.
    ``key_problems`` keeps the unreadable rows that could still be attributed to a
    series, so that the targets they concern can say so. ``unreadable`` names the
    files that could not be read at all.
    """

    keep: Keep = field(default_factory=Keep.everything)
    series: dict[SeriesKey, dict[int, Observation]] = field(default_factory=dict)
    other: dict[SeriesKey, OtherRows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    key_problems: dict[SeriesKey, list[Problem]] = field(default_factory=dict)
    rows: int = 0
    out_of_scope: int = 0
    out_of_scope_years: set[int] = field(default_factory=set)
    unreadable: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """What was set apart as it was read (rows above a table, notes below it, cells
    not published), shown on request."""

    @property
    def keeps_figures(self) -> bool:
        """False when only checking: then :meth:`add` need not be called at all."""
        return self.keep.mode is not Mode.NOTHING

    def add(
        self,
        key: SeriesKey,
        month: int,
        value: Decimal,
        path: str,
        line: int,
        sheet: str | None = None,
    ) -> None:
        """Put a new figure where the policy says: kept, counted as another row, or nowhere."""
        keep = self.keep
        if keep.mode is Mode.NOTHING:
            return
        if keep.mode is Mode.SERIES:
            need = keep.series.get(key)
            if need is None:
                if keep.scope is not None and key[1] not in keep.scope:
                    self.out_of_scope += 1
                    self.out_of_scope_years.add(key[2])
                    return
                other = self.other.get(key)
                if other is None:
                    other = self.other[key] = OtherRows()
                other.add(month, Location(path, line, sheet=sheet))
                return
        else:
            need = Need.EVERY_MONTH
        months = self.series.get(key)
        if months is None:
            months = self.series[key] = {}
        if need is Need.EVERY_MONTH or not months:
            months[month] = Observation(value, path, line, sheet)
        elif month > next(iter(months)):
            months.clear()
            months[month] = Observation(value, path, line, sheet)

    def add_key_problem(self, key: SeriesKey, problem: Problem) -> None:
        """Remember an unreadable row of a series, for the targets that use it."""
        self.key_problems.setdefault(key, []).append(problem)


class Fall(NamedTuple):
    """The figure of another period that a year-to-date figure falls below or from."""

    month: int
    value: Decimal
    source: str
    line: int

    @property
    def where(self) -> str:
        """``file:line`` (``file[sheet]:line``) of that figure."""
        return f"{self.source}:{self.line}"


class YearToDate:
    """Watches flow series, whose figures are year-to-date totals (累计), for a figure
    lower than an earlier period's: almost surely a single-period figure, which
    would be misjudged as the year so far.

    Only the latest month seen of each series is kept (one small entry a series),
    so a fall is noticed between a figure and the latest one before it — every
    fall when rows come in period order, as they usually do.
    """

    def __init__(self) -> None:
        self.latest: dict[SeriesKey, tuple[int, Decimal, str, int]] = {}

    def see(
        self, key: SeriesKey, month: int, value: Decimal, source: str, line: int
    ) -> Fall | None:
        """Note a figure (read at ``line`` of ``source``); the figure of another period
        it falls below or from, if any. (Called once per flow record: kept lean.)"""
        known = self.latest.get(key)
        if known is None or month > known[0]:
            self.latest[key] = (month, value, source, line)
            if known is not None and value < known[1]:
                return Fall(*known)
        elif month < known[0] and value > known[1]:
            return Fall(*known)  # an earlier period above the latest
        return None
