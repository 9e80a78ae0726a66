"""The terminal report: a summary of each region first, then a table of results by
region, every table with the same columns at the same widths.

Colour only repeats what the words already say (PASS, AT RISK, FAIL, NO DATA), so
the report reads the same without it. Lines are laid out by hand, wide characters
counted as two cells (:func:`rich.cells.cell_len`), so that the report fits
:attr:`Display.width <pcheck.render.Display.width>` (80 columns in a CI log): the
figures keep their columns, a target's name wraps once at most in the column left
to it, and a name too long for that takes a line of its own above its figures (cut
with ``…`` only past two full lines). Under a row that fails or has no data, its
reason, indented; ``Display.verbose`` gives every row its reason, ``Display.quiet``
keeps the summary alone.

Text from the inputs is shown literally: the console reads no markup (a name such as
``[bold]x`` is those eight characters) and every cell and heading passes through
:func:`~pcheck.messages.visible`, so that no control character reaches the terminal.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from rich import box
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import (
    PERCENT,
    Catalog,
    Former,
    Message,
    Metric,
    Region,
    Report,
    Result,
    Status,
    Target,
)
from pcheck.render import (
    Display,
    course_text,
    expected_share,
    gap_text,
    region_title,
    result_goal,
    status_label,
    target_goal,
    words,
)
from pcheck.units import format_decimal, show

STYLES = {
    Status.PASS: "green",
    Status.AT_RISK: "yellow",
    Status.FAIL: "bold red",
    Status.NO_DATA: "dim",
}
WIDE = 100  # from this width on, the gap column also says what is still to go
BAR_CELLS = 8
"""The cells of a progress bar, when the names keep room enough beside it; else
``NARROW_BAR``."""
NARROW_BAR = 4
NAME_ROOM = 24
"""The cells a name column should keep (twelve Chinese characters) before the bar
narrows to ``NARROW_BAR`` cells to make room for it."""
MIN_NAME = 8
"""Below this many cells, names and figures go on lines of their own."""
SPACE = "  "
ELLIPSIS = "…"


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """The summary by region, then a table of results for each region, then the rows
    no target uses and the counts; ``display.quiet``: the summary alone."""
    out = _Out(display)
    regions = _by_region(report.results)
    for line in summary_table(regions, display):
        out.print(line)
    if display.quiet:
        out.print(rows_line(report, display))
        return out.text()
    rows = [_Row.of(result, display) for _, results in regions for result in results]
    columns = _Columns.fit(rows, display)
    index = 0
    for code, results in regions:
        out.print()
        for line in _region_heading(code, results, display):
            out.print(line)
        for line in columns.header(display):
            out.print(line)
        for row in rows[index : index + len(results)]:
            for row_line in columns.lines(row, plain=not display.color):
                out.print(row_line)
        index += len(results)
    out.print()
    if report.unmatched:
        out.print(Text(words(Message("table.unmatched"), display), style="bold"))
        for group in report.unmatched:
            name = catalog.regions[group.region].name if group.region in catalog.regions else ""
            labels = ", ".join(str(p) for p in group.periods)
            rows_at = ", ".join(str(r) for r in group.rows[:3])
            if group.count > 3:
                more = Message.of("table.unmatched-more", count=group.count - 3)
                rows_at += " " + words(more, display)
            text = visible(f"{name} {group.metric} {labels}: {rows_at}")
            for part in _wrap(text, display.width - len(SPACE), indent=SPACE):
                out.print(Text(SPACE + part))
        out.print()
    out.print(summary_line(report, display))
    return out.text()


class _Out:
    """The lines of a report, printed as rich prints them: without colour, a line that
    fits the width is its plain text, kept as it is (a report of hundreds of thousands
    of rows would take rich minutes); in colour, or for a line that rich would wrap,
    through a console."""

    def __init__(self, display: Display) -> None:
        self.width = display.width
        self.plain = not display.color
        self.console = _console(display)
        self.lines: list[str] = []

    def print(self, line: _Line | None = None) -> None:
        """Add ``line`` (an empty line when ``None``)."""
        if line is None:
            line = Text()
        if self.plain:
            text = line.plain
            if isinstance(line, _Plain) and "\n" not in text:
                fits = line.cell_len <= self.width
                parts = [text]
            else:
                parts = text.split("\n")
                fits = all(cell_len(part) <= self.width for part in parts)
            if fits:
                self.lines += [part.rstrip() for part in parts]
                return
        self.console.print(line if isinstance(line, Text) else Text(line.plain))
        self.lines += _text(self.console).split("\n")[:-1]
        assert isinstance(self.console.file, io.StringIO)
        self.console.file.seek(0)
        self.console.file.truncate()

    def text(self) -> str:
        """The report: its lines, each ending with a line end, spaces at line ends cut."""
        return "".join(f"{line}\n" for line in self.lines)


def render_targets(targets: list[Target], catalog: Catalog, display: Display) -> str:
    """The targets, one line each."""
    console = _console(display)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    id_, region, year, name, goal = _words(display, "id", "region", "year", "target", "goal")
    table.add_column(id_, overflow="fold", max_width=30)
    table.add_column(region, no_wrap=True)
    table.add_column(year, no_wrap=True)
    table.add_column(name, overflow="fold")
    table.add_column(goal, overflow="fold")
    for target in targets:
        table.add_row(
            *_cells(
                target.id,
                target.region_entry.name,
                str(target.year),
                target.name,
                target_goal(target, display),
            )
        )
    console.print(table)
    console.print(
        words(
            Message.of(
                "list.targets" if len(targets) != 1 else "list.targets-one", count=len(targets)
            ),
            display,
        )
    )
    return _text(console)


# -- the summary -------------------------------------------------------------------------


def summary_table(regions: Sequence[tuple[str, list[Result]]], display: Display) -> list[Text]:
    """A line per region: how many targets pass, are at risk, fail and have no data,
    and the share on track (passing, of those with data); then the total."""
    heads = [status_label(status, display) for status in Status]
    heads.append(words(Message("table.on-track"), display))
    lines: list[tuple[str, list[int]]] = []
    total = [0] * len(Status)
    for code, results in regions:
        counts = _counts(results)
        title = visible(f"{region_title(results[0].target.region_entry)} ({code})")
        lines.append((title, counts))
        total = [a + b for a, b in zip(total, counts, strict=True)]
    lines.append((words(Message("table.total"), display), total))
    cells = [[*(str(n) for n in counts), _on_track(counts)] for _, counts in lines]
    widths = [
        max(cell_len(text) for text in [head, *(row[index] for row in cells)])
        for index, head in enumerate(heads)
    ]
    figures_width = sum(widths) + len(SPACE) * len(widths)
    region_head = words(Message("table.region"), display)
    longest = max(cell_len(text) for text in [region_head, *(title for title, _ in lines)])
    title_width = max(min(longest, display.width - figures_width), 0)
    out = [Text(words(Message("table.summary"), display), style="bold")]
    head = Text(_pad(region_head, title_width), style="dim")
    if cell_len(region_head) > title_width:
        out.append(Text(region_head, style="dim"))
        head = Text(" " * title_width, style="dim")
    for text, width in zip(heads, widths, strict=True):
        head.append(SPACE + _pad(text, width, right=True), style="dim")
    out.append(head)
    rule = "─" * min(title_width + figures_width, display.width)
    out.append(Text(rule, style="dim"))
    for index, (title, counts) in enumerate(lines):
        if index == len(lines) - 1:
            out.append(Text(rule, style="dim"))
        name = _fit(title, title_width, display.width)
        out += [Text(line) for line in name[:-1]]
        line = Text(_pad(name[-1], title_width), style="bold" if index == len(lines) - 1 else "")
        for status, count, width in zip(Status, counts, widths[:-1], strict=True):
            line.append(SPACE)
            line.append(_pad(str(count), width, right=True), style=STYLES[status] if count else "")
        line.append(SPACE + _pad(cells[index][-1], widths[-1], right=True))
        out.append(line)
    return out


def _counts(results: Iterable[Result]) -> list[int]:
    counts = dict.fromkeys(Status, 0)
    for result in results:
        counts[result.status] += 1
    return [counts[status] for status in Status]


def _on_track(counts: list[int]) -> str:
    """The share of goals with data that pass, as a whole percentage."""
    passing = counts[list(Status).index(Status.PASS)]
    judged = sum(counts) - counts[list(Status).index(Status.NO_DATA)]
    if not judged:
        return "—"
    return f"{format_decimal(Decimal(passing * 100) / judged, 0)}{PERCENT}"


def summary_line(report: Report, display: Display) -> Text:
    """Two lines: the count of each status, then what became of the rows read."""
    counts = report.counts()
    text = Text(words(Message.of("table.targets", count=len(report.results)), display) + " ")
    for index, status in enumerate(Status):
        count = counts[status.value]
        part = Message.of("table.count", count=count, status=status_label(status, display))
        text.append(words(part, display), style=STYLES[status] if count else "")
        text.append(" · " if index < len(Status) - 1 else "")
    text.append("\n")
    text.append_text(rows_line(report, display))
    return text


def rows_line(report: Report, display: Display) -> Text:
    """What became of the rows read: unmatched, with errors, of other regions."""
    text = words(
        Message.of(
            "table.rows", rows=report.rows, unmatched=report.unmatched_rows, errors=report.errors
        ),
        display,
    )
    if report.out_of_scope:
        text += words(Message.of("table.out-of-scope", count=report.out_of_scope), display)
    return Text(text)


# -- the tables of results ---------------------------------------------------------------


def _by_region(results: Iterable[Result]) -> list[tuple[str, list[Result]]]:
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.target.region, []).append(result)
    return list(groups.items())


def _region_heading(code: str, results: list[Result], display: Display) -> list[Text]:
    """The region's name and code, and the periods of its data."""
    title = visible(f"{region_title(results[0].target.region_entry)} ({code})")
    periods = sorted({str(r.period) for r in results if r.period is not None})
    if periods:
        title += SPACE + words(Message.of("table.data-to", periods=", ".join(periods)), display)
    return [Text(line, style="bold") for line in _wrap(title, display.width)]


@dataclass(frozen=True, slots=True)
class _Row:
    """What a result shows, as text: its cells and the lines under it."""

    status: Status
    label: str
    name: str
    actual: str
    goal: str
    gap: str
    progress: Decimal | None
    expected: Decimal | None
    details: tuple[str, ...]
    widths: tuple[int, int, int]  # the cells of the actual, the goal and the gap

    @classmethod
    def of(cls, result: Result, display: Display) -> _Row:
        name = result.target.name
        if result.stretch_met is not None:
            met = Message("table.stretch-met" if result.stretch_met else "table.stretch-missed")
            name += " " + words(met, display)
        details: list[str] = []
        if result.course is not None:
            details.append(course_text(result, display))
        if _explained(result, display):
            details.append(words(figures.reason(result), display))
        actual = "—" if result.actual is None else show(result.actual, result.unit)
        gap = gap_text(result)
        left = figures.remaining(result)
        prorated = result.course is not None or (result.expected or 1) < 1
        if left and prorated and display.width >= WIDE:
            # What is still to add to the full goal, beside the gap to what is due by
            # now (for a level, due in full, the two say the same); at 80 columns it
            # would cost the names their room.
            more = Message.of("table.gap-remaining", gap=gap, remaining=show(left, result.gap_unit))
            gap = words(more, display)
        actual, goal, gap = visible(actual), visible(result_goal(result, display)), visible(gap)
        return cls(
            result.status,
            status_label(result.status, display).upper(),
            visible(name),
            actual,
            goal,
            gap,
            figures.progress(result),
            expected_share(result),
            tuple(visible(detail) for detail in details),
            (cell_len(actual), cell_len(goal), cell_len(gap)),
        )


def _explained(result: Result, display: Display) -> bool:
    """Whether a row shows its reason: every row when verbose, else those that fail
    the run or have no data."""
    if display.verbose or result.status in (Status.FAIL, Status.NO_DATA):
        return True
    return result.status is Status.AT_RISK and display.at_risk_fails


@dataclass(frozen=True, slots=True)
class _Columns:
    """The widths every region's table shares.

    The figure columns take the width of their widest cell, or of nine in ten of
    them, and the bar 8 cells or 4, whichever takes fewest lines. A row with a
    figure wider than its column has its name on a line of its own above its
    figures, which then reach to the left as far as they need. ``name`` is 0 when
    the width leaves no room for names beside the figures at all: each row is then
    a line of its name above a line of its figures (or, when even the figures do
    not fit their columns, one after the other)."""

    width: int
    status: int
    name: int
    actual: int
    goal: int
    gap: int
    bar: int
    progress: int

    @classmethod
    def fit(cls, rows: Sequence[_Row], display: Display) -> _Columns:
        heads = _heads(display)
        cells = [
            [cell_len(row.label) for row in rows],
            [row.widths[0] for row in rows],
            [row.widths[1] for row in rows],
            [row.widths[2] for row in rows],
        ]
        places = (0, 2, 3, 4)  # the heads of these columns
        widest = [
            max([cell_len(heads[i]), *column]) for i, column in zip(places, cells, strict=True)
        ]
        usual = [widest[0]] + [
            max(cell_len(heads[i]), _usual(column))
            for i, column in zip(places[1:], cells[1:], strict=True)
        ]
        percent = max([4, *(cell_len(_percent(row.progress)) for row in rows)])
        longest = max([cell_len(heads[1]), *(cell_len(row.name) for row in rows)])

        def progress(bar: int) -> int:
            return max(bar + 2 + percent, cell_len(heads[5]))

        def room(widths: list[int], bar: int) -> int:
            return display.width - sum(widths) - progress(bar) - len(SPACE) * 5

        candidates = []
        for bar in (BAR_CELLS, NARROW_BAR):
            for widths in (widest, usual):
                name = min(room(widths, bar), longest)
                if name < 0:
                    continue
                status, actual, goal, gap = widths
                candidates.append(
                    cls(display.width, status, name if name >= MIN_NAME else 0, actual, goal,
                        gap, bar, progress(bar))
                )  # fmt: skip
        if not candidates:  # names and figures on lines of their own
            status, actual, goal, gap = widest
            return cls(display.width, status, 0, actual, goal, gap, BAR_CELLS, progress(BAR_CELLS))
        # The fewest lines; of as many, the first: the widest figures, the longest bar.
        return min(candidates, key=lambda columns: sum(map(columns.height, rows)))

    @property
    def indent(self) -> int:
        """Where names and the lines under a row begin."""
        return self.status + len(SPACE)

    @property
    def ends(self) -> tuple[int, int, int]:
        """Where the columns of the actual, the goal and the gap end."""
        actual = self.indent + self.name + len(SPACE) + self.actual
        goal = actual + len(SPACE) + self.goal
        return actual, goal, goal + len(SPACE) + self.gap

    def header(self, display: Display) -> list[Text]:
        """The column heads and a rule under them."""
        heads = _heads(display)
        rule = Text("─" * min(self.ends[-1] + len(SPACE) + self.progress, self.width), style="dim")
        if not self.name:  # names on lines of their own
            name = Text(_pad(heads[0], self.status) + SPACE + heads[1], style="dim")
            widths = [cell_len(head) for head in heads[2:5]]
            starts = _starts(widths, self.ends, self.indent)
            if starts is None or self.ends[-1] + len(SPACE) + self.progress > self.width:
                room = self.width - self.indent
                lines = _wrap(SPACE.join(heads[2:]), room)
                return [
                    name,
                    *(Text(" " * self.indent + line, style="dim") for line in lines),
                    rule,
                ]
            figures = _compose(Text(" " * self.indent), heads[2:5], widths, starts)
            figures += Text(SPACE + heads[5])
            figures.stylize("dim")
            return [name, figures, rule]
        prefix = Text(_pad(heads[0], self.status) + SPACE + _pad(heads[1], self.name))
        widths = [cell_len(head) for head in heads[2:5]]
        starts = _starts(widths, self.ends, 0)
        assert starts is not None  # the columns are at least as wide as their heads
        line = _compose(prefix, heads[2:5], widths, starts) + Text(SPACE + heads[5])
        line.stylize("dim")
        return [line, rule]

    def height(self, row: _Row) -> int:
        """How many lines the row's name and figures take."""
        beside, name = self._name(row)
        return len(name) + (0 if beside else 1)

    def _name(self, row: _Row) -> tuple[list[int] | None, list[str]]:
        """Where the figures start beside the name, and its lines; or ``None`` and
        the lines of a name on lines of its own."""
        if self.name:
            name = _wrap(row.name, self.name)
            beside = _starts(row.widths, self.ends, self.indent + self.name + len(SPACE))
            if len(name) <= 2 and beside is not None:
                return beside, name
        return None, _own_lines(row.name, self.width - self.indent)

    def lines(self, row: _Row, *, plain: bool = False) -> list[_Line]:
        """The row's lines: its name, figures and progress, then the lines under it;
        ``plain``: without their colours."""
        line: Callable[..., _Line] = _Plain if plain else Text
        style = STYLES[row.status]
        status = line(_pad(row.label, self.status), style=style)
        coloured = _bar(row.progress, row.expected, style, self.bar)
        bar: _Line = _Plain(coloured.plain) if plain else coloured
        progress = line(SPACE) + bar if bar.plain else bar
        room = self.width - self.indent
        figures = (row.actual, row.goal, row.gap)
        beside, name = self._name(row)
        out: list[_Line] = []
        if beside is not None:
            prefix = status + line(SPACE + _pad(name[0], self.name))
            out.append(_compose(prefix, figures, row.widths, beside) + progress)
            out += [line(" " * self.indent + part) for part in name[1:]]
        else:
            out.append(status + line(SPACE + name[0]))
            out += [line(" " * self.indent + part) for part in name[1:]]
            below = _starts(row.widths, self.ends, self.indent)
            if self.ends[-1] + len(SPACE) + self.progress > self.width:
                below = None  # the figures do not fit their columns: one after the other
            if below is not None:
                prefix = line(" " * self.indent)
                out.append(_compose(prefix, figures, row.widths, below) + progress)
            else:
                shown = SPACE.join(figures)
                out += [line(" " * self.indent + part) for part in _wrap(shown, room)]
                if row.progress is not None:
                    out.append(line(" " * self.indent) + bar)
        for detail in row.details:
            out += [line(" " * self.indent + part, style="dim") for part in _wrap(detail, room)]
        return out


class _Line(Protocol):
    """What the layout asks of a line: a :class:`~rich.text.Text`, or a
    :class:`_Plain` where no colour is shown."""

    @property
    def plain(self) -> str: ...

    @property
    def cell_len(self) -> int: ...

    def copy(self) -> Any: ...

    def append(self, text: str, style: str | None = None) -> Any: ...

    def __add__(self, other: Any) -> Any: ...


class _Plain:
    """A line as rich prints it without colour: its text alone, its cells counted
    when asked, a piece at a time where it is put together (names, goals and bars
    repeat from row to row, and rich counts each once). Laid out as a
    :class:`~rich.text.Text` is, at a small part of the cost: a national report lays
    out hundreds of thousands of rows."""

    __slots__ = ("_cells", "plain")

    def __init__(self, text: str = "", style: str | None = None, cells: int | None = None) -> None:
        self.plain = text
        self._cells = cells

    @property
    def cell_len(self) -> int:
        if self._cells is None:
            self._cells = cell_len(self.plain)
        return self._cells

    def copy(self) -> _Plain:
        return _Plain(self.plain, cells=self._cells)

    def append(self, text: str, style: str | None = None) -> _Plain:
        self._cells = self.cell_len + cell_len(text)
        self.plain += text
        return self

    def __add__(self, other: _Plain) -> _Plain:
        return _Plain(self.plain + other.plain, cells=self.cell_len + other.cell_len)


def _usual(widths: list[int]) -> int:
    """The width nine cells in ten of a column take at most."""
    ordered = sorted(widths)
    return ordered[(len(ordered) - 1) * 9 // 10] if ordered else 0


def _starts(widths: Sequence[int], ends: Sequence[int], first: int) -> list[int] | None:
    """Where each of the cells ``widths`` wide starts: so as to end where its column
    ends, or as far left of that as the next cell needs; ``None`` if one would start
    before ``first``."""
    starts: list[int] = []
    limit = ends[-1]
    for width, end in zip(reversed(widths), reversed(ends), strict=True):
        start = min(end, limit) - width
        starts.append(start)
        limit = start - len(SPACE)
    starts.reverse()
    return starts if starts[0] >= first else None


def _compose(
    prefix: _Line, cells: Sequence[str], widths: Sequence[int], starts: Sequence[int]
) -> _Line:
    """``prefix``, then each cell (``widths`` wide) at its start."""
    line: _Line = prefix.copy()
    at = line.cell_len
    for cell, width, start in zip(cells, widths, starts, strict=True):
        line.append(" " * (start - at) + cell)
        at = start + width
    return line


def _heads(display: Display) -> list[str]:
    """The column heads: status, target, actual, goal, gap, progress."""
    heads = (
        Message("table.status"),
        Message("table.target"),
        Message("table.actual"),
        Message("table.goal"),
        Message("table.gap-to-go" if display.width >= WIDE else "table.gap"),
        Message("table.progress"),
    )
    return [words(head, display) for head in heads]


def _percent(progress: Decimal | None) -> str:
    if progress is None:
        return ""
    return f"{format_decimal(min(progress * 100, Decimal(999)), 0)}{PERCENT}"


def _bar(progress: Decimal | None, expected: Decimal | None, style: str, cells: int) -> Text:
    """Filled cells for the share of the target reached, with ``│`` standing where
    the time elapsed says it should be by now, then the share as a percentage."""
    if progress is None:
        return Text("")
    filled = int(min(max(progress, Decimal(0)), Decimal(1)) * cells)
    mark = None if expected is None else int(min(max(expected, Decimal(0)), Decimal(1)) * cells)
    return _bar_text(filled, mark, style, cells, _percent(progress)).copy()


@functools.lru_cache(maxsize=4096)
def _bar_text(filled: int, mark: int | None, style: str, cells: int, percent: str) -> Text:
    """A bar of :func:`_bar` (a report has a few hundred kinds of them: each is made
    once and copied)."""
    bar = Text()
    for cell in range(cells + 1):
        if cell == mark:
            bar.append("│", style="bold")
        if cell < cells:
            bar.append("█" if cell < filled else "·", style=style if cell < filled else "dim")
    if mark is None:
        bar.append(" ")
    bar.append(" " + percent.rjust(4))
    return bar


# -- laying out text in cells ------------------------------------------------------------


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    space = " " * max(width - cell_len(text), 0)
    return space + text if right else text + space


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces where it has
    them and anywhere in a word longer than a line (Chinese has no spaces); lines
    after the first begin with ``indent``."""
    return list(_wrapped(text, width, indent))


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, width: int, indent: str) -> tuple[str, ...]:
    """The lines of :func:`_wrap` (names and reasons repeat from row to row: each is
    wrapped once)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        room = width - (cell_len(indent) if lines else 0)
        if line and cell_len(line) + 1 + cell_len(word) <= room:
            line += " " + word
            continue
        if line:
            lines.append(line)
            line = ""
            room = width - cell_len(indent)
        while cell_len(word) > room:
            head, word = _chop(word, room)
            if not head:  # a character wider than the line: on a line of its own
                head, word = word[:1], word[1:]
            lines.append(head)
            room = width - cell_len(indent)
        line = word
    lines.append(line)
    return (lines[0], *(indent + line for line in lines[1:]))


def _chop(text: str, width: int) -> tuple[str, str]:
    """The longest start of ``text`` that takes at most ``width`` cells, and the rest."""
    used = 0
    for index, character in enumerate(text):
        used += get_character_cell_size(character)
        if used > width:
            return text[:index], text[index:]
    return text, ""


def _fit(name: str, width: int, room: int) -> list[str]:
    """A name in a column ``width`` cells wide, on one line or two, the last of them
    beside its figures; else on lines of their own ``room`` cells wide (see
    :func:`_own_lines`), then an empty one beside the figures."""
    if width >= MIN_NAME:
        lines = _wrap(name, width)
        if len(lines) <= 2:
            return lines
    return [*_own_lines(name, room), ""]


def _own_lines(name: str, room: int) -> list[str]:
    """A name on one or two lines ``room`` cells wide, cut with ``…`` past the second."""
    lines = _wrap(name, room)
    if len(lines) <= 2:
        return lines
    head, _ = _chop(lines[1], room - cell_len(ELLIPSIS))
    return [lines[0], head + ELLIPSIS]


def _cells(*texts: str) -> list[Text]:
    """Cells that show their text as it is: no markup read, no control character raw."""
    return [Text(visible(text)) for text in texts]


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
        heads = _words(display, "code", "name", "short", "in", "also")
        lines += _aligned(heads, rows, display)
        lines.append(
            words(
                Message.of(
                    "list.regions" if len(regions) != 1 else "list.regions-one", count=len(regions)
                ),
                display,
            )
        )
    if formers:
        if regions:
            lines.append("")
        lines.append(words(Message("list.formers-heading"), display))
        rows = []
        for f in formers:
            now = ", ".join(f"{c} {catalog.regions[c].name}" for c in f.successors)
            rows.append((f.code, f.name, str(f.year), now or "—"))
        lines += _aligned(_words(display, "code", "name", "ended", "now-in"), rows, display)
        lines.append(
            words(
                Message.of(
                    "list.formers" if len(formers) != 1 else "list.formers-one", count=len(formers)
                ),
                display,
            )
        )
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
    table = _listing(*_words(display, "id", "name", "unit", "kind"))
    table.columns[0].no_wrap, table.columns[0].max_width = False, 30
    for m in metrics:
        names = [m.name, *dict.fromkeys(n for n in (m.name_en, *m.aliases) if n != m.name)]
        named = Text("\n".join(visible(name) for name in names))
        table.add_row(Text(visible(m.id)), named, *_cells(m.unit, m.kind.value))
    console.print(table)
    console.print(
        words(
            Message.of(
                "list.metrics" if len(metrics) != 1 else "list.metrics-one", count=len(metrics)
            ),
            display,
        )
    )
    return _text(console)


def _words(display: Display, *heads: str) -> tuple[str, ...]:
    """The column heads of a listing (``list.head.*``) in the display's language."""
    return tuple(words(Message(f"list.head.{head}"), display) for head in heads)


def _listing(*columns: str) -> Table:
    """A table of catalog entries: the first column whole, the others folded."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False)
    for index, name in enumerate(columns):
        table.add_column(name, no_wrap=index == 0, overflow="fold", ratio=1 if index == 1 else None)
    return table
