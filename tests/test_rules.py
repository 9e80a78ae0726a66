"""The rules that read a record's cells, and the one path that applies them.

What makes large files fast is that rule outcomes are remembered; reading with
nothing remembered must give exactly the same store, problem for problem.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcheck.actuals import load_actuals
from pcheck.messages import line, text
from pcheck.model import Catalog, Metric, Period, Severity
from pcheck.observations import ObservationStore
from pcheck.rules import Marked, RecordRules, Refusal, Successor, Unpublished

HEADER = "region,metric,period,value,unit\n"

# Cells drawn from what real files hold and what goes wrong in them.
REGIONS = ["330000", "浙江省", "Zhejiang", "330100", " 杭州市", "330999", "", "朝阳", "330183",
           "富阳区", "130103", "杭州西湖区"]  # fmt: skip
METRICS = ["rd_intensity", "研发投入强度", "tech_transaction_volume", "技术交易总额",
           "commissioners_dispatched", "rd_intensty", ""]  # fmt: skip
PERIODS = ["2024", "2024Q2", "2024H1", "2024-06", "2024年1-6月", "2024Q3", "2031", "2024Q5", "x",
           "2024年二季度", "2024年4-6月", "2024年6月当月", "2024年下半年",
           "2024年1-3月"]  # fmt: skip
UNITS = ["", "%", "亿元", "万元", "万亿元", "家", "名", "pp", "foo"]
VALUES = st.one_of(
    st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False).map(str),
    st.sampled_from(
        [
            "3.2",
            "3.20",
            "-1",
            "-2",
            "1,234.5",
            "１２",
            "12亿元",
            "1e5",
            "N/A",
            "",
            "3.1%",
            "0.000001",
            "120",
            " 7 ",
            "=1+1",
            "500万元",
        ]
    ),
)
ROWS = st.lists(
    st.tuples(
        st.sampled_from(REGIONS),
        st.sampled_from(METRICS),
        st.sampled_from(PERIODS),
        VALUES,
        st.sampled_from(UNITS),
    ),
    max_size=40,
)


def snapshot(store: ObservationStore) -> tuple[object, ...]:
    """Everything a store holds, comparable across two readings."""
    return (
        store.series,
        {key: (o.count, o.months, o.rows) for key, o in store.other.items()},
        [line(p) for p in store.problems],
        {key: [line(p) for p in ps] for key, ps in store.key_problems.items()},
        store.rows,
        store.unreadable,
    )


def csv_text(rows: list[tuple[str, str, str, str, str]]) -> str:
    return HEADER + "".join(",".join(f'"{cell}"' for cell in row) + "\n" for row in rows)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(ROWS)
def test_remembering_outcomes_changes_nothing(
    tmp_path: Path, catalog: Catalog, rows: list[tuple[str, str, str, str, str]]
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    today = Period(2024, 9)
    fast = load_actuals([path], catalog, today=today, rules=RecordRules(catalog, today))
    careful = RecordRules(catalog, today, memo=False)
    slow = load_actuals([path], catalog, today=today, rules=careful)
    assert snapshot(fast) == snapshot(slow)
    assert careful.regions == careful.metrics == careful.periods == careful.factors == {}


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False),
    st.sampled_from(["", "亿元", "万元", "万亿元"]),
)
def test_a_plain_number_reads_the_same_remembered_or_not(
    catalog: Catalog, number: Decimal, unit: str
) -> None:
    metric = catalog.metrics["tech_transaction_volume"]
    remembered = RecordRules(catalog, None)
    remembered.value("1", unit, metric)  # remembers the unit's factor
    figure = remembered.value(str(number), unit, metric)
    assert figure == RecordRules(catalog, None, memo=False).value(str(number), unit, metric)


def test_outcomes(catalog: Catalog) -> None:
    rules = RecordRules(catalog, Period(2024, 6))
    metric = catalog.metrics["tech_transaction_volume"]
    assert rules.region("浙江省") == rules.region("Zhejiang") == "330000"
    assert isinstance(rules.metric("研发投入强度"), Metric)
    assert rules.period("2024年1-6月") == Period(2024, 6)
    # 0.1万亿元 = 1000亿元; 4800万元 = 0.48亿元
    assert rules.value("0.1", "万亿元", metric) == 1000
    assert rules.value("4800万元", "", metric) == Decimal("0.48")
    refusals = {
        "region": rules.region("火星"),
        "period": rules.period("2024Q3"),
        "number": rules.value("1e5", "", metric),
        "unit": rules.value("5", "家", metric),
        "range": rules.value("-1", "", metric),
    }
    codes = {name: r.code for name, r in refusals.items() if isinstance(r, Refusal)}
    assert codes == {
        "region": "region",
        "period": "future",
        "number": "number",
        "unit": "unit",
        "range": "range",
    }
    assert refusals["unit"].column == "unit"  # type: ignore[union-attr]
    assert "cannot convert 家 to 亿元" in text(refusals["unit"].message)  # type: ignore[union-attr]


@pytest.mark.parametrize("written", ["3.1²", "1 000", "12..5", "①", "5*5"])
def test_numbers_that_cannot_be_read_exactly_are_refused(catalog: Catalog, written: str) -> None:
    metric = catalog.metrics["commissioners_dispatched"]
    assert isinstance(RecordRules(catalog, None).value(written, "", metric), Refusal)


def test_memory_of_labels_is_bounded(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pcheck.rules.MEMO_SIZE", 3)
    rules = RecordRules(catalog, None)
    for n in range(10):
        rules.region(f"nowhere {n}")
    assert len(rules.regions) <= 3


def test_a_label_is_looked_up_once_however_often_it_repeats(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fuzzy search for close names costs milliseconds: once per distinct unknown
    # label, not once per row (25,000 rows of one unknown metric took 29 s).
    calls: list[str] = []
    from pcheck import rules

    real = rules.describe_metric

    def counted(found: Catalog, label: str) -> object:
        calls.append(label)
        return real(found, label)

    monkeypatch.setattr(rules, "describe_metric", counted)
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "330000,no_such_metric,2024,1,%\n" * 25_000, encoding="utf-8")
    store = load_actuals([path], catalog)
    assert calls == ["no_such_metric"]
    assert store.rows == 25_000 and len(store.problems) == 1001  # 1000 listed, then a count


def test_a_region_no_longer_in_use_is_read_as_its_successor(catalog: Catalog) -> None:
    rules = RecordRules(catalog, None)
    found = rules.region("330183")
    assert isinstance(found, Successor) and found.code == "330111"
    assert text(found.note) == "330183 富阳市 was abolished in 2014; read as 330111 富阳区"
    assert rules.regions["330183"] is found  # remembered like any label
    split = rules.region("130103")
    assert isinstance(split, Refusal) and split.code == "region"
    assert "its area is now in 130102 长安区" in text(split.message)


def test_rows_of_a_region_no_longer_in_use_count_with_a_warning(
    tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "old.csv"
    path.write_text(
        HEADER
        + "330183,rd_intensity,2023,3.1,%\n"
        + "富阳市,rd_intensity,2024,3.2,%\n"
        + "330183,no_such_metric,2024,1,%\n"
        + "130103,rd_intensity,2024,2.0,%\n",
        encoding="utf-8",
    )
    store = load_actuals([path], catalog)
    series = store.series[("rd_intensity", "330111", 2023)]
    assert series[12].value == Decimal("3.1") and series[12].line == 2
    assert store.series[("rd_intensity", "330111", 2024)][12].value == Decimal("3.2")
    assert [line(p) for p in store.problems] == [
        f"{path}:2:region: warning[abolished]: 330183 富阳市 was abolished in 2014; "
        "read as 330111 富阳区",
        f"{path}:3:region: warning[abolished]: 330183 富阳市 was abolished in 2014; "
        "read as 330111 富阳区",
        f"{path}:4:region: warning[abolished]: 330183 富阳市 was abolished in 2014; "
        "read as 330111 富阳区",
        f"{path}:4:metric: error[metric]: unknown metric 'no_such_metric'",
        f"{path}:5:region: error[region]: 130103 桥东区 was abolished in 2014; its area is now "
        "in 130102 长安区 (河北省石家庄市), 130104 桥西区 (河北省石家庄市): use the code of the "
        "one meant",
    ]
    assert [p.severity for p in store.problems][:3] == [Severity.WARNING] * 3


@pytest.mark.parametrize(
    ("written", "figure", "mark"),
    [("500①", "500", "①"), ("2640.2*", "2640.2", "*"), ("*12", "12", "*"), ("7 ※", "7", "※")],
)
def test_a_footnote_mark_is_set_apart_from_its_figure(
    catalog: Catalog, written: str, figure: str, mark: str
) -> None:
    metric = catalog.metrics["commissioners_dispatched"]
    assert RecordRules(catalog, None).value(written, "", metric) == Marked(Decimal(figure), mark)


@pytest.mark.parametrize("written", ["", " ", "…", "……", "...", "—", "——", "-", "--", "－"])
def test_a_figure_not_published_is_no_figure(catalog: Catalog, written: str) -> None:
    metric = catalog.metrics["commissioners_dispatched"]
    assert RecordRules(catalog, None).value(written, "", metric) == Unpublished(written.strip())


@pytest.mark.parametrize(
    ("metric_id", "written", "unit", "figure"),
    [
        ("hitech_enterprises_added", "12.3万", "", "123000"),
        ("tech_transaction_volume", "430亿", "", "430"),
        ("tech_transaction_volume", "0.5万亿", "", "5000"),
        ("hitech_enterprises_added", "1.2万", "家", "12000"),
    ],
)
def test_wan_and_yi_alone_take_the_metrics_own_unit(
    catalog: Catalog, metric_id: str, written: str, unit: str, figure: str
) -> None:
    metric = catalog.metrics[metric_id]
    assert RecordRules(catalog, None).value(written, unit, metric) == Decimal(figure)


def test_wan_is_refused_where_the_metric_counts_no_magnitude(catalog: Catalog) -> None:
    metric = catalog.metrics["rd_intensity"]
    assert isinstance(RecordRules(catalog, None).value("3万", "", metric), Refusal)


def test_a_single_period_is_a_span_and_is_in_the_future_by_its_end(catalog: Catalog) -> None:
    from pcheck.periods import Span

    rules = RecordRules(catalog, Period(2024, 8))
    assert rules.period("2024年二季度") == Span(Period(2024, 6), 4)
    assert rules.period("2024年一季度") == Period(2024, 3)
    future = rules.period("2024年7-9月")
    assert isinstance(future, Refusal) and future.code == "future"
