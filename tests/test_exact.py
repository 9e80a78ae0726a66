"""Every number is read exactly or refused, and compared exactly: never rounded into
passing, never a crash, however many digits it has."""

import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import target_file
from pcheck import app
from pcheck.catalog import load_catalog
from pcheck.cli import cli
from pcheck.errors import ValueParseError
from pcheck.rules import RecordRules, Refusal
from pcheck.units import ARITHMETIC, MAX_DIGITS, parse_number, split_quantity
from pcheck.yamlfile import parse_yaml

HEADER = "region,metric,period,value,unit\n"
CATALOG = load_catalog()


def numbers(digits: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """Decimal numbers written out with the given count of significant digits."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        count = draw(digits)
        body = str(draw(st.integers(1, 9))) + "".join(
            str(draw(st.integers(0, 9))) for _ in range(count - 1)
        )
        point = draw(st.integers(0, count))
        sign = draw(st.sampled_from(["", "-"]))
        whole, fraction = body[: count - point] or "0", body[count - point :]
        return sign + whole + ("." + fraction if fraction else "")

    return build()


@given(numbers(st.integers(1, MAX_DIGITS)))
def test_numbers_up_to_the_limit_are_read_exactly(text: str) -> None:
    assert parse_number(text) == Decimal(text)
    assert split_quantity(text + "亿元") == (Decimal(text), "亿元")


@given(numbers(st.integers(MAX_DIGITS + 1, 400)))
def test_longer_numbers_are_refused_not_rounded(text: str) -> None:
    with pytest.raises(ValueParseError, match="more than 34 digits"):
        parse_number(text)
    with pytest.raises(ValueParseError, match="more than 34 digits"):
        split_quantity(text + "亿元")


@given(numbers(st.integers(1, MAX_DIGITS)), st.sampled_from(["", "亿元", "万元", "万亿元"]))
def test_figures_are_converted_exactly(text: str, unit: str) -> None:
    catalog = CATALOG
    metric = catalog.metrics["tech_transaction_volume"]  # kept in 亿元
    to_yi = {"": Decimal(1), "亿元": Decimal(1), "万元": Decimal("1E-4"), "万亿元": Decimal("1E4")}[
        unit
    ]
    with decimal.localcontext(ARITHMETIC):
        expected = Decimal(text).scaleb(to_yi.adjusted())  # a power of ten: the exponent
    for rules in (RecordRules(catalog, None), RecordRules(catalog, None, memo=False)):
        with decimal.localcontext(ARITHMETIC):  # as load_actuals reads
            with_unit = rules.value(text, unit, metric)
        assert isinstance(with_unit, Refusal) or with_unit == expected
        assert isinstance(with_unit, Refusal) == (expected < 0)  # its minimum is 0


@given(numbers(st.integers(MAX_DIGITS + 1, 200)))
def test_long_figures_are_refused_on_every_path(text: str) -> None:
    catalog = CATALOG
    metric = catalog.metrics["tech_transaction_volume"]
    rules = RecordRules(catalog, None)
    rules.value("1", "", metric)  # the unit's factor is remembered
    assert isinstance(rules.value(text, "", metric), Refusal)


def test_a_long_yaml_number_is_a_problem_not_a_crash() -> None:
    from pcheck.messages import text

    for digits in (41, 5000):
        document = parse_yaml("value: " + "9" * digits + "\n", "t.yaml")
        (problem,) = document.problems
        assert "more than 34 digits" in text(problem.message)


def evaluate(tmp_path: Path, target: str, rows: str) -> tuple[int, str, str]:
    targets = tmp_path / "targets"
    targets.mkdir(exist_ok=True)
    (targets / "t.yaml").write_text(target_file(target), encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text(HEADER + rows, encoding="utf-8")
    args = ["evaluate", str(data), "--targets", str(targets), "--format", "json"]
    result = CliRunner().invoke(cli, args, env={"PCHECK_TARGETS": ""})
    return result.exit_code, result.stdout, result.stderr


GOAL = """
- id: rd
  metric: rd_intensity
  op: ">="
  value: 3.2
  unit: "%"
  quote: 达3.2%
"""


def test_a_figure_just_below_its_goal_fails(tmp_path: Path) -> None:
    below = "3." + "1" + "9" * 30  # 32 digits: 3.2 less 10^-31
    code, out, err = evaluate(tmp_path, GOAL, f"330000,rd_intensity,2024,{below},%\n")
    assert '"status": "fail"' in out and code == 1, err


def test_a_converted_figure_just_below_its_goal_fails(tmp_path: Path) -> None:
    # 39999999.99…万元 is 4000亿元 less 10^-28: rounded to 28 digits in the
    # conversion, it used to pass.
    goal = GOAL.replace("rd_intensity", "tech_transaction_volume").replace("3.2", "4000")
    goal = goal.replace('unit: "%"', "unit: 亿元")
    row = "330000,tech_transaction_volume,2024,39999999." + "9" * 24 + ",万元\n"
    code, out, err = evaluate(tmp_path, goal, row)
    assert '"status": "fail"' in out and code == 1, err


def test_a_goal_with_too_many_digits_is_an_input_error(tmp_path: Path) -> None:
    goal = GOAL.replace("value: 3.2", "value: 3." + "2" * 40)
    code, _, err = evaluate(tmp_path, goal, "330000,rd_intensity,2024,3,%\n")
    assert code == 2 and "more than 34 digits" in err


def test_long_figures_in_data_are_errors_with_their_place(tmp_path: Path) -> None:
    code, _, err = evaluate(tmp_path, GOAL, "330000,rd_intensity,2024," + "3" * 60 + ",%\n")
    assert code == 2 and "d.csv:2:value: error[number]" in err


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(numbers(st.integers(1, MAX_DIGITS)))
def test_any_readable_figure_renders_in_every_format(tmp_path: Path, text: str) -> None:
    code, _, err = evaluate(tmp_path, GOAL, f"330000,rd_intensity,2024,{text.lstrip('-')},%\n")
    assert code in (0, 1, 2) and "internal error" not in err


def test_a_flow_exactly_on_pace_passes(tmp_path: Path) -> None:
    # 1200亿元 a year; five months in, 500亿元 is exactly on pace (1200 × 5 / 12),
    # though 5/12 has no exact decimal.
    goal = GOAL.replace("rd_intensity", "tech_transaction_volume").replace("3.2", "1200")
    goal = goal.replace('unit: "%"', "unit: 亿元")
    row = "330000,tech_transaction_volume,2024-05,500,亿元\n"
    _, out, err = evaluate(tmp_path, goal, row)
    assert '"status": "pass"' in out, (out, err)


def test_the_arithmetic_is_exact_for_the_longest_numbers() -> None:
    import decimal

    longest = Decimal("9" * MAX_DIGITS)
    with decimal.localcontext(ARITHMETIC) as context:
        product = longest * longest * 12
        assert not context.flags[decimal.Inexact]
    assert product == int("9" * MAX_DIGITS) ** 2 * 12


def test_the_application_computes_exactly_outside_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text(HEADER + "330000,rd_intensity,2024," + "3." + "1" + "9" * 30 + ",%\n")
    outcome = app.evaluate_files([data], app.Selection(year=2024, region="330000"))
    assert outcome.report is not None
    rd = next(r for r in outcome.report.results if r.target.id == "zj-2024-rd-intensity")
    assert rd.status.value == "fail"
