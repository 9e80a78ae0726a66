"""The figures read from data files, kept as a :class:`Keep` policy says.

A store never holds more than its policy asks for, so that a file of millions of
rows needs little memory: checking a file keeps no figure at all; evaluating
keeps the series its targets use (only the latest month of each, unless a target
needs every month) and counts the rows of the others.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from pcheck.model import Location, Message, Observation, Period, Problem, SeriesKey, Severity

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


class OtherRows:
    """Rows of a series whose figures were not kept: how many, for which months,
    and where the first few of them are.

    Kept small, for a history may hold millions of such series: the months as the
    bits of one number, and the first rows' lines in an array beside their one file
    (a list of places only once rows of a second file come)."""

    __slots__ = ("_lines", "_mixed", "_months", "_source", "count")

    def __init__(
        self, count: int = 0, months: Iterable[int] = (), rows: Iterable[Location] = ()
    ) -> None:
        self.count = count
        self._months = 0
        for month in months:
            self._months |= 1 << month
        self._source: tuple[str, str | None] | None = None
        self._lines = array("q")
        self._mixed: list[Location] | None = None
        for where in rows:
            self._place(where.path, where.line or 0, where.sheet)

    @property
    def months(self) -> set[int]:
        """The months the rows are of."""
        bits = self._months
        return {month for month in range(bits.bit_length()) if bits >> month & 1}

    @property
    def rows(self) -> list[Location]:
        """Where the first :data:`KEPT_ROWS` rows are."""
        if self._mixed is not None:
            return list(self._mixed)
        if self._source is None:
            return []
        path, sheet = self._source
        return [Location(path, line, sheet=sheet) for line in self._lines]

    def add(self, month: int, path: str, line: int, sheet: str | None = None) -> None:
        """Count one more row."""
        self.count += 1
        self._months |= 1 << month
        placed = len(self._lines) if self._mixed is None else len(self._mixed)
        if placed < KEPT_ROWS:
            self._place(path, line, sheet)

    def _place(self, path: str, line: int, sheet: str | None) -> None:
        if self._mixed is not None:
            self._mixed.append(Location(path, line, sheet=sheet))
        elif self._source is None:
            self._source = (path, sheet)
            self._lines.append(line)
        elif self._source == (path, sheet):
            self._lines.append(line)
        else:
            self._mixed = [*self.rows, Location(path, line, sheet=sheet)]
            self._lines = array("q")


class Latest(Mapping[int, Observation]):
    """The figures kept of a series that needs only its latest month: that month's
    alone, as a mapping of one entry.

    A dict and an :class:`~pcheck.model.Observation` would take four times the
    memory, and a national evaluation keeps hundreds of thousands of such series; the
    observation is made when it is looked up."""

    __slots__ = ("line", "month", "path", "sheet", "value")

    def __init__(
        self, month: int, value: Decimal, path: str, line: int, sheet: str | None = None
    ) -> None:
        self.month = month
        self.value = value
        self.path = path
        self.line = line
        self.sheet = sheet

    def __getitem__(self, month: int) -> Observation:
        if month != self.month:
            raise KeyError(month)
        return Observation(self.value, self.path, self.line, self.sheet)

    def __iter__(self) -> Iterator[int]:
        yield self.month

    def __len__(self) -> int:
        return 1

    def __repr__(self) -> str:
        return f"Latest({self.month}: {self[self.month]!r})"


Figures = Mapping[int, Observation]
"""The figures kept of one series of a year, by the month their period runs to."""


@dataclass(slots=True)
class ObservationStore:
    """Every figure read, indexed for the engine, and what became of every row.

    ``series`` maps (metric, region, year) to the figures of that year by the month
    their period runs to (a :class:`Latest` when only the latest is needed);
    ``other`` summarises the rows of series not kept.
    ``out_of_scope`` counts the rows of regions outside the policy's scope.
    ``key_problems`` keeps the unreadable rows that could still be attributed to a
    series, so that the targets they concern can say so. ``unreadable`` names the
    files that could not be read at all.
    """

    keep: Keep = field(default_factory=Keep.everything)
    series: dict[SeriesKey, Figures] = field(default_factory=dict)
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
                other.add(month, path, line, sheet)
                return
        else:
            need = Need.EVERY_MONTH
        self.put(key, need, month, value, path, line, sheet)

    def put(
        self,
        key: SeriesKey,
        need: Need,
        month: int,
        value: Decimal,
        path: str,
        line: int,
        sheet: str | None = None,
    ) -> None:
        """Keep a figure of a series the policy keeps, as much of it as ``need`` says:
        every month, or the latest alone (a month comes once: the readers tell a
        figure given twice before it is kept)."""
        months = self.series.get(key)
        if need is Need.EVERY_MONTH:
            if months is None:
                months = self.series[key] = {}
            assert isinstance(months, dict)
            months[month] = Observation(value, path, line, sheet)
        elif months is None or month > max(months):
            self.series[key] = Latest(month, value, path, line, sheet)

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


# -- single-period figures ---------------------------------------------------------------


class Given(NamedTuple):
    """A year-to-date figure read, and where (``file:line``)."""

    value: Decimal
    where: str


class Single(NamedTuple):
    """A figure of the months ``first`` to ``month`` alone, and the row it was read on."""

    first: int
    month: int
    value: Decimal
    where: Location


class Built(NamedTuple):
    """A year-to-date figure built from single-period figures: the figure of ``key``
    to the end of ``month``, at the row of the last figure it adds up."""

    key: SeriesKey
    month: int
    value: Decimal
    where: Location


class Settled(NamedTuple):
    """What single-period figures came to: the year-to-date figures built from them,
    and the problems met (each with its series, for the targets that use it)."""

    figures: list[Built]
    problems: list[tuple[SeriesKey, Problem]]


ToDate = Callable[[SeriesKey, int], Given | None]
"""``to_date(key, month)``: the year-to-date figure read for ``key`` to ``month``."""


class SinglePeriods:
    """Figures of flow series for a single period (当月, 二季度, 4-6月), held until
    every file is read and then added up into year-to-date figures.

    A span's figure is added to the year-to-date figure of the month before it
    (given in the data, or itself built from spans) to make the year-to-date figure
    of its last month. A span whose earlier months are not all known gives no
    figure, only an error: a single-period figure is never read as the year so far.
    Where the data also give the year-to-date figure of a span's last month, that
    figure is used, and a span that disagrees with it is a warning.
    """

    def __init__(self) -> None:
        self.series: dict[SeriesKey, dict[tuple[int, int], Single]] = {}
        self.conflicts: dict[SeriesKey, set[tuple[int, int]]] = {}
        self.problems: list[tuple[SeriesKey, Problem]] = []

    def add(self, key: SeriesKey, first: int, month: int, value: Decimal, where: Location) -> None:
        """Hold the figure of months ``first`` to ``month`` of ``key``'s year alone."""
        spans = self.series.setdefault(key, {})
        earlier = spans.get((first, month))
        if earlier is None:
            spans[first, month] = Single(first, month, value, where)
            return
        params = _span_params(key, first, month)
        place = _row(earlier.where)
        if earlier.value == value:
            message = Message.of("row.single-duplicate", where=place, **params)
            self._problem(key, where, message, "duplicate", Severity.WARNING)
        else:
            message = Message.of("row.single-conflict", where=place, value=value, **params)
            self.conflicts.setdefault(key, set()).add((first, month))
            self._problem(key, where, message, "conflict", Severity.ERROR)

    def settle(self, to_date: ToDate) -> Settled:
        """The year-to-date figures the spans held make, with ``to_date`` looking up
        the year-to-date figures read; and every problem met."""
        figures: list[Built] = []
        problems = list(self.problems)
        for key, spans in self.series.items():
            conflicts = self.conflicts.get(key, set())
            usable = [span for span in spans.values() if (span.first, span.month) not in conflicts]
            figures.extend(_Chain(key, problems).build(usable, to_date))
        return Settled(figures, problems)

    def _problem(
        self, key: SeriesKey, where: Location, message: Message, code: str, severity: Severity
    ) -> None:
        self.problems.append((key, Problem(where, message, code, severity)))


class _Chain:
    """The year-to-date figures of one series built from its spans, and the problems met."""

    def __init__(self, key: SeriesKey, problems: list[tuple[SeriesKey, Problem]]) -> None:
        self.key = key
        self.problems = problems

    def build(self, spans: list[Single], to_date: ToDate) -> Iterable[Built]:
        """Build the year-to-date figures, month by month."""
        key = self.key
        known: dict[int, tuple[Decimal, tuple[str, ...]]] = {}  # month → figure, its rows

        def base(month: int) -> tuple[Decimal, tuple[str, ...]] | None:
            if month == 0:
                return Decimal(0), ()
            if month not in known:
                given = to_date(key, month)
                if given is None:
                    return None
                known[month] = given.value, (given.where,)
            return known[month]

        for month in sorted({span.month for span in spans}):
            ending = sorted((s for s in spans if s.month == month), key=lambda s: s.first)
            sums: list[tuple[Single, Decimal, tuple[str, ...]]] = []
            given = base(month)
            for span in ending:
                before = base(span.first - 1)
                if before is None and given is not None:
                    continue  # the year to date is given: the period alone is not needed
                if before is None:
                    missing = _missing(span.first, spans, lambda m: base(m) is not None)
                    params = _span_params(key, span.first, span.month)
                    message = Message.of("row.single-unchained", months=missing, **params)
                    self._problem(key, span.where, message, "single-period", Severity.ERROR)
                else:
                    rows = (*before[1], _row(span.where))
                    sums.append((span, before[0] + span.value, rows))
            if given is not None:
                for span, total, rows in sums:
                    if total != given[0]:
                        self._disagrees(key, month, span, total, rows, given)
            elif sums:
                built = self._built(key, month, sums)
                if built is not None:
                    known[month] = built.value, sums[0][2]
                    yield built

    def _built(
        self, key: SeriesKey, month: int, sums: list[tuple[Single, Decimal, tuple[str, ...]]]
    ) -> Built | None:
        """The figure to the end of ``month`` the spans ending there add up to, and a
        note of it; none when they add up to different figures."""
        period = str(Period(key[2], month))
        metric, region = key[0], key[1]
        totals = sorted({total for _, total, _ in sums})
        if len(totals) > 1:
            message = Message.of(
                "row.single-inconsistent",
                metric=metric,
                region=region,
                period=period,
                values=", ".join(str(total) for total in totals),
            )
            for span, _, _ in sums:
                self._problem(key, span.where, message, "single-period", Severity.ERROR)
            return None
        span, total, rows = sums[0]
        message = Message.of(
            "row.accumulated",
            metric=metric,
            region=region,
            period=period,
            value=total,
            rows=", ".join(rows),
        )
        self._problem(key, span.where, message, "accumulated", Severity.WARNING)
        return Built(key, month, total, span.where)

    def _disagrees(
        self,
        key: SeriesKey,
        month: int,
        span: Single,
        total: Decimal,
        rows: tuple[str, ...],
        given: tuple[Decimal, tuple[str, ...]],
    ) -> None:
        message = Message.of(
            "row.single-disagrees",
            metric=key[0],
            region=key[1],
            period=str(Period(key[2], month)),
            given=given[0],
            where=", ".join(given[1]),
            built=total,
            rows=", ".join(rows),
        )
        self._problem(key, span.where, message, "single-period", Severity.WARNING)

    def _problem(
        self, key: SeriesKey, where: Location, message: Message, code: str, severity: Severity
    ) -> None:
        self.problems.append((key, Problem(where, message, code, severity)))


def _span_params(key: SeriesKey, first: int, month: int) -> dict[str, object]:
    return {"metric": key[0], "region": key[1], "year": key[2], "first": first, "last": month}


def _row(where: Location) -> str:
    """``file:line`` (``file[sheet]:line``) of a row."""
    return str(Location(where.path, where.line, sheet=where.sheet))


def _missing(first: int, spans: list[Single], known: Callable[[int], bool]) -> str:
    """The months before ``first`` that no figure covers, as ``1-3`` or ``1, 4-5``:
    those up to the latest year-to-date figure known are covered, and so are the
    months of every span (its own chain may be broken further back)."""
    latest = max((m for m in range(1, first) if known(m)), default=0)
    covered = set(range(1, latest + 1))
    for span in spans:
        covered.update(range(span.first, span.month + 1))
    missing = [m for m in range(1, first) if m not in covered] or list(range(latest + 1, first))
    runs: list[list[int]] = []
    for month in missing:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
