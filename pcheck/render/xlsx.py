"""Workbook output (``--format xlsx``): the bytes of an .xlsx file with two sheets,
``results`` (one row per goal) and ``problems`` (one row per problem of the input).

Figures are numbers a spreadsheet can sum and sort (progress formatted as a
percentage), in the unit of their own column; statuses keep their stable codes
beside their words. Every text is written as text, never as a formula, a number or
a link, whatever it starts with, and shown as :func:`pcheck.messages.visible` makes
it. XlsxWriter is imported only here, and the workbook is made in memory: writing
the file is the command line's (atomically, as every report).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pcheck import figures
from pcheck.messages import text, visible
from pcheck.model import Catalog, Location, Message, Report, Result
from pcheck.render import Display, result_goal, status_label, words

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

LONGEST = 32767  # characters an Excel cell holds
Cell = str | Decimal | int | None


def render_report(report: Report, catalog: Catalog, display: Display) -> bytes:
    """The workbook, as the bytes of an .xlsx file."""
    import xlsxwriter

    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    with xlsxwriter.Workbook(buffer, options) as book:
        properties: dict[str, Any] = {"title": words(Message("page.title"), display)}
        made = display.sources.made if display.sources else None
        if made is not None:
            properties["created"] = made.astimezone(UTC).replace(tzinfo=None)
        if display.sources and display.sources.files:
            properties["comments"] = "\n".join(
                visible(f"{source.name} SHA-256 {source.sha256 or '-'}")
                for source in display.sources.files
            )
        book.set_properties(properties)
        formats = {
            "head": book.add_format({"bold": True}),
            "percent": book.add_format({"num_format": "0%"}),
        }
        _sheet(book.add_worksheet("results"), RESULT_COLUMNS, report.results, display, formats)
        problems = [(p.location, p.severity.value, p.code, p.message) for p in report.problems]
        _sheet(book.add_worksheet("problems"), PROBLEM_COLUMNS, problems, display, formats)
    return buffer.getvalue()


Column = tuple[Message, int, str | None, Callable[[Any, Display], Cell]]
"""A column: its head, its width, its format, and its cell."""


def _sources(result: Result) -> str:
    return "; ".join(str(location) for location in result.sources)


RESULT_COLUMNS: tuple[Column, ...] = (
    (Message("sheet.region"), 10, None, lambda r, d: r.target.region),
    (Message("sheet.region-name"), 12, None, lambda r, d: r.target.region_entry.name),
    (Message("sheet.id"), 28, None, lambda r, d: r.target.id),
    (Message("sheet.name"), 28, None, lambda r, d: r.target.name),
    (Message("sheet.document"), 30, None, lambda r, d: r.target.document.title),
    (Message("sheet.year"), 6, None, lambda r, d: r.target.year),
    (Message("sheet.status"), 9, None, lambda r, d: r.status.value),
    (Message("sheet.status-words"), 10, None, lambda r, d: status_label(r.status, d)),
    (Message("sheet.period"), 9, None, lambda r, d: None if r.period is None else str(r.period)),
    (Message("sheet.actual"), 12, None, lambda r, d: r.actual),
    (Message("sheet.unit"), 6, None, lambda r, d: r.unit),
    (Message("sheet.goal"), 12, None, lambda r, d: r.goal),
    (Message("sheet.goal-text"), 16, None, lambda r, d: result_goal(r, d)),
    (Message("sheet.due"), 12, None, lambda r, d: figures.threshold(r)),
    (Message("sheet.gap"), 12, None, lambda r, d: figures.gap(r)),
    (Message("sheet.gap-unit"), 6, None, lambda r, d: r.gap_unit),
    (Message("sheet.progress"), 9, "percent", lambda r, d: figures.progress(r)),
    (Message("sheet.remaining"), 12, None, lambda r, d: figures.remaining(r)),
    (Message("sheet.reason"), 50, None, lambda r, d: words(figures.reason(r), d)),
    (Message("sheet.quote"), 40, None, lambda r, d: r.target.quote),
    (Message("sheet.sources"), 24, None, lambda r, d: _sources(r)),
)

ProblemRow = tuple[Location, str, str, Message]
"""A problem as the sheet shows it: where, severity, code, message."""

PROBLEM_COLUMNS: tuple[Column, ...] = (
    (Message("sheet.file"), 24, None, lambda p, d: p[0].path),
    (Message("sheet.sheet"), 10, None, lambda p, d: p[0].sheet),
    (Message("sheet.line"), 6, None, lambda p, d: p[0].line),
    (Message("sheet.column"), 10, None, lambda p, d: p[0].column),
    (Message("sheet.severity"), 8, None, lambda p, d: p[1]),
    (Message("sheet.code"), 12, None, lambda p, d: p[2]),
    (Message("sheet.message"), 80, None, lambda p, d: text(p[3], d.language)),
)


def _sheet(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Any],
    display: Display,
    formats: dict[str, Any],
) -> None:
    """A sheet: a row of heads, kept in view and filtered, then a row per item."""
    for number, (head, width, kind, _) in enumerate(columns):
        sheet.set_column(number, number, width, formats[kind] if kind else None)
        sheet.write_string(0, number, words(head, display), formats["head"])
    for row, item in enumerate(rows, start=1):
        for number, (_, _, kind, cell) in enumerate(columns):
            _write(sheet, row, number, cell(item, display), formats[kind] if kind else None)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)


def _write(sheet: Worksheet, row: int, column: int, value: Cell, style: Any) -> None:
    """A number as a number; anything else as text, never read as a formula."""
    if value is None:
        return
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if isinstance(value, Decimal) and not value.is_finite():
            sheet.write_string(row, column, str(value))
        else:
            sheet.write_number(row, column, float(value), style)
        return
    sheet.write_string(row, column, cell_text(str(value)))


def cell_text(text: str) -> str:
    """``text`` as a cell shows it: as :func:`~pcheck.messages.visible` makes it, the
    two characters XML cannot hold (U+FFFE, U+FFFF) escaped the same way, cut to what
    a cell holds."""
    shown = visible(text).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")
    return shown if len(shown) <= LONGEST else shown[: LONGEST - 1] + "…"
