"""What each command does, apart from how it is asked for and how its output is
written: the loaders, the engine and the policies between them — which targets
and which year are judged, what a file that cannot be read means, and which
outcome gives which exit code. The command line (:mod:`pcheck.cli`) only parses
options, calls these functions, renders and writes.

Exit codes: 0 nothing failed; 1 a target failed (as ``fail_on`` says), or
``validate`` or ``lint`` found problems; 2 invalid input; 3 an internal error.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pcheck.errors import PcheckError
from pcheck.model import (
    Catalog,
    Former,
    Location,
    Message,
    Metric,
    Options,
    Period,
    Problem,
    Region,
    Report,
    Severity,
    Status,
    StreamedReport,
    Target,
)
from pcheck.units import exactly

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pcheck.config import Config
    from pcheck.extract.draft import Draft, Proposal
    from pcheck.observations import Keep, ObservationStore
    from pcheck.render import Sources
    from pcheck.template import FormRow

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3


class FailOn(enum.Enum):
    """Which statuses make a run fail."""

    FAIL = "fail"
    AT_RISK = "at-risk"
    NEVER = "never"

    @property
    def statuses(self) -> frozenset[Status]:
        """The statuses that fail the run."""
        return _FAILING[self]


_FAILING = {
    FailOn.FAIL: frozenset({Status.FAIL}),
    FailOn.AT_RISK: frozenset({Status.FAIL, Status.AT_RISK}),
    FailOn.NEVER: frozenset(),
}


class SelectionError(Exception):
    """A region or target that names nothing: ``message`` says why, ``parameter``
    names the option it came from (``None`` for an argument)."""

    def __init__(self, message: Message, parameter: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True, slots=True)
class Selection:
    """Which targets a command works on: a directory of target files (the built-in
    ones when ``None``), and optionally a region (with the regions within it) and
    a year."""

    directory: Path | None = None
    region: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What ``evaluate`` found. ``report`` is ``None`` when a file could not be read
    at all (``problems`` says why) or when there is nothing to judge (``notice``
    says why, and what would select something). A report streamed is judged as it
    is written: its exit code is known once every result is read."""

    catalog: Catalog
    report: Report | StreamedReport | None
    problems: tuple[Problem, ...]
    fail_on: FailOn = FailOn.FAIL
    notice: Message | None = None  # why there is nothing to judge
    notes: tuple[Problem, ...] = ()  # what was set apart as the files were read

    @property
    def exit_code(self) -> int:
        """2 without a report; else as :func:`exit_code` says of it."""
        if self.report is None:
            return EXIT_INVALID
        return exit_code(self.report, self.fail_on)


@dataclass(frozen=True, slots=True)
class Check:
    """What ``validate`` or ``lint`` found, and the exit code it means."""

    problems: tuple[Problem, ...]
    exit_code: int
    rows: int | None = None
    targets: int | None = None
    notes: tuple[Problem, ...] = ()  # what was set apart as the files were read


def this_month() -> Period:
    """The current month: a period after it lies in the future."""
    today = datetime.date.today()
    return Period(today.year, today.month)


def report_time(environ: Mapping[str, str]) -> datetime.datetime:
    """The time a report is made: ``SOURCE_DATE_EPOCH`` (seconds since 1970, in UTC)
    when set, so that the same inputs make the same report; else now, in local time.
    A value that is not a whole number of seconds is a :class:`SelectionError`."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now().astimezone().replace(microsecond=0)
    try:
        seconds = int(epoch) if epoch.isascii() and epoch.isdigit() else None
        if seconds is not None:
            return datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        pass
    raise SelectionError(Message.of("time.epoch", value=epoch))


def report_sources(files: Sequence[Path], made: datetime.datetime) -> Sources:
    """The data files of a report with the SHA-256 of each, and the time it is made.
    Only regular files are read again: standard input, a pipe or a device (which a
    second read would wait on for ever) and a file gone since have no digest."""
    import hashlib

    from pcheck.render import Source, Sources

    found: list[Source] = []
    for path in files:
        digest = None
        if str(path) != "-" and path.is_file():
            try:
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                digest = None
        found.append(Source(str(path), digest))
    return Sources(tuple(found), made)


TARGETS_FOLDER = "targets"


def discover_directory(start: Path) -> Path | None:
    """The target directory of the project ``start`` is in, or ``None``.

    From ``start`` upwards, the first folder whose configuration (``pcheck.toml``
    or ``[tool.pcheck]`` in ``pyproject.toml``, see :mod:`pcheck.config`) names a
    ``targets`` folder, or that has a ``targets/`` folder of YAML files; the search
    stops at the root of a repository (a folder with ``.git``), so that a run never
    picks up a folder of another project above it.
    """
    from pcheck.config import read_config

    for folder in (start, *start.parents):
        config = read_config(folder)
        if config is not None and config.targets is not None:
            return config.targets
        candidate = folder / TARGETS_FOLDER
        if candidate.is_dir() and any(candidate.glob("*.y*ml")):
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def configuration() -> Config | None:
    """The configuration of the project the working folder is in, if any."""
    from pcheck.config import find_config

    return find_config(Path.cwd())


@exactly
def load(selection: Selection, *, targets: bool = True) -> tuple[Catalog, list[Target]]:
    """The catalog and the selected targets (none when ``targets`` is false).

    Every command finds target files by this one route: the selection's directory,
    else the one :func:`discover_directory` finds (whose ``catalog/`` folder extends
    the built-in catalog), else the built-in targets; from the cache when nothing
    changed. Raises :class:`PcheckError` with
    every problem of the files, :class:`SelectionError` for an unknown region.
    """
    from pcheck.cache import load_directory
    from pcheck.targets import default_directory, select_targets

    own = selection.directory or discover_directory(Path.cwd())
    if own is not None and not own.is_dir():
        # Falling back to the built-in catalog would check against the wrong one.
        raise PcheckError.at(Location(str(own)), Message.of("targets.not-a-directory"))
    catalog, loaded = load_directory(
        own or default_directory(), extend_catalog=own is not None, targets=targets
    )
    code = region_code(catalog, selection.region)
    return catalog, select_targets(loaded, catalog, code, selection.year)


def region_code(catalog: Catalog, region: str | None) -> str | None:
    """The code of the region ``--region`` names (None when not given);
    :class:`SelectionError` when it names none."""
    from pcheck.catalog import describe_region

    if region is None:
        return None
    found = catalog.find_region(region)
    if found is None:
        raise SelectionError(describe_region(catalog, region), "--region")
    return found.code


def find_target(targets: Sequence[Target], target_id: str) -> Target:
    """The target with this id; :class:`SelectionError` with the closest ids if none."""
    for target in targets:
        if target.id == target_id:
            return target
    import difflib

    close = difflib.get_close_matches(target_id, [t.id for t in targets], n=3)
    hint = Message.of("hint.did-you-mean-ids", ids=", ".join(close)) if close else None
    raise SelectionError(
        Message.of("target.unknown", id=target_id, hint=hint or Message("hint.none"))
    )


@exactly
def evaluate_files(
    files: Sequence[Path],
    selection: Selection,
    *,
    band: Decimal | None = None,
    fail_on: FailOn = FailOn.FAIL,
    today: Period | None = None,
    sheets: Sequence[str] | None = None,
    streamed: bool = False,
    reader: str = "auto",
) -> Evaluation:
    """Judge the selected targets against the figures in ``files``; ``streamed``, as
    the report is read (:class:`~pcheck.model.StreamedReport`)."""
    from dataclasses import replace as replaced

    from pcheck.engine import needs
    from pcheck.observations import Keep

    catalog, in_region = load(replaced(selection, year=None))
    year = selection.year
    targets = [t for t in in_region if year is None or t.runs_in(year)]
    scope = region_scope(catalog, selection.region)
    keep = Keep.only(needs(targets), scope)
    store = read_figures(files, catalog, keep, today, sheets, reader)
    evaluation = _judge(files, selection, in_region, targets, catalog, store, band, fail_on)
    if streamed or evaluation.report is None:
        return replaced(evaluation, notes=tuple(store.notes))
    assert isinstance(evaluation.report, StreamedReport)
    return replaced(evaluation, report=evaluation.report.held(), notes=tuple(store.notes))


def read_figures(
    files: Sequence[Path],
    catalog: Catalog,
    keep: Keep,
    today: Period | None,
    sheets: Sequence[str] | None = None,
    reader: str = "auto",
) -> ObservationStore:
    """Every file of figures read into a store, with the configuration's table settings;
    ``reader`` (see :data:`pcheck.bulk.READERS`) says whether a large CSV file is read
    in bulk."""
    from pcheck import bulk
    from pcheck.actuals import load_actuals

    config = configuration()
    settings = config.tables if config is not None else None
    if bulk.chosen(reader, files):
        from pcheck.bulk.reader import load_bulk

        return load_bulk(files[0], catalog, keep=keep, today=today, settings=settings)
    return load_actuals(files, catalog, keep=keep, today=today, settings=settings, sheets=sheets)


def _judge(
    files: Sequence[Path],
    selection: Selection,
    in_region: list[Target],
    targets: list[Target],
    catalog: Catalog,
    store: ObservationStore,
    band: Decimal | None,
    fail_on: FailOn,
) -> Evaluation:
    """The evaluation of ``targets`` against the figures read, its results judged as
    they are read."""
    from pcheck import progress
    from pcheck.engine import evaluate_lazily

    if store.unreadable:
        # Judging targets without a whole file would only report false gaps.
        return Evaluation(catalog, None, tuple(store.problems))
    if not store.rows:
        notice = Message.of("nothing.no-rows", files=", ".join(str(f) for f in files))
        return Evaluation(catalog, None, tuple(store.problems), notice=notice)
    year = selection.year
    if year is None:
        years = store_years(store)
        year = max(years) if years else None
        targets = targets_of_latest_year(targets, years)
    if not targets:
        notice = nothing_to_judge(catalog, in_region, selection.region, year)
        return Evaluation(catalog, None, tuple(store.problems), notice=notice)
    options = Options(year=year) if band is None else Options(band=band, year=year)
    judging = Message.of("progress.judging")
    report = evaluate_lazily(targets, store, catalog, options).watched(
        lambda results: progress.counting(results, len(targets), judging)
    )
    return Evaluation(catalog, report, report.problems, fail_on)


def region_scope(catalog: Catalog, region: str | None) -> frozenset[str] | None:
    """The codes of a selected region and the regions within it; ``None`` for all."""
    if region is None:
        return None
    found = catalog.find_region(region)
    if found is None:
        return None
    return frozenset(code for code in catalog.regions if found.code in catalog.ancestors(code))


def nothing_to_judge(
    catalog: Catalog, targets: Sequence[Target], region: str | None, year: int | None
) -> Message:
    """Why no target is selected, and what would select some."""
    found = catalog.find_region(region) if region is not None else None
    where = Message.of("nothing.in", region=found.name) if found else Message("hint.none")
    years = sorted({t.year for t in targets})
    if not years:
        return Message.of("nothing.no-targets", where=where)
    closest = min(years, key=lambda y: (abs(y - (year or y)), -y))
    listed = ", ".join(str(y) for y in years)
    return Message.of(
        "nothing.other-years", year=year, where=where, years=listed, suggestion=closest
    )


def store_years(store: ObservationStore) -> set[int]:
    """The years the data has figures for (kept, or only counted)."""
    return {key[2] for key in (*store.series, *store.other)} | store.out_of_scope_years


def targets_of_latest_year(targets: list[Target], years: set[int]) -> list[Target]:
    """Without ``--year``, the latest year in the data is the one reported on: the
    targets of that year and those due later whose path runs through it (older
    targets would only show up as "no data")."""
    if not years:
        return targets
    latest = max(years)
    return [t for t in targets if t.runs_in(latest)]


def exit_code(report: Report | StreamedReport, fail_on: FailOn) -> int:
    """2 when the input had errors, else 1 when a status in ``fail_on`` occurs, else 0
    (of a report streamed, once all its results are read)."""
    if report.errors:
        return EXIT_INVALID
    counts = report.counts()
    if any(counts[status.value] for status in fail_on.statuses):
        return EXIT_FAILED
    return EXIT_OK


@exactly
def validate_files(
    files: Sequence[Path],
    selection: Selection,
    *,
    strict: bool,
    today: Period | None = None,
    sheets: Sequence[str] | None = None,
    reader: str = "auto",
) -> Check:
    """Check files of figures against the catalog, without judging any target."""
    from pcheck.observations import Keep

    catalog, _ = load(selection, targets=False)
    store = read_figures(files, catalog, Keep.nothing(), today, sheets, reader)
    problems = tuple(store.problems)
    exit_code = check_exit_code(problems, strict)
    return Check(problems, exit_code, rows=store.rows, notes=tuple(store.notes))


@dataclass(frozen=True, slots=True)
class Conversion:
    """What ``convert`` read: every figure, with the problems and notes of the files."""

    catalog: Catalog
    store: ObservationStore
    exit_code: int


@exactly
def convert_files(
    files: Sequence[Path],
    selection: Selection,
    *,
    strict: bool,
    today: Period | None = None,
    reader: str = "auto",
) -> Conversion:
    """Read files of figures in any layout, keeping every figure, to write them long."""
    from pcheck.observations import Keep

    catalog, _ = load(selection, targets=False)
    store = read_figures(files, catalog, Keep.everything(), today, reader=reader)
    code = EXIT_INVALID if store.unreadable else check_exit_code(store.problems, strict)
    return Conversion(catalog, store, code)


@exactly
def lint_directory(selection: Selection, *, strict: bool, sources: Path | None = None) -> Check:
    """Check a directory of target files and its catalog: every problem of every
    file, and warnings about the targets that could be read, all in one run; with
    ``sources``, the directory of source documents, each quote against its source."""
    from pcheck.catalog import read_catalog
    from pcheck.lint import lint_sources, lint_targets
    from pcheck.targets import default_directory, read_targets

    own = selection.directory or discover_directory(Path.cwd())
    catalog, problems = read_catalog([own] if own else [])
    try:
        targets, more = read_targets(own or default_directory(), catalog)
    except PcheckError as exc:
        targets, more = [], list(exc.problems)
    found = (*problems, *more, *lint_targets(targets, catalog))
    if sources is not None:
        found = (*found, *lint_sources(targets, sources))
    return Check(found, check_exit_code(found, strict), targets=len(targets))


@dataclass(frozen=True, slots=True)
class Form:
    """What ``template`` found: the rows to fill in, and the files they come from
    (which the form may not replace). No rows, and ``notice`` saying why, when no
    target is selected."""

    rows: tuple[FormRow, ...]
    inputs: tuple[Path, ...]
    exit_code: int
    notice: Message | None = None


def template_form(selection: Selection, period: Period | None) -> Form:
    """The fill-in form of the figures the selected targets need for ``period``.

    The targets are those of the period's year; without a period, of the
    selection's year, else of the latest year that has targets, at the year's end.
    A period outside ``--year`` is a :class:`SelectionError`.
    """
    from dataclasses import replace

    from pcheck.template import form_rows

    if period is not None and selection.year not in (None, period.year):
        message = Message.of("template.period-year", period=str(period), year=selection.year)
        raise SelectionError(message, "--period")
    catalog, in_region = load(replace(selection, year=None))
    inputs = _target_inputs(selection)
    year = period.year if period is not None else selection.year
    if year is None and in_region:
        year = max(t.year for t in in_region)
    targets = [t for t in in_region if year is not None and t.runs_in(year)]
    if not targets:
        notice = nothing_to_judge(catalog, in_region, selection.region, year)
        return Form((), inputs, EXIT_INVALID, notice)
    rows = form_rows(targets, period.month if period is not None else 12, year)
    return Form(rows, inputs, EXIT_OK)


def _target_inputs(selection: Selection) -> tuple[Path, ...]:
    """The target and catalog files of the directory :func:`load` reads."""
    from pcheck.targets import default_directory, target_files

    own = selection.directory or discover_directory(Path.cwd())
    directory = own or default_directory()
    catalog = directory / "catalog"
    extra = sorted(catalog.glob("*.y*ml")) if own is not None and catalog.is_dir() else []
    return (*target_files(directory), *extra)


def check_exit_code(problems: Sequence[Problem], strict: bool) -> int:
    """1 when there is an error (or any problem, when ``strict``), else 0."""
    failing = any(p.severity is Severity.ERROR or strict for p in problems)
    return EXIT_FAILED if failing else EXIT_OK


@dataclass(frozen=True, slots=True)
class Drafting:
    """What ``extract`` drafted: one draft per plan read, and the problems of the
    plans that could not be read."""

    catalog: Catalog
    drafts: tuple[Draft, ...]
    problems: tuple[Problem, ...]
    exit_code: int


def extract_files(paths: Sequence[Path], selection: Selection) -> Drafting:
    """Draft a target file from each plan text in ``paths``.

    ``selection.region`` and ``selection.year`` are the region and year of the
    goals when given; otherwise each draft takes those its text states. A plan that
    cannot be read is a problem (exit 2); the others are still drafted.
    """
    from pcheck.extract import extract
    from pcheck.plantext import read_plan

    catalog, _ = load(Selection(selection.directory), targets=False)
    region = region_code(catalog, selection.region)
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            plan = read_plan(path)
        except PcheckError as exc:
            problems.extend(exc.problems)
            continue
        drafts.append(
            extract(
                plan.text,
                catalog,
                path.name,
                region=region,
                year=selection.year,
                title=plan.title or plan.meta.get("ArticleTitle"),
            )
        )
    return Drafting(catalog, tuple(drafts), tuple(problems), EXIT_INVALID if problems else EXIT_OK)


def catalog_with(folder: Path, proposals: Sequence[Proposal]) -> tuple[str | None, int]:
    """The text of ``folder``'s ``catalog/metrics.yaml`` with the proposed metrics it
    lacks added, and how many those are; ``(None, n)`` when the file cannot take them
    safely (it is left as it is).

    A new file holds the proposals alone; an existing one gets them appended to its
    ``metrics`` list. Either way the result is read back, with the built-in catalog,
    before it is used.
    """
    import tempfile

    from pcheck.catalog import METRICS_FILE, read_catalog
    from pcheck.render.draft import proposal_lines

    path = folder / "catalog" / METRICS_FILE
    if path.exists():
        catalog, problems = read_catalog([folder])
        missing = tuple(p for p in proposals if p.id not in catalog.metrics)
        if problems or not missing:
            return None, len(missing)
        old = path.read_text(encoding="utf-8")
        added = "\n".join(proposal_lines(missing)[1:])
        new = old + ("" if old.endswith("\n") else "\n") + added + "\n"
    else:
        missing = tuple(proposals)
        new = "\n".join(proposal_lines(missing)) + "\n"
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "catalog" / METRICS_FILE
        trial.parent.mkdir()
        trial.write_text(new, encoding="utf-8")
        extended, trouble = read_catalog([Path(scratch)])
    if trouble or any(p.id not in extended.metrics for p in missing):
        return None, len(missing)
    return new, len(missing)


@dataclass(frozen=True, slots=True)
class Listing:
    """What ``catalog regions`` or ``catalog metrics`` found (regions in use, codes
    and names no longer in use, metrics), and the exit code: 1 when nothing."""

    catalog: Catalog
    regions: tuple[Region, ...] = ()
    formers: tuple[Former, ...] = ()
    metrics: tuple[Metric, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 when something was found, else 1."""
        return EXIT_OK if self.regions or self.formers or self.metrics else EXIT_FAILED


def list_regions(selection: Selection, search: str | None, *, abolished: bool) -> Listing:
    """The regions of the catalog (with the directory's own) that ``search`` finds;
    with ``abolished``, the codes and names no longer in use it finds too."""
    from pcheck.catalog import search_formers, search_regions

    catalog, _ = load(selection, targets=False)
    formers = search_formers(catalog, search) if abolished else []
    return Listing(catalog, tuple(search_regions(catalog, search)), tuple(formers))


def list_metrics(selection: Selection, search: str | None) -> Listing:
    """The metrics of the catalog (with the directory's own) that ``search`` finds."""
    from pcheck.catalog import search_metrics

    catalog, _ = load(selection, targets=False)
    return Listing(catalog, metrics=tuple(search_metrics(catalog, search)))
