"""Whether a file of figures is read in bulk (``pcheck[fast]``): the choice, made
before anything heavy is imported; the reader itself is :mod:`pcheck.bulk.reader`."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from pcheck.sources import kind_of

READERS = ("auto", "exact", "bulk")
"""``--reader``: the bulk reader for large CSV files when polars is installed (auto),
or always one of the two."""

BULK_BYTES = 16 * 1024 * 1024
"""From what size a CSV file is read in bulk under ``auto``: below it, the exact
reader is as quick as importing polars (about 0.3 s) and then some."""


def available() -> bool:
    """Whether polars is installed (looked for, not imported)."""
    return importlib.util.find_spec("polars") is not None


def chosen(reader: str, files: Sequence[Path]) -> bool:
    """Whether ``files`` are read in bulk: one regular CSV file (not a pipe), with
    polars installed, and ``reader`` is ``bulk``, or ``auto`` and the file is larger
    than :data:`BULK_BYTES`."""
    if reader == "exact" or len(files) != 1:
        return False
    path = files[0]
    # A regular file, read twice (its start, then its rows): never a pipe.
    if kind_of(path) != "csv" or not path.is_file():
        return False
    if reader == "auto":
        try:
            if path.stat().st_size <= BULK_BYTES:
                return False  # the usual case: not even polars looked for
        except OSError:
            return False
    return available()
