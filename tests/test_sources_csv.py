"""CSV text as a source: its one sheet, the line of each record, and its encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pcheck.errors import DataFileError
from pcheck.model import Location, Message, Problem
from pcheck.sources import Record, Sheet
from pcheck.sources.csv import sheets

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
        (b"\x80\x80\xff,\xff\n", "data.encoding"),  # neither UTF-8 nor GB18030
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "zip", "nul", "latin"],
)
def test_other_bytes_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    assert refusal(path) == (Problem(Location(str(path)), Message.of(message), "encoding"),)


def test_a_character_cut_by_the_sample_is_no_error(tmp_path: Path) -> None:
    # The encoding is guessed from the first 64 KiB; put a 3-byte character across
    # that boundary: 65535 bytes before it leave one of its bytes in the sample.
    ascii_part = HEADER + "x" * (65535 - len(HEADER))
    text = ascii_part + "区\n" + ROW
    path = tmp_path / "d.csv"
    path.write_bytes(text.encode("utf-8"))
    assert len(ascii_part.encode()) == 65535
    sheet, records = read(path)
    assert sheet.problems == []
    assert records[0] == (2, ["x" * (65535 - len(HEADER)) + "区"])
    assert records[1] == (3, CELLS)


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf-8", "utf-8 with BOM"])
def test_a_decoding_error_mid_file_ends_the_records_at_its_line(tmp_path: Path, bom: bytes) -> None:
    # 2000 rows of ASCII (more than the 64 KiB sample), then a GB18030 row at line 2002.
    rows = [f"330000,rd_intensity,2024H1,{n},%,row {n}\n".encode() for n in range(2000)]
    assert sum(map(len, rows)) > 64 * 1024
    bad = "330000,研发投入强度,2024H1,1,%,x\n".encode("gb18030")
    path = tmp_path / "d.csv"
    path.write_bytes(bom + HEADER.encode() + b"".join(rows) + bad + ROW.encode() * 5)
    sheet, records = read(path)
    # Records end before the bad line (the decoder reads ahead, so perhaps well before).
    assert records
    assert all(line < 2002 for line, _ in records)
    assert [line for line, _ in records] == list(range(2, 2 + len(records)))
    encoding = "utf-8-sig" if bom else "utf-8"
    assert sheet.problems == [
        Problem(
            Location(str(path), 2002),
            Message.of("data.encoding-changes", encoding=encoding),
            "encoding",
        )
    ]


def test_a_gb18030_file_that_stops_being_gb18030(tmp_path: Path) -> None:
    # A header and 3000 rows of Chinese in GB18030 (more than the sample), then on
    # line 3002 a byte that no GB18030 text has.
    rows = "".join(f"浙江省,研发投入强度,2024年上半年,{n}\n" for n in range(3000))
    data = ("地区,指标,期间,数值\n" + rows).encode("gb18030")
    assert len(data) > 64 * 1024
    path = tmp_path / "d.csv"
    path.write_bytes(data + b"\xff\xff\n" + b"y\n")
    sheet, records = read(path)
    assert sheet.header == ["地区", "指标", "期间", "数值"]
    assert records and all(line < 3002 for line, _ in records)
    assert records[0] == (2, ["浙江省", "研发投入强度", "2024年上半年", "0"])
    assert sheet.problems == [
        Problem(
            Location(str(path), 3002),
            Message.of("data.encoding-changes", encoding="gb18030"),
            "encoding",
        )
    ]


def test_a_broken_quote_ends_the_records_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(HEADER + ROW + '330000,"rd"_intensity,2024,1,%,x\n' + ROW, encoding="utf-8")
    sheet, records = read(path)
    assert records == [(2, CELLS)]
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
    assert [line for line, _ in records] == [2, 3]
    (problem,) = sheet.problems
    assert problem.location == Location(str(path), 4)
    assert problem.message.id == "data.csv"


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


@pytest.mark.xfail(
    strict=True,
    reason="a file whose first record cannot be read is also reported as empty",
)
def test_a_header_that_cannot_be_read_is_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('region,"metric\n' + ROW, encoding="utf-8")
    assert [p.message.id for p in refusal(path)] == ["data.csv"]
