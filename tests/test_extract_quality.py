"""benchmarks/extract_quality.py: how drafts are matched to marks and counted, run
end to end with a fake extractor (a tiny script printing JSON for a fixture text)."""

from __future__ import annotations

import importlib.util
import json
import shlex
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import ROOT, SEEDS

SCRIPT = ROOT / "benchmarks" / "extract_quality.py"
BLIND = ROOT / "tests" / "extract" / "blind"
DEV = ROOT / "tests" / "extract" / "dev"
MARKED = sorted(BLIND.glob("*.goals.yaml")) + sorted(DEV.glob("*.goals.yaml"))


def _load() -> Any:
    if "extract_quality" not in sys.modules:
        spec = importlib.util.spec_from_file_location("extract_quality", SCRIPT)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["extract_quality"] = module
        spec.loader.exec_module(module)
    return sys.modules["extract_quality"]


eq = _load()


# ------------------------------------------------------------------- the reader


def test_reader_takes_the_yaml_the_marks_are_written_in() -> None:
    text = textwrap.dedent(
        """\
        # a comment
        text: a.txt  # another
        year: 2024
        goals:
          - quote: "达到3.2% # not a comment"
            value: [“1”, '2']
            stretch: null
            core: true
            note: 'it''s'
          -
            quote: plain: with colon
        empty:
        list:
        - 100/3
        - 3.95
        """
    )
    assert eq.read_yaml(text) == {
        "text": "a.txt",
        "year": 2024,
        "goals": [
            {
                "quote": "达到3.2% # not a comment",
                "value": ["“1”", "2"],
                "stretch": None,
                "core": True,
                "note": "it's",
            },
            {"quote": "plain: with colon"},
        ],
        "empty": None,
        "list": ["100/3", "3.95"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "a:\n\tb: 1\n",
        "a: |\n  text\n",
        'a: "unclosed\n',
        "a: 1\n    b: 2\n",
        "a: 1\na: 2\n",
        "a: [1, [2]]\n",
        "- a\nb: 1\n",
        "just text\n",
    ],
)
def test_reader_refuses_what_it_does_not_take(text: str) -> None:
    with pytest.raises(eq.YamlError, match=r"line \d"):
        eq.read_yaml(text)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "targets").glob("*.yaml")) + MARKED,
    ids=lambda p: p.name,
)
def test_reader_reads_the_target_and_mark_files_as_yaml_does(path: Path) -> None:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if value is None or isinstance(value, bool | int):
            return value
        return str(value)

    text = path.read_text(encoding="utf-8")
    assert eq.read_yaml(text) == plain(YAML(typ="safe").load(text))


@pytest.mark.parametrize("path", MARKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_mark_is_placed(path: Path) -> None:
    doc = eq.load_marked(path)
    assert doc.problems == []
    assert len(doc.marks) == len(YAML(typ="safe").load(path.read_text("utf-8"))["goals"])
    assert all(len(mark.spans) == 1 for mark in doc.marks)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the repository")
def test_every_builtin_target_with_a_figure_is_placed_in_its_seed() -> None:
    docs = eq.load_seeds(ROOT / "targets", SEEDS)
    assert len(docs) == len(list((ROOT / "targets").glob("*.yaml")))
    for doc in docs:
        assert all("left out" in problem for problem in doc.problems), doc.problems
        assert doc.marks and all(mark.core for mark in doc.marks)


# ------------------------------------------------------------- values and units


def test_values_compare_as_exact_fractions() -> None:
    assert eq.parse_value("3.2") == eq.parse_value(Decimal("3.2")) == eq.parse_value("16/5")
    assert eq.parse_value(3) == (Fraction(3),)
    assert eq.parse_value("1/3") != eq.parse_value("0.3333333333")
    assert eq.parse_value(["2", 3]) == (Fraction(2), Fraction(3))
    for bad in (None, True, "3,2", "about 3", "1/0", [1], [1, 2, 3], {"v": 1}):
        assert eq.parse_value(bad) is None


def test_units_and_operators_fold_trivially() -> None:
    assert eq.fold_unit("個") == eq.fold_unit("个") == "个"
    assert eq.fold_unit(" 億 元") == "亿元"
    assert eq.fold_unit("％") == "%"
    assert eq.fold_unit("项") != eq.fold_unit("个")  # no synonyms
    assert eq.fold_op("≥") == eq.fold_op("＞＝") == ">="
    assert eq.fold_unit(None) == eq.fold_op(None) == ""


def test_quotes_are_found_loosely_past_whitespace_and_romanisation() -> None:
    text = "推動(dòng)全社會(huì)研發(fā)支出增長(zhǎng)10%以上"
    (span,) = eq.locate(text, "全社會研發支出\n增長10%以上")
    assert text[span[0] : span[1]] == "全社會(huì)研發(fā)支出增長(zhǎng)10%以上"
    assert eq.locate("abcabc", "bc") == [(1, 3), (4, 6)]


# -------------------------------------------------------------------- scoring


def doc_with(text: str, marks: list[dict[str, Any]], not_goals: Sequence[str] = ()) -> Any:
    """A text marked in place, as a NAME.goals.yaml file would mark it."""
    doc = eq.Text("t", Path("t.txt"), "blind", text)
    for number, goal in enumerate(marks):
        defaults = {"op": ">=", "unit": "家", "basis": "value", "tier": "base", "year": 2024}
        doc.marks.append(eq._mark(doc, {**defaults, **goal}, str(number), core=goal["core"]))
    for snippet in not_goals:
        doc.not_goals.append(eq.NotGoal(snippet, "past", tuple(eq.find_all(text, snippet))))
    assert not doc.problems
    return doc


def draft(text: str, quote: str, value: Any, **fields: Any) -> Any:
    """A draft of a figure at ``quote``, right in everything not given."""
    start = text.index(quote)
    item = {"start": start, "end": start + len(quote), "quote": quote, "value": value}
    item |= {"op": ">=", "unit": "家", "tier": "base", "basis": "value", "year": 2024}
    return eq.to_draft({**item, **fields}, text)


TEXT = "去年新增120家。今年新增20亿元企业、亿元企业分别不少于1家、1家,高企达到300家,力争350家。"
CLAUSE = "新增20亿元企业、亿元企业分别不少于1家、1家"


def test_one_draft_stands_for_one_goal() -> None:
    doc = doc_with(
        TEXT,
        [
            {"quote": CLAUSE, "value": "1", "core": True},
            {"quote": CLAUSE, "value": "1", "core": True},
            {"quote": "高企达到300家", "value": "300", "core": True, "stretch": "350"},
        ],
    )
    one = [draft(TEXT, CLAUSE, 1), draft(TEXT, "高企达到300家", "300", stretch=350)]
    result, details = eq.score(doc, one)
    assert (result.found_core, result.core, result.matching_drafts) == (2, 3, 2)
    assert result.stretch == [1, 1]
    assert details["missed_core"] == [CLAUSE]
    both = [*one, draft(TEXT, "1家、1家", 1)]
    assert eq.score(doc, both)[0].found_core == 3


def test_precision_leaks_and_agreement() -> None:
    doc = doc_with(
        TEXT,
        [
            {"quote": "高企达到300家", "value": "300", "core": True},
            {"quote": CLAUSE, "value": "1", "core": False, "year": None},
        ],
        not_goals=["去年新增120家", "20亿元企业"],
    )
    drafts = [
        draft(TEXT, "高企达到300家", 300, op=">", tier="stretch", year=2025),
        draft(TEXT, "去年新增120家", 120),  # a past figure: a leak
        draft(TEXT, "20亿元企业", 20, unit="亿元"),  # a threshold: a leak
        draft(TEXT, CLAUSE, "1.0", year=1999),  # matches; no year to agree on
        draft(TEXT, "力争350家", 350),  # wrong, but not a leak
        eq.to_draft({"quote": "not in the text", "value": 1}, TEXT),
        eq.to_draft("not even an object", TEXT),
    ]
    result, details = eq.score(doc, drafts)
    assert (result.drafts, result.matching_drafts, result.leaks) == (7, 2, 2)
    assert (result.found_core, result.found_core_headline) == (1, 0)  # op is wrong
    assert result.tier == [1, 2] and result.basis == [2, 2] and result.year == [0, 1]
    assert result.stretch == [0, 0]
    assert [d["quote"] for d in details["leaked_drafts"]] == ["去年新增120家", "20亿元企业"]


def test_a_draft_without_offsets_is_placed_by_its_quote() -> None:
    doc = doc_with(TEXT, [{"quote": "高企达到300家", "value": "300", "core": True}])
    item = {"quote": "达到300家", "value": 300, "op": ">=", "unit": "家"}
    assert eq.score(doc, [eq.to_draft(item, TEXT)])[0].found_core == 1
    outside = {**item, "start": 0, "end": len(TEXT) + 5}  # offsets past the end: by quote
    assert eq.score(doc, [eq.to_draft(outside, TEXT)])[0].found_core == 1


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_scores_count_what_the_drafts_get_right(data: st.DataObject) -> None:
    """Perfect drafts for any subset of a blind text's marks, plus drafts whose
    figures no mark has: recall and precision come out exactly as counted."""
    marks_path = data.draw(st.sampled_from(sorted(BLIND.glob("*.goals.yaml"))))
    doc = eq.load_marked(marks_path)
    chosen = data.draw(st.lists(st.sampled_from(range(len(doc.marks))), unique=True))
    drafts = []
    for m in chosen:
        mark = doc.marks[m]
        start, end = mark.spans[0]
        value = [str(v) for v in mark.value]
        item = {"start": start, "end": end, "op": mark.op, "unit": mark.unit}
        item |= {"value": value if len(value) == 2 else value[0], "tier": mark.tier}
        drafts.append(eq.to_draft({**item, "basis": mark.basis, "year": mark.year}, doc.text))
    noise = data.draw(st.lists(st.tuples(st.integers(0, len(doc.text) - 1), st.integers(1, 9))))
    for start, length in noise:
        item = {"start": start, "end": min(start + length, len(doc.text)), "value": "12345.678"}
        drafts.append(eq.to_draft(item, doc.text))
    order = data.draw(st.permutations(range(len(drafts))))
    result, _ = eq.score(doc, [drafts[i] for i in order])
    assert result.found == len(chosen)
    assert result.found_core == result.found_core_headline
    assert result.found_core == sum(doc.marks[m].core for m in chosen)
    assert result.matching_drafts == len(chosen)
    assert result.drafts == len(chosen) + len(noise)
    assert result.leaks <= len(noise)
    assert result.tier == result.basis == [len(chosen), len(chosen)]


# ---------------------------------------------------------------- end to end

FAKE = """\
import json, sys, time
from pathlib import Path
args = sys.argv[1:]
assert args[0] == "extract" and args[2:] == ["--format", "json"], args
path = Path(args[1])
mode = path.with_name("mode").read_text().strip()
if mode == "fail":
    print("cannot read the file", file=sys.stderr)
    sys.exit(2)
if mode == "garbage":
    print("Traceback (most recent call last):")
    sys.exit(0)
if mode == "slow":
    time.sleep(30)
text = path.read_bytes().decode("utf-8").replace("\\r\\n", "\\n")
def at(quote, value, **more):
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote), "value": value,
            "op": ">=", "unit": "家", "basis": "value", "tier": "base", "stretch": None,
            "year": 2024, "metric": None, **more}
if path.stem == "plan":
    drafts = [at("高新技术企业达到300家", 300), at("去年新增120家", 120),
              at("研发投入增长10%以上", 10, unit="%", basis="growth", year=2025)]
else:
    drafts = [at("總數(shù)突破2000家", 2000, op=">"),
              at("研發(fā)投入占GDP比重達(dá)2.6%", "2.6", unit="%")]
print(json.dumps(drafts, ensure_ascii=False))
"""

# CRLF line endings, and enough lines before the goals that offsets counted with
# CRLF as two characters would miss them.
PLAN = "\r\n".join(
    [
        "某县2024年科技工作要点",
        *["-"] * 12,
        "去年新增120家。",
        "今年高新技术企业达到300家,研发投入增长10%以上。",
        "",
    ]
)

PLAN_MARKS = """\
text: plan.txt
goals:
  - quote: "高新技术企业达到300家"
    op: ">="
    value: "300"
    unit: "家"
    basis: value
    tier: base
    stretch: null
    year: 2024
    core: true
  - quote: "研发投入增长10%以上"
    op: ">="
    value: "10"
    unit: "%"
    basis: growth
    tier: base
    stretch: null
    year: 2024
    core: true
not_goals:
  - snippet: "去年新增120家"
    reason: past
"""


def run(tmp_path: Path, mode: str, *args: str) -> tuple[subprocess.CompletedProcess[str], Any]:
    blind = tmp_path / "blind"
    blind.mkdir(exist_ok=True)
    (blind / "plan.txt").write_bytes(PLAN.encode("utf-8"))
    (blind / "plan.goals.yaml").write_text(PLAN_MARKS, encoding="utf-8")
    fake = tmp_path / "fake.py"
    fake.write_text(FAKE, encoding="utf-8")
    for folder in (blind, tmp_path / "seeds"):
        folder.mkdir(exist_ok=True)
        (folder / "mode").write_text(mode, encoding="utf-8")
    out = tmp_path / "out.json"
    command = shlex.join([sys.executable, str(fake)])
    argv = [sys.executable, str(SCRIPT), str(blind), "--pcheck", command, "--json", str(out)]
    done = subprocess.run(
        [*argv, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    return done, json.loads(out.read_text(encoding="utf-8")) if out.exists() else None


def test_end_to_end_scores_a_plan_with_crlf_line_endings(tmp_path: Path) -> None:
    done, results = run(tmp_path, "ok")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    (text,) = results["texts"]
    assert (text["found_core"], text["core"]) == (2, 2)
    assert (text["matching_drafts"], text["drafts"], text["leaks"]) == (2, 3, 1)
    assert text["year"] == [1, 2] and text["basis"] == [2, 2] and text["stretch"] == [0, 0]
    assert text["leaked_drafts"][0]["quote"] == "去年新增120家" and text["error"] == ""
    assert results["totals"]["blind"]["found_core"] == 2
    line = next(line for line in done.stdout.splitlines() if line.startswith("plan "))
    assert "2/2 100%" in line and "2/3 67%" in line
    assert "total (blind)" in done.stdout


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("fail", "exit 2, no output: cannot read the file"),
        ("garbage", "output is not JSON"),
        ("slow", "no answer within 2 s"),
    ],
)
def test_a_failing_extractor_counts_as_no_drafts(tmp_path: Path, mode: str, said: str) -> None:
    done, results = run(tmp_path, mode, "--timeout", "2")
    assert done.returncode == 0
    assert said in done.stderr
    (text,) = results["texts"]
    assert (text["drafts"], text["found_core"], text["core"]) == (0, 0, 2)
    assert said in text["error"]
    if mode == "fail":
        assert "cannot read the file" in done.stderr


def test_a_missing_extractor_is_reported(tmp_path: Path) -> None:
    blind = tmp_path / "blind"
    blind.mkdir()
    (blind / "plan.txt").write_bytes(PLAN.encode("utf-8"))
    (blind / "plan.goals.yaml").write_text(PLAN_MARKS, encoding="utf-8")
    argv = [sys.executable, str(SCRIPT), str(blind), "--pcheck", "no-such-pcheck-here"]
    done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0
    assert "command not found: no-such-pcheck-here" in done.stderr
    assert "0/2 0%" in done.stdout


SEED = (
    "2024年,揚(yáng)州高新技術(shù)企業(yè)總數(shù)突破2000家,"
    "全社會研發(fā)投入占GDP比重達(dá)2.6%。"
)

TARGETS = """\
document:
  title: 某市
  issuer: 某市科学技术局
  date: "2024"
  source: seed.txt
region: "321000"
year: 2024
targets:
  - id: a
    metric: hitech_enterprises_total
    op: ">"
    value: 2000
    unit: 家
    quote: 總數突破2000 家
  - id: b
    metric: rd_intensity
    op: ">="
    value: 2.6
    unit: "%"
    tier: stretch
    quote: 全社會研發投入占GDP比重達2.6%
  - id: c
    metric: hitech_investment_growth
    op: ">="
    reference: fixed_asset_investment_growth
    unit: "%"
    quote: 全社會研發投入
"""


def test_seeds_are_scored_as_core_marks_found_past_romanisation(tmp_path: Path) -> None:
    (tmp_path / "targets").mkdir()
    (tmp_path / "targets" / "city-2024.yaml").write_text(TARGETS, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text(SEED, encoding="utf-8")
    args = ["--seeds", "--targets", str(tmp_path / "targets"), "--seeds-dir"]
    done, results = run(tmp_path, "ok", *args, str(tmp_path / "seeds"))
    assert done.returncode == 0
    assert "c: no figure (a reference), left out" in done.stderr
    seed = next(t for t in results["texts"] if t["kind"] == "seed")
    assert (seed["text"], seed["found_core"], seed["core"]) == ("city-2024", 2, 2)
    assert seed["tier"] == [1, 2]  # the draft says base, the target stretch
    assert results["totals"]["seed"]["core"] == 2
    assert "total (seed)" in done.stdout
