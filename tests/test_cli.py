"""The command line, end to end through click's CliRunner (stdout and stderr apart)."""

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADER, ROOT, target_file
from pcheck.cli import cli

SAMPLE = str(ROOT / "data" / "2024Q2.csv")
Write = Callable[[str, str], Path]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    environment = {"NO_COLOR": "", "FORCE_COLOR": "", "PCHECK_TARGETS": "", **(env or {})}
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


def test_help_lists_the_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for word in ("evaluate", "targets", "Exit codes"):
        assert word in result.stdout


def test_evaluate_sample_exits_1_because_targets_fail() -> None:
    result = run("evaluate", SAMPLE)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "浙江省 Zhejiang (330000)" in result.stdout
    assert "80 targets: 40 pass · 21 at risk · 16 fail · 3 no data" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_fail_on_decides_the_exit_code() -> None:
    assert run("evaluate", SAMPLE, "--fail-on", "never").exit_code == 0
    assert run("evaluate", SAMPLE, "--fail-on", "at-risk").exit_code == 1


def test_fail_on_at_risk_without_failures(write: Write) -> None:
    data = write("ok.csv", HEADER + "330000,rd_intensity,2024H1,3.1,%,x\n")
    assert run("evaluate", str(data), "--fail-on", "fail").exit_code == 0
    assert run("evaluate", str(data), "--fail-on", "at-risk").exit_code == 1


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
    assert data["summary"]["pass"] == 40 and data["summary"]["targets"] == 80
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
    assert data["summary"]["unmatched_rows"] == 82 - 15
    zhejiang = json.loads(run("evaluate", SAMPLE, "--format", "json", "--region", "浙江").stdout)
    assert {r["region"]["code"] for r in zhejiang["results"]} == {
        "330000",
        "330100",
        "330300",
        "330383",
    }
    data = json.loads(run("targets", "list", "--format", "json", "--year", "2023").stdout)
    assert data and {t["region"]["code"] for t in data} == {"330106"}


def test_evaluate_judges_the_latest_year_in_the_data_by_default() -> None:
    data_2023 = str(ROOT / "data" / "2023.csv")
    latest = json.loads(run("evaluate", data_2023, "--format", "json").stdout)
    assert {r["year"] for r in latest["results"]} == {2023}
    chosen = json.loads(run("evaluate", data_2023, "--format", "json", "--year", "2024").stdout)
    assert {r["year"] for r in chosen["results"]} == {2024}


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


def test_targets_show() -> None:
    result = run("targets", "show", "zj-2024-top-talents")
    assert result.exit_code == 0
    assert "「新增顶尖人才40名左右」" in result.stdout
    assert "002_edf8cddc51133580.txt" in result.stdout
    missing = run("targets", "show", "zj-2024-top")
    assert missing.exit_code == 2
    assert "did you mean zj-2024-top-talents" in missing.stderr


def test_user_target_directory_from_option_and_environment(write: Write) -> None:
    write(
        "mine/t.yaml",
        target_file(
            """
            - id: mine
              metric: rd_intensity
              op: ">="
              value: 3
              unit: "%"
              quote: 达3%
            """
        ),
    )
    data = write("d.csv", HEADER + "330000,rd_intensity,2024,3.5,%,x\n")
    directory = str(data.parent / "mine")
    for result in (
        run("evaluate", str(data), "--targets", directory, "--format", "json"),
        run("evaluate", str(data), "--format", "json", env={"PCHECK_TARGETS": directory}),
    ):
        assert result.exit_code == 0
        assert [r["target_id"] for r in json.loads(result.stdout)["results"]] == ["mine"]


def test_invalid_data_is_listed_and_exits_2(write: Write) -> None:
    data = write(
        "bad.csv",
        HEADER + "330000,rd_intensity,2024H1,N/A,%,x\n330000,rd_intensity,2024Q1,3,亿元,x\n",
    )
    result = run("evaluate", str(data), "--format", "json")
    assert result.exit_code == 2
    assert f"{data}:2:value: error[number]: 'N/A' is not a number" in result.stderr
    assert f"{data}:3:unit: error[unit]: cannot convert 亿元 to %" in result.stderr
    rd = next(
        r for r in json.loads(result.stdout)["results"] if r["target_id"] == "zj-2024-rd-intensity"
    )
    assert rd["status"] == "no_data"
    assert [p["line"] for p in rd["problems"]] == [2, 3]


def test_invalid_targets_are_listed_and_exit_2(write: Write) -> None:
    write("t/bad.yaml", "targets: [\n")
    result = run("targets", "list", "--targets", str(write("x", "").parent / "t"))
    assert result.exit_code == 2
    assert "bad.yaml:2:1: error[yaml-syntax]" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ("evaluate",),
        ("evaluate", "missing.csv"),
        ("evaluate", "."),
        ("evaluate", SAMPLE, "--region", "上海"),
        ("evaluate", SAMPLE, "--at-risk-band", "1.5"),
        ("evaluate", SAMPLE, "--format", "xml"),
        ("targets", "list", "--targets", "missing-dir"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


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


def test_validate_a_clean_file() -> None:
    result = run("validate", SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 file(s), 82 row(s) checked: 0 error(s), 0 warning(s)")


def test_validate_lists_every_problem_and_exits_1(write: Write) -> None:
    data = write(
        "bad.csv",
        HEADER
        + "330000,rd_intensity,2024H1,3.1,%,x\n"
        + "330000,rd_intensity,2024H1,3.1,%,x\n"
        + "330000,rd_intensity,2024H1,3.3,%,x\n"
        + "330000,rd_intensity,2099Q1,3.3,%,x\n"
        + "330000,hitech_enterprises_added,2024,-5,家,x\n",
    )
    result = run("validate", str(data))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:-1]] == [
        "warning[duplicate]",
        "error[conflict]",
        "error[future]",
        "error[range]",
    ]
    assert lines[0].startswith(f"{data}:3:value: warning[duplicate]")
    assert lines[-1].endswith("3 error(s), 1 warning(s)")


def test_validate_strict_fails_on_warnings(write: Write) -> None:
    row = "330000,rd_intensity,2024H1,3.1,%,x\n"
    data = write("dup.csv", HEADER + row + row)
    assert run("validate", str(data)).exit_code == 0
    assert run("validate", str(data), "--strict").exit_code == 1


def test_validate_json_and_github(write: Write) -> None:
    data = write("bad.csv", HEADER + "杭州巿,rd_intensity,2024,3,%,x\n")
    found = json.loads(run("validate", str(data), "--format", "json").stdout)
    assert found["summary"] == {"errors": 1, "warnings": 0, "files": 1, "rows": 1}
    assert found["problems"][0]["column"] == "region"
    github = run("validate", str(data), "--format", "github").stdout
    assert github.startswith(f"::error file={data},line=2,title=pcheck region::column region: ")


def test_validate_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x00\x01\x02")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "binary" in result.stdout


def test_targets_lint(write: Write) -> None:
    assert run("targets", "lint").exit_code == 0
    directory = write(
        "t/bad.yaml", target_file("- {id: x, metric: nope, op: '>=', value: 1, unit: 家, quote: q}")
    ).parent
    result = run("targets", "lint", str(directory))
    assert result.exit_code == 1
    assert "bad.yaml:9:21: error[metric]: unknown metric 'nope'" in result.stdout
    assert run("targets", "lint", str(directory / "missing")).exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "junit", "github", "html", "markdown"])
def test_evaluate_formats_and_output_file(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"report.{fmt}"
    result = run("evaluate", SAMPLE, "--format", fmt, "--output", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert path.stat().st_size > 1000
    assert "\x1b[" not in path.read_text(encoding="utf-8")


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    result = run("evaluate", SAMPLE, "--output", str(tmp_path / "no" / "r.txt"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert not (tmp_path / "no").exists()
