"""The application's policies: which targets are judged, and which outcome gives
which exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcheck import app
from pcheck.app import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    FailOn,
    Selection,
    SelectionError,
    check_exit_code,
    evaluate_files,
    exit_code,
    load,
    targets_of_latest_year,
)
from pcheck.catalog import load_catalog
from pcheck.messages import text
from pcheck.model import (
    Document,
    Location,
    Message,
    Op,
    Problem,
    Report,
    Result,
    Severity,
    Status,
    Target,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "2024Q2.csv"
CATALOG = load_catalog()
DOCUMENT = Document(title="t", issuer="i", date="2024-01-01", source="s.txt")

ERROR = Problem(Location("d.csv", 2, "value"), Message.of("number.invalid", text="x"))
WARNING = Problem(
    Location("d.csv", 3, "value"),
    Message.of("row.duplicate", metric="m", region="r", period="2024", where="d.csv:2"),
    "duplicate",
    Severity.WARNING,
)


def target(year: int = 2024, id: str = "t") -> Target:
    return Target(
        id=id,
        metrics=("rd_intensity",),
        region="330000",
        year=year,
        op=Op.GE,
        value=None,
        unit="%",
        quote="q",
        document=DOCUMENT,
        location=Location("t.yaml", 1, 1),
        name="n",
        name_en="n",
        region_entry=CATALOG.regions["330000"],
        metric_entries=(CATALOG.metrics["rd_intensity"],),
    )


def report(*statuses: Status, problems: tuple[Problem, ...] = ()) -> Report:
    return Report(tuple(Result(target(), status) for status in statuses), problems=problems)


# -- which statuses fail a run -------------------------------------------------------


def test_fail_on_statuses() -> None:
    assert FailOn.FAIL.statuses == {Status.FAIL}
    assert FailOn.AT_RISK.statuses == {Status.FAIL, Status.AT_RISK}
    assert FailOn.NEVER.statuses == frozenset()
    # "No data" never fails a run by itself: it is not a verdict on the target.
    assert all(Status.NO_DATA not in fail_on.statuses for fail_on in FailOn)


def test_fail_on_values_are_the_command_line_words() -> None:
    assert [fail_on.value for fail_on in FailOn] == ["fail", "at-risk", "never"]


@pytest.mark.parametrize(
    ("statuses", "fail_on", "code"),
    [
        ((), FailOn.FAIL, EXIT_OK),
        ((Status.PASS, Status.NO_DATA), FailOn.AT_RISK, EXIT_OK),
        ((Status.PASS, Status.AT_RISK), FailOn.FAIL, EXIT_OK),
        ((Status.PASS, Status.AT_RISK), FailOn.AT_RISK, EXIT_FAILED),
        ((Status.PASS, Status.FAIL), FailOn.FAIL, EXIT_FAILED),
        ((Status.FAIL,), FailOn.AT_RISK, EXIT_FAILED),
        ((Status.FAIL, Status.AT_RISK), FailOn.NEVER, EXIT_OK),
    ],
)
def test_exit_code_by_status(statuses: tuple[Status, ...], fail_on: FailOn, code: int) -> None:
    assert exit_code(report(*statuses), fail_on) == code


@pytest.mark.parametrize("fail_on", list(FailOn))
def test_input_errors_come_first(fail_on: FailOn) -> None:
    assert exit_code(report(Status.FAIL, problems=(ERROR,)), fail_on) == EXIT_INVALID
    assert exit_code(report(Status.PASS, problems=(WARNING, ERROR)), fail_on) == EXIT_INVALID


def test_warnings_do_not_change_the_exit_code() -> None:
    assert exit_code(report(Status.PASS, problems=(WARNING,)), FailOn.FAIL) == EXIT_OK
    assert exit_code(report(Status.FAIL, problems=(WARNING,)), FailOn.FAIL) == EXIT_FAILED


def test_exit_codes_are_the_documented_numbers() -> None:
    assert (EXIT_OK, EXIT_FAILED, EXIT_INVALID) == (0, 1, 2)


@pytest.mark.parametrize(
    ("problems", "strict", "code"),
    [
        ((), False, EXIT_OK),
        ((), True, EXIT_OK),
        ((WARNING,), False, EXIT_OK),
        ((WARNING,), True, EXIT_FAILED),  # strict: a warning fails too
        ((ERROR,), False, EXIT_FAILED),
        ((WARNING, ERROR), False, EXIT_FAILED),
        ((ERROR,), True, EXIT_FAILED),
    ],
)
def test_check_exit_code(problems: tuple[Problem, ...], strict: bool, code: int) -> None:
    assert check_exit_code(problems, strict) == code


# -- which targets are judged --------------------------------------------------------


def test_the_latest_year_in_the_data_is_judged() -> None:
    old, new, newer = target(2023, "a"), target(2024, "b"), target(2025, "c")
    assert targets_of_latest_year([old, new, newer], {2023, 2024}) == [new]
    assert targets_of_latest_year([old, new, newer], {2025}) == [newer]


def test_without_data_every_target_is_kept() -> None:
    targets = [target(2023, "a"), target(2024, "b")]
    assert targets_of_latest_year(targets, set()) == targets


def test_no_target_of_the_latest_year_leaves_none() -> None:
    # Data for a year with no targets: nothing to judge, rather than older targets.
    assert targets_of_latest_year([target(2023)], {2023, 2026}) == []


def test_load_an_unknown_region() -> None:
    with pytest.raises(SelectionError) as caught:
        load(Selection(region="Atlantis"))
    message = caught.value.message
    assert message.id == "region.unknown"
    assert text(message) == "unknown region 'Atlantis'"


def test_load_suggests_a_close_chinese_name() -> None:
    with pytest.raises(SelectionError) as caught:
        load(Selection(region="杭洲市"))
    # Every region of China is known: 株洲市 and 满洲里市 are as close as 杭州市.
    assert text(caught.value.message).startswith("unknown region '杭洲市'; did you mean ")
    assert "'杭州市'" in text(caught.value.message)


def test_load_suggests_a_close_english_name() -> None:
    assert CATALOG.find_region("Hangzhou") is not None  # accepted as it is
    with pytest.raises(SelectionError) as caught:
        load(Selection(region="Hangzho"))
    assert "Hangzhou" in text(caught.value.message)


@pytest.mark.parametrize("region", ["330100", "杭州", "Hangzhou", " hangzhou "])
def test_load_a_region_with_the_regions_within_it(region: str) -> None:
    _, targets = load(Selection(region=region))
    assert targets
    assert all("330100" in CATALOG.ancestors(t.region) for t in targets)
    assert {t.region for t in targets} > {"330100"}  # 西湖区 is within 杭州市


def test_load_a_year() -> None:
    _, every = load(Selection())
    _, some = load(Selection(year=2023))
    assert some == [t for t in every if t.year == 2023]


def test_load_without_targets() -> None:
    catalog, targets = load(Selection(), targets=False)
    assert targets == []
    assert "rd_intensity" in catalog.metrics


# -- evaluating files ----------------------------------------------------------------


def test_evaluate_the_repositorys_figures() -> None:
    evaluation = evaluate_files([DATA], Selection())
    assert evaluation.report is not None
    # The data reaches 2024 (with one 2023 row as a baseline): 2024's targets are judged.
    _, every = load(Selection())
    assert len(evaluation.report.results) == sum(t.year == 2024 for t in every) == 80
    assert {r.target.year for r in evaluation.report.results} == {2024}
    counts = evaluation.report.counts()
    assert counts["fail"] > 0 and counts["pass"] > 0
    assert evaluation.problems == ()
    assert evaluation.exit_code == EXIT_FAILED


def test_a_streamed_evaluation_decides_its_exit_code_once_all_are_judged() -> None:
    from pcheck.model import StreamedReport

    held = evaluate_files([DATA], Selection())
    evaluation = evaluate_files([DATA], Selection(), streamed=True)
    assert isinstance(evaluation.report, StreamedReport)
    with pytest.raises(RuntimeError):
        _ = evaluation.exit_code  # nothing judged yet
    assert held.report is not None
    assert tuple(evaluation.report.results) == held.report.results
    assert evaluation.exit_code == held.exit_code == EXIT_FAILED


def test_evaluate_the_repositorys_figures_failing_never() -> None:
    assert evaluate_files([DATA], Selection(), fail_on=FailOn.NEVER).exit_code == EXIT_OK


def test_evaluate_a_year_without_figures() -> None:
    evaluation = evaluate_files([DATA], Selection(year=2023))
    assert evaluation.report is not None
    results = evaluation.report.results
    assert results and {r.status for r in results} == {Status.NO_DATA}
    assert evaluation.exit_code == EXIT_OK


def test_evaluate_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.csv"
    evaluation = evaluate_files([DATA, missing], Selection())
    # Judging without a whole file would only report false gaps.
    assert evaluation.report is None
    assert evaluation.exit_code == EXIT_INVALID
    (problem,) = evaluation.problems
    assert problem.location == Location(str(missing))
    assert problem.message.id == "file.unreadable"


def test_evaluate_a_file_with_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "region,metric,period,value,unit\n"
        "330000,rd_intensity,2024H1,3.18,%\n"
        "330000,hitech_value_added_share,2024H1,many,%\n",
        encoding="utf-8",
    )
    evaluation = evaluate_files([path], Selection(region="330000"))
    # The readable rows are judged, and the bad one makes the input invalid.
    assert evaluation.report is not None and evaluation.report.results
    (problem,) = evaluation.problems
    assert problem.location == Location(str(path), 3, "value")
    assert evaluation.exit_code == EXIT_INVALID


def test_nothing_to_judge_says_why_and_what_would_select_something(tmp_path: Path) -> None:
    sample = ROOT / "data" / "2024Q2.csv"
    # 西湖区's goals are for 2023; the data is for 2024.
    xihu = app.evaluate_files([sample], app.Selection(region="杭州西湖区"))
    assert xihu.report is None and xihu.exit_code == 2 and xihu.notice is not None
    assert text(xihu.notice) == (
        "no targets for 2024 in 西湖区: there are goals for 2023; try --year 2023"
    )
    later = app.evaluate_files([sample], app.Selection(year=2030))
    assert later.exit_code == 2 and later.notice is not None
    assert "there are goals for 2023, 2024; try --year 2024" in text(later.notice)
    header_only = tmp_path / "h.csv"
    header_only.write_text("region,metric,period,value\n", encoding="utf-8")
    empty = app.evaluate_files([header_only], app.Selection())
    assert empty.exit_code == 2 and empty.notice is not None
    assert "no data rows" in text(empty.notice)


def test_rows_of_other_regions_are_out_of_scope_not_unmatched() -> None:
    outcome = app.evaluate_files([ROOT / "data" / "2024Q2.csv"], app.Selection(region="杭州市"))
    assert outcome.report is not None
    assert outcome.report.unmatched == () and outcome.report.out_of_scope == 82 - 15


def test_a_projects_own_targets_are_found_from_any_folder_within_it(tmp_path: Path) -> None:
    from pcheck.app import discover_directory

    project = tmp_path / "stats"
    (project / ".git").mkdir(parents=True)
    (project / "data" / "2024").mkdir(parents=True)
    assert discover_directory(project / "data" / "2024") is None
    (project / "targets").mkdir()
    (project / "targets" / "a.yaml").write_text("targets: []\n", encoding="utf-8")
    assert discover_directory(project / "data" / "2024") == project / "targets"
    (project / "pcheck.toml").write_text('targets = "goals"\n', encoding="utf-8")
    assert discover_directory(project / "data") == project / "goals"
    (project / "pcheck.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.pcheck]\ntargets = "plans"\n')
    assert discover_directory(project) == project / "plans"
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.pcheck]
    assert discover_directory(project) == project / "targets"


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    from pcheck.app import discover_directory

    (tmp_path / "targets").mkdir()
    (tmp_path / "targets" / "a.yaml").write_text("targets: []\n", encoding="utf-8")
    inner = tmp_path / "other-project"
    (inner / ".git").mkdir(parents=True)
    assert discover_directory(inner) is None


@pytest.mark.parametrize("config", ["targets = 3\n", "[x\n", "nothing = 1\n"])
def test_a_broken_configuration_is_a_problem_with_its_place(tmp_path: Path, config: str) -> None:
    from pcheck.app import discover_directory
    from pcheck.errors import PcheckError

    (tmp_path / "pcheck.toml").write_text(config, encoding="utf-8")
    with pytest.raises(PcheckError) as caught:
        discover_directory(tmp_path)
    assert caught.value.problems[0].location.path == str(tmp_path / "pcheck.toml")


def test_a_target_directory_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    from pcheck.errors import PcheckError

    with pytest.raises(PcheckError, match="not a directory of target files"):
        app.validate_files(
            [ROOT / "data" / "2024Q2.csv"], app.Selection(tmp_path / "none"), strict=False
        )


def test_a_listing_fails_when_it_finds_nothing(tmp_path: Path) -> None:
    regions = app.list_regions(Selection(), "西湖区", abolished=False)
    assert [r.code for r in regions.regions] == ["330106", "360103", "420112"]  # 东西湖区
    assert regions.formers == () and regions.exit_code == EXIT_OK
    old = app.list_regions(Selection(), "330183", abolished=True)
    assert old.regions == () and [f.code for f in old.formers] == ["330183"]
    assert old.exit_code == EXIT_OK
    assert app.list_regions(Selection(), "330183", abolished=False).exit_code == EXIT_FAILED
    assert app.list_metrics(Selection(), "研发").exit_code == EXIT_OK
    assert app.list_metrics(Selection(), "火星").exit_code == EXIT_FAILED
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "regions.yaml").write_text(
        'regions:\n  - {code: "339901", name: 未来科技城, parent: "330110"}\n', encoding="utf-8"
    )
    own = app.list_regions(Selection(tmp_path), "未来", abolished=False)
    assert [r.code for r in own.regions] == ["339901"]
