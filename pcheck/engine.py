"""The evaluation: targets and actuals in, a :class:`Report` out. No I/O.

How progress is read (written down for users in README.md, "How targets are judged"):

* The figure evaluated is the latest period of the target's year in the data.
* Flows (累计 figures) are read against time: before the year's last period the
  threshold is pro-rated by the share of the year elapsed (序时进度), so the pace
  ratio actual ÷ (target × elapsed) decides. A full-year target already reached
  passes at any period; a full-year limit already exceeded fails.
* Levels, ratios, growth rates and comparisons with another metric are compared
  directly.
* Below the threshold by no more than the at-risk band (a share of the threshold,
  10% by default) is ``at_risk``; further is ``fail``. The final period has no
  band: pass or fail.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pcheck.model import (
    KEPT_ROWS,
    PERCENT,
    Actuals,
    Basis,
    Catalog,
    Kind,
    Location,
    Observation,
    Op,
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
from pcheck.units import convert, is_count, show

HUNDRED = Decimal(100)
_ONE = Decimal(1)
APPROX_SHARE = Decimal("0.05")
APPROX_PERCENT_POINTS = Decimal("0.2")


def evaluate(
    targets: Sequence[Target], actuals: Actuals, catalog: Catalog, options: Options
) -> Report:
    """Judge every target against the actuals; list the data no target used."""
    used: set[SeriesKey] = set()
    results = tuple(_Evaluation(t, actuals, catalog, options, used).result() for t in targets)
    return Report(results, _unmatched(actuals, used), tuple(actuals.problems), actuals.rows)


def series_used(targets: Iterable[Target]) -> dict[SeriesKey, bool]:
    """The series whose figures judging ``targets`` may need, each with whether every
    month may be needed (a sum, a reference, a growth baseline) or only the latest."""
    used: dict[SeriesKey, bool] = {}
    for target in targets:
        keys = _series_of(target)
        every_month = len(keys) > 1
        for key in keys:
            used[key] = used.get(key, False) or every_month
    return used


def _series_of(target: Target) -> list[SeriesKey]:
    keys = [(m, target.region, target.year) for m in target.metrics]
    if target.reference:
        keys.append((target.reference, target.region, target.year))
    if target.basis is Basis.GROWTH:
        keys.append((target.metrics[0], target.region, target.year - 1))
    return keys


def _unmatched(actuals: Actuals, used: set[SeriesKey]) -> tuple[Unmatched, ...]:
    groups = {}
    for key in set(actuals.series) - used:
        months = actuals.series[key]
        rows = [Location(months[m].path, months[m].line) for m in sorted(months)]
        groups[key] = (set(months), rows, len(months))
    for key, other in actuals.other.items():
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
    note: str | None = None


class _Evaluation:
    """The judgement of one target."""

    def __init__(
        self,
        target: Target,
        actuals: Actuals,
        catalog: Catalog,
        options: Options,
        used: set[SeriesKey],
    ) -> None:
        self.target = target
        self.actuals = actuals
        self.catalog = catalog
        self.band = target.band if target.band is not None else options.band
        keys = _series_of(target)
        used.update(keys)
        self.problems: tuple[Problem, ...] = ()
        if actuals.key_problems:
            self.problems = tuple(p for key in keys for p in actuals.key_problems.get(key, ()))
        # Read against time: every metric a flow, and the value not a growth rate.
        self.is_flow = (
            all(catalog.metrics[m].kind is Kind.FLOW for m in target.metrics)
            and target.basis is Basis.VALUE
            and target.reference is None
        )

    def result(self) -> Result:
        actual = self.actual()
        if isinstance(actual, str):
            if self.problems:
                actual += f"; {len(self.problems)} row(s) for it could not be read"
            return Result(self.target, Status.NO_DATA, actual, problems=self.problems)
        return self.judge(actual)

    # -- finding the figure ---------------------------------------------------------

    def series(self, metric: str, year: int) -> dict[int, Observation]:
        return self.actuals.series.get((metric, self.target.region, year), {})

    def actual(self) -> _Actual | str:
        """The figure to judge, or the reason there is none."""
        target = self.target
        region = self.catalog.regions[target.region].name
        found = [self.series(m, target.year) for m in target.metrics]
        if target.reference:
            found.append(self.series(target.reference, target.year))
        for metric, months in zip((*target.metrics, target.reference), found, strict=False):
            if not months:
                return f"no figure for {metric} in {region} for {target.year}"
        common: Collection[int]
        if len(found) == 1:
            common = found[0].keys()
        else:
            common = set.intersection(*(set(months) for months in found))
        if not common:
            return "the figures needed are for different periods: " + "; ".join(
                f"{m}: {', '.join(str(Period(target.year, k)) for k in sorted(months))}"
                for m, months in zip((*target.metrics, target.reference), found, strict=False)
            )
        month = max(common)
        period = Period(target.year, month)
        observations = [months[month] for months in found]
        sources = tuple(Location(o.path, o.line) for o in observations)
        if target.basis is Basis.GROWTH:
            return self.growth(observations[0].value, period, sources)
        total = sum(
            (
                convert(o.value, self.catalog.metrics[m].unit, target.unit)
                for m, o in zip(target.metrics, observations, strict=False)
            ),
            Decimal(0),
        )
        threshold = None
        if target.reference:
            reference_unit = self.catalog.metrics[target.reference].unit
            threshold = convert(observations[-1].value, reference_unit, target.unit)
        return _Actual(total, period, sources, threshold)

    def growth(
        self, current: Decimal, period: Period, sources: tuple[Location, ...]
    ) -> _Actual | str:
        """Growth on the previous year, in %.

        The baseline is the same period of last year in the data; else, for a flow,
        last year's total in the data pro-rated to the period; else the baseline
        stated in the target (pro-rated likewise). ``current`` is in the metric's
        own unit, as the baseline is brought to.
        """
        target = self.target
        metric = self.catalog.metrics[target.metrics[0]]
        last_year = self.series(metric.id, target.year - 1)
        same_period, full_year = last_year.get(period.month), last_year.get(12)
        prorate = metric.kind is Kind.FLOW and not period.is_final
        if same_period is not None:
            base, note = same_period.value, f"on {Period(target.year - 1, period.month)}"
            sources = (*sources, Location(same_period.path, same_period.line))
        elif full_year is not None and prorate:
            # Last year's total, pro-rated, stands in for last year's same period.
            base = full_year.value * period.month / 12
            note = f"on {target.year - 1} pro-rated to {_percent(period.elapsed)} of the year"
            sources = (*sources, Location(full_year.path, full_year.line))
        elif target.baseline is not None:
            base = convert(target.baseline.value, target.baseline.unit, metric.unit)
            note = f"on the stated baseline {show(target.baseline.value, target.baseline.unit)}"
            if prorate:
                base = base * period.month / 12
                note += f" pro-rated to {_percent(period.elapsed)} of the year"
        else:
            return (
                f"growth needs a baseline: no {metric.id} figure for "
                f"{Period(target.year - 1, period.month)} and no baseline in the target"
            )
        if base == 0:
            return f"growth cannot be measured on a baseline of zero ({note})"
        return _Actual((current / base - 1) * HUNDRED, period, sources, note=f"growth {note}")

    # -- judging it -----------------------------------------------------------------

    def bounds(self, actual: _Actual) -> tuple[Decimal | None, Decimal | None, Decimal]:
        """(lower, upper, value): full-year bounds and the value the gap is taken from."""
        target = self.target
        if actual.threshold is not None:
            lower = actual.threshold if target.op in (Op.GE, Op.GT) else None
            upper = actual.threshold if target.op in (Op.LE, Op.LT) else None
            return lower, upper, actual.threshold
        assert target.value is not None
        value = target.value
        if target.op in (Op.GE, Op.GT):
            return value, None, value
        if target.op in (Op.LE, Op.LT):
            return None, value, value
        if target.op is Op.BETWEEN:
            return value, target.upper, value
        return value - self.tolerance(), None, value

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
        target, x, period = self.target, actual.value, actual.period
        lower, upper, value = self.bounds(actual)
        flow = self.is_flow and not period.is_final
        scale = period.elapsed if flow else _ONE
        strict = target.op in (Op.GT, Op.LT)
        status = Status.PASS
        if lower is not None:
            reached = x > lower if strict else x >= lower
            if not (flow and reached):  # a full-year target already reached passes
                status = self.side(x, lower * scale, strict, below=True, final=period.is_final)
        if upper is not None:
            over = x >= upper if strict else x > upper
            side = (
                Status.FAIL
                if flow and over
                else self.side(x, upper * scale, strict, below=False, final=period.is_final)
            )
            status = max(status, side, key=lambda s: s.rank)
        progress = x / value if value > 0 and target.op is not Op.BETWEEN else None
        return Result(
            target=target,
            status=status,
            reason=self.reason(status, actual, value, scale, progress),
            period=period,
            actual=x,
            goal=value,
            expected=scale,
            stretch_met=self.stretch_met(x, scale, strict),
            notes=self.notes(actual, value, scale),
            sources=actual.sources,
            problems=self.problems,
        )

    def side(self, x: Decimal, bound: Decimal, strict: bool, *, below: bool, final: bool) -> Status:
        """Status against one bound: pass, within the band (at risk), or beyond it."""
        if below:
            met = x > bound if strict else x >= bound
        else:
            met = x < bound if strict else x <= bound
        if met:
            return Status.PASS
        if final:
            return Status.FAIL
        margin = self.band * abs(bound)
        within = x >= bound - margin if below else x <= bound + margin
        return Status.AT_RISK if within else Status.FAIL

    def stretch_met(self, x: Decimal, scale: Decimal, strict: bool) -> bool | None:
        stretch = self.target.stretch
        if stretch is None:
            return None
        if self.target.op in (Op.LE, Op.LT):
            return x < stretch * scale if strict else x <= stretch * scale
        return x > stretch * scale if strict else x >= stretch * scale

    def notes(self, actual: _Actual, value: Decimal, scale: Decimal) -> tuple[str, ...]:
        notes = [actual.note] if actual.note else []
        if self.target.op is Op.APPROX:
            tolerance = self.tolerance()
            if actual.value > (value + tolerance) * scale:
                notes.append(
                    f"above the band {show(value, self.target.unit)} "
                    f"± {show(tolerance, difference_unit(self.target.unit))}"
                )
        if self.problems:
            notes.append(f"{len(self.problems)} row(s) for this target could not be read")
        return tuple(notes)

    def reason(
        self,
        status: Status,
        actual: _Actual,
        value: Decimal,
        scale: Decimal,
        progress: Decimal | None,
    ) -> str:
        target, period = self.target, actual.period
        unit = target.unit if target.basis is Basis.VALUE else PERCENT
        shown = show(actual.value, unit)
        goal = f"{_OP_WORDS[target.op]} {show(value, target.unit)}"
        if target.op is Op.BETWEEN:
            assert target.upper is not None
            goal = f"between {show(value, unit)} and {show(target.upper, unit)}"
        if target.reference:
            goal += f" ({target.reference})"
        if target.basis is Basis.GROWTH:
            goal = f"growth {goal}"
        if scale != 1 and progress is not None:
            pace = progress / scale
            return (
                f"{shown} by {period}: {_percent(progress)} of the year's "
                f"{goal} with {_percent(scale)} of the year gone "
                f"(pace {show(pace, '')})"
            )
        verdict = {Status.PASS: "meets", Status.AT_RISK: "is close to", Status.FAIL: "misses"}
        return f"{shown} in {period} {verdict[status]} the goal of {goal}"


def _percent(share: Decimal) -> str:
    return show(share * HUNDRED, PERCENT)


_OP_WORDS = {
    Op.GE: "at least",
    Op.GT: "over",
    Op.LE: "at most",
    Op.LT: "under",
    Op.APPROX: "about",
    Op.BETWEEN: "between",
}
