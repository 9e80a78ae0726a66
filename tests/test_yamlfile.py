import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.errors import TargetFileError
from pcheck.messages import line
from pcheck.yamlfile import parse_yaml, read_yaml


def problems(text: str) -> list[str]:
    """Every problem of ``text``: a syntax error stops reading (and raises); a value
    that cannot be read is kept on the document and the rest is read on."""
    try:
        found = parse_yaml(text, "t.yaml").problems
    except TargetFileError as exc:
        found = list(exc.problems)
    assert found, "no problem found"
    return [line(p) for p in found]


def test_values_and_positions() -> None:
    document = parse_yaml("a: 1\nb:\n  - 3.20\n  - x\nc: {d: true}\n", "t.yaml")
    assert document.data == {"a": 1, "b": [Decimal("3.20"), "x"], "c": {"d": True}}
    assert document.positions[("b", 1)] == (4, 5)
    assert str(document.where(("c", "d"))) == "t.yaml:5:8"
    assert str(document.where(("c", "missing"))) == "t.yaml:5:4"


def test_numbers_keep_their_written_value() -> None:
    assert parse_yaml("v: 0.1\n", "t.yaml").data["v"] == Decimal("0.1")


def test_anchors_and_aliases_are_refused_where_they_stand() -> None:
    assert problems("a: &x [1, 2]\nb: *x\n") == [
        "t.yaml:1:4: error[yaml-alias]: anchors and aliases are not allowed",
        "t.yaml:2:4: error[yaml-alias]: anchors and aliases are not allowed",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\nc: {d: 1.50}\n",
        "- a: 1_0\n- !!str 1\n- 'x'\n- [1,\n",
        "k: ~\nl: True\n",
    ],
)
def test_the_python_parser_reads_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ruamel.yaml.clib, ruamel.yaml's Python parser gives the same result."""
    from ruamel.yaml import YAML

    def outcome() -> object:
        try:
            document = parse_yaml(text, "t.yaml")
        except TargetFileError as exc:
            # The two parsers word syntax errors differently, at the same place.
            return [line(p).split("YAML syntax:")[0] for p in exc.problems]
        return document.data, document.positions

    with_c = outcome()
    monkeypatch.setattr("ruamel.yaml.YAML", lambda typ, pure: YAML(typ=typ, pure=True))
    assert outcome() == with_c


def test_billion_laughs_does_not_expand() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{','.join('*' + prev for _ in range(9))}]")
    found = problems("\n".join(lines) + "\n")
    assert found and all("yaml-alias" in p for p in found)


def test_duplicate_keys_tags_and_syntax() -> None:
    assert problems("a: 1\na: 2\n") == ["t.yaml:2:1: error[yaml-duplicate-key]: duplicate key 'a'"]
    assert "yaml-tag" in problems("a: !!python/object:os.system x\n")[0]
    assert "yaml-tag" in problems("a: !custom x\n")[0]
    assert problems("a: [1\n")[0].startswith("t.yaml:2:1: error[yaml-syntax]")


def test_every_problem_of_a_file_is_reported() -> None:
    found = problems("a: 1e3\nb: .inf\nc: 0x1F\n")
    assert [p.split(":")[1] for p in found] == ["1", "2", "3"]


def test_depth_is_limited() -> None:
    assert "yaml-depth" in problems("[" * 40 + "]" * 40)[0]


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "gbk.yaml").write_bytes("名称: 测试".encode("gb18030"))
    with pytest.raises(TargetFileError, match="not UTF-8"):
        read_yaml(tmp_path / "gbk.yaml")
    with pytest.raises(TargetFileError, match="cannot read"):
        read_yaml(tmp_path / "missing.yaml")


@given(st.text(max_size=200))
def test_garbage_gives_a_clean_error(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yaml")
    except TargetFileError as exc:
        assert exc.problems


@given(st.binary(max_size=300))
def test_only_the_projects_error_escapes_for_any_bytes(data: bytes) -> None:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(data)
        handle.flush()
        try:
            read_yaml(Path(handle.name))
        except TargetFileError as exc:
            assert exc.problems


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pcheck.yamlfile.MAX_BYTES", 100)
    (tmp_path / "big.yaml").write_text("a: " + "x" * 200)
    with pytest.raises(TargetFileError, match="larger than 100 bytes"):
        read_yaml(tmp_path / "big.yaml")


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import tracemalloc

    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(1024**3)  # 1 GiB, sparse: nothing to read but its size
    tracemalloc.start()
    try:
        with pytest.raises(TargetFileError, match="larger than"):
            read_yaml(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero says it holds nothing and never ends.
    with pytest.raises(TargetFileError, match="not a regular file"):
        read_yaml(Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    with pytest.raises(TargetFileError, match="not a regular file"):
        read_yaml(fifo)
