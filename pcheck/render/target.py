"""One target in full (``pcheck targets show``): every field, its quote and source,
each value on one line with no control character raw (see
:func:`~pcheck.messages.visible`)."""

from __future__ import annotations

from pcheck.messages import visible
from pcheck.model import Target
from pcheck.render import goal_text, region_title
from pcheck.render.json import dumps, target_data
from pcheck.units import show


def _path(target: Target) -> str:
    """Where a goal due years ahead starts and runs through: ``from 3% in 2022, 3.3% in
    2025 (linear)``; nothing for a goal of one year."""
    start = target.start
    if start is None:
        return ""
    if target.accumulated_from is not None:
        text = f"summed from {target.accumulated_from}"
    else:
        baseline = target.baseline
        assert baseline is not None
        stated = (
            show(baseline.value, baseline.unit)
            if baseline.value is not None and baseline.unit is not None
            else "the data's figure"
        )
        text = f"from {stated} in {start}"
    for milestone in target.milestones:
        text += f", {show(milestone.value, target.unit)} in {milestone.year}"
    if target.method is not None:
        text += f" ({target.method.value})"
    return text


def render_target(target: Target, fmt: str) -> str:
    """The target as labelled lines (``table``) or as a JSON object (``json``)."""
    if fmt == "json":
        return dumps(target_data(target), indent=2) + "\n"
    region = target.region_entry
    metrics = ", ".join(f"{m.id} ({m.name})" for m in target.metric_entries)
    document = target.document
    source = ", ".join(part for part in (document.issuer, document.date, document.number) if part)
    rows = [
        ("name", f"{target.name} — {target.name_en}"),
        ("metric", metrics),
        ("region", f"{region_title(region)} ({region.code})"),
        ("year", str(target.year)),
        ("goal", goal_text(target)),
        ("path", _path(target)),
        ("tier", target.tier.value),
        ("quote", f"「{target.quote}」"),
        ("document", document.title),
        ("issued", source),
        ("source", document.source + (f" {document.url}" if document.url else "")),
        ("note", target.note or ""),
        ("defined", str(target.location)),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [visible(target.id)]
    lines += [f"  {label.ljust(width)}  {visible(value)}" for label, value in rows if value]
    return "\n".join(lines) + "\n"
