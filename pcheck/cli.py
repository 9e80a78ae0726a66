"""The command line: options in, loaders, engine and a renderer called, text out,
and an exit code that means something.

Exit codes: 0 nothing failed; 1 a target failed (as ``--fail-on`` says);
2 a usage error or invalid input, after every problem has been listed;
3 an internal error (a bug in pcheck; set PCHECK_DEBUG=1 for the traceback).

Only click is imported at start-up; everything else is imported by the command
that needs it, so that ``pcheck --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from decimal import Decimal

    from pcheck.model import Catalog, Period, Problem, Report, Target
    from pcheck.render import Display

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("table", "json", "markdown")
F = TypeVar("F", bound=Callable[..., Any])


class ExitError(Exception):
    """Stop with this exit code; the messages have been written already."""

    def __init__(self, code: int) -> None:
        self.code = code


class _Group(click.Group):
    """Turns every error into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ExitError as exc:
            ctx.exit(exc.code)
        except BrokenPipeError:
            # The reader went away (``pcheck … | head``); nothing more to say.
            sys.stderr.close()
            ctx.exit(EXIT_OK)
        except Exception as exc:
            if os.environ.get("PCHECK_DEBUG"):
                raise
            click.echo(
                f"pcheck: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in pcheck; run again with PCHECK_DEBUG=1 for the details.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def main() -> None:
    """Entry point of the ``pcheck`` command."""
    cli()


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
)
@click.version_option(package_name="pcheck")
def cli() -> None:
    """Check science-and-technology work-plan targets against reported statistics.

    \b
    pcheck evaluate data/2024Q2.csv     judge every target against the figures
    pcheck targets list                 list the targets
    pcheck targets show ID              everything about one target

    Exit codes: 0 nothing failed, 1 a target failed (see --fail-on),
    2 usage error or invalid input, 3 internal error.
    """


def targets_option(function: F) -> F:
    """``--targets DIR``, also read from the PCHECK_TARGETS environment variable."""
    return click.option(
        "--targets",
        "targets_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="PCHECK_TARGETS",
        show_envvar=True,
        help="Directory of target files (with an optional catalog/ folder). "
        "Default: the targets that come with pcheck.",
    )(function)


def selection_options(function: F) -> F:
    """``--region`` and ``--year``."""
    function = click.option(
        "--year",
        type=click.IntRange(1949, 2100),
        help="Only the targets of this year (evaluate: default, the latest year in the data).",
    )(function)
    return click.option(
        "--region",
        help="Only the targets of this region and the regions within it "
        "(code, name or alias: 330000, 浙江省, Zhejiang).",
    )(function)


def output_options(function: F) -> F:
    """``--format`` and ``--color``."""
    function = click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the table: auto colours a terminal unless NO_COLOR is set "
        "(FORCE_COLOR forces it).",
    )(function)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people, json for programs (see README: JSON output), "
        "markdown for reviews and pull-request comments.",
    )(function)


def parse_band(_: click.Context, __: click.Parameter, value: str | None) -> Decimal | None:
    """``--at-risk-band``: a share from 0 up to (not including) 1."""
    if value is None:
        return None
    from decimal import Decimal

    from pcheck.errors import ValueParseError
    from pcheck.units import parse_number

    try:
        band = parse_number(value)
    except ValueParseError as exc:
        raise click.BadParameter(str(exc)) from None
    if not Decimal(0) <= band < Decimal(1):
        raise click.BadParameter(f"{value!r} is not a share from 0 to below 1, such as 0.1")
    return band


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@selection_options
@output_options
@click.option(
    "--fail-on",
    type=click.Choice(["fail", "at-risk", "never"]),
    default="fail",
    show_default=True,
    help="Exit with 1 when a target fails, or also when one is at risk, or never.",
)
@click.option(
    "--at-risk-band",
    callback=parse_band,
    metavar="SHARE",
    help="How far below schedule a target is at risk rather than failing, as a share "
    "of the threshold. Default 0.1; a target's own 'band' takes precedence.",
)
def evaluate(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    region: str | None,
    year: int | None,
    fmt: str,
    color: str,
    fail_on: str,
    at_risk_band: Decimal | None,
) -> None:
    """Judge the targets against the figures in FILE (CSV, one or more).

    The targets judged are those of the latest year in the data, or of --year.
    Each is judged on the latest period of its year in the data: pass, at risk,
    fail or no data. Flows are read against the share of the year elapsed.
    """
    from pcheck.actuals import load_actuals
    from pcheck.engine import evaluate as run
    from pcheck.engine import series_used
    from pcheck.model import Options, Status

    catalog, targets = _load(targets_dir, region, year)
    actuals = load_actuals(files, catalog, wanted=series_used(targets), today=_this_month())
    if actuals.unreadable:
        # Judging targets without a whole file would only report false gaps.
        _write_problems(actuals.problems)
        raise ExitError(EXIT_INVALID)
    years = {key[2] for key in (*actuals.series, *actuals.other)}
    if year is None and years:
        # The latest year in the data is the one being reported on; older targets
        # would only show up as "no data".
        targets = [t for t in targets if t.year == max(years)]
    options = Options() if at_risk_band is None else Options(band=at_risk_band)
    report = run(targets, actuals, catalog, options)
    _write(report, catalog, fmt, color)
    _write_problems(report.problems)
    if report.errors:
        raise ExitError(EXIT_INVALID)
    failing = {"fail": {Status.FAIL}, "at-risk": {Status.FAIL, Status.AT_RISK}, "never": set()}
    if any(r.status in failing[fail_on] for r in report.results):
        raise ExitError(EXIT_FAILED)


@cli.group(cls=_Group)
def targets() -> None:
    """List and show the targets."""


@targets.command("list")
@targets_option
@selection_options
@output_options
def list_targets(
    targets_dir: Path | None, region: str | None, year: int | None, fmt: str, color: str
) -> None:
    """List the targets, one line each."""
    from pcheck.render import renderer

    catalog, found = _load(targets_dir, region, year)
    display = _display(color)
    text = renderer(fmt).render_targets(found, catalog, display)
    # click strips colour codes from a non-terminal unless told they are wanted.
    click.echo(text, nl=False, color=display.color)


@targets.command("show")
@click.argument("target_id", metavar="ID")
@targets_option
@click.option(
    "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True
)
def show_target(target_id: str, targets_dir: Path | None, fmt: str) -> None:
    """Everything about one target, with its quote and source."""
    catalog, found = _load(targets_dir, None, None)
    matches = [t for t in found if t.id == target_id]
    if not matches:
        import difflib

        close = difflib.get_close_matches(target_id, [t.id for t in found], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.UsageError(f"no target {target_id!r}{hint}")
    target = matches[0]
    if fmt == "json":
        import json

        from pcheck.render.json import target_data

        data = target_data(target, catalog)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(_describe(target, catalog))


def _describe(target: Target, catalog: Catalog) -> str:
    from pcheck.render import goal_text

    region = catalog.regions[target.region]
    metrics = ", ".join(f"{m} ({catalog.metrics[m].name})" for m in target.metrics)
    document = target.document
    source = ", ".join(part for part in (document.issuer, document.date, document.number) if part)
    rows = [
        ("name", f"{target.name} — {target.name_en}"),
        ("metric", metrics),
        ("region", f"{region.name} {region.name_en} ({region.code})"),
        ("year", str(target.year)),
        ("goal", goal_text(target)),
        ("tier", target.tier.value),
        ("quote", f"「{target.quote}」"),
        ("document", document.title),
        ("issued", source),
        ("source", document.source + (f" {document.url}" if document.url else "")),
        ("note", target.note or ""),
        ("defined", str(target.location)),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [target.id] + [f"  {label.ljust(width)}  {value}" for label, value in rows if value]
    return "\n".join(lines)


def _load(
    targets_dir: Path | None, region: str | None, year: int | None
) -> tuple[Catalog, list[Target]]:
    """The catalog and the selected targets; problems in them end the command."""
    from pcheck.cache import load_directory
    from pcheck.catalog import describe_region
    from pcheck.errors import PcheckError
    from pcheck.targets import default_directory, select_targets

    directory = targets_dir or default_directory()
    try:
        catalog, loaded = load_directory(directory, extend_catalog=targets_dir is not None)
    except PcheckError as exc:
        _write_problems(exc.problems)
        raise ExitError(EXIT_INVALID) from None
    code = None
    if region is not None:
        found = catalog.find_region(region)
        if found is None:
            raise click.BadParameter(describe_region(catalog, region), param_hint="--region")
        code = found.code
    return catalog, select_targets(loaded, catalog, code, year)


def _this_month() -> Period:
    import datetime

    from pcheck.model import Period

    today = datetime.date.today()
    return Period(today.year, today.month)


def _display(color: str) -> Display:
    from pcheck import render

    terminal = sys.stdout.isatty()
    if color == "auto":
        if os.environ.get("NO_COLOR"):
            use = False
        elif os.environ.get("FORCE_COLOR"):
            use = True
        else:
            use = terminal
    else:
        use = color == "always"
    width = 80
    if terminal:
        import shutil

        width = max(60, min(shutil.get_terminal_size((80, 24)).columns, 140))
    return render.Display(color=use, width=width)


def _write(report: Report, catalog: Catalog, fmt: str, color: str) -> None:
    from pcheck.render import renderer

    display = _display(color)
    text = renderer(fmt).render_report(report, catalog, display)
    click.echo(text, nl=False, color=display.color)


def _write_problems(problems: Sequence[Problem] | Iterable[Problem]) -> None:
    problems = list(problems)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.severity.value == "error")
    if errors:
        click.echo(f"pcheck: {errors} error(s) in the input", err=True)
