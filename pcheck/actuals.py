"""Data files read into an :class:`~pcheck.observations.ObservationStore`.

A file's :mod:`source <pcheck.sources>` yields its sheets and records; the
:mod:`layout <pcheck.layout>` says which column holds what; the
:mod:`rules <pcheck.rules>` read each record's cells; the
:mod:`duplicate index <pcheck.duplicates>` finds a figure given twice; the store
keeps what its policy asks for. Files are streamed, never held whole.

Every record ends up in one place: kept, counted as a row of another series, or
reported as a problem with its file, line and column. At most
:data:`MAX_PROBLEMS` problems are listed per sheet, then one line says how many
more there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from pcheck.duplicates import Earlier, SeenIndex
from pcheck.errors import DataFileError
from pcheck.layout import map_header
from pcheck.model import (
    Catalog,
    Kind,
    Location,
    Message,
    Metric,
    Period,
    Problem,
    SeriesKey,
    Severity,
)
from pcheck.observations import Fall, Given, Keep, ObservationStore, SinglePeriods, YearToDate
from pcheck.periods import Span
from pcheck.rules import RecordRules, Refusal, Successor
from pcheck.sources import Sheet, source_for
from pcheck.units import exactly

MAX_PROBLEMS = 1000


@exactly
def load_actuals(
    paths: Iterable[Path],
    catalog: Catalog,
    *,
    keep: Keep | None = None,
    today: Period | None = None,
    rules: RecordRules | None = None,
) -> ObservationStore:
    """Read every file into one store, keeping what ``keep`` says (everything by default).

    ``today`` is the current month, after which a period lies in the future. A file
    that cannot be read at all becomes a problem of the store and is named in
    ``unreadable``; no exception escapes.
    """
    store = ObservationStore(keep or Keep.everything())
    rules = rules or RecordRules(catalog, today)
    index = SeenIndex(catalog)
    year_to_date = YearToDate()
    singles = SinglePeriods()
    try:
        for path in paths:
            try:
                for sheet in source_for(path).sheets(path):
                    _SheetReader(sheet, rules, index, store, year_to_date, singles).read()
            except DataFileError as exc:
                store.problems.extend(exc.problems)
                store.unreadable.append(str(path))
        _settle(singles, index, store)
    finally:
        index.close()
    return store


class _SheetReader:
    """Reads the records of one sheet into the store."""

    def __init__(
        self,
        sheet: Sheet,
        rules: RecordRules,
        index: SeenIndex,
        store: ObservationStore,
        year_to_date: YearToDate,
        singles: SinglePeriods,
    ) -> None:
        self.sheet = sheet
        self.rules = rules
        self.index = index
        self.store = store
        self.year_to_date = year_to_date
        self.singles = singles
        self.listed = 0
        self.unlisted = 0
        self.unlisted_errors = 0
        self.blank = 0

    def problem(
        self,
        line: int | None,
        column: str | None,
        message: Message,
        code: str,
        *,
        warning: bool = False,
    ) -> Problem:
        """Record a problem; past :data:`MAX_PROBLEMS` only count it."""
        severity = Severity.WARNING if warning else Severity.ERROR
        found = Problem(
            Location(self.sheet.path, line, column, self.sheet.name), message, code, severity
        )
        if self.listed < MAX_PROBLEMS:
            self.store.problems.append(found)
            self.listed += 1
        else:
            self.unlisted += 1
            self.unlisted_errors += not warning
        return found

    def read(self) -> None:
        sheet = self.sheet
        where = Location(sheet.path, sheet.header_line, sheet=sheet.name)
        columns, problems = map_header(sheet.header, where)
        for found in problems:
            self.problem(found.location.line, _column(found), found.message, found.code)
        if columns is None:
            self.store.unreadable.append(sheet.path)
            self._close()
            return
        self.names = sheet.header
        self.columns = columns
        width = len(sheet.header)
        read_one = self.reader(columns, width)
        rows = 0
        met = sheet.problems  # filled by the source as it reads; taken as they come
        for line, cells in sheet.records:
            if met:
                self.take(met)
            if len(cells) == width:
                rows += 1
                read_one(line, cells)
            elif any(cell.strip() for cell in cells):
                rows += 1
                message = Message.of("row.ragged", width=width, found=len(cells))
                self.problem(line, None, message, "ragged-row")
        self.take(met)
        self.store.rows += rows - self.blank
        self._close()

    def take(self, met: list[Problem]) -> None:
        """Take the problems the source met so far (a line it could not read, a broken
        quote): listed in line order with the others, and capped alike."""
        for found in met:
            self.problem(found.location.line, None, found.message, found.code)
        met.clear()

    def reader(self, columns: dict[str, int], width: int):  # type: ignore[no-untyped-def]
        """The function that reads one record of ``width`` cells.

        Each cell is read by the rules; the outcomes of the label rules are looked
        up in the rules' memos first, and everything the loop needs is bound to a
        local name, since this runs once per record of files of millions of them.
        """
        region_at, metric_at, period_at = columns["region"], columns["metric"], columns["period"]
        value_at, unit_at = columns["value"], columns.get("unit")
        rules = self.rules
        regions, metrics, periods = rules.regions, rules.metrics, rules.periods
        region_rule, metric_rule, period_rule, value_rule = (
            rules.region,
            rules.metric,
            rules.period,
            rules.value,
        )
        index, store, sheet = self.index, self.store, self.sheet
        path, name = sheet.path, sheet.name
        first = index.first
        place = index.place(str(Location(path, sheet=name)), 0)
        source = str(Location(path, sheet=name))

        keeping = store.keeps_figures
        add = store.add
        refused = self.refused
        watch, flow, fell = self.year_to_date.see, Kind.FLOW, self.fell

        def read_one(line: int, cells: list[str]) -> None:
            region = regions.get(cells[region_at]) or region_rule(cells[region_at])
            metric = metrics.get(cells[metric_at]) or metric_rule(cells[metric_at])
            period = periods.get(cells[period_at]) or period_rule(cells[period_at])
            if type(metric) is not Metric:
                refused(line, cells, region, metric, period, None)
                return
            unit_text = cells[unit_at] if unit_at is not None else ""
            value = value_rule(cells[value_at], unit_text, metric)
            if type(region) is not str or type(period) is not Period or type(value) is not Decimal:
                code = refused(line, cells, region, metric, period, value)
                if code is None or type(value) is not Decimal:
                    return
                region = code  # a region no longer in use, read as its successor
                if type(period) is Span:
                    level = self.single(line, metric, region, period, value)
                    if level is None:
                        return
                    period = level
                if type(period) is not Period:
                    return
            earlier = first(metric.id, region, period, value, place | line)
            if earlier is not None:
                self.duplicate(line, (metric.id, region, period.year), period, value, earlier)
                return
            key = (metric.id, region, period.year)
            if keeping:
                add(key, period.month, value, path, line, name)
            if metric.kind is flow:
                fall = watch(key, period.month, value, source, line)
                if fall is not None:
                    fell(line, key, period, value, fall)

        return read_one

    def refused(
        self,
        line: int,
        cells: list[str],
        region: str | Refusal | Successor,
        metric: Metric | Refusal,
        period: Period | Span | Refusal,
        value: Decimal | Refusal | None,
    ) -> str | None:
        """Report what in a record could not be read, in the order of its columns' roles;
        the code of the region when the record can still be read (its region is one
        no longer in use, read as its successor: a warning)."""
        if not any(cell.strip() for cell in cells):
            self.blank += 1  # a blank record is no row
            return None
        if type(region) is Successor:
            self.problem(line, self.column_name("region"), region.note, "abolished", warning=True)
            region = region.code
        problem = None
        for outcome in (region, metric, period, value):
            if isinstance(outcome, Refusal):
                column = self.column_name(outcome.column)
                problem = self.problem(line, column, outcome.message, outcome.code)
        if problem is None and type(region) is str:
            return region
        if isinstance(value, Refusal) and type(region) is str and not isinstance(period, Refusal):
            assert isinstance(metric, Metric) and problem is not None
            year = period.period.year if isinstance(period, Span) else period.year
            self.store.add_key_problem((metric.id, region, year), problem)
        return None

    def single(
        self, line: int, metric: Metric, region: str, span: Span, value: Decimal
    ) -> Period | None:
        """A figure for a single period: a level's is the level at its end (the period
        to read it as); a flow's is held to be added up once every file is read."""
        if metric.kind is not Kind.FLOW:
            return span.period
        where = Location(self.sheet.path, line, self.column_name("value"), self.sheet.name)
        key = (metric.id, region, span.period.year)
        self.singles.add(key, span.first, span.period.month, value, where)
        return None

    def column_name(self, role: str) -> str:
        return self.names[self.columns[role]]

    def duplicate(
        self, line: int, key: SeriesKey, period: Period, value: Decimal, earlier: Earlier
    ) -> None:
        where = f"{earlier.source}:{earlier.line}"
        column = self.column_name("value")
        metric, region = key[0], key[1]
        if earlier.same:
            message = Message.of(
                "row.duplicate", metric=metric, region=region, period=str(period), where=where
            )
            self.problem(line, column, message, "duplicate", warning=True)
            return
        unit = self.rules.catalog.metrics[metric].unit
        message = Message.of(
            "row.conflict",
            where=where,
            metric=metric,
            region=region,
            period=str(period),
            value=value,
            unit=unit,
        )
        self.store.add_key_problem(key, self.problem(line, column, message, "conflict"))

    def fell(self, line: int, key: SeriesKey, period: Period, value: Decimal, fall: Fall) -> None:
        """Warn of a year-to-date figure lower than another period's of the same year."""
        metric, region = key[0], key[1]
        earlier = Period(key[2], fall.month)
        later, lower = (period, value) if period > earlier else (earlier, fall.value)
        message = Message.of(
            "row.year-to-date-falls",
            metric=metric,
            region=region,
            later=str(later),
            lower=lower,
            earlier=str(min(period, earlier)),
            higher=fall.value if period > earlier else value,
            where=fall.where,
        )
        self.problem(line, self.column_name("value"), message, "falls", warning=True)

    def _close(self) -> None:
        if self.unlisted:
            # As serious as the worst of the problems it stands for.
            message = Message.of("file.too-many", count=self.unlisted)
            location = Location(self.sheet.path, sheet=self.sheet.name)
            severity = Severity.ERROR if self.unlisted_errors else Severity.WARNING
            self.store.problems.append(Problem(location, message, "too-many", severity))


def _settle(singles: SinglePeriods, index: SeenIndex, store: ObservationStore) -> None:
    """Add to the store the year-to-date figures that single-period figures make,
    looking up the year-to-date figures given in the index; and their problems."""

    def to_date(key: SeriesKey, month: int) -> Given | None:
        found = index.given(key[0], key[1], Period(key[2], month))
        return None if found is None else Given(*found)

    settled = singles.settle(to_date)
    for figure in settled.figures:
        where = figure.where
        store.add(figure.key, figure.month, figure.value, where.path, where.line or 0, where.sheet)
    for key, problem in settled.problems:
        store.problems.append(problem)
        if problem.severity is Severity.ERROR:
            store.add_key_problem(key, problem)


def _column(problem: Problem) -> str | None:
    column = problem.location.column
    return column if isinstance(column, str) else None
