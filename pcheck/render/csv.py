"""CSV output: one row per result, safe to open in Excel.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
a formula to a spreadsheet; such a cell is written with a leading apostrophe,
unless it is a plain number. Control characters in a cell are written as escapes
(``\\n``, ``\\x1b``), so that each row is one line and a terminal shows the file as
it is. The text starts with a byte-order mark so that Excel reads it as UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import Catalog, Report, Result, StreamedReport
from pcheck.render import Display, number, words

COLUMNS = (
    "target_id", "region_code", "region", "year", "name", "metric", "op", "value", "unit",
    "tier", "status", "reason", "period", "actual", "actual_unit", "threshold", "gap",
    "gap_unit", "progress", "expected", "remaining", "per_quarter", "stretch", "stretch_met",
    "rows", "due_year", "expected_now", "pace", "outlook", "projection", "needed_growth",
)  # fmt: skip
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_report(
    report: Report | StreamedReport, catalog: Catalog, display: Display
) -> Iterator[str]:
    """One row per result, with a header, written a thousand rows at a time (each
    result as it is judged)."""
    return write_rows(_row(result, display) for result in report.results)


def _row(result: Result, display: Display) -> list[object]:
    target = result.target
    value = number(target.value)
    figure = figures.shown(result)
    return [
        target.id,
        target.region,
        target.region_entry.name,
        target.year,
        target.name,
        "+".join(target.metrics),
        target.op.value,
        target.reference if target.reference else value,
        target.unit,
        target.tier.value,
        result.status.value,
        words(figure.reason, display),
        result.period or "",
        number(result.actual),
        result.unit if result.actual is not None else "",
        number(figure.threshold),
        number(figure.gap),
        result.gap_unit,
        number(figure.progress),
        number(result.expected),
        number(figure.remaining),
        number(figure.per_quarter),
        number(target.stretch),
        "" if result.stretch_met is None else str(result.stretch_met).lower(),
        " ".join(str(s) for s in result.sources),
        *_course(result),
    ]


def _course(result: Result) -> list[object]:
    """due_year … needed_growth: for a goal due years ahead, how it stands on its path
    (its figures in the path's unit; the needed growth in % a year)."""
    course = result.course
    if course is None:
        return [result.target.year, None, None, None, None, None]
    growth = None if course.needed_growth is None else course.needed_growth * 100
    return [
        course.due_year,
        number(course.expected),
        number(course.pace),
        None if course.outlook is None else course.outlook.value,
        number(course.projection),
        number(growth),
    ]


def write_rows(rows: Iterable[list[object]], columns: Iterable[str] = COLUMNS) -> Iterator[str]:
    """Rows as CSV for spreadsheets: UTF-8 with a BOM, CRLF, no cell run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(columns)
    for count, row in enumerate(rows, start=1):
        # What _cell does, its common cases in line (this runs for every cell).
        writer.writerow(
            [
                ""
                if cell is None
                else cell
                if type(cell) is str and cell.isprintable() and not cell.startswith(FORMULA_START)
                else str(cell)
                if type(cell) is int
                else _cell(cell)
                for cell in row
            ]
        )
        if count % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(cell: object) -> str:
    """A cell's text: shown as :func:`visible` writes it, never run as a formula."""
    if type(cell) is str:
        if cell.isprintable() and not cell.startswith(FORMULA_START):
            return cell  # the common case: nothing to escape
        return safe_cell(visible(cell))
    if type(cell) is int:  # digits, after a minus sign at most: nothing to escape
        return str(cell)
    if cell is None:
        return ""
    return safe_cell(visible(str(cell)))


def safe_cell(text: str) -> str:
    """``text``, prefixed with an apostrophe if a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text
