"""One target in full (``pcheck targets show``): every field, its quote and source,
each value on one line with no control character raw (see
:func:`~pcheck.messages.visible`)."""

from __future__ import annotations

from pcheck.messages import visible
from pcheck.model import Target
from pcheck.render import goal_text, region_title
from pcheck.render.json import dumps, target_data


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
