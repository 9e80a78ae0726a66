"""The evaluation: targets and observations in, a :class:`Report` out. No I/O, and
no wording: reasons and notes are messages, worded by :mod:`pcheck.messages`.

How progress is read (written down for users in README.md, "How targets are judged"):

* The figure evaluated is the latest period of the target's year in the data.
* What is due by that period comes from the target's schedule (:mod:`pcheck.pacing`):
  before the year's last period a flow (累计 figures) is due in proportion to the
  year elapsed (序时进度); anything else is due in full. A full-year target already
  reached passes at any period; a full-year limit already exceeded fails.
* The at-risk rule (:func:`status_against`): below what is due by no more than the
  band (a share of it, 10% by default) is ``at_risk``; further is ``fail``. The
  final period has no band: pass or fail.
* How an actual is compared with a bound is the operator's (:mod:`pcheck.operators`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pcheck.model import (
    PERCENT,
    Basis,
    Catalog,
    Kind,
    Location,
    Message,
    Observation,
    Options,
    Period,
    Problem,
    Report,
    Result,
    SeriesKey,
    Status,
    Target,
    Unmatched,
    difference_unit,
)
from pcheck.observations import KEPT_ROWS, Need, ObservationStore
from pcheck.operators import Direction, Operator, operator
from pcheck.pacing import WHOLE, Schedule, WithinYear
from pcheck.units import convert, exactly, is_count, show

HUNDRED = Decimal(100)
APPROX_SHARE = Decimal("0.05")
APPROX_PERCENT_POINTS = Decimal("0.2")


@exactly
def evaluate(
    targets: Sequence[Target], store: ObservationStore, catalog: Catalog, options: Options
) -> Report:
    """Judge every target against the observations; list the data no target used."""
    used: set[SeriesKey] = set()
    results = tuple(_Evaluation(t, store, options, used).result() for t in targets)
    unmatched = _unmatched(store, used)
    return Report(results, unmatched, tuple(store.problems), store.rows, store.out_of_scope)


def needs(targets: Iterable[Target]) -> dict[SeriesKey, Need]:
    """The series whose figures judging ``targets`` may need, each with how much of
    it: every month (a sum, a reference, a growth baseline) or only the latest."""
    found: dict[SeriesKey, Need] = {}
    for target in targets:
        keys = _series_of(target)
        need = Need.EVERY_MONTH if len(keys) > 1 else Need.LATEST
        for key in keys:
            if found.get(key) is not Need.EVERY_MONTH:
                found[key] = need
    return found


def status_against(
    actual: Decimal, bound: Decimal, entry: Operator, band: Decimal, *, below: bool, final: bool
) -> Status:
    """The at-risk rule: status against one bound (a floor when ``below``, else a
    ceiling) — met, missed by no more than ``band`` times the bound (at risk, before
    the final period), or missed."""
    met = entry.above(actual, bound) if below else entry.below(actual, bound)
    if met:
        return Status.PASS
    if final:
        return Status.FAIL
    margin = band * abs(bound)
    within = actual >= bound - margin if below else actual <= bound + margin
    return Status.AT_RISK if within else Status.FAIL


def _series_of(target: Target) -> list[SeriesKey]:
    keys = [(m, target.region, target.year) for m in target.metrics]
    if target.reference:
        keys.append((target.reference, target.region, target.year))
    if target.basis is Basis.GROWTH:
        keys.append((target.metrics[0], target.region, target.year - 1))
    return keys


def _unmatched(store: ObservationStore, used: set[SeriesKey]) -> tuple[Unmatched, ...]:
    groups = {}
    for key in set(store.series) - used:
        months = store.series[key]
        rows = [months[m].location for m in sorted(months)]
        groups[key] = (set(months), rows, len(months))
    for key, other in store.other.items():
        groups[key] = (other.months, other.rows, other.count)
    return tuple(
        Unmatched(
            metric=key[0],
            region=key[1],
            year=key[2],
            periods=tuple(Period(key[2], m) for m in sorted(months)),
            rows=tuple(rows[:KEPT_ROWS]),
            count=count,
        )
        for key, (months, rows, count) in sorted(groups.items())
    )


@dataclass(frozen=True)
class _Actual:
    """The figure a target is judged on, in the target's unit."""

    value: Decimal
    period: Period
    sources: tuple[Location, ...]
    threshold: Decimal | None = None  # set when the threshold is another metric's figure
    note: Message | None = None


class _Evaluation:
    """The judgement of one target."""

    def __init__(
        self, target: Target, store: ObservationStore, options: Options, used: set[SeriesKey]
    ) -> None:
        self.target = target
        self.store = store
        self.operator = operator(target.op)
        self.band = target.band if target.band is not None else options.band
        keys = _series_of(target)
        used.update(keys)
        self.problems: tuple[Problem, ...] = ()
        if store.key_problems:
            self.problems = tuple(p for key in keys for p in store.key_problems.get(key, ()))
        # Read against time: every metric a flow, and the value not a growth rate.
        flow = (
            all(metric.kind is Kind.FLOW for metric in target.metric_entries)
            and target.basis is Basis.VALUE
            and target.reference is None
        )
        self.schedule: Schedule = WithinYear(flow)

    def result(self) -> Result:
        actual = self.actual()
        if isinstance(actual, Message):
            return Result(self.target, Status.NO_DATA, missing=actual, problems=self.problems)
        return self.judge(actual)

    # -- finding the figure ---------------------------------------------------------

    def series(self, metric: str, year: int) -> dict[int, Observation]:
        return self.store.series.get((metric, self.target.region, year), {})

    def actual(self) -> _Actual | Message:
        """The figure to judge, or the reason there is none."""
        target = self.target
        found = [self.series(m, target.year) for m in target.metrics]
        if target.reference:
            found.append(self.series(target.reference, target.year))
        named = (*target.metrics, target.reference)
        for metric, months in zip(named, found, strict=False):
            if not months:
                region = target.region_entry.name
                return Message.of(
                    "reason.no-figure", metric=metric, region=region, year=target.year
                )
        common: Collection[int]
        if len(found) == 1:
            common = found[0].keys()
        else:
            common = set.intersection(*(set(months) for months in found))
        if not common:
            periods = "; ".join(
                f"{m}: {', '.join(str(Period(target.year, k)) for k in sorted(months))}"
                for m, months in zip(named, found, strict=False)
            )
            return Message.of("reason.periods-apart", periods=periods)
        month = max(common)
        period = Period(target.year, month)
        observations = [months[month] for months in found]
        sources = tuple(o.location for o in observations)
        if target.basis is Basis.GROWTH:
            return self.growth(observations[0].value, period, sources)
        total = sum(
            (
                convert(o.value, metric.unit, target.unit)
                for metric, o in zip(target.metric_entries, observations, strict=False)
            ),
            Decimal(0),
        )
        threshold = None
        if target.reference_entry is not None:
            reference_unit = target.reference_entry.unit
            threshold = convert(observations[-1].value, reference_unit, target.unit)
        return _Actual(total, period, sources, threshold)

    def growth(
        self, current: Decimal, period: Period, sources: tuple[Location, ...]
    ) -> _Actual | Message:
        """Growth on the previous year, in %.

        The baseline is the same period of last year in the data; else, for a flow,
        last year's total in the data pro-rated to the period; else the baseline
        stated in the target (pro-rated likewise). ``current`` is in the metric's
        own unit, as the baseline is brought to.
        """
        target = self.target
        metric = target.metric_entries[0]
        last_year = self.series(metric.id, target.year - 1)
        same_period, full_year = last_year.get(period.month), last_year.get(12)
        prorate = metric.kind is Kind.FLOW and not period.is_final
        share = _percent(period.elapsed)
        if same_period is not None:
            base = same_period.value
            basis = Message.of(
                "basis.same-period", period=str(Period(target.year - 1, period.month))
            )
            sources = (*sources, same_period.location)
        elif full_year is not None and prorate:
            # Last year's total, pro-rated, stands in for last year's same period.
            base = full_year.value * period.month / 12
            basis = Message.of("basis.prorated", year=target.year - 1, share=share)
            sources = (*sources, full_year.location)
        elif target.baseline is not None:
            base = convert(target.baseline.value, target.baseline.unit, metric.unit)
            stated = show(target.baseline.value, target.baseline.unit)
            basis = Message.of("basis.stated", baseline=stated)
            if prorate:
                base = base * period.month / 12
                basis = Message.of("basis.stated-prorated", baseline=stated, share=share)
        else:
            missing = str(Period(target.year - 1, period.month))
            return Message.of("reason.no-baseline", metric=metric.id, period=missing)
        if base == 0:
            return Message.of("reason.zero-baseline", basis=basis)
        growth = (current / base - 1) * HUNDRED
        return _Actual(growth, period, sources, note=Message.of("note.growth", basis=basis))

    # -- judging it -----------------------------------------------------------------

    def bounds(self, actual: _Actual) -> tuple[Decimal | None, Decimal | None, Decimal]:
        """(floor, ceiling, value): full-year bounds and the value the gap is taken from;
        which bounds a goal sets is the operator's to say."""
        target, entry = self.target, self.operator
        if actual.threshold is not None:  # another metric's figure (never a range)
            value = floor = ceiling = actual.threshold
        else:
            assert target.value is not None
            value = floor = ceiling = target.value
            if entry.takes_tolerance:
                floor = value - self.tolerance()
            if entry.direction is Direction.RANGE:
                assert target.upper is not None
                ceiling = target.upper
        return (floor if entry.has_floor else None, ceiling if entry.has_ceiling else None, value)

    def tolerance(self) -> Decimal:
        """The half-width of the band of an approximate (左右) target."""
        target = self.target
        assert target.value is not None
        if target.tolerance is not None:
            return target.tolerance
        if target.unit == PERCENT:
            return APPROX_PERCENT_POINTS
        share = abs(target.value) * APPROX_SHARE
        return max(share, Decimal(1)) if is_count(target.unit) else share

    def judge(self, actual: _Actual) -> Result:
        x, period, entry = actual.value, actual.period, self.operator
        floor, ceiling, value = self.bounds(actual)
        due = self.schedule.due(period)
        prorated = due < WHOLE
        final = period.is_final
        status = Status.PASS
        if floor is not None and not (prorated and entry.above(x, floor)):
            # (a full-year floor already reached passes at any period)
            due_floor = self.schedule.portion(floor, period)
            status = status_against(x, due_floor, entry, self.band, below=True, final=final)
        if ceiling is not None:
            if prorated and not entry.below(x, ceiling):
                side = Status.FAIL  # a full-year ceiling already exceeded
            else:
                due_ceiling = self.schedule.portion(ceiling, period)
                side = status_against(x, due_ceiling, entry, self.band, below=False, final=final)
            status = max(status, side, key=lambda s: s.rank)
        return Result(
            target=self.target,
            status=status,
            period=period,
            actual=x,
            goal=value,
            expected=due,
            stretch_met=self.stretch_met(x, period),
            notes=self.notes(actual, value),
            sources=actual.sources,
            problems=self.problems,
        )

    def stretch_met(self, x: Decimal, period: Period) -> bool | None:
        stretch = self.target.stretch
        if stretch is None:
            return None
        due_stretch = self.schedule.portion(stretch, period)
        if self.operator.direction is Direction.DOWN:
            return self.operator.below(x, due_stretch)
        return self.operator.above(x, due_stretch)

    def notes(self, actual: _Actual, value: Decimal) -> tuple[Message, ...]:
        notes = [actual.note] if actual.note else []
        if self.operator.takes_tolerance:
            tolerance = self.tolerance()
            if actual.value > self.schedule.portion(value + tolerance, actual.period):
                unit = self.target.unit
                shown = show(tolerance, difference_unit(unit))
                notes.append(
                    Message.of("note.above-band", value=show(value, unit), tolerance=shown)
                )
        if self.problems:
            notes.append(Message.of("note.unreadable-rows", count=len(self.problems)))
        return tuple(notes)


def _percent(share: Decimal) -> str:
    return show(share * HUNDRED, PERCENT)
