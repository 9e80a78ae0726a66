"""Run the shell steps of a GitHub composite action, or the script of a GitLab CI job,
in the working directory, so that .ci/run can try them on a repository.

    python .ci/steps.py action ACTION_YML [NAME=VALUE ...]
    python .ci/steps.py gitlab CI_YML JOB

This stands in for the runners only as far as pcheck's files need, and refuses the
rest rather than guess: of an action, the ``run`` steps run with ``bash -eo pipefail``
as on GitHub, with ``${{ inputs.* }}``, ``${{ github.action_path }}`` and the
``python-path`` output of ``actions/setup-python`` (this Python) put into their
``env``; ``GITHUB_PATH`` is honoured; ``GITHUB_STEP_SUMMARY`` and ``RUNNER_TEMP`` are
taken from the environment when set. Any other expression, ``uses`` step or ``if``
is an error. Of a GitLab job, only ``script`` runs (``before_script`` installs
pcheck, which the caller provides on PATH); ``CI_*`` variables come from the
environment. Exit status: the first failing step's, else 0.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SETUP_PYTHON = "actions/setup-python@"


def load(path: Path) -> Any:
    """The YAML document in ``path``, as plain data."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def run_action(path: Path, given: dict[str, str]) -> int:
    """Run the action's steps in the working directory; the first failure's status."""
    action = load(path)
    declared = action.get("inputs") or {}
    unknown = set(given) - set(declared)
    if unknown:
        sys.exit(f"{path}: no such input: {', '.join(sorted(unknown))}")
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    inputs.update(given)
    for name, spec in declared.items():
        if spec.get("required") and not inputs[name]:
            sys.exit(f"{path}: the input {name!r} is required")
    values = {f"inputs.{name}": value for name, value in inputs.items()}
    values["github.action_path"] = str(path.resolve().parent)
    with tempfile.TemporaryDirectory(prefix="steps-") as scratch:
        temp = Path(scratch)
        env = dict(os.environ)
        env.setdefault("RUNNER_TEMP", str(temp))
        env.setdefault("GITHUB_STEP_SUMMARY", str(temp / "summary.md"))
        env.setdefault("GITHUB_WORKSPACE", os.getcwd())
        env["GITHUB_PATH"] = str(temp / "path")
        Path(env["GITHUB_PATH"]).touch()
        for number, step in enumerate(action["runs"]["steps"], 1):
            if "if" in step:
                sys.exit(f"{path}: step {number}: 'if' is not evaluated here")
            if "uses" in step:
                if not str(step["uses"]).startswith(SETUP_PYTHON):
                    sys.exit(f"{path}: step {number}: cannot stand in for {step['uses']}")
                values[f"steps.{step.get('id')}.outputs.python-path"] = sys.executable
                print(f"== {step['uses']}: {sys.executable} stands in", flush=True)
                continue
            if step.get("shell") != "bash" or "${{" in step["run"]:
                sys.exit(f"{path}: step {number}: only bash, without expressions, runs here")
            print(f"== {step.get('name', f'step {number}')}", flush=True)
            step_env = {k: substitute(str(v), values) for k, v in (step.get("env") or {}).items()}
            script = temp / f"step-{number}.sh"
            script.write_text(step["run"], encoding="utf-8")
            command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
            status = subprocess.run(command, env={**env, **step_env}, check=False).returncode
            if status:
                return status
            added = Path(env["GITHUB_PATH"]).read_text(encoding="utf-8").split()
            env["PATH"] = os.pathsep.join([*reversed(added), os.environ["PATH"]])
    return 0


def substitute(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``${{ name }}`` replaced; an unknown name is an error."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            sys.exit(f"cannot evaluate ${{{{ {match.group(1)} }}}} here")
        return values[match.group(1)]

    return EXPRESSION.sub(value, text)


def run_gitlab(path: Path, job: str) -> int:
    """Run the job's script in the working directory, as GitLab's shell runner does."""
    script = load(path)[job]["script"]
    print(f"== {path} {job}", flush=True)
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", "\n".join(script)]
    return subprocess.run(command, check=False).returncode


def main(argv: list[str]) -> int:
    """Dispatch on the first argument; see the module's docstring."""
    if len(argv) >= 2 and argv[0] == "action":
        given = dict(argument.partition("=")[::2] for argument in argv[2:])
        return run_action(Path(argv[1]), given)
    if len(argv) == 3 and argv[0] == "gitlab":
        return run_gitlab(Path(argv[1]), argv[2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
