"""Plain values that the rest of pcheck passes around.

Everything here is a frozen dataclass, an enum or a named tuple. Nothing in this
module reads files, prints, or imports any other part of pcheck.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

PERCENT = "%"
PERCENTAGE_POINT = "pp"


def difference_unit(unit: str) -> str:
    """The unit of a difference of two values in ``unit``: a difference of
    percentages is in percentage points; any other unit stays as it is."""
    return PERCENTAGE_POINT if unit == PERCENT else unit


class Status(enum.Enum):
    """The verdict on one target. The order is from best to worst."""

    PASS = "pass"
    AT_RISK = "at_risk"
    FAIL = "fail"
    NO_DATA = "no_data"

    @property
    def rank(self) -> int:
        """Severity used to combine two verdicts: the larger wins."""
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.PASS: 0, Status.AT_RISK: 1, Status.FAIL: 2, Status.NO_DATA: 3}


class Op(enum.Enum):
    """How an actual is compared with a target value."""

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    APPROX = "approx"
    BETWEEN = "between"


class Tier(enum.Enum):
    """Whether a goal is a firm commitment or a stretch goal (力争, 冲刺)."""

    BASE = "base"
    STRETCH = "stretch"


class Kind(enum.Enum):
    """A flow accumulates over the year; a level is read at a point in time."""

    FLOW = "flow"
    LEVEL = "level"


class Basis(enum.Enum):
    """What a target's value is about: the metric itself, or its growth on last year."""

    VALUE = "value"
    GROWTH = "growth"


class Severity(enum.Enum):
    """How serious an input problem is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in an input file.

    ``line`` is 1-based. ``column`` is a 1-based number in YAML files and a column
    name in CSV files, where ``line`` is the physical line on which the row starts.
    """

    path: str
    line: int | None = None
    column: int | str | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    location: Location
    message: str
    code: str = "invalid"
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"


@dataclass(frozen=True, slots=True)
class Metric:
    """A statistical indicator and the unit it is kept in."""

    id: str
    name: str
    name_en: str
    unit: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """An administrative region, keyed by its GB/T 2260 code."""

    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog:
    """The metrics and regions that target files and data may name."""

    metrics: dict[str, Metric]
    regions: dict[str, Region]
    metric_names: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    ambiguous_regions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def find_metric(self, text: str) -> Metric | None:
        """The metric with this id, Chinese name or alias, if any."""
        key = self.metric_names.get(text.strip().casefold())
        return self.metrics[key] if key is not None else None

    def find_region(self, text: str) -> Region | None:
        """The region with this code, name or alias, if any."""
        key = self.region_names.get(text.strip().casefold())
        return self.regions[key] if key is not None else None

    def ancestors(self, code: str) -> list[str]:
        """The region's code followed by the codes of the regions that contain it."""
        chain: list[str] = []
        current: str | None = code
        while current is not None and current not in chain:
            chain.append(current)
            region = self.regions.get(current)
            current = region.parent if region else None
        return chain


@dataclass(frozen=True, slots=True)
class Quantity:
    """An exact number with its unit."""

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class Document:
    """The published document a target file transcribes."""

    title: str
    issuer: str
    date: str
    source: str
    number: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """One quantitative goal of a document.

    ``metrics`` holds one metric id, or several when the goal is on their sum.
    ``value`` is the threshold (the lower end for ``between``); it is ``None`` when
    the threshold is another metric's value, named by ``reference``.
    """

    id: str
    metrics: tuple[str, ...]
    region: str
    year: int
    op: Op
    value: Decimal | None
    unit: str
    quote: str
    document: Document
    location: Location
    name: str
    name_en: str
    upper: Decimal | None = None
    basis: Basis = Basis.VALUE
    baseline: Quantity | None = None
    reference: str | None = None
    tier: Tier = Tier.BASE
    stretch: Decimal | None = None
    tolerance: Decimal | None = None
    band: Decimal | None = None
    note: str | None = None


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A reporting period: a year and the month it runs to (12 for a full year)."""

    year: int
    month: int

    @property
    def elapsed(self) -> Decimal:
        """The share of the year that has passed at the end of the period."""
        return _ELAPSED[self.month]

    @property
    def is_final(self) -> bool:
        """True when the period closes the year."""
        return self.month == 12

    def __str__(self) -> str:
        if self.month == 12:
            return str(self.year)
        if self.month == 6:
            return f"{self.year}H1"
        if self.month % 3 == 0:
            return f"{self.year}Q{self.month // 3}"
        return f"{self.year}-{self.month:02d}"


_ELAPSED = {month: Decimal(month) / Decimal(12) for month in range(1, 13)}


class Observation(NamedTuple):
    """One reported figure, already in its metric's canonical unit."""

    value: Decimal
    path: str
    line: int


SeriesKey = tuple[str, str, int]
"""(metric id, region code, year): the unit in which actuals are indexed."""

KEPT_ROWS = 10
"""How many row locations a summary of rows no target uses keeps."""


@dataclass(slots=True)
class OtherRows:
    """Rows of a series whose figures were not kept: how many, for which months,
    and where the first few of them are."""

    count: int = 0
    months: set[int] = field(default_factory=set)
    rows: list[Location] = field(default_factory=list)

    def add(self, month: int, path: str, line: int) -> None:
        """Count one more row."""
        self.count += 1
        self.months.add(month)
        if len(self.rows) < KEPT_ROWS:
            self.rows.append(Location(path, line))


@dataclass(slots=True)
class Actuals:
    """Every figure read from the CSV files, indexed for the engine.

    ``series`` maps (metric, region, year) to the figures of that year by the month
    their period runs to; ``other`` summarises the rows of series whose figures
    were not wanted. ``key_problems`` keeps the unreadable rows that could still
    be attributed to a series, so that the targets they concern can say so.
    ``unreadable`` names the files that could not be read as CSV at all.
    """

    series: dict[SeriesKey, dict[int, Observation]] = field(default_factory=dict)
    other: dict[SeriesKey, OtherRows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    key_problems: dict[SeriesKey, list[Problem]] = field(default_factory=dict)
    rows: int = 0
    unreadable: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one target, with the figures behind it.

    ``actual`` is the figure judged and ``goal`` the full-year threshold (the
    target's value, or another metric's figure), both in the target's unit;
    ``expected`` is the share of the goal due by ``period`` (the share of the year
    elapsed for a flow before the year's end, else 1). The other figures follow
    from these.
    """

    target: Target
    status: Status
    reason: str
    period: Period | None = None
    actual: Decimal | None = None
    goal: Decimal | None = None
    expected: Decimal | None = None
    stretch_met: bool | None = None
    notes: tuple[str, ...] = ()
    sources: tuple[Location, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def unit(self) -> str:
        """The unit of ``actual``, ``goal``, ``threshold`` and ``remaining``."""
        return self.target.unit

    @property
    def gap_unit(self) -> str:
        """The unit of differences: percentage points for a percentage."""
        return difference_unit(self.target.unit)

    @property
    def threshold(self) -> Decimal | None:
        """The goal as of the period: pro-rated for a flow before the year's end."""
        if self.goal is None or self.expected is None:
            return None
        return self.goal * self.expected

    @property
    def gap(self) -> Decimal | None:
        """Actual minus threshold; for a range, how far outside it the actual is."""
        threshold = self.threshold
        if self.actual is None or threshold is None or self.expected is None:
            return None
        if self.target.op is Op.BETWEEN and self.target.upper is not None:
            upper = self.target.upper * self.expected
            return min(self.actual - threshold, Decimal(0)) + max(self.actual - upper, Decimal(0))
        return self.actual - threshold

    @property
    def progress(self) -> Decimal | None:
        """The share of the full-year goal achieved (not for a range)."""
        if self.actual is None or not self.goal or self.goal < 0 or self.target.op is Op.BETWEEN:
            return None
        return self.actual / self.goal

    @property
    def remaining(self) -> Decimal | None:
        """Before the year's end, what is still to be added to reach an "at least" goal."""
        if self.actual is None or self.goal is None or self.period is None:
            return None
        if self.period.is_final or self.target.op not in (Op.GE, Op.GT, Op.APPROX):
            return None
        return max(self.goal - self.actual, Decimal(0))

    @property
    def per_quarter(self) -> Decimal | None:
        """For a flow, what is still to be added in each remaining quarter."""
        remaining = self.remaining
        if remaining is None or self.period is None or self.expected == 1:
            return None
        return remaining * 3 / (12 - self.period.month)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Rows of data that no selected target uses, grouped by series: how many, and
    where the first of them are."""

    metric: str
    region: str
    year: int
    periods: tuple[Period, ...]
    rows: tuple[Location, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything an evaluation found."""

    results: tuple[Result, ...]
    unmatched: tuple[Unmatched, ...] = ()
    problems: tuple[Problem, ...] = ()
    rows: int = 0

    def counts(self) -> dict[str, int]:
        """How many results have each status, every status present."""
        counts = {status.value: 0 for status in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    @property
    def unmatched_rows(self) -> int:
        """How many rows no selected target uses."""
        return sum(group.count for group in self.unmatched)

    @property
    def errors(self) -> int:
        """How many of the input problems are errors (the rest are warnings)."""
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of an evaluation."""

    band: Decimal = Decimal("0.10")
