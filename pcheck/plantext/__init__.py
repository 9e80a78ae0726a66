"""The text of a plan document: a .txt, .html or .docx file as plain text.

:func:`read_plan` reads a file whatever its kind into a :class:`PlanText`, with
paragraphs separated by new lines, and the title and page metadata the file states.
Each kind is one reader in ``READERS`` (the HTML and docx ones in modules of their
own). Nothing is guessed: text is decoded strictly (a byte-order mark, then UTF-8,
then what an HTML page declares, then GB18030) or refused with the byte where it
fails, and every file that cannot be read raises :class:`PlanTextError`.

:func:`searchable` is the form in which quotes are looked for in a plan's text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from pcheck.errors import PlanTextError
from pcheck.files import NotARegularFile, read_regular
from pcheck.model import Location, Message

MAX_BYTES = 32 * 1024 * 1024
"""The largest plan file read: far above any plan, far below what would hurt."""


@dataclass(frozen=True, slots=True)
class PlanText:
    """A plan document's plain text (paragraphs separated by ``\\n``), its kind
    (``txt``, ``html`` or ``docx``), the title it states, if any, and what a web
    page's meta tags say (``ArticleTitle``, ``PubDate``, ``ContentSource`` …)."""

    text: str
    path: Path
    kind: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class Contents(NamedTuple):
    """What a reader finds in a file's bytes."""

    text: str
    title: str | None = None
    meta: Mapping[str, str] = MappingProxyType({})


Reader = Callable[[bytes, str], Contents]


def read_plan(path: Path) -> PlanText:
    """The text of the plan document at ``path``; :class:`PlanTextError` when it
    cannot be read (unknown kind, too large, not text, a damaged archive …)."""
    name = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        suffixes = ", ".join(sorted(KINDS))
        message = Message.of("plan.kind", suffix=path.suffix, suffixes=suffixes)
        raise PlanTextError.at(Location(name), message, "plan-kind")
    contents = _reader(kind)(read_bytes(path), name)
    return PlanText(contents.text, path, kind, contents.title or None, dict(contents.meta))


KINDS: dict[str, str] = {".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx"}
"""File endings, each to the kind of plan it holds."""

READERS: dict[str, str] = {
    "txt": "pcheck.plantext:read_txt",
    "html": "pcheck.plantext.html_page:read_html",
    "docx": "pcheck.plantext.docx_file:read_docx",
}
"""Each kind to its reader, imported when first needed."""


def _reader(kind: str) -> Reader:
    import importlib

    module, _, function = READERS[kind].partition(":")
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    name = str(path)
    too_large = PlanTextError.at(
        Location(name), Message.of("file.too-large", limit=limit), "too-large"
    )
    try:
        raw = read_regular(path, limit)
    except NotARegularFile:
        raise PlanTextError.at(
            Location(name), Message.of("file.not-a-file"), "unreadable"
        ) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        message = Message.of("file.unreadable", reason=getattr(exc, "strerror", None) or str(exc))
        raise PlanTextError.at(Location(name), message, "unreadable") from None
    if raw is None:
        raise too_large
    return raw


def read_txt(raw: bytes, path: str) -> Contents:
    """A text file: its text as it is, with its line ends made ``\\n``."""
    return Contents(newlines(decode(raw, path)))


def newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and lone ``\\r`` made ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {
    "utf-8": "UTF-8",
    "gb18030": "GB18030",
    "big5hkscs": "Big5-HKSCS",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
}


def decode(raw: bytes, path: str, declared: str | None = None) -> str:
    """``raw`` as text, decoded strictly: by its byte-order mark alone when it has
    one; else as UTF-8, then ``declared`` (a Python codec name), then GB18030. Text
    that none of them reads, or that holds NUL characters (a binary file), is an
    error."""
    start = 0
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            start, encodings = len(bom), [encoding]
            break
    else:
        # UTF-8 before what a page declares: text that is valid UTF-8 is UTF-8 (Chinese
        # in another encoding almost never is), while GB18030 would read UTF-8 bytes
        # without an error, as other characters.
        encodings = list(dict.fromkeys(e for e in ("utf-8", declared, "gb18030") if e))
    failure: tuple[str, int] | None = None
    for encoding in encodings:
        try:
            text = raw[start:].decode(encoding)
        except UnicodeDecodeError as exc:
            failure = failure or (encoding, start + exc.start)
            continue
        if "\x00" in text:
            byte = raw.find(b"\x00")
            location = Location(path, raw.count(b"\n", 0, max(byte, 0)) + 1)
            raise PlanTextError.at(location, Message.of("plan.binary"), "binary")
        return text
    assert failure is not None
    encoding, byte = failure
    message = Message.of(
        "plan.encoding",
        encodings=" or ".join(_NAMES[e] for e in encodings),
        encoding=_NAMES[encoding],
        byte=byte,
    )
    line = raw.count(b"\n", 0, byte) + 1
    raise PlanTextError.at(Location(path, line), message, "encoding")


# Romanisation that some sources carry in parentheses after characters: 揚(yáng)州.
_ROMANISATION = re.compile(r"\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]+\)")
# Whitespace of every kind, and the invisible marks that web pages scatter in text.
_BLANKS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def searchable(text: str) -> str:
    """``text`` as quotes are looked for in it: with whitespace (and invisible
    marks) and romanisation in parentheses removed, every other character kept."""
    return _BLANKS.sub("", _ROMANISATION.sub("", text))


def lines(pieces: Iterable[str]) -> str:
    """Pieces of text joined into lines: spaces collapsed, cells (tabs) kept,
    blank lines dropped."""
    kept = []
    for line in "".join(pieces).split("\n"):
        line = _AROUND_TAB.sub("\t", _SPACES.sub(" ", line)).strip()
        if line:
            kept.append(line)
    return "\n".join(kept)


_SPACES = re.compile(r" {2,}")
_AROUND_TAB = re.compile(r" *\t *")
