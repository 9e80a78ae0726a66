"""`pcheck extract` end to end: drafts load, lint clean against their sources, and
JSON offsets point at the quotes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcheck.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PLANS = sorted((Path(__file__).parent / "cases").glob("extract-*/plan.txt"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _plans() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return [*seeds, *PLANS]


@pytest.mark.parametrize("plan", _plans(), ids=lambda p: p.parent.name + "/" + p.name)
def test_a_draft_loads_and_lints_clean_against_its_source(plan: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(plan, sources / plan.name)
    targets = tmp_path / "targets"
    targets.mkdir()
    output = targets / (plan.stem + ".yaml")
    code, _, _ = run(
        "extract", str(sources / plan.name), "--region", "330000", "--output", str(output)
    )
    assert code == 0
    code, out, _ = run("targets", "lint", str(targets), "--sources", str(sources))
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out


@pytest.mark.parametrize("plan", _plans(), ids=lambda p: p.parent.name + "/" + p.name)
def test_json_offsets_point_at_the_quotes(plan: Path) -> None:
    code, out, _ = run("extract", str(plan), "--region", "330000", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert items
    text = plan.read_text(encoding="utf-8")
    for item in items:
        written = re.sub(
            r"\s+|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text[item["start"] : item["end"]]
        )
        assert re.sub(r"\s+", "", item["quote"]) == written


def test_several_plans_are_drafted_into_a_directory(tmp_path: Path) -> None:
    plans = PLANS[:3]
    code, _, err = run("extract", *map(str, plans), "--region", "330000", "--output", str(tmp_path))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [
        "plan-2.yaml",
        "plan-3.yaml",
        "plan.yaml",
    ]
    code, out, _ = run("targets", "lint", str(tmp_path))
    assert code == 0, out


def test_an_unreadable_plan_is_an_error_and_the_others_are_drafted(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00 not text \x00\x01")
    code, out, err = run(
        "extract", str(bad), str(PLANS[0]), "--region", "330000", "--format", "json"
    )
    assert code == 2
    assert "bad.txt" in err
    assert json.loads(out)


def test_a_saved_web_page_in_gb18030_is_drafted(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="gb2312"><title>宁波市2025年科技工作要点</title></head>'
        "<body><div class='nav'>首页 &gt; 政务公开 浏览次数:1234次</div>"
        "<div id='zoom'><p>二、主要目标</p><p>研发投入强度达到3.3%，新增高新技术企业"
        "1500家以上。</p><table><tr><td>指标</td><td>2024年</td><td>2025年目标</td></tr>"
        "<tr><td>技术合同成交额（亿元）</td><td>500</td><td>600</td></tr></table></div>"
        "</body></html>"
    )
    plan = tmp_path / "plan.html"
    plan.write_bytes(page.encode("gb18030"))
    code, out, _ = run("extract", str(plan), "--region", "330000", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert [(i["value"], i["unit"], i["year"]) for i in items] == [
        (3.3, "%", 2025),
        (1500, "家", 2025),
        (600, "亿元", 2025),
    ]
    assert items[0]["document"]["title"] == "宁波市2025年科技工作要点"


def test_a_word_document_is_drafted(tmp_path: Path) -> None:
    from tests.test_plantext import docx, paragraph

    body = paragraph("2024年工作要点") + paragraph(
        "力争研发投入强度达到3.2%,新增高新技术企业5000家。"
    )
    plan = tmp_path / "plan.docx"
    plan.write_bytes(docx(body))
    code, out, _ = run("extract", str(plan), "--region", "330000", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert [(i["value"], i["tier"]) for i in items] == [(3.2, "stretch"), (5000, "stretch")]


# Plans whose goals are due years ahead, simplified and traditional: each drafts the
# fields of target files for them, loads and lints clean, and is listed as meant.
_AHEAD = {
    "simplified": (
        "某市科技创新行动方案(2023—2027年)\n"
        "到2027年,全社会研发投入强度由2022年的3.0%提高到3.6%,2023—2027年累计新增高新技术"
        "企业2万家,研发经费年均增长10%,每年新增科技型中小企业1万家。"
        "到2025年研发投入强度达到3.3%。\n五年累计新增技术合同登记额达到5000亿元。\n"
    ),
    "traditional": (
        "某市科技創新行動方案(2023—2027年)\n"
        "到2027年,全社會研發投入強度由2022年的3.0%提高到3.6%,2023—2027年累計新增高新技術"
        "企業2萬家,研發經費年均增長10%,每年新增科技型中小企業1萬家。"
        "到2025年研發投入強度達到3.3%。\n五年累計新增技術合同登記額達到5000億元。\n"
    ),
}


@pytest.mark.parametrize("script", sorted(_AHEAD))
def test_goals_due_years_ahead_draft_the_fields_that_say_so_and_lint_clean(
    script: str, tmp_path: Path
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "plan.txt").write_text(_AHEAD[script], encoding="utf-8")
    output = tmp_path / "targets" / "plan.yaml"
    code, _, err = run(
        "extract", str(sources / "plan.txt"), "--region", "330000", "--output", str(output)
    )
    assert code == 0, err
    drafted = output.read_text(encoding="utf-8")
    for said in (
        '    baseline:\n      year: 2022\n      value: 3\n      unit: "%"\n',
        "    accumulated_from: 2023\n",
        "    basis: growth\n    baseline:\n      year: 2022\n",
        "    each_year_from: 2023\n",
    ):
        assert said in drafted
    code, out, _ = run("targets", "lint", str(output.parent), "--sources", str(sources))
    assert code == 0, out
    assert "0 error(s), 0 warning(s)" in out
    code, out, _ = run("targets", "list", "--targets", str(output.parent), "--format", "json")
    assert code == 0, out
    listed = [(t["id"], t["metric"], t["year"]) for t in json.loads(out)]
    assert listed == [
        ("plan-2027-01", "rd_intensity", 2027),
        ("plan-2027-02", "hitech_enterprises_added", 2027),
        ("plan-2027-03", "rd_expenditure", 2027),
        *[(f"plan-2027-04-{year}", "tech_smes_added", year) for year in range(2023, 2028)],
        ("plan-2025-05", "rd_intensity", 2025),
        ("plan-2027-06", "tech_contract_value", 2027),
    ]


def test_json_drafts_carry_the_fields_of_goals_due_years_ahead(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(_AHEAD["simplified"], encoding="utf-8")
    code, out, _ = run("extract", str(plan), "--region", "330000", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert [(i["baseline"], i["accumulated_from"], i["each_year_from"]) for i in items] == [
        ({"year": 2022, "value": 3, "unit": "%"}, None, None),
        (None, 2023, None),
        ({"year": 2022, "value": None, "unit": None}, None, None),
        (None, None, 2023),
        (None, None, None),
        (None, 2023, None),
    ]


_PIECES = [
    "新增高新技术企业",
    "力争",
    "达到",
    "超过",
    "3.2%",
    "5000家",
    "2 000 家",
    "以上",
    "左右",
    "、",
    ",",
    "。",
    "\n",
    "\t",
    "|",
    "“315”",
    "去年",
    "一、回顾\n",
    "二、目标\n",
    "三分之一",
    "百分之",
    "到2027年",
    "2023—2025年",
    "由",
    "提高到",
    "增长到",
    "由2022年的",
    "从2020年底的",
    "累计",
    "五年累计",
    "年均增长",
    "每年",
    "十四五期间",
    "2023—2027年",
    "4.5%至5%",
    "2-3家",
    "双",
    "各",
    "万户",
    "千家万户",
    "1/0",
    "9" * 40,
    "１２３",
    "序号\t指标\t2025年目标\n",
    "1\t研发(%)\t3.5\n",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_the_draft_of_any_text_loads(tmp_path: Path, pieces: list[str]) -> None:
    folder = tmp_path / str(abs(hash(tuple(pieces))))
    folder.mkdir()
    (folder / "plan.txt").write_text("".join(pieces), encoding="utf-8")
    output = folder / "targets" / "plan.yaml"
    code, _, err = run(
        "extract",
        str(folder / "plan.txt"),
        "--region",
        "330000",
        "--year",
        "2024",
        "--output",
        str(output),
    )
    assert code == 0, err
    code, out, _ = run("targets", "lint", str(output.parent), "--sources", str(folder))
    assert code == 0, out
