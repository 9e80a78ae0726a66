"""Write the workbook fixtures of tests/fixtures/workbooks/ with LibreOffice.

Each fixture is described here as flat ODS (the XML of an .ods file: number
formats, merged cells, hidden sheets, dates, percentages), and LibreOffice
(``soffice --headless --convert-to``) saves it as .xlsx, .xls and .ods, as a
spreadsheet program writes them. The outputs are committed (tests do not need
LibreOffice); ``tests/test_sources_workbook.py`` reruns this script where
``soffice`` is installed and checks that what is read is the same.

Usage, from the repository root:

    python scripts/workbooks.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "workbooks"
KINDS = ("xlsx", "xls", "ods")

Cell = object
"""A cell: text, a number (int or the text of a decimal in a tuple ``("n", "0.1")``),
``("%", "0.032")``, ``("date", "2024-06-30")``, ``("bool", True)``, ``("error",
formula)``, ``("merge", columns, value)``, or ``None`` for an empty cell."""

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:percentage-style style:name="N1"><number:number number:decimal-places="1"
  number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <number:date-style style:name="N2"><number:year number:style="long"/><number:text>-</number:text>
  <number:month number:style="long"/><number:text>-</number:text>
  <number:day number:style="long"/></number:date-style>
 <style:style style:name="pct" style:family="table-cell" style:data-style-name="N1"/>
 <style:style style:name="day" style:family="table-cell" style:data-style-name="N2"/>
 <style:style style:name="shown" style:family="table"><style:table-properties
  table:display="true"/></style:style>
 <style:style style:name="hidden" style:family="table"><style:table-properties
  table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
TAIL = "</office:spreadsheet></office:body></office:document>\n"


def cell(value: Cell) -> str:
    """One cell as flat ODS."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    if isinstance(value, str):
        text = f"<text:p>{escape(value)}</text:p>"
        return f'<table:table-cell office:value-type="string">{text}</table:table-cell>'
    assert isinstance(value, tuple)
    kind = value[0]
    if kind == "n":
        return f'<table:table-cell office:value-type="float" office:value="{value[1]}"/>'
    if kind == "%":
        return (
            '<table:table-cell table:style-name="pct" office:value-type="percentage" '
            f'office:value="{value[1]}"/>'
        )
    if kind == "date":
        return (
            '<table:table-cell table:style-name="day" office:value-type="date" '
            f'office:date-value="{value[1]}"/>'
        )
    if kind == "bool":
        flag = "true" if value[1] else "false"
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}"/>'
    if kind == "error":
        return f"<table:table-cell table:formula={quoteattr(value[1])}/>"
    if kind == "merge":
        spanned = value[1]
        first = cell(value[2]).replace(
            "<table:table-cell", f'<table:table-cell table:number-columns-spanned="{spanned}"', 1
        )
        return first + "<table:covered-table-cell/>" * (spanned - 1)
    raise ValueError(kind)


def table(name: str, rows: Sequence[Sequence[Cell]], *, hidden: bool = False) -> str:
    """One sheet as flat ODS."""
    style = "hidden" if hidden else "shown"
    lines = [f"<table:table table:name={quoteattr(name)} table:style-name={quoteattr(style)}>"]
    for row in rows:
        lines.append(
            "<table:table-row>" + "".join(cell(c) for c in row or [None]) + "</table:table-row>"
        )
    lines.append("</table:table>")
    return "\n".join(lines)


def number(text: str) -> Cell:
    """A CSV field as a spreadsheet program would read it: a number if it is one."""
    try:
        float(text)
    except ValueError:
        return text or None
    return ("n", text) if text.strip() == text else text


def long_table() -> str:
    """data/2024Q2.csv as a sheet, and a hidden sheet of notes."""
    with (ROOT / "data" / "2024Q2.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            [number(field) if i in (0, 3) else (field or None) for i, field in enumerate(row)]
            for row in csv.reader(handle)
        ]
    rows[0] = [field for field in rows[0]]
    notes = [["说明"], ["填报口径见 targets/ 下各文件"]]
    return table("数据", rows) + table("说明", notes, hidden=True)


def formats() -> str:
    """Two empty rows and an empty column before a table of every kind of cell."""
    rows: list[list[Cell]] = [
        [],
        [],
        [None, "region", "metric", "period", "value", "unit", "note"],
        [None, ("n", "330000"), "rd_intensity", ("date", "2024-06-30"), ("%", "0.032"), "%", None],
        [None, ("n", "330000"), "hitech_output", "2024H1", ("n", "0.1"), "亿元", ("bool", True)],
        [None, ("n", "330000"), "patents", "2024H1", ("n", "12345"), "件", ("bool", False)],
        [],
        [None, ("n", "330000"), "growth", "2024H1", ("%", "0.125"), "%", ("n", "1.25e-7")],
        [
            None,
            ("n", "330000"),
            "ratio",
            "2024H1",
            ("error", "of:=1/0"),
            "%",
            ("error", "of:=NA()"),
        ],
        [None, ("n", "330000"), "big", "2024H1", ("n", "123456789012.5"), "元", ("%", "1")],
    ]
    return table("格式", rows)


def nbs() -> str:
    """An export of the national statistics database: metadata rows, periods as
    columns (newest first), a footer."""
    rows: list[list[Cell]] = [
        ["数据库：分省年度数据"],
        ["指标：研究与试验发展(R&D)经费投入强度(%)"],
        ["地区：全部"],
        ["时间：最近3年"],
        ["地区", "2023年", "2022年", "2021年"],
        ["北京市", ("n", "6.73"), ("n", "6.83"), ("n", "6.53")],
        ["浙江省", ("n", "3.2"), ("n", "3.11"), ("n", "2.94")],
        ["西藏自治区", None, ("n", "0.33"), ("n", "0.29")],
        [],
        ["数据来源：国家统计局"],
    ]
    return table("年度数据", rows)


def yearbook() -> str:
    """A yearbook table: padded names, the national total, sub-rows, marks, notes."""
    rows: list[list[Cell]] = [
        ["2-5  各地区研究与试验发展(R&D)经费"],
        [None, None, None, "单位：亿元"],
        ["地 区", "R&D经费", "基础研究", "占比(%)"],
        ["全 国", ("n", "33357.1"), ("n", "2259.1"), ("n", "6.77")],
        ["北 京", ("n", "2947.1"), ("n", "495.6"), ("n", "16.82")],
        ["# 中关村", ("n", "1200.4"), "…", "—"],
        ["其中：企业", ("n", "800"), "*", None],
        ["浙 江", ("n", "2640.2"), ("n", "98.1"), ("n", "3.72")],
        ["注：1. 本表数据为初步统计数。"],
        ["    2. “…”表示数据不足本表最小单位数。"],
    ]
    return table("2-5", rows)


def monthly() -> str:
    """A monthly release with a two-row merged header."""
    rows: list[list[Cell]] = [
        ["2024年6月规模以上工业增加值"],
        ["指标", ("merge", 2, "6月"), ("merge", 2, "1—6月")],
        [None, "绝对量", "同比增长(%)", "绝对量", "同比增长(%)"],
        ["规模以上工业增加值", None, ("n", "5.3"), None, ("n", "6")],
        ["高技术制造业", None, ("n", "8.8"), None, ("n", "8.7")],
    ]
    return table("月度", rows)


FIXTURES = {
    "long": long_table,
    "formats": formats,
    "nbs": nbs,
    "yearbook": yearbook,
    "monthly": monthly,
}


def build(out: Path) -> list[Path]:
    """Write every fixture in every kind to ``out``; the paths written."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the fixtures")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        sources = []
        for name, make in FIXTURES.items():
            source = folder / f"{name}.fods"
            source.write_text(HEAD + make() + TAIL, encoding="utf-8")
            sources.append(str(source))
        profile = (folder / "profile").as_uri()
        for kind in KINDS:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    kind,
                    "--outdir",
                    str(out),
                    *sources,
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=300,
            )
            written += [out / f"{name}.{kind}" for name in FIXTURES]
    missing = [path for path in written if not path.exists()]
    if missing:
        raise SystemExit(f"LibreOffice did not write {', '.join(map(str, missing))}")
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path.relative_to(args.out.parent) if path.is_relative_to(args.out.parent) else path)


if __name__ == "__main__":
    sys.exit(main())
