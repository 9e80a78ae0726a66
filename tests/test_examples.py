"""The examples a user copies: CI configurations, hook definitions, a target directory."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import ROOT
from pcheck.cli import cli

EXAMPLES = ROOT / "examples"


def load(path: Path) -> object:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_run_validate_then_evaluate(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert load(EXAMPLES / name)
    assert text.index("pcheck validate") < text.index("pcheck evaluate")


def test_hook_definitions_name_real_commands() -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    for hook in hooks:
        words = hook["entry"].split()[1:]
        result = CliRunner().invoke(cli, [*words, "--help"])
        assert result.exit_code == 0, hook["id"]


def test_example_target_directory_extends_the_catalog() -> None:
    directory = str(EXAMPLES / "targets")
    lint = CliRunner().invoke(cli, ["targets", "lint", directory])
    assert lint.exit_code == 0, lint.output
    result = CliRunner().invoke(
        cli,
        [
            "evaluate",
            str(EXAMPLES / "yuhang-2024Q2.csv"),
            "--targets",
            directory,
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    assert [r["status"] for r in data["results"]] == ["pass", "at_risk"]
    assert data["results"][0]["region"] == {"code": "330110", "name": "余杭区"}
