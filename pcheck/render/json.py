"""JSON output: the machine-readable contract described in README.md."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from pcheck import figures
from pcheck.messages import CATALOGS, HIDDEN, text
from pcheck.model import (
    PERCENT,
    Catalog,
    Former,
    Message,
    Metric,
    Problem,
    Region,
    Report,
    Result,
    Status,
    StreamedReport,
    Target,
    Tier,
    difference_unit,
)
from pcheck.render import SCHEMA_VERSION, Display, number, status_label, words


def render_report(
    report: Report | StreamedReport, catalog: Catalog, display: Display
) -> Iterator[str]:
    """The evaluation as one JSON object, written a result at a time as each is
    judged, so that a report of any size needs no more memory than one result; the
    summary, which counts them all, comes last."""
    yield f'{{\n  "schema_version": {SCHEMA_VERSION},\n'
    # One result a line: compact enough for the C encoder, still readable by eye.
    yield '  "results": ['
    line = _result_line(display)
    separator = "\n    "
    for result in report.results:
        yield separator + line(result)
        separator = ",\n    "
    yield "]" if separator == "\n    " else "\n  ]"
    rest = {
        "unmatched": [
            {
                "metric": u.metric,
                "region": _unmatched_region(u.region, catalog),
                "year": u.year,
                "periods": [str(p) for p in u.periods],
                "count": u.count,
                "rows": [str(row) for row in u.rows],
            }
            for u in report.unmatched
        ],
        "problems": [problem_data(p, display) for p in report.problems],
    }
    for name, value in rest.items():
        yield f',\n  "{name}": {_nested(value)}'
    counts = report.counts()
    summary = {
        **counts,
        "targets": sum(counts.values()),
        "rows": report.rows,
        "unmatched_rows": report.unmatched_rows,
        "out_of_scope_rows": report.out_of_scope,
        "errors": report.errors,
        "warnings": len(report.problems) - report.errors,
    }
    yield f',\n  "summary": {_nested(summary)}\n}}\n'


def _result_line(display: Display) -> Callable[[Result], str]:
    """A function writing one result as a line of JSON: the line ``_result`` gives,
    byte for byte, built as text (the pieces shared by many results, such as regions,
    units and statuses, encoded once a run). A goal due years ahead, rarer and
    fuller, goes through ``_result``."""
    text = encode_basestring
    statuses = {
        status: f'"status": "{status.value}", "status_text": {text(status_label(status, display))}'
        for status in Status
    }
    tiers = {tier: f'"tier": {text(tier.value)}' for tier in Tier}
    regions: dict[tuple[str, str], str] = {}
    units: dict[str, str] = {}
    no_course = "".join(f', "{name}": null' for name in _COURSE_FIELDS)

    def unit_of(unit: str) -> str:
        found = units.get(unit)
        if found is None:
            found = units[unit] = text(unit)
        return found

    def quantity(value: Decimal | None, unit: str) -> str:
        if value is None:
            return "null"
        return f'{{"value": {_number(value)}, "unit": {unit_of(unit)}}}'

    def line(result: Result) -> str:
        if result.course is not None:
            return _line(_result(result, display))
        target = result.target
        key = (target.region, target.region_entry.name)
        region = regions.get(key)
        if region is None:
            region = regions[key] = f'{{"code": {text(key[0])}, "name": {text(key[1])}}}'
        unit = target.unit
        gap_unit = result.gap_unit
        figure = figures.shown(result)
        actual = "null"
        if result.actual is not None and result.period is not None:
            rows = ", ".join(text(str(s)) for s in result.sources)
            actual = (
                f'{{"value": {_number(result.actual)}, "unit": {unit_of(unit)}, '
                f'"period": {text(str(result.period))}, "rows": [{rows}]}}'
            )
        stretch = "null"
        if target.stretch is not None:
            met = result.stretch_met
            shown = "null" if met is None else "true" if met else "false"
            stretch = f'{{"value": {_number(target.stretch)}, "met": {shown}}}'
        notes = ", ".join([text(words(note, display)) for note in result.notes])
        problems = "[]"
        if result.problems:
            problems = _encode([problem_data(p, display) for p in result.problems])
        written = (
            f'{{"target_id": {text(target.id)}, "name": {text(target.name)}, '
            f'"region": {region}, "year": {target.year!r}, {tiers[target.tier]}, '
            f"{statuses[result.status]}, "
            f'"reason": {text(words(figure.reason, display))}, "actual": {actual}, '
            f'"threshold": {quantity(figure.threshold, unit)}, '
            f'"gap": {quantity(figure.gap, gap_unit)}, '
            f'"progress": {_number(figure.progress)}, "expected": {_number(result.expected)}, '
            f'"remaining": {quantity(figure.remaining, gap_unit)}, '
            f'"per_quarter": {quantity(figure.per_quarter, gap_unit)}, '
            f'"stretch": {stretch}, "due_year": {target.year!r}{no_course}, '
            f'"notes": [{notes}], "problems": {problems}}}'
        )
        return written if written.isprintable() else _escaped(written)

    return line


def _number(value: Decimal | None) -> str:
    """A Decimal as :func:`~pcheck.render.number` makes it, written as JSON writes it
    (the same steps, in line: this is done several times for every result)."""
    if value is None:
        return "null"
    try:
        whole = int(value)
    except (ValueError, OverflowError):  # not finite
        return _encode(number(value))
    if whole == value:
        return int.__repr__(whole)
    return float.__repr__(float(round(value, 6)))


# The one encoder of the pieces of a line, as _line writes them (no escaping of what
# the layout leaves raw yet: the whole line is escaped at once).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


# JSON escapes the C0 controls itself; the rest of what visible() escapes it would
# write raw (``ensure_ascii=False``). The newlines left are those of the layout.
_RAW = re.compile(f"(?!\n)[{HIDDEN}]")


def dumps(
    value: Any, *, indent: int | None = None, separators: tuple[str, str] | None = None
) -> str:
    """``value`` as JSON with Chinese written as it is, but controls, bidi marks, line
    separators and lone surrogates as ``\\u`` escapes: the same data, safe to show on a
    terminal and to encode as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    if text.isprintable():
        return text
    return _escaped(text)


def _escaped(text: str) -> str:
    """JSON text with what ``_RAW`` matches written as ``\\u`` escapes."""
    return _RAW.sub(lambda char: f"\\u{ord(char.group()):04x}", text)


def _line(value: Any) -> str:
    return dumps(value, separators=(", ", ": "))


def _nested(value: Any, depth: int = 2) -> str:
    """``value`` as indented JSON, to stand ``depth`` spaces in."""
    return _dump(value).replace("\n", "\n" + " " * depth)


def render_targets(targets: list[Target], catalog: Catalog, display: Display) -> str:
    """The targets as a JSON array, one target a line."""
    if not targets:
        return "[]\n"
    return "[\n  " + ",\n  ".join(_line(target_data(t)) for t in targets) + "\n]\n"


def target_data(target: Target) -> dict[str, Any]:
    """One target as plain data."""
    value: Any = number(target.value)
    if target.upper is not None:
        value = [number(target.value), number(target.upper)]
    return {
        "id": target.id,
        "metric": target.metrics[0] if len(target.metrics) == 1 else list(target.metrics),
        "name": target.name,
        "name_en": target.name_en,
        "region": _region(target),
        "year": target.year,
        "op": target.op.value,
        "value": value,
        "unit": target.unit,
        "basis": target.basis.value,
        "reference": target.reference,
        "baseline": (
            {
                "value": number(target.baseline.value),
                "unit": target.baseline.unit,
                "year": target.baseline.year,
            }
            if target.baseline
            else None
        ),
        "milestones": [{"year": m.year, "value": number(m.value)} for m in target.milestones],
        "method": None if target.method is None else target.method.value,
        "accumulated_from": target.accumulated_from,
        "tier": target.tier.value,
        "stretch": number(target.stretch),
        "tolerance": number(target.tolerance),
        "band": number(target.band),
        "quote": target.quote,
        "note": target.note,
        "source": target.document.source,
        "document": {
            "title": target.document.title,
            "issuer": target.document.issuer,
            "date": target.document.date,
            "number": target.document.number,
            "url": target.document.url,
        },
        "defined_at": str(target.location),
    }


def problem_data(problem: Problem, display: Display | None = None) -> dict[str, Any]:
    """One input problem as plain data."""
    return {
        "file": problem.location.path,
        "line": problem.location.line,
        "column": problem.location.column,
        "severity": problem.severity.value,
        "code": problem.code,
        "message": words(problem.message, display),
    }


def _result(result: Result, display: Display) -> dict[str, Any]:
    target = result.target
    unit = result.unit
    gap_unit = result.gap_unit
    figure = figures.shown(result)

    def quantity(value: Any, in_unit: str) -> dict[str, Any] | None:
        return None if value is None else {"value": number(value), "unit": in_unit}

    actual = None
    if result.actual is not None and result.period is not None:
        actual = {
            "value": number(result.actual),
            "unit": unit,
            "period": str(result.period),
            "rows": [str(s) for s in result.sources],
        }
    return {
        "target_id": target.id,
        "name": target.name,
        "region": _region(target),
        "year": target.year,
        "tier": target.tier.value,
        "status": result.status.value,
        "status_text": status_label(result.status, display),
        "reason": words(figure.reason, display),
        "actual": actual,
        "threshold": quantity(figure.threshold, unit),
        "gap": quantity(figure.gap, gap_unit),
        "progress": number(figure.progress),
        "expected": number(result.expected),
        "remaining": quantity(figure.remaining, gap_unit),
        "per_quarter": quantity(figure.per_quarter, gap_unit),
        "stretch": (
            None
            if target.stretch is None
            else {"value": number(target.stretch), "met": result.stretch_met}
        ),
        **_course(result),
        "notes": [words(note, display) for note in result.notes],
        "problems": [problem_data(p, display) for p in result.problems],
    }


def _course(result: Result) -> dict[str, Any]:
    """How a goal due years ahead stands on its path (null for a goal of one year)."""
    course = result.course
    if course is None:
        return {"due_year": result.target.year, **dict.fromkeys(_COURSE_FIELDS)}
    unit, step = course.unit, difference_unit(course.unit)

    def quantity(value: Decimal | None, in_unit: str) -> dict[str, Any] | None:
        return None if value is None else {"value": number(value), "unit": in_unit}

    outlook = course.outlook
    growth = None if course.needed_growth is None else course.needed_growth * 100
    return {
        "due_year": course.due_year,
        "baseline": {"year": course.start, "value": number(course.base), "unit": unit},
        "method": course.method.value,
        "expected_now": quantity(course.expected, unit),
        "projection": quantity(course.projection, unit),
        "needed_growth": quantity(growth, PERCENT),
        "needed_per_year": quantity(course.needed_per_year, step),
        "pace": number(course.pace),
        "outlook": (
            None
            if outlook is None
            else {
                "code": outlook.value,
                **{
                    language: text(Message(f"outlook.{outlook.value}"), language)
                    for language in CATALOGS
                },
            }
        ),
        "series": [{"period": str(p), "value": number(v)} for p, v in course.series],
        "path": [{"year": year, "value": number(v)} for year, v in course.points],
    }


_COURSE_FIELDS = (
    "baseline", "method", "expected_now", "projection", "needed_growth", "needed_per_year",
    "pace", "outlook", "series", "path",
)  # fmt: skip


def _region(target: Target) -> dict[str, str]:
    return {"code": target.region, "name": target.region_entry.name}


def _unmatched_region(code: str, catalog: Catalog) -> dict[str, str]:
    region = catalog.regions.get(code)
    return {"code": code, "name": region.name if region else code}


def _dump(data: Any) -> str:
    return dumps(data, indent=2)


def render_regions(
    regions: list[Region], formers: list[Former], catalog: Catalog, display: Display
) -> str:
    """Regions, and codes and names no longer in use, as one JSON object, an entry a line."""
    found = [
        {
            "code": r.code,
            "name": r.name,
            "short": r.short,
            "name_en": r.name_en,
            "aliases": list(r.aliases),
            "parent": r.parent,
        }
        for r in regions
    ]
    ended = [
        {"code": f.code, "name": f.name, "ended": f.year, "now": list(f.successors)}
        for f in formers
    ]
    return f'{{\n  "regions": {_lines(found)},\n  "abolished": {_lines(ended)}\n}}\n'


def render_metrics(metrics: list[Metric], display: Display) -> str:
    """Metrics as one JSON object, a metric a line."""
    found = [
        {
            "id": m.id,
            "name": m.name,
            "name_en": m.name_en,
            "unit": m.unit,
            "kind": m.kind.value,
            "aliases": list(m.aliases),
            "min": number(m.minimum),
            "max": number(m.maximum),
        }
        for m in metrics
    ]
    return f'{{\n  "metrics": {_lines(found)}\n}}\n'


def _lines(items: list[dict[str, Any]]) -> str:
    """A JSON array, an item a line, standing two spaces in."""
    if not items:
        return "[]"
    return "[\n    " + ",\n    ".join(_line(item) for item in items) + "\n  ]"
