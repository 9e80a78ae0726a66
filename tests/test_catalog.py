from collections.abc import Callable
from pathlib import Path

import pytest

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
