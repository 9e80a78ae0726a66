"""The development set's marks are well formed, checked as the blind set's are.

The set is described in ``tests/extract/dev/README.md``: texts the extractor's rules
may be tuned on. Besides the blind set's checks, it must share no text with the
blind set, or tuning on it would tune on the blind texts too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_blind_marks import (
    BLIND,
    OPS,
    check_clean_utf8,
    check_goals,
    check_not_goals,
    check_texts_and_sources,
    load,
    text_of,
)

from conftest import ROOT

DEV = ROOT / "tests" / "extract" / "dev"
MARKS = sorted(DEV.glob("*.goals.yaml"))


def test_every_text_has_marks_and_a_source() -> None:
    assert 30 <= len(check_texts_and_sources(DEV)) <= 40


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_text_is_clean_utf8(marks: Path) -> None:
    check_clean_utf8(DEV, marks)


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_goals_are_well_formed(marks: Path) -> None:
    check_goals(DEV, marks)


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_not_goals_are_well_formed(marks: Path) -> None:
    check_not_goals(DEV, marks)
    assert 8 <= len(load(marks)["not_goals"]) <= 20


def plain(path: Path) -> str:
    """A text without whitespace and the romanisation some copies write after characters."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", "", re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text))


def test_no_text_is_shared_with_the_blind_set() -> None:
    width = 30
    assert not {p.name for p in BLIND.glob("*.txt")} & {p.name for p in DEV.glob("*.txt")}
    pieces = set()
    for path in BLIND.glob("*.txt"):
        text = plain(path)
        pieces |= {text[i : i + width] for i in range(len(text) - width + 1)}
    for path in DEV.glob("*.txt"):
        text = plain(path)
        shared = any(text[i : i + width] in pieces for i in range(len(text) - width + 1))
        assert not shared, f"{path.name} repeats a passage of a blind text"


def test_the_set_is_large_and_varied() -> None:
    goals = [goal for m in MARKS for goal in load(m)["goals"]]
    assert len(goals) >= 170
    assert sum(goal["core"] for goal in goals) >= 0.7 * len(goals)
    assert sum(len(load(m)["not_goals"]) for m in MARKS) >= 300
    texts = [text_of(DEV, m) for m in MARKS]
    assert any("\r\n" in t for t in texts), "a text with CRLF line endings"
    assert sum("國" in t or "會" in t for t in texts) >= 10, "texts in traditional characters"
    assert any(re.search(r"\([a-zǎàáā]+\)", t) for t in texts), "a text with pinyin debris"
    assert any(re.search(r"[０-９]", t) for t in texts), "a text with full-width digits"
    assert any(re.search(r"\d[ \u2009]\d{3}", t) for t in texts), "a space inside a number"
    assert any(re.search(r"^[^\n]* \| [^\n]* \|\r?$", t, re.M) for t in texts), "a table"
    assert {goal["tier"] for goal in goals} == {"base", "stretch"}
    assert {goal["basis"] for goal in goals} == {"value", "growth"}
    assert {">=", ">", "<=", "approx", "between"} <= {goal["op"] for goal in goals} <= OPS
    assert any(goal["year"] is None for goal in goals), "a text that gives no year"
    assert any(goal["unit"] == "pp" for goal in goals), "a goal in percentage points"
    assert sum(not goal["core"] for goal in goals) >= 15, "restatements, ranks, breakdowns"
    reasons = [e["reason"] for m in MARKS for e in load(m)["not_goals"]]
    assert reasons.count("past") >= 40, "texts with a review of past figures"
    assert {"base", "placeholder", "threshold"} <= set(reasons)
