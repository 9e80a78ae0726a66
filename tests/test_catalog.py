from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from pcheck.catalog import describe_metric, describe_region, load_catalog
from pcheck.errors import TargetFileError
from pcheck.messages import line, text
from pcheck.model import Catalog, Kind


def test_builtin_catalog(catalog: Catalog) -> None:
    assert catalog.metrics["tech_transaction_volume"].kind is Kind.FLOW
    assert catalog.metrics["rd_intensity"].unit == "%"
    assert catalog.find_metric("技术交易额").id == "tech_transaction_volume"  # type: ignore[union-attr]
    for name in ("330100", "杭州市", "杭州", "hangzhou"):
        assert catalog.find_region(name).code == "330100"  # type: ignore[union-attr]
    assert catalog.ancestors("330106") == ["330106", "330100", "330000"]


def test_suggestions(catalog: Catalog) -> None:
    assert "'杭州市'" in text(describe_region(catalog, "杭州巿"))
    assert "rd_intensity" in text(describe_metric(catalog, "rd_intensty"))


def test_a_directory_extends_the_catalog(write: Callable[[str, str], Path]) -> None:
    write(
        "mine/catalog/regions.yaml",
        """
        regions:
          - {code: "110000", name: 北京市, name_en: Beijing}
          - {code: "110105", name: 朝阳区, parent: "110000"}
          - {code: "220000", name: 吉林省}
          - {code: "220104", name: 朝阳区, parent: "220000"}
        """,
    )
    write(
        "mine/catalog/metrics.yaml",
        """
        metrics:
          - {id: patents_granted, name: 专利授权量, unit: 项, kind: flow}
        """,
    )
    directory = write("mine/x.yaml", "").parent
    catalog = load_catalog([directory])
    assert catalog.find_metric("专利授权量").kind is Kind.FLOW  # type: ignore[union-attr]
    assert catalog.find_region("朝阳区") is None
    assert "ambiguous" in text(describe_region(catalog, "朝阳区"))
    assert "rd_intensity" in catalog.metrics  # the built-in catalog is still there


def test_catalog_problems_are_all_reported(write: Callable[[str, str], Path]) -> None:
    write(
        "bad/catalog/metrics.yaml",
        """
        metrics:
          - {id: rd_intensity, name: 重复, unit: "%", kind: level}
          - {id: Bad-Id, name: 坏, unit: 斤, kind: flow}
          - {id: no_kind, name: 无, unit: 家}
        """,
    )
    write("bad/catalog/regions.yaml", "regions:\n  - {code: '12', name: 错, parent: '999999'}\n")
    with pytest.raises(TargetFileError) as caught:
        load_catalog([write("bad/x.yaml", "").parent])
    text = "\n".join(line(p) for p in caught.value.problems)
    assert "metrics.yaml:2:10: error[duplicate-id]" in text
    assert "lower_snake_case" in text
    assert "unknown unit '斤'" in text
    assert "'kind' is missing" in text
    assert "six-digit" in text
    assert "regions.yaml:2:35: error[invalid]: region 12 names unknown parent 999999" in text


def _extended(write: Callable[[str, str], Path], entries: str) -> Path:
    write("mine/catalog/metrics.yaml", "metrics:\n" + entries.lstrip("\n"))
    return write("mine/x.yaml", "").parent


def _problems(directory: Path) -> list[str]:
    with pytest.raises(TargetFileError) as caught:
        load_catalog([directory])
    return [line(p).split("/catalog/")[-1] for p in caught.value.problems]


def test_an_extension_adds_aliases_and_narrows_bounds(write: Callable[[str, str], Path]) -> None:
    directory = _extended(
        write,
        """
  - extends: rd_intensity
    aliases: [研发强度, R&D Intensity]
    max: 10
    note: what our data calls it
""",
    )
    catalog = load_catalog([directory])
    metric = catalog.metrics["rd_intensity"]
    assert catalog.find_metric("研发强度") is metric
    assert catalog.find_metric("r&d intensity") is metric
    assert metric.aliases[-2:] == ("研发强度", "R&D Intensity")
    assert (metric.minimum, metric.maximum) == (0, 10)  # min kept, max narrowed
    assert (metric.name, metric.unit, metric.kind) == ("研发投入强度", "%", Kind.LEVEL)
    assert load_catalog().metrics["rd_intensity"].maximum == 100  # the built-in one is kept


def test_an_extension_may_name_the_metric_by_name_and_set_a_missing_bound(
    write: Callable[[str, str], Path],
) -> None:
    directory = _extended(
        write,
        "  - {extends: 全社会研发经费支出, max: 5000, name: 全社会研发经费支出, unit: 亿元}\n",
    )
    metric = load_catalog([directory]).metrics["rd_expenditure"]
    assert (metric.minimum, metric.maximum) == (0, 5000)


def test_an_extension_applies_after_the_metrics_of_its_file(
    write: Callable[[str, str], Path],
) -> None:
    directory = _extended(
        write,
        """
  - {extends: patents_granted, aliases: [专利授权]}
  - {id: patents_granted, name: 发明专利授权量, unit: 项, kind: flow}
""",
    )
    assert load_catalog([directory]).find_metric("专利授权").id == "patents_granted"  # type: ignore[union-attr]


def test_an_extension_cannot_change_name_unit_or_kind(write: Callable[[str, str], Path]) -> None:
    directory = _extended(
        write,
        """
  - extends: rd_intensity
    name: 研发强度
    name_en: R&D intensity
    unit: ‰
    kind: flow
""",
    )
    found = _problems(directory)
    assert found == [
        "metrics.yaml:3:11: error[extends]: an extension cannot change the name of "
        "rd_intensity ('研发投入强度', not '研发强度'); define a new metric with an id of its own",
        "metrics.yaml:4:14: error[extends]: an extension cannot change the name_en of "
        "rd_intensity ('R&D intensity (R&D expenditure as a share of GDP)', not "
        "'R&D intensity'); define a new metric with an id of its own",
        "metrics.yaml:5:11: error[extends]: an extension cannot change the unit of "
        "rd_intensity ('%', not '‰'); define a new metric with an id of its own",
        "metrics.yaml:6:11: error[extends]: an extension cannot change the kind of "
        "rd_intensity ('level', not 'flow'); define a new metric with an id of its own",
    ]


def test_an_extension_cannot_widen_bounds(write: Callable[[str, str], Path]) -> None:
    directory = _extended(
        write,
        """
  - {extends: rd_intensity, min: -1, max: 120}
  - {extends: rd_expenditure, min: 10, max: 5}
""",
    )
    found = "\n".join(_problems(directory))
    assert "metrics.yaml:2:34: error[extends]: 'min' -1 would widen the bounds" in found
    assert "metrics.yaml:2:43: error[extends]: 'max' 120 would widen the bounds" in found
    assert "metrics.yaml:3:36: error[range]: 'min' 10 is above 'max' 5" in found


def test_an_extension_of_an_unknown_metric_suggests_one(write: Callable[[str, str], Path]) -> None:
    directory = _extended(write, "  - {extends: rd_intensty, aliases: [x]}\n")
    assert _problems(directory) == [
        "metrics.yaml:2:15: error[metric]: unknown metric 'rd_intensty'; did you mean "
        "'rd_intensity'?"
    ]


def test_an_extension_alias_taken_by_another_metric(write: Callable[[str, str], Path]) -> None:
    directory = _extended(write, "  - {extends: rd_intensity, aliases: [研发经费支出]}\n")
    assert _problems(directory) == [
        "metrics.yaml:2:38: error[duplicate-name]: '研发经费支出' already names metric "
        "rd_expenditure (names are compared ignoring case)"
    ]


def test_an_extension_has_no_id_and_no_other_keys(write: Callable[[str, str], Path]) -> None:
    directory = _extended(write, "  - {extends: rd_intensity, id: rd_intensity, alias: x}\n")
    found = "\n".join(_problems(directory))
    assert "error[schema]: give either 'id' (a new metric) or 'extends'" in found
    assert "error[unknown-key]: unknown key 'alias'; did you mean 'aliases'?" in found


def test_a_metric_defined_again_points_at_extends(write: Callable[[str, str], Path]) -> None:
    directory = _extended(write, "  - {id: rd_intensity, name: 强度, unit: '%', kind: level}\n")
    assert "write 'extends: rd_intensity' instead of 'id'" in _problems(directory)[0]


def test_the_readme_example_of_an_extension(write: Callable[[str, str], Path]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### The catalog", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    write("mine/catalog/metrics.yaml", block)
    metric = load_catalog([write("mine/x.yaml", "").parent]).find_metric("研发强度")
    assert metric is not None and metric.id == "rd_intensity" and metric.maximum == 20
