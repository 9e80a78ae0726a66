"""Goals in indicator tables, as multi-year plans print them (主要指标):

    指标            单位   2022年(基期)   2027年(目标)   属性
    研发投入强度    %      3.0            3.6            预期性

Rows are lines whose cells are parted by tabs or ``|``. A table's goals are in the
column of the latest year or the one headed 目标; the unit comes from a 单位 column or
the brackets of the indicator's name. A table with no such column (a table of what was
achieved) gives no goals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pcheck.extract.draft import Goal
from pcheck.extract.goals import UNITS
from pcheck.extract.text import Text
from pcheck.model import Message, Op

_SEPARATOR = re.compile(r"\t|\s*\|\s*")
_YEAR = re.compile(r"(20\d\d)")
_TARGET = re.compile(r"目标|预期|规划|预计")
_BASE = re.compile(r"基期|基准|现状|基础|完成|实际")
_UNIT_IN_NAME = re.compile(r"[(\[](?P<unit>[^()\[\]]{1,6})[)\]]\s*$")
_CELL_VALUE = re.compile(
    r"^(?P<before>≥|>|≤|<|>=|<=|超过|不低于|不少于|达到|约)?\s*\[?(?P<number>\d+(?:\.\d+)?)\]?"
    r"\s*(?P<unit>%|(?!以上|以下|左右|以内)[\u4e00-\u9fff]{1,3})?\s*(?P<after>以上|以下|左右|以内)?$"
)
_OPS = {
    "≥": Op.GE,
    ">=": Op.GE,
    "不低于": Op.GE,
    "不少于": Op.GE,
    "达到": Op.GE,
    ">": Op.GT,
    "超过": Op.GT,
    "≤": Op.LE,
    "<=": Op.LE,
    "<": Op.LT,
    "约": Op.APPROX,
    "以上": Op.GE,
    "以下": Op.LE,
    "以内": Op.LE,
    "左右": Op.APPROX,
}


@dataclass(frozen=True, slots=True)
class _Columns:
    target: int
    year: int
    unit: int | None


def table_goals(
    text: Text, plan_year: int
) -> tuple[list[Goal], list[tuple[int, int]], list[tuple[int, int]]]:
    """The goals of the text's indicator tables, the spans of the rows they come from,
    and the spans of the other rows of tables (which hold no goals)."""
    goals: list[Goal] = []
    spans: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    columns: _Columns | None = None
    for start, end in _lines(text.view):
        cells = _cells(text.view, start, end)
        if sum(1 for cell in cells if cell[2]) < 3 or any(_prose(cell) for _, _, cell in cells):
            # A table whose cells are sentences (a list of replies) is read as text.
            columns = None
            continue
        header = _header([cell for _, _, cell in cells], plan_year)
        if header is not None:
            columns = header
            spans.append((start, end))
            continue
        goal = _row(text, cells, columns, start, end) if columns is not None else None
        if goal is not None:
            goals.append(goal)
            spans.append((start, end))
        else:
            others.append((start, end))
    return goals, spans, others


def _prose(cell: str) -> bool:
    return len(cell) > 40 or bool(re.search(r"[。,;]", cell))


def _lines(view: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in view.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _cells(view: str, start: int, end: int) -> list[tuple[int, int, str]]:
    while start < end and view[start] in " \t":
        start += 1  # an indented row's first cell is its first written one
    cells = []
    begin = start
    for match in _SEPARATOR.finditer(view, start, end):
        cells.append((begin, match.start(), view[begin : match.start()].strip()))
        begin = match.end()
    cells.append((begin, end, view[begin:end].strip()))
    # Empty cells keep their place: columns are counted.
    while cells and not cells[-1][2]:
        cells.pop()
    if cells and not cells[0][2] and view[start:end].lstrip().startswith("|"):
        cells.pop(0)
    return cells


def _header(cells: list[str], plan_year: int) -> _Columns | None:
    years = {i: int(m.group(1)) for i, cell in enumerate(cells) if (m := _YEAR.search(cell))}
    if not any(re.search(r"指标|项目|名称", cell) for cell in cells) or not years:
        return None
    marked = [i for i in years if _TARGET.search(cells[i])]
    candidates = marked or [i for i in years if not _BASE.search(cells[i])]
    if not candidates:
        return None
    target = max(candidates, key=lambda i: years[i])
    if not marked and years[target] < plan_year:
        return None
    unit = next((i for i, cell in enumerate(cells) if cell in ("单位", "计量单位")), None)
    return _Columns(target, years[target], unit)


def _row(
    text: Text, cells: list[tuple[int, int, str]], columns: _Columns, start: int, end: int
) -> Goal | None:
    if columns.target >= len(cells):
        return None
    names = [cell for _, _, cell in cells if re.search(r"[\u4e00-\u9fff]{2}", cell)]
    if not names:
        return None
    name = names[0]
    value_cell = cells[columns.target][2]
    match = _CELL_VALUE.match(value_cell.replace(" ", ""))
    if match is None:
        return None
    unit = match.group("unit") or ""
    if not unit and columns.unit is not None and columns.unit < len(cells):
        unit = cells[columns.unit][2]
    in_name = _UNIT_IN_NAME.search(name)
    if not unit and in_name is not None:
        unit = in_name.group("unit")
    unit = UNITS.get(unit.replace("％", "%"), unit)
    if unit not in UNITS.values():
        return None
    said = match.group("after") or match.group("before")
    op = _OPS.get(said or "", Op.GE)
    checks: tuple[Message, ...] = (Message.of("extract.check-table", year=columns.year),)
    if "[" in value_cell:
        checks += (Message.of("extract.check-cumulative"),)
    phrase = _UNIT_IN_NAME.sub("", name).strip()
    span = text.span(start, end)
    return Goal(
        start=span[0],
        end=span[1],
        quote=text.quote(start, end),
        phrase=phrase,
        op=op,
        value=Fraction(Decimal(match.group("number"))),
        unit=unit,
        year=columns.year,
        checks=checks,
    )
