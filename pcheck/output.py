"""Writing a report file: never over an input, never half-written, readable as
any other file the user makes.

A regular file (or a new one) is written to a temporary file beside it and
renamed into place, with the mode of the file it replaces or, for a new file,
the mode the user's umask gives. A FIFO or a device is written to as it is: it
is not a file to replace. A path that is one of the inputs is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from pcheck.errors import PcheckError
from pcheck.model import Location, Message


class OutputError(PcheckError):
    """A report that cannot be written where it was asked to go."""


def write_report(
    path: Path, text: str | Iterable[str] | bytes, inputs: Sequence[Path] = ()
) -> None:
    """Write ``text`` (or its pieces, or a file's bytes) to ``path``; :class:`OutputError`
    says why not."""
    target = Path(os.path.realpath(path))  # write through a link, not over it
    where = Location(str(path))
    for given in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(given, target):
                raise OutputError.at(where, Message.of("output.is-input", input=str(given)))
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _failed(where, exc) from None
    try:
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError.at(where, Message.of("output.directory"))
        if info is not None and not stat.S_ISREG(info.st_mode):
            if isinstance(text, bytes):
                target.write_bytes(text)
                return
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.writelines([text] if isinstance(text, str) else text)
            return
        write_atomically(target, text, mode=_mode(info))
    except OSError as exc:
        raise _failed(where, exc) from None


def write_atomically(path: Path, text: str | Iterable[str] | bytes, *, mode: int = 0o644) -> None:
    """Write ``text`` (or its pieces, or bytes) to a temporary file beside ``path``,
    then rename it into place with ``mode``.

    On any failure or interruption the temporary file is removed and ``path`` is
    left as it was.
    """
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.")
    try:
        if isinstance(text, bytes):
            with os.fdopen(descriptor, "wb") as binary:
                binary.write(text)
                binary.flush()
                _settle(binary.fileno(), mode)
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                handle.writelines([text] if isinstance(text, str) else text)
                handle.flush()
                _settle(handle.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _settle(descriptor: int, mode: int) -> None:
    """Give a file written its mode, and make sure it is on disk."""
    os.fchmod(descriptor, mode)
    os.fsync(descriptor)


def _mode(info: os.stat_result | None) -> int:
    """The mode of the file replaced, or what the umask leaves of rw-rw-rw-."""
    if info is not None:
        return stat.S_IMODE(info.st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _failed(where: Location, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError.at(where, Message.of("output.failed", reason=reason))
