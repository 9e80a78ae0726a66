import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import target_file
from pcheck import units
from pcheck.cache import cache_folder, load_directory
from pcheck.errors import TargetFileError

TARGET = """
- id: t1
  metric: rd_intensity
  op: ">="
  value: 3
  unit: "%"
  quote: 达3%
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PCHECK_CACHE_DIR", str(cache))
    return cache


def test_second_load_comes_from_the_cache(
    folder: Path, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    catalog, targets = load_directory(directory, extend_catalog=True)
    assert [t.id for t in targets] == ["t1"]
    assert len(list(folder.glob("*.pickle"))) == 2  # the targets, and the unit table

    def no_yaml(*_: object) -> None:
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr("pcheck.cache.load_targets", no_yaml)
    again_catalog, again = load_directory(directory, extend_catalog=True)
    assert again == targets
    assert again_catalog.metrics == catalog.metrics


def test_a_changed_file_is_read_again(folder: Path, write: Callable[[str, str], Path]) -> None:
    path = write("t/a.yaml", target_file(TARGET))
    load_directory(path.parent, extend_catalog=True)
    path.write_text(target_file(TARGET.replace("value: 3", "value: 4")), encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))
    _, targets = load_directory(path.parent, extend_catalog=True)
    assert targets[0].value == 4


def test_invalid_files_are_not_cached(folder: Path, write: Callable[[str, str], Path]) -> None:
    path = write("t/a.yaml", "targets: [\n")
    for _ in range(2):
        with pytest.raises(TargetFileError):
            load_directory(path.parent, extend_catalog=True)
    assert [p.name[:6] for p in folder.glob("*.pickle")] == ["units-"]


def test_a_broken_cache_is_passed_over(folder: Path, write: Callable[[str, str], Path]) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    (entry,) = (p for p in folder.glob("*.pickle") if not p.name.startswith("units-"))
    entry.write_bytes(b"not a pickle")
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]
    entry.write_bytes(pickle.dumps(("something", "else")))
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]


def test_an_unwritable_cache_is_passed_over(
    tmp_path: Path, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PCHECK_CACHE_DIR", str(blocker / "cache"))
    directory = write("t/a.yaml", target_file(TARGET)).parent
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PCHECK_CACHE_DIR", "off")
    assert cache_folder() is None
    monkeypatch.delenv("PCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "pcheck"


def test_the_unit_table_comes_with_the_cache(
    folder: Path, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    monkeypatch.setattr(units, "_table", None)
    load_directory(directory, extend_catalog=True)
    assert units._table is not None and units._table["亿元"][1] == 10**8
