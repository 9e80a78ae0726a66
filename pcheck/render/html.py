"""HTML output: one self-contained page to share (no network, no scripts, no web
fonts). It opens with what it judged and when: the data files with their SHA-256 and
the time of the report; then a summary, one line and one bar per region; then a
section per region with the documents its goals come from and, per goal, the quote
(expandable), the reason for its status, a bar of completion against the time
elapsed and, for a goal due years ahead, its chart.

It reads on a phone (below 40em the tables stack their cells, each with its column's
name, and nothing is wider than the screen) and printed (quotes opened, colours
kept, the status written out, not only coloured). Every word is a message of the
display's language; every text from an input is escaped (:func:`_html`), controls
included.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from itertools import groupby

from pcheck import figures
from pcheck.messages import line, visible
from pcheck.model import Catalog, Document, Message, Report, Result, Status
from pcheck.render import (
    Display,
    Sources,
    course_text,
    expected_share,
    gap_text,
    region_title,
    result_goal,
    status_counts,
    status_label,
    words,
)
from pcheck.units import format_decimal, show

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
       "Microsoft YaHei", sans-serif; margin: 2em auto; padding: 0 1.5em;
       max-width: 72em; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; }
.made { color: #656d76; margin-top: 0; }
.counts span { display: inline-block; margin-right: 1.2em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.35em 0.5em; text-align: left;
         vertical-align: top; }
th { font-weight: 600; color: #424a53; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.status { font-weight: 600; white-space: nowrap; }
.pass { color: #1a7f37; } .at_risk { color: #9a6700; } .fail { color: #cf222e; }
.no_data { color: #656d76; }
svg .track { fill: #eaeef2; } svg .mark { stroke: #1f2328; stroke-width: 2; }
svg .pass { fill: #2da44e; } svg .at_risk { fill: #d4a72c; } svg .fail { fill: #cf222e; }
svg .no_data { fill: #afb8c1; }
.name { font-weight: 600; }
.reason, .remaining, .legend, .documents, .data { color: #424a53; font-size: 0.88em; }
.reason, .remaining { display: block; color: #656d76; }
.progress { white-space: nowrap; }
.progress svg { vertical-align: middle; }
.percent { display: inline-block; min-width: 3em; text-align: right; }
svg.summary-bar { display: block; width: 100%; height: 0.7em; margin-top: 0.25em; }
svg.course { display: block; margin-top: 0.3em; max-width: 100%; height: auto; }
svg .path { fill: none; stroke: #656d76; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .series { fill: none; stroke: #0969da; stroke-width: 2; }
svg .point { fill: #0969da; } svg .milestone { fill: #656d76; }
details { margin-top: 0.25em; font-size: 0.88em; }
summary { cursor: pointer; color: #0969da; }
blockquote { margin: 0.3em 0 0.3em 0.2em; padding-left: 0.8em;
             border-left: 3px solid #d0d7de; }
.documents, .data ul { padding-left: 1.2em; }
cite { font-style: normal; font-weight: 600; }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
              font-size: 0.95em; }
.hash, .data code, .documents a { overflow-wrap: anywhere; word-break: break-all; }
table.overview { max-width: 48em; }
tfoot td { font-weight: 600; border-top: 2px solid #d0d7de; }
.problems li { overflow-wrap: anywhere; }
@media (max-width: 40em) {
  body { margin: 0.8em auto; padding: 0 0.8em; }
  table.results, table.results tbody, table.results tr, table.results td {
    display: block; width: auto; }
  table.results thead { display: none; }
  table.results tr { padding: 0.5em 0; border-bottom: 1px solid #d0d7de; }
  table.results td { border: none; padding: 0.1em 0; text-align: left;
                     white-space: normal; }
  table.results td[data-label]::before { content: attr(data-label) ": ";
                                         color: #656d76; font-weight: normal; }
  table.overview th, table.overview td { padding: 0.3em 0.25em; }
}
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
}
"""
BAR_WIDTH = 120
COLUMNS = {
    "status": Message("page.column.status"),
    "target": Message("page.column.target"),
    "actual": Message("page.column.actual"),
    "goal": Message("page.column.goal"),
    "gap": Message("page.column.gap"),
    "progress": Message("page.column.progress"),
}
LANGUAGE_TAGS = {"zh": "zh-CN", "en": "en"}


def render_report(report: Report, catalog: Catalog, display: Display) -> Iterator[str]:
    """The whole page, in pieces (a region's section at a time)."""
    title = _text(Message("page.title"), display)
    tag = LANGUAGE_TAGS.get(display.language, display.language)
    yield (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html(tag)}"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>{STYLE}</style></head><body>\n"
        f"<header><h1>{title}</h1>\n{_made(display)}</header>\n"
    )
    regions = [list(group) for _, group in groupby(report.results, key=lambda r: r.target.region)]
    yield _summary(report, regions, display)
    yield _data(report, display.sources, display)
    for results in regions:
        yield _region(results, display)
    yield _problems(report, display)
    yield "</body></html>\n"


def _text(message: Message, display: Display) -> str:
    """A message in the display's language, as HTML."""
    return _html(words(message, display))


def _markup(message: Message, display: Display) -> str:
    """A message worded around pieces of HTML: its parameters are markup made here
    (their text escaped already), its template one of pcheck's own."""
    return words(message, display)


def _html(text: str) -> str:
    """``text`` as HTML that shows it literally, controls written as escapes."""
    return html.escape(visible(text))


def _made(display: Display) -> str:
    """When the report was made, if the edge said."""
    sources = display.sources
    if sources is None or sources.made is None:
        return ""
    when = _time(sources.made)
    stamp = f'<time datetime="{sources.made.isoformat()}">{_html(when)}</time>'
    return f'<p class="made">{_markup(Message.of("page.made", time=stamp), display)}</p>\n'


def _time(moment: datetime) -> str:
    """``2024-07-15 10:30 UTC+08:00``: to the minute, with the offset from UTC."""
    offset = moment.isoformat()[-6:] if moment.utcoffset() is not None else ""
    return f"{moment:%Y-%m-%d %H:%M}" + (f" UTC{offset}" if offset else "")


# -- the summary ----------------------------------------------------------------------


def _summary(report: Report, regions: Sequence[Sequence[Result]], display: Display) -> str:
    """The counts of each status, and a table of the regions, each with its bar."""
    counts = report.counts()
    total = len(report.results)
    heads = "".join(
        f'<th class="num {s.value}">{_html(status_label(s, display))}</th>' for s in Status
    )
    rows = []
    for results in regions:
        region = results[0].target.region_entry
        name = f'<a href="#{_anchor(region.code)}">{_html(region_title(region))}</a>'
        rows.append(_summary_row(name, results, display))
    total_row = _summary_row(_text(Message("page.total"), display), report.results, display)
    legend = words(Message("page.legend"), display)
    read = words(
        Message.of(
            "page.rows", rows=report.rows, unmatched=report.unmatched_rows, errors=report.errors
        ),
        display,
    )
    return (
        f'<section class="summary"><h2>{_text(Message("page.summary"), display)}</h2>\n'
        '<p class="counts">'
        f"<span>{_text(Message.of('page.targets', count=total), display)}</span>"
        + "".join(
            f'<span class="{s.value}">{counts[s.value]} {_html(status_label(s, display))}</span>'
            for s in Status
        )
        + "</p>\n"
        '<table class="overview"><thead><tr>'
        f"<th>{_text(Message('page.column.region'), display)}</th>{heads}"
        f'<th class="num">{_text(Message("page.column.on-track"), display)}</th>'
        f"</tr></thead><tbody>\n{''.join(rows)}</tbody>\n"
        f"<tfoot>{total_row}</tfoot></table>\n"
        f'<p class="legend">{_html(read)} {_html(legend)}</p></section>\n'
    )


def _summary_row(name: str, results: Sequence[Result], display: Display) -> str:
    """One region (or the total): its name over a bar of its statuses, the count of
    each status, and the share on track: of its goals with data, those that pass (as
    the terminal's summary counts it)."""
    counts = {status: 0 for status in Status}
    for result in results:
        counts[result.status] += 1
    judged = len(results) - counts[Status.NO_DATA]
    passing = Decimal(counts[Status.PASS] * 100)
    share = "—" if not judged else f"{format_decimal(passing / judged, 0)}%"
    cells = "".join(f'<td class="num">{counts[s]}</td>' for s in Status)
    return (
        f"<tr><td>{name}{_stacked_bar(counts, display)}</td>{cells}"
        f'<td class="num">{share}</td></tr>\n'
    )


def _stacked_bar(counts: dict[Status, int], display: Display) -> str:
    """A bar as wide as its cell, in one stretch per status, as long as its count."""
    total = sum(counts.values())
    if not total:
        return ""
    label = status_counts({s.value: n for s, n in counts.items()}, display)
    parts, start = [], Decimal(0)
    for status in Status:
        width = Decimal(counts[status] * 100) / total
        if width:
            parts.append(
                f'<rect class="{status.value}" x="{start:.2f}" y="0" '
                f'width="{width:.2f}" height="10"/>'
            )
        start += width
    return (
        '<svg class="summary-bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        f'role="img" aria-label="{_html(label)}">{"".join(parts)}</svg>'
    )


# -- where the figures come from ------------------------------------------------------


def _data(report: Report, sources: Sources | None, display: Display) -> str:
    """The data files, each with its SHA-256."""
    if sources is None or not sources.files:
        return ""
    items = []
    for source in sources.files:
        name = (
            _text(Message("page.stdin"), display)
            if source.name == "-"
            else f"<code>{_html(source.name)}</code>"
        )
        digest = (
            f'SHA-256 <span class="hash">{_html(source.sha256)}</span>'
            if source.sha256
            else _text(Message("page.no-digest"), display)
        )
        items.append(f"<li>{name}<br>{digest}</li>")
    return (
        f'<section class="data"><h2>{_text(Message("page.data"), display)}</h2>\n'
        f"<ul>{''.join(items)}</ul></section>\n"
    )


def _documents(results: Sequence[Result], display: Display) -> str:
    """The documents a region's goals come from, each once."""
    seen: list[Document] = []
    for result in results:
        if result.target.document not in seen:
            seen.append(result.target.document)
    return (
        '<ul class="documents">'
        + "".join(f"<li>{_document(document, display)}</li>" for document in seen)
        + "</ul>\n"
    )


def _document(document: Document, display: Display) -> str:
    """A document's title, issuer, date and number, and a link to where it was read."""
    title = f"<cite>{_html(document.title)}</cite>"
    issued = Message.of(
        "page.document", title=title, issuer=_html(document.issuer), date=_html(document.date)
    )
    shown = _markup(issued, display)
    if document.number:
        shown += f" {_html(document.number)}"
    url = document.url
    if url and url.lower().startswith(("https://", "http://")):
        shown += f' <a href="{_html(url)}" rel="noreferrer">{_html(url)}</a>'
    return shown


# -- a region's goals -----------------------------------------------------------------


def _anchor(code: str) -> str:
    return _html(f"region-{code}").replace(" ", "_")


def _region(results: Sequence[Result], display: Display) -> str:
    """A region's section: its documents and a table of its goals."""
    region = results[0].target.region_entry
    heads = "".join(
        f"<th{' class=num' if c in ('actual', 'goal', 'gap') else ''}>{_text(m, display)}</th>"
        for c, m in COLUMNS.items()
    )
    return (
        f'<section class="region" id="{_anchor(region.code)}">'
        f"<h2>{_html(region_title(region))} ({_html(region.code)})</h2>\n"
        f"{_documents(results, display)}"
        f'<table class="results"><thead><tr>{heads}</tr></thead><tbody>\n'
        + "".join(_row(result, display) for result in results)
        + "</tbody></table></section>\n"
    )


def _row(result: Result, display: Display) -> str:
    target = result.target
    status = result.status.value
    actual = "—" if result.actual is None else show(result.actual, result.unit)
    period = f" ({result.period})" if result.period else ""
    left = figures.remaining(result)
    remaining = (
        f'<span class="remaining">'
        f"{_text(Message.of('page.remaining', amount=show(left, result.gap_unit)), display)}</span>"
        if left
        else ""
    )

    def label(column: str) -> str:
        return _text(COLUMNS[column], display)

    return (
        f'<tr><td class="status {status}">{_html(status_label(result.status, display))}</td>'
        f'<td><span class="name">{_html(target.name)}</span>'
        f'<span class="reason">{_html(words(figures.reason(result), display))}</span>'
        f"{_course(result, display)}{_quote(result, display)}</td>"
        f'<td class="num" data-label="{label("actual")}">{_html(actual + period)}</td>'
        f'<td class="num" data-label="{label("goal")}">{_html(result_goal(result, display))}</td>'
        f'<td class="num" data-label="{label("gap")}">{_html(gap_text(result))}{remaining}</td>'
        f'<td class="progress" data-label="{label("progress")}">{_bar(result)}</td></tr>\n'
    )


def _quote(result: Result, display: Display) -> str:
    """The words of the plan the goal was read from, folded away on screen."""
    quote = result.target.quote
    if not quote:
        return ""
    return (
        f"<details><summary>{_text(Message('page.quote'), display)}</summary>"
        f"<blockquote>{_html(quote)}</blockquote></details>"
    )


def _bar(result: Result) -> str:
    """An inline SVG bar: the share reached, and a mark at the share expected by now;
    the percentage beside it."""
    progress = figures.progress(result)
    if progress is None:
        return "—"
    reached = min(max(progress, Decimal(0)), Decimal(1)) * BAR_WIDTH
    share = expected_share(result)
    expected = min(max(share if share is not None else Decimal(1), Decimal(0)), Decimal(1))
    expected *= BAR_WIDTH
    percent = format_decimal(progress * 100, 0)
    return (
        f'<svg width="{BAR_WIDTH + 4}" height="14" role="img" aria-label="{percent}%">'
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
        f'<span class="reason">{label}</span>'
        f'<svg class="course" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
        f'aria-label="{label}">{polyline("path", points)}{polyline("series", series)}'
        f"{dots('milestone', points[1:-1], '2')}{dots('point', series, '2.5')}</svg>"
    )


# -- problems in the input ------------------------------------------------------------


def _problems(report: Report, display: Display) -> str:
    """The problems of the input, folded away: each on a line of its own."""
    if not report.problems:
        return ""
    heading = _text(Message.of("page.problems", count=len(report.problems)), display)
    items = "".join(
        f"<li><code>{_html(line(problem, display.language))}</code></li>"
        for problem in report.problems
    )
    return (
        f'<section class="problems"><h2>{heading}</h2>'
        f"<details><summary>{heading}</summary><ul>{items}</ul></details></section>\n"
    )
