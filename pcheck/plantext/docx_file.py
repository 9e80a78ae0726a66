"""The text of a Word document (.docx), with the standard library alone.

A .docx file is a zip archive of XML parts. Only three are read: the main document
(found through ``_rels/.rels``), its styles (to know which paragraphs are titles and
headings) and the core properties (the title). Each is streamed through expat, the
XML parser of the standard library, which builds no tree and does not recurse, so
neither size nor nesting costs more than the text itself.

Hostile archives are refused before they cost anything: a central directory larger
than a document's (``MAX_DIRECTORY``), parts that together hold more than
``MAX_XML_BYTES`` once uncompressed (as declared, and as actually read: the zip
reader stops at the declared size and checks the CRC), encrypted or unknown
compression, and any part with a document type declaration — a .docx never has
one, so entity expansion ("billion laughs") and external entities are refused at
its first line, before expat's own limits would be needed.

Paragraphs are lines; in a table, cells are separated by tabs and rows by lines
(paragraphs within a cell by spaces). Deleted and moved-away text of tracked
changes, field codes, and the fallback copies of drawings are left out.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from pcheck.errors import PlanTextError
from pcheck.model import Location, Message
from pcheck.plantext import Contents, lines

MAX_XML_BYTES = 64 * 1024 * 1024
MAX_DIRECTORY = 4 * 1024 * 1024
MAX_ENTRIES = 10_000
_CHUNK = 64 * 1024

_MAIN = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict Office Open XML
}
_W = tuple(sorted(_MAIN))
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
_RELATIONSHIPS = {
    "http://schemas.openxmlformats.org/package/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
_TITLE_STYLES = frozenset({"title", "heading 1", "heading1"})

# Errors the zip and decompression modules raise on a damaged archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # encrypted
    NotImplementedError,  # an unknown compression method
    ValueError,
    UnicodeDecodeError,
)


def read_docx(raw: bytes, path: str) -> Contents:
    """The text and title of a .docx file."""
    _check_directory(raw, path)
    budget = _Budget(path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            package = _Package(archive, path, budget)
            main = package.related("", "officeDocument") or "word/document.xml"
            if main not in package.names:
                message = Message.of("plan.docx-part", part=main)
                raise PlanTextError.at(Location(path), message, "docx")
            styles = package.styles(package.related(main, "styles"))
            title = package.core_title(package.related("", "core-properties"))
            body = _Body(styles)
            package.parse(main, body.handlers())
    except _ZIP_ERRORS as exc:
        message = Message.of("plan.docx-damaged", reason=str(exc) or type(exc).__name__)
        raise PlanTextError.at(Location(path), message, "docx") from None
    return Contents(lines(body.pieces), title or body.title)


def _check_directory(raw: bytes, path: str) -> None:
    """Refuse what is not a zip archive, and a central directory larger than any
    document's, before the zip reader builds an entry for each of its records."""
    end = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65_557))
    if end < 0 or len(raw) < end + 22:
        raise PlanTextError.at(Location(path), Message.of("plan.docx-not-zip"), "docx")
    entries = int.from_bytes(raw[end + 10 : end + 12], "little")
    size = int.from_bytes(raw[end + 12 : end + 16], "little")
    if entries > MAX_ENTRIES or size > MAX_DIRECTORY:
        message = Message.of("plan.docx-entries", limit=MAX_ENTRIES)
        raise PlanTextError.at(Location(path), message, "docx")


class _Budget:
    """How many bytes of XML are left to read, over all parts."""

    def __init__(self, path: str) -> None:
        self.left = MAX_XML_BYTES
        self.path = path

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            message = Message.of("plan.docx-too-large", limit=MAX_XML_BYTES)
            raise PlanTextError.at(Location(self.path), message, "too-large")


Handlers = dict[str, Callable[..., Any]]


class _Refused(Exception):
    """A document type declaration, which no part of a .docx has."""


class _Package:
    """The parts of a .docx archive, read as XML."""

    def __init__(self, archive: zipfile.ZipFile, path: str, budget: _Budget) -> None:
        self.archive = archive
        self.path = path
        self.budget = budget
        self.names = {info.filename for info in archive.infolist()}

    def parse(self, part: str, handlers: Handlers) -> None:
        """Stream ``part`` through expat with ``handlers``."""
        from xml.parsers import expat

        info = self.archive.getinfo(part)
        if info.file_size > self.budget.left:
            self.budget.take(info.file_size)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        for name, handler in handlers.items():
            setattr(parser, name, handler)
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    self.budget.take(len(chunk))
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except _Refused:
            message = Message.of("plan.docx-dtd", part=part)
            raise PlanTextError.at(Location(self.path), message, "docx") from None
        except expat.ExpatError as exc:
            message = Message.of(
                "plan.docx-xml",
                part=part,
                line=exc.lineno,
                column=exc.offset + 1,
                detail=expat.ErrorString(exc.code),
            )
            raise PlanTextError.at(Location(self.path), message, "docx") from None

    def related(self, source: str, kind: str) -> str | None:
        """The part that ``source`` (``""``: the package) names as its ``kind``
        relationship (the last segment of its type), if there is one."""
        folder, name = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.names:
            return None
        found: list[str] = []

        def start(element: str, attributes: dict[str, str]) -> None:
            namespace, _, local = element.rpartition(" ")
            if (
                namespace in _RELATIONSHIPS
                and local == "Relationship"
                and attributes.get("Type", "").rsplit("/", 1)[-1] == kind
                and attributes.get("TargetMode", "Internal") == "Internal"
            ):
                found.append(attributes.get("Target", ""))

        self.parse(rels, {"StartElementHandler": start})
        return next((p for p in map(lambda t: _resolve(folder, t), found) if p), None)

    def styles(self, part: str | None) -> dict[str, str]:
        """Each paragraph style's id and its name, in lower case."""
        names: dict[str, str] = {}
        if part is None or part not in self.names:
            return names
        current: list[str] = []

        def start(element: str, attributes: dict[str, str]) -> None:
            namespace, _, local = element.rpartition(" ")
            if namespace not in _MAIN:
                return
            if local == "style":
                current[:] = [_attribute(attributes, "styleId")]
            elif local == "name" and current:
                names[current[0]] = _attribute(attributes, "val").lower()

        self.parse(part, {"StartElementHandler": start})
        return names

    def core_title(self, part: str | None) -> str | None:
        """The title the core properties give, if any."""
        if part is None or part not in self.names:
            return None
        inside, text = [0], []

        def start(element: str, attributes: dict[str, str]) -> None:
            inside[0] += element == f"{_DUBLIN_CORE} title"

        def end(element: str) -> None:
            inside[0] -= element == f"{_DUBLIN_CORE} title"

        def data(chunk: str) -> None:
            if inside[0]:
                text.append(chunk)

        handlers: Handlers = {
            "StartElementHandler": start,
            "EndElementHandler": end,
            "CharacterDataHandler": data,
        }
        self.parse(part, handlers)
        return " ".join("".join(text).split()) or None


def _refuse(*_: object) -> None:
    raise _Refused


def _resolve(folder: str, target: str) -> str | None:
    """The part a relationship's target names, within the package, or ``None``."""
    path = posixpath.normpath(
        target[1:] if target.startswith("/") else posixpath.join(folder, target)
    )
    if path.startswith(("../", "/")) or path in (".", ".."):
        return None
    return path


def _attribute(attributes: dict[str, str], local: str) -> str:
    """A WordprocessingML attribute (``w:val``), in either namespace."""
    for namespace in _W:
        value = attributes.get(f"{namespace} {local}")
        if value is not None:
            return value
    return ""


class _Body:
    """What the main document part says, as expat reads it."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.pieces: list[str] = []
        self.title: str | None = None
        self.tables = 0
        self.runs = 0
        self.text = 0
        self.skip = 0  # depth within content that is left out
        self.paragraph_start = 0
        self.style = ""

    def handlers(self) -> Handlers:
        return {
            "StartElementHandler": self.start,
            "EndElementHandler": self.end,
            "CharacterDataHandler": self.data,
        }

    def start(self, element: str, attributes: dict[str, str]) -> None:
        if self.skip:
            self.skip += 1
            return
        namespace, _, local = element.rpartition(" ")
        if namespace == _MARKUP_COMPATIBILITY and local == "Fallback":
            self.skip = 1
        if namespace not in _MAIN:
            return
        if local in ("moveFrom", "instrText", "delText"):
            self.skip = 1
        elif local == "p":
            self.paragraph_start, self.style = len(self.pieces), ""
        elif local == "pStyle":
            self.style = _attribute(attributes, "val")
        elif local == "t":
            self.text += 1
        elif local == "r":
            self.runs += 1
        elif local == "tbl":
            self.tables += 1
        elif self.runs:
            self.inline(local)

    def inline(self, local: str) -> None:
        """An element within a run that stands for a character."""
        if local == "tab":
            self.pieces.append("\t" if not self.tables else " ")
        elif local in ("br", "cr"):
            self.pieces.append("\n" if not self.tables else " ")
        elif local == "noBreakHyphen":
            self.pieces.append("\u2011")

    def end(self, element: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        namespace, _, local = element.rpartition(" ")
        if namespace not in _MAIN:
            return
        if local == "p":
            self.paragraph()
        elif local == "t":
            self.text -= 1
        elif local == "r":
            self.runs -= 1
        elif local == "tbl":
            self.tables -= 1
            self.pieces.append("\n" if not self.tables else " ")
        elif local == "tc":
            self.pieces.append("\t" if self.tables == 1 else " ")
        elif local == "tr":
            self.pieces.append("\n" if self.tables == 1 else " ")

    def paragraph(self) -> None:
        if self.title is None and (
            self.style in ("Title", "Heading1") or self.styles.get(self.style, "") in _TITLE_STYLES
        ):
            self.title = " ".join("".join(self.pieces[self.paragraph_start :]).split()) or None
        self.pieces.append(" " if self.tables else "\n")

    def data(self, chunk: str) -> None:
        if self.text and not self.skip:
            self.pieces.append(chunk)
