from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, target_file
from pcheck.errors import TargetFileError
from pcheck.messages import line
from pcheck.model import Basis, Catalog, Op, Tier
from pcheck.targets import default_directory, load_targets, select_targets

GOOD = """
- id: t-flow
  metric: tech_transaction_volume
  op: ">"
  value: 4000
  unit: 亿元
  quote: 技术交易总额超4000亿元
"""


def errors(directory: Path, catalog: Catalog) -> list[str]:
    with pytest.raises(TargetFileError) as caught:
        load_targets(directory, catalog)
    return [line(p) for p in caught.value.problems]


def test_builtin_targets_load(catalog: Catalog) -> None:
    assert default_directory() == ROOT / "targets"
    targets = load_targets(default_directory(), catalog)
    assert len({t.id for t in targets}) == len(targets) > 30
    first = next(t for t in targets if t.id == "zj-2024-rd-intensity")
    assert (first.op, first.value, first.unit, first.tier) == (
        Op.GE,
        Decimal("3.2"),
        "%",
        Tier.STRETCH,
    )
    assert first.document.source == "002_edf8cddc51133580.txt"


def test_every_kind_of_target(write: Callable[[str, str], Path], catalog: Catalog) -> None:
    path = write(
        "t/a.yaml",
        target_file(
            GOOD,
            """
            - id: t-growth
              metric: 技术交易总额
              basis: growth
              op: ">="
              value: 10
              unit: "%"
              baseline: {value: 5257, unit: 亿元}
              quote: 增长10%以上
            """,
            """
            - id: t-sum
              metric: [tech_transaction_volume, hitech_value_added]
              op: ">"
              value: 8500
              unit: 亿元
              quote: 总和超8500亿元
            """,
            """
            - id: t-range
              metric: rd_intensity
              region: 杭州市
              year: 2025
              op: between
              value: [3, 3.5]
              unit: "%"
              quote: 3%至3.5%
            """,
            """
            - id: t-share
              metric: rd_intensity
              op: ">="
              value: 100/3
              unit: "%"
              quote: 全省1/3以上
            """,
            """
            - id: t-stretch
              metric: hitech_enterprises_added
              op: ">="
              value: 700
              stretch: 800
              unit: 家
              quote: 700家,力争800家
            """,
        ),
    )
    targets = {t.id: t for t in load_targets(path.parent, catalog)}
    assert targets["t-growth"].basis is Basis.GROWTH
    assert targets["t-growth"].metrics == ("tech_transaction_volume",)
    assert targets["t-sum"].metrics == ("tech_transaction_volume", "hitech_value_added")
    assert targets["t-sum"].name == "技术交易总额+高新技术产业增加值"
    assert (targets["t-range"].region, targets["t-range"].year) == ("330100", 2025)
    assert (targets["t-range"].value, targets["t-range"].upper) == (Decimal(3), Decimal("3.5"))
    assert targets["t-stretch"].stretch == 800
    assert targets["t-share"].value == Decimal(100) / Decimal(3)


def test_all_errors_of_a_file_with_positions(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    path = write(
        "t/bad.yaml",
        target_file(
            """
            - id: Bad Id
              metric: no_such_metric
              op: "=>"
              value: "lots"
              unit: 家
              quote: x
            """,
            """
            - id: t2
              metric: rd_intensity
              op: ">="
              value: 3
              unit: 亿元
              vlaue: 3
              quote: y
            """,
            """
            - id: t3
              metric: rd_intensity
              op: approx
              value: 3
              unit: "%"
              tolerance: -1
              band: 2
            """,
        ),
    )
    found = errors(path.parent, catalog)
    expected = [
        "bad.yaml:9:9: error[schema]: id 'Bad Id' must be lower case",
        "bad.yaml:10:13: error[metric]: unknown metric 'no_such_metric'",
        "bad.yaml:11:9: error[schema]: 'op' must be one of",
        "bad.yaml:12:12: error[schema]: 'value' must be a number",
        "bad.yaml:19:11: error[unit]: unit 亿元 cannot be converted to %, the unit of rd_intensity",
        "bad.yaml:20:5: error[unknown-key]: unknown key 'vlaue'; did you mean 'value'?",
        "bad.yaml:22:5: error[schema]: 'quote' is missing",
        "bad.yaml:27:16: error[schema]: 'tolerance' (>= 0) goes with op 'approx' only",
        "bad.yaml:28:11: error[schema]: 'band' is a share below 1",
    ]
    assert len(found) == len(expected)
    for wanted, problem in zip(expected, found, strict=True):
        assert problem.endswith(wanted) or wanted in problem, (wanted, problem)


def test_duplicate_ids_across_files(write: Callable[[str, str], Path], catalog: Catalog) -> None:
    write("t/a.yaml", target_file(GOOD))
    path = write("t/b.yaml", target_file(GOOD))
    (found,) = errors(path.parent, catalog)
    assert "b.yaml:9:5: error[duplicate-id]: target id 't-flow' is already used at" in found


def test_growth_target_must_be_in_percent(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    path = write(
        "t/g.yaml",
        target_file(
            """
            - id: g
              metric: tech_transaction_volume
              basis: growth
              op: ">="
              value: 10
              unit: 亿元
              quote: 增长
            """
        ),
    )
    assert any("a growth target is in %" in e for e in errors(path.parent, catalog))


def test_not_a_directory(tmp_path: Path, catalog: Catalog) -> None:
    assert "not a directory" in errors(tmp_path / "nope", catalog)[0]


def test_select_by_region_includes_subregions(catalog: Catalog) -> None:
    targets = load_targets(default_directory(), catalog)
    zhejiang = select_targets(targets, catalog, "330000", None)
    assert zhejiang and all("330000" in catalog.ancestors(t.region) for t in zhejiang)
    assert select_targets(targets, catalog, "320000", None) == [
        t for t in targets if t.region.startswith("32")
    ]
    assert select_targets(targets, catalog, None, 1999) == []


def test_goals_a_metric_cannot_reach_and_mixed_kinds(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    path = write(
        "t/k.yaml",
        target_file(
            """
            - id: impossible
              metric: rd_intensity
              op: ">="
              value: 120
              unit: "%"
              quote: q
            """,
            """
            - id: mixed-sum
              metric: [tech_transaction_volume, provincial_vc_fund_size]
              op: ">"
              value: 10
              unit: 亿元
              quote: q
            """,
            """
            - id: mixed-reference
              metric: hitech_value_added
              op: ">"
              reference: provincial_vc_fund_size
              unit: 亿元
              quote: q
            """,
        ),
    )
    found = errors(path.parent, catalog)
    assert [f.split(": ", 1)[1].split(":")[0] for f in found] == [
        "error[range]",
        "error[kind]",
        "error[kind]",
    ]
    assert "120 % is outside what rd_intensity can be" in found[0]


def test_only_the_projects_error_escapes_for_any_target_file(
    tmp_path: Path, catalog: Catalog
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from pcheck.targets import load_target_file

    keys = st.sampled_from(["id", "metric", "op", "value", "unit", "quote", "region", "year",
                            "basis", "baseline", "reference", "tier", "stretch", "tolerance",
                            "band", "name", "x"])  # fmt: skip
    words = [
        ">=",
        "approx",
        "between",
        "growth",
        "rd_intensity",
        "家",
        "%",
        "100/3",
        "0/0",
        "330000",
    ]
    scalars = st.one_of(
        st.integers(-5, 5000),
        st.text(max_size=8),
        st.sampled_from(words),
        st.lists(st.integers(), max_size=3),
    )
    entries = st.lists(st.dictionaries(keys, scalars, max_size=10), max_size=4)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
    @given(entries)
    def check(items: list[dict[str, object]]) -> None:
        import json

        document = {"document": {"title": "t", "issuer": "i", "date": "d", "source": "s"},
                    "region": "330000", "year": 2024, "targets": items}  # fmt: skip
        path = tmp_path / "fuzz.yaml"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        try:
            load_target_file(path, catalog)
        except TargetFileError as exc:
            assert exc.problems

    check()


def test_empty_values_and_every_field_are_checked(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    """An empty required value is missing, wherever it is; a baseline's year is a year;
    a bad name is reported beside the other problems of its target."""
    path = write(
        "t/e.yaml",
        """
        document:
          title:
          issuer: 测试机关
          date: "2024-01-01"
          source: test.txt
        region: "330000"
        year: 2024
        targets:
          - id: no-metric
            metric:
            op: ">"
            value: 1
            unit: 家
            quote: q
          - id: growth
            metric: tech_transaction_volume
            basis: growth
            op: ">="
            value: 10
            unit: "%"
            baseline: {value: 5257, unit: 亿元, year: 1900}
            quote: q
          - id: no-quote
            metric: rd_intensity
            name: [a]
            op: ">="
            value: 3
            unit: "%"
        """,
    )
    assert [e.split("e.yaml:", 1)[1] for e in errors(path.parent, catalog)] == [
        "2:9: error[schema]: 'document' needs 'title'",
        "10:12: error[schema]: 'metric' is missing",
        "21:45: error[schema]: 'year' must be a year",
        "23:5: error[schema]: 'quote' is missing",
        "25:11: error[schema]: 'name' must be a non-empty string",
    ]


def test_a_region_no_longer_in_use_is_read_as_its_successor_with_a_warning(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    from pcheck.app import Selection, lint_directory
    from pcheck.targets import read_targets

    text = target_file(GOOD).replace('region: "330000"', "region: 富阳市")
    path = write("old/a.yaml", text.replace("id: t-flow", "id: t-flow\n    region: '330183'"))
    targets, problems = read_targets(path.parent, catalog)
    assert [t.region for t in targets] == ["330111"]
    assert targets[0].region_entry.name == "富阳区"
    assert [line(p).split("/")[-1] for p in problems] == [
        "a.yaml:6:9: warning[abolished]: 330183 富阳市 was abolished in 2014; read as 330111 "
        "富阳区",
        "a.yaml:10:13: warning[abolished]: 330183 富阳市 was abolished in 2014; read as 330111 "
        "富阳区",
    ]
    assert load_targets(path.parent, catalog) == targets  # a warning does not stop a load
    check = lint_directory(Selection(path.parent), strict=False)  # lint says it
    assert [p.code for p in check.problems] == ["abolished", "abolished"] and check.exit_code == 0
    assert lint_directory(Selection(path.parent), strict=True).exit_code == 1


def test_a_region_named_ambiguously_or_split_is_an_error(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    text = target_file(GOOD).replace('region: "330000"', "region: 西湖区")
    path = write("amb/a.yaml", text.replace("id: t-flow", "id: t-flow\n    region: '130103'"))
    found = [p.split("/")[-1] for p in errors(path.parent, catalog)]
    assert found == [
        "a.yaml:6:9: error[region]: region '西湖区' is ambiguous: it could be 330106 西湖区 "
        "(浙江省杭州市), 360103 西湖区 (江西省南昌市); use the code",
        "a.yaml:10:13: error[region]: 130103 桥东区 was abolished in 2014; its area is now in "
        "130102 长安区 (河北省石家庄市), 130104 桥西区 (河北省石家庄市): use the code of the one "
        "meant",
    ]


def test_goals_due_years_ahead_are_read(
    write: Callable[[str, str], Path], catalog: Catalog
) -> None:
    path = write(
        "t/plan.yaml",
        target_file(
            """
            - id: path
              metric: rd_intensity
              year: 2027
              op: ">="
              value: 3.6
              unit: "%"
              baseline: {year: 2022, value: 3.0, unit: "%"}
              milestones: [{year: 2024, value: 3.2}, {year: 2025, value: 3.3}]
              quote: 由2022年的3.0%提高到3.6%
            - id: from-data
              metric: rd_expenditure
              year: 2027
              op: ">="
              value: 3000
              unit: 亿元
              baseline: {year: 2022}
              method: linear
              quote: 达到3000亿元
            - id: average
              metric: rd_expenditure
              basis: growth
              year: 2025
              op: ">="
              value: 10
              unit: "%"
              baseline: {year: 2020, value: 1860, unit: 亿元}
              quote: 年均增长10%
            - id: sum
              metric: hitech_enterprises_added
              year: 2027
              accumulated_from: 2023
              op: ">="
              value: 2
              unit: 万家
              quote: 2023—2027年累计新增2万家
            - id: yearly
              metric: tech_smes_added
              year: 2027
              each_year_from: 2025
              op: ">="
              value: 10000
              unit: 家
              quote: 每年新增1万家
            - id: last-year
              metric: rd_expenditure
              basis: growth
              op: ">="
              value: 8
              unit: "%"
              baseline: {year: 2023, value: 2640, unit: 亿元}
              quote: 增长8%
            """
        ),
    )
    targets = {t.id: t for t in load_targets(path.parent, catalog)}
    assert sorted(targets) == sorted(
        ["path", "from-data", "average", "sum", "yearly-2025", "yearly-2026", "yearly-2027",
         "last-year"]
    )  # fmt: skip
    path_goal = targets["path"]
    assert (path_goal.start, path_goal.first_year, path_goal.method) == (2022, 2023, None)
    assert [(m.year, m.value) for m in path_goal.milestones] == [
        (2024, Decimal("3.2")),
        (2025, Decimal("3.3")),
    ]
    assert targets["from-data"].baseline is not None
    assert targets["from-data"].baseline.value is None
    assert targets["average"].start == 2020
    assert (targets["sum"].start, targets["sum"].accumulated_from) == (2022, 2023)
    assert [targets[f"yearly-{y}"].year for y in (2025, 2026, 2027)] == [2025, 2026, 2027]
    assert targets["yearly-2026"].start is None
    assert targets["last-year"].start is None  # growth on the year before, as ever
    assert targets["path"].runs_in(2023) and not targets["path"].runs_in(2022)
    in_2024 = {t.id for t in select_targets(targets.values(), catalog, None, 2024)}
    assert in_2024 == {"path", "from-data", "average", "sum", "last-year"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("baseline: {year: 2027, value: 3, unit: '%'}", "before the goal's year 2027"),
        ("baseline: {value: 3}", "'value' and 'unit' go together"),
        ("baseline: {}", "needs a 'value' and 'unit', or a 'year'"),
        ("baseline: {value: 3, unit: '%'}", "a baseline goes with a growth target"),
        ("method: linear", "'method' draws the path of a goal due years ahead"),
        ("milestones: [{year: 2025, value: 3.3}]", "milestones need a path to lie on"),
        (
            "baseline: {year: 2022, value: 3, unit: '%'}\nmilestones: [{year: 2022, value: 3.3}]",
            "lies after the start 2022 and before 2027",
        ),
        (
            "baseline: {year: 2022, value: 3, unit: '%'}\n"
            "milestones: [{year: 2025, value: 3.3}, {year: 2024, value: 3.2}]",
            "year after year",
        ),
        ("accumulated_from: 2023", "only flows (amounts of a year) are summed"),
        ("accumulated_from: 2028", "'accumulated_from' 2028 is after the goal's year 2027"),
        ("each_year_from: 2030", "'each_year_from' 2030 is after the goal's year 2027"),
        (
            "each_year_from: 2025\nbaseline: {year: 2022, value: 3, unit: '%'}",
            "a goal of every year has no baseline year",
        ),
        (
            "baseline: {year: 2022, value: 0, unit: '%'}\nmethod: growth",
            "runs between figures above zero",
        ),
        ("baseline: {year: 2022}\nmethod: curved", "'method' must be one of"),
    ],
)
def test_mistakes_in_goals_due_years_ahead(
    write: Callable[[str, str], Path], catalog: Catalog, entry: str, message: str
) -> None:
    extra = "\n".join("  " + line for line in entry.splitlines())
    path = write(
        "t/bad.yaml",
        target_file(
            "- id: bad\n  metric: rd_intensity\n  year: 2027\n  op: '>='\n  value: 3.6\n"
            f"  unit: '%'\n  quote: q\n{extra}\n"
        ),
    )
    found = errors(path.parent, catalog)
    assert any(message in e for e in found), found


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("basis: growth\nbaseline: {year: 2020}\nmethod: linear", "is a constant growth"),
        (
            "basis: growth\nbaseline: {year: 2020}\nmilestones: [{year: 2024, value: 5}]",
            "an average growth has no milestones",
        ),
        ("accumulated_from: 2023\nmethod: growth", "paced linearly"),
        ("accumulated_from: 2023\nbaseline: {year: 2022}", "starts from nothing"),
    ],
)
def test_mistakes_in_growth_and_sums_over_years(
    write: Callable[[str, str], Path], catalog: Catalog, entry: str, message: str
) -> None:
    extra = "\n".join("  " + line for line in entry.splitlines())
    unit = "'%'" if "growth" in entry.split("\n")[0] else "亿元"
    path = write(
        "t/bad.yaml",
        target_file(
            "- id: bad\n  metric: rd_expenditure\n  year: 2027\n  op: '>='\n  value: 10\n"
            f"  unit: {unit}\n  quote: q\n{extra}\n"
        ),
    )
    found = errors(path.parent, catalog)
    assert any(message in e for e in found), found
