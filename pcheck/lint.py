"""Checks of target files beyond what loading them requires.

Loading a target directory already refuses every schema error, unknown metric or
region, duplicate id, impossible unit or value. These checks find what is legal
but probably a mistake, and report it as a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from pcheck.errors import TargetFileError
from pcheck.model import Basis, Catalog, Location, Message, Problem, Severity, Target
from pcheck.units import is_percent
from pcheck.yamlfile import read_yaml


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
