"""Plain values that the rest of pcheck passes around.

Everything here is a frozen dataclass, an enum or a named tuple. Nothing in this
module reads files, prints, or imports any other part of pcheck.
"""

from __future__ import annotations

import enum
from abc import abstractmethod
from collections.abc import Iterator, Mapping
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
    NOTE = "note"  # what was set apart as it was read (rows above a table): shown on request


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in an input file.

    ``line`` is 1-based. ``column`` is a 1-based number in YAML files and a column
    name in tables, where ``line`` is the physical line (or the sheet's row) on
    which the record starts. ``sheet`` names the sheet of a workbook.
    """

    path: str
    line: int | None = None
    column: int | str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        parts = [self.path if self.sheet is None else f"{self.path}[{self.sheet}]"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Message(NamedTuple):
    """Something to tell a reader, as a code and its parameters; the wording of each
    code in each language is in :mod:`pcheck.messages`.

    A parameter may itself be a :class:`Message` (worded in the same language).
    (A named tuple rather than a dataclass: reports make one per result.)
    """

    id: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, message_id: str, /, **params: object) -> Message:
        """``Message.of("data.empty")``, ``Message.of("unit.unknown", unit="x")``."""
        return cls(message_id, tuple(params.items()))

    def __str__(self) -> str:
        # For debugging only: readers get the wording from pcheck.messages.
        return f"{self.id}{dict(self.params)}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where it is. ``code`` is the stable name
    of the kind of problem (shown in brackets, used by CI tools); ``message`` says
    what exactly, in words chosen at the edge."""

    location: Location
    message: Message
    code: str = "invalid"
    severity: Severity = Severity.ERROR


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

    def admits(self, value: Decimal) -> bool:
        """Whether ``value``, in the metric's unit, lies within the metric's bounds."""
        low, high = self.minimum, self.maximum
        return (low is None or value >= low) and (high is None or value <= high)


@dataclass(frozen=True, slots=True)
class Region:
    """An administrative region, keyed by its GB/T 2260 code; ``short`` is the short
    name it is known by (杭州 for 杭州市), if it has a safe one."""

    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    short: str | None = None


class Former(NamedTuple):
    """A code or name no longer in use: the year from which it is not, and the codes
    of the regions in use its area is in now (none when no record says)."""

    code: str
    name: str
    year: int
    successors: tuple[str, ...]


class RegionMatch(NamedTuple):
    """What a text names: a region; or the codes of the regions it could name
    (``candidates``). ``formers`` are the records of the code or name no longer in use
    the text names: the text is then read as ``region``, if they all lead to that one
    region in use; else ``candidates`` are the regions their area is in now."""

    region: Region | None = None
    candidates: tuple[str, ...] = ()
    formers: tuple[Former, ...] = ()

    @property
    def former(self) -> Former | None:
        """The latest of ``formers``, if any."""
        return max(self.formers, key=lambda f: f.year) if self.formers else None


class Regions(Mapping[str, Region]):
    """The regions a catalog knows, by code, and what a text names among them."""

    @abstractmethod
    def match(self, text: str) -> RegionMatch:
        """What ``text`` (a code, a name, a short name, an alias, or names one within
        the other, 浙江省杭州市西湖区) names."""

    @property
    @abstractmethod
    def defined(self) -> Mapping[str, Region]:
        """The regions the catalog files define, or extend (with aliases or English
        names), by code."""

    @abstractmethod
    def formers(self) -> Iterator[Former]:
        """Every code and name no longer in use, by code."""

    @abstractmethod
    def similar(self, text: str, count: int = 3) -> list[str]:
        """The names (full, short, aliases) closest to ``text``, at most ``count``."""


@dataclass(frozen=True, slots=True)
class Catalog:
    """The metrics and regions that target files and data may name."""

    metrics: dict[str, Metric]
    regions: Regions
    metric_names: dict[str, str] = field(default_factory=dict)

    def find_metric(self, text: str) -> Metric | None:
        """The metric with this id, Chinese name or alias, if any."""
        key = self.metric_names.get(text.strip().casefold())
        return self.metrics[key] if key is not None else None

    def find_region(self, text: str) -> Region | None:
        """The region in use with this code, name, short name or alias, if the text
        names one and only one (see :meth:`Regions.match` for the rest)."""
        found = self.regions.match(text)
        return found.region if not found.formers else None

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

    ``metrics`` holds one metric id, or several when the goal is on their sum;
    ``metric_entries`` the catalog's entries of them, and ``region_entry`` that of
    the region, so that nothing downstream needs the catalog to describe a target.
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
    region_entry: Region = field(repr=False, compare=False)
    metric_entries: tuple[Metric, ...] = field(repr=False, compare=False)
    reference_entry: Metric | None = field(default=None, repr=False, compare=False)
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
    """One reported figure, already in its metric's canonical unit, and where it
    was read (``sheet`` names a workbook's sheet)."""

    value: Decimal
    path: str
    line: int
    sheet: str | None = None

    @property
    def location(self) -> Location:
        """Where the figure was read."""
        return Location(self.path, self.line, sheet=self.sheet)


SeriesKey = tuple[str, str, int]
"""(metric id, region code, year): the unit in which actuals are indexed."""


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one target, with the figures behind it.

    ``actual`` is the figure judged and ``goal`` the full-year threshold (the
    target's value, or another metric's figure), both in the target's unit;
    ``expected`` is the share of the goal due by ``period`` (see
    :mod:`pcheck.pacing`). The figures shown from these, and the reason for the
    status, are derived in :mod:`pcheck.figures`; only ``missing``, why there is
    no figure to judge, is kept. Messages are worded at the edge.
    """

    target: Target
    status: Status
    missing: Message | None = None
    period: Period | None = None
    actual: Decimal | None = None
    goal: Decimal | None = None
    expected: Decimal | None = None
    stretch_met: bool | None = None
    notes: tuple[Message, ...] = ()
    sources: tuple[Location, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def unit(self) -> str:
        """The unit of ``actual`` and ``goal``."""
        return self.target.unit

    @property
    def gap_unit(self) -> str:
        """The unit of differences: percentage points for a percentage."""
        return difference_unit(self.target.unit)


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
    out_of_scope: int = 0  # rows of regions a --region leaves out

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
