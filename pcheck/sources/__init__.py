"""Where records come from: one module per kind of data file, chosen by the file's
name, each yielding :class:`Sheet` values — a header and the records under it,
each record a line number and its cells.

What a record means is decided elsewhere, once for every kind of file
(:mod:`pcheck.layout` for the header, :mod:`pcheck.rules` for the cells). A new
kind of file is one module with a ``sheets(path)`` function and one line in
``SOURCES``; it is imported only when a file of its kind is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pcheck.model import Problem

SOURCES: dict[str, str] = {"csv": "pcheck.sources.csv", "workbook": "pcheck.sources.workbook"}
"""Kind of file → the module that reads it."""

SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    **dict.fromkeys((".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"), "workbook"),
}
"""File name ending → kind; any other name (a pipe, ``-``) is read as CSV text."""
DEFAULT_KIND = "csv"

Record = tuple[int, list[str]]
"""A record: the line (or row) on which it starts, and its cells."""


@dataclass(slots=True)
class Sheet:
    """One table of a data file: its header, then its records as they are read.

    ``problems`` receives what goes wrong while the records are read (a line that
    does not decode, a broken quote), each at its line, before the records after
    it; reading goes on. A reader may take them as they come and clear the list.
    """

    path: str
    name: str | None
    header: list[str]
    records: Iterator[Record]
    problems: list[Problem] = field(default_factory=list)
    header_line: int = 1
    letters: bool = False
    """Whether columns are named by letter (A, B, … AA), as a spreadsheet shows them:
    the cell at index ``i`` of a record is in column ``column_letter(i)``."""


class Source(Protocol):
    """What every source module provides."""

    def sheets(self, path: Path, names: Sequence[str] | None = None) -> Iterator[Sheet]:
        """The tables of ``path`` (only those named in ``names``, for a source with
        named tables); :class:`~pcheck.errors.DataFileError` if it cannot be read."""
        ...


def column_letter(index: int) -> str:
    """The spreadsheet name of the column at 0-based ``index``: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def kind_of(path: Path) -> str:
    """The kind of data file ``path`` is, from its name."""
    return SUFFIXES.get(path.suffix.lower(), DEFAULT_KIND)


def source_for(path: Path) -> Source:
    """The module that reads ``path``."""
    module: Source = importlib.import_module(SOURCES[kind_of(path)])
    return module
