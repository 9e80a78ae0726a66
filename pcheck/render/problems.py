"""Input problems as text lines, JSON or GitHub workflow commands (for
``validate`` and ``targets lint``)."""

from __future__ import annotations

from collections.abc import Sequence

from pcheck.messages import line, text
from pcheck.model import Problem, Severity
from pcheck.render import SCHEMA_VERSION
from pcheck.render.github import command


def render_problems(
    problems: Sequence[Problem],
    fmt: str,
    *,
    files: int | None,
    rows: int | None,
    targets: int | None = None,
) -> str:
    """The problems in format ``fmt`` (``text``, ``json`` or ``github``)."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    if fmt == "json":
        from pcheck.render.json import dumps, problem_data

        summary: dict[str, int | None] = {
            "errors": errors,
            "warnings": warnings,
            "files": files,
            "rows": rows,
        }
        if targets is not None:
            summary["targets"] = targets
        data = {
            "schema_version": SCHEMA_VERSION,
            "summary": summary,
            "problems": [problem_data(p) for p in problems],
        }
        return dumps(data, indent=2) + "\n"
    if fmt == "github":
        return "".join(
            command(
                {"error": "error", "warning": "warning"}.get(p.severity.value, "notice"),
                text(p.message)
                if isinstance(p.location.column, int) or p.location.column is None
                else f"column {p.location.column}: {text(p.message)}",
                p.location,
                f"pcheck {p.code}",
            )
            for p in problems
        )
    lines = [line(p) for p in problems]
    counted = [
        f"{n} {what}"
        for n, what in ((files, "file(s)"), (rows, "row(s)"), (targets, "target(s)"))
        if n is not None
    ]
    lines.append(f"{', '.join(counted)} checked: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
