"""Input problems as text lines, JSON or GitHub workflow commands (for
``validate`` and ``targets lint``)."""

from __future__ import annotations

from collections.abc import Sequence

from pcheck.messages import DEFAULT_LANGUAGE, line, text
from pcheck.model import Message, Problem, Severity
from pcheck.render import SCHEMA_VERSION
from pcheck.render.github import command


def render_problems(
    problems: Sequence[Problem],
    fmt: str,
    *,
    files: int | None,
    rows: int | None,
    targets: int | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """The problems in format ``fmt`` (``text``, ``json`` or ``github``), their
    messages in ``language`` (the codes and severities as they are)."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    if fmt == "json":
        from pcheck.render import Display
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
            "problems": [problem_data(p, Display(language=language)) for p in problems],
        }
        return dumps(data, indent=2) + "\n"
    if fmt == "github":
        return "".join(
            command(
                {"error": "error", "warning": "warning"}.get(p.severity.value, "notice"),
                text(p.message, language)
                if isinstance(p.location.column, int) or p.location.column is None
                else text(
                    Message.of("summary.column", column=p.location.column, message=p.message),
                    language,
                ),
                p.location,
                f"pcheck {p.code}",
            )
            for p in problems
        )
    lines = [line(p, language) for p in problems]
    counts = (
        Message.of("summary.files", count=files),
        Message.of("summary.rows", count=rows),
        Message.of("summary.targets", count=targets),
    )
    counted = [
        text(m, language)
        for n, m in zip((files, rows, targets), counts, strict=True)
        if n is not None
    ]
    checked = Message.of(
        "summary.checked", counted=", ".join(counted), errors=errors, warnings=warnings
    )
    lines.append(text(checked, language))
    return "\n".join(lines) + "\n"
