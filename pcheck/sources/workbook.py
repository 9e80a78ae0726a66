"""Workbooks: .xlsx, .xlsm, .xlsb, .xls and .ods, read with python-calamine.

Each sheet is one :class:`~pcheck.sources.Sheet`: its first row with a cell in it
is the header, every row after it a record, numbered as the spreadsheet numbers
them (empty rows too, as empty cells) and as wide as the sheet, from column A on.

Cells become the text a person would type for them, nothing rounded: a number as
the shortest text that reads back as the number stored (``3``, not ``3.0``), a
date as ISO 8601 (``2024-06-30``), a logical value as ``TRUE``/``FALSE``. A number
shown as a percentage is stored as a fraction (3.2% as 0.032); in .xlsx/.xlsm and
.ods files it is given as the percentage shown (``3.2%``, scaled exactly). An error
cell (``#DIV/0!``) is given as its text in .xlsx/.xlsm and .ods files, and as an
empty cell in the others: never as a number. In .xls and .xlsb files number formats
are not read, so a percentage there is its fraction. A merged range has its value
in its top-left cell only; the other cells of the range are empty.

Hidden sheets are not read unless named (``--sheet``); each one skipped is a
warning. A file that is not a workbook, is encrypted, or would take more memory
than :data:`MAX_UNCOMPRESSED` bytes unpacked or :data:`MAX_CELLS` cells in a sheet
is refused before it is read; a sheet that cannot be read is a problem of that
sheet, after the sheets that could be read.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import re
import stat
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

from pcheck import progress
from pcheck.errors import DataFileError
from pcheck.model import Location, Message, Problem, Severity
from pcheck.sources import Record, Sheet, column_letter

MAX_UNCOMPRESSED = 512 * 1024 * 1024
"""What the parts of a zipped workbook may take unpacked, together."""
MAX_RATIO = 100
"""How much a part larger than :data:`_RATIO_FLOOR` may unpack to, per byte packed."""
MAX_CELLS = 1 << 24
"""What the smallest rectangle holding every cell of a sheet may hold (the reader
keeps a sheet's cells in memory as that rectangle): 65,536 rows by 256 columns."""

_RATIO_FLOOR = 1024 * 1024
_ZIPPED = frozenset({".xlsx", ".xlsm", ".xlsb", ".ods"})
_CHUNK = 4 * 1024 * 1024
_COLUMNS = {0: 1, 1: 26, 2: 702, 3: 16384}  # the last column with so many letters
_REFS = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\t\n\r", b"A" * 26 + b"0" * 10 + b"   "
)
_SPACES = bytes.maketrans(b"\t\n\r", b"   ")
_REF = re.compile(rb' r="([A-Z]*)([0-9]+)"')
_CELL = re.compile(rb"<c\s([^>]*?)(/?)>")
_ATTRIBUTE = re.compile(rb'\b(r|s|t)="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PERCENT_FORMATS = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

Overlay = dict[tuple[int, int], str]
"""Cells whose text the reader does not give: (row, column), both 0-based → text."""


def sheets(path: Path, names: Sequence[str] | None = None) -> Iterator[Sheet]:
    """The sheets of the workbook at ``path`` (only those in ``names``, if given)."""
    from python_calamine import CalamineError, CalamineWorkbook

    name = str(path)
    suffix = path.suffix.lower()
    _check_file(path, name, suffix)
    overlays = _Overlays(path, name, suffix)
    overlays.prepare()
    try:
        book = CalamineWorkbook.from_path(name)
    except (CalamineError, OSError, ValueError) as exc:
        raise _refused(name, exc) from None
    except BaseException as exc:  # a reader's panic is no Exception
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _refused(name, exc) from None
    with book:
        problems: list[Problem] = []
        chosen = _chosen(book, name, names, problems)
        for sheet_name in chosen:
            try:
                overlay = overlays.of(sheet_name)
                found = _sheet(book, name, sheet_name, overlay)
            except DataFileError as exc:
                problems.extend(exc.problems)
                continue
            if found is not None:
                yield found
        if problems:
            raise DataFileError(problems)


def _refused(name: str, exc: BaseException) -> DataFileError:
    """The whole file cannot be read: why, in the reader's words."""
    from python_calamine import PasswordError

    if isinstance(exc, PasswordError):
        return DataFileError.at(Location(name), Message.of("workbook.encrypted"), "workbook")
    reason = str(exc).strip() or type(exc).__name__
    return DataFileError.at(
        Location(name), Message.of("workbook.unreadable", reason=reason), "workbook"
    )


def _check_file(path: Path, name: str, suffix: str) -> None:
    """Refuse what is no regular file, and a zipped workbook that would unpack to
    more than memory allows, before the reader opens it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        message = Message.of("file.unreadable", reason=exc.strerror or str(exc))
        raise DataFileError.at(Location(name), message) from None
    if not stat.S_ISREG(mode):
        message = Message.of("workbook.not-a-file")
        raise DataFileError.at(Location(name), message, "workbook")
    if suffix not in _ZIPPED:
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        kind = suffix.lstrip(".")
        message = Message.of("workbook.not-a-workbook", kind=kind)
        raise DataFileError.at(Location(name), message, "workbook") from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        message = Message.of("workbook.too-large", size=total, limit=MAX_UNCOMPRESSED)
        raise DataFileError.at(Location(name), message, "workbook")
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and member.file_size > packed * MAX_RATIO:
            message = Message.of(
                "workbook.bomb", part=member.filename, ratio=member.file_size // packed
            )
            raise DataFileError.at(Location(name), message, "workbook")


def _chosen(
    book: object, name: str, names: Sequence[str] | None, problems: list[Problem]
) -> list[str]:
    """The sheets to read: those named (each unknown name a problem), else every
    visible worksheet (each hidden one skipped a warning)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    metadata = book.sheets_metadata  # type: ignore[attr-defined]
    present = [sheet.name for sheet in metadata]
    if names:
        for wanted in dict.fromkeys(names):
            if wanted not in present:
                listed = ", ".join(present)
                message = Message.of("workbook.no-such-sheet", sheet=wanted, sheets=listed)
                problems.append(Problem(Location(name), message, "sheet"))
        return [sheet for sheet in present if sheet in names]
    chosen = []
    for sheet in metadata:
        if sheet.typ != SheetTypeEnum.WorkSheet:
            continue
        if sheet.visible != SheetVisibleEnum.Visible:
            message = Message.of("workbook.hidden-sheet", sheet=sheet.name)
            problems.append(
                Problem(Location(name, sheet=sheet.name), message, "hidden", Severity.WARNING)
            )
            continue
        chosen.append(sheet.name)
    return chosen


def _sheet(book: object, name: str, sheet_name: str, overlay: Overlay) -> Sheet | None:
    """One sheet, its header the first row with a cell in it; ``None`` if it has none."""
    from python_calamine import CalamineError

    where = Location(name, sheet=sheet_name)
    try:
        data = book.get_sheet_by_name(sheet_name)  # type: ignore[attr-defined]
        start = data.start
    except (CalamineError, ValueError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        message = Message.of("workbook.sheet-unreadable", reason=reason)
        raise DataFileError.at(where, message, "workbook") from None
    if start is None:
        return None
    stage = Message.of("progress.reading", file=f"{name}[{sheet_name}]")
    progress.begin(stage, data.height)
    rows = _rows(data.iter_rows(), start[1], start[1] + data.width, overlay)
    for line, cells in rows:
        if any(cells):
            return Sheet(name, sheet_name, cells, rows, header_line=line, letters=True)
    return None


def _rows(
    source: Iterator[list[object]], first: int, width: int, overlay: Overlay
) -> Iterator[Record]:
    """Every row as text, numbered from 1, ``width`` cells from column A on."""
    lead = [""] * first
    marked: dict[int, list[tuple[int, str]]] = {}
    for (row, column), text in overlay.items():
        marked.setdefault(row, []).append((column, text))
    as_text = _text
    for index, values in enumerate(source):
        cells = [*lead, *(v if type(v) is str else as_text(v) for v in values)]
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        for column, shown in marked.get(index, ()):
            if column < width:
                cells[column] = _shown(cells[column], shown)
        if not index & 0xFFF:
            progress.advance(index and 0x1000)
        yield index + 1, cells


def _shown(cell: str, shown: str) -> str:
    """A cell's text with what the file says of it besides its value: a percentage
    format (``%``) or an error's text."""
    if shown != "%":
        return shown if cell == "" else cell
    try:
        value = Decimal(cell)
    except ArithmeticError:
        return cell
    if not value.is_finite():
        return cell
    return f"{value.scaleb(2):f}%"


def _text(value: object) -> str:
    """A cell's value as text: nothing rounded, no float noise."""
    kind = type(value)
    if kind is float:
        number = value
        assert isinstance(number, float)
        if number.is_integer():
            return str(int(number))
        shortest = repr(number)
        if "e" in shortest and math.isfinite(number):
            return f"{Decimal(shortest):f}"
        return shortest
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return _duration(value)
    return str(value)


def _duration(value: datetime.timedelta) -> str:
    """A duration as ISO 8601 (``PT36H30M``, ``-PT1H``)."""
    sign = "-" if value < datetime.timedelta(0) else ""
    micro = abs(value) // datetime.timedelta(microseconds=1)
    seconds, micro = divmod(micro, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    second = f"{seconds}.{micro:06d}".rstrip("0") if micro else str(seconds)
    return f"{sign}PT{hours}H{minutes}M{second}S"


# -- what the reader does not give: formats, error texts, the sheet's extent ----------


class _Overlays:
    """Per sheet, the cells whose text the file says more of than the reader gives
    (percentages, errors); and the check that a sheet fits in :data:`MAX_CELLS`."""

    def __init__(self, path: Path, name: str, suffix: str) -> None:
        self.path = path
        self.name = name
        self.suffix = suffix
        self.parts: dict[str, str] | None = None
        self.percent: frozenset[int] = frozenset()
        self.ods: dict[str, Overlay] | None = None

    def prepare(self) -> None:
        """Read what must be known before the reader opens the file (it reads every
        table of an .ods file as it opens it): :class:`DataFileError` if a table is
        too large."""
        if self.suffix != ".ods":
            return
        with self._opened(Location(self.name)) as archive:
            self.ods, extents = _ods_overlays(archive)
        for table, (rows, columns) in extents.items():
            _check_extent(Location(self.name, sheet=table), rows, columns)

    def of(self, sheet: str) -> Overlay:
        """The overlay of ``sheet``; :class:`DataFileError` if it is too large to read."""
        if self.suffix == ".ods":
            return (self.ods or {}).get(sheet, {})
        if self.suffix not in _ZIPPED:
            return {}  # an .xls cannot hold more than MAX_CELLS cells in a sheet
        where = Location(self.name, sheet=sheet)
        with self._opened(where) as archive:
            if self.suffix == ".xlsb":
                return self._xlsb(archive, sheet, where)
            return self._xlsx(archive, sheet, where)

    @contextlib.contextmanager
    def _opened(self, where: Location) -> Iterator[zipfile.ZipFile]:
        """The file as a zip archive; what goes wrong reading its parts is a problem at
        ``where``."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                yield archive
        except (OSError, ValueError, EOFError, KeyError, ElementTree.ParseError) as exc:
            reason = str(exc).strip() or type(exc).__name__
            message = Message.of("workbook.sheet-unreadable", reason=reason)
            raise DataFileError.at(where, message, "workbook") from None
        except zipfile.BadZipFile as exc:
            raise _refused(self.name, exc) from None

    # .xlsx, .xlsm

    def _xlsx(self, archive: zipfile.ZipFile, sheet: str, where: Location) -> Overlay:
        if self.parts is None:
            self.parts = _xlsx_parts(archive)
            self.percent = _percent_styles(archive)
        part = self.parts.get(sheet)
        if part is None or part not in archive.namelist():
            return {}
        overlay: Overlay = {}
        extent = _Extent()
        with archive.open(part) as stream:
            for chunk in _chunks(stream):
                extent.see(chunk)
                if self.percent or b't="e"' in chunk:
                    _xlsx_cells(chunk, self.percent, overlay)
        if not extent.small:
            with archive.open(part) as stream:
                _check_extent(where, *_Extent.exactly(_chunks(stream)))
        return overlay

    # .xlsb

    def _xlsb(self, archive: zipfile.ZipFile, sheet: str, where: Location) -> Overlay:
        if self.parts is None:
            self.parts = _xlsx_parts(archive, binary=True)
        part = self.parts.get(sheet)
        if part is None or part not in archive.namelist():
            return {}
        with archive.open(part) as stream:
            rows, columns = _xlsb_extent(stream.read())
        _check_extent(where, rows, columns)
        return {}


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The text of a part in pieces cut after a ``>`` (so no tag is cut)."""
    pending = b""
    while True:
        data = stream.read(_CHUNK)
        if not data:
            if pending:
                yield pending
            return
        data = pending + data
        cut = data.rfind(b">") + 1
        if cut == 0:
            pending = data
            continue
        pending = data[cut:]
        yield data[:cut]


class _Extent:
    """Bounds of the rows and columns of a sheet part's cells, found at the speed of
    a byte search: how many letters and digits the longest references have, and the
    largest row number among the longest. Only when that bound is too large is each
    reference read (:meth:`exactly`)."""

    def __init__(self) -> None:
        self.letters = 0
        self.digits = 0
        self.row = 0  # the largest row among references of ``digits`` digits
        self.unreferenced = False  # a cell without a reference, placed by counting

    def see(self, chunk: bytes) -> None:
        shape = chunk.translate(_REFS)
        letters = next((n for n in (3, 2, 1) if b' r="' + b"A" * n + b"0" in shape), 0)
        self.letters = max(self.letters, letters)
        self.unreferenced = (
            self.unreferenced
            or b"<c>" in shape
            or b"<c/" in shape
            or shape.count(b"<c ") > shape.count(b'<c r="')
        )
        for digits in range(8, max(self.digits, 1) - 1, -1):
            needles = [b' r="' + b"A" * n + b"0" * digits + b'"' for n in range(letters + 1)]
            if any(needle in shape for needle in needles):
                if digits > self.digits:
                    self.digits, self.row = digits, 0
                self.row = max(self.row, _largest(chunk, shape, needles, digits))
                break

    @property
    def small(self) -> bool:
        """Whether the bound found is within :data:`MAX_CELLS`."""
        columns = _COLUMNS.get(self.letters, MAX_CELLS + 1)
        return not self.unreferenced and self.row * columns <= MAX_CELLS

    @staticmethod
    def exactly(chunks: Iterator[bytes]) -> tuple[int, int]:
        """The last row and a bound of the last column of a part's cells, from every
        reference (a cell without one counted after the row's last)."""
        rows = columns = 0
        for chunk in chunks:
            spaced = chunk.translate(_SPACES)
            for letters, digits in _REF.findall(spaced):
                if letters:
                    columns = max(columns, _column_number(letters))
                rows = max(rows, int(digits))
            if (
                b"<c>" in spaced
                or b"<c/" in spaced
                or spaced.count(b"<c ") > spaced.count(b'<c r="')
            ):
                most = max(
                    row.count(b"<c ") + row.count(b"<c>") + row.count(b"<c/")
                    for row in spaced.split(b"<row")
                )
                columns += most
                rows += spaced.count(b"<row")
        return rows, columns


def _largest(chunk: bytes, shape: bytes, needles: list[bytes], digits: int) -> int:
    """The largest row number among the references of ``digits`` digits (up to the
    first 4,096 of them; then any of them stands for the largest such number)."""
    largest = 0
    seen = 0
    for needle in needles:
        at = shape.find(needle)
        while at != -1 and seen < 4096:
            end = at + len(needle) - 1
            largest = max(largest, int(chunk[end - digits : end]))
            seen += 1
            at = shape.find(needle, at + 1)
        if seen >= 4096:
            return int(10**digits - 1)
    return largest


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_extent(where: Location, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        last = f"{column_letter(max(columns, 1) - 1)}{rows}"
        message = Message.of("workbook.too-many-cells", last=last, limit=MAX_CELLS)
        raise DataFileError.at(where, message, "workbook")


def _xlsx_parts(archive: zipfile.ZipFile, *, binary: bool = False) -> dict[str, str]:
    """Sheet name → the part holding it, from the workbook and its relationships."""
    book = "xl/workbook.bin" if binary else "xl/workbook.xml"
    relations = ElementTree.fromstring(archive.read("xl/_rels/" + book.split("/")[1] + ".rels"))
    targets = {
        item.get("Id"): str(item.get("Target", ""))
        for item in relations.iter(_RELATIONSHIPS + "Relationship")
    }
    if binary:
        names = _xlsb_sheet_ids(archive.read(book))
    else:
        root = ElementTree.fromstring(archive.read(book))
        names = [
            (str(item.get("name")), item.get(_RELATIONSHIP_ID))
            for item in root.iter(_MAIN + "sheet")
        ]
    parts = {}
    for sheet, relation in names:
        target = targets.get(relation, "")
        parts[sheet] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (their indexes) whose number format shows a percentage."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return frozenset()
    percent = set(_PERCENT_FORMATS)
    for item in root.iter(_MAIN + "numFmt"):
        code = _QUOTED.sub("", item.get("formatCode", ""))
        if "%" in code:
            percent.add(int(item.get("numFmtId", "-1")))
    styles = root.find(_MAIN + "cellXfs")
    if styles is None:
        return frozenset()
    return frozenset(
        index
        for index, item in enumerate(styles.iter(_MAIN + "xf"))
        if int(item.get("numFmtId", "0")) in percent
    )


def _xlsx_cells(chunk: bytes, percent: frozenset[int], overlay: Overlay) -> None:
    """Cells of a percentage style, and error cells with their text."""
    for found in _CELL.finditer(chunk):
        attributes = dict(_ATTRIBUTE.findall(found.group(1)))
        reference = attributes.get(b"r")
        if reference is None:
            continue
        style = attributes.get(b"s", b"0")
        error = attributes.get(b"t") == b"e"
        if not error and not (style.isdigit() and int(style) in percent):
            continue
        split = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,7})", reference)
        if split is None:
            continue
        at = (int(split.group(2)) - 1, _column_number(split.group(1)) - 1)
        if error:
            value = _VALUE.match(chunk, found.end()) or _VALUE.search(chunk, found.end())
            if value is not None and found.group(2) != b"/":
                overlay[at] = value.group(1).decode("utf-8", "replace")
        else:
            overlay[at] = "%"


def _xlsb_sheet_ids(data: bytes) -> list[tuple[str, str | None]]:
    """(name, relationship id) of each sheet of a binary workbook part."""
    found: list[tuple[str, str | None]] = []
    for kind, body in _records(data):
        if kind == 156 and len(body) >= 12:  # BrtBundleSh
            relation, at = _xlsb_string(body, 8)
            name, _ = _xlsb_string(body, at)
            found.append((name, relation))
    return found


def _xlsb_string(body: bytes, at: int) -> tuple[str, int]:
    length = int.from_bytes(body[at : at + 4], "little")
    if length == 0xFFFFFFFF:
        return "", at + 4
    end = at + 4 + 2 * length
    return body[at + 4 : end].decode("utf-16-le", "replace"), end


def _records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """The records of a binary part: (type, body)."""
    at, size = 0, len(data)
    while at < size:
        kind, at = _varint(data, at, 2)
        length, at = _varint(data, at, 4)
        yield kind, data[at : at + length]
        at += length


def _varint(data: bytes, at: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if at >= len(data):
            break
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, at


def _xlsb_extent(data: bytes) -> tuple[int, int]:
    """The last row and column (1-based) holding a cell, of a binary sheet part."""
    rows = columns = 0
    row = 0
    for kind, body in _records(data):
        if kind == 0 and len(body) >= 4:  # BrtRowHdr
            row = int.from_bytes(body[:4], "little") + 1
        elif 1 <= kind <= 13 and len(body) >= 4:  # a cell
            rows = max(rows, row)
            columns = max(columns, int.from_bytes(body[:4], "little") + 1)
    return rows, columns


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALC = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods_overlays(
    archive: zipfile.ZipFile,
) -> tuple[dict[str, Overlay], dict[str, tuple[int, int]]]:
    """Per table of an .ods file, its percentage and error cells, and the last row
    and column holding a cell (repeats counted)."""
    overlays: dict[str, Overlay] = {}
    extents: dict[str, tuple[int, int]] = {}
    table = ""
    row = column = 0
    last_row = last_column = 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    table = element.get(_TABLE + "name", "")
                    row = column = last_row = last_column = 0
                    overlays[table] = {}
                elif tag == _TABLE + "table-row":
                    column = 0
                continue
            if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = int(element.get(_TABLE + "number-columns-repeated", "1"))
                kind = element.get(_OFFICE + "value-type") or element.get(_CALC + "value-type")
                if kind is not None or len(element):
                    last_row = max(last_row, row + 1)
                    last_column = max(last_column, column + repeat)
                    extra = element.get(_CALC + "value-type")
                    big = last_row * last_column > MAX_CELLS
                    if (kind == "percentage" or extra == "error") and not big:
                        shown = "%" if kind == "percentage" else "".join(element.itertext())
                        for offset in range(min(repeat, 16384)):
                            overlays[table][(row, column + offset)] = shown
                column += repeat
                element.clear()
            elif tag == _TABLE + "table-row":
                repeat = int(element.get(_TABLE + "number-rows-repeated", "1"))
                if repeat > 1 and last_row == row + 1:
                    last_row = row + repeat  # a row with cells, repeated
                    if last_row * last_column > MAX_CELLS:
                        row += repeat
                        element.clear()
                        continue
                    for (at_row, at_column), shown in list(overlays[table].items()):
                        if at_row == row:
                            for offset in range(1, min(repeat, 1 << 20)):
                                overlays[table][(row + offset, at_column)] = shown
                row += repeat
                element.clear()
            elif tag == _TABLE + "table":
                extents[table] = (last_row, last_column)
                element.clear()
    return overlays, extents
