"""The rules that read a record's cells: a region, a metric, a period and a value
in the metric's unit, or the reason one of them cannot be read.

Every source and every path through a file uses these rules and nothing else.
What makes a large file fast is that each rule's outcome is remembered: per
distinct label (region, metric, period), per unit written beside a metric, and
for a plain decimal number, whose reading needs only the remembered unit factor.
With ``memo=False`` nothing is remembered and every cell is read in full; the
outcomes are the same (a property test holds the two to that).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

from pcheck import labels
from pcheck.catalog import describe_metric, describe_region, former_note
from pcheck.errors import ValueParseError
from pcheck.model import Catalog, Message, Metric, Period
from pcheck.periods import Span, read_period
from pcheck.units import factor, split_quantity

PLAIN_NUMBER = re.compile(r"-?(?=[0-9.]{1,33}$)[0-9]+(?:\.[0-9]+)?")
"""The shape of most figures: read by :class:`~decimal.Decimal` as it stands (short
enough never to pass :data:`~pcheck.units.MAX_DIGITS`; longer ones are read in full)."""

MEMO_SIZE = 4096
"""Distinct labels of one kind remembered at once (a file of all-distinct labels
would otherwise fill memory)."""

T = TypeVar("T")


class Refusal(NamedTuple):
    """Why a cell cannot be read: the column it concerns, what to say, the problem code."""

    column: str
    message: Message
    code: str


class Unpublished(NamedTuple):
    """A cell that says its figure is not published (``…``, ``—``, ``-``, empty): no
    data, never zero."""

    text: str


class Marked(NamedTuple):
    """A figure with a footnote mark beside it (``123.4*``, ``56①``): the figure, and the mark."""

    value: Decimal
    mark: str


UNPUBLISHED = frozenset({"", "…", "……", "...", "..", "—", "——", "-", "--", "–", "－", "―"})
"""What statistical tables print where a figure is not (yet) published."""

_MARKS = "*＊※†‡#①-⑳⑴-⒇"  # not superscripts: 3.1² may be a power
_MARKED = re.compile(rf"^\s*(?P<before>[{_MARKS}]*)\s*(?P<figure>.*?)\s*(?P<after>[{_MARKS}]*)\s*$")
_MAGNITUDES = ("万亿", "千万", "百万", "亿", "万", "千")  # longest first
_MAGNITUDE = re.compile(f"^(?:{'|'.join(_MAGNITUDES)})(?=.)")


class Successor(NamedTuple):
    """A region read in place of one no longer in use, and the note that says so."""

    code: str
    note: Message


class RecordRules:
    """Reads cells against a catalog; ``today`` is the month after which a period
    lies in the future."""

    def __init__(self, catalog: Catalog, today: Period | None, *, memo: bool = True) -> None:
        self.catalog = catalog
        self.today = today
        self.memo = memo
        self.regions: dict[str, str | Refusal | Successor] = {}
        self.metrics: dict[str, Metric | Refusal] = {}
        self.periods: dict[str, Period | Span | Refusal] = {}
        self.factors: dict[tuple[str, str], Decimal] = {}  # (unit cell, metric id) → factor
        self.value = self._value_function()
        """``value(text, unit_text, metric)``: the figure ``text`` (with the unit cell
        ``unit_text``) in ``metric``'s unit, or why it cannot be read. A plain decimal
        number beside a unit already seen with the metric needs only the remembered
        factor; anything else is read in full."""

    def region(self, text: str) -> str | Refusal | Successor:
        """The code of the region named ``text``; for a region no longer in use, the
        code of the one region its area is in now, with a note."""
        found = self.regions.get(text)
        if found is None:
            match = self.catalog.regions.match(text)
            if match.region is None and not match.formers and (label := labels.clean(text)) != text:
                match = self.catalog.regions.match(label)  # 北　京, 其中：杭州
            if match.region is None and labels.is_total(text):
                found = Refusal("region", Message.of("row.total", label=text.strip()), "total")
            elif match.region is None and labels.is_item(text):
                # "其中：企业" under a region: a part of its figure, not a region of its own.
                found = Refusal("region", Message.of("row.item", label=text.strip()), "total")
            elif match.region is None:
                found = Refusal("region", describe_region(self.catalog, text), "region")
            elif not match.formers:
                found = match.region.code
            else:
                found = Successor(match.region.code, former_note(match))
            self._remember(self.regions, text, found)
        return found

    def metric(self, text: str) -> Metric | Refusal:
        """The metric named ``text``."""
        found = self.metrics.get(text)
        if found is None:
            metric = self.catalog.find_metric(text) or self.catalog.find_metric(labels.clean(text))
            found = metric or Refusal("metric", describe_metric(self.catalog, text), "metric")
            self._remember(self.metrics, text, found)
        return found

    def period(self, text: str) -> Period | Span | Refusal:
        """The period labelled ``text`` (a :class:`~pcheck.periods.Span` for a single
        period), if it does not end in the future."""
        found = self.periods.get(text)
        if found is None:
            try:
                found = read_period(text)
            except ValueParseError as exc:
                found = Refusal("period", exc.message, "period")
            else:
                end = found.period if isinstance(found, Span) else found
                if self.today is not None and end > self.today:
                    message = Message.of("row.future", period=text.strip())
                    found = Refusal("period", message, "future")
            self._remember(self.periods, text, found)
        return found

    def _value_function(
        self,
    ) -> Callable[[str, str, Metric], Decimal | Refusal | Unpublished | Marked]:
        """:meth:`value`, with what it looks up bound once (it runs once per record)."""
        plain, factors, read_value = PLAIN_NUMBER.fullmatch, self.factors, self._read_value

        def value(
            text: str, unit_text: str, metric: Metric
        ) -> Decimal | Refusal | Unpublished | Marked:
            if plain(text):
                known = factors.get((unit_text, metric.id))
                if known is not None:
                    figure = Decimal(text) if known == 1 else Decimal(text) * known
                    return figure if metric.admits(figure) else _out_of_range(text, metric)
            return read_value(text, unit_text, metric)

        return value

    def _read_value(
        self, text: str, unit_text: str, metric: Metric
    ) -> Decimal | Refusal | Unpublished | Marked:
        """The figure read in full: a number with or without its unit, and the unit
        cell; a cell that says the figure is not published; a figure with a footnote mark."""
        if text.strip() in UNPUBLISHED:
            return Unpublished(text.strip())
        marked = _MARKED.match(text)
        if marked is not None and (marked["before"] or marked["after"]) and marked["figure"]:
            value = self._read_value(marked["figure"], unit_text, metric)
            if isinstance(value, Decimal):
                return Marked(value, marked["before"] + marked["after"])
            return value
        try:
            number, written = split_quantity(text)
        except ValueParseError as exc:
            return Refusal("value", exc.message, "number")
        unit_cell = unit_text.strip()
        if written in _MAGNITUDES:
            # 12.3万 of a count of 家, 430亿 of 亿元: the magnitude of the metric's own unit.
            written += _MAGNITUDE.sub("", unit_cell or metric.unit)
        elif written and unit_cell and written != unit_cell:
            message = Message.of("row.unit-mismatch", written=written, column=unit_cell)
            return Refusal("value", message, "unit")
        try:
            known = factor(written or unit_cell or metric.unit, metric.unit)
        except ValueParseError as exc:
            message = Message.of("row.unit-for-metric", reason=exc.message, metric=metric.id)
            return Refusal("unit" if unit_cell else "value", message, "unit")
        if written is None and self.memo:
            self.factors[unit_text, metric.id] = known
        value = number if known == 1 else number * known
        return value if metric.admits(value) else _out_of_range(text, metric)

    def _remember(self, memo: dict[str, T], text: str, outcome: T) -> None:
        if not self.memo:
            return
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[text] = outcome


def _out_of_range(text: str, metric: Metric) -> Refusal:
    low = "" if metric.minimum is None else metric.minimum
    high = "" if metric.maximum is None else metric.maximum
    message = Message.of(
        "row.range", value=text.strip(), low=low, high=high, unit=metric.unit, metric=metric.id
    )
    return Refusal("value", message, "range")
