"""A fill-in form of figures: the rows a set of targets needs, before anyone has
the figures.

Each row is one series at one period: a region, a metric and a period, with what
it is for. A target needs the figure of each of its metrics for the period, the
figure of the metric it is compared with (``reference``), and, for growth with no
baseline stated, the same period of the year before; a goal due years ahead needs
the figure of the form's year, and its baseline year's when no baseline figure is
stated, as the engine reads them (:func:`pcheck.engine.needs`). A series several
targets need is one row. No wording here: what a row is for is the ids of its
targets, as messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pcheck.model import Basis, Message, Metric, Period, Region, Target

GOAL, REFERENCE, BASELINE, START = "goal", "reference", "baseline", "start"


@dataclass(frozen=True, slots=True)
class FormRow:
    """One figure to fill in, and the ids of the targets it is for: the figure a goal
    is about (``goal``), the figure a goal is compared with (``reference``), last
    year's figure growth is measured on (``baseline``), the figure a goal due years
    ahead starts from (``start``)."""

    region: Region
    metric: Metric
    period: Period
    goal: tuple[str, ...] = ()
    reference: tuple[str, ...] = ()
    baseline: tuple[str, ...] = ()
    start: tuple[str, ...] = ()

    @property
    def uses(self) -> tuple[Message, ...]:
        """What the figure is for, as messages naming the targets."""
        found = []
        if self.goal:
            found.append(Message.of("template.goal", ids=", ".join(self.goal)))
        if self.reference:
            found.append(Message.of("template.reference", ids=", ".join(self.reference)))
        if self.baseline:
            found.append(Message.of("template.baseline", ids=", ".join(self.baseline)))
        if self.start:
            found.append(Message.of("template.start", ids=", ".join(self.start)))
        return tuple(found)


def form_rows(
    targets: Iterable[Target], month: int, year: int | None = None
) -> tuple[FormRow, ...]:
    """The rows the ``targets`` need at the period of ``year`` (of each target's own
    year when ``None``) ending in ``month`` (12 for the whole year): by region code,
    then period, then the order of the targets that first need them."""
    found: dict[tuple[str, str, Period], tuple[int, Region, Metric, dict[str, list[str]]]] = {}
    for order, target in enumerate(targets):
        for use, metric, period in _needs(target, month, year or target.year):
            key = (target.region, metric.id, period)
            if key not in found:
                found[key] = (order, target.region_entry, metric, {})
            ids = found[key][3].setdefault(use, [])
            if target.id not in ids:
                ids.append(target.id)
    rows = sorted(found.items(), key=lambda item: (item[0][0], item[0][2], item[1][0]))
    return tuple(
        FormRow(
            region,
            metric,
            period,
            **{use: tuple(ids) for use, ids in uses.items()},
        )
        for (_, _, period), (_, region, metric, uses) in rows
    )


def _needs(target: Target, month: int, year: int) -> list[tuple[str, Metric, Period]]:
    """(what for, metric, period) of each figure judging ``target`` in ``year`` needs."""
    period = Period(year, month)
    needs = [(GOAL, metric, period) for metric in target.metric_entries]
    if target.reference_entry is not None:
        needs.append((REFERENCE, target.reference_entry, period))
    stated = target.baseline is not None and target.baseline.value is not None
    start = target.start
    if start is not None and not stated and target.accumulated_from is None:
        whole_year = Period(start, 12)
        needs += [(START, metric, whole_year) for metric in target.metric_entries]
    elif target.basis is Basis.GROWTH and start is None and not stated:
        needs.append((BASELINE, target.metric_entries[0], Period(year - 1, month)))
    return needs
