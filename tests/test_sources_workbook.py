"""Workbooks: sheets, rows and cells as python-calamine reads them, as text."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pcheck.cli import cli
from pcheck.errors import DataFileError
from pcheck.model import Severity
from pcheck.sources import Sheet, workbook
from pcheck.sources.workbook import sheets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "workbooks"
KINDS = ("xlsx", "xls", "ods")


def read(path: Path, names: list[str] | None = None) -> list[tuple[str | None, int, list]]:
    """Every sheet of ``path``: (name, header line, [header, *records])."""
    found = []
    for sheet in sheets(path, names):
        found.append((sheet.name, sheet.header_line, [sheet.header, *sheet.records]))
    return found


def read_all(path: Path, names: list[str] | None = None) -> tuple[list, list]:
    """The sheets read, and the problems raised after them."""
    found: list[Sheet] = []
    generator = sheets(path, names)
    try:
        for sheet in generator:
            found.append(sheet)
            list(sheet.records)
    except DataFileError as exc:
        return found, list(exc.problems)
    return found, []


def problems_of(path: Path, names: list[str] | None = None) -> list[tuple[str, str]]:
    _, problems = read_all(path, names)
    return [(str(p.location), p.message.id) for p in problems]


# -- fixtures written by LibreOffice -----------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_table_reads_as_its_csv_with_the_sheets_row_numbers(kind: str) -> None:
    with (ROOT / "data" / "2024Q2.csv").open(encoding="utf-8", newline="") as handle:
        expected = list(csv.reader(handle))
    found, problems = read_all(FIXTURES / f"long.{kind}")
    (sheet,) = found
    assert (sheet.name, sheet.header_line, sheet.letters) == ("数据", 1, True)
    assert sheet.header == expected[0]
    again = next(iter(sheets(FIXTURES / f"long.{kind}", ["数据"])))
    records = list(again.records)
    # A number is what the sheet holds: 71.0 typed in a spreadsheet is 71.
    assert [(line, _number(cells[3])) for line, cells in records] == [
        (line, _number(cells[3])) for line, cells in enumerate(expected[1:], start=2)
    ]
    assert [cells[:3] + cells[4:] for _, cells in records] == [
        cells[:3] + cells[4:] for cells in expected[1:]
    ]
    # The hidden sheet is not read, and says so.
    (hidden,) = problems
    assert (str(hidden.location), hidden.message.id, hidden.severity) == (
        f"{FIXTURES}/long.{kind}[说明]",
        "workbook.hidden-sheet",
        Severity.WARNING,
    )


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


@pytest.mark.parametrize("kind", KINDS)
def test_a_hidden_sheet_is_read_when_named(kind: str) -> None:
    assert read(FIXTURES / f"long.{kind}", ["说明"]) == [
        ("说明", 1, [["说明"], (2, ["填报口径见 targets/ 下各文件"])])
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_sheet_is_a_problem_naming_the_sheets_there_are(kind: str) -> None:
    found, problems = read_all(FIXTURES / f"long.{kind}", ["数据", "Sheet1"])
    assert [sheet.name for sheet in found] == ["数据"]
    (problem,) = problems
    assert problem.message.id == "workbook.no-such-sheet"
    assert dict(problem.message.params) == {"sheet": "Sheet1", "sheets": "数据, 说明"}
    assert problem.severity is Severity.ERROR


FORMATS = [
    ["", "region", "metric", "period", "value", "unit", "note"],
    (4, ["", "330000", "rd_intensity", "2024-06-30", "3.2%", "%", ""]),
    (5, ["", "330000", "hitech_output", "2024H1", "0.1", "亿元", "1"]),
    (6, ["", "330000", "patents", "2024H1", "12345", "件", "0"]),
    (7, ["", "", "", "", "", "", ""]),
    (8, ["", "330000", "growth", "2024H1", "12.5%", "%", "0.000000125"]),
    (9, ["", "330000", "ratio", "2024H1", "#DIV/0!", "%", "#N/A"]),
    (10, ["", "330000", "big", "2024H1", "123456789012.5", "元", "100%"]),
]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_cells_are_the_text_shown_percentages_and_errors_too(kind: str) -> None:
    # Two empty rows and an empty column A before the table: row numbers and
    # column positions are the sheet's own.
    assert read(FIXTURES / f"formats.{kind}") == [("格式", 3, FORMATS)]


def test_an_xls_gives_percentages_as_fractions_and_errors_as_empty_cells() -> None:
    (found,) = read(FIXTURES / "formats.xls")
    rows = found[2]
    assert rows[1][1][4] == "0.032"
    assert rows[5][1][4] == "0.125"
    assert rows[6][1][4] == rows[6][1][6] == ""  # never a number
    assert [row[1][:4] for row in rows[1:]] == [row[1][:4] for row in FORMATS[1:]]


@pytest.mark.parametrize("kind", KINDS)
def test_an_nbs_export_is_given_row_by_row(kind: str) -> None:
    assert read(FIXTURES / f"nbs.{kind}") == [
        (
            "年度数据",
            1,
            [
                ["数据库：分省年度数据", "", "", ""],
                (2, ["指标：研究与试验发展(R&D)经费投入强度(%)", "", "", ""]),
                (3, ["地区：全部", "", "", ""]),
                (4, ["时间：最近3年", "", "", ""]),
                (5, ["地区", "2023年", "2022年", "2021年"]),
                (6, ["北京市", "6.73", "6.83", "6.53"]),
                (7, ["浙江省", "3.2", "3.11", "2.94"]),
                (8, ["西藏自治区", "", "0.33", "0.29"]),
                (9, ["", "", "", ""]),
                (10, ["数据来源：国家统计局", "", "", ""]),
            ],
        )
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_yearbook_table_keeps_its_padding_and_marks(kind: str) -> None:
    ((_, _, rows),) = read(FIXTURES / f"yearbook.{kind}")
    assert rows[2] == (3, ["地 区", "R&D经费", "基础研究", "占比(%)"])
    assert rows[3] == (4, ["全 国", "33357.1", "2259.1", "6.77"])
    assert rows[5] == (6, ["# 中关村", "1200.4", "…", "—"])
    assert rows[6] == (7, ["其中：企业", "800", "*", ""])
    assert rows[9] == (10, ["    2. “…”表示数据不足本表最小单位数。", "", "", ""])


@pytest.mark.parametrize("kind", KINDS)
def test_a_merged_header_has_its_value_in_the_top_left_cell_only(kind: str) -> None:
    ((_, _, rows),) = read(FIXTURES / f"monthly.{kind}")
    assert rows[1:3] == [
        (2, ["指标", "6月", "", "1—6月", ""]),
        (3, ["", "绝对量", "同比增长(%)", "绝对量", "同比增长(%)"]),
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_fixtures_script_writes_what_is_committed(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("workbooks", ROOT / "scripts" / "workbooks.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = script.build(tmp_path)
    assert sorted(path.name for path in written) == sorted(path.name for path in FIXTURES.iterdir())
    for path in written:
        assert _everything(path) == _everything(FIXTURES / path.name), path.name


def _everything(path: Path) -> list:
    found, problems = read_all(path, None)
    names = [sheet.name for sheet in found] + [p.location.sheet for p in problems]
    return [read(path, [name]) for name in names if name]


# -- cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("a", "a"),
        (3, "3"),
        (3.0, "3"),
        (-0.0, "0"),
        (0.1, "0.1"),
        (1e-7, "0.0000001"),
        (1.5e20, "150000000000000000000"),
        (2.675, "2.675"),
        (True, "TRUE"),
        (False, "FALSE"),
        (datetime.date(2024, 6, 30), "2024-06-30"),
        (datetime.datetime(2024, 6, 30, 12, 30), "2024-06-30T12:30:00"),
        (datetime.time(8, 5), "08:05:00"),
        (datetime.timedelta(hours=36, minutes=30), "PT36H30M0S"),
        (datetime.timedelta(seconds=-1.5), "-PT0H0M1.5S"),
    ],
)
def test_a_value_becomes_the_text_that_is_typed_for_it(value: object, text: str) -> None:
    assert workbook._text(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_is_given_exactly_as_the_shortest_text_that_reads_back(value: float) -> None:
    text = workbook._text(value)
    assert float(text) == value
    assert "e" not in text and "E" not in text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_a_percentage_is_its_fraction_times_100_exactly(value: object) -> None:
    fraction = workbook._text(float(str(value)))
    shown = workbook._shown(fraction, "%")
    assert shown.endswith("%")
    assert Decimal(shown[:-1]) == Decimal(fraction) * 100


# -- generated workbooks: what a hostile or broken file does -------------------------

_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(path: Path, *sheet_data: str, styles: str | None = None) -> Path:
    """A minimal .xlsx with one sheet per ``sheet_data`` (the inside of <sheetData>),
    named S1, S2…"""
    count = len(sheet_data)
    sheets_xml = "".join(
        f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, count + 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    if styles is not None:
        rels += f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f"<sheets>{sheets_xml}</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>',
        )
        if styles is not None:
            archive.writestr(
                "xl/styles.xml",
                f'<?xml version="1.0"?><styleSheet xmlns="{_MAIN}">{styles}</styleSheet>',
            )
        for n, data in enumerate(sheet_data, start=1):
            archive.writestr(
                f"xl/worksheets/sheet{n}.xml",
                f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>{data}'
                "</sheetData></worksheet>",
            )
    return path


def test_logical_values_and_inline_strings(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "b.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>flag</t></is></c></row>'
        '<row r="2"><c r="A2" t="b"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="b"><v>0</v></c></row>',
    )
    assert read(path) == [("S1", 1, [["flag"], (2, ["TRUE"]), (3, ["FALSE"])])]


def test_custom_percentage_formats_are_found_and_quoted_percent_signs_are_not(
    tmp_path: Path,
) -> None:
    styles = (
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.00%"/>'
        '<numFmt numFmtId="165" formatCode="0.00&quot;%&quot;"/></numFmts>'
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
        '<xf numFmtId="10"/></cellXfs>'
    )
    path = xlsx(
        tmp_path / "p.xlsx",
        '<row r="1"><c r="A1" s="1"><v>0.0325</v></c><c r="B1" s="2"><v>3.25</v></c>'
        '<c r="C1" s="3"><v>-0.5</v></c><c r="D1" s="0"><v>0.5</v></c>'
        '<c r="E1" s="1" t="inlineStr"><is><t>n/a</t></is></c></row>',
        styles=styles,
    )
    assert read(path) == [("S1", 1, [["3.25%", "3.25", "-50%", "0.5", "n/a"]])]


def test_a_sheet_reaching_far_from_its_cells_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    path = xlsx(
        tmp_path / "far.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>region</t></is></c></row>',
    )
    found, problems = read_all(path)
    assert [sheet.name for sheet in found] == ["S2"]  # the other sheet is read
    assert [(str(p.location), p.message.id) for p in problems] == [
        (f"{path}[S1]", "workbook.too-many-cells")
    ]
    assert dict(problems[0].message.params)["last"] == "XFD1048576"


@pytest.mark.parametrize(
    "cells",
    [
        # a cell far out in a row numbered near: only the cell's reference says so
        '<row r="1"><c r="A1"><v>1</v></c><c r="ZZ999999"><v>2</v></c></row>',
        # many rows of seven digits
        "".join(f'<row r="{n}"><c r="AB{n}"><v>1</v></c></row>' for n in range(1, 5000))
        + '<row r="9000000"><c r="A9000000"><v>1</v></c></row>',
    ],
)
def test_far_cells_are_found_however_they_are_written(tmp_path: Path, cells: str) -> None:
    path = xlsx(tmp_path / "far.xlsx", cells)
    assert [m for _, m in problems_of(path)] == ["workbook.too-many-cells"]


def test_a_large_table_near_a1_is_read(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="Z{n}"><v>1</v></c></row>'
        for n in range(1, 3001)
    )
    path = xlsx(tmp_path / "wide.xlsx", rows)
    ((_, _, found),) = read(path)
    assert len(found) == 3000 and found[-1] == (3000, ["3000", *[""] * 24, "1"])


def test_a_sheet_that_cannot_be_read_is_a_problem_and_the_others_are_read(
    tmp_path: Path,
) -> None:
    path = xlsx(
        tmp_path / "broken.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>broken</t></c></row></sheetData>',
    )
    found, problems = read_all(path)
    assert [sheet.name for sheet in found] == ["S1"]
    assert [(str(p.location), p.message.id) for p in problems] == [
        (f"{path}[S2]", "workbook.sheet-unreadable")
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods", ".xlsb", ".xlsm"])
@pytest.mark.parametrize(
    "content", [b"", b"region,metric\n", b"PK\x03\x04 truncated", b"\xd0\xcf\x11\xe0" + bytes(600)]
)
def test_what_is_not_a_workbook_is_refused_cleanly(
    tmp_path: Path, suffix: str, content: bytes
) -> None:
    path = tmp_path / f"data{suffix}"
    path.write_bytes(content)
    found, problems = read_all(path)
    assert found == []
    assert len(problems) == 1
    assert problems[0].message.id in {"workbook.not-a-workbook", "workbook.unreadable"}
    assert str(problems[0].location) == str(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "bomb.xlsx", "")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", bytes(20 * 1024 * 1024))
    assert problems_of(path) == [(str(path), "workbook.bomb")]


def test_a_workbook_too_large_unpacked_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED", 1000)
    path = xlsx(tmp_path / "large.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>' * 20)
    assert problems_of(path) == [(str(path), "workbook.too-large")]


def test_a_directory_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "d.xlsx"
    folder.mkdir()
    assert problems_of(folder) == [(str(folder), "workbook.not-a-file")]
    missing = tmp_path / "missing.xlsx"
    assert problems_of(missing) == [(str(missing), "file.unreadable")]


def test_an_encrypted_workbook_is_named_so() -> None:
    from python_calamine import PasswordError

    error = workbook._refused("x.xlsx", PasswordError("password"))
    assert [p.message.id for p in error.problems] == ["workbook.encrypted"]


def test_an_empty_sheet_gives_no_table(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "empty.xlsx", "", '<row r="2"><c r="B2"><v>7</v></c></row>')
    assert read(path) == [("S2", 2, [["", "7"]])]


# -- the command line --------------------------------------------------------------


def test_validate_reads_a_workbook_and_warns_of_its_hidden_sheet() -> None:
    result = CliRunner().invoke(cli, ["validate", str(FIXTURES / "long.xlsx")])
    assert result.exit_code == 0, result.output
    assert "long.xlsx[说明]" in result.output
    assert "hidden" in result.output


def test_sheet_chooses_the_sheets_read() -> None:
    result = CliRunner().invoke(cli, ["validate", str(FIXTURES / "long.ods"), "--sheet", "数据"])
    assert result.exit_code == 0, result.output
    assert "hidden" not in result.output
    result = CliRunner().invoke(cli, ["validate", str(FIXTURES / "long.ods"), "--sheet", "无"])
    assert result.exit_code != 0
    assert "no sheet '无'; the sheets are: 数据, 说明" in result.output


@pytest.mark.parametrize("kind", KINDS)
def test_evaluate_judges_a_workbook_as_its_csv(kind: str) -> None:
    runner = CliRunner()
    from_csv = runner.invoke(
        cli, ["evaluate", str(ROOT / "data" / "2024Q2.csv"), "--format", "json"]
    )
    from_book = runner.invoke(
        cli, ["evaluate", str(FIXTURES / f"long.{kind}"), "--sheet", "数据", "--format", "json"]
    )
    assert from_book.exit_code == from_csv.exit_code
    import json

    def statuses(output: str) -> list:
        report = json.loads(output)
        found = []
        for result in report["results"]:
            actual = dict(result.get("actual") or {})
            # The same rows, by the sheet's row numbers: file[sheet]:73 and file:73.
            actual["rows"] = [row.rsplit(":", 1)[1] for row in actual.get("rows", [])]
            found.append((result["target_id"], result["status"], actual))
        return found

    assert statuses(from_book.stdout) == statuses(from_csv.stdout)
