"""The workbook report: two sheets, numbers as numbers, text never a formula, and
written only to a file (or to a pipe when asked for)."""

from __future__ import annotations

import importlib.util
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from python_calamine import CalamineWorkbook
from test_injection import raw_controls, reports

from conftest import ROOT
from pcheck import figures
from pcheck.actuals import load_actuals
from pcheck.cli import cli
from pcheck.engine import evaluate
from pcheck.model import Catalog, Options, Report, Target
from pcheck.render import Display, report_renderer
from pcheck.render.xlsx import cell_text


def workbook(report: Report, catalog: Catalog, display: Display | None = None) -> bytes:
    made = report_renderer("xlsx").render_report(report, catalog, display or Display())
    assert isinstance(made, bytes)
    return made


def sheets(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture(scope="module")
def report(catalog: Catalog) -> Report:
    from pcheck.targets import default_directory, load_targets

    targets = [t for t in load_targets(default_directory(), catalog) if t.year == 2024]
    actuals = load_actuals([ROOT / "data" / "2024Q2.csv"], catalog)
    return evaluate(targets, actuals, catalog, Options())


def test_a_row_per_result_with_numbers_as_numbers(report: Report, catalog: Catalog) -> None:
    read = sheets(workbook(report, catalog))
    assert list(read) == ["results", "problems"]
    head, *rows = read["results"]
    assert len(rows) == len(report.results)
    column = {name: number for number, name in enumerate(head)}
    for row, result in zip(rows, report.results, strict=True):
        assert row[column["target id"]] == result.target.id
        assert row[column["status"]] == result.status.value
        actual = row[column["actual"]]
        if result.actual is None:
            assert actual == ""
        else:
            # as exact as a spreadsheet's numbers are (15 digits): a figure as read is
            # exact, a growth rate worked out has no end
            assert isinstance(actual, float)
            if len(result.actual.as_tuple().digits) <= 15:
                assert Decimal(str(actual)) == result.actual
            assert actual == pytest.approx(float(result.actual), rel=1e-15)
        progress = figures.progress(result)
        if progress is not None:
            assert row[column["progress"]] == pytest.approx(float(progress))
        assert row[column["year"]] == result.target.year


def test_problems_have_a_sheet_of_their_own(catalog: Catalog, tmp_path: Path) -> None:
    from pcheck.targets import default_directory, load_targets

    data = tmp_path / "bad.csv"
    data.write_text(
        "region,metric,period,value\n330000,rd_intensity,2024H1,lots\n"
        "330000,rd_intensity,2024H1,3.1\n",
        encoding="utf-8",
    )
    targets = [t for t in load_targets(default_directory(), catalog) if t.region == "330000"]
    built = evaluate(targets, load_actuals([data], catalog), catalog, Options(year=2024))
    assert built.problems
    head, *rows = sheets(workbook(built, catalog))["problems"]
    assert head == ["file", "sheet", "line", "column", "severity", "code", "message"]
    assert len(rows) == len(built.problems)
    assert rows[0][0] == str(data) and rows[0][2] == 2.0 and rows[0][4] == "error"


@settings(max_examples=15, deadline=None)
@given(reports())
def test_hostile_text_stays_text(built: tuple[Report, list[Target]]) -> None:
    report, targets = built
    from pcheck.catalog import load_catalog

    read = sheets(workbook(report, load_catalog()))
    head, *rows = read["results"]
    names = [row[head.index("goal")] for row in rows]
    assert names == [cell_text(t.name) for t in targets]
    for sheet in read.values():
        for row in sheet:
            for cell in row:
                assert not isinstance(cell, str) or not raw_controls(cell, "")


def test_a_formula_is_written_as_text(report: Report, catalog: Catalog) -> None:
    result = report.results[0]
    target = result.target._replace(name='=HYPERLINK("http://x","y")', quote="+1+1")
    data = workbook(replace(report, results=(replace(result, target=target),)), catalog)
    head, row = sheets(data)["results"]
    assert row[head.index("goal")] == '=HYPERLINK("http://x","y")'
    assert row[head.index("quote")] == "+1+1"
    assert b"<f>" not in _sheet_xml(data)  # no formula anywhere


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")
        )


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), env={"PCHECK_TARGETS": "", **(env or {})})


def test_the_command_line_writes_a_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    output = tmp_path / "r.xlsx"
    done = run("evaluate", "data/2024Q2.csv", "--format", "xlsx", "--output", str(output))
    assert done.exit_code == 1 and not done.stdout  # a target fails
    assert len(sheets(output.read_bytes())["results"]) == 81
    piped = run("evaluate", "data/2024Q2.csv", "--format", "xlsx", "--output", "-")
    assert piped.stdout_bytes.startswith(b"PK")
    assert sheets(piped.stdout_bytes)["results"] == sheets(output.read_bytes())["results"]


def test_a_workbook_is_not_written_to_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    done = run("evaluate", "data/2024Q2.csv", "--format", "xlsx")
    assert done.exit_code == 2 and not done.stdout
    assert "a workbook is written to a file: give --output FILE" in done.stderr
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    import pcheck.cli

    with pytest.raises(Exception, match="a workbook is written to a file"):
        pcheck.cli._workbook_can_be_written(Path("-"))


def test_without_its_writer_the_format_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    found = importlib.util.find_spec
    monkeypatch.setattr(
        "importlib.util.find_spec", lambda name, *a: None if name == "xlsxwriter" else found(name)
    )
    done = run("evaluate", "data/2024Q2.csv", "--format", "xlsx", "--output", str(tmp_path / "r"))
    assert done.exit_code == 2 and "pip install 'pcheck-plans[xlsx]'" in done.stderr
    assert not (tmp_path / "r").exists()
