"""The HTML page: what it shows (documents, quotes, data files, the time, the summary,
a section per region, goals due years ahead), in words from the catalogs only, and
safely whatever the inputs hold."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from pcheck import messages
from pcheck.actuals import load_actuals
from pcheck.engine import evaluate
from pcheck.messages import placeholders
from pcheck.model import Catalog, Options, Report, Status
from pcheck.render import Display, Source, Sources, report_renderer
from pcheck.targets import default_directory, load_targets

MADE = datetime(2024, 7, 15, 8, 0, tzinfo=UTC)
DIGEST = "a" * 64
SOURCES = Sources((Source("data/2024Q2.csv", DIGEST), Source("-")), MADE)


def page(report: Report, catalog: Catalog, display: Display | None = None) -> str:
    return "".join(report_renderer("html").render_report(report, catalog, display or Display()))


@pytest.fixture(scope="module")
def report(catalog: Catalog) -> Report:
    targets = [t for t in load_targets(default_directory(), catalog) if t.year == 2024]
    actuals = load_actuals([ROOT / "data" / "2024Q2.csv"], catalog)
    return evaluate(targets, actuals, catalog, Options())


@pytest.fixture(scope="module")
def course_report(catalog: Catalog) -> Report:
    targets = load_targets(ROOT / "examples" / "multi-year" / "targets", catalog)
    actuals = load_actuals([ROOT / "data" / "published.csv"], catalog)
    return evaluate(targets, actuals, catalog, Options(year=2024))


VOID = frozenset({"meta", "br", "rect", "line", "polyline", "circle"})  # no end tag


class Text(HTMLParser):
    """The text a reader sees (style left out), the tags met, and whether the
    document is well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.broken = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.broken = True

    def handle_data(self, data: str) -> None:
        if not self.open or self.open[-1] != "style":
            self.text.append(data)


def parse(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    parser.close()
    return parser


def test_the_page_tells_what_it_judged_and_when(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog, Display(sources=SOURCES))
    parsed = parse(html)
    seen = " ".join(parsed.text)
    assert not parsed.broken and not parsed.open
    assert "data/2024Q2.csv" in seen and DIGEST in seen
    assert "standard input" in seen  # no digest for what was read from a pipe
    assert '<time datetime="2024-07-15T08:00:00+00:00">2024-07-15 08:00 UTC+00:00</time>' in html
    # Without sources (as before the edge says), no data section and no time.
    bare = page(report, catalog)
    assert "SHA-256" not in bare and "<time" not in bare


def test_each_region_has_a_section_with_its_documents(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog)
    regions = list(dict.fromkeys(r.target.region for r in report.results))
    sections = re.findall(r'<section class="region" id="region-(\d+)">', html)
    assert sections == regions
    for result in report.results:
        document = result.target.document
        assert document.title in html and document.issuer in html
    # The summary links each region to its section.
    assert all(f'href="#region-{code}"' in html for code in regions)


def test_every_quote_is_in_a_details_element(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog)
    quotes = re.findall(r"<details><summary>[^<]*</summary><blockquote>([^<]*)</blockquote>", html)
    assert len(quotes) == len(report.results)
    assert {r.target.quote for r in report.results} == {unescape(q) for q in quotes}


def test_the_summary_counts_each_region_and_the_total(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog)
    overview = html[html.index('<table class="overview">') : html.index("</tfoot>")]
    rows = re.findall(r"<tr><td>.*?</tr>", overview)
    regions = list(dict.fromkeys(r.target.region for r in report.results))
    assert len(rows) == len(regions) + 1  # and the total
    total = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', rows[-1])]
    assert total == [report.counts()[s.value] for s in Status]
    counts = report.counts()
    passed = counts["pass"] * 100 / (len(report.results) - counts["no_data"])  # of those judged
    assert rows[-1].endswith(f'<td class="num">{round(passed)}%</td></tr>')
    # One bar per region and one for the total, each stretch as long as its count.
    bars = re.findall(r'<svg class="summary-bar".*?</svg>', overview)
    assert len(bars) == len(rows)
    widths = [Decimal(w) for w in re.findall(r'width="([\d.]+)"', bars[-1])]
    assert abs(sum(widths) - 100) < Decimal("0.05")


def test_a_goal_due_years_ahead_keeps_its_chart(course_report: Report, catalog: Catalog) -> None:
    html = page(course_report, catalog)
    courses = [r for r in course_report.results if r.course is not None]
    assert courses
    assert html.count('<svg class="course"') == len(courses)
    assert "2022→2027" in html


def test_the_page_fits_a_phone_and_paper(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media (max-width: 40em)" in html and "@media print" in html
    # Stacked on a phone, each cell says which column it is.
    parsed = parse(html)
    cells = [a for tag, a in parsed.tags if tag == "td" and "data-label" in a]
    assert len(cells) == 4 * len(report.results)


def test_the_page_loads_nothing(report: Report, catalog: Catalog) -> None:
    html = page(report, catalog, Display(sources=SOURCES))
    for outside in ("<script", "<link", "<img", "<iframe", "@import", "url(", " src="):
        assert outside not in html
    links = [a["href"] for tag, a in parse(html).tags if tag == "a"]
    assert all(h and (h.startswith("#") or h.startswith(("http://", "https://"))) for h in links)


def test_the_language_tag_follows_the_display(report: Report, catalog: Catalog) -> None:
    assert '<html lang="en">' in page(report, catalog)


def test_hostile_texts_are_shown_not_run(report: Report, catalog: Catalog) -> None:
    result = report.results[0]
    target = result.target
    evil = "<script>alert(1)</script>\x1b[31m\u202e"
    document = replace(target.document, title=evil, issuer=evil, url="javascript:alert(1)")
    target = target._replace(quote=evil, name=evil, document=document)
    hostile = replace(report, results=(replace(result, target=target),))
    sources = Sources((Source(f"{evil}.csv", None),), MADE)
    html = page(hostile, catalog, Display(sources=sources))
    assert "<script" not in html and "javascript:" not in html
    assert "\x1b" not in html and "\u202e" not in html
    # the name, the quote, the document's title and issuer, the file; a link only to
    # a web page
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m\\u202e") == 5
    assert not parse(html).broken


def test_every_word_comes_from_the_catalog(
    report: Report, course_report: Report, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A language whose every message is its id: English left on the page came from
    # somewhere else than a catalog.
    english = messages.catalog("en")
    coded = {
        key: "⟦" + key + "⟧" + "".join(f"{{{name}}}" for name in sorted(placeholders(value)))
        for key, value in english.items()
    }
    monkeypatch.setitem(messages.CATALOGS, "xx", "pcheck.messages.en")
    monkeypatch.setitem(messages._LOADED, "xx", coded)
    display = Display(language="xx", sources=SOURCES)
    both = replace(report, results=report.results + course_report.results)
    html = page(both, catalog, display)
    seen = " ".join(parse(html).text)
    words = set(re.findall(r"(?<![\w⟦.-])[A-Za-z]{2,}(?![\w⟧.-])", seen))
    from_inputs = {
        word
        for r in both.results
        for text in (
            r.target.region_entry.name_en,
            r.target.quote,
            r.target.document.title,
            r.target.document.url or "",
            DIGEST,
        )
        for word in re.findall(r"[A-Za-z]{2,}", text)
    }
    # Names and codes shown as they are: units, periods, the hash's name, the offset;
    # growth (and /yr) are worded by goal_text, which the catalog of each language
    # takes over.
    fixed = {"pp", "SHA", "UTC", "csv", "data", "growth", "yr"}
    assert words - from_inputs - fixed == set()
