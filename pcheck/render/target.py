"""One target in full (``pcheck targets show``): every field, its quote and source,
each value on one line with no control character raw (see
:func:`~pcheck.messages.visible`), labelled in the display's language."""

from __future__ import annotations

from pcheck.messages import visible
from pcheck.model import Message, Target
from pcheck.render import Display, goal_text, region_title, tier_label, words
from pcheck.render.json import dumps, target_data
from pcheck.units import show


def _path(target: Target, display: Display | None) -> str:
    """Where a goal due years ahead starts and runs through: ``from 3% in 2022, 3.3% in
    2025 (linear)``; nothing for a goal of one year."""
    start = target.start
    if start is None:
        return ""
    if target.accumulated_from is not None:
        text = words(Message.of("show.summed-from", first=target.accumulated_from), display)
    else:
        baseline = target.baseline
        assert baseline is not None
        stated = (
            show(baseline.value, baseline.unit)
            if baseline.value is not None and baseline.unit is not None
            else words(Message.of("show.data-figure"), display)
        )
        text = words(Message.of("show.from", value=stated, year=start), display)
    for milestone in target.milestones:
        value = show(milestone.value, target.unit)
        text += ", " + words(
            Message.of("show.milestone", value=value, year=milestone.year), display
        )
    if target.method is not None:
        text += f" ({words(Message(f'method.{target.method.value}'), display)})"
    return text


def render_target(target: Target, fmt: str, display: Display | None = None) -> str:
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
        ("goal", goal_text(target, display=display)),
        ("path", _path(target, display)),
        ("tier", tier_label(target.tier, display)),
        ("quote", f"「{target.quote}」"),
        ("document", document.title),
        ("issued", source),
        ("source", document.source + (f" {document.url}" if document.url else "")),
        ("note", target.note or ""),
        ("defined", str(target.location)),
    ]
    labelled = [(words(Message(f"show.{key}"), display), value) for key, value in rows]
    width = max(_columns(label) for label, _ in labelled)
    lines = [visible(target.id)]
    lines += [
        f"  {label}{' ' * (width - _columns(label))}  {visible(value)}"
        for label, value in labelled
        if value
    ]
    return "\n".join(lines) + "\n"


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: a Chinese character two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
