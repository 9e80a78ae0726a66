"""Target files: one YAML file per source document, read into :class:`Target` values.

The keys of each part of a file, which of them are required and how the simple ones
are checked come from the table in :mod:`pcheck.fields`; the checks here are those
the table cannot state (units, metrics, regions, fractions, ranges and rules across
fields). Every problem of every file is collected, with its file, line and column,
before :class:`TargetFileError` is raised.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck.catalog import describe_metric, describe_region, former_note
from pcheck.errors import TargetFileError, ValueParseError
from pcheck.fields import (
    BASELINE,
    DOCUMENT,
    FILE,
    FRACTION,
    MILESTONE,
    TARGET,
    Field,
    FieldKind,
    Part,
)
from pcheck.model import (
    PERCENTAGE_POINT,
    Baseline,
    Basis,
    Catalog,
    Document,
    Kind,
    Location,
    Message,
    Method,
    Milestone,
    Op,
    Problem,
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
    names = sorted(
        entry.name
        for entry in os.scandir(directory)
        if os.path.splitext(entry.name)[1] in (".yaml", ".yml") and not entry.is_dir()
    )
    return [directory / name for name in names]


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
    """The targets of ``region`` (and the regions within it) judged in ``year``: those
    of the year, and those due later whose path runs through it."""
    return [
        t
        for t in targets
        if (year is None or t.runs_in(year))
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
        targets: list[Target] = []
        for index, item in enumerate(fields.sequence(root, (), "targets")):
            data = fields.mapping(item, ("targets", index), Message.of("thing.target"))
            if data is None:
                continue
            targets += self.target(data, ("targets", index), document, region, year)
        return targets

    def each_year(self, target: Target, first: int | None, key: Key) -> list[Target]:
        """A goal set for every year (每年…) as one target a year, ``ID-YEAR``."""
        if first is None:
            return [target]
        if first > target.year:
            message = Message.of("target.each-year", first=first, year=target.year)
            self.fields.error((*key, "each_year_from"), message)
            return []
        if target.start is not None:
            self.fields.error((*key, "each_year_from"), Message.of("target.each-year-path"))
            return []
        where = self.fields.document.where(key)
        self.ids.pop()  # the id stands for the goals of every year
        expanded = []
        for year in range(first, target.year + 1):
            self.ids.append((f"{target.id}-{year}", where))
            expanded.append(target._replace(id=f"{target.id}-{year}", year=year))
        return expanded

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
    ) -> list[Target]:
        """The target ``data`` states (one a year for a goal of every year); none
        when it has an error."""
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
        milestones = self.milestones(data, key)
        method = None if given["method"] is None else Method(given["method"])
        accumulated_from = given["accumulated_from"]
        if op is not None:
            _check_extras(fields, key, op, value, stretch, tolerance, band, tier)
        if unit is not None and metrics and op is not None:
            checks = _Checks(fields, key, self.catalog, metrics, unit, basis)
            checks.units(reference, baseline, year)
            checks.kinds(reference)
            checks.bounds(
                {"value": value, "upper": upper, "stretch": stretch}
                | {("milestones", i, "value"): m.value for i, m in enumerate(milestones)}
            )
        if year is not None:
            course = _Course(fields, key, self.catalog, metrics, year, basis)
            course.check(op, baseline, milestones, method, accumulated_from, reference)
            course.check_values(method, value, baseline, milestones, unit)
        if None in (target_id, region, year, op, unit, quote) or not metrics:
            return []
        assert target_id and region and year and op and unit and quote  # for the type checker
        names = [self.catalog.metrics[m] for m in metrics]
        target = Target(
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
            method=method,
            milestones=milestones,
            accumulated_from=accumulated_from,
        )
        return self.each_year(target, given["each_year_from"], key)

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

    def baseline(self, data: dict[str, Any], key: Key) -> Baseline | None:
        """The baseline: a value with its unit, a year, or both; ``None`` if wrong."""
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
        year = given["year"]
        stated = ("value" in mapping, "unit" in mapping)
        if stated[0] != stated[1]:
            fields.error(where, Message.of("baseline.value-unit"))
            return None
        if not any(stated) and year is None:
            if "year" not in mapping:  # else its year is wrong, and said to be
                fields.error(where, Message.of("baseline.empty"))
            return None
        if any(stated) and (value is None or unit is None):
            return None
        return Baseline(value, unit, year)

    def milestones(self, data: dict[str, Any], key: Key) -> tuple[Milestone, ...]:
        """The milestones in year order; none when one is wrong."""
        if "milestones" not in data:
            return ()
        fields = self.fields
        found: list[Milestone] = []
        wrong = False
        for index, item in enumerate(fields.sequence(data, key, "milestones")):
            where = (*key, "milestones", index)
            mapping = fields.mapping(item, where, Message.of("thing.key", key="milestones"))
            if mapping is None:
                wrong = True
                continue
            fields.known_keys(mapping, where, MILESTONE.names)
            given = _read_fields(fields, mapping, where, MILESTONE)
            if given["year"] is None or given["value"] is None:
                wrong = True
                continue
            if found and given["year"] <= found[-1].year:
                fields.error((*where, "year"), Message.of("milestone.order"))
                wrong = True
                continue
            found.append(Milestone(given["year"], given["value"]))
        return () if wrong else tuple(found)


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
        if field.default is None and data.get(name) is None and not field.required:
            return None
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

    def units(self, reference: str | None, baseline: Baseline | None, year: int | None) -> None:
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
            ahead = baseline.year is not None and year is not None and baseline.year < year
            after = baseline.year is not None and year is not None and baseline.year >= year
            if self.basis is not Basis.GROWTH and not ahead and not after:  # after: _Course
                self.fields.error((*self.key, "baseline"), Message.of("target.baseline"))
            elif baseline.unit is not None:
                for metric_id in self.metrics[:1] if self.basis is Basis.GROWTH else self.metrics:
                    self.convertible(baseline.unit, metric_id, "baseline")

    def kinds(self, reference: str | None) -> None:
        """A sum adds figures of one kind; a reference compares like with like."""
        kinds = {self.catalog.metrics[m].kind for m in self.metrics}
        if len(kinds) > 1:
            self.fields.error((*self.key, "metric"), Message.of("target.sum-kinds"), "kind")
        if reference is not None and self.catalog.metrics[reference].kind not in kinds:
            message = Message.of("target.reference-kind", reference=reference)
            self.fields.error((*self.key, "reference"), message, "kind")

    def bounds(self, values: dict[str | Key, Decimal | None]) -> None:
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
                where = name if isinstance(name, tuple) else (name,)
                self.fields.error((*self.key, *where), message, "range")


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


class _Course:
    """Checks of a goal due years ahead: its start, milestones and method."""

    def __init__(
        self,
        fields: Fields,
        key: Key,
        catalog: Catalog,
        metrics: tuple[str, ...],
        year: int,
        basis: Basis,
    ) -> None:
        self.fields, self.key, self.year, self.basis = fields, key, year, basis
        self.flows = bool(metrics) and all(catalog.metrics[m].kind is Kind.FLOW for m in metrics)

    def error(self, name: str | Key, message: Message) -> None:
        where = name if isinstance(name, tuple) else (name,)
        self.fields.error((*self.key, *where), message, "course")

    def check(
        self,
        op: Op | None,
        baseline: Baseline | None,
        milestones: tuple[Milestone, ...],
        method: Method | None,
        accumulated_from: int | None,
        reference: str | None,
    ) -> None:
        year = self.year
        start = None
        if baseline is not None and baseline.year is not None:
            if baseline.year >= year:
                self.error(("baseline", "year"), Message.of("baseline.after", year=year))
                return
            if self.basis is Basis.VALUE or baseline.year < year - 1:
                start = baseline.year
        if accumulated_from is not None:
            if accumulated_from > year:
                message = Message.of("accumulated.after", first=accumulated_from, year=year)
                self.error("accumulated_from", message)
                return
            if baseline is not None or self.basis is not Basis.VALUE:
                self.error("accumulated_from", Message.of("accumulated.shape"))
                return
            if not self.flows:
                self.error("accumulated_from", Message.of("accumulated.flow"))
            if method is Method.GROWTH:
                self.error("method", Message.of("accumulated.growth"))
            start = accumulated_from - 1
        if start is None:
            if method is not None:
                self.error("method", Message.of("method.one-year"))
            if milestones:
                self.error("milestones", Message.of("milestone.no-start"))
            return
        if self.basis is Basis.GROWTH:
            if method is Method.LINEAR:
                self.error("method", Message.of("method.average-growth"))
            if milestones:
                self.error("milestones", Message.of("milestone.average-growth"))
        if reference is not None:
            self.error("reference", Message.of("course.reference"))
        if op is Op.BETWEEN:
            self.error("op", Message.of("course.between"))
        for index, milestone in enumerate(milestones):
            if not start < milestone.year < year:
                message = Message.of("milestone.year", start=start, year=year)
                self.error(("milestones", index, "year"), message)

    def check_values(
        self,
        method: Method | None,
        value: Decimal | None,
        baseline: Baseline | None,
        milestones: tuple[Milestone, ...],
        unit: str | None,
    ) -> None:
        """A path of constant growth runs between figures above zero."""
        if self.basis is not Basis.VALUE or baseline is None or baseline.year is None:
            return
        growth = method is Method.GROWTH or (method is None and self.flows)
        if not growth:
            return
        named: list[tuple[Key, Decimal | None]] = [(("value",), value)]
        named.append((("baseline", "value"), baseline.value))
        named += [(("milestones", i, "value"), m.value) for i, m in enumerate(milestones)]
        for where, number in named:
            if number is not None and number <= 0:
                self.error(where, Message.of("method.growth-positive"))
