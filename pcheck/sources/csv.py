"""CSV text: UTF-8 (with or without BOM) or GB18030, streamed a record at a time."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pcheck.errors import DataFileError
from pcheck.model import Location, Message, Problem
from pcheck.sources import Record, Sheet

ENCODINGS = ("utf-8", "gb18030")
FIELD_LIMIT = 1024 * 1024  # larger than any real cell; a hostile one cannot exhaust memory
_SNIFF_BYTES = 64 * 1024


def sheets(path: Path) -> Iterator[Sheet]:
    """The one table of a CSV file."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataFileError.at(
            Location(name), Message.of("file.unreadable", reason=reason)
        ) from None
    with handle:
        encoding = detect_encoding(handle, name)
        text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
        csv.field_size_limit(FIELD_LIMIT)
        problems: list[Problem] = []
        records = _records(csv.reader(text, strict=True), path, encoding, problems)
        first = next(records, None)
        if first is None:
            empty = Problem(Location(name), Message.of("data.empty"), "empty")
            raise DataFileError([*problems, empty])
        yield Sheet(name, None, first[1], records, problems)


def detect_encoding(handle: BinaryIO, name: str) -> str:
    """UTF-8 (with or without BOM) or GB18030, from the start of the file."""
    start = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    location = Location(name)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataFileError.at(location, Message.of("data.utf16"), "encoding")
    if b"\x00" in start:
        raise DataFileError.at(location, Message.of("data.binary"), "encoding")
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            # final=False: a character cut at the end of the sample is not an error.
            codecs.getincrementaldecoder(encoding)().decode(start, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise DataFileError.at(location, Message.of("data.encoding"), "encoding")


def _records(
    reader: Iterator[list[str]], path: Path, encoding: str, problems: list[Problem]
) -> Iterator[Record]:
    """(first line, fields) of each record; a decoding or CSV error ends the file."""
    line = 1
    try:
        for record in reader:
            yield line, record
            line = reader.line_num + 1  # type: ignore[attr-defined]
    except UnicodeDecodeError:
        # The decoder reads ahead in blocks, so find the line itself again.
        line = _first_undecodable_line(path, encoding) or line
        message = Message.of("data.encoding-changes", encoding=encoding)
        problems.append(Problem(Location(str(path), line), message, "encoding"))
    except csv.Error as exc:
        message = Message.of("data.csv", detail=str(exc))
        problems.append(Problem(Location(str(path), line), message, "csv"))


def _first_undecodable_line(path: Path, encoding: str) -> int | None:
    """The number of the first line that ``encoding`` cannot decode."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None
