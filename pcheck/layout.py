"""The layout of a table of figures: which column holds what, from its header.

Today's layout is long: one figure a row, with region, metric, period and value
columns (and optional unit, source and note; a region's name and what the row is
for, as ``pcheck template`` writes them, are read and passed over), named in
English or Chinese.
"""

from __future__ import annotations

from pcheck.model import Location, Message, Problem

COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region", "地区"),
    "metric": ("metric", "指标"),
    "period": ("period", "期间"),
    "value": ("value", "数值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
    # Read and passed over: what ``pcheck template`` writes beside the figures.
    "region_name": ("region_name", "地区名称"),
    "purpose": ("purpose", "用途"),
}
REQUIRED = ("region", "metric", "period", "value")

_HEADER_NAMES = {
    alias.casefold(): column for column, aliases in COLUMNS.items() for alias in aliases
}
_DELIMITERS = ((";", "semicolons"), ("\t", "tabs"), ("|", "bars"))


def map_header(names: list[str], where: Location) -> tuple[dict[str, int] | None, list[Problem]]:
    """Column → index, or ``None`` when the header is unusable; and the problems with it.

    ``where`` is the location of the header row (its column is filled in here).
    """
    problems: list[Problem] = []

    def problem(column: str | None, message: Message, code: str) -> None:
        location = Location(where.path, where.line, column, where.sheet)
        problems.append(Problem(location, message, code))

    if len(names) == 1:
        for delimiter, label in _DELIMITERS:
            if delimiter in names[0]:
                separator = Message.of(f"separator.{label}")
                problem(None, Message.of("header.delimiter", separator=separator), "delimiter")
                return None, problems
    columns: dict[str, int] = {}
    for index, raw in enumerate(names):
        name = raw.strip().lstrip("\ufeff").strip()  # spaces on either side of a BOM
        column = _HEADER_NAMES.get(name.casefold())
        if column is None:
            known = ", ".join(COLUMNS)
            problem(raw, Message.of("header.unknown", column=raw, known=known), "column")
        elif column in columns:
            problem(raw, Message.of("header.twice", column=column), "column")
        else:
            columns[column] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problem(None, Message.of("header.missing", columns=", ".join(missing)), "column")
    return (None if problems else columns), problems
