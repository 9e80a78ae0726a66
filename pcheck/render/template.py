"""The fill-in form (``pcheck template``) as CSV, for a spreadsheet.

The headers are the Chinese names the layout reads (:data:`pcheck.layout.COLUMNS`),
so that the form, filled in, is a data file as it stands. The value and source
cells are left empty; the unit is the metric's own. A metric is written by its
Chinese name, or by its id when the name would not survive the trip (a control
character, or what a spreadsheet takes for a formula or a number); a period as
statistics write a year-to-date one (``2024年1-6月``). Informational cells are
made safe as in the CSV report. The text starts with a byte-order mark so that
Excel reads it as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from pcheck.layout import COLUMNS
from pcheck.messages import visible
from pcheck.model import Metric, Period
from pcheck.render import Display, words
from pcheck.render.csv import FORMULA_START, NUMBER, safe_cell
from pcheck.template import FormRow

FORM_COLUMNS = ("region", "region_name", "metric", "period", "value", "unit", "source", "purpose")
HEADER = tuple(COLUMNS[column][1] for column in FORM_COLUMNS)


def render_template(rows: Sequence[FormRow], display: Display | None = None) -> str:
    """The form: a header, then one row per figure to fill in."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        purpose = "; ".join(words(use, display) for use in row.uses)
        writer.writerow(
            [
                row.region.code,
                safe_cell(visible(row.region.name)),
                metric_label(row.metric),
                period_label(row.period),
                "",
                row.metric.unit,
                "",
                safe_cell(visible(purpose)),
            ]
        )
    return buffer.getvalue()


def period_label(period: Period) -> str:
    """The period as statistics label a year-to-date figure: ``2024``, ``2024年1-6月``.

    Not ``2024-06``, which a spreadsheet turns into a date on opening the file.
    """
    if period.is_final:
        return str(period.year)
    if period.month == 1:
        return f"{period.year}年1月"
    return f"{period.year}年1-{period.month}月"


def metric_label(metric: Metric) -> str:
    """The name the form gives ``metric``: its Chinese name if it reads back as it
    is written, else its id."""
    name = metric.name
    spreadsheet = name.startswith(FORMULA_START) or NUMBER.fullmatch(name) is not None
    if spreadsheet or visible(name) != name or name != name.strip():
        return metric.id
    return name
