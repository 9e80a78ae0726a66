"""Markdown output: tables for a reviewer, a pull-request comment or
``$GITHUB_STEP_SUMMARY``.

Every cell is escaped (:func:`cell`): what a target file or a CSV file says shows
literally in GitHub's renderer, never as HTML, a link, an image or a new column.
"""

from __future__ import annotations

import re

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import Catalog, Message, Report, Result, Severity, Status, Target
from pcheck.render import (
    Display,
    course_text,
    gap_text,
    number,
    result_goal,
    status_counts,
    status_label,
    words,
)
from pcheck.units import show

HEADS = ("status", "region", "target", "actual", "goal", "gap", "progress", "period")
ICONS = {Status.PASS: "✅", Status.AT_RISK: "⚠️", Status.FAIL: "❌", Status.NO_DATA: "➖"}


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """A summary line and one table of every result."""
    counts = report.counts()
    summary = status_counts(counts, display)
    heads = " | ".join(words(Message(f"markdown.{name}"), display) for name in HEADS)
    said = Message.of(
        "markdown.summary", targets=len(report.results), counts=summary, rows=report.rows
    )
    lines = [
        "## pcheck",
        "",
        words(said, display),
        "",
        f"| {heads} |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [_result_row(result, display) for result in report.results]
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    if errors:
        # A table rather than a list: a cell is no place for a quote, a heading or a
        # list to start, whatever the path or the message begins with.
        heading = words(Message.of("markdown.errors", count=len(errors)), display)
        where, error = (words(Message(f"markdown.{n}"), display) for n in ("where", "error"))
        lines += ["", heading, "", f"| {where} | {error} |", "| --- | --- |"]
        lines += [
            f"| {code(str(p.location))} | {cell(words(p.message, display))} |" for p in errors
        ]
    if report.unmatched:
        lines += ["", words(Message.of("markdown.unmatched", count=report.unmatched_rows), display)]
    if report.out_of_scope:
        lines += ["", words(Message.of("markdown.other", count=report.out_of_scope), display)]
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
        ]
        cells = [cell(text) for text in row] + [code(target.id)]
        lines.append("| " + " | ".join(cells) + " |")
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
        target.name + (f" {course_text(result, display)}" if result.course else ""),
        actual,
        result_goal(result, display),
        gap,
        progress,
        str(result.period or ""),
    ]
    return "| " + " | ".join(cell(text) for text in row) + " |"


# Backslash escapes for what starts emphasis, code, strikethrough, maths, links and
# images, or ends a cell; an entity for what starts HTML (tags, comments, autolinks).
# ``>`` starts nothing inside a line and is left as it is.
_ESCAPES = str.maketrans({**{char: "\\" + char for char in "\\`*~[]|$"}, "<": "&lt;"})
# Underscores between two letters or digits (``rd_intensity``) can neither open nor
# close emphasis; every other run of them is escaped.
_UNDERSCORES = re.compile(r"(?<!\w)_+|(?<!_)_+(?!\w)")
# An ampersand is an entity only before a name or number and a semicolon (``R&D``
# is text, ``&lt;`` is not).
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What may stand in a code span as it is: no backtick, pipe, angle bracket or control.
_PLAIN_CODE = re.compile(r"[\w.:/@+\- ]+")


def cell(text: str) -> str:
    """Text shown literally inside a Markdown table cell (or anywhere in a line):
    controls written as escapes, Markdown and HTML syntax escaped."""
    escaped = _ENTITY.sub("&amp;", visible(text)).translate(_ESCAPES)
    return _UNDERSCORES.sub(lambda run: run.group().replace("_", "\\_"), escaped)


def code(text: str) -> str:
    """Text in a code span when it is plain enough to stand in one as it is; else as
    :func:`cell` writes it."""
    if _PLAIN_CODE.fullmatch(text):
        return f"`{text}`"
    return cell(text)
