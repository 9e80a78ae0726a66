"""Output formats. Each format is a module with ``render_report``, a pure function
returning text (or an iterator of pieces, so that a large report is written as it
is made); the modules of ``TARGET_FORMATS`` also have ``render_targets``.
``RENDERERS`` maps format names to modules, which are imported only when used
(the table needs rich, JSON does not).

Text from the inputs may hold anything: every text format passes what it shows through
:func:`pcheck.messages.visible` (controls and bidi marks written as escapes), then
escapes what its own syntax needs."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from pcheck import figures
from pcheck.messages import DEFAULT_LANGUAGE, text
from pcheck.model import (
    Catalog,
    Former,
    Message,
    Metric,
    Region,
    Report,
    Result,
    Status,
    StreamedReport,
    Target,
    Tier,
)
from pcheck.operators import Direction, operator
from pcheck.units import show

RENDERERS: dict[str, str] = {
    "table": "pcheck.render.table",
    "json": "pcheck.render.json",
    "csv": "pcheck.render.csv",
    "markdown": "pcheck.render.markdown",
    "junit": "pcheck.render.junit",
    "github": "pcheck.render.github",
    "html": "pcheck.render.html",
    "xlsx": "pcheck.render.xlsx",
}
TARGET_FORMATS = ("table", "json", "markdown")
SOURCE_FORMATS = ("html", "xlsx")  # the formats that show the data files and the time
BINARY_FORMATS = ("xlsx",)  # render_report gives bytes, to be written to a file
# render_report writes each result as it is judged, holding none (StreamedReport)
STREAMED_FORMATS = ("json", "csv", "github")
CATALOG_FORMATS = ("table", "json")

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Source:
    """A data file a report was made from: its name as given, and the SHA-256 of its
    bytes in hexadecimal (``None`` for standard input, or a file gone since)."""

    name: str
    sha256: str | None = None


@dataclass(frozen=True)
class Sources:
    """What a report was made from, and when: found at the edge (the renderers read
    no file and no clock), for the formats of ``SOURCE_FORMATS``."""

    files: tuple[Source, ...] = ()
    made: datetime | None = None


@dataclass(frozen=True)
class Display:
    """How output may look: colour or not, how wide, in which language, and whether a
    target at risk counts as failing (as ``--fail-on at-risk`` says); for the formats
    that show them, the data files and the time of the report. ``verbose`` gives every
    result of the table its reason, ``quiet`` keeps its summary alone."""

    color: bool = False
    width: int = 80
    at_risk_fails: bool = False
    language: str = DEFAULT_LANGUAGE
    sources: Sources | None = None
    verbose: bool = False
    quiet: bool = False


class ReportRenderer(Protocol):
    """What every format module provides: text, or for the formats of
    ``BINARY_FORMATS`` the bytes of a file."""

    def render_report(
        self, report: Report, catalog: Catalog, display: Display
    ) -> str | Iterator[str] | bytes: ...


class StreamedRenderer(Protocol):
    """What the modules of ``STREAMED_FORMATS`` provide: ``render_report`` reads the
    results once, in order, and the counts only after the last."""

    def render_report(
        self, report: Report | StreamedReport, catalog: Catalog, display: Display
    ) -> str | Iterator[str]: ...


class TargetRenderer(Protocol):
    """What the modules of ``TARGET_FORMATS`` provide besides."""

    def render_targets(self, targets: list[Target], catalog: Catalog, display: Display) -> str: ...


class CatalogRenderer(Protocol):
    """What the modules of ``CATALOG_FORMATS`` provide besides: the listings of
    ``pcheck catalog``."""

    def render_regions(
        self, regions: list[Region], formers: list[Former], catalog: Catalog, display: Display
    ) -> str: ...

    def render_metrics(self, metrics: list[Metric], display: Display) -> str: ...


def region_title(region: Region) -> str:
    """A region's name, with its English name when it has one of its own."""
    if region.name_en and region.name_en != region.name:
        return f"{region.name} {region.name_en}"
    return region.name


def report_renderer(name: str) -> ReportRenderer:
    """The module of the format called ``name``."""
    module: ReportRenderer = importlib.import_module(RENDERERS[name])
    return module


def streamed_renderer(name: str) -> StreamedRenderer:
    """The module of ``name``, one of ``STREAMED_FORMATS``."""
    if name not in STREAMED_FORMATS:
        raise ValueError(f"a report in {name} is not streamed")
    module: StreamedRenderer = importlib.import_module(RENDERERS[name])
    return module


def target_renderer(name: str) -> TargetRenderer:
    """The module of ``name``, one of ``TARGET_FORMATS``."""
    if name not in TARGET_FORMATS:
        raise ValueError(f"targets are not listed as {name}")
    module: TargetRenderer = importlib.import_module(RENDERERS[name])
    return module


def catalog_renderer(name: str) -> CatalogRenderer:
    """The module of ``name``, one of ``CATALOG_FORMATS``."""
    if name not in CATALOG_FORMATS:
        raise ValueError(f"the catalog is not listed as {name}")
    module: CatalogRenderer = importlib.import_module(RENDERERS[name])
    return module


# -- words and numbers every format shares ---------------------------------------------


def words(message: Message, display: Display | None = None) -> str:
    """A message in the display's language."""
    return text(message, display.language if display else DEFAULT_LANGUAGE)


def status_counts(counts: Mapping[str, int], display: Display | None = None) -> str:
    """How many results have each status, in words: ``42 pass, 21 at risk, …``
    (``通过42项，有风险21项，…``); ``counts`` by status code, as Report.counts gives."""
    separator = words(Message("report.separator"), display)
    return separator.join(
        words(
            Message.of("table.count", count=counts[s.value], status=status_label(s, display)),
            display,
        )
        for s in Status
    )


def status_label(status: Status, display: Display | None = None) -> str:
    """The name of a status: ``pass``, ``at risk``, ``fail``, ``no data`` (通过, 有风险,
    未达标, 无数据)."""
    return words(Message(f"status.{status.value}"), display)


def goal_text(target: Target, reference: str | None = None, display: Display | None = None) -> str:
    """The goal in a few characters: ``≥3.2%``, ``≈40名``, ``力争≥3.2%`` for a stretch
    goal, ``growth ≥8%`` (``增长≥8%``) for a growth goal. ``reference`` replaces the
    name of a reference metric by its figure."""
    entry = operator(target.op)
    if entry.direction is Direction.RANGE:
        assert target.value is not None and target.upper is not None
        text = f"{show(target.value, '')}{entry.symbol}{show(target.upper, target.unit)}"
    elif target.reference:
        text = f"{entry.symbol}{reference or target.reference}"
    else:
        assert target.value is not None
        text = f"{entry.symbol}{show(target.value, target.unit)}"
    if target.basis.value == "growth":
        yearly = target.start is not None
        growth = Message.of("goal.growth-yearly" if yearly else "goal.growth-short", goal=text)
        text = words(growth, display)
    if target.tier is Tier.STRETCH:
        text = words(Message.of("goal.stretch-tier", goal=text), display)
    if target.stretch is not None:
        stretch = show(target.stretch, target.unit)
        text = words(Message.of("goal.stretch-value", goal=text, stretch=stretch), display)
    return text


def target_goal(target: Target, display: Display | None = None) -> str:
    """The goal of a target, a reference metric named by its Chinese name."""
    name = target.reference_entry.name if target.reference_entry else None
    return goal_text(target, name, display)


def result_goal(result: Result, display: Display | None = None) -> str:
    """The goal of a result: a reference metric's figure when the data gave one."""
    if result.target.reference and result.goal is not None:
        return goal_text(result.target, show(result.goal, result.target.unit), display)
    return target_goal(result.target, display)


def tier_label(tier: Tier, display: Display | None = None) -> str:
    """The name of a tier: ``base``, ``stretch`` (基本, 力争)."""
    return words(Message(f"tier.{tier.value}"), display)


def gap_text(result: Result) -> str:
    """The gap with its sign (``+0.05 pp``, ``-340家``), or a dash without data."""
    gap = figures.gap(result)
    if gap is None:
        return "—"
    text = show(gap, result.gap_unit)
    return f"+{text}" if gap > 0 else text


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal]) -> str:
    """``values`` as a line of block characters, lowest to highest (mid-height when
    they are all equal)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if low == high:
        return SPARKS[len(SPARKS) // 2 - 1] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[int((v - low) / (high - low) * top)] for v in values)


def course_text(result: Result, display: Display | None = None) -> str:
    """A goal due years ahead in a few words: the trend of its yearly figures, the
    years of its path and its outlook (``▁▄█ 2022→2027 slower than expected``)."""
    course = result.course
    if course is None:
        return ""
    first = result.target.accumulated_from
    years = f"Σ{first}–" if first is not None else f"{course.start}→"
    text = f"{sparkline([v for _, v in course.series])} {years}{course.due_year}"
    if course.outlook is not None:
        text += " " + words(Message(f"outlook.{course.outlook.value}"), display)
    return text


def expected_share(result: Result) -> Decimal | None:
    """The share of the goal due by the period: of the year, or for a goal due years
    ahead of the way from its start to its goal."""
    course = result.course
    if course is None:
        return result.expected
    goal = course.points[-1][1]
    if goal == course.base:
        return None
    return (course.expected - course.base) / (goal - course.base)


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers as integers, others to 6 decimals."""
    if value is None:
        return None
    try:
        whole = int(value)
    except (ValueError, OverflowError):  # not finite: as float() has it
        return float(value)
    if whole == value:
        return whole
    return float(round(value, 6))
