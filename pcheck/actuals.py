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

import itertools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from pcheck import labels
from pcheck.duplicates import Earlier, SeenIndex
from pcheck.errors import DataFileError
from pcheck.labels import Label, Reading
from pcheck.layout import HEAD_ROWS, SINGLE_MARK, Figures, Layout, Settings, detect, is_note
from pcheck.layout import Kind as LayoutKind
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
from pcheck.rules import Marked, RecordRules, Refusal, Successor, Unpublished
from pcheck.sources import Record, Sheet, column_letter, source_for
from pcheck.units import exactly

MAX_PROBLEMS = 1000
KEPT_PLACES = 5
"""How many places a note about many cells (not published, marked) lists."""


@exactly
def load_actuals(
    paths: Iterable[Path],
    catalog: Catalog,
    *,
    keep: Keep | None = None,
    today: Period | None = None,
    rules: RecordRules | None = None,
    settings: Settings | None = None,
    sheets: Sequence[str] | None = None,
) -> ObservationStore:
    """Read every file into one store, keeping what ``keep`` says (everything by default).

    ``today`` is the current month, after which a period lies in the future;
    ``settings`` what the configuration says about tables' layouts. A file
    that cannot be read at all becomes a problem of the store and is named in
    ``unreadable``; no exception escapes. ``sheets`` names the sheets of a workbook
    to read (all of them when ``None``); a file of one table ignores it. A file that
    could be read but for warnings (a hidden sheet skipped) is not unreadable.
    """
    store = ObservationStore(keep or Keep.everything())
    rules = rules or RecordRules(catalog, today)
    index = SeenIndex(catalog)
    year_to_date = YearToDate()
    singles = SinglePeriods()
    try:
        for path in paths:
            try:
                for sheet in source_for(path).sheets(path, sheets):
                    read = SheetReader(sheet, rules, index, store, year_to_date, singles, settings)
                    read.read()
            except DataFileError as exc:
                store.problems.extend(exc.problems)
                if any(found.severity is Severity.ERROR for found in exc.problems):
                    store.unreadable.append(str(path))
        _settle(singles, index, store)
    finally:
        index.close()
    return store


class SheetReader:
    """Reads the records of one sheet into the store.

    The bulk reader (:mod:`pcheck.bulk.reader`) reads the rows itself but tells what it
    finds through these same methods (:meth:`duplicate`, :meth:`fell`, :meth:`add`,
    :meth:`close`), so that both readers word and count problems by one code."""

    def __init__(
        self,
        sheet: Sheet,
        rules: RecordRules,
        index: SeenIndex,
        store: ObservationStore,
        year_to_date: YearToDate,
        singles: SinglePeriods,
        settings: Settings | None = None,
    ) -> None:
        self.sheet = sheet
        self.settings = settings
        self.rules = rules
        self.index = index
        self.store = store
        self.year_to_date = year_to_date
        self.singles = singles
        self.listed = 0
        self.unlisted = 0
        self.unlisted_errors = 0
        self.blank = 0
        self.total_line = 0  # the last row noted as a total
        self.in_notes: int | None = None  # the row the notes below the table start on
        self.notes_end = 0
        self.unpublished: list[str] = []  # where figures are not published (the first few)
        self.unpublished_count = 0
        self.marked: list[str] = []  # figures with a footnote mark (the first few)
        self.marked_count = 0
        self.names: list[str] = []
        self.columns: dict[str, int] = {}

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
        return self.add(found)

    def add(self, found: Problem) -> Problem:
        """List a problem (a note among the notes); past :data:`MAX_PROBLEMS` only count it."""
        warning = found.severity is not Severity.ERROR
        if found.severity is Severity.NOTE:
            if len(self.store.notes) < MAX_PROBLEMS:
                self.store.notes.append(found)
        elif self.listed < MAX_PROBLEMS:
            self.store.problems.append(found)
            self.listed += 1
        else:
            self.unlisted += 1
            self.unlisted_errors += not warning
        return found

    def read(self) -> None:
        sheet = self.sheet
        records = sheet.records
        head: list[Record] = [(sheet.header_line, sheet.header)]
        for record in records:
            head.append(record)
            if len(head) >= HEAD_ROWS:
                break
        where = Location(sheet.path, sheet=sheet.name)
        detection = detect(head, where, self.knows_metric, self.settings)
        for found in detection.problems:
            self.add(found)
        layout = detection.layout
        if layout is None:
            self.take(sheet.problems)
            self.store.unreadable.append(sheet.path)
            self.close()
            return
        if layout.kind is not LayoutKind.LONG or layout.header_line != sheet.header_line:
            self.add(self._note(layout.header_line, None, layout.why, "layout"))
        self.names = [
            column_letter(i) if sheet.letters else name for i, name in enumerate(layout.names)
        ]
        rest = itertools.chain(head[detection.used :], records)
        width = len(layout.names) if layout.header_line != sheet.header_line else len(sheet.header)
        if layout.kind is LayoutKind.LONG:
            self.columns = dict(layout.columns)
            read_one = self._long(layout, width)
        else:
            read_one = self._wide(layout)
        rows = 0
        met = sheet.problems  # filled by the source as it reads; taken as they come
        for line, cells in rest:
            if met:
                self.take(met, line)
            if self.in_notes is not None:
                self.notes_end = line
                continue
            if len(cells) == width or (sheet.letters and len(cells) <= width):
                rows += 1
                read_one(line, cells)
            elif is_note(cells):
                self.in_notes = self.notes_end = line
            elif any(cell.strip() for cell in cells):
                rows += 1
                message = Message.of("row.ragged", width=width, found=len(cells))
                self.problem(line, None, message, "ragged-row")
        self.take(met)
        self.store.rows += rows - self.blank
        self.close()

    def knows_metric(self, text: str) -> bool:
        """Whether ``text`` names a metric of the catalog (a header is found by it)."""
        return type(self.rules.metric(text)) is Metric

    def _note(self, line: int | None, column: str | None, message: Message, code: str) -> Problem:
        where = Location(self.sheet.path, line, column, self.sheet.name)
        return Problem(where, message, code, Severity.NOTE)

    def _long(self, layout: Layout, width: int):  # type: ignore[no-untyped-def]
        """The function that reads a record of a long table; the roles fixed above
        the table are read as columns after the last."""
        if not layout.fixed:
            return self.reader(self.columns, width)
        extra = []
        for role, text in layout.fixed.items():
            self.columns[role] = len(self.names)
            self.names.append(role)
            extra.append(text)
        read_one = self.reader(self.columns, width + len(extra))

        def read_fixed(line: int, cells: list[str]) -> None:
            read_one(line, cells + extra)

        return read_fixed

    def _wide(self, layout: Layout):  # type: ignore[no-untyped-def]
        """The function that reads a row of a wide table: one long record per column
        of figures, its labels from the row's label columns, the column's header and
        what is fixed above the table."""
        roles = ("region", "metric", "period", "value", "unit")
        self.columns = {role: index for index, role in enumerate(roles)}
        read_one = self.reader(self.columns, len(roles))
        at = layout.columns
        fixed = layout.fixed
        names = self.names
        label_names = {
            role: names[at[role]] if role in at else role
            for role in ("region", "metric", "period", "unit")
        }
        # Each column of figures: its index, metric, period (as read on a row of figures
        # to date, and on a row of single-period figures, …当期值), unit and names shown.
        per_column = [
            (
                figures.index,
                figures.metric,
                _periods(figures),
                figures.unit,
                [
                    label_names["region"],
                    names[figures.index] if figures.metric else label_names["metric"],
                    names[figures.index] if figures.period else label_names["period"],
                    names[figures.index],
                    label_names["unit"],
                ],
            )
            for figures in layout.figures
        ]
        by_period = layout.kind is LayoutKind.PERIODS
        split_label = _Labels()

        def text(cells: list[str], role: str) -> str:
            index = at.get(role)
            if index is None or index >= len(cells):
                return fixed.get(role, "")
            return cells[index]

        def read_row(line: int, cells: list[str]) -> None:
            if not any(cell.strip() for cell in cells):
                return
            region, period, unit = text(cells, "region"), text(cells, "period"), text(cells, "unit")
            single = False
            metric = text(cells, "metric")
            if by_period:
                label = split_label(metric, self.knows_metric)
                if label.reading is Reading.GROWTH:
                    message = Message.of("row.growth", label=metric.strip())
                    self.add(self._note(line, label_names["metric"], message, "growth"))
                    return
                metric, unit = label.name, unit or label.unit
                single = label.reading is Reading.SINGLE
            for index, its_metric, its_period, its_unit, shown in per_column:
                if index >= len(cells):
                    continue
                self.names = shown
                when = period if its_period is None else its_period[single]
                read_one(line, [region, its_metric or metric, when, cells[index], its_unit or unit])
            self.names = names

        return read_row

    def take(self, met: list[Problem], before: int | None = None) -> None:
        """Take the problems the source met so far (a line it could not read, a broken
        quote), those before line ``before`` when it is given: listed in line order
        with the others, and capped alike."""
        taken = 0
        for found in met:
            line = found.location.line
            if before is not None and line is not None and line >= before:
                break
            self.problem(line, None, found.message, found.code)
            taken += 1
        del met[:taken]

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
                settled = refused(line, cells, region, metric, period, value)
                if settled is None:
                    return
                region, value = settled  # a region no longer in use, a figure with a mark
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
        value: Decimal | Refusal | Unpublished | Marked | None,
    ) -> tuple[str, Decimal] | None:
        """Report what in a record could not be read, in the order of its columns' roles;
        the code of the region and the figure when the record can still be read (its
        region is one no longer in use, read as its successor: a warning; its figure
        has a footnote mark: noted)."""
        if not any(cell.strip() for cell in cells):
            self.blank += 1  # a blank record is no row
            return None
        if self.in_notes is not None or is_note(cells):
            # The notes below a table (a workbook's rows are as wide as the table).
            if self.in_notes is None:
                self.in_notes = line
                self.blank += 1  # no row of figures
            self.notes_end = line
            return None
        if isinstance(region, Refusal) and region.code == "total":
            if line != self.total_line:  # once a row, however many figures it has
                self.total_line = line
                self.add(self._note(line, self.column_name("region"), region.message, "total"))
            return None
        if type(value) is Unpublished:
            self.unpublished_count += 1
            if len(self.unpublished) < KEPT_PLACES:
                self.unpublished.append(self._place(line))
            value = None
        elif type(value) is Marked:
            self.marked_count += 1
            if len(self.marked) < KEPT_PLACES:
                self.marked.append(f"{self._place(line)} {value.mark}")
            value = value.value
        if type(region) is Successor:
            self.problem(line, self.column_name("region"), region.note, "abolished", warning=True)
            region = region.code
        problem = None
        for outcome in (region, metric, period, value):
            if isinstance(outcome, Refusal):
                column = self.column_name(outcome.column)
                problem = self.problem(line, column, outcome.message, outcome.code)
        if problem is None and type(region) is str and type(value) is Decimal:
            return region, value
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

    def _place(self, line: int) -> str:
        """Where a figure is, as notes list it: ``row:column``."""
        return f"{line}:{self.column_name('value')}"

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

    def close(self) -> None:
        """Add the problems told once for the sheet: cells not published or marked,
        notes below the table, problems past the cap."""
        sheet = Location(self.sheet.path, sheet=self.sheet.name)
        if self.unpublished_count:
            message = Message.of(
                "file.unpublished",
                count=self.unpublished_count,
                places=", ".join(self.unpublished),
            )
            self.store.problems.append(Problem(sheet, message, "unpublished", Severity.WARNING))
        if self.marked_count:
            message = Message.of(
                "file.marked", count=self.marked_count, places=", ".join(self.marked)
            )
            self.store.problems.append(Problem(sheet, message, "marked", Severity.WARNING))
        if self.in_notes is not None:
            message = Message.of("file.notes", first=self.in_notes, last=self.notes_end)
            self.add(self._note(self.in_notes, None, message, "notes"))
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


def _periods(figures: Figures) -> tuple[str, str] | None:
    """A column's period as read on a row of figures to date and on a row of
    single-period figures; ``None`` for a column of a metric."""
    if figures.period is None:
        return None
    alone = figures.period if figures.single else figures.period + SINGLE_MARK
    return figures.period, alone


class _Labels:
    """Row labels of a table of periods in columns, taken apart once each
    (``研发经费支出累计值(亿元)``): the whole label when it names a metric, else its name."""

    def __init__(self) -> None:
        self.memo: dict[str, Label] = {}

    def __call__(self, text: str, knows_metric: Callable[[str], bool]) -> Label:
        found = self.memo.get(text)
        if found is None:
            found = labels.split(text)
            if knows_metric(found.whole) and found.whole != found.name:
                found = found._replace(name=found.whole, reading=Reading.TO_DATE)
            if len(self.memo) < 4096:
                self.memo[text] = found
        return found
