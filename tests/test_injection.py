"""Hostile text in every place an input can put it: a target's name, quote, note or
document title, a region's name, a CSV cell or column header, a file name.

Whatever the text: a problem stays one line; no output shows a control character, bidi
mark or line separator raw, other than the newlines (CRLF in CSV) and colour codes the
format itself writes; JSON keeps the text exactly; Markdown shows it literally; JUnit
is XML; and nothing raises. Reports are built directly where the command line would be
too slow for hypothesis; case folders named ``*-hostile-*`` show the command line's
view of a few such inputs."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pcheck.catalog import load_catalog
from pcheck.cli import cli
from pcheck.messages import HIDDEN, catalog, line, placeholders, visible
from pcheck.messages import text as words
from pcheck.model import (
    Document,
    Location,
    Message,
    Op,
    Period,
    Problem,
    Report,
    Result,
    Severity,
    Status,
    Target,
    Unmatched,
)
from pcheck.render import (
    BINARY_FORMATS,
    RENDERERS,
    TARGET_FORMATS,
    Display,
    report_renderer,
    target_renderer,
)
from pcheck.render.csv import safe_cell
from pcheck.render.problems import render_problems
from pcheck.render.target import render_target

CATALOG = load_catalog()
D = Decimal
H1 = Period(2024, 6)

# Pieces an attacker would try, mixed with any character at all.
FRAGMENTS = (
    "\n", "\r", "\r\n", "\t", "\x00", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b[2J",
    "\x1b]0;title\x07", "\x7f", "\x85", "\x9b", "\x9b31m", "\u061c", "\u200e", "\u202a",
    "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\udcff", "[", "]", "](", "[/]",
    "[bold]", "[x](javascript:alert(1))", "![i](http://e/x.png)", "<http://e>",
    "<img src=x onerror=alert(1)>", "<!--", "<", ">", "&", "&lt;", "&#60;", "|", "`",
    "*", "_", "~", "$", "\\", "%", ":", "::", ",", "::error file=x::forged",
    "x.csv:9:value: error[fake]: forged", "研发投入强度", " ", "\u3000", "\ufffe",
)  # fmt: skip
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.characters()), max_size=8).map("".join)
# What a UTF-8 file can hold (no lone surrogates).
hostile_in_file = hostile.filter(lambda text: not re.search("[\ud800-\udfff]", text))

RAW = re.compile(f"[{HIDDEN}]")
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
RUNNER_ENV = {"NO_COLOR": "1", "FORCE_COLOR": "", "PCHECK_TARGETS": "", "PCHECK_DEBUG": ""}
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def raw_controls(text: str, allowed: str = "\n") -> list[str]:
    """The characters of HIDDEN in ``text`` other than ``allowed``."""
    return [char for char in RAW.findall(text) if char not in allowed]


# -- the one function every text format uses --------------------------------------------


@given(hostile)
def test_visible_text_is_one_line_and_shows_every_character(text: str) -> None:
    shown = visible(text)
    assert not RAW.search(shown)
    assert shown.isprintable() or not text.isprintable()
    assert len(shown.splitlines()) <= 1


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_visible_leaves_ordinary_text_as_it_is(text: str) -> None:
    assert visible(text) == text


def test_visible_writes_escapes() -> None:
    assert visible("a\nb\x1b[31m\u202e\x85\udcff\t") == "a\\nb\\x1b[31m\\u202e\\x85\\udcff\\t"


# -- problems -----------------------------------------------------------------------------


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A problem of any kind, every parameter of its message and its place hostile."""
    message_id = draw(st.sampled_from(sorted(catalog())))
    params = {name: draw(hostile) for name in placeholders(catalog()[message_id])}
    column = draw(st.one_of(st.none(), st.integers(1, 99), hostile))
    where = Location(draw(hostile), draw(st.one_of(st.none(), st.integers(1, 10**6))), column)
    severity = draw(st.sampled_from(Severity))
    return Problem(where, Message.of(message_id, **params), draw(hostile), severity)


@given(st.lists(problems(), max_size=5))
def test_a_problem_is_one_line_in_every_format(found: list[Problem]) -> None:
    for problem in found:
        assert "\n" not in line(problem) and not raw_controls(line(problem), "")
    text = render_problems(found, "text", files=1, rows=3)
    assert len(text.splitlines()) == len(found) + 1
    assert not raw_controls(text)
    commands = render_problems(found, "github", files=1, rows=3)
    assert len(commands.splitlines()) == len(found)
    assert all(
        command.startswith(("::error ", "::warning ", "::notice "))
        for command in commands.splitlines()
    )
    assert not raw_controls(commands)
    data = json.loads(render_problems(found, "json", files=1, rows=3))
    assert [p["message"] for p in data["problems"]] == [words(p.message) for p in found]


COLUMNS = ("region", "metric", "period", "value", "unit", "source")
ROW = {"region": "330000", "metric": "rd_intensity", "period": "2024H1", "value": "3.1"}


def _validate(path: Path, fmt: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", "--format", fmt, str(path)], env=RUNNER_ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@SLOW
@given(st.sampled_from((*COLUMNS, "header", "file name")), hostile_in_file)
def test_validate_gives_one_line_a_problem_whatever_the_file_says(
    tmp_path: Path, place: str, text: str
) -> None:
    header = list(COLUMNS)
    row = {**ROW, "unit": "%", "source": "x"}
    name = "figures.csv"
    if place == "header":
        header[1] = text
    elif place == "file name":
        name = text.replace("/", "").replace("\x00", "") + ".csv"
    else:
        row[place] = text
    path = tmp_path / name
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerow([row[column] for column in COLUMNS])
    try:
        path.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError:  # a file name longer than the file system allows
        return
    code, text_output = _validate(path, "text")
    assert code in (0, 1)
    _, json_output = _validate(path, "json")
    found = json.loads(json_output)["problems"]
    assert len(text_output.splitlines()) == len(found) + 1
    assert not raw_controls(text_output)
    _, commands = _validate(path, "github")
    assert len(commands.splitlines()) == len(found)
    assert not raw_controls(commands)


# -- reports ------------------------------------------------------------------------------


@dataclass
class Texts:
    """A text for each place an input can put text in a report."""

    name: str = "n"
    quote: str = "q"
    note: str = "note"
    title: str = "t"
    region: str = "浙江省"
    path: str = "t.yaml"
    column: str = "value"
    metric: str = "rd_intensity"


hostile_texts = st.builds(Texts, *(hostile for _ in fields(Texts)))


def _target(texts: Texts, index: int, metric: str, value: str) -> Target:
    region = replace(CATALOG.regions["330000"], name=texts.region, name_en=texts.region)
    entry = CATALOG.metrics[metric]
    return Target(
        id=f"t-{index}",
        metrics=(metric,),
        region="330000",
        year=2024,
        op=Op.GE,
        value=D(value),
        unit=entry.unit,
        quote=texts.quote,
        document=Document(texts.title, texts.title, "2024-01-01", texts.path, url=texts.path),
        location=Location(texts.path, index + 1, 5),
        name=texts.name,
        name_en=texts.name,
        region_entry=region,
        metric_entries=(entry,),
        note=texts.note,
    )


@st.composite
def reports(draw: st.DrawFn) -> tuple[Report, list[Target]]:
    """A report with a result of every status, every text in it hostile."""
    texts = draw(hostile_texts)
    source = Location(texts.path, 2, texts.column)
    problem = Problem(
        Location(texts.path, 3, texts.column),
        Message.of("unit.unknown", unit=texts.metric),
        "unit",
    )
    targets = [_target(texts, i, "rd_intensity", "3.2") for i in range(4)]
    pass_, risk, fail, none = targets
    results = (
        Result(pass_, Status.PASS, period=H1, actual=D("3.3"), goal=D("3.2"), expected=D(1),
               sources=(source,)),
        Result(risk, Status.AT_RISK, period=H1, actual=D("3.1"), goal=D("3.2"), expected=D(1),
               sources=(source,)),
        Result(fail, Status.FAIL, period=H1, actual=D("2"), goal=D("3.2"), expected=D(1),
               sources=(source,)),
        Result(none, Status.NO_DATA, problems=(problem,),
               missing=Message.of("reason.no-figure", metric=texts.metric, region=texts.region,
                                  year=2024)),
    )  # fmt: skip
    unmatched = Unmatched(texts.metric, "330000", 2024, (H1,), (source,), 5)
    return Report(results, (unmatched,), (problem,), rows=9), targets


def render(name: str, report: Report, display: Display | None = None) -> str:
    return "".join(report_renderer(name).render_report(report, CATALOG, display or Display()))


@settings(max_examples=60, deadline=None)
@given(reports(), st.booleans())
def test_no_format_shows_a_control_character_raw(
    built: tuple[Report, list[Target]], at_risk: bool
) -> None:
    report, targets = built
    display = Display(at_risk_fails=at_risk)
    for name in RENDERERS:
        if name in BINARY_FORMATS:
            continue  # a workbook's cells: tests/test_render_xlsx.py
        text = render(name, report, display)
        if name == "csv":
            assert not raw_controls(text.replace("\r\n", ""), "")
        else:
            assert not raw_controls(text), name
    coloured = render("table", report, Display(color=True))
    assert "\x1b[" in coloured
    assert not raw_controls(COLOUR.sub("", coloured))
    for name in TARGET_FORMATS:
        assert not raw_controls(target_renderer(name).render_targets(targets, CATALOG, display))
    for fmt in ("table", "json"):
        assert not raw_controls(render_target(targets[0], fmt))


@settings(max_examples=60, deadline=None)
@given(reports())
def test_json_keeps_the_text_and_escapes_it(built: tuple[Report, list[Target]]) -> None:
    report, targets = built
    data = json.loads(render("json", report))
    assert [r["name"] for r in data["results"]] == [t.name for t in targets]
    assert data["problems"][0]["file"] == report.problems[0].location.path
    shown = json.loads(render_target(targets[0], "json"))
    assert (shown["quote"], shown["note"]) == (targets[0].quote, targets[0].note)


@settings(max_examples=60, deadline=None)
@given(reports())
def test_csv_has_one_line_a_result(built: tuple[Report, list[Target]]) -> None:
    report, _ = built
    text = render("csv", report)
    assert text.count("\r\n") == len(text.splitlines()) == len(report.results) + 1
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert {row[4] for row in rows[1:]} == {safe_cell(visible(report.results[0].target.name))}


@settings(max_examples=60, deadline=None)
@given(reports())
def test_junit_is_xml_that_names_each_target(built: tuple[Report, list[Target]]) -> None:
    report, targets = built
    for display in (Display(), Display(at_risk_fails=True)):
        document = ET.fromstring(render("junit", report, display))
        names = [case.get("name") for case in document.iter("testcase")]
        expected = [f"{t.id} {visible(t.name)}".replace("\ufffe", "\ufffd") for t in targets]
        assert names == expected


@settings(max_examples=60, deadline=None)
@given(reports())
def test_github_commands_are_one_line_each(built: tuple[Report, list[Target]]) -> None:
    report, _ = built
    lines = render("github", report).splitlines()
    # at risk, fail and no data; the input problem; the summary
    assert len(lines) == 3 + 1 + 1
    assert all(line.startswith("::") for line in lines[:-1])
    for command in lines[:-1]:
        properties = command.split("::")[1].split(" ", 1)[1].split(",")
        assert [p.split("=", 1)[0] for p in properties] in (
            ["file", "line", "title"],
            ["file", "line", "col", "title"],
        )


MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
TAGS = re.compile(r"<(/?)([a-z0-9]+)")
STRUCTURE = {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "code"}


def _tables(rendered: str) -> list[list[list[str]]]:
    """The text of each body row's cells, table by table, as a reader sees it."""
    return [
        [
            [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        ]
        for body in re.findall(r"<tbody>(.*?)</tbody>", rendered, re.S)
    ]


def _text(cell: str) -> str:
    return html.unescape(re.sub("</?code>", "", cell)).strip()


@settings(max_examples=60, deadline=None)
@given(reports())
def test_markdown_shows_the_text_literally(built: tuple[Report, list[Target]]) -> None:
    report, targets = built
    text = render("markdown", report)
    listed = target_renderer("markdown").render_targets(targets, CATALOG, Display())
    for markdown, widths in ((text, [8, 2]), (listed, [9])):
        assert "<" not in markdown
        rendered = MARKDOWN.render(markdown)
        assert {tag for _, tag in TAGS.findall(rendered)} <= STRUCTURE
        tables = _tables(rendered)
        assert [len(table[0]) for table in tables] == widths
        assert all(len(row) == len(table[0]) for table in tables for row in table)
    results, errors = _tables(MARKDOWN.render(text))
    assert results[0][2] == visible(targets[0].name).strip()
    assert errors[0] == [visible(str(p.location)).strip() for p in report.problems] + [
        visible(words(report.problems[0].message)).strip()
    ]
    [listing] = _tables(MARKDOWN.render(listed))
    assert listing[0][7] == visible(targets[0].quote).strip()


# -- the table reads no markup --------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["研发投入强度[/]", "[bold]x", "[red]红[/red]", "[link=http://e]l"]
)
def test_the_table_shows_a_name_as_written(name: str) -> None:
    target = _target(Texts(name=name), 0, "rd_intensity", "3.2")
    result = Result(target, Status.PASS, period=H1, actual=D("3.3"), goal=D("3.2"), expected=D(1))
    report = Report((result,), rows=1)
    assert name in render("table", report, Display(width=140))
    assert name in render("table", report, Display(width=140, color=True))
    listed = target_renderer("table").render_targets([target], CATALOG, Display(width=140))
    assert name in listed


# -- target files through the command line --------------------------------------------------


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, everything but plain ASCII escaped."""
    return '"' + "".join(
        char if " " <= char <= "~" and char not in '"\\' else f"\\U{ord(char):08x}"
        for char in text
    ) + '"'  # fmt: skip


TARGET_FILE = """\
document:
  title: {title}
  issuer: 测试机关
  date: "2024-01-01"
  source: plan.txt
region: "330000"
year: 2024
targets:
  - id: hostile
    metric: rd_intensity
    name: {name}
    op: ">="
    value: 3.2
    unit: "%"
    quote: {quote}
    note: {name}
"""


@SLOW
@given(hostile_in_file, hostile_in_file)
def test_target_files_reach_no_terminal_raw(tmp_path: Path, name: str, quote: str) -> None:
    directory = tmp_path / "targets"
    directory.mkdir(exist_ok=True)
    # Led by a letter, so that most files load (an empty name or quote is refused).
    name, quote = _yaml_string(f"x{name}"), _yaml_string(f"x{quote}")
    text = TARGET_FILE.format(title=name, name=name, quote=quote)
    (directory / "plan.yaml").write_text(text, encoding="utf-8")
    data = tmp_path / "figures.csv"
    data.write_text("region,metric,period,value,unit\n330000,rd_intensity,2024H1,3.1,%\n")
    runs = [
        ["targets", "list", "--targets", str(directory)],
        ["targets", "list", "--targets", str(directory), "--format", "markdown"],
        ["targets", "show", "hostile", "--targets", str(directory)],
        ["targets", "lint", str(directory)],
        ["evaluate", str(data), "--targets", str(directory)],
        ["evaluate", str(data), "--targets", str(directory), "--format", "markdown"],
        ["evaluate", str(data), "--targets", str(directory), "--format", "github"],
    ]
    for args in runs:
        result = CliRunner().invoke(cli, args, env=RUNNER_ENV)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert not raw_controls(result.stdout), args
        assert not raw_controls(result.stderr), args
