"""Output formats, each checked for what its readers need."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from pcheck import figures
from pcheck.actuals import load_actuals
from pcheck.engine import evaluate, evaluate_lazily
from pcheck.model import Catalog, Location, Message, Options, Report, Result
from pcheck.render import (
    BINARY_FORMATS,
    RENDERERS,
    STREAMED_FORMATS,
    TARGET_FORMATS,
    Display,
    report_renderer,
    streamed_renderer,
    target_renderer,
    words,
)
from pcheck.render.csv import COLUMNS, safe_cell, write_rows
from pcheck.render.github import command
from pcheck.targets import default_directory, load_targets


def hostile(text: str) -> Message:
    """A reason carrying ``text`` where a metric's name stands."""
    return Message.of("reason.no-figure", metric=text, region="x", year=2024)


def render(name: str, report: Report, catalog: Catalog, display: Display | None = None) -> str:
    """A format's report, joined into one text."""
    rendered = report_renderer(name).render_report(report, catalog, display or Display())
    assert not isinstance(rendered, bytes), f"{name} makes a file's bytes, not text"
    return "".join(rendered)


@pytest.fixture(scope="module")
def report(catalog: Catalog) -> Report:
    targets = [t for t in load_targets(default_directory(), catalog) if t.year == 2024]
    actuals = load_actuals([ROOT / "data" / "2024Q2.csv"], catalog)
    return evaluate(targets, actuals, catalog, Options())


def test_every_format_renders_the_sample(report: Report, catalog: Catalog) -> None:
    for name in RENDERERS:
        if name in BINARY_FORMATS:
            rendered = report_renderer(name).render_report(report, catalog, Display())
            assert isinstance(rendered, bytes) and rendered.startswith(b"PK")  # a zip file
        else:
            assert render(name, report, catalog, Display())
    targets = [r.target for r in report.results]
    for name in TARGET_FORMATS:
        assert target_renderer(name).render_targets(targets, catalog, Display())


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("+86", "'+86"), ("@SUM(A1)", "'@SUM(A1)"), ("-x", "'-x"),
     ("\tx", "'\tx"), ("-0.02", "-0.02"), ("42", "42"), ("研发投入强度", "研发投入强度")],
)  # fmt: skip
def test_csv_cells_are_safe_in_a_spreadsheet(text: str, written: str) -> None:
    assert safe_cell(text) == written


def test_csv_has_one_row_per_result(report: Report, catalog: Catalog) -> None:
    text = render("csv", report, catalog, Display())
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(report.results)
    rd = next(r for r in rows if r["target_id"] == "zj-2024-rd-intensity")
    assert (rd["status"], rd["actual"], rd["gap"], rd["gap_unit"]) == (
        "at_risk",
        "3.18",
        "-0.02",
        "pp",
    )


def test_junit_is_xml_with_a_case_per_target(report: Report, catalog: Catalog) -> None:
    strict = ET.fromstring(render("junit", report, catalog, Display(at_risk_fails=True)))
    lenient = ET.fromstring(render("junit", report, catalog, Display()))
    counts = report.counts()
    assert int(strict.get("tests", 0)) == len(report.results) == len(strict.findall(".//testcase"))
    assert int(strict.get("failures", 0)) == counts["fail"] + counts["at_risk"]
    assert int(lenient.get("failures", 0)) == counts["fail"]
    assert int(lenient.get("skipped", 0)) == counts["at_risk"] + counts["no_data"]


def test_junit_survives_characters_xml_cannot_hold(report: Report, catalog: Catalog) -> None:
    from dataclasses import replace

    result = replace(report.results[0], missing=hostile("bad \x00\x1b byte"))
    text = render("junit", replace(report, results=(result,)), catalog)
    ET.fromstring(text)


def test_github_commands_point_at_rows_and_escape(report: Report, catalog: Catalog) -> None:
    text = render("github", report, catalog, Display())
    errors = [line for line in text.splitlines() if line.startswith("::error ")]
    assert len(errors) == report.counts()["fail"]
    assert any("file=" in line and "line=" in line for line in errors)
    line = command("warning", "50% done\nnext", Location("a,b:c.csv", 3, "value"), "t: x")
    assert line == "::warning file=a%2Cb%3Ac.csv,line=3,title=t%3A x::50%25 done\\nnext\n"


def test_html_is_self_contained(report: Report, catalog: Catalog) -> None:
    text = render("html", report, catalog, Display())
    assert text.startswith("<!DOCTYPE html>")
    for outside in ("<script", "http://", "https://", "@import", "url("):
        assert outside not in text
    bars = sum(1 for r in report.results if figures.progress(r) is not None)
    regions = len({r.target.region for r in report.results})
    assert text.count("<svg") == bars + regions + 1  # and the summary's, with the total
    assert "@media print" in text


def test_html_escapes_what_it_shows(report: Report, catalog: Catalog) -> None:
    from dataclasses import replace

    result = replace(report.results[0], missing=hostile("<script>alert(1)</script>"))
    text = render("html", replace(report, results=(result,)), catalog)
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_json_numbers(report: Report, catalog: Catalog) -> None:
    data = json.loads(render("json", report, catalog, Display()))
    assert all(isinstance(r["progress"], int | float | None) for r in data["results"])
    assert Decimal(str(data["results"][0]["expected"])) in (Decimal("0.5"), Decimal(1))


def test_markdown_cells_cannot_break_the_table() -> None:
    from pcheck.render.markdown import cell

    assert cell("a|b\nc") == "a\\|b\\\\nc"  # shows a|b\nc


def test_output_file_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pcheck.output import write_atomically

    target = tmp_path / "report.html"
    target.write_text("old")
    write_atomically(target, "new")
    assert target.read_text() == "new"

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, "half")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_the_command_line_offers_every_format_and_only_those() -> None:
    # The CLI names the formats itself, so that `pcheck --help` need not import the
    # renderers; this keeps the two lists one.
    from pcheck.cli import REPORT_FORMATS
    from pcheck.cli import TARGET_FORMATS as CLI_TARGET_FORMATS

    assert set(REPORT_FORMATS) == set(RENDERERS)
    assert set(CLI_TARGET_FORMATS) == set(TARGET_FORMATS)


@pytest.mark.parametrize("name", ["table", "json"])
def test_catalog_listings_show_no_control_character(catalog: Catalog, name: str) -> None:
    from dataclasses import replace

    from pcheck.render import catalog_renderer

    region = replace(catalog.regions["330106"], aliases=("\x1b[31mred", "a\nb"))
    metric = replace(catalog.metrics["rd_intensity"], name_en="\u202eevil")
    renderer = catalog_renderer(name)
    regions = renderer.render_regions([region], [], catalog, Display())
    metrics = renderer.render_metrics([metric], Display())
    for text in (regions, metrics):
        assert "\x1b" not in text and "\u202e" not in text
        assert all(line.isprintable() for line in text.split("\n"))
    if name == "json":
        assert json.loads(regions)["regions"][0]["aliases"] == ["\x1b[31mred", "a\nb"]
        assert json.loads(metrics)["metrics"][0]["name_en"] == "\u202eevil"
    else:
        assert "\\x1b[31mred, a\\nb" in regions and "\\u202eevil" in metrics
    with pytest.raises(ValueError, match="not listed as csv"):
        catalog_renderer("csv")


def test_a_sparkline_runs_from_the_lowest_to_the_highest() -> None:
    from pcheck.render import sparkline

    assert sparkline([Decimal(1), Decimal(2), Decimal(3)]) == "▁▄█"
    assert sparkline([Decimal(5), Decimal(5)]) == "▄▄"
    assert sparkline([]) == ""


@pytest.mark.parametrize("name", STREAMED_FORMATS)
def test_a_streamed_report_reads_as_the_report_held(name: str, catalog: Catalog) -> None:
    targets = [t for t in load_targets(default_directory(), catalog) if t.year == 2024]
    actuals = load_actuals([ROOT / "data" / "2024Q2.csv"], catalog)
    held = evaluate(targets, actuals, catalog, Options())
    streamed = evaluate_lazily(targets, actuals, catalog, Options())
    pieces = streamed_renderer(name).render_report(streamed, catalog, Display())
    assert "".join(pieces) == render(name, held, catalog)


def test_json_sums_up_after_the_results(report: Report, catalog: Catalog) -> None:
    written = render("json", report, catalog)
    data = json.loads(written)
    assert list(data) == ["schema_version", "results", "unmatched", "problems", "summary"]
    counts = report.counts()
    assert data["summary"]["targets"] == len(report.results) == sum(counts.values())
    assert {k: data["summary"][k] for k in counts} == counts
    assert written.index('"summary"') > written.rindex('"target_id"')


def test_only_the_formats_that_stream_take_a_streamed_report() -> None:
    assert set(STREAMED_FORMATS) <= set(RENDERERS)
    for name in set(RENDERERS) - set(STREAMED_FORMATS):
        with pytest.raises(ValueError):
            streamed_renderer(name)


def _every_kind_of_result(catalog: Catalog) -> list[Result]:
    """Results of the sample, of goals due years ahead, and of made-up targets with
    names, notes and problems that hold anything."""
    from conftest import build_target
    from pcheck.model import Observation, Problem, Severity, Status
    from pcheck.observations import ObservationStore

    found = list(
        evaluate(
            [t for t in load_targets(default_directory(), catalog) if t.year == 2024],
            load_actuals([ROOT / "data" / "2024Q2.csv", ROOT / "data" / "2023.csv"], catalog),
            catalog,
            Options(),
        ).results
    )
    multi = load_targets(ROOT / "examples" / "multi-year" / "targets", catalog)
    data = [ROOT / "data" / name for name in ("2023.csv", "2024Q2.csv", "published.csv")]
    found += evaluate(multi, load_actuals(data, catalog), catalog, Options(year=2024)).results
    store = ObservationStore()
    store.series[("tech_transaction_volume", "330000", 2024)] = {
        6: Observation(Decimal("-0.0000004"), "a\u202e.csv", 3)
    }
    odd = ["\x1b[31m", "\u202e", "\ud800", '"\\', "\u2028", "中文", "=1+1", ""]
    for n, name in enumerate(odd):
        target = build_target(
            id=name or "t", name=name, stretch=Decimal(n), value=Decimal(n) / 7, unit="亿元"
        )
        (result,) = evaluate([target], store, catalog, Options()).results
        problem = Problem(Location(name, 1, name), hostile(name), "x", Severity.WARNING)
        found.append(result)
        found.append(replace(result, notes=(hostile(name),), problems=(problem,)))
        found.append(replace(result, stretch_met=not result.stretch_met))
        found.append(replace(result, status=Status.NO_DATA, actual=None, missing=hostile(name)))
    return found


@pytest.mark.parametrize("language", ["en", "zh"])
def test_json_writes_each_result_as_its_data(catalog: Catalog, language: str) -> None:
    from pcheck.render.json import _line, _result, _result_line

    display = Display(language=language)
    line = _result_line(display)
    results = _every_kind_of_result(catalog)
    assert any(r.course for r in results)
    assert {r.stretch_met for r in results} == {None, True, False}
    for result in results:
        assert line(result) == _line(_result(result, display))


@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(),
        st.just(-1e-06),
    )
)
def test_csv_cells_are_written_as_any_text_would_be(cell: object) -> None:
    from pcheck.messages import visible
    from pcheck.render.csv import _cell

    assert _cell(cell) == safe_cell(visible("" if cell is None else str(cell)))


def test_csv_rows_are_those_of_every_kind_of_result(catalog: Catalog) -> None:
    from pcheck.messages import visible
    from pcheck.render.csv import _row

    results = _every_kind_of_result(catalog)
    display = Display()
    written = "".join(write_rows(_row(r, display) for r in results))
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    expected.write("\ufeff")
    writer.writerow(COLUMNS)
    for result in results:
        row = [
            *_row(result, display)[:11],
            words(figures.reason(result), display),
            *_row(result, display)[12:],
        ]
        writer.writerow([safe_cell(visible("" if c is None else str(c))) for c in row])
    assert written == expected.getvalue()
    assert "'-1e-06" in written  # a negative float in e-notation is text, not a formula


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15)
    | st.decimals(allow_nan=False, allow_infinity=False, places=0)
)
def test_numbers_are_whole_or_rounded_to_six_places(value: Decimal) -> None:
    from pcheck.render import number

    found = number(value)
    if value == value.to_integral_value():
        assert type(found) is int and found == value
    else:
        assert type(found) is float and found == float(round(value, 6))


@given(
    st.none()
    | st.decimals(min_value=-(10**15), max_value=10**15)
    | st.decimals(places=0, allow_nan=False, allow_infinity=False)
    | st.sampled_from([Decimal("-0"), Decimal("1E+3"), Decimal("-1E-7"), Decimal("0.1234565")])
)
def test_json_numbers_are_written_as_json_writes_them(value: Decimal | None) -> None:
    from pcheck.render import number
    from pcheck.render.json import _number

    assert _number(value) == json.dumps(number(value))
