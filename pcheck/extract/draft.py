"""What extraction finds in a plan: a draft of its target file, as values.

Nothing here is worded: every doubt is a :class:`~pcheck.model.Message`, worded by the
message catalogs when the draft is written out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pcheck.model import Basis, Kind, Message, Op, Tier


@dataclass(frozen=True, slots=True)
class Proposal:
    """A metric the catalog does not have, proposed for the directory's catalog."""

    id: str
    name: str
    unit: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class Start:
    """Where a goal due years ahead starts: the year, and the figure of that year when
    the text states it (由2022年的3.0%…), else ``None`` (the data's figure)."""

    year: int
    value: Fraction | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Goal:
    """One quantitative goal as the text states it.

    ``start`` and ``end`` are offsets of the quote in the text as read; ``value`` is
    None for a comparison with another figure (快于, 高于全国平均), named by
    ``reference``. ``checks`` say what a reviewer should look at, and why.

    A goal due years ahead has a ``baseline`` (由2022年的3.0%提高到…; for an average
    yearly growth, the year before the plan's first), or is a sum of yearly figures
    from ``accumulated_from`` (2023—2027年累计); a goal set for every year (每年…) runs
    from ``each_year_from``.
    """

    start: int
    end: int
    quote: str
    phrase: str
    op: Op
    value: Fraction | None
    unit: str
    year: int
    basis: Basis = Basis.VALUE
    tier: Tier = Tier.BASE
    stretch: Fraction | None = None
    upper: Fraction | None = None  # the upper end, for ``between``
    reference: str | None = None
    metric: str | None = None
    proposal: Proposal | None = None
    checks: tuple[Message, ...] = ()
    verb: str = ""  # the verb of the enumeration the goal is in, when its own words lack one
    baseline: Start | None = None
    accumulated_from: int | None = None
    each_year_from: int | None = None


@dataclass(frozen=True, slots=True)
class Passed:
    """A figure the text gives that is not a goal, with the reason it was left out."""

    start: int
    end: int
    text: str
    reason: Message


@dataclass(frozen=True, slots=True)
class Heading:
    """What the text says about itself, for the target file's ``document`` block."""

    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    number: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A plan's goals, ready to be written as a target file."""

    source: str
    heading: Heading
    region: str | None
    year: int
    goals: tuple[Goal, ...]
    passed: tuple[Passed, ...] = ()
    checks: tuple[Message, ...] = field(default=())

    @property
    def proposals(self) -> tuple[Proposal, ...]:
        """Each proposed metric once, in the order the goals first need them."""
        seen: dict[str, Proposal] = {}
        for goal in self.goals:
            if goal.proposal is not None:
                seen.setdefault(goal.proposal.id, goal.proposal)
        return tuple(seen.values())
