"""Markdown output: tables for a reviewer, a pull-request comment or
``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from pcheck import figures
from pcheck.model import Catalog, Report, Result, Severity, Status, Target
from pcheck.render import Display, gap_text, number, result_goal, status_label, words
from pcheck.units import show

ICONS = {Status.PASS: "✅", Status.AT_RISK: "⚠️", Status.FAIL: "❌", Status.NO_DATA: "➖"}


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """A summary line and one table of every result."""
    counts = report.counts()
    summary = ", ".join(f"{counts[s.value]} {status_label(s, display)}" for s in Status)
    lines = [
        "## pcheck",
        "",
        f"{len(report.results)} targets: {summary}. {report.rows} rows read.",
        "",
        "| status | region | target | actual | goal | gap | progress | period |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [_result_row(result, display) for result in report.results]
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    if errors:
        lines += ["", f"{len(errors)} input error(s):", ""]
        lines += [f"- `{cell(str(p.location))}` {cell(words(p.message, display))}" for p in errors]
    if report.unmatched:
        lines += ["", f"{report.unmatched_rows} row(s) no target uses."]
    if report.out_of_scope:
        lines += ["", f"{report.out_of_scope} row(s) of other regions."]
    return "\n".join(lines) + "\n"


def render_targets(targets: list[Target], catalog: Catalog, display: Display) -> str:
    """Every target in one table, with its quote."""
    lines = [
        "| region | year | metric | op | value | unit | tier | quote | id |",
        "| --- | --- | --- | --- | ---: | --- | --- | --- | --- |",
    ]
    for target in targets:
        value = (
            f"{number(target.value)}–{number(target.upper)}"
            if target.upper is not None
            else (target.reference or str(number(target.value)))
        )
        if target.stretch is not None:
            value += f" (力争 {number(target.stretch)})"
        op = ("growth " if target.basis.value == "growth" else "") + target.op.value
        row = [
            target.region_entry.name,
            str(target.year),
            " + ".join(target.metrics),
            op,
            value,
            target.unit,
            target.tier.value,
            target.quote,
            f"`{target.id}`",
        ]
        lines.append("| " + " | ".join(cell(text) for text in row) + " |")
    return "\n".join(lines) + "\n"


def _result_row(result: Result, display: Display) -> str:
    target = result.target
    actual = "—" if result.actual is None else show(result.actual, result.unit)
    gap = gap_text(result)
    share = figures.progress(result)
    progress = "—" if share is None else f"{share * 100:.0f}%"
    row = [
        f"{ICONS[result.status]} {status_label(result.status, display)}",
        target.region_entry.name,
        target.name,
        actual,
        result_goal(result),
        gap,
        progress,
        str(result.period or ""),
    ]
    return "| " + " | ".join(cell(text) for text in row) + " |"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
