"""--lang, the configuration's lang and the locale: reports, problems and help in
Chinese or English (the codes of JSON and of problem lines always in English)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from pcheck.cli import _wrap, cli

SAMPLE = str(ROOT / "data" / "2024Q2.csv")
ENGLISH = {"PCHECK_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    environment = {"NO_COLOR": "1", "PCHECK_TARGETS": "", **ENGLISH, **(env or {})}
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def statuses(result: Result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(r["status"], r["status_text"]) for r in data["results"]]


def test_json_keeps_its_codes_and_adds_the_words() -> None:
    zh = run("evaluate", SAMPLE, "--format", "json", "--lang", "zh", "--fail-on", "never")
    en = run("evaluate", SAMPLE, "--format", "json", "--lang", "en", "--fail-on", "never")
    assert zh.exit_code == en.exit_code == 0
    words = {"pass": "通过", "at_risk": "有风险", "fail": "未达标", "no_data": "无数据"}
    assert statuses(zh) == [(code, words[code]) for code, _ in statuses(en)]
    assert {text for _, text in statuses(en)} <= {"pass", "at risk", "fail", "no data"}
    results = json.loads(zh.stdout)["results"]
    assert any("序时进度" in r["reason"] for r in results)
    assert [r["target_id"] for r in results] == [
        r["target_id"] for r in json.loads(en.stdout)["results"]
    ]


def test_the_option_wins_over_the_configuration_and_the_configuration_over_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pcheck.toml").write_text('lang = "zh"\n', encoding="utf-8")
    args = ("evaluate", SAMPLE, "--format", "json", "--fail-on", "never")
    assert statuses(run(*args, env={"LANG": "en_US.UTF-8"}))[0][1] == "通过"
    assert statuses(run(*args, "--lang", "en"))[0][1] == "pass"
    assert statuses(run(*args, env={"PCHECK_LANG": "en"}))[0][1] == "pass"
    (tmp_path / "pcheck.toml").unlink()
    assert statuses(run(*args, env={"LANG": "zh_CN.UTF-8"}))[0][1] == "通过"
    assert statuses(run(*args, env={"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}))[0][1] == "通过"
    assert statuses(run(*args, env={"LANG": "en_US.UTF-8"}))[0][1] == "pass"


def test_an_unknown_language_is_a_usage_error() -> None:
    result = run("evaluate", SAMPLE, "--lang", "fr")
    assert result.exit_code == 2
    assert "--lang" in result.stderr


def test_problem_lines_keep_severity_and_code_and_word_the_message(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("region,metric,period,value,unit\n浙江省,rd_intensity,2024,abc,%\n", "utf-8")
    result = run("validate", str(data), "--lang", "zh")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith(": error[number]: 'abc' 不是数字")
    assert lines[-1] == "已检查 1 个文件, 1 行：1 个错误，0 个警告"
    english = run("validate", str(data)).stdout.splitlines()
    assert english[0].endswith(": error[number]: 'abc' is not a number")


def test_targets_show_labels_in_chinese() -> None:
    listed = json.loads(run("targets", "list", "--format", "json").stdout)
    shown = run("targets", "show", listed[0]["id"], "--lang", "zh").stdout.splitlines()
    labels = [line.split()[0] for line in shown[1:]]
    assert labels[:4] == ["名称", "指标", "地区", "年份"]
    assert "tier" not in run("targets", "show", listed[0]["id"], "--lang", "zh").stdout


@pytest.mark.parametrize("command", [[], ["evaluate"], ["targets", "lint"], ["catalog"]])
def test_help_in_chinese_from_the_environment_fits_its_width(command: list[str]) -> None:
    result = run(*command, "--help", env={"PCHECK_LANG": "zh"})
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：")
    assert "Show this message" not in result.stdout
    assert max(columns(line) for line in result.stdout.splitlines()) <= 88
    english = run(*command, "--help", env={"LANG": "en_GB.UTF-8"})
    assert english.stdout.startswith("Usage: ")
    assert "help." not in english.stdout.replace("-h, --help", "")


def test_help_follows_the_environment_not_the_option() -> None:
    # Help is worded before the options are read.
    chinese = run("evaluate", "--help", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "评估" in chinese and "[环境变量:PCHECK_LANG]" in "".join(chinese.split())
    english = run("evaluate", "--lang", "zh", "--help").stdout
    assert english.startswith("Usage: ") and "评估" not in english


@given(st.text(alphabet="研发投入强度，。ab c-1%（）", max_size=200), st.integers(10, 80))
def test_wrapped_chinese_fits_the_width(text: str, width: int) -> None:
    lines = _wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # Only closing marks may hang past the width, or a word of Latin letters
        # longer than a line, standing alone.
        core = line.rstrip("，。）")
        long_word = core.isascii() and " " not in core and columns(core) > width
        assert columns(core) <= width or long_word, line
        assert columns(line) <= width or line != core or long_word, line


def test_the_workbook_usage_error_is_in_the_chosen_language() -> None:
    from click.testing import CliRunner

    from pcheck.cli import cli

    result = CliRunner().invoke(
        cli, ["evaluate", str(ROOT / "data" / "2024Q2.csv"), "--lang", "zh", "--format", "xlsx"]
    )
    assert result.exit_code == 2
    assert "工作簿只能写入文件" in result.output
