"""CSV files of actuals, read row by row into an :class:`Actuals` index.

A file is streamed, never held whole in memory, and what is kept of it is bounded:

* figures are kept only for the series a caller wants (the ones its targets use);
* rows of other series are counted per series, with the first few row numbers;
* duplicates are found through a compact index of every (metric, region, period)
  seen, which moves to a temporary SQLite table when it grows large;
* at most :data:`MAX_PROBLEMS` problems are listed per file, then one line says
  how many more there are.

Every row ends up in one place: kept, counted as a row of another series, or
reported as a problem with its file, line and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, TypeVar

from pcheck.catalog import describe_metric, describe_region
from pcheck.errors import DataFileError, ValueParseError
from pcheck.model import (
    Actuals,
    Catalog,
    Location,
    Metric,
    Observation,
    OtherRows,
    Period,
    Problem,
    SeriesKey,
    Severity,
)
from pcheck.periods import parse_period
from pcheck.units import factor, split_quantity

COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region", "地区"),
    "metric": ("metric", "指标"),
    "period": ("period", "期间"),
    "value": ("value", "数值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
}
REQUIRED = ("region", "metric", "period", "value")
ENCODINGS = ("utf-8", "gb18030")
MAX_PROBLEMS = 1000
FIELD_LIMIT = 1024 * 1024  # larger than any real cell; a hostile one cannot exhaust memory
MEMORY_KEYS = 2_000_000  # distinct (metric, region, period) kept in memory before spilling

_HEADER_NAMES = {
    alias.casefold(): column for column, aliases in COLUMNS.items() for alias in aliases
}
_SNIFF_BYTES = 64 * 1024
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_MASK = (1 << 64) - 1
_CACHE_SIZE = 4096
T = TypeVar("T")


def load_actuals(
    paths: Iterable[Path],
    catalog: Catalog,
    *,
    wanted: Mapping[SeriesKey, bool] | None = None,
    today: Period | None = None,
) -> Actuals:
    """Read every file into one index.

    ``wanted`` maps the series whose figures are kept (all of them when ``None``) to
    whether every month is needed or only the latest; the rows of the others are
    summarised in ``other``, unless ``wanted`` is empty (only checking the files).
    ``today`` is the current month, after which a period lies in the future. A file
    that cannot be read at all becomes a problem of the index and is named in
    ``unreadable``; no exception escapes.
    """
    actuals = Actuals()
    index = _KeyIndex(catalog)
    try:
        for path in paths:
            try:
                read_actuals(path, catalog, actuals, index, wanted=wanted, today=today)
            except DataFileError as exc:
                actuals.problems.extend(exc.problems)
                actuals.unreadable.append(str(path))
    finally:
        index.close()
    return actuals


def read_actuals(
    path: Path,
    catalog: Catalog,
    actuals: Actuals,
    index: _KeyIndex | None = None,
    *,
    wanted: Mapping[SeriesKey, bool] | None = None,
    today: Period | None = None,
) -> None:
    """Add the rows of one CSV file to ``actuals``.

    Raises :class:`DataFileError` when the file cannot be read as CSV at all
    (missing, not text, no usable header); problems of rows go into ``actuals``.
    """
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DataFileError.at(Location(name), f"cannot read file: {exc.strerror or exc}") from None
    own_index = index is None
    index = index or _KeyIndex(catalog)
    try:
        with handle:
            encoding = detect_encoding(handle, name)
            text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
            _RowReader(name, catalog, actuals, index, wanted, today).read(text, encoding)
    finally:
        if own_index:
            index.close()


def detect_encoding(handle: BinaryIO, name: str) -> str:
    """UTF-8 (with or without BOM) or GB18030, from the start of the file."""
    start = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    location = Location(name)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError.at(location, "the file is UTF-16; save it as UTF-8 CSV", "encoding")
    if b"\x00" in start:
        raise DataFileError.at(location, "the file is binary, not CSV text", "encoding")
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            # final=False: a character cut at the end of the sample is not an error.
            codecs.getincrementaldecoder(encoding)().decode(start, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise DataFileError.at(
        location, "the file is neither UTF-8 nor GB18030 text; save it as UTF-8 CSV", "encoding"
    )


class _KeyIndex:
    """Every (metric, region, period) seen, with where it was first given and a
    fingerprint of its value, to find duplicates.

    Keys and entries are each packed into one integer (about 110 bytes an entry in
    all); past :data:`MEMORY_KEYS` entries the index moves to a temporary SQLite
    table, so that memory stays bounded whatever the size of the file.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.metrics = {metric_id: n for n, metric_id in enumerate(catalog.metrics)}
        self.regions = {code: n for n, code in enumerate(catalog.regions)}
        self.memory: dict[int, int] = {}
        self.database: sqlite3.Connection | None = None
        self.paths: list[str] = []
        self.path_numbers: dict[str, int] = {}

    def key(self, metric: str, region: str, period: Period) -> int:
        packed = self.metrics[metric] * len(self.regions) + self.regions[region]
        return packed * 160_000 + period.year * 16 + period.month

    def first(self, key: int, value: Decimal, path: str, line: int) -> tuple[int, str, bool] | None:
        """``None`` the first time a key is seen; else (line, path, same value)."""
        # Equal decimals (3.1 and 3.10) hash alike; unequal ones collide once in 2**64.
        fingerprint = hash(value) & _MASK
        entry = (fingerprint << 64) | (self.number_of(path) << 40) | line
        if self.database is not None:
            return self._first_on_disk(key, entry)
        earlier = self.memory.setdefault(key, entry)
        if earlier == entry:
            if len(self.memory) > MEMORY_KEYS:
                self._spill()
            return None
        return self._unpack(earlier, fingerprint)

    def _unpack(self, entry: int, fingerprint: int) -> tuple[int, str, bool]:
        line, path = entry & (1 << 40) - 1, (entry >> 40) & 0xFFFFFF
        return line, self.paths[path], entry >> 64 == fingerprint

    def _spill(self) -> None:
        self.database = sqlite3.connect("")  # a temporary file, removed on close
        self.database.execute("create table seen (key integer primary key, entry blob)")
        self.database.executemany(
            "insert into seen values (?, ?)",
            ((k, e.to_bytes(16, "big")) for k, e in self.memory.items()),
        )
        self.memory.clear()

    def _first_on_disk(self, key: int, entry: int) -> tuple[int, str, bool] | None:
        assert self.database is not None
        cursor = self.database.execute(
            "insert or ignore into seen values (?, ?)", (key, entry.to_bytes(16, "big"))
        )
        if cursor.rowcount:
            return None
        (found,) = self.database.execute("select entry from seen where key = ?", (key,)).fetchone()
        return self._unpack(int.from_bytes(found, "big"), entry >> 64)

    def number_of(self, path: str) -> int:
        """A small number standing for ``path`` in packed entries."""
        number = self.path_numbers.get(path)
        if number is None:
            number = self.path_numbers[path] = len(self.paths)
            self.paths.append(path)
        return number

    def close(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None


class _RowReader:
    """Reads the rows of one file; lookups of repeated strings are cached."""

    def __init__(
        self,
        path: str,
        catalog: Catalog,
        actuals: Actuals,
        index: _KeyIndex,
        wanted: Mapping[SeriesKey, bool] | None,
        today: Period | None,
    ) -> None:
        self.path = path
        self.catalog = catalog
        self.actuals = actuals
        self.index = index
        self.wanted = wanted
        self.today = today
        self.listed = 0
        self.unlisted = 0
        self.regions: dict[str, str | None] = {}
        self.metrics: dict[str, Metric | None] = {}
        self.periods: dict[str, Period | ValueParseError] = {}
        self.factors: dict[tuple[str, str], Decimal] = {}  # (unit column, metric) → factor

    def problem(
        self,
        line: int,
        column: str | None,
        message: str,
        code: str,
        *,
        warning: bool = False,
        always: bool = False,
    ) -> Problem:
        """Record a problem; past :data:`MAX_PROBLEMS` only count it, unless ``always``."""
        severity = Severity.WARNING if warning else Severity.ERROR
        found = Problem(Location(self.path, line, column), message, code, severity)
        if always or self.listed < MAX_PROBLEMS:
            self.actuals.problems.append(found)
            self.listed += 1
        else:
            self.unlisted += 1
        return found

    def read(self, text: io.TextIOWrapper, encoding: str) -> None:
        csv.field_size_limit(FIELD_LIMIT)
        rows = self._records(csv.reader(text, strict=True), encoding)
        header = next(rows, None)
        if header is None:
            self._close()
            raise DataFileError.at(Location(self.path), "the file is empty", "empty")
        columns = self.header(header[1])
        if columns is None:
            self.actuals.unreadable.append(self.path)
            self._close()
            return
        names = header[1]
        width = len(names)
        fast = self.fast_row(columns, width)
        rows_read = 0
        for line, record in rows:
            if fast(line, record):
                rows_read += 1
                continue
            if not any(field.strip() for field in record):
                continue
            rows_read += 1
            if len(record) != width:
                message = f"expected {width} fields, found {len(record)}"
                self.problem(line, None, message, "ragged-row")
                continue
            self.row(line, record, columns, names)
        self.actuals.rows += rows_read
        self._close()

    def fast_row(self, columns: dict[str, int], width: int) -> Callable[[int, list[str]], bool]:
        """A function that takes a common, valid row whole and says it did; any other
        row is left to the careful path (:meth:`row`), which reports what is wrong.

        A common row has labels seen before, a plain decimal number and a unit seen
        before with its metric. Everything it needs is bound to local names, since
        this runs once per row of files of millions of rows.
        """
        region_at, metric_at, period_at = columns["region"], columns["metric"], columns["period"]
        value_at, unit_at = columns["value"], columns.get("unit")
        regions, metrics, periods, factors = self.regions, self.metrics, self.periods, self.factors
        index, today, memory, place = self.index, self.today, self.index.memory, self.place
        path_number = index.number_of(self.path) << 40
        checking = self.wanted is not None and not self.wanted
        plain = _PLAIN_NUMBER.fullmatch

        def take(line: int, record: list[str]) -> bool:
            if len(record) != width or index.database is not None:
                return False
            region = regions.get(record[region_at])
            metric = metrics.get(record[metric_at])
            period = periods.get(record[period_at])
            if region is None or metric is None or type(period) is not Period:
                return False
            if today is not None and period > today:
                return False
            text = record[value_at]
            unit_factor = factors.get((record[unit_at] if unit_at is not None else "", metric.id))
            if unit_factor is None or not plain(text):
                return False
            value = Decimal(text) if unit_factor == 1 else Decimal(text) * unit_factor
            low, high = metric.minimum, metric.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                return False
            key = index.key(metric.id, region, period)
            entry = ((hash(value) & _MASK) << 64) | path_number | line
            if memory.setdefault(key, entry) != entry or len(memory) > MEMORY_KEYS:
                # A duplicate, or time to spill: the careful path sees the same entry.
                return False
            if not checking:  # spares a call a row when only checking
                place((metric.id, region, period.year), period.month, value, line)
            return True

        return take

    def _close(self) -> None:
        if self.unlisted:
            message = f"{self.unlisted} more problems in this file are not listed"
            self.actuals.problems.append(Problem(Location(self.path), message, "too-many"))

    def _records(
        self, reader: Iterator[list[str]], encoding: str
    ) -> Iterator[tuple[int, list[str]]]:
        """(first line, fields) of each record; a decoding or CSV error ends the file."""
        line = 1
        try:
            for record in reader:
                yield line, record
                line = reader.line_num + 1  # type: ignore[attr-defined]
        except UnicodeDecodeError:
            # The decoder reads ahead in blocks, so find the line itself again.
            line = _first_undecodable_line(Path(self.path), encoding) or line
            message = (
                f"the text stops being valid {encoding} here; the encoding changes within the file"
            )
            self.problem(line, None, message, "encoding", always=True)
        except csv.Error as exc:
            self.problem(line, None, f"unreadable CSV: {exc}", "csv", always=True)

    def header(self, names: list[str]) -> dict[str, int] | None:
        """Column name → index, or ``None`` (with problems) if the header is unusable."""
        if len(names) == 1:
            for delimiter, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
                if delimiter in names[0]:
                    message = f"the columns are separated by {label}; CSV needs commas"
                    self.problem(1, None, message, "delimiter")
                    return None
        columns: dict[str, int] = {}
        ok = True
        for index, raw in enumerate(names):
            name = raw.strip().lstrip("\ufeff")
            column = _HEADER_NAMES.get(name.casefold())
            if column is None:
                known = ", ".join(COLUMNS)
                self.problem(1, raw, f"unknown column {raw!r}; columns are {known}", "column")
                ok = False
            elif column in columns:
                self.problem(1, raw, f"column {column!r} appears twice", "column")
                ok = False
            else:
                columns[column] = index
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            self.problem(1, None, f"missing column(s): {', '.join(missing)}", "column")
            ok = False
        return columns if ok else None

    def row(self, line: int, record: list[str], columns: dict[str, int], names: list[str]) -> None:
        region_text = record[columns["region"]]
        metric_text = record[columns["metric"]]
        period_text = record[columns["period"]]
        # Labels repeat from row to row: look them up once each.
        region = (
            self.regions[region_text] if region_text in self.regions else self.region(region_text)
        )
        metric = (
            self.metrics[metric_text] if metric_text in self.metrics else self.metric(metric_text)
        )
        period = (
            self.periods[period_text] if period_text in self.periods else self.period(period_text)
        )
        if region is None:
            message = describe_region(self.catalog, region_text)
            self.problem(line, names[columns["region"]], message, "region")
        if metric is None:
            message = describe_metric(self.catalog, metric_text)
            self.problem(line, names[columns["metric"]], message, "metric")
        if isinstance(period, ValueParseError):
            self.problem(line, names[columns["period"]], str(period), "period")
        elif self.today is not None and period > self.today:
            message = f"{period_text.strip()!r} lies in the future"
            self.problem(line, names[columns["period"]], message, "future")
            period = ValueParseError(message)
        unit_index = columns.get("unit")
        unit_text = record[unit_index] if unit_index is not None else ""
        if metric is None:
            return
        value = self.value(line, record[columns["value"]], unit_text, metric, columns, names)
        if region is None or isinstance(period, ValueParseError):
            return
        key = (metric.id, region, period.year)
        if isinstance(value, Problem):
            self.actuals.key_problems.setdefault(key, []).append(value)
            return
        self.store(line, key, period, value, names[columns["value"]])

    def value(
        self,
        line: int,
        text: str,
        unit_text: str,
        metric: Metric,
        columns: dict[str, int],
        names: list[str],
    ) -> Decimal | Problem:
        """The value converted to the metric's unit, or the problem with it."""
        if _PLAIN_NUMBER.fullmatch(text):  # the common case, without normalising
            known = self.factors.get((unit_text, metric.id))
            if known is not None:
                converted = Decimal(text) * known if known != 1 else Decimal(text)
                if metric.minimum is None and metric.maximum is None:
                    return converted
                if (metric.minimum is None or converted >= metric.minimum) and (
                    metric.maximum is None or converted <= metric.maximum
                ):
                    return converted
        value_column = names[columns["value"]]
        try:
            number, inline_unit = split_quantity(text)
        except ValueParseError as exc:
            return self.problem(line, value_column, str(exc), "number")
        unit = unit_text.strip() or inline_unit or metric.unit
        if inline_unit and unit_text.strip() and inline_unit != unit_text.strip():
            message = f"the value says {inline_unit} but the unit column says {unit_text.strip()}"
            return self.problem(line, value_column, message, "unit")
        try:
            unit_factor = factor(unit, metric.unit)
            if inline_unit is None:
                self.factors[unit_text, metric.id] = unit_factor
            converted = number * unit_factor
        except ValueParseError as exc:
            unit_column = names[columns["unit"]] if unit_text.strip() else value_column
            return self.problem(line, unit_column, f"{exc} (metric {metric.id})", "unit")
        if (metric.minimum is not None and converted < metric.minimum) or (
            metric.maximum is not None and converted > metric.maximum
        ):
            low = "" if metric.minimum is None else metric.minimum
            high = "" if metric.maximum is None else metric.maximum
            message = f"{text.strip()} is outside [{low}, {high}] {metric.unit} for {metric.id}"
            return self.problem(line, value_column, message, "range")
        return converted

    def store(self, line: int, key: SeriesKey, period: Period, value: Decimal, column: str) -> None:
        earlier = self.index.first(self.index.key(key[0], key[1], period), value, self.path, line)
        if earlier is not None:
            self.duplicate(line, key, period, value, column, earlier)
            return
        self.place(key, period.month, value, line)

    def place(self, key: SeriesKey, month: int, value: Decimal, line: int) -> None:
        """Put a new figure where it belongs: nowhere when only checking; kept when
        wanted (every month when its targets may need any: sums, references, growth
        baselines; else only the latest month seen); else counted as another row."""
        wanted = self.wanted
        if wanted is not None and key not in wanted:
            if wanted:
                other = self.actuals.other.get(key)
                if other is None:
                    other = self.actuals.other[key] = OtherRows()
                other.add(month, self.path, line)
            return
        months = self.actuals.series.setdefault(key, {})
        if wanted is None or wanted[key] or not months:
            months[month] = Observation(value, self.path, line)
        elif month > next(iter(months)):
            months.clear()
            months[month] = Observation(value, self.path, line)

    def duplicate(
        self,
        line: int,
        key: SeriesKey,
        period: Period,
        value: Decimal,
        column: str,
        earlier: tuple[int, str, bool],
    ) -> None:
        earlier_line, earlier_path, same = earlier
        where = f"{earlier_path}:{earlier_line}"
        if same:
            message = f"repeats the figure for {key[0]} in {key[1]}, {period} at {where}"
            self.problem(line, column, message, "duplicate", warning=True)
            return
        unit = self.catalog.metrics[key[0]].unit
        message = (
            f"conflicts with {where}: {key[0]} in {key[1]}, {period} is given "
            f"again as {value} {unit}"
        )
        problem = self.problem(line, column, message, "conflict")
        self.actuals.key_problems.setdefault(key, []).append(problem)

    def region(self, text: str) -> str | None:
        if text not in self.regions:
            found = self.catalog.find_region(text)
            _bound(self.regions)[text] = found.code if found else None
        return self.regions[text]

    def metric(self, text: str) -> Metric | None:
        if text not in self.metrics:
            _bound(self.metrics)[text] = self.catalog.find_metric(text)
        return self.metrics[text]

    def period(self, text: str) -> Period | ValueParseError:
        if text not in self.periods:
            try:
                found: Period | ValueParseError = parse_period(text)
            except ValueParseError as exc:
                found = exc
            _bound(self.periods)[text] = found
        return self.periods[text]


def _first_undecodable_line(path: Path, encoding: str) -> int | None:
    """The number of the first line that ``encoding`` cannot decode."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None


def _bound(cache: dict[str, T]) -> dict[str, T]:
    """The cache, emptied first if it has grown large (a file of all-distinct labels)."""
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    return cache
