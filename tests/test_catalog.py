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


def test_a_directory_alias_settles_a_shared_name(write: Callable[[str, str], Path]) -> None:
    write(
        "mine/catalog/regions.yaml",
        """
        regions:
          - code: "330106"
            aliases: [西湖区, 西湖]
          - {code: "220200", name: 吉林市, aliases: [吉林]}
        """,
    )
    catalog = load_catalog([write("mine/x.yaml", "").parent])
    assert catalog.find_region("西湖区").code == "330106"  # type: ignore[union-attr]
    assert catalog.find_region("西湖").code == "330106"  # type: ignore[union-attr]
    assert catalog.find_region("吉林").code == "220200"  # type: ignore[union-attr]
    assert catalog.find_region("吉林省").code == "220000"  # type: ignore[union-attr]
    assert catalog.find_region("南昌市西湖区").code == "360103"  # type: ignore[union-attr]
    xihu = catalog.regions["330106"]
    assert xihu.name == "西湖区" and xihu.parent == "330100" and xihu.name_en.startswith("Xihu")
    assert set(xihu.aliases) >= {"杭州市西湖区", "Xihu", "西湖区", "西湖"}  # built-in ones kept
    builtin = load_catalog()
    assert builtin.find_region("西湖区") is None and builtin.find_region("吉林").code == "220000"  # type: ignore[union-attr]


def test_a_region_of_its_own_beside_the_standard_ones(write: Callable[[str, str], Path]) -> None:
    write(
        "mine/catalog/regions.yaml",
        """
        regions:
          - {code: "339901", name: 未来科技城, name_en: Future Sci-Tech City, parent: "330110"}
          - {code: "339902", name: 西湖区, parent: "330100"}
        """,
    )
    catalog = load_catalog([write("mine/x.yaml", "").parent])
    assert catalog.find_region("未来科技城").code == "339901"  # type: ignore[union-attr]
    assert catalog.find_region("future sci-tech city").code == "339901"  # type: ignore[union-attr]
    assert catalog.find_region("杭州未来科技城").code == "339901"  # type: ignore[union-attr]
    assert catalog.ancestors("339901") == ["339901", "330110", "330100", "330000"]
    assert set(catalog.regions.match("西湖区").candidates) == {"330106", "339902", "360103"}
    assert "339901" in catalog.regions and "339901" in list(catalog.regions)


def test_a_standard_region_keeps_its_name_and_parent(write: Callable[[str, str], Path]) -> None:
    write(
        "bad/catalog/regions.yaml",
        """
        regions:
          - {code: "330110", name: 余杭县}
          - {code: "330106", parent: "330000"}
          - {code: "330108", parent: "320000"}
          - {code: "330106", aliases: [又一次]}
        """,
    )
    directory = write("bad/x.yaml", "").parent
    with pytest.raises(TargetFileError) as caught:
        load_catalog([directory])
    assert [line(p).replace(f"{directory}/catalog/", "") for p in caught.value.problems] == [
        "regions.yaml:2:28: error[standard-region]: 330110 is 余杭区 in GB/T 2260; leave out "
        "'name' or give that",
        "regions.yaml:4:30: error[standard-region]: 330108 is within 330100 in GB/T 2260; leave "
        "out 'parent'",
        "regions.yaml:5:12: error[duplicate-id]: region '330106' is defined twice",
    ]


def test_search_regions(catalog: Catalog) -> None:
    from pcheck.catalog import search_formers, search_regions

    def codes(text: str | None) -> list[str]:
        return [r.code for r in search_regions(catalog, text)]

    assert len(codes(None)) == len(codes("")) == len(catalog.regions)
    assert codes("3301")[:3] == ["330100", "330102", "330105"] and len(codes("3301")) == 14
    assert codes("330183") == []  # no longer in use
    assert codes("西湖") == ["330106", "360103", "420112"]  # 东西湖区 too
    assert codes("hangzhou") == ["330100", "330106"]  # English names, ignoring case
    assert codes("杭州西湖区") == ["330106"]  # named, not held
    assert "150000" in codes("内蒙古")  # by its short name
    assert [(f.code, f.year) for f in search_formers(catalog, "富阳")] == [
        ("330123", 1994),
        ("330183", 2014),
    ]
    assert [f.code for f in search_formers(catalog, "330183")] == ["330183"]
    assert {f.name for f in search_formers(catalog, "33018")} >= {"萧山市", "富阳市"}
    assert search_formers(catalog, "杭州市") == []


def test_search_metrics(catalog: Catalog) -> None:
    from pcheck.catalog import search_metrics

    assert search_metrics(catalog, None) == list(catalog.metrics.values())
    assert [m.id for m in search_metrics(catalog, "技术交易")] == ["tech_transaction_volume"]
    assert [m.id for m in search_metrics(catalog, "TECH_TRANSACTION")] == [
        "tech_transaction_volume"
    ]
    assert "rd_intensity" in [m.id for m in search_metrics(catalog, "r&d intensity")]
    assert "rd_intensity" in [m.id for m in search_metrics(catalog, "研发经费投入强度")]  # alias
    assert search_metrics(catalog, "no such thing") == []


def test_any_regions_file_gives_problems_never_an_exception(tmp_path: Path) -> None:
    import json

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from pcheck.catalog import read_catalog

    texts = st.one_of(
        st.sampled_from(["330106", "330183", "330000", "999999", "12", "西湖区", "杭州", "３３"]),
        st.text(max_size=8),
        st.integers(),
        st.lists(st.text(max_size=4), max_size=3),
    )
    keys = st.sampled_from(["code", "name", "name_en", "aliases", "parent", "x"])
    entries = st.lists(st.dictionaries(keys, texts, max_size=5), max_size=5)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=100)
    @given(entries)
    def check(items: list[dict[str, object]]) -> None:
        folder = tmp_path / "catalog"
        folder.mkdir(exist_ok=True)
        text = json.dumps({"regions": items}, ensure_ascii=False)
        (folder / "regions.yaml").write_text(text, encoding="utf-8")
        catalog, problems = read_catalog([tmp_path])
        for name in ("西湖区", "330183", "杭州"):
            catalog.regions.match(name)  # whatever the file said, names still resolve
            describe_region(catalog, name)
        assert all(p.location.path.endswith("regions.yaml") for p in problems)

    check()
