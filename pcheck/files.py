"""Reading a whole file that pcheck is given to read whole: a target or catalog file, a
plan. No wording: callers say what went wrong in their own terms."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import overload


class NotARegularFile(OSError):
    """A FIFO, a device or a socket where a file was expected."""


@overload
def read_regular(path: Path) -> bytes: ...
@overload
def read_regular(path: Path, limit: int) -> bytes | None: ...
def read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of the regular file at ``path``; ``None`` if it holds more than
    ``limit`` bytes, told before it is read (or, for a file that grows as it is read,
    once one byte past the limit is).

    Opened without blocking, so that a FIFO is refused (:class:`NotARegularFile`)
    rather than waited on for ever; any other failure raises :class:`OSError` (or
    :class:`ValueError`, for a NUL in the name).
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"not a regular file: {path}")
        if limit is None:
            return handle.read()
        if info.st_size > limit:
            return None
        raw = handle.read(limit + 1)
    return None if len(raw) > limit else raw
