"""The terminal report: one table per region, coloured by status.

Colour only repeats what the words already say (PASS, AT RISK, FAIL, NO DATA), so
the report reads the same without it. The layout fits an 80-column CI log.

Text from the inputs is shown literally: the console reads no markup (a name such as
``[bold]x`` is those eight characters) and every cell and heading passes through
:func:`~pcheck.messages.visible`, so that no control character reaches the terminal.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import PERCENT, Catalog, Former, Metric, Region, Report, Result, Status, Target
from pcheck.render import (
    Display,
    course_text,
    expected_share,
    gap_text,
    region_title,
    result_goal,
    status_label,
    target_goal,
)
from pcheck.units import format_decimal, show

STYLES = {
    Status.PASS: "green",
    Status.AT_RISK: "yellow",
    Status.FAIL: "bold red",
    Status.NO_DATA: "dim",
}
BAR_CELLS = 8


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """Tables of results by region, then unmatched data, then a summary line."""
    console = _console(display)
    for code, results in _by_region(report.results):
        region = results[0].target.region_entry
        periods = sorted({str(r.period) for r in results if r.period is not None})
        heading = Text(visible(f"{region_title(region)} ({code})"), style="bold")
        if periods:
            heading.append(f"  data to {', '.join(periods)}", style="dim")
        console.print(heading)
        console.print(_results_table(results, display))
    if report.unmatched:
        console.print(Text("Rows no target uses", style="bold"))
        for group in report.unmatched:
            name = catalog.regions[group.region].name if group.region in catalog.regions else ""
            labels = ", ".join(str(p) for p in group.periods)
            rows = ", ".join(str(r) for r in group.rows[:3])
            more = f" and {group.count - 3} more" if group.count > 3 else ""
            console.print(Text(visible(f"  {name} {group.metric} {labels}: {rows}{more}")))
        console.print()
    console.print(summary_line(report, display))
    return _text(console)


def render_targets(targets: list[Target], catalog: Catalog, display: Display) -> str:
    """The targets, one line each."""
    console = _console(display)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    table.add_column("id", overflow="fold", max_width=30)
    table.add_column("region", no_wrap=True)
    table.add_column("year", no_wrap=True)
    table.add_column("target", overflow="fold")
    table.add_column("goal", overflow="fold")
    for target in targets:
        table.add_row(
            *_cells(
                target.id,
                target.region_entry.name,
                str(target.year),
                target.name,
                target_goal(target),
            )
        )
    console.print(table)
    console.print(f"{len(targets)} targets")
    return _text(console)


def summary_line(report: Report, display: Display) -> Text:
    """Two lines: the count of each status, then what became of the rows read."""
    counts = report.counts()
    text = Text(f"{len(report.results)} targets: ")
    parts = [(status, counts[status.value]) for status in Status]
    for index, (status, count) in enumerate(parts):
        text.append(
            f"{count} {status_label(status, display)}", style=STYLES[status] if count else ""
        )
        text.append(" · " if index < len(parts) - 1 else "")
    text.append(
        f"\n{report.rows} rows read: {report.unmatched_rows} unmatched, {report.errors} with errors"
    )
    if report.out_of_scope:
        text.append(f", {report.out_of_scope} of other regions")
    return text


def _by_region(results: Iterable[Result]) -> list[tuple[str, list[Result]]]:
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.target.region, []).append(result)
    return list(groups.items())


def _results_table(results: list[Result], display: Display) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("target", ratio=1, overflow="fold", min_width=12)
    table.add_column("actual", justify="right", no_wrap=True)
    table.add_column("goal", justify="right", no_wrap=True)
    table.add_column("gap", justify="right", no_wrap=True)
    table.add_column("progress", no_wrap=True)
    for result in results:
        style = STYLES[result.status]
        target = result.target
        name = target.name
        if result.stretch_met is not None:
            name += " stretch ✓" if result.stretch_met else " stretch ✗"
        if result.course is not None:
            name += " " + course_text(result, display)
        actual = "—"
        if result.actual is not None:
            actual = show(result.actual, result.unit)
        gap = gap_text(result)
        goal = result_goal(result)
        table.add_row(
            Text(status_label(result.status, display).upper(), style=style),
            *_cells(name, actual, goal, gap),
            _bar(figures.progress(result), expected_share(result), style),
        )
    return table


def _cells(*texts: str) -> list[Text]:
    """Cells that show their text as it is: no markup read, no control character raw."""
    return [Text(visible(text)) for text in texts]


def _bar(progress: Decimal | None, expected: Decimal | None, style: str) -> Text:
    """Filled cells for the share of the target reached, with ``│`` standing where
    the time elapsed says it should be by now."""
    if progress is None:
        return Text("")
    filled = int(min(max(progress, Decimal(0)), Decimal(1)) * BAR_CELLS)
    mark = None if expected is None else int(min(expected, Decimal(1)) * BAR_CELLS)
    bar = Text()
    for cell in range(BAR_CELLS + 1):
        if cell == mark:
            bar.append("│", style="bold")
        if cell < BAR_CELLS:
            bar.append("█" if cell < filled else "·", style=style if cell < filled else "dim")
    if mark is None:
        bar.append(" ")
    shown = min(progress * 100, Decimal(999))
    bar.append(f" {format_decimal(shown, 0)}{PERCENT}".rjust(5))
    return bar


def _console(display: Display) -> Console:
    return Console(
        file=io.StringIO(),
        width=display.width,
        color_system="standard" if display.color else None,
        force_terminal=display.color,
        no_color=not display.color,
        markup=False,  # nothing printed here is markup; names must show as written
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _text(console: Console) -> str:
    assert isinstance(console.file, io.StringIO)
    # Tables pad every line to the full width; a log needs none of it.
    return "\n".join(line.rstrip() for line in console.file.getvalue().split("\n"))


def render_regions(
    regions: list[Region], formers: list[Former], catalog: Catalog, display: Display
) -> str:
    """Regions, one a line, with the regions they are in and their other names; then
    the codes and names no longer in use, with the regions in use their area is in.

    A line each, whatever its length, so that the list reads well through grep, and
    aligned by hand: a table of thousands of rows would take rich seconds."""
    lines: list[str] = []
    if regions:
        rows: list[tuple[str, ...]] = []
        for r in regions:
            within = " ".join(catalog.regions[c].name for c in catalog.ancestors(r.code)[:0:-1])
            also = ", ".join(dict.fromkeys(n for n in (r.name_en, *r.aliases) if n != r.name))
            rows.append((r.code, r.name, r.short or "", within, also))
        lines += _aligned(("code", "name", "short", "in", "also"), rows, display)
        lines.append(_count(len(regions), "region", "regions"))
    if formers:
        if regions:
            lines.append("")
        lines.append("No longer in use")
        rows = []
        for f in formers:
            now = ", ".join(f"{c} {catalog.regions[c].name}" for c in f.successors)
            rows.append((f.code, f.name, str(f.year), now or "—"))
        lines += _aligned(("code", "name", "ended", "now in"), rows, display)
        lines.append(_count(len(formers), "code or name", "codes or names") + " no longer in use")
    return "".join(f"{line}\n" for line in lines)


def _aligned(header: tuple[str, ...], rows: list[tuple[str, ...]], display: Display) -> list[str]:
    """``rows`` under ``header`` in columns two spaces apart, as the other tables are
    laid out, wide characters counted twice; nothing input holds is shown raw."""
    from rich.cells import cell_len

    shown = [tuple(visible(cell) for cell in row) for row in rows]
    widths = [max(cell_len(row[n]) for row in [header, *shown]) for n in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        padded = (
            cell + " " * (width - cell_len(cell)) for cell, width in zip(cells, widths, strict=True)
        )
        return "  ".join(padded).rstrip()

    rule = "─" * min(sum(widths) + 2 * (len(widths) - 1), display.width)
    return [line(header), rule, *(line(row) for row in shown)]


def render_metrics(metrics: list[Metric], display: Display) -> str:
    """Metrics, one a row: id, unit and kind; the name, then the English name and the
    aliases each on a line of their own."""
    console = _console(display)
    table = _listing("id", "name", "unit", "kind")
    table.columns[0].no_wrap, table.columns[0].max_width = False, 30
    for m in metrics:
        names = [m.name, *dict.fromkeys(n for n in (m.name_en, *m.aliases) if n != m.name)]
        named = Text("\n".join(visible(name) for name in names))
        table.add_row(Text(visible(m.id)), named, *_cells(m.unit, m.kind.value))
    console.print(table)
    console.print(_count(len(metrics), "metric", "metrics"))
    return _text(console)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _listing(*columns: str) -> Table:
    """A table of catalog entries: the first column whole, the others folded."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    for index, name in enumerate(columns):
        table.add_column(name, no_wrap=index == 0, overflow="fold", ratio=1 if index == 1 else None)
    return table
