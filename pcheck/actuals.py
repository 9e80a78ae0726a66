"""CSV files of actuals, read row by row into an :class:`Actuals` index.

A file is streamed, never held whole in memory. Every row ends up in one place:
in the index, or as a problem with its file, line and column. Values are checked
and converted to their metric's canonical unit on the way in, so the engine works
with exact numbers in known units.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
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
    Period,
    Problem,
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

_HEADER_NAMES = {
    alias.casefold(): column for column, aliases in COLUMNS.items() for alias in aliases
}
_SNIFF_BYTES = 64 * 1024
# Larger than any real cell, small enough that a hostile file cannot exhaust memory.
FIELD_LIMIT = 1024 * 1024
_CACHE_SIZE = 4096
T = TypeVar("T")


def load_actuals(paths: Iterable[Path], catalog: Catalog) -> Actuals:
    """Read every file into one index. A file that cannot be read at all becomes a
    problem of the index; :class:`DataFileError` is never raised from here."""
    actuals = Actuals()
    for path in paths:
        try:
            read_actuals(path, catalog, actuals)
        except DataFileError as exc:
            actuals.problems.extend(exc.problems)
            actuals.unreadable.append(str(path))
    return actuals


def read_actuals(path: Path, catalog: Catalog, actuals: Actuals) -> None:
    """Add the rows of one CSV file to ``actuals``.

    Raises :class:`DataFileError` when the file cannot be read as CSV at all
    (missing, not text, no header); problems of single rows go into ``actuals``.
    """
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise DataFileError.at(Location(name), f"cannot read file: {exc.strerror or exc}") from None
    with handle:
        encoding = detect_encoding(handle, name)
        text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
        _RowReader(name, catalog, actuals).read(text, encoding)


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


class _RowReader:
    """Reads the rows of one file; lookups of repeated strings are cached."""

    def __init__(self, path: str, catalog: Catalog, actuals: Actuals) -> None:
        self.path = path
        self.catalog = catalog
        self.actuals = actuals
        self.regions: dict[str, str | None] = {}
        self.metrics: dict[str, Metric | None] = {}
        self.periods: dict[str, Period | ValueParseError] = {}

    def problem(
        self, line: int, column: str | None, message: str, code: str, warning: bool = False
    ) -> Problem:
        severity = Severity.WARNING if warning else Severity.ERROR
        found = Problem(Location(self.path, line, column), message, code, severity)
        self.actuals.problems.append(found)
        return found

    def read(self, text: io.TextIOWrapper, encoding: str) -> None:
        csv.field_size_limit(FIELD_LIMIT)
        reader = csv.reader(text, strict=True)
        rows = self._records(reader, encoding)
        header = next(rows, None)
        if header is None:
            raise DataFileError.at(Location(self.path), "the file is empty", "empty")
        columns = self.header(header[1])
        if columns is None:
            self.actuals.unreadable.append(self.path)
            return
        names = header[1]
        width = len(names)
        for line, record in rows:
            if not any(field.strip() for field in record):
                continue
            self.actuals.rows += 1
            if len(record) != width:
                self.problem(
                    line, None, f"expected {width} fields, found {len(record)}", "ragged-row"
                )
                continue
            self.row(line, record, columns, names)

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
            self.problem(
                line, None, f"the text stops being valid {encoding} here; the encoding "
                "changes within the file", "encoding",
            )  # fmt: skip
        except csv.Error as exc:
            self.problem(line, None, f"unreadable CSV: {exc}", "csv")

    def header(self, names: list[str]) -> dict[str, int] | None:
        """Column name → index, or ``None`` (with problems) if the header is unusable."""
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
        region = self.region(region_text)
        metric = self.metric(metric_text)
        period = self.period(period_text)
        if region is None:
            message = describe_region(self.catalog, region_text)
            self.problem(line, names[columns["region"]], message, "region")
        if metric is None:
            message = describe_metric(self.catalog, metric_text)
            self.problem(line, names[columns["metric"]], message, "metric")
        if isinstance(period, ValueParseError):
            self.problem(line, names[columns["period"]], str(period), "period")
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
            converted = number * factor(unit, metric.unit)
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

    def store(
        self, line: int, key: tuple[str, str, int], period: Period, value: Decimal, column: str
    ) -> None:
        series = self.actuals.series.setdefault(key, {})
        earlier = series.get(period.month)
        if earlier is None:
            series[period.month] = Observation(value, self.path, line)
            return
        where = f"{earlier.path}:{earlier.line}"
        if earlier.value == value:
            message = f"repeats the figure for {key[0]} in {key[1]}, {period} at {where}"
            self.problem(line, column, message, "duplicate", warning=True)
        else:
            message = (
                f"conflicts with {where}: {key[0]} in {key[1]}, {period} is given "
                f"as both {earlier.value} and {value} {self.catalog.metrics[key[0]].unit}"
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
