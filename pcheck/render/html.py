"""HTML output: one self-contained page (no network, no scripts, no web fonts)
with the summary and, per target, a bar of completion against the time elapsed.
It reads the same printed: the status is written out, not only coloured.
Every text from an input is escaped (:func:`_html`), controls included."""

from __future__ import annotations

import html
from decimal import Decimal
from itertools import groupby

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import Catalog, Report, Result, Status
from pcheck.render import (
    Display,
    course_text,
    expected_share,
    gap_text,
    region_title,
    result_goal,
    status_label,
    words,
)
from pcheck.units import format_decimal, show

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
       "Microsoft YaHei", sans-serif; margin: 2em; color: #1f2328; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
.summary span { display: inline-block; margin-right: 1.5em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.3em 0.5em; text-align: left;
         vertical-align: top; }
td.num, td.bar { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.status { font-weight: 600; white-space: nowrap; }
.pass { color: #1a7f37; } .at_risk { color: #9a6700; } .fail { color: #cf222e; }
.no_data { color: #656d76; }
svg .track { fill: #eaeef2; } svg .mark { stroke: #1f2328; stroke-width: 2; }
svg .pass { fill: #2da44e; } svg .at_risk { fill: #d4a72c; } svg .fail { fill: #cf222e; }
.reason { color: #656d76; font-size: 0.85em; }
.percent { display: inline-block; width: 3.5em; text-align: right; }
svg.course { display: block; margin-top: 0.3em; }
svg .path { fill: none; stroke: #656d76; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .series { fill: none; stroke: #0969da; stroke-width: 2; }
svg .point { fill: #0969da; } svg .milestone { fill: #656d76; }
@media print {
  body { margin: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
BAR_WIDTH = 120


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """The whole page."""
    counts = report.counts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>pcheck report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>pcheck report</h1>",
        '<p class="summary">',
        f"<span>{len(report.results)} targets</span>",
        *(
            f'<span class="{s.value}">{counts[s.value]} {status_label(s, display)}</span>'
            for s in Status
        ),
        "</p>",
        f"<p>{report.rows} rows read, {report.unmatched_rows} used by no target, "
        f"{report.errors} with errors. The bar shows the share of each goal reached; "
        "the black mark, the share the time elapsed calls for.</p>",
    ]
    for code, group in groupby(report.results, key=lambda r: r.target.region):
        results = list(group)
        region = results[0].target.region_entry
        parts.append(f"<h2>{_html(region_title(region))} ({_html(code)})</h2>")
        parts.append(
            "<table><thead><tr><th>status</th><th>target</th><th>actual</th><th>goal</th>"
            "<th>gap</th><th>progress</th></tr></thead><tbody>"
        )
        parts += [_row(result, display) for result in results]
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _row(result: Result, display: Display) -> str:
    target = result.target
    status = result.status.value
    actual = "—" if result.actual is None else show(result.actual, result.unit)
    gap = gap_text(result)
    period = f" ({result.period})" if result.period else ""
    return (
        f'<tr><td class="status {status}">{status_label(result.status, display)}</td>'
        f"<td>{_html(target.name)}<br>"
        f'<span class="reason">{_html(words(figures.reason(result), display))}</span>'
        f"{_course(result, display)}</td>"
        f'<td class="num">{_html(actual)}{_html(period)}</td>'
        f'<td class="num">{_html(result_goal(result))}</td>'
        f'<td class="num">{_html(gap)}</td>'
        f'<td class="bar">{_bar(result)}</td></tr>'
    )


def _html(text: str) -> str:
    """``text`` as HTML that shows it literally, controls written as escapes."""
    return html.escape(visible(text))


def _bar(result: Result) -> str:
    """An inline SVG bar: the share reached, and a mark at the share expected by now."""
    progress = figures.progress(result)
    if progress is None:
        return ""
    reached = min(max(progress, Decimal(0)), Decimal(1)) * BAR_WIDTH
    share = expected_share(result)
    expected = min(max(share if share is not None else Decimal(1), Decimal(0)), Decimal(1))
    expected *= BAR_WIDTH
    percent = format_decimal(progress * 100, 0)
    return (
        f'<svg width="{BAR_WIDTH + 4}" height="14" role="img" '
        f'aria-label="{percent}% reached">'
        f'<rect class="track" x="0" y="2" width="{BAR_WIDTH}" height="10"/>'
        f'<rect class="{result.status.value}" x="0" y="2" width="{reached:.1f}" height="10"/>'
        f'<line class="mark" x1="{expected:.1f}" y1="0" x2="{expected:.1f}" y2="14"/>'
        f'</svg><span class="percent">{percent}%</span>'
    )


CHART_WIDTH, CHART_HEIGHT, CHART_MARGIN = 240, 60, 4


def _course(result: Result, display: Display) -> str:
    """For a goal due years ahead: its trend in words, and a chart of its yearly
    figures (solid, with dots) against its path (dashed, milestones as grey dots)."""
    course = result.course
    if course is None:
        return ""
    points = [(Decimal(year), value) for year, value in course.points]
    series = [
        (Decimal(p.year) if course.annual else p.year - 1 + Decimal(p.month) / 12, value)
        for p, value in course.series
    ]
    values = [v for _, v in points + series]
    low, high = min(values), max(values)
    first, last = points[0][0], points[-1][0]
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_MARGIN, CHART_HEIGHT - 2 * CHART_MARGIN

    def xy(year: Decimal, value: Decimal) -> tuple[Decimal, Decimal]:
        x = CHART_MARGIN + (year - first) / (last - first) * inner_w
        share = (high - value) / (high - low) if high != low else Decimal("0.5")
        return x, CHART_MARGIN + share * inner_h

    def polyline(kind: str, at: list[tuple[Decimal, Decimal]]) -> str:
        shown = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*point) for point in at))
        return f'<polyline class="{kind}" points="{shown}"/>'

    def dots(kind: str, at: list[tuple[Decimal, Decimal]], radius: str) -> str:
        return "".join(
            f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>'
            for x, y in (xy(*point) for point in at)
        )

    label = _html(course_text(result, display))
    return (
        f'<br><span class="reason">{label}</span>'
        f'<svg class="course" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" role="img" '
        f'aria-label="{label}">{polyline("path", points)}{polyline("series", series)}'
        f"{dots('milestone', points[1:-1], '2')}{dots('point', series, '2.5')}</svg>"
    )
