"""A drafted target file, written as YAML (with a ``# check:`` comment on every doubt)
or as JSON (the fields of ``pcheck targets list --format json``, plus ``start`` and
``end``, the quote's offsets in the text as read)."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

from pcheck.extract.draft import Draft, Goal, Passed, Proposal
from pcheck.extract.numbers import written
from pcheck.messages import text, visible
from pcheck.model import Basis, Catalog, Message, Tier
from pcheck.render.json import dumps


def goal_ids(draft: Draft, name: str | None = None) -> list[str]:
    """A stable id for each goal: ``name`` (the file the draft is written to, else
    the plan's), the year and a number."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", (name or draft.source).rsplit("/", 1)[-1]).lower()
    stem = re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-._") or "goal"
    if not stem[0].isalnum():
        stem = "goal-" + stem
    return [
        # ningbo-2025-01 rather than ningbo-2025-2025-01
        f"{stem}-{index:02d}"
        if stem.endswith(str(goal.year))
        else f"{stem}-{goal.year}-{index:02d}"
        for index, goal in enumerate(draft.goals, 1)
    ]


def render_yaml(
    draft: Draft, catalog: Catalog, *, everything: bool = False, name: str | None = None
) -> str:
    """The draft as a target file that loads, with every doubt marked ``# check:``."""
    lines = [f"# {_words_of(Message.of('extract.draft-header', source=draft.source))}"]
    lines += [f"# check: {_words_of(check)}" for check in draft.checks]
    heading = draft.heading
    lines.append("document:")
    for key, value, fallback, why in (
        ("title", heading.title, draft.source, Message.of("extract.check-title")),
        ("issuer", heading.issuer, "?", Message.of("extract.check-issuer")),
        ("date", heading.date, str(draft.year), Message.of("extract.check-date")),
    ):
        unsaid = f"  # check: {_words_of(why)}" if not value else ""
        lines.append(f"  {key}: {_scalar(value or fallback)}{unsaid}")
    if heading.number:
        lines.append(f"  number: {_scalar(heading.number)}")
    lines.append(f"  source: {_scalar(draft.source)}")
    if draft.region is not None:
        region = catalog.regions.get(draft.region)
        called = f"  # {visible(region.name)}" if region is not None else ""
        lines.append(f"region: {_scalar(draft.region)}{called}")
    lines.append(f"year: {draft.year}")
    lines.append("targets:" if draft.goals else "targets: []")
    for goal_id, goal in zip(goal_ids(draft, name), draft.goals, strict=True):
        lines.append("")
        lines += [f"  # check: {_words_of(check)}" for check in goal.checks]
        written = _goal_lines(goal_id, goal, draft.year)
        if goal.value is None and (goal.reference not in catalog.metrics):
            # Kept as a comment until a person names the metric compared with, so
            # that the draft loads.
            written = [
                "  # " + line.lstrip() if i == 0 else "  #" + line[1:]
                for i, line in enumerate(written)
            ]
        lines += written
    proposals = draft.proposals
    if proposals:
        lines.append("")
        lines.append(f"# {_words_of(Message.of('extract.proposals-header'))}")
        lines += ["# " + line for line in proposal_lines(proposals)]
    if everything and draft.passed:
        lines.append("")
        lines.append(f"# {_words_of(Message.of('extract.passed-header'))}")
        lines += [
            f"#   {_oneline(item.text)} ({item.start}–{item.end}): {_words_of(item.reason)}"
            for item in draft.passed
        ]
    return "\n".join(lines) + "\n"


def _goal_lines(goal_id: str, goal: Goal, year: int) -> list[str]:
    metric = goal.metric or (goal.proposal.id if goal.proposal else "unknown")
    lines = [f"  - id: {goal_id}", f"    metric: {metric}"]
    if goal.metric is None:
        lines.append(f"    name: {_scalar(_name(goal))}")
    if goal.year != year:
        # Said, so that lint takes the year apart from the file's as meant.
        lines.append(f"    year: {goal.year}  # {_words_of(Message.of('extract.year-said'))}")
    lines.append(f"    op: {_scalar(goal.op.value)}")
    if goal.value is None:
        lines.append(f"    reference: {_scalar(goal.reference or '')}")
    else:
        if goal.upper is not None:
            lines.append(f"    value: [{_value(goal.value)}, {_value(goal.upper)}]")
        else:
            lines.append(f"    value: {_value(goal.value)}")
        lines.append(f"    unit: {_scalar(goal.unit)}")
    if goal.basis is Basis.GROWTH:
        lines.append("    basis: growth")
    if goal.baseline is not None:
        lines += ["    baseline:", f"      year: {goal.baseline.year}"]
        if goal.baseline.value is not None:
            lines.append(f"      value: {_value(goal.baseline.value)}")
            lines.append(f"      unit: {_scalar(goal.baseline.unit)}")
    if goal.accumulated_from is not None:
        lines.append(f"    accumulated_from: {goal.accumulated_from}")
    if goal.each_year_from is not None:
        lines.append(f"    each_year_from: {goal.each_year_from}")
    if goal.tier is Tier.STRETCH:
        lines.append("    tier: stretch")
    if goal.stretch is not None:
        lines.append(f"    stretch: {_value(goal.stretch)}")
    lines.append(f"    quote: {_scalar(goal.quote)}")
    return lines


def proposal_lines(proposals: tuple[Proposal, ...]) -> list[str]:
    """Catalog entries for the proposed metrics, as ``catalog/metrics.yaml`` takes them."""
    lines = ["metrics:"]
    for proposal in proposals:
        lines += [
            f"  - id: {proposal.id}",
            f"    name: {_scalar(proposal.name)}",
            f"    unit: {_scalar(proposal.unit)}",
            f"    kind: {proposal.kind.value}",
        ]
    return lines


def render_json(draft: Draft, catalog: Catalog, *, everything: bool = False) -> str:
    """The draft as a JSON list, one item a line."""
    items: list[dict[str, Any]] = [
        goal_data(goal_id, goal, draft, catalog)
        for goal_id, goal in zip(goal_ids(draft), draft.goals, strict=True)
    ]
    if everything:
        items += [_passed_data(item) for item in draft.passed]
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join("  " + dumps(item) for item in items) + "\n]\n"


def goal_data(goal_id: str, goal: Goal, draft: Draft, catalog: Catalog) -> dict[str, Any]:
    """One drafted goal with the fields of a listed target, its offsets and doubts."""
    region = catalog.regions.get(draft.region) if draft.region else None
    metric = catalog.metrics.get(goal.metric) if goal.metric else None
    heading = draft.heading
    proposal = goal.proposal
    return {
        "id": goal_id,
        "metric": goal.metric or (proposal.id if proposal else None),
        "name": metric.name if metric else _name(goal),
        "name_en": metric.name_en if metric else None,
        "region": {"code": region.code, "name": region.name} if region else None,
        "year": goal.year,
        "op": goal.op.value,
        "value": (
            [_number(goal.value), _number(goal.upper)]
            if goal.upper is not None
            else _number(goal.value)
        ),
        "unit": goal.unit or None,
        "basis": goal.basis.value,
        "reference": goal.reference,
        "baseline": (
            {
                "year": goal.baseline.year,
                "value": _number(goal.baseline.value),
                "unit": goal.baseline.unit or None,
            }
            if goal.baseline is not None
            else None
        ),
        "accumulated_from": goal.accumulated_from,
        "each_year_from": goal.each_year_from,
        "tier": goal.tier.value,
        "stretch": _number(goal.stretch),
        "tolerance": None,
        "band": None,
        "quote": goal.quote,
        "note": None,
        "source": draft.source,
        "document": {
            "title": heading.title,
            "issuer": heading.issuer,
            "date": heading.date,
            "number": heading.number,
            "url": None,
        },
        "defined_at": None,
        "start": goal.start,
        "end": goal.end,
        "checks": [_words_of(check) for check in goal.checks],
        "proposed_metric": (
            {
                "id": proposal.id,
                "name": proposal.name,
                "unit": proposal.unit,
                "kind": proposal.kind.value,
            }
            if proposal
            else None
        ),
    }


def _name(goal: Goal) -> str:
    """What a goal with no catalog metric is called: its words, else its quote."""
    return goal.phrase.strip() or goal.quote.strip() or "?"


def _passed_data(item: Passed) -> dict[str, Any]:
    return {
        "drafted": False,
        "quote": item.text,
        "start": item.start,
        "end": item.end,
        "reason": _words_of(item.reason),
    }


def _number(value: Fraction | None) -> int | float | str | None:
    """A JSON number when the value is a finite decimal; ``"100/3"`` when it is not."""
    if value is None:
        return None
    shown = written(value)
    if value.denominator == 1:
        return value.numerator
    if "/" in shown or repr(float(shown)) != shown:
        return shown  # exactly, as text, where a JSON number would lose digits
    return float(shown)


def _value(value: Fraction) -> str:
    shown = written(value)
    return _scalar(shown) if "/" in shown else shown


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax (a subset of YAML's), with
    what YAML does not take as printable, or reads as a line break, escaped."""
    return _UNPRINTABLE.sub(_escape, json.dumps(value, ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _oneline(value: str) -> str:
    return visible(" ".join(value.split()))


def _words_of(message: Message) -> str:
    return _oneline(text(message))


__all__ = ["goal_data", "proposal_lines", "render_json", "render_yaml"]
