"""Golden outputs: the sample evaluated with the built-in targets, byte for byte.

After a deliberate change of output, rewrite them with
``PCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pcheck.cli import cli

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "evaluate-2024Q2.txt": ["evaluate", "data/2024Q2.csv"],
    "evaluate-2024Q2.json": ["evaluate", "data/2024Q2.csv", "--format", "json"],
    "targets-list.txt": ["targets", "list"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    env = {"NO_COLOR": "1", "PCHECK_TARGETS": "", "COLUMNS": "80"}
    result = CliRunner().invoke(cli, CASES[name], env=env, catch_exceptions=False)
    path = GOLDEN / name
    if os.environ.get("PCHECK_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
    assert result.stderr == ""
