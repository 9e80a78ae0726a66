"""The registry of sources: which module reads a file, chosen by its name."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import pcheck.sources
import pcheck.sources.csv
from pcheck.sources import Sheet, kind_of, source_for

# -- the registry ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["d.csv", "D.CSV", "d.txt", "d.Txt", "d.xlsx", "d.tsv", "data", "-", "dir.v2/data"]
)
def test_every_name_reads_as_csv_today(name: str) -> None:
    assert kind_of(Path(name)) == "csv"
    assert source_for(Path(name)) is pcheck.sources.csv


def test_the_kind_is_found_by_the_suffix_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pcheck.sources.SUFFIXES, ".xlsx", "xlsx")
    assert kind_of(Path("figures.xlsx")) == "xlsx"
    assert kind_of(Path("FIGURES.XLSX")) == "xlsx"
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
