"""Recall and precision of drafting on the five plan texts the built-in targets come from.

A target is drafted when a draft's quote overlaps the target's quote in the text and
their values agree (for a comparison with another figure, a comparison draft). A
draft is a goal when it is the draft of some target.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from pcheck.catalog import load_catalog
from pcheck.extract import extract
from pcheck.extract.text import clean
from pcheck.targets import default_directory, load_targets

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the plan texts are not beside the repository"
)


def _span(cleaned_shown: str, origin: tuple[int, ...], quote: str) -> tuple[int, int]:
    """Where ``quote`` is in the text, spaces and romanisation aside."""
    squeezed = re.sub(r"\s+", "", quote)
    flat = "".join(cleaned_shown.split())
    keep = [i for i, char in enumerate(cleaned_shown) if not char.isspace()]
    index = flat.find(squeezed)
    assert index >= 0, quote
    return origin[keep[index]], origin[keep[index + len(squeezed) - 1]] + 1


def _score() -> tuple[list[str], int, int]:
    catalog = load_catalog()
    targets = load_targets(default_directory(), catalog)
    missed: list[str] = []
    drafts = matched_drafts = 0
    by_source: dict[str, list] = {}
    for target in targets:
        by_source.setdefault(target.document.source or "", []).append(target)
    for source, group in by_source.items():
        original = (SEEDS / source).read_text(encoding="utf-8")
        text = clean(original)
        draft = extract(original, catalog, source)
        used: set[int] = set()
        for target in group:
            start, end = _span(text.shown, text.origin, target.quote)
            hits = [
                i
                for i, goal in enumerate(draft.goals)
                if goal.start < end
                and start < goal.end
                and (
                    (goal.value is None and target.value is None)
                    or (
                        goal.value is not None
                        and target.value is not None
                        # A target file's 100/3 is held as a decimal of 34 digits.
                        and abs(goal.value - Fraction(target.value)) < Fraction(1, 10**20)
                    )
                    or (goal.value is None and target.reference is None)
                )
            ]
            if hits:
                used.update(hits)
            else:
                missed.append(f"{target.id}: {target.quote}")
        drafts += len(draft.goals)
        matched_drafts += len(used)
    return missed, drafts, matched_drafts


def test_every_goal_of_the_built_in_targets_is_drafted() -> None:
    missed, _, _ = _score()
    assert missed == []


def test_at_least_95_percent_of_drafts_are_goals() -> None:
    _, drafts, matched = _score()
    print(f"{matched} of {drafts} drafts are goals")
    assert drafts > 0
    assert matched / drafts >= 0.95, f"{matched} of {drafts} drafts are goals"
