"""The catalog of metrics and regions: built-in YAML files, extended by a target
directory's own ``catalog/metrics.yaml`` and ``catalog/regions.yaml``.

A metrics file defines new metrics (an entry with an ``id``) and may extend
metrics already known (an entry with ``extends``): add aliases, and narrow or set
bounds, without changing the metric's name, unit or kind.

The regions are every region of GB/T 2260 (see :mod:`pcheck.regions`); a regions
file adds regions of its own, and may give a region of the standard English names
and aliases (an entry with its code, without a name or with the standard one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck.errors import TargetFileError, ValueParseError
from pcheck.model import (
    Catalog,
    Former,
    Kind,
    Location,
    Message,
    Metric,
    Problem,
    Region,
    RegionMatch,
)
from pcheck.regions import RegionIndex, Table, standard_table
from pcheck.units import check_unit
from pcheck.yamlfile import Fields, Key, read_yaml, suggestion

BUILTIN = Path(__file__).with_name("catalog")
METRICS_FILE = "metrics.yaml"
REGIONS_FILE = "regions.yaml"

_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_REGION_CODE = re.compile(r"[0-9]{6}")
_METRIC_KEYS = ("id", "name", "name_en", "unit", "kind", "aliases", "min", "max", "note")
_FIXED_KEYS = ("name", "name_en", "unit", "kind")  # what an extension may not change
_EXTENSION_KEYS = ("extends", "aliases", "min", "max", "note", "id", *_FIXED_KEYS)
_REGION_KEYS = ("code", "name", "name_en", "aliases", "parent")


def load_catalog(extra: Iterable[Path] = ()) -> Catalog:
    """The built-in catalog, extended by the ``catalog/`` folder of each directory given.

    Every problem in every catalog file is collected before :class:`TargetFileError`
    is raised.
    """
    catalog, problems = read_catalog(extra)
    if problems:
        raise TargetFileError(problems)
    return catalog


def read_catalog(extra: Iterable[Path] = ()) -> tuple[Catalog, list[Problem]]:
    """The catalog as far as it could be read, and every problem of its files."""
    metrics: dict[str, Metric] = {}
    regions: dict[str, Region] = {}
    problems: list[Problem] = []
    defined_at: dict[str, Location] = {}
    names: dict[str, str] = {}
    table = standard_table()
    folders = [BUILTIN, *(directory / "catalog" for directory in extra)]
    for folder in folders:
        try:
            if folder is BUILTIN or (folder / METRICS_FILE).exists():
                _read_metrics(folder / METRICS_FILE, metrics, names, problems)
            if folder is BUILTIN or (folder / REGIONS_FILE).exists():
                _read_regions(folder / REGIONS_FILE, regions, defined_at, problems, table)
        except TargetFileError as exc:
            problems.extend(exc.problems)
    problems.extend(
        Problem(defined_at[r.code], Message.of("region.parent", code=r.code, parent=r.parent))
        for r in regions.values()
        if r.parent is not None and r.parent not in regions and table.region(r.parent) is None
    )
    problems.extend(
        Problem(defined_at[code], Message.of("region.cycle", code=code, chain=" → ".join(chain)))
        for code, chain in _cycles(regions)
    )
    return indexed(metrics, regions), problems


def _cycles(regions: dict[str, Region]) -> list[tuple[str, list[str]]]:
    """Each region whose chain of parents leads back to it, with the chain."""
    found = []
    for code in regions:
        chain, current = [code], regions[code].parent
        while current is not None and current in regions and current not in chain:
            chain.append(current)
            current = regions[current].parent
        if current == code:
            found.append((code, [*chain, code]))
    return found


def _read_metrics(
    path: Path, metrics: dict[str, Metric], names: dict[str, str], problems: list[Problem]
) -> None:
    """Add the metrics of ``path``, then apply its extensions of metrics already
    known; ``names`` maps every name given so far (case folded) to its metric, so
    that no name stands for two metrics."""
    fields = Fields(read_yaml(path))
    root = fields.mapping(fields.document.data, (), Message.of("thing.metrics-file"))
    items = fields.sequence(root, (), "metrics") if root is not None else []
    extensions: list[tuple[Key, dict[str, Any]]] = []
    for index, item in enumerate(items):
        key: Key = ("metrics", index)
        data = fields.mapping(item, key, Message.of("thing.metric"))
        if data is None:
            continue
        if "extends" in data:
            extensions.append((key, data))  # once every metric of the file is defined
            continue
        _define_metric(fields, data, key, metrics, names)
    for key, data in extensions:
        _extend_metric(fields, data, key, metrics, names)
    problems.extend(sorted(fields.problems, key=_position))


def _define_metric(
    fields: Fields,
    data: dict[str, Any],
    key: Key,
    metrics: dict[str, Metric],
    names: dict[str, str],
) -> None:
    """Add the metric ``data`` defines."""
    fields.known_keys(data, key, _METRIC_KEYS)
    metric_id = fields.text(data, key, "id")
    name = fields.text(data, key, "name")
    unit = fields.text(data, key, "unit")
    kind = fields.choice(data, key, "kind", [k.value for k in Kind], Kind.LEVEL.value)
    if "kind" not in data:
        fields.error(key, Message.of("metric.kind"))
    if metric_id is not None and not _METRIC_ID.fullmatch(metric_id):
        fields.error((*key, "id"), Message.of("metric.id", id=metric_id))
    if metric_id in metrics:
        fields.error((*key, "id"), Message.of("metric.twice", id=metric_id), "duplicate-id")
        return
    if unit is not None:
        try:
            unit = check_unit(unit)
        except ValueParseError as exc:
            fields.error((*key, "unit"), exc.message, "unit")
            unit = None
    minimum, maximum = _bounds(fields, data, key, None, None)
    if metric_id is None or name is None or unit is None:
        return
    metric = metrics[metric_id] = Metric(
        id=metric_id,
        name=name,
        name_en=fields.text(data, key, "name_en", required=False) or metric_id,
        unit=unit,
        kind=Kind(kind),
        aliases=fields.texts(data, key, "aliases"),
        minimum=minimum,
        maximum=maximum,
    )
    for label in (metric.id, metric.name, *metric.aliases):
        _claim(fields, key, names, label, metric.id)


def _extend_metric(
    fields: Fields,
    data: dict[str, Any],
    key: Key,
    metrics: dict[str, Metric],
    names: dict[str, str],
) -> None:
    """Add the aliases of ``data`` to the metric it ``extends``, and narrow its bounds.

    What makes the metric what it is (its name, unit and kind) stays: a field that
    would change it is an error at that field.
    """
    fields.known_keys(data, key, _EXTENSION_KEYS)
    if "id" in data:
        fields.error((*key, "id"), Message.of("metric.extends-id"))
    named = fields.text(data, key, "extends")
    if named is None:
        return
    found = names.get(named.casefold())
    metric = metrics.get(found) if found is not None else None
    if metric is None:
        words = [label for m in metrics.values() for label in (m.id, m.name, *m.aliases)]
        message = Message.of("metric.unknown", metric=named, hint=_suggest(named, words))
        fields.error((*key, "extends"), message, "metric")
        return
    for name in _FIXED_KEYS:
        _same(fields, data, key, name, metric)
    minimum, maximum = _bounds(fields, data, key, metric.minimum, metric.maximum)
    aliases = fields.texts(data, key, "aliases")
    claimed = [a for a in aliases if _claim(fields, (*key, "aliases"), names, a, metric.id)]
    known = {metric.id, metric.name, *metric.aliases}
    metrics[metric.id] = replace(
        metric,
        aliases=(*metric.aliases, *(a for a in dict.fromkeys(claimed) if a not in known)),
        minimum=minimum,
        maximum=maximum,
    )


def _same(fields: Fields, data: dict[str, Any], key: Key, name: str, metric: Metric) -> None:
    """Report ``data[name]`` if it differs from the metric's own: an extension may
    restate the metric's name, English name, unit or kind, never change them."""
    if name not in data:
        return
    given = fields.text(data, key, name)
    if given is None:
        return
    current = {
        "name": metric.name,
        "name_en": metric.name_en,
        "unit": metric.unit,
        "kind": metric.kind.value,
    }[name]
    if name == "unit":
        try:
            given = check_unit(given)
        except ValueParseError as exc:
            fields.error((*key, name), exc.message, "unit")
            return
    if given != current:
        message = Message.of(
            "metric.extends-fixed", key=name, metric=metric.id, current=current, given=given
        )
        fields.error((*key, name), message, "extends")


def _bounds(
    fields: Fields,
    data: dict[str, Any],
    key: Key,
    low: Decimal | None,
    high: Decimal | None,
) -> tuple[Decimal | None, Decimal | None]:
    """The bounds ``data`` gives, within ``low`` and ``high`` (those of the metric
    extended): a bound may narrow them, never widen them."""
    minimum = fields.number(data, key, "min", required=False)
    maximum = fields.number(data, key, "max", required=False)
    for name, given, current, wider in (
        ("min", minimum, low, minimum is not None and low is not None and minimum < low),
        ("max", maximum, high, maximum is not None and high is not None and maximum > high),
    ):
        if wider:
            message = Message.of("metric.extends-widens", key=name, value=given, bound=current)
            fields.error((*key, name), message, "extends")
    if minimum is None or (low is not None and minimum < low):
        minimum = low
    if maximum is None or (high is not None and maximum > high):
        maximum = high
    if minimum is not None and maximum is not None and minimum > maximum:
        where = (*key, "min") if "min" in data else (*key, "max")
        fields.error(where, Message.of("metric.bounds", low=minimum, high=maximum), "range")
    return minimum, maximum


def _claim(fields: Fields, key: Key, names: dict[str, str], label: str, metric_id: str) -> bool:
    """Give ``label`` to the metric; ``False``, and a problem at ``key``, when it
    already names another."""
    other = names.setdefault(label.casefold(), metric_id)
    if other != metric_id:
        message = Message.of("metric.name-taken", name=label, other=other)
        fields.error(key, message, "duplicate-name")
        return False
    return True


def _position(problem: Problem) -> tuple[int, int]:
    column = problem.location.column
    return (problem.location.line or 0, column if isinstance(column, int) else 0)


def _read_regions(
    path: Path,
    regions: dict[str, Region],
    defined_at: dict[str, Location],
    problems: list[Problem],
    table: Table,
) -> None:
    """Add the regions of ``path``; an entry with the code of a region of the standard
    table gives it English names and aliases (its name and parent, if stated, must be
    the standard ones)."""
    fields = Fields(read_yaml(path))
    root = fields.mapping(fields.document.data, (), Message.of("thing.regions-file"))
    items = fields.sequence(root, (), "regions") if root is not None else []
    stated: set[str] = set()
    for index, item in enumerate(items):
        key = ("regions", index)
        data = fields.mapping(item, key, Message.of("thing.region"))
        if data is None:
            continue
        fields.known_keys(data, key, _REGION_KEYS)
        code = fields.text(data, key, "code")
        standard = table.region(code) if code is not None else None
        name = fields.text(data, key, "name", required=standard is None)
        parent = fields.text(data, key, "parent", required=False)
        for field_name, value in (("code", code), ("parent", parent)):
            if value is not None and not _REGION_CODE.fullmatch(value):
                fields.error((*key, field_name), Message.of("region.code", code=value))
        if code in stated or (standard is None and code in regions):
            fields.error((*key, "code"), Message.of("region.twice", code=code), "duplicate-id")
            continue
        if code is None:
            continue
        stated.add(code)
        name_en = fields.text(data, key, "name_en", required=False)
        aliases = fields.texts(data, key, "aliases")
        if standard is not None:
            _check_standard(fields, key, standard, name, parent, table)
            earlier = regions.get(code, standard)
            regions[code] = replace(
                earlier,
                name_en=name_en or earlier.name_en,
                aliases=tuple(dict.fromkeys((*earlier.aliases, *aliases))),
            )
            continue
        if name is None:
            continue
        defined_at[code] = fields.document.where((*key, "parent"))
        regions[code] = Region(code, name, name_en or name, aliases, parent)
    problems.extend(fields.problems)


def _check_standard(
    fields: Fields,
    key: Key,
    standard: Region,
    name: str | None,
    parent: str | None,
    table: Table,
) -> None:
    """A name stated for a region of the standard table must be its own, and a parent
    one of the regions it is within."""
    if name is not None and name != standard.name:
        message = Message.of("region.standard-name", code=standard.code, name=standard.name)
        fields.error((*key, "name"), message, "standard-region")
    above = []
    region: Region | None = standard
    while region is not None and region.parent is not None:
        above.append(region.parent)
        region = table.region(region.parent)
    if parent is not None and parent not in above:
        within = standard.parent or Message("region.no-parent")
        message = Message.of("region.standard-parent", code=standard.code, parent=within)
        fields.error((*key, "parent"), message, "standard-region")


def indexed(metrics: dict[str, Metric], regions: dict[str, Region]) -> Catalog:
    """The catalog of these metrics, and of the regions of the standard table with
    ``regions``, the ones the catalog files define or extend."""
    metric_names: dict[str, str] = {}
    for metric in metrics.values():
        for name in (metric.id, metric.name, *metric.aliases):
            metric_names.setdefault(name.casefold(), metric.id)
    return Catalog(metrics, RegionIndex(standard_table(), regions), metric_names)


SHOWN_CANDIDATES = 10
"""Candidates named in a message; the rest are counted."""


def describe_region(catalog: Catalog, text: str) -> Message:
    """Why ``text`` names no region in use: the regions it could name, the one it is
    now called, or the closest names the catalog knows."""
    found = catalog.regions.match(text)
    if found.formers:
        return _describe_former(catalog, text, found)
    if found.candidates:
        listed, more = _listed(catalog, found.candidates)
        return Message.of("region.ambiguous", region=text, candidates=listed, more=more)
    return Message.of("region.unknown", region=text, hint=suggestion(catalog.regions.similar(text)))


def former_note(found: RegionMatch) -> Message:
    """What a text naming a region no longer in use is read as (``found`` has a
    ``region`` and ``formers``)."""
    old, region = found.former, found.region
    assert region is not None and old is not None
    return Message.of(
        "region.renamed" if old.code == region.code else "region.abolished",
        old=f"{old.code} {old.name}",
        year=old.year,
        new=f"{region.code} {region.name}",
    )


def _describe_former(catalog: Catalog, text: str, found: RegionMatch) -> Message:
    """Why a code or name no longer in use is not read as a region."""
    latest = found.former
    assert latest is not None
    old, year = f"{latest.code} {latest.name}", latest.year
    listed, more = _listed(catalog, found.candidates)
    if found.region is not None:
        new = f"{found.region.code} {found.region.name}"
        return Message.of("region.abolished-since", old=old, year=year, new=new)
    if len({former.successors for former in found.formers}) > 1:
        return Message.of("region.abolished-several", region=text, candidates=listed, more=more)
    if not found.candidates:
        return Message.of("region.abolished-gone", old=old, year=year)
    return Message.of("region.abolished-split", old=old, year=year, candidates=listed, more=more)


def _listed(catalog: Catalog, codes: Iterable[str]) -> tuple[str, Message]:
    """The first of ``codes`` with their names and the names of the regions they are
    in (``330106 西湖区 (浙江省杭州市)``), and how many more there are."""
    codes = list(codes)
    shown = []
    for code in codes[:SHOWN_CANDIDATES]:
        region = catalog.regions[code]
        above = "".join(
            catalog.regions[c].name
            for c in reversed(catalog.ancestors(code)[1:])
            if c in catalog.regions  # a parent a catalog file names wrongly is reported there
        )
        shown.append(f"{code} {region.name}" + (f" ({above})" if above else ""))
    rest = len(codes) - len(shown)
    return ", ".join(shown), Message.of("region.more", count=rest) if rest else Message("hint.none")


def describe_metric(catalog: Catalog, text: str) -> Message:
    """Why ``text`` names no metric, with the closest names the catalog knows."""
    words = [name for m in catalog.metrics.values() for name in (m.id, m.name, *m.aliases)]
    return Message.of("metric.unknown", metric=text, hint=_suggest(text, words))


def _suggest(text: str, words: list[str]) -> Message:
    import difflib

    close = difflib.get_close_matches(text.strip(), words, n=3, cutoff=0.5)
    return suggestion(close)


def search_regions(catalog: Catalog, text: str | None) -> list[Region]:
    """The regions in use that ``text`` finds, by code: every one without a text; by
    code prefix for digits (3301); else those it names (杭州西湖区) and those whose
    name, short name, English name or an alias holds it, ignoring case."""
    regions = catalog.regions
    if text is None or not text.strip():
        return sorted(regions.values(), key=lambda r: r.code)
    key = text.strip().casefold()
    if key.isascii() and key.isdigit():
        return sorted((r for r in regions.values() if r.code.startswith(key)), key=_code)
    found = {r.code: r for r in regions.values() if any(key in n for n in _names(r))}
    match = regions.match(text)
    for code in (*match.candidates, *([match.region.code] if match.region else ())):
        found[code] = regions[code]
    return sorted(found.values(), key=_code)


def search_formers(catalog: Catalog, text: str | None) -> list[Former]:
    """The codes and names no longer in use that ``text`` finds, as
    :func:`search_regions` finds regions (by code prefix, or name)."""
    formers = list(catalog.regions.formers())
    if text is None or not text.strip():
        return formers
    key = text.strip().casefold()
    if key.isascii() and key.isdigit():
        return [f for f in formers if f.code.startswith(key)]
    named = set(catalog.regions.match(text).formers)
    return [f for f in formers if key in f.name.casefold() or f in named]


def search_metrics(catalog: Catalog, text: str | None) -> list[Metric]:
    """The metrics whose id, name, English name or an alias holds ``text``, ignoring
    case (every one without a text), in the catalog's order."""
    metrics = list(catalog.metrics.values())
    if text is None or not text.strip():
        return metrics
    key = text.strip().casefold()
    return [
        m
        for m in metrics
        if any(key in n.casefold() for n in (m.id, m.name, m.name_en, *m.aliases))
    ]


def _names(region: Region) -> list[str]:
    names = [region.name, region.name_en.casefold(), *(a.casefold() for a in region.aliases)]
    return [*names, region.short] if region.short else names


def _code(region: Region) -> str:
    return region.code
