"""What pcheck read, as a clean long table (``pcheck convert``): one figure a row,
in its metric's unit, with the place it was read — the layout ``evaluate`` and
``validate`` read first, so a converted file reads back to the same figures.

The file is CSV for spreadsheets (UTF-8 with a BOM, no cell run as a formula).
Figures are written exactly, never in exponent form; rows are ordered by region,
metric, year and month.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pcheck.model import Catalog, Period
from pcheck.observations import ObservationStore
from pcheck.render.csv import write_rows

COLUMNS = ("region", "region_name", "metric", "metric_name", "period", "value", "unit", "source")


def render_long(store: ObservationStore, catalog: Catalog) -> Iterator[str]:
    """The store's figures as rows of :data:`COLUMNS`."""
    return write_rows(_rows(store, catalog), COLUMNS)


def _rows(store: ObservationStore, catalog: Catalog) -> Iterator[list[object]]:
    for (metric_id, code, year), months in sorted(
        store.series.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])
    ):
        metric = catalog.metrics[metric_id]
        region = catalog.regions.get(code)
        for month in sorted(months):
            observation = months[month]
            yield [
                code,
                region.name if region is not None else "",
                metric_id,
                metric.name,
                str(Period(year, month)),
                plain(observation.value),
                metric.unit,
                str(observation.location),
            ]


def plain(value: Decimal) -> str:
    """``value`` exactly, in positional notation, without trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
