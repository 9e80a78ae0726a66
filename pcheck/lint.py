"""Checks of target files beyond what loading them requires.

Loading a target directory already refuses every schema error, unknown metric or
region, duplicate id, impossible unit or value. :func:`lint_targets` finds what is
legal but probably a mistake, and reports it as a warning. :func:`lint_sources`
holds each target to its source document: the quote must be in it, and must state
the target's figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from pcheck.errors import PlanTextError, TargetFileError
from pcheck.model import Basis, Catalog, Location, Message, Op, Problem, Severity, Target
from pcheck.units import is_percent
from pcheck.yamlfile import YamlDocument, read_yaml


def lint_targets(targets: Iterable[Target], catalog: Catalog) -> list[Problem]:
    """Warnings about ``targets``, which were loaded from their files."""
    problems = []
    by_file = sorted(targets, key=lambda t: (t.location.path, t.location.line or 0))
    for path, group in groupby(by_file, key=lambda t: t.location.path):
        problems += _file_warnings(Path(path), list(group), catalog)
    return problems


def _file_warnings(path: Path, targets: list[Target], catalog: Catalog) -> list[Problem]:
    try:
        data = read_yaml(path).data
    except TargetFileError:  # reported where the targets were read
        return []
    region = catalog.find_region(str(data.get("region", "")))
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    starts = [(t.location.line or 1) - 1 for t in targets]
    problems = []
    for target, start, end in zip(targets, starts, [*starts[1:], len(lines)], strict=True):
        overridden = (region is not None and target.region != region.code) or (
            target.year != data.get("year")
        )
        # A comment inside the target's entry, or on the three lines above it.
        if overridden and not any("#" in line for line in lines[max(start - 3, 0) : end]):
            message = Message.of("lint.override")
            problems.append(_warning(target.location, message, "unexplained-override"))
        metric = catalog.metrics[target.metrics[0]]
        if target.basis is Basis.GROWTH and is_percent(metric.unit):
            message = Message.of("lint.growth-of-rate", metric=metric.id)
            problems.append(_warning(target.location, message, "growth-of-rate"))
    return problems


def _warning(location: Location, message: Message, code: str) -> Problem:
    return Problem(location, message, code, Severity.WARNING)


def lint_sources(targets: Iterable[Target], directory: Path) -> list[Problem]:
    """Errors where a target's source document is not in ``directory``, or its
    quote is not in the document (whitespace and romanisation aside), or the quote
    does not state the target's figure (its value, or its stretch value)."""
    problems: list[Problem] = []
    texts: dict[str, str | Message] = {}  # source name -> searchable text, or why not
    by_file = sorted(targets, key=lambda t: (t.location.path, t.location.line or 0))
    for path, group in groupby(by_file, key=lambda t: t.location.path):
        try:
            document = read_yaml(Path(path))
        except TargetFileError:  # reported where the targets were read
            continue
        problems += _check_file(document, list(group), directory, texts)
    return problems


def _check_file(
    document: YamlDocument, targets: list[Target], directory: Path, texts: dict[str, str | Message]
) -> list[Problem]:
    from pcheck.numerals import states
    from pcheck.plantext import searchable

    name = targets[0].document.source
    if name not in texts:
        texts[name] = _source_text(name, directory)
    text = texts[name]
    if isinstance(text, Message):
        code = "source-unreadable" if text.id == "lint.source-unreadable" else "source-missing"
        return [Problem(document.where(("document", "source")), text, code)]
    problems = []
    quotes = _quote_locations(document)
    for target in targets:
        where = quotes.get(_position(target.location), target.location)
        if searchable(target.quote) not in text:
            message = Message.of("lint.quote-missing", source=name)
            problems.append(Problem(where, message, "quote-missing"))
        for figure, stretch in _figures(target):
            stated = states(target.quote, figure, target.unit) or (
                stretch is not None and states(target.quote, stretch, target.unit)
            )
            if not stated:
                message = _figure_missing(figure, stretch, target.unit)
                problems.append(Problem(where, message, "figure-missing"))
    return problems


def _source_text(name: str, directory: Path) -> str | Message:
    """The searchable text of the source document ``name`` in ``directory``, or
    why there is none."""
    from pcheck.plantext import read_plan, searchable

    if not name or name in (".", "..") or Path(name).name != name:
        return Message.of("lint.source-name", source=name)
    path = directory / name
    if not path.exists():
        return Message.of("lint.source-missing", source=name, directory=str(directory))
    try:
        return searchable(read_plan(path).text)
    except PlanTextError as exc:
        return Message.of("lint.source-unreadable", source=name, reason=exc.problems[0].message)


def _quote_locations(document: YamlDocument) -> dict[tuple[int, int], Location]:
    """Where each target's quote is written, by where the target starts."""
    entries = document.data.get("targets") if isinstance(document.data, dict) else None
    found = {}
    for index in range(len(entries) if isinstance(entries, list) else 0):
        start = _position(document.where(("targets", index)))
        found[start] = document.where(("targets", index, "quote"))
    return found


def _position(location: Location) -> tuple[int, int]:
    column = location.column
    return (location.line or 0, column if isinstance(column, int) else 0)


def _figures(target: Target) -> list[tuple[Decimal, Decimal | None]]:
    """The figures a target's quote must state, each with the stretch value that
    may stand for it."""
    if target.value is None:  # the threshold is another metric's figure
        return []
    figures = [(target.value, target.stretch)]
    if target.op is Op.BETWEEN and target.upper is not None:
        figures.append((target.upper, None))
    return figures


def _figure_missing(figure: Decimal, stretch: Decimal | None, unit: str) -> Message:
    if stretch is None:
        return Message.of("lint.figure-missing", figure=_figure(figure), unit=unit)
    return Message.of(
        "lint.figure-missing-stretch", figure=_figure(figure), stretch=_figure(stretch), unit=unit
    )


def _figure(value: Decimal) -> str:
    return format(value, "f")
