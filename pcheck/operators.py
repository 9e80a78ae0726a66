"""The operators a goal can state, one entry each: how it is written, how it is
said, which way is better and how an actual is compared with its bound.

Adding an operator is one :class:`~pcheck.model.Op` member and one entry here;
the target-file schema, the reader, the engine and the renderers all ask this
registry.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from pcheck.model import Op, Status


class Direction(enum.Enum):
    """Which way an actual should go: up to a floor, down to a ceiling, or into a range."""

    UP = "up"
    DOWN = "down"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Operator:
    """One operator. ``words`` are what it is called in each language's reports."""

    op: Op
    symbol: str
    words: dict[str, str]
    direction: Direction
    strict: bool = False
    takes_reference: bool = True
    takes_tolerance: bool = False

    @property
    def has_floor(self) -> bool:
        """True when the goal sets a lower bound (more is better up to it)."""
        return self.direction is not Direction.DOWN

    @property
    def has_ceiling(self) -> bool:
        """True when the goal sets an upper bound."""
        return self.direction is not Direction.UP

    def above(self, actual: Decimal, floor: Decimal) -> bool:
        """Whether ``actual`` clears ``floor`` (strictly for ``>``)."""
        return actual > floor if self.strict else actual >= floor

    def below(self, actual: Decimal, ceiling: Decimal) -> bool:
        """Whether ``actual`` stays under ``ceiling`` (strictly for ``<``)."""
        return actual < ceiling if self.strict else actual <= ceiling

    def beyond(self, stretch: Decimal, value: Decimal) -> bool:
        """Whether a stretch value asks for more than the value, in this direction."""
        if self.direction is Direction.UP:
            return stretch > value
        if self.direction is Direction.DOWN:
            return stretch < value
        return False


OPERATORS: dict[Op, Operator] = {
    Op.GE: Operator(Op.GE, "≥", {"en": "at least", "zh": "不低于"}, Direction.UP),
    Op.GT: Operator(Op.GT, ">", {"en": "over", "zh": "超过"}, Direction.UP, strict=True),
    Op.LE: Operator(Op.LE, "≤", {"en": "at most", "zh": "不高于"}, Direction.DOWN),
    Op.LT: Operator(Op.LT, "<", {"en": "under", "zh": "低于"}, Direction.DOWN, strict=True),
    Op.APPROX: Operator(
        Op.APPROX,
        "≈",
        {"en": "about", "zh": "左右"},
        Direction.UP,  # below the band is a shortfall; above it passes with a note
        takes_reference=False,
        takes_tolerance=True,
    ),
    Op.BETWEEN: Operator(
        Op.BETWEEN, "–", {"en": "between", "zh": "介于"}, Direction.RANGE, takes_reference=False
    ),
}


def operator(op: Op) -> Operator:
    """The registry entry of ``op``."""
    return OPERATORS[op]


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
