"""The fill-in form: which rows the targets need, how they are written, and that the
form, filled in, is a data file every selected target is judged on."""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, build_target
from pcheck import app
from pcheck.catalog import load_catalog
from pcheck.cli import cli
from pcheck.layout import map_header
from pcheck.messages import text
from pcheck.model import Baseline, Basis, Location, Metric, Period
from pcheck.render.template import HEADER, metric_label, period_label, render_template
from pcheck.template import form_rows


def described(month: int = 6, *targets: object) -> list[tuple[str, str, str, list[str]]]:
    """(region, metric, period, what for) of each row the targets need."""
    rows = form_rows(targets or [build_target()], month)  # type: ignore[arg-type]
    return [
        (r.region.code, r.metric.id, str(r.period), [text(use) for use in r.uses]) for r in rows
    ]


def test_a_goal_needs_its_metric_at_the_period() -> None:
    assert described(6) == [
        ("330000", "tech_transaction_volume", "2024H1", ["the figure of t"]),
    ]


def test_a_sum_needs_each_metric_and_a_reference_its_metric() -> None:
    total = build_target(("rd_expenditure", "tech_transaction_volume"), id="sum")
    compared = build_target(
        "hitech_investment_growth",
        id="faster",
        value=None,
        reference="fixed_asset_investment_growth",
        unit="%",
    )
    assert described(12, total, compared) == [
        ("330000", "rd_expenditure", "2024", ["the figure of sum"]),
        ("330000", "tech_transaction_volume", "2024", ["the figure of sum"]),
        ("330000", "hitech_investment_growth", "2024", ["the figure of faster"]),
        (
            "330000",
            "fixed_asset_investment_growth",
            "2024",
            ["the figure faster is compared with"],
        ),
    ]


def test_growth_needs_last_years_figure_unless_a_baseline_is_stated() -> None:
    growth = build_target("rd_expenditure", id="g", basis=Basis.GROWTH, value=Decimal(10), unit="%")
    stated = growth._replace(id="s", baseline=Baseline(Decimal(500), "亿元"))
    assert described(3, growth, stated) == [
        ("330000", "rd_expenditure", "2023Q1", ["last year's figure, the baseline of growth in g"]),
        ("330000", "rd_expenditure", "2024Q1", ["the figure of g, s"]),
    ]


def test_a_series_several_targets_need_is_one_row_saying_so() -> None:
    first = build_target("rd_expenditure", id="a", region="330100")
    growth = build_target(
        "rd_expenditure", id="b", basis=Basis.GROWTH, value=Decimal(10), unit="%", year=2025
    )
    reference = build_target(
        "hitech_investment_growth", id="c", value=None, reference="rd_expenditure", unit="%"
    )
    rows = described(12, first, reference, build_target("rd_expenditure", id="d"), growth)
    # By region code, then period, then the order of the targets.
    assert rows == [
        ("330000", "hitech_investment_growth", "2024", ["the figure of c"]),
        (
            "330000",
            "rd_expenditure",
            "2024",
            [
                "the figure of d",
                "the figure c is compared with",
                "last year's figure, the baseline of growth in b",
            ],
        ),
        ("330000", "rd_expenditure", "2025", ["the figure of b"]),
        ("330100", "rd_expenditure", "2024", ["the figure of a"]),
    ]


def test_the_form_is_csv_with_the_chinese_headers_the_data_may_have() -> None:
    form = render_template(form_rows([build_target(id="zj-1")], 6))
    assert form.startswith("\ufeff地区,地区名称,指标,期间,数值,单位,来源,用途\r\n")
    assert form.endswith("330000,浙江省,技术交易总额,2024年1-6月,,亿元,,the figure of zj-1\r\n")
    columns, problems = map_header(list(HEADER), Location("form.csv", 1))
    assert problems == []
    assert columns is not None
    assert {"region", "metric", "period", "value", "unit", "source"} <= set(columns)


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2024, 12), "2024"),
        (Period(2024, 1), "2024年1月"),
        (Period(2024, 6), "2024年1-6月"),
        (Period(2024, 7), "2024年1-7月"),
    ],
)
def test_periods_are_written_as_year_to_date_labels(period: Period, label: str) -> None:
    from pcheck.periods import parse_period

    assert period_label(period) == label
    assert parse_period(label) == period


@pytest.mark.parametrize("name", ["=HYPERLINK(1)", "-1", "名\x1b[31m", " 名", "名\u202e", "1.50"])
def test_a_name_that_would_not_read_back_is_written_as_the_id(name: str) -> None:
    metric = Metric("odd", name, "odd", "家", load_catalog().metrics["rd_expenditure"].kind)
    assert metric_label(metric) == "odd"
    assert metric_label(replace(metric, name="研发经费")) == "研发经费"


def test_hostile_region_names_are_made_safe(tmp_path: Path) -> None:
    target = build_target()
    region = replace(target.region_entry, name="=cmd|'/c calc'!A0\n")
    form = render_template(form_rows([target._replace(region_entry=region)], 12))
    assert ",'=cmd|'/c calc'!A0\\n," in form


# -- the round trip: the form, filled in, is judged in full ---------------------------------

PERIODS = ("2024", "2024H1", "2024Q3", "2024-07", "2023")


@functools.cache
def form(period: str) -> tuple[str, int]:
    """The form of the built-in targets for ``period``, and how many targets it serves."""
    result = CliRunner().invoke(cli, ["template", "--period", period], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    parsed = Period(int(period[:4]), 12)
    chosen = app.load(app.Selection(year=parsed.year))[1]
    return result.stdout, len(chosen)


def figure(metric: Metric) -> st.SearchStrategy[Decimal]:
    """A figure the metric can take, above zero (growth cannot be measured on zero)."""
    low = max(metric.minimum or Decimal("0.01"), Decimal("0.01"))
    high = metric.maximum if metric.maximum is not None else Decimal(10**9)
    return st.decimals(min_value=low, max_value=high, places=2, allow_nan=False)


@functools.cache
def metrics_by_name() -> dict[str, Metric]:
    catalog = load_catalog()
    return {label: m for m in catalog.metrics.values() for label in (m.id, m.name)}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(period=st.sampled_from(PERIODS), data=st.data())
def test_the_form_filled_in_validates_and_every_target_is_judged(
    tmp_path: Path, period: str, data: st.DataObject
) -> None:
    written, count = form(period)
    rows = list(csv.reader(io.StringIO(written.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert len(body) >= count // 2
    value_at = header.index("数值")
    for row in body:
        assert row[value_at] == ""
        row[value_at] = f"{data.draw(figure(metrics_by_name()[row[2]])):f}"
    filled = tmp_path / f"filled-{period}.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *body])
    filled.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")

    checked = CliRunner().invoke(cli, ["validate", str(filled)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.endswith(f"{len(body)} row(s) checked: 0 error(s), 0 warning(s)\n")

    evaluated = CliRunner().invoke(
        cli, ["evaluate", str(filled), "--format", "json", "--fail-on", "never"]
    )
    assert evaluated.exit_code == 0, evaluated.stderr
    report = json.loads(evaluated.stdout)
    assert report["problems"] == [] and report["unmatched"] == []
    assert report["summary"]["targets"] == count
    assert report["summary"]["no_data"] == 0
    assert report["summary"]["rows"] == len(body)
    assert {r["actual"]["period"] for r in report["results"]} == {
        str(Period(int(period[:4]), _month(period)))
    }


def _month(label: str) -> int:
    from pcheck.periods import parse_period

    return parse_period(label).month


def test_the_round_trip_through_a_directory_with_its_own_catalog(tmp_path: Path) -> None:
    directory = ROOT / "tests" / "cases" / "evaluate-catalog-extension" / "targets"
    made = CliRunner().invoke(cli, ["template", "--targets", str(directory), "--period", "2024Q3"])
    assert made.exit_code == 0, made.stderr
    filled = made.stdout.replace(",,%,,", ",4.2,%,,").replace(",,亿元,,", ",1200,亿元,,")
    path = tmp_path / "filled.csv"
    path.write_text(filled, encoding="utf-8")
    evaluated = CliRunner().invoke(
        cli, ["evaluate", str(path), "--targets", str(directory), "--format", "json"]
    )
    report = json.loads(evaluated.stdout)
    assert [r["status"] for r in report["results"]] == ["pass", "pass"]
    assert report["unmatched"] == [] and report["problems"] == []


# -- choosing the targets ---------------------------------------------------------------------


def test_without_a_period_the_latest_year_with_targets_at_its_end() -> None:
    made = app.template_form(app.Selection(), None)
    assert made.exit_code == 0 and made.notice is None
    assert {row.period for row in made.rows} == {Period(2024, 12), Period(2023, 12)}
    assert {row.period.year for row in made.rows if row.goal} == {2024}


def test_a_year_alone_chooses_its_targets_at_its_end() -> None:
    made = app.template_form(app.Selection(year=2023), None)
    assert {row.region.code for row in made.rows} == {"330106"}
    assert {row.period for row in made.rows} == {Period(2023, 12)}


def test_a_period_outside_the_year_is_refused() -> None:
    with pytest.raises(app.SelectionError) as caught:
        app.template_form(app.Selection(year=2023), Period(2024, 6))
    assert caught.value.parameter == "--period"
    assert text(caught.value.message) == "2024H1 is not in 2023, the year given by --year"


def test_no_target_for_the_year_is_a_notice() -> None:
    made = app.template_form(app.Selection(region="扬州市"), Period(2023, 12))
    assert made.rows == () and made.exit_code == 2
    assert made.notice is not None
    assert text(made.notice) == (
        "no targets for 2023 in 扬州市: there are goals for 2024; try --year 2024"
    )


def test_the_inputs_are_the_target_and_catalog_files(tmp_path: Path) -> None:
    directory = ROOT / "tests" / "cases" / "evaluate-catalog-extension" / "targets"
    made = app.template_form(app.Selection(directory), None)
    assert made.inputs == (
        directory / "hangzhou-2024.yaml",
        directory / "catalog" / "metrics.yaml",
    )
