"""Drafting goals from plan text: what is a goal, and how each is read."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcheck.catalog import load_catalog
from pcheck.extract import Goal, extract
from pcheck.extract.numbers import chinese, written
from pcheck.extract.text import clean
from pcheck.model import Basis, Op, Tier

CATALOG = load_catalog()


def drafted(text: str, year: int | None = 2024) -> list[Goal]:
    return list(extract(text, CATALOG, "plan.txt", year=year).goals)


def only(text: str, year: int | None = 2024) -> Goal:
    goals = drafted(text, year)
    assert len(goals) == 1, [g.quote for g in goals]
    return goals[0]


@pytest.mark.parametrize(
    ("sentence", "op"),
    [
        ("研发投入强度达到3.2%。", Op.GE),
        ("研发投入强度达3.2%。", Op.GE),
        ("技术交易总额超4000亿元。", Op.GT),
        ("技术交易总额超过4000亿元。", Op.GT),
        ("孵化器数量突破600家。", Op.GT),
        ("开展帮扶活动不少于300次。", Op.GE),
        ("新增入孵企业2000家以上。", Op.GE),
        ("新增顶尖人才40名左右。", Op.APPROX),
        ("单位能耗控制在0.5%以内。", Op.LE),
        ("新增高新技术企业5000家。", Op.GE),
    ],
)
def test_the_operator_comes_from_the_words_around_the_figure(sentence: str, op: Op) -> None:
    assert only(sentence).op is op


def test_stretch_words_opening_a_sentence_govern_all_of_it() -> None:
    goals = drafted("力争研发投入强度达3.2%,新增高新技术企业5000家,技术交易总额超4000亿元。")
    assert [g.tier for g in goals] == [Tier.STRETCH] * 3


def test_a_stretch_word_inside_a_clause_governs_that_clause_only() -> None:
    goals = drafted("全年备案科技型中小企业冲刺3500家,认定技术合同260亿元。")
    assert [g.tier for g in goals] == [Tier.STRETCH, Tier.BASE]


@pytest.mark.parametrize(
    "text", ["新招引科技型企业700家,力争800家。", "研发投入强度达到3.2%、争取3.3%。"]
)
def test_a_goal_then_a_stretch_figure_is_one_goal_with_a_stretch(text: str) -> None:
    goal = only(text)
    assert goal.tier is Tier.BASE
    assert goal.stretch is not None and goal.stretch > goal.value  # type: ignore[operator]


def test_growth_is_read_as_growth() -> None:
    goal = only("推动全社会研发支出增长10%以上。")
    assert (goal.basis, goal.op, goal.value, goal.unit) == (Basis.GROWTH, Op.GE, 10, "%")


def test_a_year_the_sentence_gives_is_the_year_due() -> None:
    goal = only("到2027年,高新技术企业达到1万家。")
    assert goal.year == 2027
    assert goal.value == 1 and goal.unit == "万家"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("新增高新技术企业２０００家。", 2000, "家"),
        ("新增高新技术企业2000 家。", 2000, "家"),
        ("新增专利3 5 0件。", 350, "件"),
        ("新增科技型中小企业两千家。", 2000, "家"),
        ("研发投入强度达到百分之三点二。", Fraction(32, 10), "%"),
        ("科研平台达到全省三分之一以上。", Fraction(100, 3), "%"),
        ("科研平台达到全省1/3以上。", Fraction(100, 3), "%"),
        ("新增高新技術企業1.2萬家。", Fraction(12, 10), "万家"),
    ],
)
def test_figures_are_read_exactly_as_they_come(text: str, value: Fraction, unit: str) -> None:
    goal = only(text)
    assert (goal.value, goal.unit) == (value, unit)


def test_romanisation_is_read_past_and_kept_out_of_the_quote() -> None:
    text = "組織實(shí)施產(chǎn)業(yè)項(xiàng)目超100項(xiàng)。"
    goal = only(text)
    assert goal.quote == "組織實施產業項目超100項"
    assert text[goal.start : goal.end].startswith("組織實(shí)施")


@pytest.mark.parametrize(
    "text",
    [
        "培育第三批科技领军企业。",
        "培育第3批科技领军企业。",
        "深入实施“315”科技创新体系建设工程。",
        "运用好“1245”工作法。",
        "根据甬科〔2024〕297号文件。",
        "联系电话:0571-87055403。",
        "2024年2月10日印发。",
        "3亿元以上制造业企业研发机构全覆盖。",
        "锚定18个关键指标。",
        "实施省委十五届四次全会部署。",
        "建好两个中心。",
    ],
)
def test_what_only_looks_like_a_goal_is_not_drafted(text: str) -> None:
    goals = drafted(text)
    assert all("3亿元" not in g.quote or g.value == 100 for g in goals)
    figures = [g for g in goals if g.value not in (None, 100)]
    assert figures == []


@pytest.mark.parametrize(
    "text",
    [
        "一、2023年工作总结\n新增高新技术企业6800家。\n二、2024年工作思路\n新增高新技术企业5000家。",
        "一、主要成效\n新增高新技术企业6800家。\n二、主要目标\n新增高新技术企业5000家。",
        "去年,新增高新技术企业6800家。今年新增高新技术企业5000家。",
        "今年以来,新增高新技术企业6800家。\n新增高新技术企业5000家。",
        "2023年,新增高新技术企业6800家。2024年,新增高新技术企业5000家。",
        "记者获悉,2023年全市新增高新技术企业6800家。\n新增高新技术企业5000家。",
        "全市2023年新增高新技术企业6800家,同比增长12%。\n新增高新技术企业5000家。",
        "截至6月底,新增高新技术企业6800家。\n新增高新技术企业5000家。",
        "高新技术企业已达6800家。新增高新技术企业5000家。",
        "技术交易额同比增长96%,新增高新技术企业6800家。新增高新技术企业5000家。",
    ],
)
def test_past_figures_are_left_out(text: str) -> None:
    draft = extract(text, CATALOG, "plan.txt", year=2024)
    assert [g.value for g in draft.goals] == [5000]
    assert any("6800" in p.text for p in draft.passed)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("某市科技创新三年行动方案(2023—2025年)\n到2025年,新增高新技术企业5000家。", (2025, 2025)),
        ("某市“十四五”科技创新规划\n新增高新技术企业5000家。", (2025, 2025)),
        # Milestones within the plan's years are goals of their year, not the past.
        ("行动方案(2023-2025年)\n2024年,新增高新技术企业3000家。", (2025, 2024)),
        ("2024年工作要点\n研发投入较2020年增长50%。", (2024, 2024)),
    ],
)
def test_the_years_of_a_multi_year_plan(text: str, years: tuple[int, int]) -> None:
    draft = extract(text, CATALOG, "plan.txt")
    assert (draft.year, draft.goals[0].year) == years


def test_the_plan_year_comes_from_what_the_text_plans() -> None:
    text = "一、2023年工作总结\n新增6800家。\n二、2024年工作要点\n新增高新技术企业5000家。"
    assert extract(text, CATALOG, "plan.txt").year == 2024


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("两千", 2000),
        ("十二", 12),
        ("一千二百万", 12_000_000),
        ("三点二", Fraction(16, 5)),
        ("二〇二四", 2024),
    ],
)
def test_chinese_numerals(words: str, value: Fraction) -> None:
    assert chinese(words) == value


@given(st.fractions(min_value=0, max_value=10**9, max_denominator=1000))
def test_a_written_value_reads_back_exactly(value: Fraction) -> None:
    shown = written(value)
    numerator, _, denominator = shown.partition("/")
    from decimal import Decimal

    back = Fraction(Decimal(numerator)) / (Fraction(Decimal(denominator)) if denominator else 1)
    assert back == value


_PIECES = st.sampled_from(
    [
        "新增高新技术企业",
        "力争",
        "达到",
        "超",
        "3.2%",
        "５０００家",
        "2 0 0 0 家",
        "以上",
        "左右",
        "、",
        ",",
        "。",
        "\n",
        "“315”",
        "第三",
        "去年",
        "一、回顾\n",
        "二、目标\n",
        "實(shí)施",
        "三分之一",
        "百分之",
        "〔2024〕",
        "到2027年",
        " ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=40))
def test_any_text_drafts_cleanly_with_quotes_at_their_offsets(pieces: list[str]) -> None:
    text = "".join(pieces)
    draft = extract(text, CATALOG, "plan.txt", year=2024)
    for goal in draft.goals:
        assert 0 <= goal.start < goal.end <= len(text)
        squeezed = re.sub(r"\s+", "", goal.quote)
        assert squeezed in re.sub(
            r"\s+|\([^()]*\)", "", text[goal.start : goal.end]
        ) or squeezed in re.sub(r"\s+", "", text[goal.start : goal.end])


def test_cleaning_keeps_the_way_back_to_the_original() -> None:
    original = "新增 入孵企业 2 000 家以上, R&D 經費"
    text = clean(original)
    assert len(text.view) == len(text.shown) == len(text.origin)
    assert all(original[i] == char for i, char in zip(text.origin, text.shown, strict=True))
    assert "2000家" in text.view and "R&D经费" in text.view


def test_an_indicator_table_gives_the_goals_of_its_target_column() -> None:
    text = (
        "序号\t指标\t单位\t2022年(基期)\t2027年(目标)\t属性\n"
        "1\t研发经费投入强度\t%\t3.0\t3.6\t预期性\n"
        "2\t技术合同成交额（亿元）\t\t200\t≥400\t预期性\n"
        "3\t每万人发明专利拥有量(件)\t\t30\t50左右\t预期性\n"
    )
    goals = drafted(text, year=2023)
    assert [(g.year, g.op, g.value, g.unit) for g in goals] == [
        (2027, Op.GE, Fraction(36, 10), "%"),
        (2027, Op.GE, 400, "亿元"),
        (2027, Op.APPROX, 50, "件"),
    ]
    assert goals[0].quote == "1\t研发经费投入强度\t%\t3.0\t3.6\t预期性"


def test_a_table_of_what_was_achieved_gives_no_goals() -> None:
    text = (
        "指标 | 2023年完成 | 同比增长\n"
        "高新技术企业 | 6800家 | 12%\n"
        "研发投入强度 | 3.15% | 0.1个百分点\n"
    )
    assert drafted(text, year=2024) == []


def test_each_clause_takes_the_year_it_gives() -> None:
    goals = drafted("到2025年,研发投入强度达到3.2%;到2027年,研发投入强度达到3.5%。", year=2024)
    assert [(g.year, g.value) for g in goals] == [
        (2025, Fraction(32, 10)),
        (2027, Fraction(35, 10)),
    ]


def test_the_page_around_a_document_gives_no_goals() -> None:
    text = (
        "新增高新技术企业5000家。\n"
        "浏览次数:1234次 打印本页 关闭窗口\n"
        "版权所有 主办单位:某市科技局 访问量:56789次\n"
    )
    assert [g.value for g in drafted(text)] == [5000]


def test_without_a_stated_plan_year_the_year_the_goals_are_due_is_taken() -> None:
    text = (
        "2007年,全市新增高新技术企业80家,同比增长10%。2007年,研发投入增长12%。\n"
        "2008年,全市新增高新技术企业100家,力争120家。\n"
    )
    draft = extract(text, CATALOG, "plan.txt")
    assert draft.year == 2008
    assert [(g.year, g.value, g.stretch) for g in draft.goals] == [(2008, 100, 120)]


def test_goals_run_together_without_punctuation_are_parted() -> None:
    goals = drafted("全年新增高新技术企业5000家科技型中小企业1.2万家研发投入强度达到3.2%")
    assert [g.quote for g in goals] == [
        "全年新增高新技术企业5000家",
        "科技型中小企业1.2万家",
        "研发投入强度达到3.2%",
    ]


def test_each_thing_named_before_ge_is_a_goal_of_its_own() -> None:
    goals = drafted("实施国家重点研发项目、省重大攻关项目、市重点攻关项目3类项目各100项以上。")
    assert [(g.phrase, g.value) for g in goals] == [
        ("实施国家重点研发项目", 100),
        ("省重大攻关项目", 100),
        ("市重点攻关项目", 100),
    ]


def test_a_clause_of_many_figures_is_read_in_linear_time() -> None:
    # Each figure looks at a window of words around it, not the whole clause: 20,000
    # figures in one clause are read, not left to hang.
    draft = extract("新增" + "1家、" * 20_000, CATALOG, "plan.txt", region="330000", year=2024)
    assert len(draft.goals) == 20_000


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("宁波市科学技术局\n新增高新技术企业1500家。", "330200"),
        ("温州加快建设科技创新平台,温州市新增高新技术企业1500家。", "330300"),
        # 新平 (a county's short name) inside 创新平台 names no region.
        ("市委科技创新委员会办公室\n建强战略创新平台\n新增高新技术企业1500家。", None),
    ],
)
def test_the_region_is_the_one_the_issuer_or_the_text_names(text: str, region: str | None) -> None:
    assert extract(text, CATALOG, "plan.txt", year=2024).region == region


def test_a_line_broken_inside_a_sentence_is_read_whole() -> None:
    text = (
        "到2025年,全市数字经济核心产业增加值占GDP比重达到14%,数据共享有效需求满足\n"
        "率达到99%以上。\n"
    )
    goals = drafted(text, year=2025)
    assert [g.value for g in goals] == [14, 99]
    assert goals[1].quote == "数据共享有效需求满足\n率达到99%以上"


def test_spaces_where_a_page_lost_its_commas_part_the_goals() -> None:
    text = (
        "到２０２５年 建成5G基站２．５万个 行业型平台１０个 数据共享率达到９９％以上 构建平台１０个"
    )
    goals = drafted(text, year=2025)
    assert [(g.value, g.unit) for g in goals] == [
        (Fraction(5, 2), "万个"),
        (10, "个"),
        (99, "%"),
        (10, "个"),
    ]
    assert goals[1].quote == "行业型平台１０个"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("经济增长4.5%至5%。", Fraction(9, 2), 5, "%"),
        ("带动就业人数2000万-3000万人。", 2000, 3000, "万人"),
        ("新建创新联合体3-5家。", 3, 5, "家"),
    ],
)
def test_a_range_is_a_goal_between_its_ends(text: str, low: Fraction, high: int, unit: str) -> None:
    goal = only(text)
    assert (goal.op, goal.value, goal.upper, goal.unit) == (Op.BETWEEN, low, high, unit)


@pytest.mark.parametrize(
    "text", ["1-6月新增高新技术企业。", "联系电话0571-87055403。", "2023-2025年。"]
)
def test_what_only_looks_like_a_range_is_no_goal(text: str) -> None:
    assert drafted(text) == []


def test_where_a_plan_starts_from_is_no_goal() -> None:
    goals = drafted("科技进步贡献率从2015年的55.3%提高到60%,研发投入强度由2.1%提升至2.5%。", 2020)
    assert [g.value for g in goals] == [60, Fraction(5, 2)]


def test_years_said_as_within_n_years_or_this_year() -> None:
    text = "发布时间:2017-03-31\n四年内建设30个国家级农业高新技术示范区。"
    assert [g.year for g in drafted(text, year=None)] == [2020]
    text = "时间:2026-03-05\n“十五五”开局之年。今年发展主要预期目标是经济增长4.5%至5%。"
    assert [(g.year, g.op) for g in drafted(text, year=None)] == [(2026, Op.BETWEEN)]


def test_a_figure_in_quoted_speech_is_a_goal_and_in_a_quoted_name_is_not() -> None:
    text = "“首个指标就是科技进步贡献率从55.3%提高到60%,意味着届时进入创新型国家行列。”"
    assert [g.value for g in drafted(text, year=2020)] == [60]
    assert drafted("深入实施“315”科技创新体系和“1245”工作法。") == []


def test_a_size_class_is_no_goal_but_the_count_of_its_members_is() -> None:
    text = "年销售收入超100亿元的高新技术企业达到10家,高新技术产业实现营业收入2.45万亿元。"
    assert [g.value for g in drafted(text)] == [10, Fraction(245, 100)]


def test_rows_of_an_indicator_table_are_not_read_again_as_text() -> None:
    text = (
        "| 指标 | 2022年(基期) | 2027年(目标) |\n"
        "| 研发投入强度(%) | 3.0 | 3.6 |\n"
        "\t| 高新技术企业(家) | 100家 | 200家 |\n"
    )
    goals = drafted(text, year=2023)
    assert [(g.value, g.year) for g in goals] == [(Fraction(18, 5), 2027), (200, 2027)]


@pytest.mark.parametrize(
    ("words", "value"), [("两万五", 25000), ("一千二", 1200), ("一百零五", 105)]
)
def test_chinese_numerals_as_plans_write_them(words: str, value: int) -> None:
    assert only(f"新增科技型中小企业{words}家。").value == value


def test_what_yaml_would_not_keep_is_escaped_and_a_date_that_is_none_is_left_out() -> None:
    from pcheck.render.draft import render_yaml
    from pcheck.yamlfile import parse_yaml

    text = "2024年2月30日\n新增高新技术企业\x7f\u2028\ufffe5000家。"
    draft = extract(text, CATALOG, "plan.txt", region="330000", year=2024)
    assert draft.heading.date is None
    document = parse_yaml(render_yaml(draft, CATALOG), "plan.yaml")
    assert document.problems == []
    assert document.data["targets"][0]["quote"] == draft.goals[0].quote


def test_a_figure_heading_a_paragraph_and_speech_in_quotes() -> None:
    text = (
        "7%以上:创新力指标如何理解?\n"
        "“全社会研发经费投入年均增长7%以上、力争投入强度高于十三五时期实际”。\n"
        "2019年,战略性新兴产业增加值占GDP比重超11%。规划纲要中,这一比重超过17%。\n"
    )
    assert [g.value for g in drafted(text, year=2021)] == [7, 17]


def test_doubling_is_growth_of_a_hundred_percent() -> None:
    goal = only("专利申请量比2015年翻一番。", year=2020)
    assert (goal.basis, goal.op, goal.value, goal.unit) == (Basis.GROWTH, Op.GE, 100, "%")
