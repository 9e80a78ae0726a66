"""The examples a user copies: CI configurations, the GitHub Action, hook definitions, a
target directory. .ci/run runs the hooks, the action and the GitLab job on a repository
with targets of its own; here, their structure."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import ROOT
from pcheck.cli import cli

EXAMPLES = ROOT / "examples"


def load(path: Path) -> object:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


ACTION = ROOT / "action.yml"


def test_gitlab_example_lints_validates_then_evaluates() -> None:
    jobs = load(EXAMPLES / "gitlab-ci.yml")
    assert isinstance(jobs, dict)
    script = "\n".join(jobs["pcheck"]["script"])
    lint, validate = script.index("pcheck targets lint"), script.index("pcheck validate")
    assert lint < validate < script.index("pcheck evaluate")


def test_action_has_the_keys_github_requires() -> None:
    action = load(ACTION)
    assert isinstance(action, dict)
    assert {"name", "description", "inputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
        assert "default" in spec or spec.get("required"), name
    for step in action["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step.get("name")
            # Inputs reach a script through its environment, never pasted into it.
            assert "${{" not in step["run"], step.get("name")


def test_action_uses_only_declared_inputs() -> None:
    action = load(ACTION)
    assert isinstance(action, dict)
    steps = json.dumps(action["runs"]["steps"])
    used = set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", steps))
    assert used, "no step reads an input"
    assert used <= set(action["inputs"])
    assert set(action["inputs"]) <= used, "an input no step reads"


def test_action_installs_itself_then_lints_validates_and_evaluates() -> None:
    action = load(ACTION)
    assert isinstance(action, dict)
    steps = json.dumps(action["runs"]["steps"])
    assert "${{ github.action_path }}" in steps
    order = ["pcheck targets lint", "pcheck validate", "pcheck evaluate", "GITHUB_STEP_SUMMARY"]
    assert [steps.index(command) for command in order] == sorted(
        steps.index(command) for command in order
    )
    assert "--format github" in steps and "--format markdown" in steps


def test_github_example_uses_the_action_with_declared_inputs() -> None:
    workflow = load(EXAMPLES / "github-actions.yml")
    action = load(ACTION)
    assert isinstance(workflow, dict) and isinstance(action, dict)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if re.fullmatch(r"OWNER/pcheck@[^/]+", s.get("uses", ""))]
    assert len(ours) == 1
    assert ours[0]["with"]["files"] == "data/*.csv"
    assert set(ours[0]["with"]) <= set(action["inputs"])


def test_hook_definitions_name_real_commands() -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    for hook in hooks:
        words = hook["entry"].split()[1:]
        result = CliRunner().invoke(cli, [*words, "--help"])
        assert result.exit_code == 0, hook["id"]


@pytest.mark.parametrize(
    ("hook_id", "triggering", "not_triggering"),
    [
        (
            "pcheck-validate",
            ["data/2024Q2.csv", "2024.csv"],
            ["targets/zhejiang-2024.yaml", "data/notes.md"],
        ),
        (
            "pcheck-lint",
            [
                "targets/zhejiang-2024.yaml",
                "targets/catalog/regions.yaml",
                "targets/catalog/metrics.yml",
                "pcheck.toml",
                "pyproject.toml",
            ],
            ["data/2024Q2.csv", "README.md", "other/zhejiang-2024.yaml"],
        ),
    ],
)
def test_hooks_run_on_their_files(
    hook_id: str, triggering: list[str], not_triggering: list[str]
) -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    (hook,) = [h for h in hooks if h["id"] == hook_id]
    pattern = re.compile(hook["files"])  # pre-commit searches each path, from the root
    assert [p for p in triggering if pattern.search(p)] == triggering
    assert [p for p in not_triggering if pattern.search(p)] == []


def test_lint_hook_checks_a_directory_not_the_changed_files() -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    (lint,) = [h for h in hooks if h["id"] == "pcheck-lint"]
    assert lint["pass_filenames"] is False


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
    # 研发强度, the example's own name for rd_intensity, in the targets and the data
    assert data["results"][0]["actual"]["value"] == 4.6
    assert data["unmatched"] == []
