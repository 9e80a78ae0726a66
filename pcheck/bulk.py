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

LONGEST_LINE = 64 * 1024  # far below what a CSV field may hold in the exact reader

_ROLES = ("region", "metric", "period", "value", "unit")
_SEPARATOR = "\x1f"  # a byte no file read in bulk holds: each line is read as one field


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
        data = self._bytes()
        header, head = _head(data)
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
            frame = self._frame(data, len(header), layout.columns)
            del data
            for found in detection.problems:
                reader.add(found)
            self._problems(frame, reader)
            self._keep(frame, store)
            store.rows += frame.height
            reader._close()
        finally:
            index.close()
        return store

    def _bytes(self) -> bytes:
        try:
            data = self.path.read_bytes()
        except OSError:
            raise _Unusual(Message.of("bulk.bytes")) from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        for unusual in (b'"', b"\r", b"\x00", _SEPARATOR.encode(), b"\n\n"):
            if unusual in data:
                quote = unusual == b'"'
                raise _Unusual(Message.of("bulk.quote" if quote else "bulk.bytes"))
        if data.startswith(b"\n") or data.count(b"\n") < 1:
            raise _Unusual(Message.of("bulk.bytes"))
        return data

    def _frame(self, data: bytes, width: int, columns: Any) -> polars.DataFrame:
        """Each row's labels read by the rules, its figure checked and scaled, its line."""
        import polars as pl

        lines = data.count(b"\n") + (not data.endswith(b"\n"))
        try:
            frame = pl.read_csv(
                data,
                has_header=False,
                separator=_SEPARATOR,
                quote_char=None,
                schema={"text": pl.String},
                skip_rows=1,
                encoding="utf8",
            )
        except Exception:  # not UTF-8, or anything else polars cannot read
            raise _Unusual(Message.of("bulk.bytes")) from None
        if frame.height != lines - 1 or frame.height == 0:
            raise _Unusual(Message.of("bulk.bytes"))
        text = pl.col("text")
        widths = frame.select(
            commas=text.str.count_matches(",", literal=True).min(),
            most=text.str.count_matches(",", literal=True).max(),
            longest=text.str.len_bytes().max(),
        ).row(0)
        if widths[0] != width - 1 or widths[1] != width - 1:
            raise _Unusual(Message.of("bulk.ragged"))
        if widths[2] > LONGEST_LINE:
            raise _Unusual(Message.of("bulk.bytes"))
        split = text.str.split_exact(",", width - 1)
        cells = {
            role: split.struct.field(f"field_{columns[role]}") for role in _ROLES if role in columns
        }
        if "unit" not in cells:
            cells["unit"] = pl.lit("")
        frame = frame.select(line=pl.int_range(2, frame.height + 2, dtype=pl.Int64), **cells)
        return self._labels(frame)

    def _labels(self, frame: polars.DataFrame) -> polars.DataFrame:
        import polars as pl

        rules = self.rules
        regions: dict[str, str] = {}
        for label in frame.get_column("region").unique().to_list():
            found = rules.region(label)
            if type(found) is not str:
                raise _Unusual(Message.of("bulk.label"))
            regions[label] = found
        metrics: dict[str, str] = {}
        for label in frame.get_column("metric").unique().to_list():
            metric = rules.metric(label)
            if type(metric) is not Metric:
                raise _Unusual(Message.of("bulk.label"))
            metrics[label] = metric.id
        years: dict[str, int] = {}
        months: dict[str, int] = {}
        for label in frame.get_column("period").unique().to_list():
            period = rules.period(label)
            if type(period) is not Period:
                raise _Unusual(Message.of("bulk.label"))
            years[label], months[label] = period.year, period.month
        frame = frame.with_columns(
            metric=pl.col("metric").replace_strict(metrics, return_dtype=pl.String),
            region=pl.col("region").replace_strict(regions, return_dtype=pl.String),
            year=pl.col("period").replace_strict(years, return_dtype=pl.Int32),
            month=pl.col("period").replace_strict(months, return_dtype=pl.Int8),
        ).drop("period")
        return self._figures(frame)

    def _figures(self, frame: polars.DataFrame) -> polars.DataFrame:
        import polars as pl

        value = pl.col("value")
        if not frame.select(value.str.contains(FIGURE).all()).item():
            raise _Unusual(Message.of("bulk.value"))
        self.factors = self._factors(frame)
        body = value.str.strip_prefix("-").str.split_exact(".", 1)
        places = body.struct.field("field_1").fill_null("").str.pad_end(PLACES, "0")
        digits = (body.struct.field("field_0") + places).cast(pl.Int64)
        frame = frame.with_columns(
            scaled=pl.when(value.str.starts_with("-")).then(-digits).otherwise(digits)
        )
        bounds = frame.group_by("metric").agg(
            low=pl.col("scaled").min(), high=pl.col("scaled").max()
        )
        for metric_id, low, high in bounds.iter_rows():
            metric = self.catalog.metrics[metric_id]
            factor = self.factors[metric_id]
            for scaled in (low, high):
                if not metric.admits(Decimal(scaled).scaleb(-PLACES) * factor):
                    raise _Unusual(Message.of("bulk.value"))
        return frame

    def _factors(self, frame: polars.DataFrame) -> dict[str, Decimal]:
        """Each metric's one factor from the units written to its unit, as the
        rules find it; more than one (亿元 and 万元) is for the exact reader."""
        factors: dict[str, Decimal] = {}
        pairs = frame.select("metric", "unit").unique()
        for metric_id, unit in pairs.iter_rows():
            metric = self.catalog.metrics[metric_id]
            self.rules.value("0", unit, metric)  # the rules remember the unit's factor
            known = self.rules.factors.get((unit, metric_id))
            if known is None or factors.setdefault(metric_id, known) != known:
                raise _Unusual(Message.of("bulk.unit"))
        return factors

    def _decimal(self, text: str, metric_id: str) -> Decimal:
        """The figure ``text`` in its metric's unit, as the rules make it."""
        known = self.factors[metric_id]
        return Decimal(text) if known == 1 else Decimal(text) * known

    def _problems(self, frame: polars.DataFrame, reader: _SheetReader) -> None:
        """The same figure given twice, and year-to-date figures that fall, told in
        line order by the exact reader's own methods; the repeats are dropped."""
        import polars as pl

        series = ["metric", "region", "year"]
        keys = [*series, "month"]
        flows = [m.id for m in self.catalog.metrics.values() if m.kind is Kind.FLOW]
        frame = frame.with_columns(
            first=pl.struct(keys).is_first_distinct(),
            first_line=pl.col("line").first().over(keys),
            first_scaled=pl.col("scaled").first().over(keys),
        )
        firsts = frame.filter(pl.col("first")).with_columns(
            before=pl.col("month").cum_max().shift(1).over(series)
        )
        rising = pl.col("before").is_null() | (pl.col("month") > pl.col("before"))
        latest = {
            f"latest_{name}": pl.when(rising)
            .then(pl.col(name))
            .forward_fill()
            .shift(1)
            .over(series)
            for name in ("scaled", "line", "value")
        }
        firsts = firsts.with_columns(**latest).with_columns(
            falls=pl.col("metric").is_in(flows)
            & pl.col("before").is_not_null()
            & (
                (rising & (pl.col("scaled") < pl.col("latest_scaled")))
                | (~rising & (pl.col("scaled") > pl.col("latest_scaled")))
            )
        )
        repeats = frame.filter(~pl.col("first")).select(
            "line",
            "metric",
            "region",
            "year",
            "month",
            "value",
            "first_line",
            same=pl.col("scaled") == pl.col("first_scaled"),
        )
        falls = firsts.filter(pl.col("falls")).select(
            "line",
            "metric",
            "region",
            "year",
            "month",
            "value",
            "before",
            "latest_line",
            "latest_value",
        )
        events = sorted(
            [(row[0], 0, row) for row in repeats.iter_rows()]
            + [(row[0], 1, row) for row in falls.iter_rows()]
        )
        source = self.name
        for _, kind, row in events:
            line, metric_id, region, year, month, text = row[:6]
            key, period = (metric_id, region, year), Period(year, month)
            value = self._decimal(text, metric_id)
            if kind == 0:
                reader.duplicate(line, key, period, value, Earlier(row[6], source, row[7]))
            else:
                earlier = self._decimal(row[8], metric_id)
                reader.fell(line, key, period, value, Fall(row[6], earlier, source, row[7]))
        self.firsts = firsts.select("line", "metric", "region", "year", "month", "value")

    def _keep(self, frame: polars.DataFrame, store: ObservationStore) -> None:
        """Put the figures (each given the first time) where the store's policy says."""
        keep = store.keep
        if keep.mode is Mode.NOTHING:
            return
        firsts = self.firsts
        name = self.name
        if keep.mode is Mode.EVERYTHING:
            for line, metric_id, region, year, month, text in firsts.iter_rows():
                value = self._decimal(text, metric_id)
                store.add((metric_id, region, year), month, value, name, line, None)
            return
        import polars as pl

        grouped = firsts.group_by(["metric", "region", "year"], maintain_order=True).agg(
            pl.col("line"), pl.col("month"), pl.col("value")
        )
        needed, scope = keep.series, keep.scope
        for metric_id, region, year, lines, months, texts in grouped.iter_rows():
            key = (metric_id, region, year)
            need = needed.get(key)
            if need is None:
                if scope is not None and region not in scope:
                    store.out_of_scope += len(lines)
                    store.out_of_scope_years.add(year)
                    continue
                rows = [Location(name, line) for line in lines[:KEPT_ROWS]]
                store.other[key] = OtherRows(len(lines), set(months), rows)
                continue
            if need is Need.LATEST:
                at = max(range(len(months)), key=months.__getitem__)
                lines, months, texts = [lines[at]], [months[at]], [texts[at]]
            store.series[key] = {
                month: Observation(self._decimal(text, metric_id), name, line, None)
                for line, month, text in zip(lines, months, texts, strict=True)
            }


def _head(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the first rows, as the layout is found from them (no quote is
    in the file: a comma always parts two cells)."""
    head: list[tuple[int, list[str]]] = []
    start = 0
    for line in range(1, HEAD_ROWS + 1):
        end = data.find(b"\n", start)
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
