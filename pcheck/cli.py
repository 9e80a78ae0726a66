"""The command line: options in, loaders, engine and a renderer called, text out,
and an exit code that means something.

Exit codes: 0 nothing failed; 1 a target failed (as ``--fail-on`` says);
2 a usage error or invalid input, after every problem has been listed;
3 an internal error (a bug in pcheck; set PCHECK_DEBUG=1 for the traceback).

Only click is imported at start-up; everything else is imported by the command
that needs it, so that ``pcheck --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from decimal import Decimal

    from pcheck.extract.draft import Draft
    from pcheck.model import Catalog, Message, Period, Problem
    from pcheck.render import Display

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
REPORT_FORMATS = ("table", "json", "csv", "markdown", "junit", "github", "html")
TARGET_FORMATS = ("table", "json", "markdown")
PROBLEM_FORMATS = ("text", "json", "github")
CATALOG_FORMATS = ("table", "json")
F = TypeVar("F", bound=Callable[..., Any])


class ExitError(Exception):
    """Stop with this exit code; the messages have been written already."""

    def __init__(self, code: int) -> None:
        self.code = code


class _Group(click.Group):
    """Turns every error into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        import decimal

        from pcheck.units import ARITHMETIC

        try:
            with decimal.localcontext(ARITHMETIC):
                return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ExitError as exc:
            ctx.exit(exc.code)
        except BrokenPipeError:
            # The reader went away (``pcheck … | head``); nothing more to say.
            _quiet_standard_output()
            ctx.exit(EXIT_OK)
        except KeyboardInterrupt:
            click.echo("pcheck: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if os.environ.get("PCHECK_DEBUG"):
                raise
            from pcheck.messages import visible

            click.echo(
                f"pcheck: internal error: {type(exc).__name__}: {visible(str(exc))}\n"
                "This is a bug in pcheck; run again with PCHECK_DEBUG=1 for the details.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def main() -> None:
    """Entry point of the ``pcheck`` command."""
    import signal

    # A terminated run unwinds like an interrupted one, so that no temporary file
    # is left behind; its exit status is the shell's for SIGTERM.
    signal.signal(signal.SIGTERM, _terminated)
    cli()


def _terminated(signum: int, _: object) -> None:
    raise SystemExit(128 + signum)


def _quiet_standard_output() -> None:
    """Point standard output at nothing, so that flushing it at exit cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
)
@click.version_option(package_name="pcheck-plans")
def cli() -> None:
    """Check science-and-technology work-plan targets against reported statistics.

    \b
    pcheck evaluate data/2024Q2.csv     judge the targets against the figures
    pcheck validate data/2024Q2.csv     check a CSV file of figures
    pcheck targets list                 list the targets
    pcheck targets show ID              everything about one target
    pcheck targets lint [DIR]           check target files
    pcheck template --period 2024H1     a CSV form of the figures the targets need
    pcheck extract plan.txt             draft the target file of a plan's text
    pcheck catalog regions [SEARCH]     list and search the regions

    Exit codes: 0 nothing failed; 1 a target failed (see --fail-on), or validate
    or lint found problems; 2 usage error, invalid input or nothing to judge;
    3 internal error; 130 interrupted.
    """


def targets_option(function: F) -> F:
    """``--targets DIR``, also read from the PCHECK_TARGETS environment variable."""
    return click.option(
        "--targets",
        "targets_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="PCHECK_TARGETS",
        show_envvar=True,
        help="Directory of target files (with an optional catalog/ folder). Default: the "
        "project's own (pcheck.toml, [tool.pcheck] or a targets/ folder, found from the "
        "working directory up to the repository root), else those that come with pcheck.",
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


def verbose_option(function: F) -> F:
    """``--verbose``: also what was set apart as the files were read."""
    return click.option(
        "--verbose",
        "-v",
        is_flag=True,
        help="Also list what was set apart as the files were read: the layout seen, "
        "rows above and notes below a table, total rows, rows of growth rates.",
    )(function)


def output_options(formats: tuple[str, ...]) -> Callable[[F], F]:
    """``--format`` (one of ``formats``) and ``--color``."""

    def decorate(function: F) -> F:
        return _output_options(function, formats)

    return decorate


def _output_options(function: F, formats: tuple[str, ...]) -> F:
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
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help="table for people; json for programs (see README: JSON output); markdown "
        "for pull-request comments; csv, junit, github and html for CI systems.",
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
        from pcheck.messages import text

        raise click.BadParameter(text(exc.message)) from None
    if not Decimal(0) <= band < Decimal(1):
        raise click.BadParameter(f"{value!r} is not a share from 0 to below 1, such as 0.1")
    return band


sheet_option = click.option(
    "--sheet",
    multiple=True,
    metavar="NAME",
    help="Read only this sheet of a workbook (.xlsx, .xls, .ods …); repeat for more. "
    "Without it every visible sheet is read.",
)


@cli.command(short_help="Judge the targets against the figures in FILE (CSV, workbook).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@selection_options
@output_options(REPORT_FORMATS)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically; - for standard output). "
    "It may not be one of the input files.",
)
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
@verbose_option
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="The table: only the summary of each region and the total.",
)
@sheet_option
def evaluate(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    region: str | None,
    year: int | None,
    fmt: str,
    color: str,
    output: Path | None,
    fail_on: str,
    at_risk_band: Decimal | None,
    sheet: tuple[str, ...],
    verbose: bool,
    quiet: bool,
) -> None:
    """Judge the targets against the figures in FILE (CSV or a workbook, one or
    more; - reads CSV from standard input).

    The targets judged are those of the latest year in the data, or of --year.
    Each is judged on the latest period of its year in the data: pass, at risk,
    fail or no data. Flows are read against the share of the year elapsed. With
    nothing to judge (no data row, or no target for the region and year) the exit
    status is 2, and the message names the years that have goals.

    The table opens with a summary of each region; under a target that fails or
    has no data it says why (--verbose: under every target; --quiet: the summary
    alone).
    """
    import dataclasses

    from pcheck import app
    from pcheck.render import report_renderer

    selection = app.Selection(targets_dir, region, year)
    with _input_errors():
        config = app.configuration()
    source = click.get_current_context().get_parameter_source("fmt")
    if config is not None and config.format and source is click.core.ParameterSource.DEFAULT:
        fmt = config.format
    with _collector_paused(), _input_errors():
        outcome = app.evaluate_files(
            files,
            selection,
            band=at_risk_band,
            fail_on=app.FailOn(fail_on),
            today=app.this_month(),
            sheets=sheet or None,
        )
    if verbose:
        _write_problems(outcome.notes)
    if outcome.report is None:
        _write_problems(outcome.problems)
        if outcome.notice is not None:
            from pcheck.messages import text

            click.echo(f"pcheck: {text(outcome.notice)}", err=True)
        raise ExitError(outcome.exit_code)
    display = _display(color, at_risk_fails=fail_on == "at-risk", to_file=output is not None)
    display = dataclasses.replace(display, verbose=verbose, quiet=quiet)
    rendered = report_renderer(fmt).render_report(outcome.report, outcome.catalog, display)
    with _collector_paused():  # a report is written as it is made: no cycles either
        _write(rendered, output, display.color, inputs=files)
    _write_problems(outcome.problems)
    if outcome.exit_code:
        raise ExitError(outcome.exit_code)


@cli.command(short_help="Check files of figures without judging any target.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PROBLEM_FORMATS),
    default="text",
    show_default=True,
    help="text: FILE:ROW:COLUMN: error[code]: message; json; github: workflow commands.",
)
@verbose_option
@sheet_option
def validate(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    strict: bool,
    fmt: str,
    verbose: bool,
    sheet: tuple[str, ...],
) -> None:
    """Check files of figures (CSV or workbooks, in any layout pcheck reads; - reads
    CSV from standard input) without judging any target.

    Every problem of every file is listed: encoding, delimiter, columns, ragged
    rows, numbers that cannot be read exactly, units a metric cannot take, periods
    that do not parse or lie in the future, values outside a metric's bounds,
    unknown metrics and regions (with the closest known names), and the same
    region, metric and period twice (an error when the values differ, a warning
    when they agree). Exit 0 when clean, 1 when problems were found.
    """
    from pcheck import app
    from pcheck.render.problems import render_problems

    with _collector_paused(), _input_errors():
        check = app.validate_files(
            files,
            app.Selection(targets_dir),
            strict=strict,
            today=app.this_month(),
            sheets=sheet or None,
        )
    problems = (*check.notes, *check.problems) if verbose else check.problems
    click.echo(render_problems(problems, fmt, files=len(files), rows=check.rows), nl=False)
    if check.exit_code:
        raise ExitError(check.exit_code)


@cli.command(short_help="Write what pcheck reads in files of figures as one long CSV.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the CSV to this file (atomically; - or none for standard output). "
    "It may not be one of the input files.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@verbose_option
def convert(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    output: Path | None,
    strict: bool,
    verbose: bool,
) -> None:
    """Read FILE (CSV or a workbook, in any layout pcheck reads) and write every
    figure read as one long CSV (UTF-8 with BOM): region, metric, period, value in
    the metric's unit, and the place it was read. What could not be read goes to
    standard error, as validate lists it; the CSV holds only what was read, so it
    can be checked by eye, kept, and evaluated as it is.
    """
    from pcheck import app
    from pcheck.render.long import render_long

    with _collector_paused(), _input_errors():
        outcome = app.convert_files(
            files, app.Selection(targets_dir), strict=strict, today=app.this_month()
        )
    if verbose:
        _write_problems(outcome.store.notes)
    if outcome.store.unreadable:
        _write_problems(outcome.store.problems)
        raise ExitError(outcome.exit_code)
    _write(render_long(outcome.store, outcome.catalog), output, False, inputs=files)
    _write_problems(outcome.store.problems)
    if outcome.exit_code:
        raise ExitError(outcome.exit_code)


@cli.command(short_help="Draft a target file from a plan's text (.txt, .html, .docx).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@click.option(
    "--region",
    help="Region of the goals (code, name or alias); default: the one the text names.",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2100),
    help="Year of the goals; default: the one the text plans for (a year it gives, "
    "到2027年, still wins for its own goals).",
)
@click.option(
    "--format", "fmt", type=click.Choice(("yaml", "json")), default="yaml", show_default=True
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="Write the draft to this file instead of standard output. A YAML draft's "
    "proposed metrics are added to catalog/metrics.yaml beside it; YAML drafts of "
    "several plans go to this directory, one file each.",
)
@click.option(
    "--all", "everything", is_flag=True, help="Also list the figures left out, with the reason."
)
def extract(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    region: str | None,
    year: int | None,
    fmt: str,
    output: Path | None,
    everything: bool,
) -> None:
    """Draft the target file of each plan text FILE: one target per quantitative goal,
    with its quote, operator, value, unit, tier and year, and a "# check:" comment
    wherever a reviewer should look. Past figures (a review of last year, 已, 同比 …)
    are left out; --all lists them with the reason.

    Exit 0 when every file was read, 2 when one could not be.
    """
    from pcheck import app
    from pcheck.model import Location, Problem, Severity
    from pcheck.render.draft import render_json, render_yaml

    with _input_errors():
        drafting = app.extract_files(files, app.Selection(targets_dir, region, year))
    _write_problems(drafting.problems)
    catalog = drafting.catalog
    for draft in drafting.drafts:
        _write_problems(
            tuple(
                Problem(Location(draft.source), check, "extract", Severity.WARNING)
                for check in draft.checks
            )
        )
    if fmt == "json":
        pieces = [render_json(d, catalog, everything=everything) for d in drafting.drafts]
        _write(_join_json(pieces), output, False, files)
    elif output is not None and len(files) > 1:
        _write_drafts(drafting.drafts, output, catalog, everything, files)
    else:
        name = output.name if output is not None and str(output) != "-" else None
        texts = [render_yaml(d, catalog, everything=everything, name=name) for d in drafting.drafts]
        if name is not None and output is not None:
            # A draft often starts a target directory: make the folder it names.
            output.parent.mkdir(parents=True, exist_ok=True)
        _write("---\n".join(texts), output, False, files)
        if output is not None and str(output) != "-":
            _write_proposals(drafting.drafts, output.parent, files)
    if drafting.exit_code:
        raise ExitError(drafting.exit_code)


def _join_json(pieces: list[str]) -> str:
    items = [piece[2:-3] for piece in pieces if piece != "[]\n"]
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"


def _write_drafts(
    drafts: Sequence[Draft],
    folder: Path,
    catalog: Catalog,
    everything: bool,
    inputs: Sequence[Path],
) -> None:
    from pcheck.render.draft import render_yaml

    if not folder.is_dir():
        raise click.BadParameter(
            f"{folder} is not a directory (several plans were given)", param_hint="--output"
        )
    taken: set[str] = set()
    for draft in drafts:
        stem = Path(draft.source).stem
        name, count = stem + ".yaml", 1
        while name in taken:
            # Plans of the same name from different folders: plan.yaml, plan-2.yaml …
            count += 1
            name = f"{stem}-{count}.yaml"
        taken.add(name)
        text = render_yaml(draft, catalog, everything=everything, name=name)
        _write(text, folder / name, False, inputs)
    _write_proposals(drafts, folder, inputs)


def _write_proposals(drafts: Sequence[Draft], folder: Path, inputs: Sequence[Path]) -> None:
    """Add the metrics the drafts propose to ``catalog/metrics.yaml``; when that file
    cannot take them safely, name them for a person to add."""
    from pcheck import app
    from pcheck.extract.draft import Proposal
    from pcheck.render.draft import proposal_lines

    seen: dict[str, Proposal] = {}
    for draft in drafts:
        for proposal in draft.proposals:
            seen.setdefault(proposal.id, proposal)
    if not seen:
        return
    path = folder / "catalog" / "metrics.yaml"
    text, missing = app.catalog_with(folder, tuple(seen.values()))
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(text, path, False, inputs)
    elif missing:
        from pcheck.messages import line
        from pcheck.model import Location, Message, Problem, Severity

        kept = Message.of("extract.proposals-kept", count=missing)
        problem = Problem(Location(str(path)), kept, "extract", Severity.WARNING)
        click.echo(line(problem), err=True)
        click.echo("\n".join(proposal_lines(tuple(seen.values()))), err=True)


def parse_period_option(_: click.Context, __: click.Parameter, value: str | None) -> Period | None:
    """``--period``: any period label the data may carry (2024, 2024H1, 2024-06…)."""
    if value is None:
        return None
    from pcheck.errors import ValueParseError
    from pcheck.periods import parse_period

    try:
        return parse_period(value)
    except ValueParseError as exc:
        from pcheck.messages import text, visible

        raise click.BadParameter(visible(text(exc.message))) from None


@cli.command(short_help="Write a CSV form of the figures the targets need.")
@targets_option
@selection_options
@click.option(
    "--period",
    callback=parse_period_option,
    metavar="PERIOD",
    help="The period the figures are for: 2024, 2024H1, 2024Q3, 2024-06, 2024年1-6月… "
    "Default: the end of the year (--year, else the latest year with targets).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the form to this file (atomically; - for standard output). "
    "It may not be a target or catalog file.",
)
def template(
    targets_dir: Path | None,
    region: str | None,
    year: int | None,
    period: Period | None,
    output: Path | None,
) -> None:
    """Write a CSV form of the figures the targets need, for officers to fill in.

    One row per figure: region code and name, metric, period, an empty value, the
    metric's unit, an empty source, and what the figure is for (the targets that use
    it). A growth goal with no baseline stated asks for last year's figure too; a
    goal compared with another metric asks for that metric's figure. The headers are
    the Chinese ones the data may have (地区, 指标, 期间, 数值, 单位…), the file UTF-8
    with a byte-order mark for Excel. Filled in, the form is a data file for
    validate and evaluate as it stands.
    """
    from pcheck import app
    from pcheck.render.template import render_template

    with _input_errors():
        form = app.template_form(app.Selection(targets_dir, region, year), period)
    if form.notice is not None:
        from pcheck.messages import text

        click.echo(f"pcheck: {text(form.notice)}", err=True)
        raise ExitError(form.exit_code)
    _write(render_template(form.rows), output, False, inputs=form.inputs)


@cli.group(cls=_Group)
def targets() -> None:
    """List, show and check the targets."""


@targets.command("list")
@targets_option
@selection_options
@output_options(TARGET_FORMATS)
def list_targets(
    targets_dir: Path | None, region: str | None, year: int | None, fmt: str, color: str
) -> None:
    """List the targets, one line each."""
    from pcheck import app
    from pcheck.render import target_renderer

    with _input_errors():
        catalog, found = app.load(app.Selection(targets_dir, region, year))
    display = _display(color)
    _write(target_renderer(fmt).render_targets(found, catalog, display), None, display.color)


@targets.command("show")
@click.argument("target_id", metavar="ID")
@targets_option
@click.option(
    "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True
)
def show_target(target_id: str, targets_dir: Path | None, fmt: str) -> None:
    """Everything about one target, with its quote and source."""
    from pcheck import app
    from pcheck.render.target import render_target

    with _input_errors():
        _, found = app.load(app.Selection(targets_dir))
        target = app.find_target(found, target_id)
    click.echo(render_target(target, fmt), nl=False)


@targets.command("lint")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@targets_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--format", "fmt", type=click.Choice(PROBLEM_FORMATS), default="text", show_default=True
)
@click.option(
    "--sources",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of source documents (.txt, .html, .docx): check each quote against its source.",
)
def lint_command(
    directory: Path | None, targets_dir: Path | None, strict: bool, fmt: str, sources: Path | None
) -> None:
    """Check a directory of target files (default: --targets, else the project's own,
    found from the working directory upwards, else the built-in ones).

    Reports every schema error, unknown metric or region, duplicate id, unit or
    value a metric cannot take and operator that does not fit the metric, with
    file, line and column; and warns of what is legal but probably a mistake.
    With --sources, also every quote not found in its source document (each
    file's document.source) or not stating its target's figure.
    Exit 0 when clean, 1 when problems were found.
    """
    from pcheck import app
    from pcheck.render.problems import render_problems
    from pcheck.targets import default_directory

    chosen = directory or targets_dir
    folder = chosen or default_directory()
    if not folder.is_dir():
        raise click.BadParameter(f"{folder} is not a directory", param_hint="DIRECTORY")
    check = app.lint_directory(app.Selection(chosen), strict=strict, sources=sources)
    text = render_problems(check.problems, fmt, files=None, rows=None, targets=check.targets)
    click.echo(text, nl=False)
    if check.exit_code:
        raise ExitError(check.exit_code)


@cli.group(cls=_Group, short_help="List and search the regions and metrics.")
def catalog() -> None:
    """List and search the regions and metrics that target files and data may name."""


def _catalog_format(function: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(CATALOG_FORMATS),
        default="table",
        show_default=True,
        help="table for people; json for programs.",
    )(function)


@catalog.command("regions", short_help="List or search the regions (GB/T 2260 and your own).")
@click.argument("search", required=False)
@targets_option
@click.option(
    "--abolished",
    is_flag=True,
    help="Also the codes and names no longer in use, with the regions their area is in now.",
)
@_catalog_format
def catalog_regions(
    search: str | None, targets_dir: Path | None, abolished: bool, fmt: str
) -> None:
    """List the regions (every one of GB/T 2260, with those of the target directory's
    catalog), or those SEARCH finds: a code or its start (3301), or text in a name,
    short name, English name or alias (西湖, hangzhou); names one within the other
    (杭州西湖区) find the region they name. Exit 0 when one is found, else 1."""
    from pcheck import app
    from pcheck.render import catalog_renderer

    with _input_errors():
        found = app.list_regions(app.Selection(targets_dir), search, abolished=abolished)
    regions, formers = list(found.regions), list(found.formers)
    renderer = catalog_renderer(fmt)
    if regions or formers or fmt == "json":
        click.echo(
            renderer.render_regions(regions, formers, found.catalog, _display("never")), nl=False
        )
    if found.exit_code:
        from pcheck.model import Message
        from pcheck.yamlfile import suggestion

        close = suggestion(found.catalog.regions.similar(search or ""))
        _nothing_found(Message.of("catalog.no-region", search=search or "", hint=close))
        raise ExitError(found.exit_code)


@catalog.command("metrics", short_help="List or search the metrics.")
@click.argument("search", required=False)
@targets_option
@_catalog_format
def catalog_metrics(search: str | None, targets_dir: Path | None, fmt: str) -> None:
    """List the metrics (the built-in ones, with those of the target directory's
    catalog), or those whose id, name, English name or an alias holds SEARCH
    (研发, intensity). Exit 0 when one is found, else 1."""
    from pcheck import app
    from pcheck.render import catalog_renderer

    with _input_errors():
        found = app.list_metrics(app.Selection(targets_dir), search)
    metrics = list(found.metrics)
    if metrics or fmt == "json":
        click.echo(catalog_renderer(fmt).render_metrics(metrics, _display("never")), nl=False)
    if found.exit_code:
        from pcheck.model import Message

        _nothing_found(Message.of("catalog.no-metric", search=search or ""))
        raise ExitError(found.exit_code)


def _nothing_found(message: Message) -> None:
    from pcheck.messages import text, visible

    click.echo(visible(f"pcheck: {text(message)}"), err=True)


@contextlib.contextmanager
def _input_errors() -> Iterator[None]:
    """Problems in the target files end the command (exit 2, every problem listed);
    a region or target that names nothing is a usage error."""
    from pcheck import app
    from pcheck.errors import PcheckError
    from pcheck.messages import text, visible

    try:
        yield
    except PcheckError as exc:
        _write_problems(exc.problems)
        raise ExitError(EXIT_INVALID) from None
    except app.SelectionError as exc:
        # The names suggested come from catalog files, which may say anything.
        message = visible(text(exc.message))
        if exc.parameter is None:
            raise click.UsageError(message) from None
        raise click.BadParameter(message, param_hint=exc.parameter) from None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building large data.

    Targets, figures, results and the pieces of a report hold no reference cycles,
    so the collector's passes over millions of new objects free nothing and cost
    about a sixth of the time; reference counting still frees everything as usual.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _display(color: str, *, at_risk_fails: bool = False, to_file: bool = False) -> Display:
    from pcheck import render

    terminal = not to_file and sys.stdout.isatty()
    if color == "auto":
        if os.environ.get("NO_COLOR"):
            use = False
        elif os.environ.get("FORCE_COLOR"):
            use = not to_file
        else:
            use = terminal
    else:
        use = color == "always"
    width = 80
    if terminal:
        import shutil

        width = max(60, min(shutil.get_terminal_size((80, 24)).columns, 140))
    return render.Display(color=use, width=width, at_risk_fails=at_risk_fails)


def _write(
    text: str | Iterable[str], output: Path | None, color: bool, inputs: Sequence[Path] = ()
) -> None:
    """Write ``text`` (or its pieces) to standard output (also for ``--output -``), or
    to the file ``output``, which may not be one of the ``inputs``."""
    if output is not None and str(output) != "-":
        from pcheck.output import OutputError, write_report

        try:
            write_report(output, text, inputs)
        except OutputError as exc:
            from pcheck.messages import line

            for problem in exc.problems:
                click.echo(line(problem), err=True)
            raise ExitError(EXIT_INVALID) from None
        return
    pieces: list[str] = []
    size = 0
    try:
        for piece in [text] if isinstance(text, str) else text:
            pieces.append(piece)
            size += len(piece)
            if size > 65536:
                # click strips colour codes from a non-terminal unless told they are wanted.
                click.echo("".join(pieces), nl=False, color=color)
                pieces, size = [], 0
        click.echo("".join(pieces), nl=False, color=color)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk, a closed terminal
        from pcheck.messages import text as word
        from pcheck.model import Message

        reason = exc.strerror or str(exc)
        click.echo(word(Message.of("output.stdout-failed", reason=reason)), err=True)
        raise ExitError(EXIT_INVALID) from None


def _write_problems(problems: Sequence[Problem] | Iterable[Problem]) -> None:
    from pcheck.messages import line

    problems = list(problems)
    for problem in problems:
        click.echo(line(problem), err=True)
    errors = sum(1 for p in problems if p.severity.value == "error")
    if errors:
        click.echo(f"pcheck: {errors} error(s) in the input", err=True)
