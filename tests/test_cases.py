"""The command line's contract as case folders: arguments and inputs in, output and
exit code out, byte for byte.

Every folder under ``tests/cases/`` is one case; ``tests/cases/README.md`` says what it
holds. A case runs in a scratch copy of its folder, beside a copy of the repository's
``data/``, so that its arguments read like the commands in README.md. After a
deliberate change of output, rewrite the expectations with
``PCHECK_UPDATE_CASES=1 python -m pytest tests/test_cases.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pcheck.cli import cli

CASES = Path(__file__).parent / "cases"
UPDATE = bool(os.environ.get("PCHECK_UPDATE_CASES"))

# What a case folder holds besides its inputs.
CONTROL = ("args", "env", "stdin", "stdout", "stderr", "exit", "written")

# Off a terminal: no colour, 80 columns; the built-in targets; no tracebacks; English
# whatever the locale of the machine (a case says --lang, or PCHECK_LANG in its env).
ENVIRONMENT = {
    "PCHECK_LANG": "",
    "LC_ALL": "",
    "LC_MESSAGES": "",
    "LANG": "C.UTF-8",
    "NO_COLOR": "1",
    "FORCE_COLOR": "",
    "COLUMNS": "80",
    "PCHECK_TARGETS": "",
    "PCHECK_DEBUG": "",
}

# click before 8.4 names the first help option in a usage error's hint ("Try 'pcheck
# evaluate -h' for help."), later releases --help. The cases record the latter; this
# keeps them passing down to the oldest click pcheck supports.
OLD_CLICK_HINT = re.compile(rb"^(Try '[^'\n]*) -h' for help\.$", re.MULTILINE)
OLD_CLICK = tuple(map(int, re.findall(r"\d+", version("click"))[:2])) < (8, 4)


def case_names() -> list[str]:
    """The case folders, in name order."""
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", case_names())
def test_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    assert (case / "args").is_file(), f"{case} has no args file"
    assert (case / "exit").is_file() or UPDATE, f"{case} has no exit file"
    work = tmp_path / "work"
    prepare(case, work)
    monkeypatch.chdir(work)
    actual, written, left = run(case, work)
    if UPDATE:
        record(case, actual, written)
    differences = [*left, *compare(case, actual, written)]
    if differences:
        pytest.fail(failure(case, differences), pytrace=False)


def prepare(case: Path, work: Path) -> None:
    """Copy the repository's data/ and the case's inputs into ``work``."""
    assert not (case / "data").exists(), f"{case}: data/ is the repository's; rename it"
    shutil.copytree(ROOT / "data", work / "data")
    for entry in case.iterdir():
        if entry.name in CONTROL:
            continue
        if entry.is_dir():
            shutil.copytree(entry, work / entry.name)
        else:
            shutil.copy2(entry, work / entry.name)


def run(case: Path, work: Path) -> tuple[dict[str, bytes], dict[str, bytes], list[str]]:
    """Run the case in ``work``: its output and exit code, the files it wrote, and what
    else it changed there (files removed, empty directories left behind)."""
    places = {"{case}": str(work), "{root}": str(ROOT)}
    args = [expand(arg, places) for arg in lines_of(case / "args")]
    env = {**ENVIRONMENT, **read_env(case / "env", places)}
    stdin = (case / "stdin").read_bytes() if (case / "stdin").is_file() else None
    before, folders = snapshot(work), set(work.rglob("*"))
    result = CliRunner().invoke(
        cli, args, input=stdin, env=env, prog_name="pcheck", catch_exceptions=False
    )
    stderr = result.stderr_bytes
    if OLD_CLICK:
        stderr = OLD_CLICK_HINT.sub(rb"\1 --help' for help.", stderr)
    actual = {
        "stdout": placeholders(result.stdout_bytes, places),
        "stderr": placeholders(stderr, places),
        "exit": f"{result.exit_code}\n".encode(),
    }
    after = snapshot(work)
    written = {p: placeholders(d, places) for p, d in after.items() if before.get(p) != d}
    left = [f"the run removed {path}" for path in sorted(before.keys() - after.keys())]
    left += [
        f"the run left the empty directory {path.relative_to(work).as_posix()} behind"
        for path in sorted(set(work.rglob("*")) - folders)
        if path.is_dir() and not any(p.is_file() for p in path.rglob("*"))
    ]
    return actual, written, left


def lines_of(path: Path) -> list[str]:
    """The lines of a file, verbatim: one argument (or one variable) a line."""
    text = path.read_text(encoding="utf-8")
    return text.removesuffix("\n").split("\n") if text else []


def read_env(path: Path, places: dict[str, str]) -> dict[str, str]:
    """KEY=VALUE lines, if the case has an env file."""
    if not path.is_file():
        return {}
    pairs = (line.partition("=") for line in lines_of(path) if line.strip())
    return {key: expand(value, places) for key, _, value in pairs}


def expand(text: str, places: dict[str, str]) -> str:
    """``{case}`` and ``{root}`` in an argument, as real paths."""
    for placeholder, path in places.items():
        text = text.replace(placeholder, path)
    return text


def placeholders(data: bytes, places: dict[str, str]) -> bytes:
    """Real paths in output, as ``{case}`` and ``{root}`` (the longer path first)."""
    for placeholder, path in sorted(places.items(), key=lambda item: -len(item[1])):
        data = data.replace(path.encode(), placeholder.encode())
    return data


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def compare(case: Path, actual: dict[str, bytes], written: dict[str, bytes]) -> list[str]:
    """A diff for each expectation the run does not meet."""
    differences = []
    for name, data in actual.items():
        path = case / name
        expected = path.read_bytes() if path.is_file() else b""
        if data == expected:
            continue
        if name == "exit":
            got = data.decode().strip()
            differences.append(f"exit code: expected {expected.decode().strip()}, got {got}")
        else:
            differences.append(diff(f"{name} (tests/cases/{case.name}/{name})", expected, data))
    expected_files = snapshot(case / "written") if (case / "written").is_dir() else {}
    for path in sorted(expected_files.keys() | written.keys()):
        if path not in written:
            differences.append(f"the run did not write {path} (written/{path})")
        elif path not in expected_files:
            differences.append(diff(f"written/{path} (the case has none)", b"", written[path]))
        elif written[path] != expected_files[path]:
            differences.append(diff(f"written/{path}", expected_files[path], written[path]))
    return differences


def failure(case: Path, differences: list[str]) -> str:
    """What a failing case prints: its command, the differences, how to accept them."""
    node = f"'tests/test_cases.py::test_case[{case.name}]'"
    return "\n".join(
        [
            f"case {case.name}: pcheck {shlex.join(lines_of(case / 'args'))}",
            *differences,
            f"If the new output is intended: PCHECK_UPDATE_CASES=1 python -m pytest {node}, "
            "then review the diff.",
        ]
    )


def diff(what: str, expected: bytes, actual: bytes) -> str:
    """A unified diff of expected and actual output, invisible characters shown."""
    lines = difflib.unified_diff(readable(expected), readable(actual), f"expected {what}", "actual")
    return "".join(lines).rstrip("\n")


def readable(data: bytes) -> list[str]:
    """Lines of output for a diff, with control characters, a byte-order mark, bytes
    that are not UTF-8 and a missing final newline made visible."""
    text = data.decode("utf-8", errors="backslashreplace")
    *complete, last = text.split("\n")
    shown = [visible(line) + "\n" for line in complete]
    if last:
        shown.append(visible(last) + "  [no newline at end]\n")
    return shown


def visible(line: str) -> str:
    """``line`` with what a terminal would not show escaped (``\\r``, ``\\x1b``, ``\\ufeff``)."""
    return "".join(
        c if c.isprintable() or c in " \t" else c.encode("unicode_escape").decode() for c in line
    )


def record(case: Path, actual: dict[str, bytes], written: dict[str, bytes]) -> None:
    """Rewrite the case's expectations from this run (no file for empty output)."""
    for name, data in actual.items():
        path = case / name
        if data or name == "exit":
            path.write_bytes(data)
        else:
            path.unlink(missing_ok=True)
    shutil.rmtree(case / "written", ignore_errors=True)
    for relative, data in written.items():
        path = case / "written" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
