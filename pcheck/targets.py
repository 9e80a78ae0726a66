"""Target files: one YAML file per source document, read into :class:`Target` values.

The keys of each part of a file, which of them are required and how the simple ones
are checked come from the table in :mod:`pcheck.fields`; the checks here are those
the table cannot state (units, metrics, regions, fractions, ranges and rules across
fields). Every problem of every file is collected, with its file, line and column,
before :class:`TargetFileError` is raised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck.catalog import describe_metric, describe_region, former_note
from pcheck.errors import TargetFileError, ValueParseError
from pcheck.fields import BASELINE, DOCUMENT, FILE, FRACTION, TARGET, Field, FieldKind, Part
from pcheck.model import (
    PERCENTAGE_POINT,
    Basis,
    Catalog,
    Document,
    Location,
    Message,
    Op,
    Problem,
    Quantity,
    Severity,
    Target,
    Tier,
)
from pcheck.operators import Direction, operator
from pcheck.units import check_unit, convert, factor, is_percent
from pcheck.yamlfile import Fields, Key, is_number, read_yaml

_FRACTION = re.compile(FRACTION)
_ID, _TOLERANCE, _BAND = TARGET["id"], TARGET["tolerance"], TARGET["band"]
# Values, mappings and lists have shapes of their own, which the reader checks.
_CHECKED_BY_KIND = frozenset(FieldKind) - {FieldKind.VALUE, FieldKind.MAPPING, FieldKind.LIST}
# A year or a choice is read even when left out: its own check says what it should
# be (as the messages always have), or its default is taken.
_READ_WHEN_LEFT_OUT = frozenset({FieldKind.YEAR, FieldKind.CHOICE})


def default_directory() -> Path:
    """The built-in targets: inside the installed package, or beside a source checkout."""
    package = Path(__file__).parent
    installed = package / "builtin_targets"
    return installed if installed.is_dir() else package.parent / "targets"


def target_files(directory: Path) -> list[Path]:
    """The target files of a directory, in name order (its ``catalog/`` folder aside).

    A name ending in ``.yaml`` or ``.yml`` that is not a folder is a target file,
    even a link to nothing: reading it then says what is wrong, rather than
    passing it over.
    """
    if not directory.is_dir():
        raise TargetFileError.at(Location(str(directory)), Message.of("targets.not-a-directory"))
    return sorted(
        p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir()
    )


def load_targets(directory: Path, catalog: Catalog) -> list[Target]:
    """Every target of every file in ``directory``, by region code; ids are unique.

    Raises :class:`TargetFileError` with every problem of every file if one is an
    error (a warning alone, such as a region no longer in use, is for ``lint``)."""
    targets, problems = read_targets(directory, catalog)
    if has_errors(problems):
        raise TargetFileError(problems)
    return targets


def read_targets(directory: Path, catalog: Catalog) -> tuple[list[Target], list[Problem]]:
    """Every target that could be read from the files of ``directory``, and every
    problem of every file, all at once: a file with problems still gives the
    targets it states correctly, and every id it states is checked for repeats."""
    targets: list[Target] = []
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for path in target_files(directory):
        try:
            fields = Fields(read_yaml(path))
        except TargetFileError as exc:
            problems.extend(exc.problems)
            continue
        reader = _FileReader(fields, catalog)
        targets += reader.read()
        for target_id, where in reader.ids:
            if target_id in seen:
                message = Message.of(
                    "target.duplicate-id", id=target_id, where=str(seen[target_id])
                )
                fields.add(Problem(where, message, "duplicate-id"))
            seen.setdefault(target_id, where)
        problems += sorted(fields.problems, key=_position)
    # Regions in code order put a province before its cities; within a region the
    # order of the files is kept.
    return sorted(targets, key=lambda target: target.region), problems


def load_target_file(path: Path, catalog: Catalog) -> list[Target]:
    """The targets of one file; :class:`TargetFileError` with all its problems."""
    fields = Fields(read_yaml(path))
    targets = _FileReader(fields, catalog).read()
    if has_errors(fields.problems):
        raise TargetFileError(sorted(fields.problems, key=_position))
    return targets


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of ``problems`` is an error rather than a warning."""
    return any(problem.severity is Severity.ERROR for problem in problems)


def _position(problem: Problem) -> tuple[int, int]:
    column = problem.location.column
    return (problem.location.line or 0, column if isinstance(column, int) else 0)


def select_targets(
    targets: Iterable[Target], catalog: Catalog, region: str | None, year: int | None
) -> list[Target]:
    """The targets of ``region`` (and the regions within it) and of ``year``."""
    return [
        t
        for t in targets
        if (year is None or t.year == year)
        and (region is None or region in catalog.ancestors(t.region))
    ]


class _FileReader:
    def __init__(self, fields: Fields, catalog: Catalog) -> None:
        self.fields = fields
        self.catalog = catalog
        self.path = fields.document.path
        self.ids: list[tuple[str, Location]] = []  # every id stated, target read or not

    def read(self) -> list[Target]:
        fields = self.fields
        root = fields.mapping(fields.document.data, (), Message.of("thing.target-file"))
        if root is None:
            return []
        fields.known_keys(root, (), FILE.names)
        document = self.document(root)
        given = _read_fields(fields, root, (), FILE)
        region = self.region(given["region"], ())
        year = given["year"]
        targets = []
        for index, item in enumerate(fields.sequence(root, (), "targets")):
            data = fields.mapping(item, ("targets", index), Message.of("thing.target"))
            if data is None:
                continue
            target = self.target(data, ("targets", index), document, region, year)
            if target is not None:
                targets.append(target)
        return targets

    def document(self, root: dict[str, Any]) -> Document:
        fields = self.fields
        data = (
            fields.mapping(
                root.get("document"), ("document",), Message.of("thing.key", key="document")
            )
            or {}
        )
        fields.known_keys(data, ("document",), DOCUMENT.names)
        text = _read_fields(fields, data, ("document",), DOCUMENT, in_document=True)
        return Document(
            title=text["title"] or "",
            issuer=text["issuer"] or "",
            date=text["date"] or "",
            source=text["source"] or "",
            number=text["number"],
            url=text["url"],
        )

    def region(self, text: str | None, key: Key) -> str | None:
        """The code of the region named by ``text``; for a region no longer in use, of
        the one its area is in now, with a warning."""
        if text is None:
            return None
        found = self.catalog.regions.match(text)
        if found.region is None:
            self.fields.error((*key, "region"), describe_region(self.catalog, text), "region")
            return None
        if found.formers:
            where = self.fields.document.where((*key, "region"))
            self.fields.add(Problem(where, former_note(found), "abolished", Severity.WARNING))
        return found.region.code

    def target(
        self,
        data: dict[str, Any],
        key: Key,
        document: Document,
        file_region: str | None,
        file_year: int | None,
    ) -> Target | None:
        fields = self.fields
        fields.known_keys(data, key, TARGET.names)
        given = _read_fields(fields, data, key, TARGET)
        target_id = given["id"]
        if target_id is not None and not _ID.matches(target_id):
            fields.error((*key, "id"), Message.of("target.id", id=target_id))
        elif target_id is not None:
            self.ids.append((target_id, fields.document.where(key)))
        metrics = self.metrics(given["metric"], key)
        region = self.region(given["region"], key) or file_region
        year = given["year"] or file_year
        op = None if given["op"] is None else Op(given["op"])
        unit = self.unit(given["unit"], (*key, "unit"))
        basis, tier = Basis(given["basis"]), Tier(given["tier"])
        quote = given["quote"]
        value, upper, reference = self.value(data, key, op, given["reference"])
        if reference is not None and reference in metrics:
            message = Message.of("target.reference-self", metric=reference)
            fields.error((*key, "reference"), message)
            reference = None
        stretch, tolerance, band = given["stretch"], given["tolerance"], given["band"]
        baseline = self.baseline(data, key)
        if op is not None:
            _check_extras(fields, key, op, value, stretch, tolerance, band, tier)
        if unit is not None and metrics and op is not None:
            checks = _Checks(fields, key, self.catalog, metrics, unit, basis)
            checks.units(reference, baseline)
            checks.kinds(reference)
            checks.bounds({"value": value, "upper": upper, "stretch": stretch})
        if None in (target_id, region, year, op, unit, quote) or not metrics:
            return None
        assert target_id and region and year and op and unit and quote  # for the type checker
        names = [self.catalog.metrics[m] for m in metrics]
        return Target(
            id=target_id,
            metrics=metrics,
            region=region,
            year=year,
            op=op,
            value=value,
            upper=upper,
            unit=unit,
            quote=quote,
            document=document,
            location=fields.document.where(key),
            name=given["name"] or "+".join(m.name for m in names),
            region_entry=self.catalog.regions[region],
            metric_entries=tuple(names),
            reference_entry=self.catalog.metrics[reference] if reference else None,
            name_en=given["name_en"] or " + ".join(m.name_en for m in names),
            basis=basis,
            baseline=baseline,
            reference=reference,
            tier=tier,
            stretch=stretch,
            tolerance=tolerance,
            band=band,
            note=given["note"],
        )

    def metrics(self, names: tuple[str, ...] | None, key: Key) -> tuple[str, ...]:
        """The ids of the metrics ``names`` names; none if one is unknown."""
        if names == ():
            self.fields.error((*key, "metric"), Message.of("target.no-metric"))
        if not names:
            return ()
        found = []
        for name in names:
            metric = self.catalog.find_metric(name)
            if metric is None:
                self.fields.error((*key, "metric"), describe_metric(self.catalog, name), "metric")
            else:
                found.append(metric.id)
        return tuple(found) if len(found) == len(names) else ()

    def unit(self, text: str | None, where: Key) -> str | None:
        """The unit ``text`` names, in its canonical spelling."""
        if text is None:
            return None
        try:
            return check_unit(text)
        except ValueParseError as exc:
            self.fields.error(where, exc.message, "unit")
            return None

    def value(
        self, data: dict[str, Any], key: Key, op: Op | None, reference_text: str | None
    ) -> tuple[Decimal | None, Decimal | None, str | None]:
        """(value, upper, reference): the threshold, the top of a range, or a metric.

        Exactly one of ``value`` and ``reference`` is given (``TARGET.one_of``)."""
        fields = self.fields
        if reference_text is not None:
            if "value" in data:
                fields.error((*key, "value"), Message.of("target.value-and-reference"))
            metric = self.catalog.find_metric(reference_text)
            if metric is None:
                fields.error(
                    (*key, "reference"), describe_metric(self.catalog, reference_text), "metric"
                )
                return None, None, None
            if op is not None and not operator(op).takes_reference:
                fields.error((*key, "op"), Message.of("target.op-reference", op=op.value))
            return None, None, metric.id
        if op is not None and operator(op).direction is Direction.RANGE:
            bounds = data.get("value")
            if (
                isinstance(bounds, list)
                and len(bounds) == 2
                and all(is_number(b) for b in bounds)
                and bounds[0] < bounds[1]
            ):
                return Decimal(bounds[0]), Decimal(bounds[1]), None
            fields.error((*key, "value"), Message.of("target.between"))
            return None, None, None
        written = data.get("value")
        if isinstance(written, str) and (fraction := _FRACTION.fullmatch(written.strip())):
            numerator, denominator = Decimal(fraction[1]), Decimal(fraction[2])
            if denominator:
                return numerator / denominator, None, None
        return fields.number(data, key, "value"), None, None

    def baseline(self, data: dict[str, Any], key: Key) -> Quantity | None:
        if "baseline" not in data:
            return None
        fields = self.fields
        where = (*key, "baseline")
        mapping = fields.mapping(data["baseline"], where, Message.of("thing.key", key="baseline"))
        if mapping is None:
            return None
        fields.known_keys(mapping, where, BASELINE.names)
        given = _read_fields(fields, mapping, where, BASELINE)
        value, unit = given["value"], self.unit(given["unit"], (*where, "unit"))
        return Quantity(value, unit) if value is not None and unit is not None else None


def _read_fields(
    fields: Fields, data: dict[str, Any], key: Key, part: Part, *, in_document: bool = False
) -> dict[str, Any]:
    """The texts, numbers, years and choices of ``part`` in ``data``, each checked
    by its kind, by name (``None`` where a value is left out or wrong).

    A required field left out (or left empty) is reported as missing (in the
    words of the ``document`` block when ``in_document``). Values, mappings and
    lists are left to the reader.
    """
    given: dict[str, Any] = {}
    for field in part.fields:
        if field.kind not in _CHECKED_BY_KIND:
            continue
        name = field.name
        if data.get(name) is None and field.kind not in _READ_WHEN_LEFT_OUT:
            if field.required:
                missing = Message.of("document.needs" if in_document else "key.missing", key=name)
                fields.error((*key, name) if name in data else key, missing)
            given[name] = None
        else:
            given[name] = _read_field(fields, data, key, field)
    return given


def _read_field(fields: Fields, data: dict[str, Any], key: Key, field: Field) -> Any:
    """The value of one field that is there (or of a year or choice), checked by kind."""
    name = field.name
    if field.kind is FieldKind.TEXTS:
        return fields.texts(data, key, name)
    if field.kind is FieldKind.NUMBER:
        return fields.number(data, key, name)
    if field.kind is FieldKind.CHOICE:
        return fields.choice(data, key, name, field.choices, field.default)
    if field.kind is FieldKind.YEAR:
        value = data.get(name)
        if value is None and not field.required:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and field.admits(value):
            return value
        fields.error((*key, name) if name in data else key, Message.of("value.year"))
        return None
    return fields.text(data, key, name)  # a text, with or without whole numbers


class _Checks:
    """Checks that need several fields of a target at once."""

    def __init__(
        self,
        fields: Fields,
        key: Key,
        catalog: Catalog,
        metrics: tuple[str, ...],
        unit: str,
        basis: Basis,
    ) -> None:
        self.fields, self.key, self.catalog = fields, key, catalog
        self.metrics, self.unit, self.basis = metrics, unit, basis

    def convertible(self, unit: str, metric_id: str, name: str) -> None:
        metric_unit = self.catalog.metrics[metric_id].unit
        try:
            factor(unit, metric_unit)
        except ValueParseError:
            self.fields.error(
                (*self.key, name),
                Message.of("target.unit", unit=unit, metric_unit=metric_unit, metric=metric_id),
                "unit",
            )

    def units(self, reference: str | None, baseline: Quantity | None) -> None:
        if self.basis is Basis.GROWTH:
            if not is_percent(self.unit):
                self.fields.error((*self.key, "unit"), Message.of("target.growth-unit"))
            if len(self.metrics) > 1 or reference:
                self.fields.error(self.key, Message.of("target.growth-shape"))
        else:
            for metric_id in self.metrics:
                self.convertible(self.unit, metric_id, "unit")
        if reference is not None:
            self.convertible(self.unit, reference, "reference")
        if baseline is not None:
            if self.basis is not Basis.GROWTH:
                self.fields.error((*self.key, "baseline"), Message.of("target.baseline"))
            else:
                self.convertible(baseline.unit, self.metrics[0], "baseline")

    def kinds(self, reference: str | None) -> None:
        """A sum adds figures of one kind; a reference compares like with like."""
        kinds = {self.catalog.metrics[m].kind for m in self.metrics}
        if len(kinds) > 1:
            self.fields.error((*self.key, "metric"), Message.of("target.sum-kinds"), "kind")
        if reference is not None and self.catalog.metrics[reference].kind not in kinds:
            message = Message.of("target.reference-kind", reference=reference)
            self.fields.error((*self.key, "reference"), message, "kind")

    def bounds(self, values: dict[str, Decimal | None]) -> None:
        """Values a single metric's figures can never reach make a goal that cannot be met."""
        if self.basis is not Basis.VALUE or len(self.metrics) != 1:
            return
        metric = self.catalog.metrics[self.metrics[0]]
        for name, value in values.items():
            if value is None or self.unit == PERCENTAGE_POINT:
                continue
            try:
                in_metric_unit = convert(value, self.unit, metric.unit)
            except ValueParseError:
                return  # reported by units()
            if not metric.admits(in_metric_unit):
                message = Message.of("target.range", value=value, unit=self.unit, metric=metric.id)
                self.fields.error((*self.key, name), message, "range")


def _check_extras(
    fields: Fields,
    key: Key,
    op: Op,
    value: Decimal | None,
    stretch: Decimal | None,
    tolerance: Decimal | None,
    band: Decimal | None,
    tier: Tier,
) -> None:
    """Checks of the optional fields that depend on the operator."""
    entry = operator(op)
    if stretch is not None and value is not None:
        if not entry.beyond(stretch, value):
            fields.error((*key, "stretch"), Message.of("target.stretch"))
        if tier is not Tier.BASE:
            fields.error((*key, "tier"), Message.of("target.stretch-tier"))
    if tolerance is not None and (not entry.takes_tolerance or not _TOLERANCE.admits(tolerance)):
        fields.error((*key, "tolerance"), Message.of("target.tolerance"))
    if band is not None and not _BAND.admits(band):
        fields.error((*key, "band"), Message.of("target.band"))
