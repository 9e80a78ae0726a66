"""The shipped JSON Schema for target files, which editors use as people type.

It is made from the table in :mod:`pcheck.fields`. After a change to the table,
rewrite it with ``PCHECK_UPDATE_SCHEMA=1 python -m pytest tests/test_schema.py``
and review the diff.
"""

import copy
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import target_file
from pcheck.errors import TargetFileError
from pcheck.fields import (
    BASELINE,
    DOCUMENT,
    FILE,
    MILESTONE,
    SCHEMA_PATH,
    TARGET,
    Part,
    json_schema_text,
)
from pcheck.model import Catalog
from pcheck.targets import default_directory, load_target_file, target_files
from pcheck.yamlfile import parse_yaml, read_yaml


def shipped() -> Any:
    """The schema file as shipped (read afresh: the first test may rewrite it)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def as_json(value: Any) -> Any:
    """Plain JSON values, as an editor's YAML reader would give them."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def test_the_shipped_schema_is_made_from_the_table() -> None:
    made = json_schema_text()
    if os.environ.get("PCHECK_UPDATE_SCHEMA"):
        SCHEMA_PATH.write_text(made, encoding="utf-8", newline="\n")
    assert SCHEMA_PATH.read_text(encoding="utf-8") == made, (
        "pcheck/schema/targets.schema.json differs from the table in pcheck/fields.py; "
        "rewrite it with PCHECK_UPDATE_SCHEMA=1 python -m pytest tests/test_schema.py"
    )


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(shipped())


@pytest.mark.parametrize("path", target_files(default_directory()), ids=lambda p: p.name)
def test_builtin_targets_pass_the_schema(path: Path) -> None:
    jsonschema.validate(as_json(read_yaml(path).data), shipped())


@pytest.mark.parametrize(
    "entry",
    [
        "- {id: Bad Id, metric: m, op: '>=', value: 1, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '=>', value: 1, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', value: 1, reference: n, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', value: 1, unit: 家, quote: q, vlaue: 2}",
        "- {id: a, metric: m, op: '>=', value: lots, unit: 家, quote: q}",
    ],
)
def test_mistakes_fail_the_schema(entry: str) -> None:
    data = as_json(parse_yaml(target_file(entry), "t.yaml").data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, shipped())


# Every field of the table at least once, in a file both the reader and the schema take.
FULL = as_json(
    parse_yaml(
        """
document:
  title: 测试文件
  issuer: 测试机关
  date: 2024
  number: 测〔2024〕1号
  source: test.txt
  url: https://example.org/plan
region: "330000"
year: 2024
targets:
  - id: t-growth
    metric: tech_transaction_volume
    name: 技术交易额增长
    name_en: Growth of technology transactions
    region: 杭州市
    year: 2024
    op: ">="
    value: 10
    unit: "%"
    basis: growth
    baseline: {value: 5257, unit: 亿元, year: 2023}
    tier: base
    band: 0.1
    quote: 增长10%以上
    note: the baseline is last year's total
  - id: t-approx
    metric: rd_intensity
    op: approx
    value: 3
    stretch: 3.5
    tolerance: 0.2
    unit: "%"
    quote: 3%左右,力争3.5%
  - id: t-reference
    metric: hitech_investment_growth
    op: ">"
    reference: fixed_asset_investment_growth
    unit: "%"
    tier: stretch
    quote: 快于面上
  - id: t-sum
    metric: [tech_transaction_volume, hitech_value_added]
    op: ">"
    value: 100/3
    unit: 亿元
    quote: 总和超
  - id: t-range
    metric: rd_intensity
    op: between
    value: [3, 3.5]
    unit: "%"
    quote: 3%至3.5%
  - id: t-path
    metric: rd_intensity
    year: 2027
    op: ">="
    value: 3.6
    unit: "%"
    baseline: {value: 3.0, unit: "%", year: 2022}
    milestones: [{year: 2025, value: 3.3}]
    method: linear
    quote: 由2022年的3.0%提高到3.6%
  - id: t-sum-years
    metric: hitech_enterprises_added
    year: 2027
    accumulated_from: 2023
    op: ">="
    value: 20000
    unit: 家
    quote: 累计新增2万家
  - id: t-each
    metric: hitech_enterprises_added
    year: 2027
    each_year_from: 2025
    op: ">="
    value: 4000
    unit: 家
    quote: 每年新增4000家
""",
        "full.yaml",
    ).data
)
# Where each part sits in FULL (a target and a baseline: the first of them).
PLACES: dict[str, tuple[str | int, ...]] = {
    FILE.name: (),
    DOCUMENT.name: ("document",),
    TARGET.name: ("targets", 0),
    BASELINE.name: ("targets", 0, "baseline"),
    MILESTONE.name: ("targets", 5, "milestones", 0),
}
PARTS = {part.name: part for part in (FILE, DOCUMENT, TARGET, BASELINE, MILESTONE)}


def mapping_at(data: Any, place: tuple[str | int, ...]) -> Any:
    for step in place:
        data = data[step]
    return data


@pytest.fixture(scope="module")
def accepts(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Any:
    """(reader, schema): whether each takes a target file holding ``data``."""
    path = tmp_path_factory.mktemp("agree") / "t.yaml"
    validator = jsonschema.Draft202012Validator(shipped())

    def check(data: Any) -> tuple[bool, bool]:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        try:
            load_target_file(path, catalog)
            reader = True
        except TargetFileError:
            reader = False
        return reader, validator.is_valid(data)

    return check


def test_every_field_of_the_table_is_taken_by_both(accepts: Any) -> None:
    targets = FULL["targets"]
    used = {
        FILE.name: set(FULL),
        DOCUMENT.name: set(FULL["document"]),
        TARGET.name: {key for target in targets for key in target},
        BASELINE.name: {key for target in targets for key in target.get("baseline", {})},
        MILESTONE.name: {key for t in targets for m in t.get("milestones", []) for key in m},
    }
    assert {name: set(part.names) for name, part in PARTS.items()} == used
    assert accepts(FULL) == (True, True)


@pytest.mark.parametrize(
    ("part", "name"), [(part.name, name) for part in PARTS.values() for name in part.required]
)
def test_a_required_field_left_out_fails_both(accepts: Any, part: str, name: str) -> None:
    data = copy.deepcopy(FULL)
    del mapping_at(data, PLACES[part])[name]
    assert accepts(data) == (False, False)


@pytest.mark.parametrize("name", TARGET.one_of)
def test_a_target_with_neither_value_nor_reference_fails_both(accepts: Any, name: str) -> None:
    data = copy.deepcopy(FULL)
    del next(target for target in data["targets"] if name in target)[name]
    assert accepts(data) == (False, False)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_an_unknown_key_fails_both(accepts: Any, part: str) -> None:
    data = copy.deepcopy(FULL)
    mapping_at(data, PLACES[part])["vlaue"] = 1
    assert accepts(data) == (False, False)


def test_value_and_reference_together_fail_both(accepts: Any) -> None:
    data = copy.deepcopy(FULL)
    data["targets"][2]["value"] = 1
    assert accepts(data) == (False, False)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_reader_and_schema_agree_on_keys(accepts: Any, data: st.DataObject) -> None:
    """Leaving out any required keys, or adding any unknown ones, anywhere: both refuse."""
    part: Part = data.draw(st.sampled_from(list(PARTS.values())))
    left_out = data.draw(
        st.sets(st.sampled_from(part.required)) if part.required else st.just(set())
    )
    unknown = data.draw(
        st.sets(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), max_size=2).map(
            lambda names: names - set(part.names)
        )
    )
    file = copy.deepcopy(FULL)
    mapping = mapping_at(file, PLACES[part.name])
    for name in left_out:
        del mapping[name]
    mapping.update(dict.fromkeys(unknown, 1))
    expected = not left_out and not unknown
    assert accepts(file) == (expected, expected)
