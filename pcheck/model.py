"""Plain values that the rest of pcheck passes around.

Everything here is a frozen dataclass, an enum or a named tuple, but for the report
streamed, which counts its results as they pass. Nothing in this module reads files,
prints, or imports any other part of pcheck.
"""

from __future__ import annotations

import enum
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping
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


class Method(enum.Enum):
    """How the path of a goal due years ahead is drawn between its points."""

    LINEAR = "linear"  # the same step every year (时间过半、任务过半)
    GROWTH = "growth"  # the same rate of growth every year


class Outlook(enum.Enum):
    """How a goal due years ahead stands on the way, in the categories of China's
    mid-term evaluations of plans."""

    ACHIEVED = "achieved"  # 已提前实现
    AHEAD = "ahead"  # 快于预期
    ON_TRACK = "on_track"  # 基本符合预期
    BEHIND = "behind"  # 滞后于预期


class Severity(enum.Enum):
    """How serious an input problem is."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # what was set apart as it was read (rows above a table): shown on request


class Location(NamedTuple):
    """Where something stands in an input file.

    ``line`` is 1-based. ``column`` is a 1-based number in YAML files and a column
    name in tables, where ``line`` is the physical line (or the sheet's row) on
    which the record starts. ``sheet`` names the sheet of a workbook. A named tuple,
    as :class:`Target` is: hundreds of thousands are made at once from a cache.
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
class Baseline:
    """Where a goal starts from: a figure with its unit, and the year it is for.

    A baseline of a year before the goal's makes the goal one due years ahead; its
    figure, when not stated, is the data's figure for that year."""

    value: Decimal | None
    unit: str | None
    year: int | None = None


class Milestone(NamedTuple):
    """A value a plan sets for a year on the way to a goal due later."""

    year: int
    value: Decimal


@dataclass(frozen=True, slots=True)
class Document:
    """The published document a target file transcribes."""

    title: str
    issuer: str
    date: str
    source: str
    number: str | None = None
    url: str | None = None


class Target(NamedTuple):
    """One quantitative goal of a document.

    ``metrics`` holds one metric id, or several when the goal is on their sum;
    ``metric_entries`` the catalog's entries of them, and ``region_entry`` that of
    the region, so that nothing downstream needs the catalog to describe a target.
    ``value`` is the threshold (the lower end for ``between``); it is ``None`` when
    the threshold is another metric's value, named by ``reference``.

    A named tuple rather than a frozen dataclass: a national target directory holds
    hundreds of thousands, and a tuple is built from a row of the cache's columns in
    C (:meth:`_make`), where a frozen dataclass sets each field in Python.
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
    region_entry: Region
    metric_entries: tuple[Metric, ...]
    reference_entry: Metric | None = None
    upper: Decimal | None = None
    basis: Basis = Basis.VALUE
    baseline: Baseline | None = None
    reference: str | None = None
    tier: Tier = Tier.BASE
    stretch: Decimal | None = None
    tolerance: Decimal | None = None
    band: Decimal | None = None
    note: str | None = None
    method: Method | None = None
    milestones: tuple[Milestone, ...] = ()
    accumulated_from: int | None = None

    @property
    def start(self) -> int | None:
        """For a goal due years ahead, the year its path starts from (the end of which
        is its beginning): the baseline's year, or the year before an accumulation
        begins; ``None`` for a goal of one year (growth on the year before included)."""
        if self.accumulated_from is not None:
            return self.accumulated_from - 1
        year = self.baseline.year if self.baseline is not None else None
        if year is None:
            return None
        if self.basis is Basis.GROWTH:
            return year if year < self.year - 1 else None
        return year if year < self.year else None

    @property
    def first_year(self) -> int:
        """The first year whose figures count toward the goal."""
        start = self.start
        return self.year if start is None else start + 1

    def runs_in(self, year: int) -> bool:
        """Whether the goal is judged with the figures of ``year``: its own year, or
        any year of its path."""
        return self.first_year <= year <= self.year


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
class Course:
    """How a goal due years ahead stands on its path (see :mod:`pcheck.paths`).

    ``points`` are the path's (year, value): its start, its milestones, its goal;
    ``series`` the figures behind the judgement, a year's latest each, as
    ``(period, value)``; all values in ``unit`` — the target's, or for an average
    growth the metric's, whose levels the path is drawn in. When ``annual``, the
    figures are amounts of a year (flows), each standing at its year's end, and one
    of part of a year is in the series at the year's pace (as 序时进度 reads it).
    ``expected`` is the value expected of the figure judged, ``threshold`` the bound
    it was judged against now (in the result's own terms: for an average growth, a
    rate). ``pace`` is the
    progress made over the progress due (1 on the path); ``needed_growth`` the share
    a year the figure must still grow by, ``needed_per_year`` the step a year still
    needed on a straight line.
    """

    method: Method
    due_year: int
    unit: str
    points: tuple[tuple[int, Decimal], ...]
    series: tuple[tuple[Period, Decimal], ...]
    annual: bool
    expected: Decimal
    threshold: Decimal
    progress: Decimal | None = None
    pace: Decimal | None = None
    projection: Decimal | None = None
    needed_growth: Decimal | None = None
    needed_per_year: Decimal | None = None
    outlook: Outlook | None = None

    @property
    def start(self) -> int:
        """The year the path starts from."""
        return self.points[0][0]

    @property
    def base(self) -> Decimal:
        """The value the path starts from."""
        return self.points[0][1]


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
    course: Course | None = None  # for a goal due years ahead

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


class Findings:
    """What a report tells beside its results: the rows no target uses and the
    problems of the input (for :class:`Report` and :class:`StreamedReport` alike)."""

    __slots__ = ()
    unmatched: tuple[Unmatched, ...]
    problems: tuple[Problem, ...]

    @property
    def unmatched_rows(self) -> int:
        """How many rows no selected target uses."""
        return sum(group.count for group in self.unmatched)

    @property
    def errors(self) -> int:
        """How many of the input problems are errors (the rest are warnings)."""
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)


@dataclass(frozen=True, slots=True)
class Report(Findings):
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


class StreamedReport(Findings):
    """A report whose results are judged as they are read, so that none need be held:
    ``results`` yields each result once, and the counts by status are kept as they
    pass (complete once the last is read). The rest is known before the first target
    is judged. :meth:`held` makes a :class:`Report` of it."""

    __slots__ = ("_counts", "_done", "_pending", "out_of_scope", "problems", "rows", "unmatched")

    def __init__(
        self,
        pending: Iterator[Result],
        unmatched: tuple[Unmatched, ...] = (),
        problems: tuple[Problem, ...] = (),
        rows: int = 0,
        out_of_scope: int = 0,
    ) -> None:
        self._pending: Iterator[Result] | None = pending
        self._counts = {status.value: 0 for status in Status}
        self._done = False
        self.unmatched = unmatched
        self.problems = problems
        self.rows = rows
        self.out_of_scope = out_of_scope

    @property
    def results(self) -> Iterator[Result]:
        """Each result as it is judged; only once."""
        pending = self._pending
        if pending is None:
            raise RuntimeError("the results of a streamed report are read once")
        self._pending = None
        return self._counted(pending)

    def watched(self, watch: Callable[[Iterator[Result]], Iterator[Result]]) -> StreamedReport:
        """This report, its results read through ``watch`` (which yields each of them,
        as a progress line does); before they are read."""
        if self._pending is None:
            raise RuntimeError("the results of a streamed report are read once")
        self._pending = watch(self._pending)
        return self

    def _counted(self, pending: Iterator[Result]) -> Iterator[Result]:
        counts = self._counts
        for result in pending:
            counts[result.status.value] += 1
            yield result
        self._done = True

    def counts(self) -> dict[str, int]:
        """How many results have each status, every status present: once all are read."""
        if not self._done:
            raise RuntimeError("a streamed report is counted once all its results are read")
        return dict(self._counts)

    def held(self) -> Report:
        """The report with every result judged and held."""
        rest = (self.unmatched, self.problems, self.rows, self.out_of_scope)
        return Report(tuple(self.results), *rest)


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of an evaluation."""

    band: Decimal = Decimal("0.10")
    year: int | None = None  # the year reported on: goals due later are read up to it
