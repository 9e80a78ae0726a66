"""CSV text as a source: its one sheet, the line of each record, and its encodings."""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pcheck.sources.csv
from pcheck.errors import DataFileError
from pcheck.model import Location, Message, Problem
from pcheck.sources import Record, Sheet
from pcheck.sources.csv import FIELD_LIMIT, RECORD_LIMIT, sheets

HEADER = "region,metric,period,value,unit,source\n"
ROW = "330000,rd_intensity,2024H1,3.18,%,x\n"
CELLS = ["330000", "rd_intensity", "2024H1", "3.18", "%", "x"]


def read(path: Path) -> tuple[Sheet, list[Record]]:
    """The one sheet of ``path`` and all its records (read while the file is open:
    a source streams its records, so they are read before asking for the next sheet)."""
    found = []
    for sheet in sheets(path):
        found.append((sheet, list(sheet.records)))
    (only,) = found
    return only


def refusal(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(DataFileError) as caught:
        list(sheets(path))
    return caught.value.problems


# -- CSV: header and records ---------------------------------------------------------


def test_one_sheet_with_its_header_and_records(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + ROW + ROW.replace("2024H1", "2024"), encoding="utf-8")
    sheet, records = read(path)
    assert (sheet.path, sheet.name, sheet.header_line) == (str(path), None, 1)
    assert sheet.header == ["region", "metric", "period", "value", "unit", "source"]
    assert records == [(2, CELLS), (3, [*CELLS[:2], "2024", *CELLS[3:]])]
    assert sheet.problems == []


def test_a_record_over_several_lines_is_numbered_by_its_first(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        HEADER
        + '330000,rd_intensity,2024,3.2,%,"line one\nline two\nline three"\n'  # lines 2-4
        + ROW  # line 5
        + '"330000",rd_intensity,2023,3.1,%,"a\r\nb"\n'  # lines 6-7
        + ROW,  # line 8
        encoding="utf-8",
    )
    _, records = read(path)
    assert [line for line, _ in records] == [2, 5, 6, 8]
    assert records[0][1][-1] == "line one\nline two\nline three"
    assert records[2][1][-1] == "a\r\nb"


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes((HEADER + ROW + ROW).replace("\n", "\r\n").encode())
    sheet, records = read(path)
    assert sheet.header[-1] == "source"
    assert records == [(2, CELLS), (3, CELLS)]


def test_a_blank_line_is_an_empty_record_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + "\n" + ROW, encoding="utf-8")
    assert read(path)[1] == [(2, []), (3, CELLS)]


def test_records_are_read_as_they_are_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + ROW * 3, encoding="utf-8")
    source = sheets(path)
    sheet = next(source)
    assert next(sheet.records) == (2, CELLS)
    assert [line for line, _ in sheet.records] == [3, 4]
    assert next(source, None) is None  # one sheet only


# -- CSV: encodings ------------------------------------------------------------------

CHINESE = "地区,指标,期间,数值\n浙江省,研发投入强度,2024年上半年,3.18\n"
CHINESE_CELLS = [
    ["地区", "指标", "期间", "数值"],
    ["浙江省", "研发投入强度", "2024年上半年", "3.18"],
]


@pytest.mark.parametrize(
    "data",
    [
        CHINESE.encode("utf-8"),
        codecs.BOM_UTF8 + CHINESE.encode("utf-8"),
        CHINESE.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030"],
)
def test_encodings_read(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    sheet, records = read(path)
    # No byte order mark is left on the first name.
    assert [sheet.header, *(cells for _, cells in records)] == CHINESE_CELLS
    assert sheet.problems == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (CHINESE.encode("utf-16"), "data.utf16"),  # with its BOM, in the machine's order
        (codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "data.utf16"),
        (codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), "data.utf16"),
        (b"PK\x03\x04\x14\x00\x00\x00", "data.binary"),  # a zip, such as .xlsx
        (HEADER.encode() + b"\x00\x01\x02", "data.binary"),
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "zip", "nul"],
)
def test_other_bytes_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    assert refusal(path) == (Problem(Location(str(path)), Message.of(message), "encoding"),)


def test_a_header_in_neither_encoding_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"\x80\x80\xff,\xff\n" + ROW.encode())
    assert refusal(path) == (
        Problem(Location(str(path), 1), Message.of("data.encoding"), "encoding"),
    )


def test_a_character_cut_by_the_sample_is_no_error(tmp_path: Path) -> None:
    # The encoding is told from 64 KiB from the first line that is not ASCII; put a
    # 3-byte character across that boundary.
    ascii_part = HEADER + "x" * (65535 - len(HEADER))
    text = ascii_part + "区\n" + ROW
    path = tmp_path / "d.csv"
    path.write_bytes(text.encode("utf-8"))
    assert len(ascii_part.encode()) == 65535
    sheet, records = read(path)
    assert sheet.problems == []
    assert records[0] == (2, ["x" * (65535 - len(HEADER)) + "区"])
    assert records[1] == (3, CELLS)


@pytest.mark.parametrize("size", [64 * 1024, 1024 * 1024 + 5], ids=["64 KiB", "over a block"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_the_first_text_that_is_not_ascii_decides_wherever_it_is(
    tmp_path: Path, size: int, encoding: str
) -> None:
    # An ASCII header and rows past the old 64 KiB sample (and past a whole block),
    # then Chinese: one encoding throughout, not a change of encoding.
    rows = [f"330000,rd_intensity,2024H1,{n},%,row {n}\n" for n in range(size // 30)]
    chinese = ["浙江省,研发投入强度,2024年上半年,3.18,%,来源\n"] * 3
    path = tmp_path / "d.csv"
    path.write_bytes((HEADER + "".join(rows + chinese)).encode(encoding))
    sheet, records = read(path)
    assert sheet.problems == []
    assert len(records) == len(rows) + 3
    assert records[-1] == (
        len(rows) + 4,
        ["浙江省", "研发投入强度", "2024年上半年", "3.18", "%", "来源"],
    )


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf-8", "utf-8 with BOM"])
def test_an_undecodable_line_is_reported_and_reading_goes_on(tmp_path: Path, bom: bytes) -> None:
    # 2000 rows of UTF-8 (more than a text decoder reads ahead), then a GB18030 row at
    # line 2002, then five more rows.
    rows = [f"330000,研发投入强度,2024H1,{n},%,row {n}\n".encode() for n in range(2000)]
    bad = "330000,研发投入强度,2024H1,1,%,x\n".encode("gb18030")
    path = tmp_path / "d.csv"
    path.write_bytes(bom + HEADER.encode() + b"".join(rows) + bad + ROW.encode() * 5)
    sheet, records = read(path)
    assert [line for line, _ in records] == [*range(2, 2002), *range(2003, 2008)]
    assert records[-1] == (2007, CELLS)
    assert sheet.problems == [
        Problem(
            Location(str(path), 2002),
            Message.of("data.encoding-changes", encoding="UTF-8"),
            "encoding",
        )
    ]


def test_a_gb18030_file_with_a_damaged_line(tmp_path: Path) -> None:
    # A header and 3000 rows of Chinese in GB18030, then on line 3002 bytes that no
    # GB18030 text has, then a row.
    rows = "".join(f"浙江省,研发投入强度,2024年上半年,{n}\n" for n in range(3000))
    data = ("地区,指标,期间,数值\n" + rows).encode("gb18030")
    path = tmp_path / "d.csv"
    path.write_bytes(data + b"\xff\xff\n" + "浙江省,y\n".encode("gb18030"))
    sheet, records = read(path)
    assert sheet.header == ["地区", "指标", "期间", "数值"]
    assert records[0] == (2, ["浙江省", "研发投入强度", "2024年上半年", "0"])
    assert [line for line, _ in records] == [*range(2, 3002), 3003]
    assert records[-1] == (3003, ["浙江省", "y"])
    assert sheet.problems == [
        Problem(
            Location(str(path), 3002),
            Message.of("data.encoding-changes", encoding="GB18030"),
            "encoding",
        )
    ]


@pytest.mark.parametrize("rows", [1, 3, 2000])
def test_a_mixed_file_keeps_the_encoding_its_first_text_is_in(tmp_path: Path, rows: int) -> None:
    # UTF-8 rows whose Chinese (two characters) is also valid GB18030, then one
    # GB18030 row, then a UTF-8 row: the file is UTF-8 with one line in another
    # encoding, not GB18030 throughout.
    data = (
        HEADER.encode()
        + "330000,rd_intensity,2024,1,%,来源\n".encode() * rows
        + "杭州市,x\n".encode("gb18030")
        + "杭州市,y\n".encode()
    )
    "330000,rd_intensity,2024,1,%,来源\n".encode().decode("gb18030")  # valid in both
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    sheet, records = read(path)
    assert records[0][1][-1] == "来源"
    assert records[-1] == (rows + 3, ["杭州市", "y"])
    assert sheet.problems == [
        Problem(
            Location(str(path), rows + 2),
            Message.of("data.encoding-changes", encoding="UTF-8"),
            "encoding",
        )
    ]


def test_lines_in_neither_encoding_before_the_encoding_is_known(tmp_path: Path) -> None:
    # Latin-1 on line 3 (neither encoding) leaves the encoding open; GB18030 on line 5
    # decides it.
    data = (
        HEADER.encode()
        + ROW.encode()
        + "330000,rd_intensity,2024,1,%,café\n".encode("latin-1")
        + ROW.encode()
        + "330000,rd_intensity,2024,1,%,来源\n".encode("gb18030")
    )
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    sheet, records = read(path)
    assert [line for line, _ in records] == [2, 4, 5]
    assert records[-1][1][-1] == "来源"
    assert sheet.problems == [
        Problem(Location(str(path), 3), Message.of("data.encoding"), "encoding")
    ]


def test_a_broken_quote_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + ROW + '330000,"rd"_intensity,2024,1,%,x\n' + ROW, encoding="utf-8")
    sheet, records = read(path)
    assert records == [(2, CELLS), (4, CELLS)]
    (problem,) = sheet.problems
    assert (problem.location, problem.code, problem.message.id) == (
        Location(str(path), 3),
        "csv",
        "data.csv",
    )


def test_an_unclosed_quote_is_placed_where_its_record_starts(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        HEADER + ROW + ROW + '330000,rd_intensity,2024,1,%,"x\n' + ROW, encoding="utf-8"
    )
    sheet, records = read(path)
    assert [line for line, _ in records] == [2, 3, 5]
    (problem,) = sheet.problems
    assert problem.location == Location(str(path), 4)
    assert problem.message == Message.of(
        "data.csv", detail=Message.of("csv.quote-unclosed", limit=RECORD_LIMIT)
    )


def test_a_stray_quote_that_closes_later_does_not_take_the_rows_between(tmp_path: Path) -> None:
    # The quote opened on line 3 closes on line 5 (before ",x"), making one record of
    # three lines with 3 fields: a broken record on line 3, and lines 4 and 5 read.
    path = tmp_path / "d.csv"
    path.write_text(
        HEADER + ROW + '330000,"rd_intensity,2024,1,%,x\n' + ROW + '330000,a,2024,1,%",x\n' + ROW,
        encoding="utf-8",
    )
    sheet, records = read(path)
    assert [line for line, _ in records] == [2, 4, 5, 6]
    assert records[2] == (5, ["330000", "a", "2024", "1", '%"', "x"])
    (problem,) = sheet.problems
    assert problem.location == Location(str(path), 3)
    assert problem.message == Message.of(
        "data.csv",
        detail=Message.of("csv.quote-runs-on", lines=3, found=3, width=6),
    )


@pytest.mark.parametrize("quote", ["", '"'], ids=["unquoted", "quoted"])
def test_a_field_over_the_limit_is_reported_and_reading_goes_on(tmp_path: Path, quote: str) -> None:
    path = tmp_path / "d.csv"
    field = quote + "x" * (FIELD_LIMIT + 1) + quote
    path.write_text(HEADER + f"330000,{field},2024,1,%,x\n" + ROW, encoding="utf-8")
    sheet, records = read(path)
    assert records == [(3, CELLS)]
    (problem,) = sheet.problems
    assert (problem.location, problem.code) == (Location(str(path), 2), "csv")
    assert "field larger than field limit" in str(problem.message)


def test_a_quoted_field_over_lines_is_still_one_record(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    note = 'first line\n\nthird, with a comma\r\nand a ""quote""'
    path.write_text(HEADER + f'330000,rd_intensity,2024,1,%,"{note}"\n' + ROW, encoding="utf-8")
    sheet, records = read(path)
    assert sheet.problems == []
    assert records == [(2, [*CELLS[:2], "2024", "1", "%", note.replace('""', '"')]), (6, CELLS)]


# -- CSV: every row around a broken record is read ---------------------------------

# Cells of good rows: text, digits and Chinese, some with commas, quotes or line ends
# inside, written quoted. (A quote before a comma or a line end could as well close a
# stray quote as open a field: such a cell does not start with one.)
plain = st.text(alphabet="abcxyz019 .%地区数值", min_size=1, max_size=8)
quoted = st.builds(
    lambda a, b: f'"{a}{b}"',
    plain,
    st.text(alphabet='ab ,"\n地', max_size=6).map(lambda t: t.replace('"', '""')),
)
good_rows = st.lists(st.lists(plain | quoted, min_size=6, max_size=6).map(",".join), max_size=12)
# A broken record, the code of its problem, and good rows that follow it at once.
broken_records = st.sampled_from(
    [
        ('330000,"rd"_intensity,2024,1,%,x', "csv", []),  # a quote inside a field
        ('330000,rd_intensity,2024,1,%,"x', "csv", []),  # a quote never closed, at the end
        ('330000,"rd_intensity,2024,1,%,x', "csv", []),  # a quote never closed, inside
        ('"330000"x,rd_intensity,2024,1,%,x', "csv", []),  # text after a closing quote
        # A stray quote that a quote in the rows after it closes: one record over
        # several lines with too few or too many fields, whose lines after the first
        # are rows of their own. (With just the header's number of fields it would
        # be one record, as a quoted field over lines is.)
        ('330000,"rd_intensity,2024,1,%,x', "csv", [ROW.strip(), '330000,a,2024,1,%",x']),
        ('330000,rd_intensity,2024,1,%,"x', "csv", ['330000,a,2024,1",%,x']),
        ("330000,\udcff\udcfe,2024,1,%,x", "encoding", []),  # bytes that are not UTF-8
        ("330000,\udcd1\udcd0,2024,1,%,x", "encoding", []),  # GB18030, in a UTF-8 file
    ]
)
HEADER_ZH = "地区,指标,期间,数值,单位,来源"  # decides UTF-8 on line 1


def write_rows(path: Path, lines: list[str], newline: str, end: bool) -> None:
    text = newline.join(lines) + (newline if end else "")
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


def numbered(lines: list[str]) -> list[tuple[int, str]]:
    """Each line with the number of its first physical line."""
    found, number = [], 1
    for line in lines:
        found.append((number, line))
        number += line.count("\n") + 1
    return found


@settings(max_examples=300, deadline=None)
@given(
    before=good_rows,
    broken=broken_records,
    after=good_rows,
    newline=st.sampled_from(["\n", "\r\n"]),
    end=st.booleans(),
    block=st.sampled_from([1, 7, 64, 1024 * 1024]),
)
def test_every_good_row_around_a_broken_record_is_read(
    tmp_path_factory: pytest.TempPathFactory,
    before: list[str],
    broken: tuple[str, str, list[str]],
    after: list[str],
    newline: str,
    end: bool,
    block: int,
) -> None:
    record, code, following = broken
    lines = [HEADER_ZH, *before, record, *following, *after]
    path = tmp_path_factory.mktemp("rows") / "d.csv"
    write_rows(path, [line.replace("\n", newline) for line in lines], newline, end)
    with mock.patch.object(pcheck.sources.csv, "_BLOCK", block):
        sheet, records = read(path)
    numbers = numbered(lines)
    at = numbers[len(before) + 1][0]
    expected = [
        (number, next(csv.reader([line.replace("\n", newline)])))
        for number, line in numbers[1:]
        if number != at
    ]
    assert records == expected
    assert [(p.location.line, p.code) for p in sheet.problems] == [(at, code)]


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(st.booleans(), plain), min_size=1, max_size=40),
    block=st.sampled_from([1, 5, 64, 1024 * 1024]),
)
def test_each_undecodable_line_is_reported_and_every_other_read(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[bool, str]], block: int
) -> None:
    lines = [HEADER_ZH.encode()]
    for bad, cell in rows:
        text = f"330000,rd_intensity,2024,1,%,{cell}"
        lines.append(
            text.encode("gb18030" if bad else "utf-8").replace(b"%", b"\xff" if bad else b"%")
        )
    path = tmp_path_factory.mktemp("bytes") / "d.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with mock.patch.object(pcheck.sources.csv, "_BLOCK", block):
        sheet, records = read(path)
    good = [n for n, (bad, _) in enumerate(rows, start=2) if not bad]
    assert [line for line, _ in records] == good
    assert [cells[-1] for _, cells in records] == [cell for bad, cell in rows if not bad]
    assert [(p.location.line, p.code) for p in sheet.problems] == [
        (n, "encoding") for n, (bad, _) in enumerate(rows, start=2) if bad
    ]


@settings(max_examples=100, deadline=None)
@given(
    ascii_rows=st.integers(0, 300),
    encoding=st.sampled_from(["utf-8", "gb18030"]),
    block=st.sampled_from([1, 3, 64, 4096, 1024 * 1024]),
)
def test_an_ascii_start_of_any_length_is_no_change_of_encoding(
    tmp_path_factory: pytest.TempPathFactory, ascii_rows: int, encoding: str, block: int
) -> None:
    rows = [ROW] * ascii_rows + ["330000,研发投入强度,2024年上半年,3.18,%,来源\n"] * 2
    path = tmp_path_factory.mktemp("ascii") / "d.csv"
    path.write_bytes((HEADER + "".join(rows)).encode(encoding))
    with mock.patch.object(pcheck.sources.csv, "_BLOCK", block):
        sheet, records = read(path)
    assert sheet.problems == []
    assert len(records) == ascii_rows + 2
    assert records[-1][1][1] == "研发投入强度"


def test_a_quote_never_closed_reads_no_further_than_the_limit(tmp_path: Path) -> None:
    # With no other quote in the file, the field would run to its end: it stops at
    # the limit, is reported, and every row after its line is read.
    rows = [f"330000,rd_intensity,2024,{n},%,x\n" for n in range(3000)]
    path = tmp_path / "d.csv"
    path.write_text(HEADER + '330000,"rd_intensity,2024,1,%,x\n' + "".join(rows))
    with (
        mock.patch.object(pcheck.sources.csv, "_BLOCK", 256),
        mock.patch.object(pcheck.sources.csv, "RECORD_LIMIT", 1000),
    ):
        sheet, records = read(path)
    assert [line for line, _ in records] == list(range(3, 3003))
    (problem,) = sheet.problems
    assert problem.location == Location(str(path), 2)
    assert problem.message == Message.of(
        "data.csv", detail=Message.of("csv.quote-unclosed", limit=1000)
    )


@pytest.mark.parametrize("last", [False, True], ids=["then a row", "last"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_line_over_the_limit_is_reported_and_skipped(
    tmp_path: Path, newline: str, last: bool
) -> None:
    path = tmp_path / "d.csv"
    lines = [HEADER.strip(), ROW.strip(), "330000," + "x" * 5000]
    text = newline.join(lines) + ("" if last else newline + ROW.strip() + newline)
    path.write_text(text, newline="")
    with (
        mock.patch.object(pcheck.sources.csv, "_BLOCK", 100),
        mock.patch.object(pcheck.sources.csv, "RECORD_LIMIT", 1000),
    ):
        sheet, records = read(path)
    assert records == [(2, CELLS)] + ([] if last else [(4, CELLS)])
    assert sheet.problems == [
        Problem(
            Location(str(path), 3),
            Message.of("data.csv", detail=Message.of("csv.line-too-long", limit=1000)),
            "csv",
        )
    ]


# -- CSV: files that cannot be read --------------------------------------------------


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8], ids=["empty", "only a BOM"])
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    assert refusal(path) == (Problem(Location(str(path)), Message.of("data.empty"), "empty"),)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    (problem,) = refusal(path)
    assert problem.location == Location(str(path))
    assert problem.message.id == "file.unreadable"
    assert dict(problem.message.params)["reason"]  # the system's words for it


def test_a_header_that_cannot_be_read_is_reported_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('region,"metric\n', encoding="utf-8")
    problems = refusal(path)
    assert problems[0].location == Location(str(path), 1)
    assert problems[0].message.id == "data.csv"


def test_a_header_that_cannot_be_read_is_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('region,"metric\n' + ROW, encoding="utf-8")
    assert [p.message.id for p in refusal(path)] == ["data.csv"]


@pytest.mark.parametrize(
    ("first", "code"),
    [
        (b'region,"metric,period,value', "csv"),  # a quote never closed
        (b'"region"x,metric,period,value', "csv"),  # text after a closing quote
        (b"region,metric,period,value," + b"x" * 2000, "csv"),  # longer than the limit
        (b"\x80\x80\xff,metric,period,value", "encoding"),  # neither encoding
        (codecs.BOM_UTF8 + b"region,\xff,period,value", "encoding"),  # not UTF-8
    ],
    ids=["unclosed", "stray", "long", "neither", "not utf-8"],
)
def test_a_header_that_cannot_be_read_is_the_one_problem(
    tmp_path: Path, first: bytes, code: str
) -> None:
    # Whatever follows (here rows with more problems of their own), the file is
    # refused for its header alone: the rest is not read, nor called empty.
    path = tmp_path / "d.csv"
    path.write_bytes(first + b"\n" + (ROW.encode() + b'\xff,"x\n') * 50)
    with (
        mock.patch.object(pcheck.sources.csv, "_BLOCK", 100),
        mock.patch.object(pcheck.sources.csv, "RECORD_LIMIT", 1000),
    ):
        (problem,) = refusal(path)
    assert (problem.location, problem.code) == (Location(str(path), 1), code)


def test_a_file_that_fails_while_it_is_read(tmp_path: Path) -> None:
    # A read error (a disk or network failure) after two blocks: the rows read so
    # far, and a problem naming the file.
    path = tmp_path / "d.csv"
    path.write_text(HEADER + ROW * 100)

    class Failing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() >= 200:
                raise OSError(errno.EIO, "Input/output error")
            return super().read(size)

    with (
        mock.patch.object(pcheck.sources.csv, "_open", lambda p: Failing(p.read_bytes())),
        mock.patch.object(pcheck.sources.csv, "_BLOCK", 100),
    ):
        sheet, records = read(path)
    assert records == [(2, CELLS), (3, CELLS), (4, CELLS), (5, CELLS)]  # in 200 bytes
    assert sheet.problems == [
        Problem(
            Location(str(path)),
            Message.of("file.unreadable", reason="Input/output error"),
            "invalid",
        )
    ]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path) == (
        Problem(
            Location(str(tmp_path)),
            Message.of("file.unreadable", reason=os.strerror(errno.EISDIR)),
        ),
    )


@pytest.mark.parametrize(
    "bad",
    [b"\xff\xfe", b"x" * 2000],
    ids=["undecodable", "too long"],
)
def test_a_record_cannot_run_over_a_line_that_cannot_be_read(tmp_path: Path, bad: bytes) -> None:
    # The quote opened on line 3 would run on past line 6, which cannot be read: it
    # is reported as never closed, lines 4 and 5 are read, then line 6 is reported.
    path = tmp_path / "d.csv"
    path.write_bytes(
        "地区,指标,期间,数值,单位,来源\n".encode()
        + (ROW + '330000,"rd_intensity,2024,1,%,x\n' + ROW + ROW).encode()
        + b"330000,"
        + bad
        + b"\n"
        + ROW.encode()
    )
    with (
        mock.patch.object(pcheck.sources.csv, "_BLOCK", 64),
        mock.patch.object(pcheck.sources.csv, "RECORD_LIMIT", 1000),
    ):
        sheet, records = read(path)
    assert [line for line, _ in records] == [2, 4, 5, 7]
    assert [(p.location.line, p.code) for p in sheet.problems] == [
        (3, "csv"),
        (6, "csv" if bad.startswith(b"x") else "encoding"),
    ]
    assert sheet.problems[0].message == Message.of(
        "data.csv", detail=Message.of("csv.quote-unclosed", limit=1000)
    )


# -- CSV: pipes, FIFOs and standard input ---------------------------------------------

MIXED = (
    "地区,指标,期间,数值,单位,来源\n".encode()
    + ROW.encode() * 3
    + b'330000,"rd"_intensity,2024,1,%,x\n'  # line 5: a broken quote
    + "330000,研发投入强度,2024,1,%,x\n".encode("gb18030")  # line 6: not UTF-8
    + ROW.encode() * 40_000  # several blocks
)


def read_expected(tmp_path: Path) -> tuple[list[Record], list[tuple[int | None, str]]]:
    path = tmp_path / "file.csv"
    path.write_bytes(MIXED)
    sheet, records = read(path)
    return records, [(p.location.line, p.code) for p in sheet.problems]


def guarded(function: Callable[[], object], unblock: Callable[[], None]) -> object:
    """``function()`` in a thread; if it is not done within ten seconds, ``unblock()``
    and fail: a test of something that must not hang must not hang itself."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(function())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        unblock()
        thread.join(10)
        pytest.fail("reading did not finish within ten seconds")
    (result,) = outcome
    return result


def test_a_pipe_reads_as_the_same_file_does(tmp_path: Path) -> None:
    # As process substitution gives it: /dev/fd/N, a pipe that cannot seek, whose
    # writer writes while it is read.
    expected = read_expected(tmp_path)
    reading, writing = os.pipe()

    def write() -> None:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(MIXED)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        path = Path(f"/dev/fd/{reading}")
        sheet, records = read(path)
    finally:
        os.close(reading)
    writer.join(10)
    assert (records, [(p.location.line, p.code) for p in sheet.problems]) == expected


def test_a_dash_reads_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = read_expected(tmp_path)
    stdin = io.TextIOWrapper(io.BytesIO(MIXED))
    monkeypatch.setattr("sys.stdin", stdin)
    sheet, records = read(Path("-"))
    assert sheet.path == "-"
    assert (records, [(p.location.line, p.code) for p in sheet.problems]) == expected
    assert not stdin.closed  # standard input is not this reader's to close


def test_without_standard_input_a_dash_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    (problem,) = refusal(Path("-"))
    assert problem.message == Message.of("file.unreadable", reason=os.strerror(errno.EBADF))


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_fifo_without_a_writer_is_empty_and_does_not_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)

    def unblock() -> None:  # a reader stuck in open() is let go by a writer
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    outcome = guarded(lambda: refusal(fifo), unblock)
    assert outcome == (Problem(Location(str(fifo)), Message.of("data.empty"), "empty"),)


@needs_fifo
def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    # The test holds a writing end while the reader opens the FIFO, with the start of
    # the data already in it, and writes the rest when the reader has opened it.
    writer = os.open(fifo, os.O_RDWR)
    os.write(writer, (HEADER + ROW).encode())
    opened = pcheck.sources.csv._open

    def open_then_write(path: Path) -> BinaryIO:
        handle = opened(path)
        os.write(writer, ROW.encode())
        os.close(writer)
        return handle

    def unblock() -> None:
        with contextlib.suppress(OSError):
            os.close(writer)

    with mock.patch.object(pcheck.sources.csv, "_open", open_then_write):
        outcome = guarded(lambda: read(fifo), unblock)
    assert isinstance(outcome, tuple)
    sheet, records = outcome
    assert records == [(2, CELLS), (3, CELLS)]
    assert sheet.problems == []
