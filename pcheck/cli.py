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
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from decimal import Decimal

    from pcheck.extract.draft import Draft
    from pcheck.model import Catalog, Message, Period, Problem, Report, StreamedReport
    from pcheck.render import Display

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
REPORT_FORMATS = ("table", "json", "csv", "markdown", "junit", "github", "html", "xlsx")
TARGET_FORMATS = ("table", "json", "markdown")
PROBLEM_FORMATS = ("text", "json", "github")
CATALOG_FORMATS = ("table", "json")
F = TypeVar("F", bound=Callable[..., Any])


class ExitError(Exception):
    """Stop with this exit code; the messages have been written already."""

    def __init__(self, code: int) -> None:
        self.code = code


# Patterns of help, compiled when help is shown (compiling them costs start-up 10 ms).
_HELP_ID = r"\bhelp\.[a-z][a-z0-9.-]*[a-z0-9]"
_SECTIONS = {
    "Options": "help.options",
    "Commands": "help.commands",
    "Positional arguments": "help.arguments",
}
_EXTRAS = r"(?:(?<=\[)|(?<=; ))(default|env var)(?=: )"
_WIDE = (  # the characters a terminal gives two columns (East Asian wide and full width)
    "\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
_TOKENS = f"[{_WIDE}]|[^\\s{_WIDE}]+|\\s+"
_CLOSING = set("，。；：、）」》！？")


class _Formatter(click.HelpFormatter):
    """Words help in the language the environment asks for (PCHECK_LANG, else the
    locale): the commands and options carry message ids (``help.*``), worded only when
    help is shown, so that start-up reads no catalog. Chinese is wrapped by the
    columns its characters take, two each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from pcheck.messages import language_of

        self.language = language_of(os.environ)

    def words(self, text: str) -> str:
        from pcheck.messages import help_text

        text = re.sub(_HELP_ID, lambda found: help_text(found.group(), self.language), text)
        return re.sub(_EXTRAS, lambda found: self.words(_EXTRA_IDS[found.group()]), text)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = self.words("help.usage")
        super().write_usage(prog, args, prefix if prefix.endswith("：") else prefix + " ")

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(self.words(_SECTIONS.get(name, name))):
            yield

    def write_text(self, text: str) -> None:
        text = self.words(text)
        if self.language != "zh":
            super().write_text(text)
            return
        indent = " " * self.current_indent
        for index, paragraph in enumerate(inspect_paragraphs(text)):
            if index:
                self.write("\n")
            if paragraph.startswith("\b\n"):
                lines = paragraph[2:].splitlines()
            else:
                lines = _wrap(" ".join(paragraph.split("\n")), self.width - self.current_indent)
            self.write("".join(f"{indent}{line}\n" for line in lines))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(first, self.words(second)) for first, second in rows]
        if self.language != "zh":
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max(len(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap(second, max(self.width - first_col - 2 - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


_EXTRA_IDS = {"default": "help.default", "env var": "help.env-var"}


def inspect_paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs, separated by blank lines."""
    return [part.strip("\n") for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces or between
    Chinese characters (never before closing punctuation)."""
    lines: list[str] = []
    line, used = "", 0
    wide = re.compile(f"[{_WIDE}]")
    for token in re.findall(_TOKENS, text):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = 2 * len(token) if wide.match(token) else len(token)
        if used + size > width and line.strip() and token not in _CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    lines.append(line.rstrip())
    return lines


class _Context(click.Context):
    formatter_class = _Formatter


def _worded_help_option(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = "help.help"
    return option


class _Command(click.Command):
    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _worded_help_option(super().get_help_option(ctx))


class _Group(click.Group):
    """Turns every error into a message and an exit code, never a traceback."""

    context_class = _Context
    command_class = _Command
    group_class = type

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _worded_help_option(super().get_help_option(ctx))

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
    help="help.cli",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
)
@click.version_option(package_name="pcheck-plans", help="help.version")
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


LANGUAGES = ("zh", "en")  # those of pcheck.config.LANGUAGES (a test keeps them alike)


def lang_option(function: F) -> F:
    """``--lang zh|en``, also read from the PCHECK_LANG environment variable."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        envvar="PCHECK_LANG",
        show_envvar=True,
        expose_value=False,
        callback=_keep_language,
        help="help.lang",
    )(function)


def _keep_language(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    ctx.meta["pcheck.lang"] = value
    ctx.meta.pop("pcheck.language", None)


def _language() -> str:
    """The language of what the command writes: ``--lang`` (or PCHECK_LANG), else
    ``lang`` in the configuration, else the locale (see :func:`pcheck.config.language`)."""
    ctx = click.get_current_context(silent=True)
    meta: dict[str, Any] = ctx.meta if ctx is not None else {}
    language: str | None = meta.get("pcheck.language")
    if language is None:
        from pcheck import config
        from pcheck.errors import PcheckError

        chosen = meta.get("pcheck.lang")
        found = None
        if not chosen:
            # A configuration in error is reported by the command that reads it.
            with contextlib.suppress(PcheckError):
                found = config.find_config(Path.cwd())
        language = meta["pcheck.language"] = config.language(chosen, found, os.environ)
    return language


def targets_option(function: F) -> F:
    """``--targets DIR``, also read from the PCHECK_TARGETS environment variable."""
    return click.option(
        "--targets",
        "targets_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="PCHECK_TARGETS",
        show_envvar=True,
        help="help.targets",
    )(function)


def selection_options(function: F) -> F:
    """``--region`` and ``--year``."""
    function = click.option(
        "--year",
        type=click.IntRange(1949, 2100),
        help="help.year",
    )(function)
    return click.option(
        "--region",
        help="help.region",
    )(function)


def verbose_option(function: F) -> F:
    """``--verbose``: also what was set apart as the files were read."""
    return click.option(
        "--verbose",
        "-v",
        is_flag=True,
        help="help.verbose",
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
        help="help.color",
    )(function)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help="help.format",
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

        raise click.BadParameter(text(exc.message, _language())) from None
    if not Decimal(0) <= band < Decimal(1):
        from pcheck.messages import text
        from pcheck.model import Message

        raise click.BadParameter(text(Message.of("cli.band", value=value), _language()))
    return band


def reader_option(function: F) -> F:
    """``--reader auto|exact|bulk``, also read from PCHECK_READER: how a CSV file of
    figures is read (the same results either way)."""
    return click.option(
        "--reader",
        type=click.Choice(("auto", "exact", "bulk")),
        default="auto",
        show_default=True,
        envvar="PCHECK_READER",
        show_envvar=True,
        callback=_reader_installed,
        help="help.reader",
    )(function)


def _reader_installed(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """``bulk`` needs polars: a usage error without it, before any file is read."""
    if value == "bulk":
        import importlib.util

        if importlib.util.find_spec("polars") is None:
            from pcheck.messages import text
            from pcheck.model import Message

            raise click.UsageError(text(Message("reader.needs-polars"), _language()))
    return value


sheet_option = click.option(
    "--sheet",
    multiple=True,
    metavar="NAME",
    help="help.sheet",
)


@cli.command(short_help="help.evaluate.short", help="help.evaluate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@lang_option
@selection_options
@output_options(REPORT_FORMATS)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.evaluate.output",
)
@click.option(
    "--fail-on",
    type=click.Choice(["fail", "at-risk", "never"]),
    default="fail",
    show_default=True,
    help="help.evaluate.fail-on",
)
@click.option(
    "--at-risk-band",
    callback=parse_band,
    metavar="SHARE",
    help="help.evaluate.at-risk-band",
)
@verbose_option
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="help.quiet",
)
@sheet_option
@reader_option
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
    reader: str,
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
    from dataclasses import replace

    from pcheck import app
    from pcheck.render import SOURCE_FORMATS, STREAMED_FORMATS

    selection = app.Selection(targets_dir, region, year)
    with _input_errors():
        config = app.configuration()
    source = click.get_current_context().get_parameter_source("fmt")
    if config is not None and config.format and source is click.core.ParameterSource.DEFAULT:
        fmt = config.format
    if fmt == "xlsx":
        _workbook_can_be_written(output)
    with _progress_shown(), _collector_paused(), _input_errors():
        outcome = app.evaluate_files(
            files,
            selection,
            band=at_risk_band,
            fail_on=app.FailOn(fail_on),
            today=app.this_month(),
            sheets=sheet or None,
            streamed=fmt in STREAMED_FORMATS,
            reader=reader,
        )
    if verbose:
        _write_problems(outcome.notes)
    if outcome.report is None:
        _write_problems(outcome.problems)
        if outcome.notice is not None:
            from pcheck.messages import text

            click.echo(f"pcheck: {text(outcome.notice, _language())}", err=True)
        raise ExitError(outcome.exit_code)
    display = _display(color, at_risk_fails=fail_on == "at-risk", to_file=output is not None)
    display = replace(display, verbose=verbose, quiet=quiet)
    if fmt in SOURCE_FORMATS:
        with _input_errors():
            made = app.report_time(os.environ)
        display = replace(display, sources=app.report_sources(files, made))
    rendered = _rendered(fmt, outcome.report, outcome.catalog, display)
    # A report is written as it is made (a streamed one, judged as it is written): no
    # cycles either, and no progress line between its lines on the same terminal.
    to_terminal = output is None and sys.stdout.isatty()
    with _progress_shown(not to_terminal), _collector_paused(), _input_errors():
        _write(rendered, output, display.color, inputs=files)
    _write_problems(outcome.problems)
    if outcome.exit_code:
        raise ExitError(outcome.exit_code)


def _rendered(
    fmt: str, report: Report | StreamedReport, catalog: Catalog, display: Display
) -> str | Iterator[str] | bytes:
    """The report in ``fmt``: as it is judged for the formats that stream it."""
    from pcheck.model import StreamedReport
    from pcheck.render import report_renderer, streamed_renderer

    if isinstance(report, StreamedReport):
        return streamed_renderer(fmt).render_report(report, catalog, display)
    return report_renderer(fmt).render_report(report, catalog, display)


def _workbook_can_be_written(output: Path | None) -> None:
    """A workbook goes to a file (or to ``--output -`` off a terminal), and needs its
    writer installed: a usage error otherwise, before any file is read."""
    import importlib.util

    from pcheck.messages import text
    from pcheck.model import Message

    if output is None or (str(output) == "-" and sys.stdout.isatty()):
        raise click.UsageError(text(Message("output.workbook-file"), _language()))
    if importlib.util.find_spec("xlsxwriter") is None:
        raise click.UsageError(text(Message("output.workbook-writer"), _language()))


@cli.command(short_help="help.validate.short", help="help.validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@lang_option
@click.option("--strict", is_flag=True, help="help.strict")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PROBLEM_FORMATS),
    default="text",
    show_default=True,
    help="help.validate.format",
)
@verbose_option
@sheet_option
@reader_option
def validate(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    strict: bool,
    fmt: str,
    verbose: bool,
    sheet: tuple[str, ...],
    reader: str,
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

    with _progress_shown(), _collector_paused(), _input_errors():
        check = app.validate_files(
            files,
            app.Selection(targets_dir),
            strict=strict,
            today=app.this_month(),
            sheets=sheet or None,
            reader=reader,
        )
    problems = (*check.notes, *check.problems) if verbose else check.problems
    language = _language()
    rendered = render_problems(problems, fmt, files=len(files), rows=check.rows, language=language)
    click.echo(rendered, nl=False)
    if check.exit_code:
        raise ExitError(check.exit_code)


@cli.command(short_help="help.convert.short", help="help.convert")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@lang_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.convert.output",
)
@click.option("--strict", is_flag=True, help="help.strict")
@verbose_option
@reader_option
def convert(
    files: tuple[Path, ...],
    targets_dir: Path | None,
    output: Path | None,
    strict: bool,
    verbose: bool,
    reader: str,
) -> None:
    """Read FILE (CSV or a workbook, in any layout pcheck reads) and write every
    figure read as one long CSV (UTF-8 with BOM): region, metric, period, value in
    the metric's unit, and the place it was read. What could not be read goes to
    standard error, as validate lists it; the CSV holds only what was read, so it
    can be checked by eye, kept, and evaluated as it is.
    """
    from pcheck import app
    from pcheck.render.long import render_long

    with _progress_shown(), _collector_paused(), _input_errors():
        outcome = app.convert_files(
            files,
            app.Selection(targets_dir),
            strict=strict,
            today=app.this_month(),
            reader=reader,
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


@cli.command(short_help="help.extract.short", help="help.extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@targets_option
@lang_option
@click.option(
    "--region",
    help="help.extract.region",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2100),
    help="help.extract.year",
)
@click.option(
    "--format", "fmt", type=click.Choice(("yaml", "json")), default="yaml", show_default=True
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="help.extract.output",
)
@click.option("--all", "everything", is_flag=True, help="help.extract.all")
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
        from pcheck.messages import text as word
        from pcheck.model import Message

        message = Message.of("cli.drafts-folder", folder=str(folder))
        raise click.BadParameter(word(message, _language()), param_hint="--output")
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
        click.echo(line(problem, _language()), err=True)
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

        raise click.BadParameter(visible(text(exc.message, _language()))) from None


@cli.command(short_help="help.template.short", help="help.template")
@targets_option
@lang_option
@selection_options
@click.option(
    "--period",
    callback=parse_period_option,
    metavar="PERIOD",
    help="help.template.period",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.template.output",
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

        click.echo(f"pcheck: {text(form.notice, _language())}", err=True)
        raise ExitError(form.exit_code)
    _write(render_template(form.rows), output, False, inputs=form.inputs)


@cli.group(cls=_Group, short_help="help.targets-group", help="help.targets-group")
def targets() -> None:
    """List, show and check the targets."""


@targets.command("list", short_help="help.targets.list", help="help.targets.list")
@targets_option
@lang_option
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


@targets.command("show", short_help="help.targets.show", help="help.targets.show")
@click.argument("target_id", metavar="ID")
@targets_option
@lang_option
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
    click.echo(render_target(target, fmt, _display("never")), nl=False)


@targets.command("lint", short_help="help.targets.lint.short", help="help.targets.lint")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@targets_option
@lang_option
@click.option("--strict", is_flag=True, help="help.strict")
@click.option(
    "--format", "fmt", type=click.Choice(PROBLEM_FORMATS), default="text", show_default=True
)
@click.option(
    "--sources",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="help.targets.lint.sources",
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
        from pcheck.messages import text as word
        from pcheck.model import Message

        message = word(Message.of("cli.not-a-directory", folder=str(folder)), _language())
        raise click.BadParameter(message, param_hint="DIRECTORY")
    check = app.lint_directory(app.Selection(chosen), strict=strict, sources=sources)
    text = render_problems(
        check.problems,
        fmt,
        files=None,
        rows=None,
        targets=check.targets,
        language=_language(),
    )
    click.echo(text, nl=False)
    if check.exit_code:
        raise ExitError(check.exit_code)


@cli.group(cls=_Group, short_help="help.catalog.short", help="help.catalog")
def catalog() -> None:
    """List and search the regions and metrics that target files and data may name."""


def _catalog_format(function: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(CATALOG_FORMATS),
        default="table",
        show_default=True,
        help="help.catalog.format",
    )(function)


@catalog.command("regions", short_help="help.catalog.regions.short", help="help.catalog.regions")
@click.argument("search", required=False)
@targets_option
@lang_option
@click.option(
    "--abolished",
    is_flag=True,
    help="help.catalog.abolished",
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


@catalog.command("metrics", short_help="help.catalog.metrics.short", help="help.catalog.metrics")
@click.argument("search", required=False)
@targets_option
@lang_option
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

    click.echo(visible(f"pcheck: {text(message, _language())}"), err=True)


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
        message = visible(text(exc.message, _language()))
        if exc.parameter is None:
            raise click.UsageError(message) from None
        raise click.BadParameter(message, param_hint=exc.parameter) from None


def _progress_shown(wanted: bool = True) -> contextlib.AbstractContextManager[None]:
    """A progress line on standard error for the work inside, if it takes a while and
    standard error is a terminal (:mod:`pcheck.progress`)."""
    from pcheck import progress
    from pcheck.messages import text

    if not wanted:
        return contextlib.nullcontext()
    language = _language()
    return progress.shown(sys.stderr, lambda message: text(message, language), os.environ)


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
    return render.Display(color=use, width=width, at_risk_fails=at_risk_fails, language=_language())


def _write(
    text: str | Iterable[str] | bytes,
    output: Path | None,
    color: bool,
    inputs: Sequence[Path] = (),
) -> None:
    """Write ``text`` (or its pieces, or a file's bytes) to standard output (also for
    ``--output -``), or to the file ``output``, which may not be one of the ``inputs``."""
    if output is not None and str(output) != "-":
        from pcheck.output import OutputError, write_report

        try:
            write_report(output, text, inputs)
        except OutputError as exc:
            from pcheck.messages import line

            for problem in exc.problems:
                click.echo(line(problem, _language()), err=True)
            raise ExitError(EXIT_INVALID) from None
        return
    pieces: list[str] = []
    size = 0
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            text = ""
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
        message = Message.of("output.stdout-failed", reason=reason)
        click.echo(word(message, _language()), err=True)
        raise ExitError(EXIT_INVALID) from None


def _write_problems(problems: Sequence[Problem] | Iterable[Problem]) -> None:
    from pcheck.messages import line, text
    from pcheck.model import Message

    problems = list(problems)
    if not problems:
        return
    language = _language()
    for problem in problems:
        click.echo(line(problem, language), err=True)
    errors = sum(1 for p in problems if p.severity.value == "error")
    if errors:
        click.echo(text(Message.of("cli.errors", count=errors), language), err=True)
