"""CSV text: UTF-8 (with or without BOM) or GB18030, streamed a record at a time.

A file is read so that nothing in it is lost and nothing guessed:

- Its bytes are read once, in blocks cut at a line end, and decoded a block at a
  time. While the text is ASCII its encoding is left open; the first bytes that
  are not ASCII decide it, wherever they are: UTF-8 if the text from there on is
  UTF-8, else GB18030 if it is GB18030 (if it is neither, the first of the two
  that reads their line). A line that is not text in that encoding is a problem
  at its line, and reading goes on with the next line: a stray byte costs one
  line, not the rows around it.
- The csv module reads the records of each block. A record it cannot read (a
  stray quote, a quote never closed) is a problem at the line where the record
  starts, and so is a record over several lines without the header's number of
  fields (a stray quote that took the lines after it into one field); reading
  goes on with the line after that start, so the rows a broken quote would have
  swallowed are read. A record may run over at most :data:`RECORD_LIMIT`
  characters before it counts as never closed.
- Nothing is read twice or looked ahead of, so a pipe, a FIFO and standard input
  (``-``) are read as a file is. A FIFO is opened without waiting for a writer;
  with none, it is empty.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import os
import re
import stat
import sys
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from pcheck import progress
from pcheck.errors import DataFileError
from pcheck.model import Location, Message, Problem
from pcheck.sources import Record, Sheet

ENCODINGS = ("utf-8", "gb18030")
FIELD_LIMIT = 1024 * 1024  # larger than any real cell; a hostile one cannot exhaust memory
RECORD_LIMIT = 4 * FIELD_LIMIT
"""What one record may take: a line runs at most this many bytes past a block without
its end, and a record over several lines at most this many characters."""
STANDARD_INPUT = "-"
"""The name that stands for standard input."""

_BLOCK = 1024 * 1024
_SNIFF_BYTES = 64 * 1024  # a NUL here means a binary file; also what decides an encoding
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_LINE_END = re.compile(rb"\r\n?|\n")


class _HeaderUnreadable(Exception):
    """A problem before the first record: the file has no header to read by."""


def sheets(path: Path, names: Sequence[str] | None = None) -> Iterator[Sheet]:
    """The one table of a CSV file (``-``: standard input); ``names`` (of sheets) is
    ignored: a CSV file has one table."""
    name = str(path)
    with _opened(path, name) as handle:
        size = _size(handle)
        progress.begin(Message.of("progress.reading", file=name), size, "bytes")
        reader = _Reader(handle, name)
        yield reader.sheet()


def _size(handle: BinaryIO) -> int | None:
    """The size of a regular file (what its progress is a share of), else ``None``."""
    try:
        info = os.fstat(handle.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


@contextlib.contextmanager
def _opened(path: Path, name: str) -> Iterator[BinaryIO]:
    """``path`` open for reading; standard input for ``-`` (left open afterwards)."""
    if name == STANDARD_INPUT:
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            raise _unreadable(name, os.strerror(errno.EBADF))
        yield stdin
        return
    try:
        handle = _open(path)
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    with handle:
        yield handle


def _open(path: Path) -> BinaryIO:
    """Open without blocking, so that a FIFO without a writer does not wait for one;
    then read as usual (a FIFO without a writer reads as empty)."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if nonblocking:
            os.set_blocking(descriptor, True)
        return open(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _unreadable(name: str, reason: str) -> DataFileError:
    return DataFileError.at(Location(name), Message.of("file.unreadable", reason=reason))


class _Reader:
    """The records of one file, and the problems met on the way (in line order)."""

    def __init__(self, handle: BinaryIO, name: str) -> None:
        self.handle = handle
        self.name = name
        self.encoding: str | None = None  # open while the text is ASCII
        self.problems: list[Problem] = []
        self.width: int | None = None  # the header's number of fields, once read
        # A record that runs on into the next segment: its line, its text, the line after.
        self.carry: tuple[int, str, int] | None = None
        self.after = 1  # the line after the text the records' reader last finished
        self.ended = False  # a read found the end of the file, or failed
        self.failed = False  # a read failed: what was read of the last line is not all of it

    def sheet(self) -> Sheet:
        """The header and the records after it; :class:`DataFileError` when there is
        no header to read."""
        csv.field_size_limit(FIELD_LIMIT)
        try:
            records = self._records(self._segments(self._blocks(self._start())))
            first = next(records, None)
        except _HeaderUnreadable:
            raise DataFileError(self.problems) from None
        if first is None:
            raise DataFileError([Problem(Location(self.name), Message.of("data.empty"), "empty")])
        self.width = len(first[1])
        return Sheet(self.name, None, first[1], records, self.problems)

    def _problem(self, line: int | None, message: Message, code: str) -> None:
        self.problems.append(Problem(Location(self.name, line), message, code))
        if self.width is None:
            raise _HeaderUnreadable

    # -- bytes -----------------------------------------------------------------------

    def _read(self) -> bytes:
        """The next block of the file; empty at its end (asked no further: a terminal
        would wait for a second end) or when it cannot be read."""
        if self.ended:
            return b""
        try:
            data = self.handle.read(_BLOCK)
        except OSError as exc:
            self.ended = self.failed = True
            message = Message.of("file.unreadable", reason=exc.strerror or str(exc))
            self._problem(None, message, "invalid")
            return b""
        self.ended = not data
        progress.advance(len(data))
        return data

    def _start(self) -> bytes:
        """The first block, once it is known to be text; a UTF-8 BOM decides the
        encoding and is dropped."""
        data = self._read()
        location = Location(self.name)
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise DataFileError.at(location, Message.of("data.utf16"), "encoding")
        if b"\x00" in data[:_SNIFF_BYTES]:
            raise DataFileError.at(location, Message.of("data.binary"), "encoding")
        if data.startswith(codecs.BOM_UTF8):
            self.encoding = "utf-8"
            return data[len(codecs.BOM_UTF8) :]
        return data

    def _blocks(self, pending: bytes) -> Iterator[bytes | None]:
        """Blocks of whole lines (the file's last line may have no end), from
        ``pending`` on; ``None`` for a line longer than :data:`RECORD_LIMIT`, which
        is skipped."""
        while True:
            more = self._read()
            if not more:
                if pending and not self.failed:
                    yield pending
                return
            cut = _last_line_end(more)
            if cut:
                yield b"".join((pending, memoryview(more)[:cut]))
                pending = more[cut:]
                continue
            pending += more  # a line longer than a block, or its end
            cut = _last_line_end(pending)
            if cut:
                yield pending[:cut]
                pending = pending[cut:]
            elif len(pending) > RECORD_LIMIT:
                yield None
                pending = self._skip_line(pending)

    def _skip_line(self, data: bytes) -> bytes:
        """What follows the end of the line that ``data`` begins."""
        while True:
            end = _line_end(data, 0)
            if end != -1:
                return data[end:]
            more = self._read()
            if not more:
                return b""
            data = data[-1:] + more  # keep a "\r" whose "\n" may follow

    # -- text ------------------------------------------------------------------------

    def _segments(self, blocks: Iterator[bytes | None]) -> Iterator[tuple[int, str]]:
        """Runs of decoded lines as (first line, text); a line that cannot be decoded
        (or is too long) is a problem at its line, between two runs."""
        line = 1
        for data in blocks:
            if data is None:
                if self.carry is not None:
                    yield line, ""  # a record cannot run over this line
                message = _unreadable_csv(Message.of("csv.line-too-long", limit=RECORD_LIMIT))
                self._problem(line, message, "csv")
                line += 1
            else:
                line = yield from self._decode(data, line)

    def _decode(self, data: bytes, line: int) -> Generator[tuple[int, str], None, int]:
        """The segments of one block, whose first line is ``line``; return the line
        after it. (The lines of a segment are counted by the records' reader, which
        sets :attr:`after` once it has read them.)"""
        view = memoryview(data)
        start = 0
        while start < len(data):
            encoding = self.encoding
            if encoding is None:
                found = _NON_ASCII.search(data, start)
                if found is None:
                    yield line, str(view[start:], "ascii")
                    return self.after
                encoding = self._decide(data, start, found.start())
                if encoding is None:
                    start, line = yield from self._skip(data, start, found.start(), line, "ascii")
                    continue
            try:
                text = data.decode(encoding) if start == 0 else str(view[start:], encoding)
            except UnicodeDecodeError as exc:
                start, line = yield from self._skip(data, start, start + exc.start, line, encoding)
            else:
                yield line, text
                return self.after
        return line

    def _skip(
        self, data: bytes, start: int, bad: int, line: int, encoding: str
    ) -> Generator[tuple[int, str], None, tuple[int, int]]:
        """Yield the lines of ``data[start:]`` before the one holding byte ``bad``,
        report that line, and say where the next one starts (offset, line)."""
        head = _line_start(data, start, bad)
        if head > start:
            yield line, str(memoryview(data)[start:head], encoding)
            line = self.after
        if self.carry is not None:
            yield line, ""  # a record cannot run over this line
        if self.encoding is None:
            message = Message.of("data.encoding")
        else:
            message = Message.of("data.encoding-changes", encoding=self.encoding.upper())
        self._problem(line, message, "encoding")
        end = _line_end(data, bad)
        return (len(data) if end == -1 else end), line + 1

    def _decide(self, data: bytes, start: int, first: int) -> str | None:
        """The encoding of the text from the line of the first non-ASCII byte (at
        ``first``, after ``start``) on: the first of UTF-8 and GB18030 that reads the
        next 64 KiB, else the first that reads that line (the text is mixed); ``None``
        if neither reads that line."""
        head = _line_start(data, start, first)
        sample = data[head : first + _SNIFF_BYTES]
        end = _line_end(data, first)
        line_end = (len(data) if end == -1 else end) - head
        reach: dict[str, int] = {}
        for encoding in ENCODINGS:
            try:
                # final=False: a character cut at the end of the sample is no error.
                codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            except UnicodeDecodeError as exc:
                reach[encoding] = exc.start
            else:
                self.encoding = encoding
                return encoding
        for encoding in ENCODINGS:
            if reach[encoding] >= line_end:
                self.encoding = encoding
                return encoding
        return None

    # -- records ---------------------------------------------------------------------

    def _texts(self, segments: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str, bool]]:
        """The segments, with a record carried over from the one before prepended;
        and whether nothing follows (a record still open there is never closed). An
        empty segment stands for a line that could not be read, which ends a record."""
        for first, text in segments:
            if self.carry is not None:
                line, held, following = self.carry
                self.carry = None
                if text and following == first:
                    first, text = line, held + text
                else:
                    yield line, held, True
            if text:
                yield first, text, False
        if self.carry is not None:
            line, held, _ = self.carry
            self.carry = None
            yield line, held, True

    def _records(self, segments: Iterator[tuple[int, str]]) -> Iterator[Record]:
        """(first line, fields) of each record that can be read."""
        for first, text, final in self._texts(segments):
            buffer = io.StringIO(text, newline="")
            reader = csv.reader(buffer, strict=True)
            base = first - 1  # the line before the reader's first
            line = first  # where the next record starts
            mark = (first, 0)  # a line, and where it starts in the text
            unquoted = '"' not in text  # then every record is one line, and no quote breaks
            while True:
                try:
                    if unquoted:
                        for record in reader:
                            yield line, record
                            line += 1
                        self.after = line
                        break
                    for record in reader:
                        end = base + reader.line_num
                        if end != line and len(record) != self.width and self.width is not None:
                            why = Message.of(
                                "csv.quote-runs-on",
                                lines=end - line + 1,
                                found=len(record),
                                width=self.width,
                            )
                            message = _unreadable_csv(why)
                            self._problem(line, message, "csv")
                            break
                        yield line, record
                        line = end + 1
                    else:
                        self.after = line
                        break
                except csv.Error as exc:
                    end = base + reader.line_num
                    if not final and buffer.tell() == len(text):
                        # The record may go on in the next segment: carry it over.
                        start = _seek_line(buffer, mark, line)
                        if len(text) - start <= RECORD_LIMIT:
                            self.carry = (line, text[start:], end + 1)
                            self.after = end + 1
                            break
                        message = _unreadable_csv(
                            Message.of("csv.quote-unclosed", limit=RECORD_LIMIT)
                        )
                    elif final and buffer.tell() == len(text) and end > line:
                        message = _unreadable_csv(
                            Message.of("csv.quote-unclosed", limit=RECORD_LIMIT)
                        )
                    else:
                        message = Message.of("data.csv", detail=str(exc))
                    self._problem(line, message, "csv")
                    if end == line:  # the reader goes on with the next line
                        line += 1
                        continue
                # Read on from the line after the broken record's first.
                line += 1
                mark = (line, _seek_line(buffer, mark, line))
                reader = csv.reader(buffer, strict=True)
                base = line - 1


def _unreadable_csv(why: Message) -> Message:
    """A record or a line that cannot be read as CSV, and why."""
    return Message.of("data.csv", detail=why)


def _seek_line(buffer: io.StringIO, mark: tuple[int, int], line: int) -> int:
    """Move ``buffer`` to the start of ``line``, counting lines on from ``mark`` as
    the reader does; return that position."""
    at, position = mark
    buffer.seek(position)
    for _ in range(line - at):
        buffer.readline()
    return buffer.tell()


def _last_line_end(data: bytes) -> int:
    """Where the text after the last certain line end of ``data`` starts (0 if none):
    a final ``\\r`` may yet be followed by its ``\\n``."""
    return max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1


def _line_start(data: bytes, start: int, at: int) -> int:
    """The start of the line that holds byte ``at`` (not before ``start``)."""
    return max(data.rfind(b"\n", start, at), data.rfind(b"\r", start, at), start - 1) + 1


def _line_end(data: bytes, at: int) -> int:
    """Where the line that holds byte ``at`` ends (after its line end), or -1 if
    ``data`` does not say (a final ``\\r`` may yet be followed by its ``\\n``)."""
    found = _LINE_END.search(data, at)
    if found is None or (found.end() == len(data) and found.group() == b"\r"):
        return -1
    return found.end()
