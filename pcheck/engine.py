"""The evaluation: targets and observations in, a :class:`Report` out. No I/O, and
no wording: reasons and notes are messages, worded by :mod:`pcheck.messages`.

How progress is read (written down for users in README.md, "How targets are judged"):

* The figure evaluated is the latest period of the target's year in the data.
* What is due by that period comes from the target's schedule (:mod:`pcheck.pacing`):
  before the year's last period a flow (累计 figures) is due in proportion to the
  year elapsed (序时进度); anything else is due in full. A full-year target already
  reached passes at any period; a full-year limit already exceeded fails.
* The at-risk rule (:func:`~pcheck.operators.status_against`): below what is due by
  no more than the band (a share of it, 10% by default) is ``at_risk``; further is
  ``fail``. The final period has no band: pass or fail.
* How an actual is compared with a bound is the operator's (:mod:`pcheck.operators`).
* A goal due years ahead (README.md, "Goals due years ahead") is judged by its latest
  figure up to the year reported on, against the value its path (:mod:`pcheck.paths`)
  expects by then, with the same band; only the due year's final period is strict.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from pcheck import paths
from pcheck.model import (
    PERCENT,
    Basis,
    Catalog,
    Course,
    Kind,
    Location,
    Message,
    Method,
    Observation,
    Options,
    Period,
    Problem,
    Report,
    Result,
    SeriesKey,
    Status,
    StreamedReport,
    Target,
    Unmatched,
    difference_unit,
)
from pcheck.observations import KEPT_ROWS, Figures, Need, ObservationStore
from pcheck.operators import Direction, operator, status_against
from pcheck.pacing import WHOLE, Schedule, WithinYear, prorated, whole
from pcheck.paths import MONTHS, months_after
from pcheck.units import ARITHMETIC, MAX_DIGITS, convert, count_step, exactly, is_count, show

ZERO = Decimal(0)
BATCH = 512  # targets judged at a time when results are streamed
HUNDRED = Decimal(100)
APPROX_SHARE = Decimal("0.05")
APPROX_PERCENT_POINTS = Decimal("0.2")


def evaluate(
    targets: Sequence[Target], store: ObservationStore, catalog: Catalog, options: Options
) -> Report:
    """Judge every target against the observations; list the data no target used."""
    return evaluate_lazily(targets, store, catalog, options).held()


@exactly
def evaluate_lazily(
    targets: Sequence[Target], store: ObservationStore, catalog: Catalog, options: Options
) -> StreamedReport:
    """The report of :func:`evaluate`, each target judged only as its result is read,
    so that a report of any size holds one result at a time. The data no target uses
    is known before any is judged."""
    unused = set(store.series)  # the store's own keys: no copy of each held
    for target in targets:
        unused.difference_update(_series_of(target))
    unmatched = _unmatched(store, unused)
    pending = _judged(targets, store, options)
    return StreamedReport(pending, unmatched, tuple(store.problems), store.rows, store.out_of_scope)


def _judged(
    targets: Sequence[Target], store: ObservationStore, options: Options
) -> Iterator[Result]:
    """The result of each target in turn, judged a few hundred at a time (judging a
    batch, then writing it, runs faster than taking turns at each target, and holds
    no more than a batch) in exact arithmetic: the context is set around each batch,
    not held across a ``yield``, so that the reader's arithmetic stays its own."""
    for start in range(0, len(targets), BATCH):
        with localcontext(ARITHMETIC):
            batch = [
                _Evaluation(target, store, options).result()
                for target in targets[start : start + BATCH]
            ]
        yield from batch


def needs(targets: Iterable[Target]) -> dict[SeriesKey, Need]:
    """The series whose figures judging ``targets`` may need, each with how much of
    it: every month (a sum, a reference, a growth baseline) or only the latest (of
    each year, for a goal due years ahead)."""
    found: dict[SeriesKey, Need] = {}
    for target in targets:
        keys = _series_of(target)
        combined = len(target.metrics) > 1 or target.reference is not None
        annual_growth = target.basis is Basis.GROWTH and target.start is None
        need = Need.EVERY_MONTH if combined or annual_growth else Need.LATEST
        for key in keys:
            if found.get(key) is not Need.EVERY_MONTH:
                found[key] = need
    return found


def _series_of(target: Target) -> list[SeriesKey]:
    start = target.start
    if start is not None:  # every year of the path, its start included
        years = range(start, target.year + 1)
        return [(m, target.region, year) for year in years for m in target.metrics]
    keys = [(m, target.region, target.year) for m in target.metrics]
    if target.reference:
        keys.append((target.reference, target.region, target.year))
    if target.basis is Basis.GROWTH:
        keys.append((target.metrics[0], target.region, target.year - 1))
    return keys


def _unmatched(store: ObservationStore, unused: set[SeriesKey]) -> tuple[Unmatched, ...]:
    """The rows of the series kept that no target uses (``unused``), and of those only
    counted, grouped by series."""
    groups = {}
    for key in unused:
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


@functools.cache
def _schedule(flow: bool, unit: str) -> Schedule:
    """The schedule of a goal in ``unit``, read against time if a ``flow`` (one value
    per kind of goal: a report of many goals makes few)."""
    return WithinYear(flow, count_step(unit) if flow else None)


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

    def __init__(self, target: Target, store: ObservationStore, options: Options) -> None:
        self.target = target
        self.store = store
        self.operator = operator(target.op)
        self.band = target.band if target.band is not None else options.band
        self.as_of = options.year
        self.problems: tuple[Problem, ...] = ()
        if store.key_problems:
            keys = _series_of(target)
            self.problems = tuple(p for key in keys for p in store.key_problems.get(key, ()))
        # Read against time: every metric a flow, and the value not a growth rate.
        flow = (
            target.basis is Basis.VALUE
            and target.reference is None
            and all(metric.kind is Kind.FLOW for metric in target.metric_entries)
        )
        self.schedule: Schedule = _schedule(flow, target.unit)

    def result(self) -> Result:
        if self.target.start is not None:
            return self.course()
        actual = self.actual()
        if isinstance(actual, Message):
            return Result(self.target, Status.NO_DATA, missing=actual, problems=self.problems)
        return self.judge(actual)

    # -- finding the figure ---------------------------------------------------------

    def series(self, metric: str, year: int) -> Figures:
        return self.store.series.get((metric, self.target.region, year), {})

    def common(self, year: int, named: Sequence[str]) -> tuple[Period, list[Observation]] | Message:
        """The latest period of ``year`` with a figure of every metric ``named``, and
        those figures; or the reason there is none."""
        target = self.target
        if len(named) == 1:  # the common case, in short
            months = self.store.series.get((named[0], target.region, year))
            if months:
                month = max(months)
                return Period(year, month), [months[month]]
        found = [self.series(metric, year) for metric in named]
        for metric, months in zip(named, found, strict=True):
            if not months:
                region = target.region_entry.name
                return Message.of("reason.no-figure", metric=metric, region=region, year=year)
        common: Collection[int]
        if len(found) == 1:
            common = found[0].keys()
        else:
            common = set.intersection(*(set(months) for months in found))
        if not common:
            periods = "; ".join(
                f"{m}: {', '.join(str(Period(year, k)) for k in sorted(months))}"
                for m, months in zip(named, found, strict=True)
            )
            return Message.of("reason.periods-apart", periods=periods)
        month = max(common)
        return Period(year, month), [months[month] for months in found]

    def actual(self) -> _Actual | Message:
        """The figure to judge, or the reason there is none."""
        target = self.target
        named = (*target.metrics, target.reference) if target.reference else target.metrics
        found = self.common(target.year, named)
        if isinstance(found, Message):
            return found
        period, observations = found
        sources = tuple([o.location for o in observations])
        if target.basis is Basis.GROWTH:
            return self.growth(observations[0].value, period, sources)
        total = ZERO
        unit = target.unit
        for metric, o in zip(target.metric_entries, observations, strict=False):
            total += o.value if metric.unit == unit else convert(o.value, metric.unit, unit)
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
        elif target.baseline is not None and target.baseline.value is not None:
            assert target.baseline.unit is not None
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
                due_ceiling = self.schedule.portion(ceiling, period, ceiling=True)
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
            bound = self.schedule.portion(value + tolerance, actual.period, ceiling=True)
            if actual.value > bound:
                unit = self.target.unit
                shown = show(tolerance, difference_unit(unit))
                notes.append(
                    Message.of("note.above-band", value=show(value, unit), tolerance=shown)
                )
        if self.problems:
            notes.append(Message.of("note.unreadable-rows", count=len(self.problems)))
        return tuple(notes)

    # -- a goal due years ahead -------------------------------------------------------

    def course(self) -> Result:
        """The judgement of a goal due years ahead by its latest figure up to the year
        reported on, against the value its path expects by then (:mod:`pcheck.paths`)."""
        target = self.target
        found = self.readings()
        if isinstance(found, Message):
            return Result(target, Status.NO_DATA, missing=found, problems=self.problems)
        path, series, figure = found
        period, entry = figure.period, self.operator
        flow = self.flow and target.accumulated_from is None
        growth = target.basis is Basis.GROWTH
        final = period == Period(target.year, MONTHS)
        below = entry.direction is not Direction.DOWN
        # A goal of things counted is due in whole things, in the goal's favour.
        step = None if growth else count_step(target.unit)
        if flow:  # an amount of a year, read at the year's pace as it accrues
            months = (period.year - path.start) * MONTHS
            level = figure.value * MONTHS / period.month
            due = path.in_year(period.year)
            expected = prorated(due, period.month, step, ceiling=not below)
        else:
            months = months_after(path.start, period)
            level = figure.value
            expected = whole(path.at(months), step, ceiling=not below)
        # Reached: by a figure as it is (part of a year's amount is part of it), never
        # by one read at the year's pace; a ceiling only by a level.
        kept = below or not (self.flow or target.accumulated_from is not None)
        reached_by = next(
            (
                (p, v)
                for p, v in series
                if p.year > path.start
                and kept
                and (entry.above(v, path.goal) if below else entry.below(v, path.goal))
            ),
            None,
        )
        reached = reached_by is not None
        if flow:
            series = tuple((p, v * MONTHS / p.month) for p, v in series)
        if growth:
            rate = paths.average_growth(path.base, level, months)
            if rate is None:
                message = Message.of("reason.growth-unreadable", start=path.start)
                return Result(target, Status.NO_DATA, missing=message, problems=self.problems)
            actual, threshold = rate * HUNDRED, target.value
        else:
            actual, threshold = figure.value, expected
        assert threshold is not None
        if entry.takes_tolerance:
            tolerance = self.tolerance()
            threshold -= tolerance * period.month / MONTHS if flow else tolerance
        if reached:
            status = Status.PASS
        elif (
            not below
            and self.flow
            and period.year == target.year
            and not entry.below(figure.value, path.goal)
        ):
            status = Status.FAIL  # more than the whole of the due year's limit is used
        else:
            status = status_against(actual, threshold, entry, self.band, below=below, final=final)
        pace = _shown(paths.pace(path, months, level))
        outlook = None
        if not final:
            on_path = status is Status.PASS
            outlook = paths.outlook(reached, pace, on_path)
        progress = None
        # A flow's progress is that of its latest whole year (read at the year's pace,
        # part of a year would count as more than it is).
        whole_years = [v for p, v in series if p.year > path.start and p.is_final]
        shown = level if not flow else whole_years[-1] if whole_years else None
        if path.goal != path.base and shown is not None:
            progress = (shown - path.base) / (path.goal - path.base)
        course = Course(
            method=path.method,
            due_year=target.year,
            unit=self.path_unit,
            points=path.points,
            series=series,
            annual=flow,
            expected=expected,
            threshold=threshold,
            progress=progress,
            pace=pace,
            projection=None if final else _shown(paths.projection(path, months, level)),
            needed_growth=(
                None
                if final or target.accumulated_from is not None
                else _shown(paths.needed_growth(path, months, level))
            ),
            needed_per_year=(
                None
                if final or path.method is Method.GROWTH
                else _shown(paths.needed_per_year(path, months, level))
            ),
            outlook=outlook,
        )
        stretch_met = None
        if target.stretch is not None:
            if growth:
                stretch_met = entry.above(actual, target.stretch) if below else None
            else:
                stretched = path.ending_at(target.stretch)
                due_stretch = (
                    prorated(stretched.in_year(period.year), period.month, step, ceiling=not below)
                    if flow
                    else whole(stretched.at(months), step, ceiling=not below)
                )
                met = entry.above if below else entry.below
                stretch_met = met(figure.value, due_stretch)
        notes = []
        if reached_by is not None and reached_by[0] != period:
            shown_value = show(reached_by[1], self.path_unit)
            notes.append(Message.of("note.reached", period=str(reached_by[0]), value=shown_value))
        if self.problems:
            notes.append(Message.of("note.unreadable-rows", count=len(self.problems)))
        return Result(
            target=target,
            status=status,
            period=period,
            actual=actual,
            goal=target.value,
            stretch_met=stretch_met,
            notes=tuple(notes),
            sources=figure.sources,
            problems=self.problems,
            course=course,
        )

    @property
    def flow(self) -> bool:
        """Whether the goal's figures are amounts of a year (flows)."""
        return all(metric.kind is Kind.FLOW for metric in self.target.metric_entries)

    @property
    def path_unit(self) -> str:
        """The unit the path is drawn in: the target's, or for an average growth the
        metric's, whose levels grow."""
        target = self.target
        return target.metric_entries[0].unit if target.basis is Basis.GROWTH else target.unit

    def level(self, year: int) -> _Actual | Message:
        """The figure of ``year`` (a sum of the metrics, at their latest common
        period) in the unit of the path."""
        target = self.target
        found = self.common(year, target.metrics)
        if isinstance(found, Message):
            return found
        period, observations = found
        unit = self.path_unit
        total = sum(
            (
                convert(o.value, metric.unit, unit)
                for metric, o in zip(target.metric_entries, observations, strict=True)
            ),
            Decimal(0),
        )
        return _Actual(total, period, tuple(o.location for o in observations))

    def readings(
        self,
    ) -> tuple[paths.Path, tuple[tuple[Period, Decimal], ...], _Actual] | Message:
        """The path, the series of yearly figures and the figure judged: the latest
        up to the year reported on (for a sum over years, the sum so far)."""
        target = self.target
        start = target.start
        assert start is not None
        last = target.year if self.as_of is None else min(target.year, self.as_of)
        figures = {}
        for year in range(start, last + 1):
            found = self.level(year)
            if isinstance(found, _Actual):
                figures[year] = found
        during = [figures[year] for year in sorted(figures) if year > start]
        if not during:
            metric = "+".join(target.metrics)
            region = target.region_entry.name
            return Message.of(
                "reason.no-figure-since", metric=metric, region=region, first=start + 1, last=last
            )
        if target.accumulated_from is not None:
            return self.sum_so_far(start, during)
        base = self.base(figures.get(start))
        if isinstance(base, Message):
            return base
        path = self.path(base)
        if isinstance(path, Message):
            return path
        series = tuple((f.period, f.value) for f in (figures.get(start), *during) if f)
        return path, series, during[-1]

    def base(self, figure: _Actual | None) -> Decimal | Message:
        """The value the path starts from: the baseline stated, else the data's
        figure of the baseline's year (for the whole year)."""
        baseline = self.target.baseline
        assert baseline is not None and baseline.year is not None
        if baseline.value is not None:
            assert baseline.unit is not None
            return convert(baseline.value, baseline.unit, self.path_unit)
        if figure is None or not figure.period.is_final:
            return Message.of("reason.no-base", year=baseline.year)
        return figure.value

    def path(self, base: Decimal) -> paths.Path | Message:
        """The path from ``base`` through the milestones to the goal."""
        target = self.target
        start, value = target.start, target.value
        assert start is not None and value is not None
        if target.basis is Basis.GROWTH:
            method = Method.GROWTH
            goal = base * (1 + value / HUNDRED) ** (target.year - start)
        else:
            method = target.method or (Method.GROWTH if self.flow else Method.LINEAR)
            goal = value
        points = ((start, base), *target.milestones, (target.year, goal))
        if method is Method.GROWTH and any(point <= 0 for _, point in points):
            return Message.of("reason.growth-base", start=start)
        return paths.Path(tuple((year, v) for year, v in points), method)

    def sum_so_far(
        self, start: int, during: list[_Actual]
    ) -> tuple[paths.Path, tuple[tuple[Period, Decimal], ...], _Actual] | Message:
        """The sum of the yearly figures from the first year: every year before the
        latest whole."""
        target = self.target
        total = Decimal(0)
        series = []
        sources: tuple[Location, ...] = ()
        for year, figure in enumerate(during, start=start + 1):
            if figure.period.year != year:
                return Message.of("reason.sum-missing", year=year)
            if figure is not during[-1] and not figure.period.is_final:
                return Message.of("reason.sum-partial", period=str(figure.period))
            total += figure.value
            sources += figure.sources
            series.append((figure.period, total))
        assert target.value is not None
        points = ((start, Decimal(0)), *target.milestones, (target.year, target.value))
        path = paths.Path(tuple((year, v) for year, v in points), Method.LINEAR)
        return path, tuple(series), _Actual(total, during[-1].period, sources)


def _shown(figure: Decimal | None) -> Decimal | None:
    """A figure read from the trend, if it is within the numbers pcheck shows (a trend
    from a figure near zero can run to thousands of digits): else none."""
    if figure is None or not figure.is_finite() or figure.adjusted() >= MAX_DIGITS:
        return None
    return figure


def _percent(share: Decimal) -> str:
    return show(share * HUNDRED, PERCENT)
