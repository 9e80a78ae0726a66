"""The cache of loaded target directories: fast when nothing changed, never stale,
and nothing in it can run code or crash pcheck."""

import gc
import json
import os
import pickle
import threading
import weakref
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import target_file
from pcheck import units
from pcheck.cache import FORMAT, KEEP_ENTRIES, cache_folder, load_directory
from pcheck.errors import TargetFileError
from pcheck.messages import line

TARGET = """
- id: t1
  metric: rd_intensity
  op: ">="
  value: 3
  unit: "%"
  quote: 达3%
"""
Write = Callable[[str, str], Path]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PCHECK_CACHE_DIR", str(cache))
    return cache


def entries(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.json") if not p.name.startswith("units-")]


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr("pcheck.cache.read_targets", refuse)


def test_second_load_comes_from_the_cache(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    catalog, targets = load_directory(directory, extend_catalog=True)
    assert [t.id for t in targets] == ["t1"]
    assert len(entries(folder)) == 1 and len(list(folder.glob("units-*.json"))) == 1
    no_yaml(monkeypatch)
    again_catalog, again = load_directory(directory, extend_catalog=True)
    assert again == targets
    assert again[0].region_entry == targets[0].region_entry
    assert again[0].metric_entries == targets[0].metric_entries
    assert again[0].location == targets[0].location
    assert again_catalog.metrics == catalog.metrics
    assert again_catalog.regions.defined == catalog.regions.defined
    for name in ("杭州", "Xihu", "330110", "西湖区", "330183"):
        assert again_catalog.regions.match(name) == catalog.regions.match(name)


COURSES = """
- id: path
  metric: rd_intensity
  year: 2027
  op: ">="
  value: 3.6
  unit: "%"
  baseline: {year: 2022, value: 3.0, unit: "%"}
  milestones: [{year: 2025, value: 3.3}]
  method: growth
  quote: 由2022年的3.0%提高到3.6%
- id: from-data
  metric: rd_intensity
  year: 2027
  op: ">="
  value: 3.6
  unit: "%"
  baseline: {year: 2022}
  quote: 提高到3.6%
- id: sum
  metric: hitech_enterprises_added
  year: 2027
  accumulated_from: 2023
  op: ">="
  value: 20000
  unit: 家
  quote: 累计新增2万家
"""


def test_goals_due_years_ahead_come_back_whole(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(COURSES)).parent
    _, targets = load_directory(directory, extend_catalog=True)
    no_yaml(monkeypatch)
    _, again = load_directory(directory, extend_catalog=True)
    assert again == targets
    assert [(t.baseline, t.milestones, t.method, t.accumulated_from) for t in again] == [
        (t.baseline, t.milestones, t.method, t.accumulated_from) for t in targets
    ]
    assert again[0].milestones and again[1].baseline and again[2].accumulated_from


MANY = [
    f"""
- id: m{n}
  metric: {"rd_intensity" if n % 3 else "hitech_enterprises_added"}
  op: "{">=" if n % 2 else "<="}"
  value: {n % 4}
  unit: "{"%" if n % 3 else "家"}"
  quote: 目标{n % 5}
  {"stretch: 9" if n == 5 else "note: 注"}
"""
    for n in range(12)
]


def test_many_targets_come_back_whole_whatever_their_columns_repeat(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Columns of one value, of values that repeat, of distinct values and of a few
    # set among many missing, over two files.
    write("t/a.yaml", target_file(*MANY[:7]))
    directory = write("t/b.yaml", target_file(*MANY[7:]).replace("m1", "n1")).parent
    _, targets = load_directory(directory, extend_catalog=True)
    assert len(targets) == 12
    no_yaml(monkeypatch)
    _, again = load_directory(directory, extend_catalog=True)
    assert again == targets
    assert [t.location for t in again] == [t.location for t in targets]
    assert {t.stretch for t in again} == {None, Decimal(9)}


@pytest.mark.parametrize(
    "damage",
    [
        lambda columns: columns["value"].__setitem__(1, "AAAA/w=="),  # a position past the end
        lambda columns: columns["value"].__setitem__(1, "not base 64!"),
        lambda columns: columns["value"].__setitem__(1, "AAAAAA=="),  # another length
        lambda columns: columns["quote"].__setitem__(1, 99),  # a count of another length
        lambda columns: columns["id"].__setitem__(0, [1] * 12),  # ids that are not text
        lambda columns: columns["op"].__setitem__(0, ["≥", "<="]),
        lambda columns: columns["line"].__setitem__(0, [True, 2]),
        lambda columns: columns.pop("note"),
    ],
)
def test_a_damaged_column_is_passed_over_and_written_anew(
    folder: Path, write: Write, damage: Callable[[dict[str, list[object]]], object]
) -> None:
    directory = write("t/a.yaml", target_file(*MANY)).parent
    _, targets = load_directory(directory, extend_catalog=True)
    (entry,) = entries(folder)
    data = json.loads(entry.read_bytes())
    damage(data["targets"])
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_directory(directory, extend_catalog=True)[1] == targets
    assert json.loads(entry.read_bytes()) != data  # written anew


class _Node:
    """An object that can be part of a cycle and be watched for collection."""

    itself: object = None


def test_what_a_load_makes_goes_to_the_oldest_generation(folder: Path, write: Write) -> None:
    directory = write("t/a.yaml", target_file(*MANY)).parent
    load_directory(directory, extend_catalog=True)  # the entry is written
    node = _Node()
    node.itself = node  # a cycle, made before the load
    gone = weakref.ref(node)
    del node
    _, targets = load_directory(directory, extend_catalog=True)
    assert gc.isenabled()
    assert any(found is targets[0] for found in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0  # moved there, not left out of collections
    gc.collect()
    assert gone() is None


def test_objects_another_froze_stay_frozen(folder: Path, write: Write) -> None:
    directory = write("t/a.yaml", target_file(*MANY)).parent
    load_directory(directory, extend_catalog=True)
    theirs = _Node()
    gc.freeze()
    try:
        load_directory(directory, extend_catalog=True)
        assert not any(found is theirs for found in gc.get_objects())  # still frozen
    finally:
        gc.unfreeze()


def test_a_change_that_keeps_size_and_time_is_seen(folder: Path, write: Write) -> None:
    path = write("t/a.yaml", target_file(TARGET))
    load_directory(path.parent, extend_catalog=True)
    before = path.stat()
    path.write_text(target_file(TARGET.replace("value: 3", "value: 4")), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as tar and rsync leave it
    assert path.stat().st_size == before.st_size
    _, targets = load_directory(path.parent, extend_catalog=True)
    assert targets[0].value == 4


def test_invalid_files_are_not_cached(folder: Path, write: Write) -> None:
    path = write("t/a.yaml", "targets: [\n")
    for _ in range(2):
        with pytest.raises(TargetFileError):
            load_directory(path.parent, extend_catalog=True)
    assert entries(folder) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_the_target_files_is_reported_not_waited_on(
    folder: Path, write: Write
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    os.mkfifo(directory / "b.yaml")  # no writer: opening it to read would wait for one
    raised: list[BaseException] = []

    def load() -> None:
        try:
            load_directory(directory, extend_catalog=True)
        except BaseException as exc:
            raised.append(exc)

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    loader.join(timeout=30)
    assert not loader.is_alive(), "waited for a writer"
    (error,) = raised
    assert isinstance(error, TargetFileError)
    assert [line(problem) for problem in error.problems] == [
        f"{directory / 'b.yaml'}: error[invalid]: not a regular file"
    ]
    assert entries(folder) == []


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"",
        json.dumps({"format": FORMAT}).encode(),
        json.dumps(["something", "else"]).encode(),
        json.dumps(
            {
                "format": FORMAT,
                "metrics": [],
                "regions": [],
                "documents": [],
                "targets": {"id": [1]},
            }
        ).encode(),
    ],
)
def test_a_broken_entry_is_passed_over_and_written_anew(
    folder: Path, write: Write, content: bytes
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    (entry,) = entries(folder)
    entry.write_bytes(content)
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]
    assert json.loads(entry.read_bytes())["format"] == FORMAT


class _Planted:
    """A pickle that would create a file if it were ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_nothing_planted_in_the_cache_runs(folder: Path, write: Write, tmp_path: Path) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    marker = tmp_path / "ran"
    planted = pickle.dumps(_Planted(marker))
    for path in folder.iterdir():
        path.write_bytes(planted)
        (folder / (path.stem + ".pickle")).write_bytes(planted)
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]
    assert not marker.exists()


def test_a_folder_others_may_write_to_is_not_used(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o777)  # as a shared /tmp folder would be
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    assert list(folder.iterdir()) == []  # nothing written there…
    folder.chmod(0o700)
    load_directory(directory, extend_catalog=True)
    assert len(entries(folder)) == 1
    folder.chmod(0o777)
    no_yaml(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):  # …and nothing read from it
        load_directory(directory, extend_catalog=True)


def test_an_entry_others_may_write_to_or_a_link_is_not_read(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    (entry,) = entries(folder)
    entry.chmod(0o666)
    no_yaml(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        load_directory(directory, extend_catalog=True)
    elsewhere = tmp_path / "elsewhere.json"
    entry.chmod(0o600)
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    with pytest.raises(AssertionError, match="read again"):
        load_directory(directory, extend_catalog=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_of_another_user_is_not_read(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    (entry,) = entries(folder)
    os.chown(entry, 65534, 65534)
    no_yaml(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        load_directory(directory, extend_catalog=True)


def test_a_failed_write_leaves_nothing_behind(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pcheck.cache.json.dump", full_disk)
    assert [t.id for t in load_directory(directory, extend_catalog=True)[1]] == ["t1"]
    assert list(folder.iterdir()) == []


def test_old_entries_do_not_pile_up(folder: Path, write: Write) -> None:
    path = write("t/a.yaml", target_file(TARGET))
    for value in range(KEEP_ENTRIES + 5):
        path.write_text(target_file(TARGET.replace("value: 3", f"value: {value}")))
        load_directory(path.parent, extend_catalog=True)
    assert len(entries(folder)) == KEEP_ENTRIES


def test_an_unwritable_cache_is_passed_over(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
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
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    monkeypatch.setattr(units, "_table", None)
    load_directory(directory, extend_catalog=True)
    assert units._table is not None and units._table["亿元"][1] == 10**8


@pytest.mark.parametrize(
    "content", [b"[1, 2]", b'{"\\u5143": [1, 2]}', b'{"x": "y"}', b"{}", b"\xff", b"null"]
)
def test_a_unit_table_of_another_layout_is_built_anew(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    directory = write("t/a.yaml", target_file(TARGET)).parent
    load_directory(directory, extend_catalog=True)
    (table,) = folder.glob("units-*.json")
    table.write_bytes(content)
    monkeypatch.setattr(units, "_table", None)
    load_directory(directory, extend_catalog=True)
    assert units.unit_table()["亿元"][1] == 10**8


def test_locations_follow_the_directory_as_named_this_time(
    folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write("work/t/a.yaml", target_file(TARGET))
    monkeypatch.chdir(tmp_path / "work")
    _, first = load_directory(Path("t"), extend_catalog=True)
    assert first[0].location.path == str(Path("t") / "a.yaml")
    monkeypatch.chdir(tmp_path)
    no_yaml(monkeypatch)
    _, again = load_directory(Path("work/t"), extend_catalog=True)
    assert again[0].location.path == str(Path("work/t") / "a.yaml")
    assert Path(again[0].location.path).is_file()
