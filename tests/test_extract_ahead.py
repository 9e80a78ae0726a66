"""Drafting goals due years ahead: a start the text states (由2022年的3.0%提高到3.6%),
a sum over years (2023—2027年累计), an average yearly growth (年均增长) and a goal of
every year (每年), each only where the words or the plan's stated period give the years."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pcheck.catalog import load_catalog
from pcheck.extract import Goal, extract
from pcheck.extract.draft import Start
from pcheck.model import Basis, Op

CATALOG = load_catalog()
THREE_YEARS = "某市科技创新三年行动方案(2023—2025年)\n"
FIVE_YEARS = "某省“十四五”科技创新规划\n"
ANNUAL = "某市2024年科技创新工作要点\n"


def drafted(text: str) -> list[Goal]:
    return list(extract(text, CATALOG, "plan.txt").goals)


def only(text: str) -> Goal:
    goals = drafted(text)
    assert len(goals) == 1, [g.quote for g in goals]
    return goals[0]


def checked(goal: Goal) -> set[str]:
    return {check.id for check in goal.checks}


@pytest.mark.parametrize(
    ("text", "start", "year", "value", "unit"),
    [
        (
            "到2027年,全社会研发投入强度由2022年的3.0%提高到3.6%。",
            Start(2022, Fraction(3), "%"),
            2027,
            Fraction(36, 10),
            "%",
        ),
        (
            "到2027年,全社會研發投入強度由2022年的3.0%提高到3.6%。",
            Start(2022, Fraction(3), "%"),
            2027,
            Fraction(36, 10),
            "%",
        ),
        (
            "到2025年,高新技术企业从2020年底的1.2万家增加到2万家。",
            Start(2020, Fraction(12, 10), "万家"),
            2025,
            2,
            "万家",
        ),
        (
            "到2025年,高新技術企業從2020年底的1.2萬家增加到2萬家。",
            Start(2020, Fraction(12, 10), "万家"),
            2025,
            2,
            "万家",
        ),
        (
            "到2025年,规上工业企业研发机构覆盖率由2020年的40%提升至60%。",
            Start(2020, Fraction(40), "%"),
            2025,
            60,
            "%",
        ),
        (
            "到2027年,技术合同成交额由2022年8000亿元增长到1.2万亿元。",
            Start(2022, Fraction(8000), "亿元"),
            2027,
            Fraction(12, 10),
            "万亿元",
        ),
    ],
)
def test_a_start_the_text_states_is_the_baseline(
    text: str, start: Start, year: int, value: Fraction, unit: str
) -> None:
    goal = only(text)
    assert (goal.baseline, goal.year, goal.value, goal.unit) == (start, year, value, unit)
    assert goal.basis is Basis.VALUE and goal.op is Op.GE
    assert "extract.check-baseline" in checked(goal)


@pytest.mark.parametrize(
    "text",
    [
        "到2027年,数字经济核心产业增加值占比由2022年的10%增长到15%。",
        "到2027年,數字經濟核心產業增加值佔比由2022年的10%增長到15%。",
    ],
)
def test_growing_to_a_share_is_a_level_to_reach_not_growth(text: str) -> None:
    goal = only(text)
    assert (goal.basis, goal.value, goal.baseline) == (Basis.VALUE, 15, Start(2022, 10, "%"))


@pytest.mark.parametrize(
    "text",
    [
        # No year for the start: the start of what?
        "到2027年,研发投入强度由3.0%提高到3.6%。",
        # A change in points is no level to start from.
        "到2027年,研发投入强度比2022年提高0.6个百分点。",
        # The start and the goal in units that do not convert.
        "到2027年,科技企业由2022年的500家提高到60%。",
    ],
)
def test_no_baseline_without_a_year_and_a_figure_that_fit(text: str) -> None:
    assert all(goal.baseline is None for goal in drafted(text))


@pytest.mark.parametrize(
    ("text", "years", "value", "unit"),
    [
        ("2023—2027年累计新增高新技术企业2万家。", (2023, 2027), 2, "万家"),
        ("2023-2027年累计新增科技型中小企业5000家。", (2023, 2027), 5000, "家"),
        ("2023至2027年累计新增高新技术企业2万家。", (2023, 2027), 2, "万家"),
        ("2023—2027年累計新增高新技術企業2萬家。", (2023, 2027), 2, "万家"),
        ("“十四五”期间累计新增高新技术企业5000家。", (2021, 2025), 5000, "家"),
        ("「十四五」期間累計新增高新技術企業5000家。", (2021, 2025), 5000, "家"),
        (THREE_YEARS + "累计新增高新技术企业3000家。", (2023, 2025), 3000, "家"),
        (THREE_YEARS + "三年累计新增科技型中小企业1万家。", (2023, 2025), 1, "万家"),
        (FIVE_YEARS + "五年累计新增高新技术企业5000家。", (2021, 2025), 5000, "家"),
        # The years the sentence says govern, not the plan's.
        (THREE_YEARS + "“十四五”期间,累计新增国家级“小巨人”企业100家。", (2021, 2025), 100, "家"),
        (FIVE_YEARS + "2023年至2025年,全市累计新增高新技术企业3000家。", (2023, 2025), 3000, "家"),
    ],
)
def test_a_sum_over_years_is_accumulated_from_its_first_year(
    text: str, years: tuple[int, int], value: int, unit: str
) -> None:
    goal = only(text)
    assert (goal.accumulated_from, goal.year) == years
    assert (goal.value, goal.unit, goal.baseline, goal.each_year_from) == (value, unit, None, None)
    assert "extract.check-accumulated" in checked(goal)
    assert "extract.check-cumulative" not in checked(goal)


@pytest.mark.parametrize(
    "text",
    [
        # No years, and an annual plan: over which years?
        ANNUAL + "累计新增高新技术企业3000家。",
        # Five years said, three in the plan.
        THREE_YEARS + "五年累计新增高新技术企业5000家。",
        # Due before the end of the plan's period.
        THREE_YEARS + "到2024年,累计新增高新技术企业3000家。",
        # A stock does not add up year by year.
        "2023—2027年累计建成5G基站10万个。",
    ],
)
def test_a_sum_without_stated_years_stays_a_goal_of_its_year(text: str) -> None:
    goal = only(text)
    assert goal.accumulated_from is None
    assert "extract.check-cumulative" in checked(goal)


@pytest.mark.parametrize(
    ("text", "start", "year"),
    [
        (THREE_YEARS + "全社会研发经费投入年均增长10%以上。", 2022, 2025),
        (THREE_YEARS + "全社會研發經費投入年均增長10%以上。", 2022, 2025),
        (FIVE_YEARS + "全社会研发经费投入年均增长7%。", 2020, 2025),
        (FIVE_YEARS + "技术合同成交额年均增速8%。", 2020, 2025),
        ("“十四五”期间全社会研发经费投入年均增长7%以上。", 2020, 2025),
        ("2023—2027年研发经费年均增长10%。", 2022, 2027),
        (FIVE_YEARS + "2023—2025年,全社会研发投入年均增长10%以上。", 2022, 2025),
    ],
)
def test_an_average_yearly_growth_runs_from_the_year_before_the_plan(
    text: str, start: int, year: int
) -> None:
    goal = only(text)
    assert goal.basis is Basis.GROWTH
    assert (goal.baseline, goal.year) == (Start(start), year)
    assert "extract.check-average-growth" in checked(goal)
    assert "extract.check-yearly-average" not in checked(goal)


@pytest.mark.parametrize(
    "text",
    [
        ANNUAL + "全社会研发经费投入年均增长10%。",
        "到2027年,全社会研发经费投入年均增长10%。",
        THREE_YEARS + "到2024年,全社会研发经费投入年均增长10%。",
        # An average of a count is no growth.
        THREE_YEARS + "年均新增高新技术企业500家。",
        # A range of rates has no single path.
        THREE_YEARS + "全社会研发经费投入年均增长8%至10%。",
    ],
)
def test_an_average_without_the_plans_years_stays_a_goal_of_its_year(text: str) -> None:
    goal = only(text)
    assert goal.baseline is None
    assert "extract.check-yearly-average" in checked(goal)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        (THREE_YEARS + "每年新增科技型中小企业1000家。", (2023, 2025)),
        (THREE_YEARS + "每年新增科技型中小企業1000家。", (2023, 2025)),
        (FIVE_YEARS + "每年新增高新技术企业500家以上。", (2021, 2025)),
        ("2023—2027年每年新增科技型中小企业1万家。", (2023, 2027)),
        (THREE_YEARS + "全社会研发经费投入每年增长10%以上。", (2023, 2025)),
    ],
)
def test_a_goal_of_every_year_runs_each_year_of_the_plan(text: str, years: tuple[int, int]) -> None:
    goal = only(text)
    assert (goal.each_year_from, goal.year) == years
    assert (goal.baseline, goal.accumulated_from) == (None, None)
    assert "extract.check-each-year-from" in checked(goal)


@pytest.mark.parametrize(
    "text",
    [
        ANNUAL + "每年新增科技型中小企业1000家。",
        "到2027年,每年新增科技型中小企业1000家。",
        THREE_YEARS + "到2024年,每年新增科技型中小企业1000家。",
    ],
)
def test_every_year_without_the_plans_years_stays_a_goal_of_its_year(text: str) -> None:
    goal = only(text)
    assert goal.each_year_from is None
    assert "extract.check-each-year" in checked(goal)


def test_the_value_set_for_a_year_on_the_way_stays_a_target_and_is_named() -> None:
    goals = drafted(
        "到2027年,全社会研发投入强度由2022年的3.0%提高到3.6%。到2025年研发投入强度达到3.3%。"
    )
    assert [(g.year, g.value) for g in goals] == [
        (2027, Fraction(36, 10)),
        (2025, Fraction(33, 10)),
    ]
    later, earlier = goals
    assert earlier.baseline is None and not checked(earlier)
    milestone = [c for c in later.checks if c.id == "extract.check-milestone"]
    assert [dict(c.params) for c in milestone] == [{"value": "3.3%", "year": 2025}]


def test_the_example_of_all_kinds() -> None:
    goals = drafted(
        "到2027年,全社会研发投入强度由2022年的3.0%提高到3.6%,2023—2027年累计新增高新技术"
        "企业2万家,研发经费年均增长10%,每年新增科技型中小企业1万家。到2025年研发投入强度达到3.3%。"
    )
    assert [
        (g.metric, g.year, g.baseline, g.accumulated_from, g.each_year_from) for g in goals
    ] == [
        ("rd_intensity", 2027, Start(2022, Fraction(3), "%"), None, None),
        ("hitech_enterprises_added", 2027, None, 2023, None),
        ("rd_expenditure", 2027, Start(2022), None, None),
        ("tech_smes_added", 2027, None, None, 2023),
        ("rd_intensity", 2025, None, None, None),
    ]
