"""The catalog of metrics and regions: built-in YAML files, extended by a target
directory's own ``catalog/metrics.yaml`` and ``catalog/regions.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pcheck.errors import TargetFileError, ValueParseError
from pcheck.model import Catalog, Kind, Location, Message, Metric, Problem, Region
from pcheck.units import check_unit
from pcheck.yamlfile import Fields, read_yaml, suggestion

BUILTIN = Path(__file__).with_name("catalog")
METRICS_FILE = "metrics.yaml"
REGIONS_FILE = "regions.yaml"

_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_REGION_CODE = re.compile(r"\d{6}")
_METRIC_KEYS = ("id", "name", "name_en", "unit", "kind", "aliases", "min", "max", "note")
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
    folders = [BUILTIN, *(directory / "catalog" for directory in extra)]
    for folder in folders:
        try:
            if folder is BUILTIN or (folder / METRICS_FILE).exists():
                _read_metrics(folder / METRICS_FILE, metrics, names, problems)
            if folder is BUILTIN or (folder / REGIONS_FILE).exists():
                _read_regions(folder / REGIONS_FILE, regions, defined_at, problems)
        except TargetFileError as exc:
            problems.extend(exc.problems)
    problems.extend(
        Problem(defined_at[r.code], Message.of("region.parent", code=r.code, parent=r.parent))
        for r in regions.values()
        if r.parent is not None and r.parent not in regions
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
    """Add the metrics of ``path``; ``names`` maps every name given so far (case
    folded) to its metric, so that no name stands for two metrics."""
    fields = Fields(read_yaml(path))
    root = fields.mapping(fields.document.data, (), Message.of("thing.metrics-file"))
    items = fields.sequence(root, (), "metrics") if root is not None else []
    for index, item in enumerate(items):
        key = ("metrics", index)
        data = fields.mapping(item, key, Message.of("thing.metric"))
        if data is None:
            continue
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
            continue
        if unit is not None:
            try:
                unit = check_unit(unit)
            except ValueParseError as exc:
                fields.error((*key, "unit"), exc.message, "unit")
                unit = None
        if metric_id is None or name is None or unit is None:
            continue
        metric = metrics[metric_id] = Metric(
            id=metric_id,
            name=name,
            name_en=fields.text(data, key, "name_en", required=False) or metric_id,
            unit=unit,
            kind=Kind(kind),
            aliases=fields.texts(data, key, "aliases"),
            minimum=fields.number(data, key, "min", required=False),
            maximum=fields.number(data, key, "max", required=False),
        )
        for label in (metric.id, metric.name, *metric.aliases):
            other = names.setdefault(label.casefold(), metric.id)
            if other != metric.id:
                message = Message.of("metric.name-taken", name=label, other=other)
                fields.error(key, message, "duplicate-name")
    problems.extend(fields.problems)


def _read_regions(
    path: Path,
    regions: dict[str, Region],
    defined_at: dict[str, Location],
    problems: list[Problem],
) -> None:
    fields = Fields(read_yaml(path))
    root = fields.mapping(fields.document.data, (), Message.of("thing.regions-file"))
    items = fields.sequence(root, (), "regions") if root is not None else []
    for index, item in enumerate(items):
        key = ("regions", index)
        data = fields.mapping(item, key, Message.of("thing.region"))
        if data is None:
            continue
        fields.known_keys(data, key, _REGION_KEYS)
        code = fields.text(data, key, "code")
        name = fields.text(data, key, "name")
        parent = fields.text(data, key, "parent", required=False)
        for field_name, value in (("code", code), ("parent", parent)):
            if value is not None and not _REGION_CODE.fullmatch(value):
                fields.error((*key, field_name), Message.of("region.code", code=value))
        if code in regions:
            fields.error((*key, "code"), Message.of("region.twice", code=code), "duplicate-id")
            continue
        if code is None or name is None:
            continue
        defined_at[code] = fields.document.where((*key, "parent"))
        regions[code] = Region(
            code=code,
            name=name,
            name_en=fields.text(data, key, "name_en", required=False) or name,
            aliases=fields.texts(data, key, "aliases"),
            parent=parent,
        )
    problems.extend(fields.problems)


def indexed(metrics: dict[str, Metric], regions: dict[str, Region]) -> Catalog:
    metric_names: dict[str, str] = {}
    for metric in metrics.values():
        for name in (metric.id, metric.name, *metric.aliases):
            metric_names.setdefault(name.casefold(), metric.id)
    region_names: dict[str, str] = {}
    ambiguous: dict[str, list[str]] = {}
    for region in regions.values():
        for name in {region.code, region.name, region.name_en, *region.aliases}:
            key = name.casefold()
            if key in region_names and region_names[key] != region.code:
                ambiguous.setdefault(key, [region_names[key]]).append(region.code)
            region_names.setdefault(key, region.code)
    for key in ambiguous:
        del region_names[key]
    return Catalog(
        metrics,
        regions,
        metric_names,
        region_names,
        {key: tuple(codes) for key, codes in ambiguous.items()},
    )


def describe_region(catalog: Catalog, text: str) -> Message:
    """Why ``text`` names no region, with the closest names the catalog knows."""
    codes = catalog.ambiguous_regions.get(text.strip().casefold())
    if codes:
        listed = ", ".join(f"{code} {catalog.regions[code].name}" for code in codes)
        return Message.of("region.ambiguous", region=text, candidates=listed)
    return Message.of("region.unknown", region=text, hint=_suggest(text, _region_words(catalog)))


def describe_metric(catalog: Catalog, text: str) -> Message:
    """Why ``text`` names no metric, with the closest names the catalog knows."""
    words = [name for m in catalog.metrics.values() for name in (m.id, m.name, *m.aliases)]
    return Message.of("metric.unknown", metric=text, hint=_suggest(text, words))


def _region_words(catalog: Catalog) -> list[str]:
    return [name for r in catalog.regions.values() for name in (r.name, r.name_en, *r.aliases)]


def _suggest(text: str, words: list[str]) -> Message:
    import difflib

    close = difflib.get_close_matches(text.strip(), words, n=3, cutoff=0.5)
    return suggestion(close)
