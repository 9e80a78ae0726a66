"""One target in full (``pcheck targets show``): every field, its quote and source."""

from __future__ import annotations

import json

from pcheck.model import Target
from pcheck.render import goal_text
from pcheck.render.json import target_data


def render_target(target: Target, fmt: str) -> str:
    """The target as labelled lines (``table``) or as a JSON object (``json``)."""
    if fmt == "json":
        return json.dumps(target_data(target), ensure_ascii=False, indent=2) + "\n"
    region = target.region_entry
    metrics = ", ".join(f"{m.id} ({m.name})" for m in target.metric_entries)
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
    return "\n".join(lines) + "\n"
