"""The bulk reader: a large plain CSV file of figures read with polars (``pcheck[fast]``).

It builds the very store :func:`~pcheck.actuals.load_actuals` builds (the same
figures kept at the same places, the same rows counted, the same problems in the
same order), for the files it can read exactly; any other file is read by the
exact reader, whole. Nothing is reimplemented that decides what a cell means:

- The layout is found by :func:`~pcheck.layout.detect`, on the same first rows.
- Each distinct region, metric, period and unit is read once by the same
  :class:`~pcheck.rules.RecordRules`.
- Figures are checked as text against :data:`FIGURE` and compared as integers
  scaled by ``10**PLACES`` (the same figure given twice, a year-to-date figure that
  falls); what is kept is the :class:`~decimal.Decimal` of the text, as the exact
  reader makes it.
- Problems are worded and capped by the exact reader's own methods, in line order.

What goes to the exact reader, whole (said with ``--verbose``): a file that is not
UTF-8 text with ``\\n`` line ends, a quote anywhere, a blank line, a row of another
width, a table other than one plain long table with its header on the first line,
any label the rules refuse or read with a note (an unknown or former region, a
total, a single period such as 二季度, a period in the future), any figure that is
not a plain decimal of at most :data:`PLACES` places and :data:`INTEGER_DIGITS`
digits before the point, one outside its metric's bounds, and a metric written in
units of different sizes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pcheck.actuals import _SheetReader, load_actuals
from pcheck.duplicates import Earlier, SeenIndex
from pcheck.layout import HEAD_ROWS, Settings, detect
from pcheck.layout import Kind as LayoutKind
from pcheck.model import (
    Catalog,
    Kind,
    Location,
    Message,
    Metric,
    Observation,
    Period,
    Problem,
    Severity,
)
from pcheck.observations import (
    KEPT_ROWS,
    Fall,
    Keep,
    Mode,
    Need,
    ObservationStore,
    OtherRows,
    SinglePeriods,
    YearToDate,
)
from pcheck.rules import RecordRules
from pcheck.sources import Sheet
from pcheck.units import exactly

if TYPE_CHECKING:
    import polars

READERS = ("auto", "exact", "bulk")
"""``--reader``: the bulk reader for large CSV files when polars is installed (auto),
or always one of the two."""

BULK_BYTES = 16 * 1024 * 1024
"""From what size a CSV file is read in bulk under ``auto``: below it, the exact
reader is as quick as importing polars (about 0.3 s) and then some."""

PLACES = 6
INTEGER_DIGITS = 12  # with PLACES, within a signed 64-bit integer
FIGURE = rf"^-?[0-9]{{1,{INTEGER_DIGITS}}}(?:\.[0-9]{{1,{PLACES}}})?$"
"""A figure the bulk reader reads: a plain decimal number (the rules read it as
:class:`~decimal.Decimal` does)."""

LONGEST_CELL = 64 * 1024  # far below what a CSV field may hold in the exact reader

_ROLES = ("region", "metric", "period", "value", "unit")


def available() -> bool:
    """Whether polars is installed (looked for, not imported)."""
    return importlib.util.find_spec("polars") is not None


def chosen(reader: str, files: Sequence[Path]) -> bool:
    """Whether ``files`` are read in bulk: one CSV file (not standard input), with
    polars installed, and ``reader`` is ``bulk``, or ``auto`` and the file is larger
    than :data:`BULK_BYTES`."""
    if reader == "exact" or len(files) != 1:
        return False
    path = files[0]
    if str(path) == "-" or path.suffix.lower() not in (".csv", ".txt") or not available():
        return False
    if reader == "bulk":
        return True
    try:
        return path.stat().st_size > BULK_BYTES
    except OSError:
        return False


class _Unusual(Exception):
    """Something in a file that only the exact reader reads: why, as a message."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.id)
        self.reason = reason


@exactly
def load_bulk(
    path: Path,
    catalog: Catalog,
    *,
    keep: Keep,
    today: Period | None = None,
    settings: Settings | None = None,
) -> ObservationStore:
    """The store :func:`~pcheck.actuals.load_actuals` makes of ``path``: read in bulk
    when it can be read exactly so, else by the exact reader (and a note says why)."""
    try:
        return _Bulk(path, catalog, keep, today, settings).read()
    except _Unusual as unusual:
        store = load_actuals([path], catalog, keep=keep, today=today, settings=settings)
        message = Message.of("file.read-exactly", reason=unusual.reason)
        store.notes.insert(0, Problem(Location(str(path)), message, "reader", Severity.NOTE))
        return store


class _Bulk:
    """One file read in bulk."""

    def __init__(
        self,
        path: Path,
        catalog: Catalog,
        keep: Keep,
        today: Period | None,
        settings: Settings | None,
    ) -> None:
        self.path = path
        self.name = str(path)
        self.catalog = catalog
        self.keep = keep
        self.rules = RecordRules(catalog, today)
        self.settings = settings

    def read(self) -> ObservationStore:
        scanned = self._scan()
        header, head = _head(scanned.head)
        store = ObservationStore(self.keep)
        sheet = Sheet(self.name, None, header, iter(()), [])
        index = SeenIndex(self.catalog)
        try:
            reader = _SheetReader(
                sheet, self.rules, index, store, YearToDate(), SinglePeriods(), self.settings
            )
            detection = detect(head, Location(self.name), reader._knows_metric, self.settings)
            layout = detection.layout
            if (
                layout is None
                or layout.kind is not LayoutKind.LONG
                or layout.header_line != 1
                or layout.fixed
                or detection.used != 1
            ):
                raise _Unusual(Message.of("bulk.layout"))
            reader.names = list(layout.names)
            reader.columns = dict(layout.columns)
            frame = self._frame(scanned, len(header), layout.columns)
            for found in detection.problems:
                reader.add(found)
            self._keep(self._problems(frame, reader), store)
            store.rows += frame.height
            reader._close()
        finally:
            index.close()
        return store

    def _scan(self) -> _Scanned:
        """The file's first rows, its lines and commas counted, a block at a time (the
        file is not held); anything the exact reader reads otherwise is for it."""
        counted = _Scanned()
        try:
            with self.path.open("rb") as handle:
                previous = b"\n"  # a blank first line is a blank line
                while block := handle.read(_BLOCK):
                    if not counted.head:
                        if block.startswith(b"\xef\xbb\xbf"):
                            block = block[3:]
                        counted.head = block[:_HEAD_BYTES]
                    if b'"' in block:
                        raise _Unusual(Message.of("bulk.quote"))
                    joined = previous[-1:] + block
                    if any(unusual in joined for unusual in (b"\r", b"\x00", b"\n\n")):
                        raise _Unusual(Message.of("bulk.bytes"))
                    counted.lines += block.count(b"\n")
                    counted.commas += block.count(b",")
                    previous = block or previous
        except OSError:
            raise _Unusual(Message.of("bulk.bytes")) from None
        counted.lines += not previous.endswith(b"\n")
        if counted.lines < 2:
            raise _Unusual(Message.of("bulk.bytes"))
        return counted

    def _frame(self, scanned: _Scanned, width: int, columns: Any) -> polars.DataFrame:
        """Each row's line, labels (numbered: the ``n``-th distinct of its kind, read
        by the rules), and figure (as written, and scaled)."""
        import polars as pl

        lines = scanned.lines
        if scanned.commas != (width - 1) * lines:
            raise _Unusual(Message.of("bulk.ragged"))  # a row of too many cells stops polars
        names = [f"c{n}" for n in range(width)]
        try:
            frame = pl.read_csv(
                self.path,
                has_header=False,
                separator=",",
                quote_char=None,
                schema=dict.fromkeys(names, pl.String),
                columns=sorted({columns[role] for role in _ROLES if role in columns}),
                skip_rows=1,
                empty_string_is_null=False,
                encoding="utf8",
            )
        except Exception:  # not UTF-8, a row of too many cells, anything polars refuses
            raise _Unusual(Message.of("bulk.bytes")) from None
        if frame.height != lines - 1 or frame.height == 0:
            raise _Unusual(Message.of("bulk.bytes"))
        longest = frame.select(pl.all().str.len_bytes().max()).max_horizontal().item()
        if longest > LONGEST_CELL:
            raise _Unusual(Message.of("bulk.bytes"))
        cell = {role: pl.col(f"c{columns[role]}") for role in _ROLES if role in columns}
        frame = frame.select(
            line=pl.int_range(2, frame.height + 2, dtype=pl.Int64),
            region=cell["region"],
            metric=cell["metric"],
            period=cell["period"],
            value=cell["value"],
            unit=cell.get("unit", pl.lit("")),
        )
        return self._figures(self._labels(frame))

    def _labels(self, frame: polars.DataFrame) -> polars.DataFrame:
        """The labels numbered: regions and metrics by their place in :attr:`regions`
        and :attr:`metrics`, periods as year and month; any label the rules do not
        read plainly is for the exact reader."""
        import polars as pl

        rules = self.rules
        self.regions: list[str] = []
        region_numbers: dict[str, int] = {}
        codes: dict[str, int] = {}
        for label in frame.get_column("region").unique().to_list():
            found = rules.region(label)
            if type(found) is not str:
                raise _Unusual(Message.of("bulk.label"))
            if found not in codes:
                codes[found] = len(self.regions)
                self.regions.append(found)
            region_numbers[label] = codes[found]
        self.metrics: list[Metric] = []
        metric_numbers: dict[str, int] = {}
        ids: dict[str, int] = {}
        for label in frame.get_column("metric").unique().to_list():
            metric = rules.metric(label)
            if type(metric) is not Metric:
                raise _Unusual(Message.of("bulk.label"))
            if metric.id not in ids:
                ids[metric.id] = len(self.metrics)
                self.metrics.append(metric)
            metric_numbers[label] = ids[metric.id]
        years: dict[str, int] = {}
        months: dict[str, int] = {}
        for label in frame.get_column("period").unique().to_list():
            period = rules.period(label)
            if type(period) is not Period:
                raise _Unusual(Message.of("bulk.label"))
            years[label], months[label] = period.year, period.month
        return frame.with_columns(
            region=pl.col("region").replace_strict(region_numbers, return_dtype=pl.Int64),
            metric=pl.col("metric").replace_strict(metric_numbers, return_dtype=pl.Int64),
            year=pl.col("period").replace_strict(years, return_dtype=pl.Int64),
            month=pl.col("period").replace_strict(months, return_dtype=pl.Int64),
        ).drop("period")

    def _figures(self, frame: polars.DataFrame) -> polars.DataFrame:
        """The figures checked as text and scaled; those outside their metric's
        bounds, or not plain, are for the exact reader. Adds the key of each series
        (metric, region, year) and of each figure (and month), as integers."""
        import polars as pl

        value = pl.col("value")
        if not frame.select(value.str.contains(FIGURE).all()).item():
            raise _Unusual(Message.of("bulk.value"))
        self.factors = self._factors(frame)
        body = value.str.strip_prefix("-").str.split_exact(".", 1)
        places = body.struct.field("field_1").fill_null("").str.pad_end(PLACES, "0")
        digits = (body.struct.field("field_0") + places).cast(pl.Int64)
        negative = value.str.starts_with("-")
        frame = frame.with_columns(scaled=pl.when(negative).then(-digits).otherwise(digits))
        if frame.select((negative & (pl.col("scaled") == 0)).any()).item():
            raise _Unusual(Message.of("bulk.value"))  # -0: kept as written by the exact reader
        bounds = frame.group_by("metric").agg(
            low=pl.col("scaled").min(), high=pl.col("scaled").max()
        )
        for number, low, high in bounds.iter_rows():
            metric = self.metrics[number]
            factor = self.factors[number]
            for scaled in (low, high):
                if not metric.admits(Decimal(scaled).scaleb(-PLACES) * factor):
                    raise _Unusual(Message.of("bulk.value"))
        series = (pl.col("region") * len(self.metrics) + pl.col("metric")) * 10_000 + pl.col("year")
        return (
            frame.drop("unit")
            .with_columns(series=series)
            .with_columns(key=pl.col("series") * 16 + pl.col("month"))
        )

    def _factors(self, frame: polars.DataFrame) -> list[Decimal]:
        """Each metric's one factor from the units written to its unit, as the
        rules find it; more than one (亿元 and 万元) is for the exact reader."""
        factors: dict[int, Decimal] = {}
        for number, unit in frame.select("metric", "unit").unique().iter_rows():
            metric = self.metrics[number]
            self.rules.value("0", unit, metric)  # the rules remember the unit's factor
            known = self.rules.factors.get((unit, metric.id))
            if known is None or factors.setdefault(number, known) != known:
                raise _Unusual(Message.of("bulk.unit"))
        return [factors[number] for number in range(len(self.metrics))]

    def _decimal(self, text: str, metric: int) -> Decimal:
        """The figure ``text`` in its metric's unit, as the rules make it."""
        known = self.factors[metric]
        return Decimal(text) if known == 1 else Decimal(text) * known

    def _key(self, metric: int, region: int, year: int) -> tuple[str, str, int]:
        return self.metrics[metric].id, self.regions[region], year

    def _problems(self, frame: polars.DataFrame, reader: _SheetReader) -> polars.DataFrame:
        """The same figure given twice, and year-to-date figures that fall, told in
        line order by the exact reader's own methods; the figures given the first time."""
        import polars as pl

        firsts = frame.filter(pl.col("key").is_first_distinct())
        events = [(row[0], 1, row) for row in self._falls(firsts).iter_rows()]
        if firsts.height < frame.height:
            repeats = frame.with_columns(
                first_line=pl.col("line").first().over("key"),
                same=pl.col("scaled") == pl.col("scaled").first().over("key"),
            ).filter(pl.col("line") != pl.col("first_line"))
            rows = repeats.select(*_EVENT, "first_line", "same").iter_rows()
            events += [(row[0], 0, row) for row in rows]
        events.sort()
        for _, kind, row in events:
            line, metric, region, year, month, text = row[:6]
            key, period = self._key(metric, region, year), Period(year, month)
            value = self._decimal(text, metric)
            if kind == 0:
                reader.duplicate(line, key, period, value, Earlier(row[6], self.name, row[7]))
            else:
                earlier = self._decimal(row[8], metric)
                reader.fell(line, key, period, value, Fall(row[6], earlier, self.name, row[7]))
        return firsts.select(*_EVENT, "series")

    def _falls(self, firsts: polars.DataFrame) -> polars.DataFrame:
        """The year-to-date figures that fall from or below the latest figure of their
        series before them, as :class:`~pcheck.observations.YearToDate` sees them: the
        rows of each series in line order (a stable sort), with the latest month
        before each row as a running maximum over all rows, each series lifted above
        the ones before it."""
        import polars as pl

        flows = [n for n, metric in enumerate(self.metrics) if metric.kind is Kind.FLOW]
        rows = firsts.filter(pl.col("metric").is_in(flows)).sort("series", maintain_order=True)
        group = (pl.col("series") != pl.col("series").shift(1)).fill_null(True).cum_sum()
        rows = rows.with_columns(group=group.cast(pl.Int64))
        same = pl.col("group") == pl.col("group").shift(1)
        running = (pl.col("group") * 16 + pl.col("month")).cum_max().shift(1)
        rows = rows.with_columns(
            before=pl.when(same).then(running - pl.col("group") * 16).otherwise(None)
        )
        rising = pl.col("before").is_null() | (pl.col("month") > pl.col("before"))
        latest = {
            f"latest_{name}": pl.when(rising).then(pl.col(name)).forward_fill().shift(1)
            for name in ("scaled", "line", "value")
        }
        rows = rows.with_columns(**latest)
        falls = pl.col("before").is_not_null() & (
            (rising & (pl.col("scaled") < pl.col("latest_scaled")))
            | (~rising & (pl.col("scaled") > pl.col("latest_scaled")))
        )
        return rows.filter(falls).select(*_EVENT, "before", "latest_line", "latest_value")

    def _keep(self, firsts: polars.DataFrame, store: ObservationStore) -> None:
        """Put the figures (each given the first time) where the store's policy says."""
        keep = store.keep
        if keep.mode is Mode.NOTHING:
            return
        name = self.name
        if keep.mode is Mode.EVERYTHING:
            for line, metric, region, year, month, text, _ in firsts.iter_rows():
                value = self._decimal(text, metric)
                store.add(self._key(metric, region, year), month, value, name, line, None)
            return
        import polars as pl

        numbers = self._needed(keep)
        firsts = firsts.with_columns(
            need=pl.col("series").replace_strict(numbers, default=0, return_dtype=pl.Int8),
        )
        needed = firsts.filter(pl.col("need") > 0)
        latest = pl.col("month") == pl.col("month").max().over("series")
        needed = needed.filter((pl.col("need") == _EVERY_MONTH) | latest)
        needed = needed.with_columns(start=pl.col("line").min().over("series")).sort(
            "start", maintain_order=True
        )
        series = store.series
        for line, metric, region, year, month, text, _, _, _ in needed.iter_rows():
            key = self._key(metric, region, year)
            months = series.get(key)
            if months is None:
                months = series[key] = {}
            months[month] = Observation(self._decimal(text, metric), name, line, None)
        others = firsts.filter(pl.col("need") == 0)
        if keep.scope is not None:
            scope = [n for n, code in enumerate(self.regions) if code in keep.scope]
            outside = others.filter(~pl.col("region").is_in(scope))
            store.out_of_scope += outside.height
            store.out_of_scope_years.update(outside.get_column("year").unique().to_list())
            others = others.filter(pl.col("region").is_in(scope))
        grouped = others.group_by("series", maintain_order=True).agg(
            pl.col("metric").first(),
            pl.col("region").first(),
            pl.col("year").first(),
            pl.len().alias("count"),
            pl.col("month").unique(),
            pl.col("line").head(KEPT_ROWS),
        )
        for _, metric, region, year, count, months, lines in grouped.iter_rows():
            rows = [Location(name, line) for line in lines]
            store.other[self._key(metric, region, year)] = OtherRows(count, set(months), rows)

    def _needed(self, keep: Keep) -> dict[int, int]:
        """The series the store keeps, by their numbers here: :data:`_LATEST` or
        :data:`_EVERY_MONTH`."""
        regions = {code: n for n, code in enumerate(self.regions)}
        metrics = {metric.id: n for n, metric in enumerate(self.metrics)}
        count = len(self.metrics)
        numbers: dict[int, int] = {}
        for (metric_id, region, year), need in keep.series.items():
            r, m = regions.get(region), metrics.get(metric_id)
            if r is not None and m is not None:
                number = (r * count + m) * 10_000 + year
                numbers[number] = _EVERY_MONTH if need is Need.EVERY_MONTH else _LATEST
        return numbers


_LATEST, _EVERY_MONTH = 1, 2

_EVENT = ("line", "metric", "region", "year", "month", "value")
"""What a row of figures tells when it makes a problem."""


@dataclass(slots=True)
class _Scanned:
    """What a first pass over a file's bytes found."""

    head: bytes = b""  # the start of the file, without a BOM
    lines: int = 0
    commas: int = 0


_BLOCK = 16 * 1024 * 1024
_HEAD_BYTES = 1024 * 1024  # enough for the first rows of any table read in bulk


def _head(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the first rows, as the layout is found from them (no quote is
    in the file: a comma always parts two cells)."""
    head: list[tuple[int, list[str]]] = []
    start = 0
    for line in range(1, HEAD_ROWS + 1):
        end = data.find(b"\n", start)
        if end == -1 and len(data) == _HEAD_BYTES:
            raise _Unusual(Message.of("bulk.bytes"))  # a row longer than the start read
        chunk = data[start : len(data) if end == -1 else end]
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unusual(Message.of("bulk.bytes")) from None
        head.append((line, text.split(",")))
        if end == -1:
            break
        start = end + 1
        if start >= len(data):
            break
    return head[0][1], head
