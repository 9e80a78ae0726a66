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

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pcheck import progress
from pcheck.actuals import SheetReader, load_actuals
from pcheck.duplicates import Earlier, SeenIndex
from pcheck.layout import HEAD_ROWS, Settings, detect
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

PLACES = 6
INTEGER_DIGITS = 12  # with PLACES, within a signed 64-bit integer
FIGURE = rf"^-?[0-9]{{1,{INTEGER_DIGITS}}}(?:\.[0-9]{{1,{PLACES}}})?$"
"""A figure the bulk reader reads: a plain decimal number (the rules read it as
:class:`~decimal.Decimal` does)."""

LONGEST_CELL = 64 * 1024  # far below what a CSV field may hold in the exact reader

_ROLES = ("region", "metric", "period", "value", "unit")


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
    # polars' allocator keeps what it freed for ten seconds by default: while the engine
    # then judges the targets, that would be held beside their results. (Read when
    # polars is first imported; a user's own setting stands.)
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:500,muzzy_decay_ms:0")
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
        header, head = _head(self._start())
        store = ObservationStore(self.keep)
        sheet = Sheet(self.name, None, header, iter(()), [])
        index = SeenIndex(self.catalog)
        try:
            reader = SheetReader(
                sheet, self.rules, index, store, YearToDate(), SinglePeriods(), self.settings
            )
            detection = detect(head, Location(self.name), reader.knows_metric, self.settings)
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
            frame = self._frame(len(header), layout.columns)
            for found in detection.problems:
                reader.add(found)
            self._keep(self._problems(frame, reader), store)
            store.rows += frame.height
            reader.close()
        finally:
            index.close()
        return store

    def _start(self) -> bytes:
        """The start of the file, without a BOM, to find the layout from."""
        try:
            with self.path.open("rb") as handle:
                data = handle.read(_HEAD_BYTES)
        except OSError:
            raise _Unusual(Message.of("bulk.bytes")) from None
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data

    def _blocks(self, width: int) -> Iterator[tuple[int, bytes, int]]:
        """The rows after the header, in blocks of whole lines: each block's first line,
        its bytes and its number of lines; anything the exact reader reads otherwise
        (checked a block at a time: the file is never held) is for it."""
        try:
            with self.path.open("rb") as handle:
                stage = Message.of("progress.reading", file=self.name)
                progress.begin(stage, os.fstat(handle.fileno()).st_size, "bytes")
                pending = handle.read(_BLOCK)
                progress.advance(len(pending))
                if pending.startswith(b"\xef\xbb\xbf"):
                    pending = pending[3:]
                end = pending.find(b"\n")
                if end == -1:
                    raise _Unusual(Message.of("bulk.bytes"))
                pending, line, last = pending[end + 1 :], 2, b"\n"
                while True:
                    more = handle.read(_BLOCK)
                    progress.advance(len(more))
                    cut = pending.rfind(b"\n") + 1 if more else len(pending)
                    if not cut and len(pending) > _BLOCK:
                        raise _Unusual(Message.of("bulk.bytes"))  # a line longer than a block
                    block, pending = pending[:cut], pending[cut:] + more
                    if block:
                        lines = block.count(b"\n") + (not block.endswith(b"\n"))
                        _check(last + block, width, lines)
                        yield line, block, lines
                        line, last = line + lines, block[-1:]
                    elif not more:
                        return
        except OSError:
            raise _Unusual(Message.of("bulk.bytes")) from None

    def _frame(self, width: int, columns: Any) -> polars.DataFrame:
        """Each row's line, labels (numbered: the ``n``-th distinct of its kind, read
        by the rules) and figure (scaled, and its places), read a block at a time."""
        import polars as pl

        self.regions: list[str] = []
        self.metrics: list[Metric] = []
        self.numbers: dict[str, dict[str, int]] = {"region": {}, "metric": {}, "code": {}}
        self.periods: dict[str, dict[str, int]] = {"year": {}, "month": {}}
        self.factors: dict[int, Decimal] = {}
        names = [f"c{n}" for n in range(width)]
        wanted = sorted({columns[role] for role in _ROLES if role in columns})
        parts = []
        for line, block, lines in self._blocks(width):
            try:
                frame = pl.read_csv(
                    block,
                    has_header=False,
                    separator=",",
                    quote_char=None,
                    schema=dict.fromkeys(names, pl.String),
                    columns=wanted,
                    empty_string_is_null=False,
                    encoding="utf8",
                )
            except Exception:  # not UTF-8, a row of too many cells, anything polars refuses
                raise _Unusual(Message.of("bulk.bytes")) from None
            if frame.height != lines:
                raise _Unusual(Message.of("bulk.bytes"))
            longest = frame.select(pl.all().str.len_bytes().max()).max_horizontal().item()
            if longest > LONGEST_CELL:
                raise _Unusual(Message.of("bulk.bytes"))
            cell = {role: pl.col(f"c{columns[role]}") for role in _ROLES if role in columns}
            frame = frame.select(
                line=pl.int_range(line, line + frame.height, dtype=pl.Int64),
                region=cell["region"],
                metric=cell["metric"],
                period=cell["period"],
                value=cell["value"],
                unit=cell.get("unit", pl.lit("")),
            )
            parts.append(self._figures(self._labels(frame)))
        if not parts:
            raise _Unusual(Message.of("bulk.bytes"))
        frame = pl.concat(parts, rechunk=False)  # a copy would double the peak
        del parts
        region = pl.col("region").cast(pl.Int64)
        series = (region * len(self.metrics) + pl.col("metric")) * 10_000 + pl.col("year")
        return frame.with_columns(series=series).with_columns(
            key=pl.col("series") * 16 + pl.col("month")
        )

    def _labels(self, frame: polars.DataFrame) -> polars.DataFrame:
        """The labels numbered: regions and metrics by their place in :attr:`regions`
        and :attr:`metrics`, periods as year and month; any label the rules do not
        read plainly is for the exact reader."""
        import polars as pl

        rules = self.rules
        regions, metrics = self.numbers["region"], self.numbers["metric"]
        codes = self.numbers["code"]
        for label in frame.get_column("region").unique().to_list():
            if label not in regions:
                found = rules.region(label)
                if type(found) is not str:
                    raise _Unusual(Message.of("bulk.label"))
                number = codes.setdefault(found, len(codes))
                if number == len(self.regions):
                    self.regions.append(found)
                regions[label] = number
        for label in frame.get_column("metric").unique().to_list():
            if label not in metrics:
                metric = rules.metric(label)
                if type(metric) is not Metric:
                    raise _Unusual(Message.of("bulk.label"))
                if metric not in self.metrics:
                    self.metrics.append(metric)
                metrics[label] = self.metrics.index(metric)
        years, months = self.periods["year"], self.periods["month"]
        for label in frame.get_column("period").unique().to_list():
            if label not in years:
                period = rules.period(label)
                if type(period) is not Period:
                    raise _Unusual(Message.of("bulk.label"))
                years[label], months[label] = period.year, period.month
        return frame.with_columns(  # narrow: a national file holds millions of rows
            region=pl.col("region").replace_strict(regions, return_dtype=pl.Int32),
            metric=pl.col("metric").replace_strict(metrics, return_dtype=pl.Int32),
            year=pl.col("period").replace_strict(years, return_dtype=pl.Int32),
            month=pl.col("period").replace_strict(months, return_dtype=pl.Int8),
        ).drop("period")

    def _figures(self, frame: polars.DataFrame) -> polars.DataFrame:
        """The figures checked as text, scaled, with their places; those outside their
        metric's bounds, or not plain, are for the exact reader."""
        import polars as pl

        value = pl.col("value")
        if not frame.select(value.str.contains(FIGURE).all()).item():
            raise _Unusual(Message.of("bulk.value"))
        self._factors(frame)
        # FIGURE holds: ASCII digits, at most one point, a sign only in front.
        places = (value.str.len_bytes() - value.str.find(".", literal=True) - 1).fill_null(0)
        digits = value.str.replace(".", "", literal=True).cast(pl.Int64)
        frame = frame.select(
            "line",
            "region",
            "metric",
            "year",
            "month",
            scaled=digits * pl.lit(10, dtype=pl.Int64).pow(PLACES - places.cast(pl.Int64)),
            places=places.cast(pl.Int8),
            negative=value.str.starts_with("-"),
        )
        if frame.select((pl.col("negative") & (pl.col("scaled") == 0)).any()).item():
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
        return frame.drop("negative")

    def _factors(self, frame: polars.DataFrame) -> None:
        """Each metric's one factor from the units written to its unit, as the
        rules find it; more than one (亿元 and 万元) is for the exact reader."""
        factors = self.factors
        for number, unit in frame.select("metric", "unit").unique().iter_rows():
            metric = self.metrics[number]
            self.rules.value("0", unit, metric)  # the rules remember the unit's factor
            known = self.rules.factors.get((unit, metric.id))
            if known is None or factors.setdefault(number, known) != known:
                raise _Unusual(Message.of("bulk.unit"))

    def _decimal(self, scaled: int, places: int, metric: int) -> Decimal:
        """The figure written with ``places`` places (scaled by ``10**PLACES``) in its
        metric's unit, as the rules make it: the same digits and exponent as the
        :class:`~decimal.Decimal` of the text."""
        figure = Decimal(f"{scaled // 10 ** (PLACES - places)}E-{places}")
        known = self.factors[metric]
        return figure if known == 1 else figure * known

    def _decimals(self, frame: polars.DataFrame) -> list[Decimal]:
        """The figures of a frame's rows, as :meth:`_decimal` makes each: the same text
        (written here by polars, the integers exact), read by :class:`~decimal.Decimal`."""
        import polars as pl

        places = pl.col("places").cast(pl.Int64)
        digits = pl.col("scaled") // pl.lit(10, dtype=pl.Int64).pow(PLACES - places)
        text = pl.concat_str(digits.cast(pl.String), pl.lit("E-"), places.cast(pl.String))
        figures = list(map(Decimal, frame.select(text).to_series().to_list()))
        if all(self.factors[metric] == 1 for metric in frame.get_column("metric").unique()):
            return figures
        factors = map(self.factors.__getitem__, frame.get_column("metric").to_list())
        return [f if known == 1 else f * known for f, known in zip(figures, factors, strict=True)]

    def _key(self, metric: int, region: int, year: int) -> tuple[str, str, int]:
        return self.metrics[metric].id, self.regions[region], year

    def _problems(self, frame: polars.DataFrame, reader: SheetReader) -> polars.DataFrame:
        """The same figure given twice, and year-to-date figures that fall, told in
        line order by the exact reader's own methods; the figures given the first time."""
        import polars as pl

        first = frame.select(pl.col("key").is_first_distinct()).to_series()
        firsts = frame if first.all() else frame.filter(first)  # a filter copies
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
            line, metric, region, year, month, scaled, places = row[:7]
            key, period = self._key(metric, region, year), Period(year, month)
            value = self._decimal(scaled, places, metric)
            if kind == 0:
                reader.duplicate(line, key, period, value, Earlier(row[7], self.name, row[8]))
            else:
                earlier = self._decimal(row[9], row[10], metric)
                reader.fell(line, key, period, value, Fall(row[7], earlier, self.name, row[8]))
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
            for name in ("scaled", "line", "places")
        }
        rows = rows.with_columns(**latest)
        falls = pl.col("before").is_not_null() & (
            (rising & (pl.col("scaled") < pl.col("latest_scaled")))
            | (~rising & (pl.col("scaled") > pl.col("latest_scaled")))
        )
        latest_ones = ("latest_line", "latest_scaled", "latest_places")
        return rows.filter(falls).select(*_EVENT, "before", *latest_ones)

    def _keep(self, firsts: polars.DataFrame, store: ObservationStore) -> None:
        """Put the figures (each given the first time) where the store's policy says."""
        keep = store.keep
        if keep.mode is Mode.NOTHING:
            return
        name = self.name
        if keep.mode is Mode.EVERYTHING:
            for line, metric, region, year, month, scaled, places, _ in firsts.iter_rows():
                value = self._decimal(scaled, places, metric)
                store.add(self._key(metric, region, year), month, value, name, line, None)
            return
        import polars as pl

        numbers, keys = self._needed(keep)
        firsts = firsts.with_columns(
            need=pl.col("series").replace_strict(numbers, default=0, return_dtype=pl.Int8),
        )
        latest = pl.col("month") == pl.col("month").max().over("series")
        needed = firsts.filter(
            (pl.col("need") == _EVERY_MONTH) | ((pl.col("need") == _LATEST) & latest)
        )
        needed = needed.with_columns(start=pl.col("line").min().over("series")).sort(
            "start", maintain_order=True
        )
        put, every = store.put, {_LATEST: Need.LATEST, _EVERY_MONTH: Need.EVERY_MONTH}
        column = needed.get_column
        for key, need, month, value, line in zip(
            map(keys.__getitem__, column("series").to_list()),
            map(every.__getitem__, column("need").to_list()),
            column("month").to_list(),
            self._decimals(needed),
            column("line").to_list(),
            strict=True,
        ):
            put(key, need, month, value, name, line)
        del needed
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

    def _needed(self, keep: Keep) -> tuple[dict[int, int], dict[int, SeriesKey]]:
        """The series the store keeps, by their numbers here: whether it needs
        :data:`_LATEST` or :data:`_EVERY_MONTH`, and its key (the policy's own, shared
        rather than made again for each of hundreds of thousands of series)."""
        regions = {code: n for n, code in enumerate(self.regions)}
        metrics = {metric.id: n for n, metric in enumerate(self.metrics)}
        count = len(self.metrics)
        numbers: dict[int, int] = {}
        keys: dict[int, SeriesKey] = {}
        for key, need in keep.series.items():
            metric_id, region, year = key
            r, m = regions.get(region), metrics.get(metric_id)
            if r is not None and m is not None:
                number = (r * count + m) * 10_000 + year
                numbers[number] = _EVERY_MONTH if need is Need.EVERY_MONTH else _LATEST
                keys[number] = key
        return numbers, keys


_LATEST, _EVERY_MONTH = 1, 2

_EVENT = ("line", "metric", "region", "year", "month", "scaled", "places")
"""What a row of figures tells when it makes a problem."""


def _check(data: bytes, width: int, lines: int) -> None:
    """Send a file to the exact reader for what ``data`` (a block of its lines, after
    the last byte before them) holds: a quote, a line end but ``\\n``, a NUL, a blank
    line, a row of too few cells (one of too many stops polars)."""
    if b'"' in data:
        raise _Unusual(Message.of("bulk.quote"))
    if any(unusual in data for unusual in (b"\r", b"\x00", b"\n\n")):
        raise _Unusual(Message.of("bulk.bytes"))
    if data.count(b",") != (width - 1) * lines:
        raise _Unusual(Message.of("bulk.ragged"))


_BLOCK = 4 * 1024 * 1024  # polars keeps what a block took: larger blocks cost memory, not time
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
