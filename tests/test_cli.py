"""The command line, end to end through click's CliRunner (stdout and stderr apart):
what a case folder cannot say. Which arguments and inputs give which output and exit
code is in tests/cases/ (see test_cases.py). Here: colour and width, properties of
the JSON contracts and of the filters, reports written to files, ``python -m pcheck``,
and fuzzing."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADER, ROOT
from pcheck.cli import cli

SAMPLE = str(ROOT / "data" / "2024Q2.csv")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    environment = {"NO_COLOR": "", "FORCE_COLOR": "", "PCHECK_TARGETS": "", **(env or {})}
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


def test_table_fits_80_columns() -> None:
    result = run("evaluate", SAMPLE)
    assert max(len_cells(line) for line in result.stdout.splitlines()) <= 80


def len_cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_colour_is_forced_or_refused() -> None:
    assert "\x1b[" in run("evaluate", SAMPLE, "--color", "always").stdout
    assert "\x1b[" in run("evaluate", SAMPLE, env={"FORCE_COLOR": "1"}).stdout
    forced_off = run("evaluate", SAMPLE, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in forced_off.stdout


def test_json_contract() -> None:
    result = run("evaluate", SAMPLE, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["summary"]["pass"] == 42 and data["summary"]["targets"] == 80
    by_id = {r["target_id"]: r for r in data["results"]}
    rd = by_id["zj-2024-rd-intensity"]
    assert rd["status"] == "at_risk"
    assert rd["actual"] == {"value": 3.18, "unit": "%", "period": "2024H1", "rows": [f"{SAMPLE}:2"]}
    assert rd["gap"] == {"value": -0.02, "unit": "pp"}
    assert by_id["zj-2024-innovation-consortia"]["actual"] is None
    assert by_id["zj-2024-innovation-consortia"]["progress"] is None
    funding = by_id["zj-2024-nsf-pilot-funding"]  # reported in 万元, judged in 亿元
    assert funding["actual"]["value"] == 0.48 and funding["actual"]["unit"] == "亿元"
    for result_data in data["results"]:
        assert {"target_id", "status", "reason", "actual", "gap", "progress", "problems"} <= set(
            result_data
        )
    assert data["unmatched"] == [] and data["summary"]["rows"] == 82
    hangzhou = by_id["hz-2024-tech-transactions-and-new-products"]
    assert hangzhou["actual"]["value"] == 4287.5 and len(hangzhou["actual"]["rows"]) == 2
    growth = by_id["yz-2024-rd-expenditure-growth"]
    assert growth["actual"]["unit"] == "%" and growth["status"] == "pass"


def test_region_and_year_filters() -> None:
    data = json.loads(run("evaluate", SAMPLE, "--format", "json", "--region", "杭州").stdout)
    assert {r["region"]["code"] for r in data["results"]} == {"330100"}
    # 15 rows are 杭州市's; the other regions' rows are out of scope, not unmatched.
    assert data["summary"]["unmatched_rows"] == 0
    assert data["summary"]["out_of_scope_rows"] == 82 - 15
    zhejiang = json.loads(run("evaluate", SAMPLE, "--format", "json", "--region", "浙江").stdout)
    assert {r["region"]["code"] for r in zhejiang["results"]} == {
        "330000",
        "330100",
        "330300",
        "330383",
    }
    data = json.loads(run("targets", "list", "--format", "json", "--year", "2023").stdout)
    assert data and {t["region"]["code"] for t in data} == {"330106"}


def test_targets_list_json_contract() -> None:
    result = run("targets", "list", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    keys = {"id", "metric", "region", "year", "op", "value", "unit", "tier", "quote", "source"}
    assert all(keys <= set(item) for item in items)
    first = next(item for item in items if item["id"] == "hz-2024-rd-intensity")
    assert first["region"] == {"code": "330100", "name": "杭州市"}
    assert first["source"] == "000_142eb7abdae61a69.txt"
    total = next(
        item for item in items if item["id"] == "hz-2024-tech-transactions-and-new-products"
    )
    assert total["metric"] == ["tech_transaction_volume", "new_product_output"]


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40, deadline=None
)
@given(st.binary(max_size=400))
def test_hostile_csv_never_gives_a_traceback(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(HEADER.encode() + data)
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_python_dash_m() -> None:
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "pcheck", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 0 and "evaluate" in completed.stdout


def test_version_names_the_distribution_in_pyproject() -> None:
    import tomllib
    from importlib.metadata import version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result = CliRunner().invoke(cli, ["--version"], prog_name="pcheck", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == f"pcheck, version {version(project['name'])}\n"


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40, deadline=None
)
@given(st.text(max_size=300))
def test_hostile_target_file_never_gives_a_traceback(tmp_path: Path, text: str) -> None:
    directory = tmp_path / "targets"
    directory.mkdir(exist_ok=True)
    (directory / "fuzz.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["targets", "list", "--targets", str(directory)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("fmt", ["csv", "junit", "github", "html", "markdown"])
def test_evaluate_formats_and_output_file(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"report.{fmt}"
    result = run("evaluate", SAMPLE, "--format", fmt, "--output", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert path.stat().st_size > 1000
    assert "\x1b[" not in path.read_text(encoding="utf-8")
