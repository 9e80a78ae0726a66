"""GitHub Actions workflow commands: an ``::error`` for each failing target and a
``::warning`` for each one at risk, pointing at the CSV row of its actual (or at
the target's line in its file when it has no actual), so that they show on the
pull request."""

from __future__ import annotations

from collections.abc import Iterator

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import Catalog, Location, Report, Status, StreamedReport
from pcheck.render import Display, words

LEVELS = {Status.FAIL: "error", Status.AT_RISK: "warning", Status.NO_DATA: "notice"}


def render_report(
    report: Report | StreamedReport, catalog: Catalog, display: Display
) -> Iterator[str]:
    """A workflow command for each target not passing (as it is judged) and for each
    input problem, then the counts."""
    for result in report.results:
        level = LEVELS.get(result.status)
        if level is None:
            continue
        target = result.target
        where = result.sources[0] if result.sources else target.location
        title = f"{target.id}: {result.status.value.replace('_', ' ')}"
        reason = words(figures.reason(result), display)
        yield command(level, f"{target.name}: {reason}", where, title)
    for problem in report.problems:
        level = {"error": "error", "warning": "warning"}.get(problem.severity.value, "notice")
        message = words(problem.message, display)
        yield command(level, message, problem.location, f"pcheck {problem.code}")
    counts = report.counts()
    yield (
        f"pcheck: {sum(counts.values())} targets, "
        + ", ".join(f"{counts[s.value]} {s.value.replace('_', ' ')}" for s in Status)
        + "\n"
    )


def command(level: str, message: str, where: Location, title: str) -> str:
    """One workflow command line, escaped as GitHub requires: whatever the message,
    the path or the title carries, one line with no control character raw (the
    runner's log would otherwise play an escape sequence, or read a second command)."""
    properties = [f"file={_property(where.path)}"]
    if where.line is not None:
        properties.append(f"line={where.line}")
        if isinstance(where.column, int):
            properties.append(f"col={where.column}")
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message)}\n"


def _data(text: str) -> str:
    # Carriage returns and newlines are written \r and \n by visible(), not %0D%0A.
    return visible(text).replace("%", "%25")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
