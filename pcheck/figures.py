"""The figures a result shows, derived from the few it stores.

A :class:`~pcheck.model.Result` keeps the actual, the full-year goal and the share
of it due by the period (a goal due years ahead, its :class:`~pcheck.model.Course`);
the threshold, the gap, progress, what remains, the pace needed per quarter and the
reason for the status follow from those, here, for every renderer alike
(deriving them as they are shown keeps a report of hundreds of thousands of
results small).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from pcheck import pacing
from pcheck.model import PERCENT, Basis, Message, Result
from pcheck.operators import OPERATORS, Direction
from pcheck.units import count_step, show

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_OPERATOR_WORDS = {op: Message(f"op.{op.name}") for op in OPERATORS}


def threshold(result: Result) -> Decimal | None:
    """The goal as of the period: pro-rated for a flow before the year's end; on the
    path, for a goal due years ahead."""
    if result.course is not None:
        return result.course.threshold
    if result.goal is None or result.expected is None:
        return None
    return _due(result, result.goal)


def _due(result: Result, amount: Decimal, *, ceiling: bool = False) -> Decimal:
    """What of ``amount`` is due by the result's period, as the engine judged it."""
    if result.expected == 1 or result.period is None:
        return amount
    step = count_step(result.target.unit) if result.target.basis is Basis.VALUE else None
    return pacing.prorated(amount, result.period.month, step, ceiling=ceiling)


class Shown(NamedTuple):
    """Every figure a result shows, derived at once (each derived once)."""

    threshold: Decimal | None
    gap: Decimal | None
    progress: Decimal | None
    remaining: Decimal | None
    per_quarter: Decimal | None
    reason: Message


def shown(result: Result) -> Shown:
    """The figures of :func:`threshold`, :func:`gap`, :func:`progress`,
    :func:`remaining`, :func:`per_quarter` and :func:`reason`, for a renderer that
    shows them all."""
    floor, share, left = threshold(result), progress(result), remaining(result)
    return Shown(
        floor,
        _gap(result, floor),
        share,
        left,
        _per_quarter(result, left),
        _reason(result, share),
    )


def gap(result: Result) -> Decimal | None:
    """Actual minus threshold; for a range, how far outside it the actual is."""
    return _gap(result, threshold(result))


def _gap(result: Result, floor: Decimal | None) -> Decimal | None:
    if result.actual is None or floor is None:
        return None
    if result.course is not None or result.expected is None:
        return result.actual - floor
    upper = result.target.upper
    if OPERATORS[result.target.op].direction is Direction.RANGE and upper is not None:
        ceiling = _due(result, upper, ceiling=True)
        return min(result.actual - floor, ZERO) + max(result.actual - ceiling, ZERO)
    return result.actual - floor


def progress(result: Result) -> Decimal | None:
    """The share of the full-year goal achieved (not for a range); of the way from
    the start to the goal, for a goal due years ahead."""
    if result.course is not None:
        return result.course.progress
    if result.actual is None or not result.goal or result.goal < 0:
        return None
    if OPERATORS[result.target.op].direction is Direction.RANGE:
        return None
    return result.actual / result.goal


def remaining(result: Result) -> Decimal | None:
    """Before the year's end, what is still to be added to reach an "at least" goal
    (for "over" a number of things, one thing more than it)."""
    if result.actual is None or result.goal is None or result.period is None:
        return None
    if OPERATORS[result.target.op].direction is not Direction.UP:
        return None
    course = result.course
    if course is not None:
        due = result.period.year == course.due_year and result.period.is_final
        if due or result.target.basis is Basis.GROWTH:
            return None
    elif result.period.is_final:
        return None
    entry = OPERATORS[result.target.op]
    step = count_step(result.target.unit) if entry.strict else None
    return max(result.goal + (step or ZERO) - result.actual, ZERO)


def per_quarter(result: Result) -> Decimal | None:
    """For a flow, what is still to be added in each remaining quarter."""
    return _per_quarter(result, remaining(result))


def _per_quarter(result: Result, left: Decimal | None) -> Decimal | None:
    if left is None or result.period is None or result.expected == 1 or result.course:
        return None
    return pacing.per_quarter(left, result.period)


def reason(result: Result) -> Message:
    """Why the result has its status: the pace against the year for a flow before
    the year's end, else how the actual stands against the goal; for a result
    without data, why there is none."""
    return _reason(result, progress(result) if result.missing is None else None)


def _reason(result: Result, share: Decimal | None) -> Message:
    if result.missing is not None:
        if result.problems:
            return Message.of(
                "reason.unreadable-rows", reason=result.missing, count=len(result.problems)
            )
        return result.missing
    target = result.target
    assert result.actual is not None and result.goal is not None and result.period is not None
    unit = target.unit if target.basis is Basis.VALUE else PERCENT
    actual, period, goal = show(result.actual, unit), str(result.period), goal_words(result)
    course = result.course
    if course is not None and not (
        result.period.year == course.due_year and result.period.is_final
    ):
        expected = show(course.threshold, unit)
        method = Message(f"method.{course.method.value}")
        if target.basis is Basis.GROWTH:
            return Message(
                "reason.course-growth",
                (("actual", actual), ("start", course.start), ("period", period),
                 ("goal", goal), ("due", course.due_year)),
            )  # fmt: skip
        if target.accumulated_from is not None:
            return Message(
                "reason.course-sum",
                (("actual", actual), ("first", target.accumulated_from), ("period", period),
                 ("expected", expected), ("goal", goal), ("due", course.due_year)),
            )  # fmt: skip
        base = show(course.base, course.unit)
        return Message(
            "reason.course",
            (("actual", actual), ("period", period), ("expected", expected), ("base", base),
             ("start", course.start), ("goal", goal), ("due", course.due_year),
             ("method", method)),
        )  # fmt: skip
    due = result.expected
    if due is not None and due != 1 and share is not None:
        return Message.of(
            "reason.pace",
            actual=actual,
            period=period,
            progress=percent(share),
            goal=goal,
            elapsed=percent(due),
            pace=show(share / due, ""),
        )
    return Message.of(f"reason.{result.status.value}", actual=actual, period=period, goal=goal)


def goal_words(result: Result) -> Message:
    """The goal in words: ``at least 3.2%``, ``growth over 10%``, ``between 3% and 5%``."""
    target = result.target
    assert result.goal is not None
    if OPERATORS[target.op].direction is Direction.RANGE:
        assert target.upper is not None
        unit = target.unit if target.basis is Basis.VALUE else PERCENT
        low, high = show(result.goal, unit), show(target.upper, unit)
        goal = Message.of("goal.between", low=low, high=high)
    else:
        value = show(result.goal, target.unit)
        goal = Message("goal.value", (("op", _OPERATOR_WORDS[target.op]), ("value", value)))
    if target.reference:
        goal = Message.of("goal.reference", goal=goal, reference=target.reference)
    if target.basis is Basis.GROWTH:
        goal = Message.of("goal.growth", goal=goal)
    return goal


def percent(share: Decimal) -> str:
    """A share as a percentage: ``0.5`` → ``50%``."""
    return show(share * HUNDRED, PERCENT)
