"""The blind set's marks are well formed: every quote and snippet is in its text,
operators, units, tiers and years are valid, figures parse and are in their quotes.

The set itself is described in ``tests/extract/blind/README.md``; this checks what
can be checked without reading the texts as a person would. The checks of one text
take the set's folder, so that ``test_dev_marks.py`` runs them on the development set.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

BLIND = ROOT / "tests" / "extract" / "blind"

GOAL_KEYS = {"quote", "op", "value", "unit", "basis", "tier", "stretch", "year", "core"}
OPTIONAL_KEYS = {"occurrence", "note"}
OPS = {">=", ">", "<=", "<", "approx", "between"}
UNITS = {
    "%", "pp", "", "家", "个", "项", "件", "人", "名", "户", "种", "座", "位", "倍",
    "人年", "万人", "万个", "万家", "万户", "亿元", "万元", "万亿元", "亿美元",
    "万平方米",
}  # fmt: skip
FIGURE = re.compile(r"\d+(\.\d+)?(/[1-9]\d*)?")
REASON = re.compile(r"[a-z]+(-[a-z]+)*")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def text_of(folder: Path, marks: Path) -> str:
    return (folder / load(marks)["text"]).read_bytes().decode("utf-8")


def check_texts_and_sources(folder: Path) -> list[str]:
    """Every text has marks and one row with an address in SOURCES.md; the names."""
    texts = sorted(p.name for p in folder.glob("*.txt"))
    marked = sorted(load(m)["text"] for m in folder.glob("*.goals.yaml"))
    assert texts == marked
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    for name in texts:
        rows = [line for line in sources.splitlines() if line.startswith(f"| `{name}` |")]
        assert len(rows) == 1 and "| http" in rows[0], f"{name} has no address in SOURCES.md"
    return texts


def check_clean_utf8(folder: Path, marks: Path) -> None:
    raw = (folder / load(marks)["text"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    controls = {c for c in text if unicodedata.category(c) == "Cc"} - {"\n", "\r"}
    assert not controls


def check_goals(folder: Path, marks: Path) -> None:
    data = load(marks)
    assert set(data) == {"text", "goals", "not_goals"}
    text = text_of(folder, marks)
    assert data["goals"], "a text with no goals measures nothing"
    seen = set()
    for goal in data["goals"]:
        where = f"{marks.name}: {goal.get('quote')!r}"
        assert GOAL_KEYS <= set(goal) <= GOAL_KEYS | OPTIONAL_KEYS, where
        quote = goal["quote"]
        occurrences = text.count(quote)
        assert occurrences, f"{where}: quote not in the text"
        if "occurrence" in goal:
            assert 1 <= goal["occurrence"] <= occurrences, where
        else:
            assert occurrences == 1, f"{where}: occurs {occurrences} times; say which"
        assert goal["op"] in OPS, where
        figures = goal["value"] if goal["op"] == "between" else [goal["value"]]
        assert len(figures) == (2 if goal["op"] == "between" else 1), where
        for figure in figures:
            assert isinstance(figure, str) and FIGURE.fullmatch(figure), where
            assert figure in unicodedata.normalize("NFKC", quote) or "note" in goal, (
                f"{where}: {figure} is not in the quote and no note says why"
            )
        if goal["op"] == "between":
            assert Fraction(figures[0]) < Fraction(figures[1]), where
        assert goal["unit"] in UNITS, where
        assert goal["basis"] in {"value", "growth"}, where
        assert goal["tier"] in {"base", "stretch"}, where
        if goal["stretch"] is not None:
            assert goal["tier"] == "base", f"{where}: a stretch figure goes with a base goal"
            assert FIGURE.fullmatch(goal["stretch"]) and goal["stretch"] in quote, where
            assert Fraction(goal["stretch"]) != Fraction(goal["value"]), where
        year = goal["year"]
        assert (isinstance(year, int) and 1990 <= year <= 2035) or (
            year is None and "note" in goal
        ), where
        assert isinstance(goal["core"], bool), where
        key = (quote, str(goal["value"]), goal.get("occurrence"), goal.get("note"))
        assert key not in seen, f"{where}: marked twice alike; a note or occurrence must tell"
        seen.add(key)


def check_not_goals(folder: Path, marks: Path) -> None:
    data = load(marks)
    text = text_of(folder, marks)
    quotes = {goal["quote"] for goal in data["goals"]}
    assert 4 <= len(data["not_goals"]) <= 20
    for entry in data["not_goals"]:
        assert set(entry) == {"snippet", "reason"}
        assert entry["snippet"] in text, f"{marks.name}: {entry['snippet']!r} not in the text"
        assert entry["snippet"] not in quotes, f"{marks.name}: {entry['snippet']!r} is a goal"
        assert REASON.fullmatch(entry["reason"]), entry["reason"]


MARKS = sorted(BLIND.glob("*.goals.yaml"))


def test_every_text_has_marks_and_a_source() -> None:
    assert 8 <= len(check_texts_and_sources(BLIND)) <= 12


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_text_is_clean_utf8(marks: Path) -> None:
    check_clean_utf8(BLIND, marks)


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_goals_are_well_formed(marks: Path) -> None:
    check_goals(BLIND, marks)


@pytest.mark.parametrize("marks", MARKS, ids=lambda p: p.name)
def test_not_goals_are_well_formed(marks: Path) -> None:
    check_not_goals(BLIND, marks)


def test_the_set_is_large_and_varied() -> None:
    goals = [goal for m in MARKS for goal in load(m)["goals"]]
    assert len(goals) >= 100
    assert sum(goal["core"] for goal in goals) >= 0.7 * len(goals)
    assert sum(len(load(m)["not_goals"]) for m in MARKS) >= 100
    texts = [text_of(BLIND, m) for m in MARKS]
    assert any("\r\n" in t for t in texts), "a text with CRLF line endings"
    assert any("國" in t or "會" in t for t in texts), "a text in traditional characters"
    assert any(re.search(r"\([a-zǎàáā]+\)", t) for t in texts), "a text with pinyin debris"
    assert {goal["tier"] for goal in goals} == {"base", "stretch"}
    assert {goal["basis"] for goal in goals} == {"value", "growth"}
    assert {goal["op"] for goal in goals} == OPS - {"<"}
