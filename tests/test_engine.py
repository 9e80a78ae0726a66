from decimal import Decimal, localcontext
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import build_target
from pcheck import figures
from pcheck.catalog import load_catalog
from pcheck.engine import evaluate
from pcheck.messages import text
from pcheck.model import (
    Baseline,
    Basis,
    Catalog,
    Course,
    Location,
    Method,
    Milestone,
    Observation,
    Op,
    Options,
    Outlook,
    Period,
    Report,
    Result,
    Status,
    Target,
)
from pcheck.observations import ObservationStore
from pcheck.units import convert

D = Decimal
CATALOG = load_catalog()


def target(metric: str | tuple[str, ...] = "tech_transaction_volume", **fields: Any) -> Target:
    return build_target(metric, **fields)


def actuals(*rows: tuple[str, int, int, str], region: str = "330000") -> ObservationStore:
    """Rows of (metric, year, month, value in the metric's canonical unit)."""
    index = ObservationStore()
    for line, (metric, year, month, value) in enumerate(rows, start=2):
        index.series.setdefault((metric, region, year), {})[month] = Observation(
            D(value), "d.csv", line
        )
        index.rows += 1
    return index


def judge(catalog: Catalog, t: Target, data: ObservationStore, band: str = "0.1") -> Result:
    (result,) = evaluate([t], data, catalog, Options(band=D(band))).results
    return result


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("2000", Status.PASS),
        ("1900", Status.AT_RISK),
        ("1800", Status.AT_RISK),
        ("1799", Status.FAIL),
    ],
)
def test_flows_are_read_against_time(catalog: Catalog, value: str, status: Status) -> None:
    result = judge(catalog, target(), actuals(("tech_transaction_volume", 2024, 6, value)))
    assert result.status is status
    assert result.expected == D("0.5")
    assert figures.threshold(result) == 2000
    assert figures.gap(result) == D(value) - 2000
    assert figures.progress(result) == D(value) / 4000
    assert figures.remaining(result) == 4000 - D(value)
    assert figures.per_quarter(result) == (4000 - D(value)) / 2


def test_full_year_target_reached_early_passes(catalog: Catalog) -> None:
    result = judge(catalog, target(), actuals(("tech_transaction_volume", 2024, 3, "4000")))
    assert result.status is Status.PASS


def test_final_period_is_strict(catalog: Catalog) -> None:
    data = actuals(("tech_transaction_volume", 2024, 12, "3999"))
    assert judge(catalog, target(), data).status is Status.FAIL
    assert figures.remaining(judge(catalog, target(), data)) is None


def test_latest_period_of_the_year_is_judged(catalog: Catalog) -> None:
    data = actuals(
        ("tech_transaction_volume", 2024, 3, "100"),
        ("tech_transaction_volume", 2024, 9, "3100"),
        ("tech_transaction_volume", 2025, 12, "1"),
    )
    result = judge(catalog, target(), data)
    assert str(result.period) == "2024Q3"
    assert result.status is Status.PASS
    assert result.sources == (Location("d.csv", 3),)


def test_levels_are_compared_directly(catalog: Catalog) -> None:
    t = target("rd_intensity", value=D("3.2"), unit="%")
    assert judge(catalog, t, actuals(("rd_intensity", 2024, 6, "3.2"))).status is Status.PASS
    mid = judge(catalog, t, actuals(("rd_intensity", 2024, 6, "3.1")))
    assert (mid.status, figures.gap(mid), mid.gap_unit, mid.expected) == (
        Status.AT_RISK,
        D("-0.1"),
        "pp",
        1,
    )
    assert judge(catalog, t, actuals(("rd_intensity", 2024, 12, "3.1"))).status is Status.FAIL
    assert judge(catalog, t, actuals(("rd_intensity", 2024, 6, "2.8"))).status is Status.FAIL


def test_strict_and_upper_bounds(catalog: Catalog) -> None:
    over = target("rd_intensity", op=Op.GT, value=D(3), unit="%")
    assert judge(catalog, over, actuals(("rd_intensity", 2024, 12, "3"))).status is Status.FAIL
    limit = target(op=Op.LE, value=D(100))
    assert (
        judge(catalog, limit, actuals(("tech_transaction_volume", 2024, 6, "50"))).status
        is Status.PASS
    )
    assert (
        judge(catalog, limit, actuals(("tech_transaction_volume", 2024, 6, "54"))).status
        is Status.AT_RISK
    )
    # A full-year limit already exceeded fails at any period.
    assert (
        judge(catalog, limit, actuals(("tech_transaction_volume", 2024, 6, "101"))).status
        is Status.FAIL
    )


def test_band_comes_from_options_or_target(catalog: Catalog) -> None:
    data = actuals(("tech_transaction_volume", 2024, 6, "1900"))
    assert judge(catalog, target(), data, band="0").status is Status.FAIL
    assert judge(catalog, target(band=D("0.2")), data, band="0").status is Status.AT_RISK


def test_approximate_targets(catalog: Catalog) -> None:
    t = target("top_talents_added", op=Op.APPROX, value=D(40), unit="名")
    final = [
        judge(catalog, t, actuals(("top_talents_added", 2024, 12, v))) for v in ("38", "37", "45")
    ]
    assert [r.status for r in final] == [Status.PASS, Status.FAIL, Status.PASS]
    assert [text(n) for n in final[2].notes] == ["above the band 40名 ± 2名"]
    small = target("leading_teams_added", op=Op.APPROX, value=D(10), unit="个")
    # 5% of 10 is 0.5, but the band is at least one of the things counted.
    assert (
        judge(catalog, small, actuals(("leading_teams_added", 2024, 12, "9"))).status is Status.PASS
    )
    rate = target("rd_intensity", op=Op.APPROX, value=D(3), unit="%")
    assert judge(catalog, rate, actuals(("rd_intensity", 2024, 12, "2.8"))).status is Status.PASS
    assert judge(catalog, rate, actuals(("rd_intensity", 2024, 12, "2.79"))).status is Status.FAIL
    own = target("top_talents_added", op=Op.APPROX, value=D(40), unit="名", tolerance=D(5))
    assert judge(catalog, own, actuals(("top_talents_added", 2024, 12, "35"))).status is Status.PASS


def test_range(catalog: Catalog) -> None:
    t = target("rd_intensity", op=Op.BETWEEN, value=D(3), upper=D("3.5"), unit="%")
    results = [
        judge(catalog, t, actuals(("rd_intensity", 2024, 12, v))) for v in ("3.2", "2.9", "3.6")
    ]
    assert [r.status for r in results] == [Status.PASS, Status.FAIL, Status.FAIL]
    assert [figures.gap(r) for r in results] == [0, D("-0.1"), D("0.1")]


def test_growth_from_the_data(catalog: Catalog) -> None:
    t = target(basis=Basis.GROWTH, value=D(10), unit="%")
    data = actuals(
        ("tech_transaction_volume", 2023, 6, "1000"),
        ("tech_transaction_volume", 2024, 6, "1120"),
    )
    result = judge(catalog, t, data)
    assert (result.status, result.actual, result.unit) == (Status.PASS, D(12), "%")
    assert figures.gap(result) == 2 and result.gap_unit == "pp"
    assert len(result.sources) == 2


def test_growth_from_a_stated_baseline_is_prorated_for_flows(catalog: Catalog) -> None:
    t = target(basis=Basis.GROWTH, value=D(10), unit="%", baseline=Baseline(D("0.4"), "万亿元"))
    result = judge(catalog, t, actuals(("tech_transaction_volume", 2024, 6, "2200")))
    assert result.actual == 10  # 2200 on half of 4000
    assert result.status is Status.PASS
    assert "pro-rated" in text(result.notes[0])


def test_growth_from_last_years_total_in_the_data(catalog: Catalog) -> None:
    t = target(basis=Basis.GROWTH, value=D(10), unit="%", baseline=Baseline(D(1), "亿元"))
    data = actuals(
        ("tech_transaction_volume", 2023, 12, "4000"),
        ("tech_transaction_volume", 2024, 9, "3300"),
    )
    result = judge(catalog, t, data)
    assert result.actual == 10  # 3300 on three quarters of 4000; the data wins
    assert text(result.notes[0]) == "growth on 2023 pro-rated to 75% of the year"
    assert result.sources[-1] == Location("d.csv", 2)


def test_growth_without_baseline_is_no_data(catalog: Catalog) -> None:
    t = target(basis=Basis.GROWTH, value=D(10), unit="%")
    result = judge(catalog, t, actuals(("tech_transaction_volume", 2024, 6, "2200")))
    assert result.status is Status.NO_DATA
    assert "growth needs a baseline" in text(figures.reason(result))


def test_sum_of_metrics(catalog: Catalog) -> None:
    t = target(("tech_transaction_volume", "hitech_value_added"), op=Op.GT, value=D(8500))
    data = actuals(
        ("tech_transaction_volume", 2024, 12, "4000"),
        ("hitech_value_added", 2024, 12, "4501"),
    )
    assert judge(catalog, t, data).actual == 8501
    partial = actuals(("tech_transaction_volume", 2024, 12, "9000"))
    assert judge(catalog, t, partial).status is Status.NO_DATA
    apart = actuals(
        ("tech_transaction_volume", 2024, 6, "4000"),
        ("hitech_value_added", 2024, 9, "4501"),
    )
    assert "different periods" in text(figures.reason(judge(catalog, t, apart)))


def test_reference_metric(catalog: Catalog) -> None:
    t = target(
        "hitech_investment_growth",
        op=Op.GT,
        value=None,
        reference="fixed_asset_investment_growth",
        unit="%",
    )
    faster = actuals(
        ("hitech_investment_growth", 2024, 6, "8.9"),
        ("fixed_asset_investment_growth", 2024, 6, "5.6"),
    )
    result = judge(catalog, t, faster)
    assert (result.status, figures.threshold(result), figures.gap(result)) == (
        Status.PASS,
        D("5.6"),
        D("3.3"),
    )
    slower = actuals(
        ("hitech_investment_growth", 2024, 12, "4"),
        ("fixed_asset_investment_growth", 2024, 12, "5.6"),
    )
    assert judge(catalog, t, slower).status is Status.FAIL
    missing = actuals(("hitech_investment_growth", 2024, 6, "8.9"))
    assert "fixed_asset_investment_growth" in text(figures.reason(judge(catalog, t, missing)))


def test_stretch_value(catalog: Catalog) -> None:
    t = target("hitech_enterprises_added", value=D(700), stretch=D(800), unit="家")
    reached = judge(catalog, t, actuals(("hitech_enterprises_added", 2024, 12, "810")))
    missed = judge(catalog, t, actuals(("hitech_enterprises_added", 2024, 12, "750")))
    assert (reached.status, reached.stretch_met) == (Status.PASS, True)
    assert (missed.status, missed.stretch_met) == (Status.PASS, False)


def test_no_data_and_unmatched(catalog: Catalog) -> None:
    data = actuals(("rd_intensity", 2024, 6, "3"), ("tech_transaction_volume", 2023, 12, "5257"))
    report = evaluate([target()], data, catalog, Options())
    assert report.results[0].status is Status.NO_DATA
    assert "no figure for tech_transaction_volume in 浙江省 for 2024" in text(
        figures.reason(report.results[0])
    )
    assert {(u.metric, u.year) for u in report.unmatched} == {
        ("rd_intensity", 2024),
        ("tech_transaction_volume", 2023),
    }
    assert report.counts() == {"pass": 0, "at_risk": 0, "fail": 0, "no_data": 1}


amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False)
months = st.integers(1, 12)


@given(amounts, months, st.sampled_from(["万元", "亿元", "万亿元"]))
def test_status_does_not_depend_on_the_unit(
    catalog: Catalog, value: Decimal, month: int, unit: str
) -> None:
    in_yi = judge(catalog, target(), actuals(("tech_transaction_volume", 2024, month, str(value))))
    other = target(value=convert(D(4000), "亿元", unit), unit=unit)
    in_other = judge(catalog, other, actuals(("tech_transaction_volume", 2024, month, str(value))))
    assert in_yi.status is in_other.status
    assert figures.progress(in_yi) == figures.progress(in_other)


@given(amounts, amounts, months, st.sampled_from([Op.GE, Op.GT, Op.APPROX]))
def test_more_never_makes_an_at_least_target_worse(
    catalog: Catalog, low: Decimal, high: Decimal, month: int, op: Op
) -> None:
    low, high = min(low, high), max(low, high)
    t = target(op=op)
    worse = judge(catalog, t, actuals(("tech_transaction_volume", 2024, month, str(low))))
    better = judge(catalog, t, actuals(("tech_transaction_volume", 2024, month, str(high))))
    assert better.status.rank <= worse.status.rank


# -- goals due years ahead ---------------------------------------------------------------

RD_PATH = {"value": D("3.6"), "unit": "%", "year": 2027, "baseline": Baseline(D(3), "%", 2022)}


def course_of(result: Result) -> Course:
    assert result.course is not None
    return result.course


def test_the_worked_example_on_a_linear_path(catalog: Catalog) -> None:
    """README: baseline 3.0% in 2022, goal 3.6% in 2027, 3.18% in 2024."""
    t = target("rd_intensity", **RD_PATH)
    data = actuals(("rd_intensity", 2023, 12, "3.1"), ("rd_intensity", 2024, 12, "3.18"))
    result = judge(catalog, t, data)
    course = course_of(result)
    assert course.method is Method.LINEAR  # a ratio: linear by default
    assert (course.expected, course.threshold) == (D("3.24"), D("3.24"))
    assert result.status is Status.AT_RISK  # 0.06 below, within 10% of 3.24
    assert figures.gap(result) == D("-0.06")
    assert course.pace == D("0.75") and course.outlook is Outlook.BEHIND
    assert course.projection == D("3.45")
    assert course.needed_per_year == D("0.14")
    assert figures.progress(result) == D("0.3")
    assert [(str(p), v) for p, v in course.series] == [("2023", D("3.1")), ("2024", D("3.18"))]
    assert "3.24% due by then" in text(figures.reason(result))


def test_the_worked_example_on_a_path_of_constant_growth(catalog: Catalog) -> None:
    t = target("rd_intensity", method=Method.GROWTH, **RD_PATH)
    result = judge(catalog, t, actuals(("rd_intensity", 2024, 12, "3.18")))
    course = course_of(result)
    assert round(course.expected, 4) == D("3.2270")
    assert result.status is Status.AT_RISK
    assert course.pace is not None and round(course.pace, 3) == D("0.796")
    assert course.outlook is Outlook.BEHIND


def test_amounts_grow_at_a_constant_rate_by_default(catalog: Catalog) -> None:
    t = target("rd_expenditure", value=D(3000), year=2027, baseline=Baseline(D(2000), "亿元", 2022))
    result = judge(catalog, t, actuals(("rd_expenditure", 2024, 12, "2400")))
    course = course_of(result)
    assert course.method is Method.GROWTH
    assert round(course.expected, 20) == round(D(2000) * D("1.5") ** D("0.4"), 20)


def test_a_flow_part_way_through_a_year_is_due_in_proportion(catalog: Catalog) -> None:
    t = target(
        "rd_expenditure",
        value=D(3000),
        year=2027,
        method=Method.LINEAR,
        baseline=Baseline(D(2000), "亿元", 2022),
    )
    result = judge(catalog, t, actuals(("rd_expenditure", 2024, 6, "1200")))
    course = course_of(result)
    assert course.expected == D(2400) / 2  # 2024's 2400 on the path, half of it by June
    assert result.status is Status.PASS
    assert course.series == ((Period(2024, 6), D(2400)),)  # at the year's pace
    assert course.pace == D(1)


def test_the_baseline_comes_from_the_data_when_not_stated(catalog: Catalog) -> None:
    t = target(
        "rd_intensity", value=D("3.6"), unit="%", year=2027, baseline=Baseline(None, None, 2022)
    )
    data = actuals(("rd_intensity", 2022, 12, "3"), ("rd_intensity", 2024, 12, "3.24"))
    result = judge(catalog, t, data)
    assert result.status is Status.PASS and course_of(result).base == 3
    partial = actuals(("rd_intensity", 2022, 6, "3"), ("rd_intensity", 2024, 12, "3.24"))
    missing = judge(catalog, t, partial)
    assert missing.status is Status.NO_DATA
    assert "the whole of 2022" in text(figures.reason(missing))


def test_only_figures_up_to_the_year_reported_on_are_read(catalog: Catalog) -> None:
    t = target("rd_intensity", **RD_PATH)
    data = actuals(("rd_intensity", 2024, 12, "3.18"), ("rd_intensity", 2025, 12, "3.5"))
    (latest,) = evaluate([t], data, catalog, Options()).results
    (then,) = evaluate([t], data, catalog, Options(year=2024)).results
    assert latest.period == Period(2025, 12) and latest.status is Status.PASS
    assert then.period == Period(2024, 12) and then.status is Status.AT_RISK


def test_in_the_due_year_it_is_pass_or_fail_with_no_outlook(catalog: Catalog) -> None:
    t = target("rd_intensity", **RD_PATH)
    result = judge(catalog, t, actuals(("rd_intensity", 2027, 12, "3.59")))
    course = course_of(result)
    assert result.status is Status.FAIL
    assert course.outlook is None and course.projection is None
    assert "misses the goal" in text(figures.reason(result))


def test_milestones_bend_the_path(catalog: Catalog) -> None:
    milestones = (Milestone(2025, D("3.5")),)
    t = target("rd_intensity", milestones=milestones, **RD_PATH)
    result = judge(catalog, t, actuals(("rd_intensity", 2025, 12, "3.5")))
    assert course_of(result).expected == D("3.5") and result.status is Status.PASS
    early = judge(catalog, t, actuals(("rd_intensity", 2024, 12, "3.3")))
    # 2024 is two of the three years to the milestone: 3.0 + 0.5 × 2/3
    assert round(course_of(early).expected, 20) == round(D(3) + D("0.5") * 2 / 3, 20)


def test_a_ceiling_reached_early_passes(catalog: Catalog) -> None:
    t = target(
        "rd_intensity",
        op=Op.LE,
        value=D("2.5"),
        unit="%",
        year=2027,
        baseline=Baseline(D(3), "%", 2022),
    )
    reached = judge(catalog, t, actuals(("rd_intensity", 2023, 12, "2.4")))
    assert reached.status is Status.PASS and course_of(reached).outlook is Outlook.ACHIEVED
    above = judge(catalog, t, actuals(("rd_intensity", 2024, 12, "3.2")))
    assert above.status is Status.FAIL  # 2.8 due, more than 10% above it
    assert course_of(above).outlook is Outlook.BEHIND


def test_a_sum_over_years_adds_every_whole_year(catalog: Catalog) -> None:
    t = target("hitech_enterprises_added", value=D(20000), year=2027, accumulated_from=2023)
    data = actuals(
        ("hitech_enterprises_added", 2023, 12, "4000"),
        ("hitech_enterprises_added", 2024, 6, "2500"),
    )
    result = judge(catalog, t, data)
    course = course_of(result)
    assert result.actual == 6500 and course.expected == 6000  # 18 of 60 months of 20000
    assert result.status is Status.PASS
    assert [v for _, v in course.series] == [D(4000), D(6500)]
    assert course.pace is not None and round(course.pace, 20) == round(D(6500) / 6000, 20)
    assert course.outlook is Outlook.AHEAD
    gap = judge(catalog, t, actuals(("hitech_enterprises_added", 2024, 12, "2500")))
    assert gap.status is Status.NO_DATA and "needs a figure for 2023" in text(figures.reason(gap))
    part = actuals(
        ("hitech_enterprises_added", 2023, 9, "3000"),
        ("hitech_enterprises_added", 2024, 12, "2500"),
    )
    partial = judge(catalog, t, part)
    assert partial.status is Status.NO_DATA and "not 2023Q3" in text(figures.reason(partial))


def test_an_average_growth_is_judged_on_the_rate(catalog: Catalog) -> None:
    t = target(
        "rd_expenditure",
        basis=Basis.GROWTH,
        value=D(10),
        unit="%",
        year=2025,
        baseline=Baseline(D(1000), "亿元", 2020),
    )
    result = judge(catalog, t, actuals(("rd_expenditure", 2022, 12, "1210")))
    course = course_of(result)
    assert result.actual == D(10) and result.status is Status.PASS  # 1000 → 1210 in two years
    assert course.unit == "亿元" and course.expected == D(1210)
    assert course.points[-1][1] == D("1610.51")  # 1000 × 1.1⁵
    assert course.pace == 1 and course.outlook is Outlook.ON_TRACK
    slow = judge(catalog, t, actuals(("rd_expenditure", 2022, 12, "1190")))  # 9.09% a year
    assert slow.status is Status.AT_RISK and course_of(slow).outlook is Outlook.BEHIND


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from([Op.GE, Op.GT, Op.LE, Op.LT]),
    st.sampled_from(list(Method)),
    st.integers(min_value=2023, max_value=2027),
    st.integers(min_value=1, max_value=12),
    st.decimals(min_value=D("0.1"), max_value=D(10), places=2),
    st.decimals(min_value=D("0.1"), max_value=D(10), places=2),
)
def test_more_progress_is_never_worse(
    op: Op, method: Method, year: int, month: int, first: D, second: D
) -> None:
    goal = D("3.6") if op in (Op.GE, Op.GT) else D("2.4")
    t = target("rd_intensity", op=op, method=method, **{**RD_PATH, "value": goal})
    low, high = sorted((first, second))
    worse, better = (low, high) if op in (Op.GE, Op.GT) else (high, low)
    results = [
        judge(CATALOG, t, actuals(("rd_intensity", year, month, str(v)))) for v in (worse, better)
    ]
    assert results[1].status.rank <= results[0].status.rank
    ranks = [Outlook.ACHIEVED, Outlook.AHEAD, Outlook.ON_TRACK, Outlook.BEHIND, None]
    outlooks = [ranks.index(course_of(r).outlook) for r in results]
    assert outlooks[1] <= outlooks[0]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2023, max_value=2027),
    st.integers(min_value=0, max_value=4),
    st.decimals(min_value=D("3.6"), max_value=D(10), places=2),
    st.decimals(min_value=D(0), max_value=D(10), places=2),
    st.sampled_from(list(Method)),
)
def test_a_goal_met_early_passes_at_any_later_year(
    met: int, after: int, value: D, later_value: D, method: Method
) -> None:
    later = min(met + after, 2027)
    t = target("rd_intensity", method=method, **RD_PATH)
    rows = [("rd_intensity", met, 12, str(value))]
    if later != met:
        rows.append(("rd_intensity", later, 12, str(later_value)))
    result = judge(CATALOG, t, actuals(*rows))
    assert result.status is Status.PASS
    assert course_of(result).outlook is (None if later == 2027 else Outlook.ACHIEVED)
    if later != met:
        assert f"reached in {met}" in text(result.notes[0])


def test_a_yearly_limit_on_its_path_is_not_failed_before_it_is_due(catalog: Catalog) -> None:
    t = target(
        "rd_expenditure", op=Op.LE, value=D(1000), year=2027,
        baseline=Baseline(D(1500), "亿元", 2022),
    )  # fmt: skip
    result = judge(catalog, t, actuals(("rd_expenditure", 2024, 12, "1200")))
    assert result.status is Status.PASS  # under the 1275.4 the path allows for 2024
    assert course_of(result).outlook is Outlook.AHEAD
    due = judge(catalog, t, actuals(("rd_expenditure", 2027, 6, "1100")))
    assert due.status is Status.FAIL  # more than the due year's whole limit by June


def test_part_of_a_years_amount_is_not_the_goal_reached(catalog: Catalog) -> None:
    t = target("rd_expenditure", value=D(3000), year=2027, baseline=Baseline(D(2000), "亿元", 2022))
    result = judge(catalog, t, actuals(("rd_expenditure", 2025, 3, "800")))
    course = course_of(result)
    assert course.outlook is not Outlook.ACHIEVED  # 800 × 4 is not 3000 reached
    assert course.progress is None  # no whole year yet
    assert figures.remaining(result) == 2200


def test_a_sum_of_a_few_things_is_due_in_whole_things(catalog: Catalog) -> None:
    t = target("national_key_labs_added", value=D(5), unit="家", year=2027, accumulated_from=2023)
    data = actuals(
        ("national_key_labs_added", 2023, 12, "1"), ("national_key_labs_added", 2024, 7, "0")
    )
    result = judge(catalog, t, data)
    assert course_of(result).expected == 1  # 5 × 19/60 = 1.58, one whole 家
    assert result.status is Status.PASS and figures.gap(result) == 0


FIGURES = st.decimals(
    min_value=D("-1e33"), max_value=D("1e33"), allow_nan=False, allow_infinity=False, places=30
).filter(lambda d: len(d.as_tuple().digits) <= 34)


@settings(max_examples=150, deadline=None)
@given(
    base=FIGURES,
    goal=FIGURES,
    figure=FIGURES,
    start=st.integers(min_value=1949, max_value=2098),
    span=st.integers(min_value=1, max_value=50),
    month=st.integers(min_value=1, max_value=12),
    method=st.sampled_from([*Method, None]),
    metric=st.sampled_from(["rd_intensity", "rd_expenditure", "hitech_enterprises_added"]),
    growth=st.booleans(),
    summed=st.booleans(),
)
def test_any_goal_due_years_ahead_is_judged_and_shown_without_a_crash(
    base: D,
    goal: D,
    figure: D,
    start: int,
    span: int,
    month: int,
    method: Method | None,
    metric: str,
    growth: bool,
    summed: bool,
) -> None:
    from pcheck.render import Display, report_renderer
    from pcheck.units import ARITHMETIC

    due = min(start + span, 2100)
    unit = CATALOG.metrics[metric].unit
    if summed:
        fields: dict[str, Any] = {"accumulated_from": start + 1, "value": goal, "unit": unit}
    elif growth:
        fields = {"basis": Basis.GROWTH, "value": goal, "unit": "%"}
        fields["baseline"] = Baseline(base, unit, start)
    else:
        fields = {"value": goal, "unit": unit, "method": method}
        fields["baseline"] = Baseline(base, unit, start)
    t = target(metric, year=due, **fields)
    year = data_year = min(start + 1 + span // 2, due)
    data = actuals((metric, data_year, month, str(figure)), (metric, start, 12, str(base)))
    with localcontext(ARITHMETIC):
        (result,) = evaluate([t], data, CATALOG, Options(year=year)).results
        report = Report((result,), rows=2)
        for name in ("json", "table", "html", "markdown", "csv", "github", "junit"):
            assert "".join(report_renderer(name).render_report(report, CATALOG, Display()))
    if result.course is not None:
        for value in (result.course.projection, result.course.pace):
            assert value is None or value.adjusted() < 34


def test_a_goal_of_a_few_things_is_judged_in_whole_things(catalog: Catalog) -> None:
    one = target("national_key_labs_added", value=D(1), unit="家")
    none_yet = judge(catalog, one, actuals(("national_key_labs_added", 2024, 6, "0")))
    assert none_yet.status is Status.PASS and figures.gap(none_yet) == 0
    at_the_end = judge(catalog, one, actuals(("national_key_labs_added", 2024, 12, "0")))
    assert at_the_end.status is Status.FAIL
    five = target("national_key_labs_added", value=D(5), unit="家")
    two = judge(catalog, five, actuals(("national_key_labs_added", 2024, 6, "2")))
    assert two.status is Status.PASS and figures.threshold(two) == 2
    one_of_five = judge(catalog, five, actuals(("national_key_labs_added", 2024, 6, "1")))
    assert one_of_five.status is Status.FAIL and figures.gap(one_of_five) == -1


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=5000),
    st.integers(min_value=0, max_value=6000),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["家", "万家"]),
)
def test_the_threshold_shown_is_the_one_judged(
    goal: int, figure: int, month: int, unit: str
) -> None:
    scale = D(1) if unit == "家" else D("0.0001")
    t = target("hitech_enterprises_added", value=D(goal) * scale, unit=unit, band=D("0.01"))
    data = actuals(("hitech_enterprises_added", 2024, month, str(figure)))
    result = judge(CATALOG, t, data, band="0.01")
    gap = figures.gap(result)
    assert gap is not None
    reached = result.actual is not None and result.goal is not None and result.actual >= result.goal
    assert (result.status is Status.PASS) == (gap >= 0 or reached)


OUTLOOK_ORDER = [Outlook.ACHIEVED, Outlook.AHEAD, Outlook.ON_TRACK, Outlook.BEHIND, None]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(["amount", "ceiling", "sum", "average"]),
    st.integers(min_value=2024, max_value=2027),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=5000),
)
@example("ceiling", 2024, 1, 0, 1)  # a limit's figure fallen to zero: the most ahead
def test_more_progress_is_never_worse_for_amounts_sums_and_limits(
    kind: str, year: int, month: int, first: int, second: int
) -> None:
    metric = "hitech_enterprises_added" if kind == "sum" else "rd_expenditure"
    fields: dict[str, Any] = {"year": 2027}
    if kind == "sum":
        fields |= {"value": D(20000), "unit": "家", "accumulated_from": 2023}
    elif kind == "average":
        fields |= {"basis": Basis.GROWTH, "value": D(8), "unit": "%"}
        fields["baseline"] = Baseline(D(2000), "亿元", 2022)
    else:
        op = Op.LE if kind == "ceiling" else Op.GE
        fields |= {"op": op, "value": D(1000 if op is Op.LE else 3000), "unit": "亿元"}
        fields["baseline"] = Baseline(D(2000), "亿元", 2022)
    t = target(metric, **fields)
    low, high = sorted((first, second))
    worse, better = (high, low) if kind == "ceiling" else (low, high)
    whole = [(metric, y, 12, "4000") for y in range(2023, year)]
    results = [
        judge(CATALOG, t, actuals(*whole, (metric, year, month, str(v)))) for v in (worse, better)
    ]
    assert results[1].status.rank <= results[0].status.rank  # no data (no growth from 0) last
    if Status.NO_DATA in (results[0].status, results[1].status):
        return
    outlooks = [OUTLOOK_ORDER.index(course_of(r).outlook) for r in results]
    assert outlooks[1] <= outlooks[0]


def test_over_a_number_of_things_one_more_is_still_to_go(catalog: Catalog) -> None:
    over = target("national_key_labs_added", op=Op.GT, value=D(100), unit="家")
    result = judge(catalog, over, actuals(("national_key_labs_added", 2024, 6, "58")))
    assert figures.remaining(result) == 43  # 101 is the least that is over 100
    amount = target("rd_expenditure", op=Op.GT, value=D(100))
    money = judge(catalog, amount, actuals(("rd_expenditure", 2024, 6, "58")))
    assert figures.remaining(money) == 42  # an amount has no next whole thing


def test_a_streamed_report_judges_targets_as_their_results_are_read(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pcheck import engine

    targets = [target(id=f"t{n}", value=D(1000 * n)) for n in range(1, 5)]
    data = actuals(("tech_transaction_volume", 2024, 6, "1800"))
    judged: list[str] = []
    judge_one = engine._Evaluation.result

    def counted(self: engine._Evaluation) -> Result:
        judged.append(self.target.id)
        return judge_one(self)

    monkeypatch.setattr(engine._Evaluation, "result", counted)
    monkeypatch.setattr(engine, "BATCH", 3)
    streamed = engine.evaluate_lazily(targets, data, catalog, Options())
    assert judged == []
    results = streamed.results
    first = next(results)
    assert judged == ["t1", "t2", "t3"]  # a batch at a time
    with pytest.raises(RuntimeError):
        streamed.counts()  # not all judged yet
    assert next(results).target.id == "t2"
    assert next(results).target.id == "t3"
    assert judged == ["t1", "t2", "t3"]
    rest = [next(results)]
    assert judged == ["t1", "t2", "t3", "t4"]
    rest += list(results)
    assert [r.target.id for r in (first, *rest)] == ["t1", "t4"]
    assert streamed.counts() == {"pass": 3, "at_risk": 1, "fail": 0, "no_data": 0}
    with pytest.raises(RuntimeError):
        _ = streamed.results  # read once


def test_a_streamed_report_holds_what_evaluate_returns(catalog: Catalog) -> None:
    from pcheck.engine import evaluate_lazily

    targets = [
        target(id="a", value=D(4000)),
        target(id="b", region="330100", value=D(10)),
        target(id="c", metric="rd_intensity", op=Op.GE, value=D("3.2"), unit="%"),
    ]
    data = actuals(("tech_transaction_volume", 2024, 6, "1900"), ("rd_intensity", 2023, 12, "3"))
    held = evaluate(targets, data, catalog, Options())
    streamed = evaluate_lazily(targets, data, catalog, Options())
    assert streamed.unmatched == held.unmatched
    assert [u.metric for u in held.unmatched] == ["rd_intensity"]
    assert streamed.held() == held
    assert streamed.counts() == held.counts()


def test_judging_in_a_stream_keeps_the_reader_s_arithmetic(catalog: Catalog) -> None:
    from pcheck.engine import evaluate_lazily

    data = actuals(("tech_transaction_volume", 2024, 6, "2000"))
    with localcontext() as context:
        context.prec = 3
        results = evaluate_lazily([target()], data, catalog, Options()).results
        (result,) = results
        assert result.actual == D(2000) and result.status is Status.PASS
        assert context.prec == 3
        assert D(1) / D(3) == D("0.333")
