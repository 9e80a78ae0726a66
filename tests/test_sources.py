"""The registry of sources: which module reads a file, chosen by its name."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import pcheck.sources
import pcheck.sources.csv
from pcheck.sources import Sheet, column_letter, kind_of, source_for

# -- the registry ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["d.csv", "D.CSV", "d.txt", "d.Txt", "d.xlsx.bak", "d.tsv", "data", "-", "dir.v2/data"]
)
def test_every_other_name_reads_as_csv(name: str) -> None:
    assert kind_of(Path(name)) == "csv"
    assert source_for(Path(name)) is pcheck.sources.csv


@pytest.mark.parametrize("name", ["d.xlsx", "D.XLSM", "d.xlsb", "d.xls", "d.ods"])
def test_workbooks_are_read_by_the_workbook_source(name: str) -> None:
    import pcheck.sources.workbook

    assert kind_of(Path(name)) == "workbook"
    assert source_for(Path(name)) is pcheck.sources.workbook


@pytest.mark.parametrize(
    ("index", "letters"),
    [
        (0, "A"),
        (25, "Z"),
        (26, "AA"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (16383, "XFD"),
    ],
)
def test_column_letters_are_those_a_spreadsheet_shows(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_the_kind_is_found_by_the_suffix_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pcheck.sources.SUFFIXES, ".xlsx", "xlsx")
    assert kind_of(Path("figures.xlsx")) == "xlsx"
    assert kind_of(Path("FIGURES.XLSX")) == "xlsx"
    monkeypatch.delitem(pcheck.sources.SUFFIXES, ".xlsx")
    # Only the last suffix counts; anything unknown is CSV.
    assert kind_of(Path("figures.xlsx.bak")) == "csv"
    assert kind_of(Path("figures")) == "csv"


def test_a_new_kind_is_one_module_and_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("fake_source")

    def fake_sheets(path: Path) -> Iterator[Sheet]:
        yield Sheet(str(path), "only", ["region"], iter([(2, ["330000"])]))

    module.sheets = fake_sheets  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_source", module)
    monkeypatch.setitem(pcheck.sources.SUFFIXES, ".fake", "fake")
    monkeypatch.setitem(pcheck.sources.SOURCES, "fake", "fake_source")
    source = source_for(Path("d.fake"))
    assert source is module
    (sheet,) = source.sheets(Path("d.fake"))
    assert (sheet.name, sheet.header, list(sheet.records)) == (
        "only",
        ["region"],
        [(2, ["330000"])],
    )


def test_a_column_letter_names_each_index_once() -> None:
    letters = [column_letter(index) for index in range(20000)]
    assert len(set(letters)) == len(letters)
    # In spreadsheet order: shorter names first, then alphabetical.
    assert letters == sorted(letters, key=lambda name: (len(name), name))
