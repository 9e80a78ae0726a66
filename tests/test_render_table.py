"""The terminal report: a summary first, tables that share their widths and fit the
display, names wrapped once at most, reasons under the rows that need them."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from click.testing import CliRunner
from click.testing import Result as Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from conftest import ROOT
from pcheck import figures
from pcheck.actuals import load_actuals
from pcheck.catalog import load_catalog
from pcheck.cli import cli
from pcheck.engine import evaluate
from pcheck.model import Options, Period, Report, Result, Status, Tier
from pcheck.render import Display, table, words
from pcheck.render.table import render_report
from pcheck.targets import default_directory, load_targets

CATALOG = load_catalog()
SAMPLE = ROOT / "data" / "2024Q2.csv"
BAR = re.compile(r"[█·│]+ +-?[\d.]+%$")


def _sample() -> Report:
    targets = [t for t in load_targets(default_directory(), CATALOG) if t.year == 2024]
    return evaluate(targets, load_actuals([SAMPLE], CATALOG), CATALOG, Options())


REPORT = _sample()


def render(report: Report, display: Display | None = None) -> str:
    return render_report(report, CATALOG, display or Display())


def flat(text: str) -> str:
    """``text`` without any white space: what stays of it however it is wrapped."""
    return "".join(text.split())


def named(report: Report, names: list[str]) -> Report:
    """``report`` with its targets renamed, one name a result in turn."""
    results = tuple(
        replace(r, target=r.target._replace(name=names[i % len(names)]))
        for i, r in enumerate(report.results)
    )
    return replace(report, results=results)


# Names of any length: Chinese (two cells a character), Latin, wide punctuation and
# symbols, spaces where a line may break, a character no terminal shows as one cell.
names = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("abcXYZ （）《》、，＋ —…·\u0301\U0001f600"),
    ),
    max_size=120,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(names, min_size=1, max_size=6), st.integers(40, 200), st.booleans())
def test_no_line_is_wider_than_the_display(names_: list[str], width: int, verbose: bool) -> None:
    report = named(REPORT, names_)
    for display in (Display(width=width, verbose=verbose), Display(width=width, quiet=True)):
        lines = render(report, display).splitlines()
        assert max(cell_len(line) for line in lines) <= width


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names_=st.lists(st.one_of(names, st.text(max_size=90)), min_size=1, max_size=6),
    width=st.integers(20, 200),
    verbose=st.booleans(),
)
def test_lines_laid_out_without_rich_are_what_rich_prints(
    names_: list[str], width: int, verbose: bool
) -> None:
    # Without colour the report's lines are kept as text, not printed by rich: the
    # same bytes, for names of any characters (controls and marks too) at any width.
    report = named(REPORT, names_)
    display = Display(width=width, verbose=verbose)
    kept = render(report, display)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(table, "_Plain", Text)
        patched.setattr(table._Out, "print", _printed_by_rich)
        assert render(report, display) == kept


def _printed_by_rich(out: table._Out, line: Text | None = None) -> None:
    out.console.print(Text() if line is None else line)
    out.lines += table._text(out.console).split("\n")[:-1]
    out.console.file.seek(0)
    out.console.file.truncate()


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
def test_the_sample_fits_every_width(width: int) -> None:
    lines = render(REPORT, Display(width=width, verbose=True)).splitlines()
    assert max(cell_len(line) for line in lines) <= width


def _one(name: str, status: Status = Status.PASS) -> Report:
    """A report of one result, named ``name``, 3.3% against a goal of 3.2%."""
    first = next(r for r in REPORT.results if r.target.metrics == ("rd_intensity",))
    target = first.target._replace(name=name, tier=Tier.BASE, stretch=None)
    result = Result(
        target, status, period=Period(2024, 12), actual=Decimal("3.3"), goal=Decimal("3.2"),
        expected=Decimal(1),
    )  # fmt: skip
    return Report((result,), rows=1)


def _name_lines(text: str, display: Display) -> list[str]:
    """The pieces of the name in a one-result report: the lines of its row, less
    the status and the figures (``3.3%`` and what follows it)."""
    lines = text.splitlines()
    rule = max(i for i, line in enumerate(lines) if line.startswith("─"))
    end = lines.index("", rule)
    pieces = []
    for line in lines[rule + 1 : end]:
        if BAR.search(line) and "3.3%" not in line:
            continue  # the progress, on a line of its own in a narrow display
        line = line.removeprefix("PASS")
        line = re.sub(r" +3\.3% .*$", "", line).strip()
        if line:
            pieces.append(line)
    return pieces


@settings(max_examples=150, deadline=None)
@given(names.filter(lambda n: n.strip() and "  " not in n), st.integers(40, 200))
def test_no_name_wraps_more_than_once(name: str, width: int) -> None:
    display = Display(width=width)
    pieces = _name_lines(render(_one(name), display), display)
    assert 1 <= len(pieces) <= 2
    shown = flat("".join(pieces))
    if shown.endswith("…") and not flat(name).endswith("…"):
        assert flat(name).startswith(shown[:-1])  # cut past two full lines
        assert len(flat(name)) >= len(shown)
    else:
        assert shown == flat(name)


def test_a_long_name_takes_a_line_of_its_own_above_its_figures() -> None:
    name = "规上工业企业研发费用占营业收入比重" + "占全省比重的增长率"  # 52 cells
    lines = render(_one(name), Display(width=60)).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("PASS"))
    assert lines[at].split() == ["PASS", name]
    assert lines[at + 1].split()[:1] == ["3.3%"]


def test_reasons_under_rows_that_fail_or_have_no_data() -> None:
    text = flat(render(REPORT))
    for result in REPORT.results:
        reason = flat(words(figures.reason(result)))
        shown = reason in text
        assert shown is (result.status in (Status.FAIL, Status.NO_DATA)), reason


def test_verbose_gives_every_row_its_reason() -> None:
    text = flat(render(REPORT, Display(verbose=True)))
    assert all(flat(words(figures.reason(r))) in text for r in REPORT.results)


def test_at_risk_rows_say_why_when_they_fail_the_run() -> None:
    text = flat(render(REPORT, Display(at_risk_fails=True)))
    for result in REPORT.results:
        if result.status is Status.AT_RISK:
            assert flat(words(figures.reason(result))) in text


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_percentage_is_always_shown(width: int) -> None:
    lines = render(REPORT, Display(width=width)).splitlines()
    bars = [line for line in lines if BAR.search(line)]
    assert len(bars) == sum(1 for r in REPORT.results if figures.progress(r) is not None)
    stretch = [r for r in REPORT.results if r.target.stretch is not None]
    assert stretch  # goals with a stretch figure keep their percentage too


def test_the_tables_share_their_column_widths() -> None:
    lines = render(REPORT, Display(width=80)).splitlines()
    heads = [line for line in lines if line.startswith("status")]
    assert len(heads) == len({r.target.region for r in REPORT.results}) > 1
    assert len(set(heads)) == 1
    ends = {cell_len(line) for line in lines if BAR.search(line) and line.endswith("%")}
    assert len(ends) == 1  # every progress column ends at the same place


def summary(text: str) -> list[list[str]]:
    """The summary's lines, each split into its region and its counts."""
    lines = text.splitlines()
    rows = []
    for line in lines[3 : lines.index("")]:
        if line.startswith("─"):
            continue
        title, *counts = re.split(r"\s{2,}", line.strip())
        rows.append([title, *counts])
    return rows


def test_the_summary_counts_each_region_then_the_total() -> None:
    rows = summary(render(REPORT))
    regions: dict[str, list[Result]] = {}
    for result in REPORT.results:
        regions.setdefault(result.target.region, []).append(result)
    assert len(rows) == len(regions) + 1
    for (code, results), row in zip([*regions.items(), ("", REPORT.results)], rows, strict=True):
        assert row[0].endswith(f"({code})") if code else row[0] == "total"
        counts = [sum(1 for r in results if r.status is s) for s in Status]
        assert [int(n) for n in row[1:5]] == counts
        judged = len(results) - counts[-1]
        assert row[5] == f"{round(Decimal(counts[0] * 100) / judged)}%"


def test_the_summary_comes_first() -> None:
    lines = render(REPORT).splitlines()
    assert lines[0] == "Summary"
    total = next(i for i, line in enumerate(lines) if line.startswith("total "))
    assert total < next(i for i, line in enumerate(lines) if BAR.search(line))


def test_quiet_keeps_the_summary_alone() -> None:
    text = render(REPORT, Display(quiet=True))
    full = render(REPORT)
    assert full.startswith(text.rsplit("\n", 2)[0])
    assert not any(BAR.search(line) for line in text.splitlines())
    assert all(r.target.name not in text for r in REPORT.results)
    assert text.splitlines()[-1] == full.splitlines()[-1]  # the rows read


def test_goals_due_years_ahead_keep_their_trend_and_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests" / "cases" / "evaluate-course-table")
    result = run("evaluate", "d.csv", "--targets", "targets")
    assert "▁▄█ 2022→2027 slower than expected" in result.stdout
    assert "██·│·····  30%" in result.stdout  # the mark: where the path says it should be


def test_colour_repeats_the_words() -> None:
    coloured = render(REPORT, Display(color=True))
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(REPORT)


def run(*args: str) -> Run:
    environment = {"NO_COLOR": "1", "FORCE_COLOR": "", "PCHECK_TARGETS": ""}
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


def test_the_options_reach_the_table() -> None:
    quiet = run("evaluate", str(SAMPLE), "--quiet")
    verbose = run("evaluate", str(SAMPLE), "--verbose")
    plain = run("evaluate", str(SAMPLE))
    assert quiet.exit_code == verbose.exit_code == plain.exit_code == 1
    lengths = [len(r.stdout.splitlines()) for r in (quiet, plain, verbose)]
    assert lengths[0] < lengths[1] < lengths[2]
    regions = len({r.target.region for r in REPORT.results})
    assert lengths[0] == regions + 6  # heading, heads, two rules, total, rows read
