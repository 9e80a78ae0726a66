"""Tables as statistics offices publish them: wide layouts, rows above and notes
below, two-row headers, totals, marks and figures not published — read through
:func:`pcheck.actuals.load_actuals`, the one path every file takes."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcheck.actuals import load_actuals
from pcheck.layout import Kind, Settings
from pcheck.model import Catalog, Severity
from pcheck.observations import ObservationStore

REGIONS = {"330000": "浙江省", "330100": "杭州市", "110000": "北京市", "440000": "广东省"}
METRICS = {
    "tech_transaction_volume": ("技术交易总额", "亿元"),
    "rd_intensity": ("研发投入强度", "%"),
    "hitech_enterprises_added": ("新增高新技术企业", "家"),
}


def read(tmp_path: Path, catalog: Catalog, text: str, **options: object) -> ObservationStore:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return load_actuals([path], catalog, **options)  # type: ignore[arg-type]


def figures(store: ObservationStore) -> dict[tuple[str, str, int, int], Decimal]:
    return {
        (*key, month): observation.value
        for key, months in store.series.items()
        for month, observation in months.items()
    }


def errors(store: ObservationStore) -> list[str]:
    return [p.message.id for p in store.problems if p.severity is Severity.ERROR]


def test_a_portal_export_with_periods_in_columns(tmp_path: Path, catalog: Catalog) -> None:
    store = read(
        tmp_path,
        catalog,
        "数据库：分省年度数据\n"
        "指标：研究与试验发展(R&D)经费投入强度(%)\n"
        "时间：最近3年\n"
        "地区,2024年,2023年,2022年\n"
        "北京市,6.58,6.73,6.83\n"
        "浙江省,3.2,…,3.11\n"
        "全国,2.68,2.65,2.56\n"
        "注：2024年为快报数。\n"
        "数据来源：国家统计局\n",
    )
    assert errors(store) == []
    assert figures(store) == {
        ("rd_intensity", "110000", 2024, 12): Decimal("6.58"),
        ("rd_intensity", "110000", 2023, 12): Decimal("6.73"),
        ("rd_intensity", "110000", 2022, 12): Decimal("6.83"),
        ("rd_intensity", "330000", 2024, 12): Decimal("3.2"),
        ("rd_intensity", "330000", 2022, 12): Decimal("3.11"),
    }
    notes = {p.code: p for p in store.notes}
    assert {"above", "layout", "total", "notes"} <= set(notes)
    assert notes["notes"].location.line == 8
    assert [p.code for p in store.problems] == ["unpublished"]
    assert dict(store.problems[0].message.params)["places"] == "6:2023年"


def test_a_yearbook_table_with_metrics_in_columns(tmp_path: Path, catalog: Catalog) -> None:
    store = read(
        tmp_path,
        catalog,
        "2023年各地区研究与试验发展经费情况\n"
        ",,单位：亿元\n"
        "地 区,研发经费支出(亿元),研发投入强度(%)\n"
        "全 国,33357.1,2.65\n"
        "东部地区,22000,3.1\n"
        "北 京,2947.1,6.73\n"
        "浙 江,2640.2*,3.15\n"
        "#杭 州,—,\n"
        "注：*为初步数。\n",
    )
    assert errors(store) == []
    assert figures(store) == {
        ("rd_expenditure", "110000", 2023, 12): Decimal("2947.1"),
        ("rd_intensity", "110000", 2023, 12): Decimal("6.73"),
        ("rd_expenditure", "330000", 2023, 12): Decimal("2640.2"),
        ("rd_intensity", "330000", 2023, 12): Decimal("3.15"),
    }
    codes = [p.code for p in store.problems]
    assert codes == ["unpublished", "marked"]
    assert [p.location.line for p in store.notes if p.code == "total"] == [4, 5]


def test_a_monthly_release_with_a_two_row_header(tmp_path: Path, catalog: Catalog) -> None:
    store = read(
        tmp_path,
        catalog,
        "2024年6月浙江省科技主要指标\n"
        "地区：浙江省\n"
        "指标,6月,,1—6月,\n"
        ",绝对量,同比增长(%),绝对量,同比增长(%)\n"
        "技术交易总额(亿元),400,12.5,2000,10.1\n"
        "新增高新技术企业(家),120,3.0,700,2.0\n",
    )
    # The single month (6月 beside 1—6月) is never read as the year so far.
    assert errors(store) == []
    found = figures(store)
    assert set(found) == {
        ("tech_transaction_volume", "330000", 2024, 6),
        ("hitech_enterprises_added", "330000", 2024, 6),
    }
    assert found[("tech_transaction_volume", "330000", 2024, 6)] == Decimal(2000)
    assert found[("hitech_enterprises_added", "330000", 2024, 6)] == Decimal(700)
    skipped = [p for p in store.problems if p.code == "column"]
    assert len(skipped) == 2  # the growth columns, each said once
    assert all(p.severity is Severity.WARNING for p in skipped)


def test_an_indicator_name_carries_its_unit_and_kind(tmp_path: Path, catalog: Catalog) -> None:
    store = read(
        tmp_path,
        catalog,
        "数据库：分省月度数据\n地区：浙江省\n"
        "指标,2024年6月,2024年5月\n"
        "技术交易总额累计值(亿元),2000,1500\n"
        "技术交易总额累计增长(%),12.1,11.0\n",
    )
    assert errors(store) == []
    assert figures(store) == {
        ("tech_transaction_volume", "330000", 2024, 6): Decimal(2000),
        ("tech_transaction_volume", "330000", 2024, 5): Decimal(1500),
    }
    assert [p.code for p in store.notes if p.code == "growth"] == ["growth"]


def test_what_detection_cannot_see_is_said_and_settled_by_configuration(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = "省份,R&D强度\n浙江省,3.2\n"
    store = read(tmp_path, catalog, text)
    assert "header.unknown" in errors(store)
    columns = {"省份": "region", "R&D强度": "metric:rd_intensity"}
    settled = read(
        tmp_path, catalog, text, settings=Settings(columns, {"period": "2024"}, Kind.METRICS)
    )
    assert errors(settled) == []
    assert figures(settled) == {("rd_intensity", "330000", 2024, 12): Decimal("3.2")}


def test_a_wide_table_without_its_period_names_what_is_missing(
    tmp_path: Path, catalog: Catalog
) -> None:
    store = read(tmp_path, catalog, "地区,研发投入强度(%)\n浙江省,3.2\n")
    assert errors(store) == ["layout.missing"]
    assert store.unreadable


def test_chinese_header_synonyms_simplified_and_traditional(
    tmp_path: Path, catalog: Catalog
) -> None:
    for header in ("地区名称,指标名称,时间,数据,计量单位", "地區,指標,期間,數值,單位"):
        store = read(tmp_path, catalog, f"{header}\n浙江省,研发投入强度,2024年,3.2,%\n")
        assert errors(store) == [], header
        assert figures(store) == {("rd_intensity", "330000", 2024, 12): Decimal("3.2")}


# -- the same figures in every layout ---------------------------------------------


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


values = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)  # a share too
tables = st.dictionaries(
    st.tuples(st.sampled_from(sorted(REGIONS)), st.sampled_from(sorted(METRICS))),
    st.dictionaries(st.sampled_from([2021, 2022, 2023, 2024]), values, min_size=1),
    min_size=1,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=tables, above=st.booleans())
def test_every_layout_gives_the_same_figures(
    tmp_path: Path, catalog: Catalog, table: dict, above: bool
) -> None:
    long = [["地区", "指标", "期间", "数值", "单位"]]
    for (region, metric), years in table.items():
        for year, value in years.items():
            long.append([region, metric, f"{year}年", str(value), METRICS[metric][1]])
    expected = figures(read(tmp_path, catalog, _csv(long)))
    years = sorted({y for years in table.values() for y in years}, reverse=True)
    # Periods in columns, one table per metric, its name and unit above it.
    for metric, (name, unit) in METRICS.items():
        rows = [["地区", *(f"{y}年" for y in years)]]
        for (region, kind), by_year in table.items():
            if kind == metric:
                rows.append([REGIONS[region], *(str(by_year.get(y, "…")) for y in years)])
        head = f"指标：{name}({unit})\n" + ("数据库：年度数据\n" if above else "")
        store = read(tmp_path, catalog, head + _csv(rows))
        assert errors(store) == []
        assert figures(store) == {k: v for k, v in expected.items() if k[0] == metric}
    # Metrics in columns, one table per year, the year in its title.
    for year in years:
        regions = sorted({r for r, _ in table})
        rows = [["地区", *(f"{METRICS[m][0]}({METRICS[m][1]})" for m in METRICS)]]
        for region in regions:
            cells = [str(table.get((region, m), {}).get(year, "")) for m in METRICS]
            rows.append([REGIONS[region], *cells])
        store = read(tmp_path, catalog, f"{year}年主要科技指标\n" + _csv(rows))
        assert errors(store) == []
        assert figures(store) == {k: v for k, v in expected.items() if k[2] == year}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.sampled_from(
                [
                    "",
                    "地区",
                    "指标",
                    "2024年",
                    "6月",
                    "1-6月",
                    "注：x",
                    "…",
                    "3.2",
                    "浙江省",
                    "研发投入强度(%)",
                    "绝对量",
                    "同比增长(%)",
                    "时间：2024年",
                    "全国",
                    "#杭州",
                    "单位：亿元",
                    'a"b',
                    "\ufeff",
                ]
            ),
            max_size=6,
        ),
        max_size=8,
    )
)
def test_any_table_is_read_or_refused_cleanly(
    tmp_path: Path, catalog: Catalog, rows: list[list[str]]
) -> None:
    store = read(tmp_path, catalog, _csv(rows) or "\n")
    for problem in (*store.problems, *store.notes):
        assert problem.location.path.endswith("table.csv")


@pytest.mark.parametrize("text", ["", "\n\n", "注：只有注\n", "时间：2024年\n"])
def test_a_table_with_no_header_is_a_problem_not_a_crash(
    tmp_path: Path, catalog: Catalog, text: str
) -> None:
    store = read(tmp_path, catalog, text)
    assert store.problems and not store.series


def test_convert_writes_what_was_read_and_it_reads_back_the_same(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from pcheck.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "wide.csv").write_text(
        "2023年主要指标\n地区,技术交易总额(万亿元),新增高新技术企业(家)\n"
        "浙江省,0.12345,700\n北京市,—,1.2万\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["convert", "wide.csv", "--output", "long.csv"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "long.csv").read_text(encoding="utf-8-sig")
    assert (
        "330000,浙江省,tech_transaction_volume,技术交易总额,2023,1234.5,亿元,wide.csv:3" in written
    )
    assert (
        "110000,北京市,hitech_enterprises_added,新增高新技术企业,2023,12000,家,wide.csv:4"
        in written
    )
    again = load_actuals([tmp_path / "long.csv"], catalog)
    assert again.problems == []
    assert figures(again) == figures(load_actuals([tmp_path / "wide.csv"], catalog))
    refused = CliRunner().invoke(cli, ["convert", "wide.csv", "--output", "wide.csv"])
    assert refused.exit_code == 2
    assert (tmp_path / "wide.csv").read_text(encoding="utf-8").startswith("2023年主要指标")


WORKBOOKS = Path(__file__).parent / "fixtures" / "workbooks"


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_a_portal_export_written_by_a_spreadsheet_program(catalog: Catalog, suffix: str) -> None:
    store = load_actuals([WORKBOOKS / f"nbs.{suffix}"], catalog)
    assert errors(store) == []
    found = figures(store)
    assert found[("rd_intensity", "110000", 2023, 12)] == Decimal("6.73")
    assert found[("rd_intensity", "330000", 2021, 12)] == Decimal("2.94")
    assert {key[0] for key in found} == {"rd_intensity"}
    assert store.notes and store.notes[-1].code == "notes"


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_a_yearbook_table_written_by_a_spreadsheet_program(catalog: Catalog, suffix: str) -> None:
    path = WORKBOOKS / f"yearbook.{suffix}"
    silent = load_actuals([path], catalog)
    assert errors(silent) == ["layout.missing"]  # its title gives no year
    store = load_actuals([path], catalog, settings=Settings(fixed={"period": "2023"}))
    assert errors(store) == []
    found = figures(store)
    assert found and {key[0] for key in found} == {"rd_expenditure"}
    assert all(key[2] == 2023 for key in found)
    assert any(p.code == "total" for p in store.notes)
