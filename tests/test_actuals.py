import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADER
from pcheck.actuals import load_actuals
from pcheck.messages import line, text
from pcheck.model import Catalog, Severity
from pcheck.observations import Keep, Need, ObservationStore

Write = Callable[[str, str], Path]


def load(path: Path, catalog: Catalog) -> ObservationStore:
    return load_actuals([path], catalog)


def messages(actuals: ObservationStore) -> list[str]:
    return [line(p).replace(str(Path(p.location.path).parent) + "/", "") for p in actuals.problems]


def test_rows_are_indexed_in_canonical_units(write: Write, catalog: Catalog) -> None:
    path = write(
        "a.csv",
        HEADER
        + "330000,tech_transaction_volume,2024H1,2130,亿元,x\n"
        + "浙江省,技术交易总额,2024年第一季度,0.1,万亿元,x\n"
        + "Zhejiang,nsf_reform_pilot_funding,2024Q2,4800,万元,x\n"
        + '330000,commissioners_dispatched,2024Q2,"5,230",,x\n',
    )
    actuals = load(path, catalog)
    assert actuals.problems == []
    assert actuals.rows == 4
    series = actuals.series[("tech_transaction_volume", "330000", 2024)]
    assert {m: o.value for m, o in series.items()} == {6: Decimal(2130), 3: Decimal(1000)}
    assert series[3].line == 3
    assert actuals.series[("nsf_reform_pilot_funding", "330000", 2024)][6].value == Decimal("0.48")
    assert actuals.series[("commissioners_dispatched", "330000", 2024)][6].value == 5230


def test_chinese_headers_bom_and_gb18030(tmp_path: Path, catalog: Catalog) -> None:
    text = "地区,指标,期间,数值,单位,来源,备注\n杭州市,技术交易额,2024年上半年,587.5,亿元,杭州网,\n"
    for name, data in [
        ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("gb.csv", text.encode("gb18030")),
    ]:
        (tmp_path / name).write_bytes(data)
        actuals = load(tmp_path / name, catalog)
        assert actuals.problems == [], name
        key = ("tech_transaction_volume", "330100", 2024)
        assert actuals.series[key][6].value == Decimal("587.5")


def test_unit_column_is_optional_and_inline_units_are_read(write: Write, catalog: Catalog) -> None:
    path = write(
        "a.csv",
        "region,metric,period,value\n330000,rd_intensity,2024,3.1%\n330000,hitech_value_added,2024,1.6万亿元\n",
    )
    actuals = load(path, catalog)
    assert actuals.problems == []
    assert actuals.series[("hitech_value_added", "330000", 2024)][12].value == 16000


def test_every_row_problem_has_file_row_and_column(write: Write, catalog: Catalog) -> None:
    path = write(
        "bad.csv",
        HEADER
        + "330000,rd_intensity,2024H1,N/A,%,x\n"  # 2
        + "杭州巿,rd_intensity,2024H1,3,%,x\n"  # 3
        + "330000,rd_intensty,2024H1,3,%,x\n"  # 4
        + "330000,rd_intensity,2024Q5,3,%,x\n"  # 5
        + "330000,hitech_enterprises_added,2024H1,5,名,x\n"  # 6
        + "330000,rd_intensity,2023,101,%,x\n"  # 7
        + "330000,hitech_enterprises_added,2024,-5,家,x\n"  # 8
        + "330000,rd_intensity,2024Q3,1e3,%,x\n"  # 9
        + "330000,rd_intensity,2024Q4,3%,亿元,x\n"  # 10
        + "330000,rd_intensity,2024Q1\n"  # 11
        + "330000,tech_transaction_volume,2024,1 234,亿元,x\n",  # 12
    )
    actuals = load(path, catalog)
    assert messages(actuals) == [
        "bad.csv:2:value: error[number]: 'N/A' is not a number",
        "bad.csv:3:region: error[region]: unknown region '杭州巿'; did you mean '杭州', '杭州市'?",
        "bad.csv:4:metric: error[metric]: unknown metric 'rd_intensty'; "
        "did you mean 'rd_intensity'?",
        "bad.csv:5:period: error[period]: '2024Q5' is not a period; write a year to date (2024, "
        "2024Q2, 2024H1, 2024-06, 2024年, 2024年1-6月, 2024年上半年, 2024年前二季度, "
        "截至2024年6月末) or a single period (2024年二季度, 2024年4-6月, 2024年6月当月)",
        "bad.csv:6:unit: error[unit]: cannot convert 名 to 家 (metric hitech_enterprises_added)",
        "bad.csv:7:value: error[range]: 101 is outside [0, 100] % for rd_intensity",
        "bad.csv:8:value: error[range]: -5 is outside [0, ] 家 for hitech_enterprises_added",
        "bad.csv:9:value: error[number]: '1e3' is in scientific notation, which is not exact; "
        "write the number in full",
        "bad.csv:10:value: error[unit]: the value says % but the unit column says 亿元",
        "bad.csv:11: error[ragged-row]: expected 6 fields, found 3",
        "bad.csv:12:value: error[number]: '1 234' has a space inside the number",
    ]
    assert actuals.rows == 11
    assert actuals.series == {}
    # Unreadable rows of a known series stay attached to it for the report.
    assert len(actuals.key_problems[("rd_intensity", "330000", 2024)]) == 3


def test_duplicates(write: Write, catalog: Catalog) -> None:
    path = write(
        "d.csv",
        HEADER
        + "330000,rd_intensity,2024H1,3.1,%,x\n"
        + "330000,rd_intensity,2024Q2,3.10,%,x\n"
        + "浙江,rd_intensity,2024-06,3.2,%,x\n",
    )
    actuals = load(path, catalog)
    assert [(p.severity, p.code, p.location.line) for p in actuals.problems] == [
        (Severity.WARNING, "duplicate", 3),
        (Severity.ERROR, "conflict", 4),
    ]
    assert "conflicts with" in text(actuals.problems[1].message)
    assert actuals.series[("rd_intensity", "330000", 2024)][6].value == Decimal("3.1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("region,metric\n".encode("utf-16"), "UTF-16"),
        (b"\x80\xff" * 10, "neither UTF-8 nor GB18030"),
        (b"region,metric,period,value,uint\n", "unknown column 'uint'"),
        (b"region,metric,value\n", "missing column(s): period"),
        (b"region,region,metric,period,value\n", "column 'region' appears twice"),
        (b'region,metric,period,value\n"330000,x\n', "unreadable CSV"),
    ],
)
def test_unreadable_files(tmp_path: Path, catalog: Catalog, content: bytes, message: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    actuals = load(path, catalog)
    assert actuals.problems and message in text(actuals.problems[0].message)
    assert all(p.severity is Severity.ERROR for p in actuals.problems)


def test_encoding_that_changes_midway(tmp_path: Path, catalog: Catalog) -> None:
    rows = [
        f"330000,rd_intensity,{year}-{month:02d},3.1,%,来源\n"
        for year in range(1950, 2024)
        for month in range(1, 13)
    ]
    data = (
        (HEADER + "".join(rows)).encode("utf-8")
        + "杭州市,技术交易额,2024H1,1,亿元,x\n".encode("gb18030")
        + "杭州市,技术交易额,2024H1,1,亿元,x\n".encode()
    )
    (tmp_path / "mixed.csv").write_bytes(data)
    actuals = load(tmp_path / "mixed.csv", catalog)
    assert [(p.code, p.location.line) for p in actuals.problems] == [("encoding", len(rows) + 2)]
    assert actuals.rows == len(rows) + 1  # the row after it is read too


def test_ascii_then_gb18030_is_one_encoding(tmp_path: Path, catalog: Catalog) -> None:
    rows = "330000,rd_intensity,2024H1,3.1,%,x\n" * 5000  # far past the first 64 KiB
    data = (HEADER + rows + "杭州市,技术交易额,2024H1,1,亿元,x\n").encode("gb18030")
    (tmp_path / "gb.csv").write_bytes(data)
    actuals = load(tmp_path / "gb.csv", catalog)
    assert [p.code for p in actuals.problems if p.code == "encoding"] == []
    assert actuals.series[("tech_transaction_volume", "330100", 2024)]


def test_problems_of_the_source_are_in_line_order_and_capped(
    tmp_path: Path, catalog: Catalog
) -> None:
    from pcheck.actuals import MAX_PROBLEMS

    bad = "330000,rd_intensity,2024,1,%,研发\n".encode("gb18030")
    rows = [b"330000,rd_intensity,2024,N/A,%,x\n", bad] * (MAX_PROBLEMS // 2 + 5)
    (tmp_path / "bad.csv").write_bytes("地区,指标,期间,数值,单位,来源\n".encode() + b"".join(rows))
    actuals = load(tmp_path / "bad.csv", catalog)
    listed = actuals.problems[:-1]
    assert len(listed) == MAX_PROBLEMS
    assert [p.code for p in listed[:4]] == ["number", "encoding", "number", "encoding"]
    assert [p.location.line for p in listed] == list(range(2, MAX_PROBLEMS + 2))
    assert text(actuals.problems[-1].message) == "10 more problems in this file are not listed"


def test_missing_file_and_directory(tmp_path: Path, catalog: Catalog) -> None:
    actuals = load_actuals([tmp_path / "none.csv", tmp_path], catalog)
    assert [p.code for p in actuals.problems] == ["invalid", "invalid"]
    assert "cannot read file" in text(actuals.problems[0].message)


def test_blank_lines_are_skipped(write: Write, catalog: Catalog) -> None:
    path = write("b.csv", HEADER + "\n330000,rd_intensity,2024,3,%,x\n,,,,,\n")
    actuals = load(path, catalog)
    assert actuals.problems == [] and actuals.rows == 1


cells = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6))
def test_garbage_rows_never_escape(tmp_path: Path, catalog: Catalog, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["region", "metric", "period", "value", "unit"], *rows])
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    actuals = load(path, catalog)
    stored = sum(len(months) for months in actuals.series.values())
    counted = actuals.rows
    assert stored <= counted
    # Every non-blank row is stored, or has a problem on its line.
    problem_lines = {p.location.line for p in actuals.problems}
    stored_lines = {o.line for months in actuals.series.values() for o in months.values()}
    assert len(problem_lines | stored_lines) >= counted - len(
        [p for p in actuals.problems if p.code in ("duplicate", "conflict")]
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.binary(max_size=300))
def test_garbage_bytes_never_escape(tmp_path: Path, catalog: Catalog, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    load(path, catalog)  # raises nothing: problems are collected


def test_only_wanted_series_are_kept(write: Write, catalog: Catalog) -> None:
    rows = "".join(f"330000,rd_intensity,2024-{m:02d},3,%,x\n" for m in range(1, 13))
    path = write("w.csv", HEADER + rows + "330100,rd_intensity,2024,3,%,x\n")
    actuals = load_actuals(
        [path], catalog, keep=Keep.only({("rd_intensity", "330100", 2024): Need.EVERY_MONTH})
    )
    assert list(actuals.series) == [("rd_intensity", "330100", 2024)]
    other = actuals.other[("rd_intensity", "330000", 2024)]
    assert (other.count, len(other.rows), other.months) == (12, 10, set(range(1, 13)))
    assert other.rows[0].line == 2


def test_only_the_latest_month_is_kept_where_nothing_needs_more(
    write: Write, catalog: Catalog
) -> None:
    rows = "".join(f"330000,rd_intensity,2024-{m:02d},{m},%,x\n" for m in (3, 9, 6))
    path = write("w.csv", HEADER + rows)
    key = ("rd_intensity", "330000", 2024)
    latest = load_actuals([path], catalog, keep=Keep.only({key: Need.LATEST}))
    assert {m: o.value for m, o in latest.series[key].items()} == {9: 9}
    every = load_actuals([path], catalog, keep=Keep.only({key: Need.EVERY_MONTH}))
    assert sorted(every.series[key]) == [3, 6, 9]
    assert latest.other == {} and latest.problems == []


def test_problems_are_capped_per_file(write: Write, catalog: Catalog) -> None:
    from pcheck.actuals import MAX_PROBLEMS

    path = write("many.csv", HEADER + "330000,rd_intensity,2024,N/A,%,x\n" * (MAX_PROBLEMS + 5))
    actuals = load(path, catalog)
    assert len(actuals.problems) == MAX_PROBLEMS + 1
    assert text(actuals.problems[-1].message) == "5 more problems in this file are not listed"
    assert actuals.rows == MAX_PROBLEMS + 5


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_wrong_delimiter(write: Write, catalog: Catalog, separator: str, name: str) -> None:
    path = write("d.csv", separator.join(["region", "metric", "period", "value"]) + "\n")
    actuals = load(path, catalog)
    assert actuals.problems[0].code == "delimiter" and name in text(actuals.problems[0].message)
    assert actuals.unreadable == [str(path)]


def test_future_periods(write: Write, catalog: Catalog) -> None:
    from pcheck.model import Period

    path = write(
        "f.csv", HEADER + "330000,rd_intensity,2024Q3,3,%,x\n330000,rd_intensity,2024Q2,3,%,x\n"
    )
    actuals = load_actuals([path], catalog, today=Period(2024, 8))
    assert [(p.code, p.location.line) for p in actuals.problems] == [("future", 2)]
    assert list(actuals.series[("rd_intensity", "330000", 2024)]) == [6]


def test_duplicate_index_spills_to_disk(
    write: Write, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pcheck.duplicates.MEMORY_KEYS", 5)
    rows = "".join(f"330000,rd_intensity,{y},3,%,x\n" for y in range(2000, 2020))
    first = write("a.csv", HEADER + rows)
    second = write("b.csv", HEADER + rows.replace(",3,%", ",4,%", 1) + rows.splitlines()[-1] + "\n")
    actuals = load_actuals([first, second], catalog)
    codes = [(p.code, Path(p.location.path).name, p.location.line) for p in actuals.problems]
    assert codes[0] == ("conflict", "b.csv", 2)
    assert codes[-1] == ("duplicate", "b.csv", 22)
    assert len(codes) == 21
    assert "conflicts with" in text(actuals.problems[0].message) and "a.csv:2" in text(
        actuals.problems[0].message
    )


def test_mixed_line_endings(tmp_path: Path, catalog: Catalog) -> None:
    data = (
        HEADER.rstrip("\n")
        + "\r\n330000,rd_intensity,2024Q1,3,%,x\r330000,rd_intensity,2024Q2,3,%,x\n"
    )
    (tmp_path / "m.csv").write_bytes(data.encode())
    actuals = load(tmp_path / "m.csv", catalog)
    assert actuals.problems == []
    assert sorted(actuals.series[("rd_intensity", "330000", 2024)]) == [3, 6]


def test_nul_bytes_after_the_start_are_reported(tmp_path: Path, catalog: Catalog) -> None:
    source = "s" * 60
    rows = [
        r
        for y in range(1950, 2024)
        for m in range(1, 13)
        for r in [f"330000,rd_intensity,{y}-{m:02d},3,%,{source}\n"]
    ]
    data = (HEADER + "".join(rows)).encode() + b"330000,rd_inten\x00sity,2024,3,%,x\n"
    assert len(data) > 64 * 1024  # past the part read to detect the encoding
    (tmp_path / "n.csv").write_bytes(data)
    actuals = load(tmp_path / "n.csv", catalog)
    assert [(p.code, p.location.line) for p in actuals.problems] == [("metric", len(rows) + 2)]
    assert "\\x00" in text(actuals.problems[0].message)


def test_huge_field(tmp_path: Path, catalog: Catalog) -> None:
    from pcheck.sources.csv import FIELD_LIMIT

    (tmp_path / "h.csv").write_text(
        HEADER + '330000,"' + "x" * (FIELD_LIMIT + 1) + '",2024,3,%,x\n'
    )
    actuals = load(tmp_path / "h.csv", catalog)
    assert [p.code for p in actuals.problems] == ["csv"]
    assert "field larger than field limit" in text(actuals.problems[0].message)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80)
@given(st.binary(max_size=600))
def test_only_the_projects_error_escapes_the_reader(
    tmp_path: Path, catalog: Catalog, data: bytes
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    store = load_actuals([path], catalog)  # nothing escapes: every problem is collected
    assert all(p.location.path == str(path) for p in store.problems)
    assert store.unreadable in ([], [str(path)])


def test_paths_that_are_not_files(tmp_path: Path, catalog: Catalog) -> None:
    # Tests may run as root, which reads any file: a path through a file stands in
    # for an unreadable one, as both fail to open.
    (tmp_path / "file.csv").write_text(HEADER)
    actuals = load_actuals([tmp_path / "file.csv" / "x.csv", tmp_path], catalog)
    assert [text(p.message).split(":")[0] for p in actuals.problems] == ["cannot read file"] * 2
    assert len(actuals.unreadable) == 2


def test_with_no_series_wanted_every_row_is_counted_as_unused(
    write: Write, catalog: Catalog
) -> None:
    path = write(
        "u.csv", HEADER + "330000,rd_intensity,2024,3,%,x\n330100,rd_intensity,2024,3,%,x\n"
    )
    store = load_actuals([path], catalog, keep=Keep.only({}))
    assert store.series == {}
    assert sum(other.count for other in store.other.values()) == store.rows == 2
    checked = load_actuals([path], catalog, keep=Keep.nothing())
    assert checked.series == {} and checked.other == {} and checked.rows == 2


def test_a_falling_year_to_date_series_is_a_warning_naming_its_rows(
    write: Write, catalog: Catalog
) -> None:
    path = write(
        "f.csv",
        HEADER
        + "330000,tech_transaction_volume,2024Q1,200,亿元,x\n"
        + "330000,tech_transaction_volume,2024Q2,150,亿元,x\n"
        + "330000,rd_intensity,2024Q1,3.2,%,x\n"  # a level may fall
        + "330000,rd_intensity,2024Q2,3.1,%,x\n",
    )
    for keep in (Keep.everything(), Keep.nothing()):
        store = load_actuals([path], catalog, keep=keep)
        (warning,) = store.problems
        assert (warning.code, warning.severity, warning.location.line) == (
            "falls",
            Severity.WARNING,
            3,
        )
        assert "f.csv:2" in text(warning.message)


def test_the_count_of_problems_not_listed_is_as_serious_as_they_are(
    write: Write, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pcheck.actuals.MAX_PROBLEMS", 1)
    same = "330000,rd_intensity,2024,3,%,x\n"
    warnings_only = load(write("w.csv", HEADER + same * 4), catalog)  # repeats: warnings
    assert warnings_only.problems[-1].code == "too-many"
    assert warnings_only.problems[-1].severity is Severity.WARNING
    errors = load(write("e.csv", HEADER + same * 2 + "330000,rd_intensity,2024,N/A,%,x\n"), catalog)
    assert errors.problems[-1].severity is Severity.ERROR


# -- single-period figures ---------------------------------------------------------------

TECH = ("tech_transaction_volume", "330000", 2024)


def test_a_quarter_alone_is_added_up_to_the_year_to_date(write: Write, catalog: Catalog) -> None:
    path = write(
        "s.csv",
        HEADER
        + "330000,tech_transaction_volume,2024年二季度,50,亿元,x\n"  # before what it builds on
        + "330000,tech_transaction_volume,2024年1-3月,100,亿元,x\n"
        + "330000,tech_transaction_volume,2024年7月当月,6,亿元,x\n"  # on the June built
        + "330000,tech_transaction_volume,2024年9月当月,8,亿元,x\n"  # August is missing
        + "330000,rd_intensity,2024年二季度,3.1,%,x\n",  # a level: the level at the end
    )
    store = load_actuals([path], catalog)
    months = store.series[TECH]
    assert {month: obs.value for month, obs in months.items()} == {3: 100, 6: 150, 7: 156}
    assert months[6].line == 2
    assert {m: o.value for m, o in store.series[("rd_intensity", "330000", 2024)].items()} == {
        6: Decimal("3.1")
    }
    assert messages(store) == [
        "s.csv:2:value: warning[accumulated]: tech_transaction_volume in 330000: read as 150 for"
        " 2024H1, the year to date, the sum of the figures at s.csv:3, s.csv:2",
        "s.csv:4:value: warning[accumulated]: tech_transaction_volume in 330000: read as 156 for"
        " 2024-07, the year to date, the sum of the figures at s.csv:3, s.csv:2, s.csv:4",
        "s.csv:5:value: error[single-period]: tech_transaction_volume in 330000: months 9 to 9"
        " of 2024 alone cannot be read as the year to date: no figure for month(s) 8; give the"
        " year-to-date (累计) figure",
    ]
    assert [p.location.line for p in store.key_problems[TECH]] == [5]


def test_single_months_add_up_whatever_is_kept(write: Write, catalog: Catalog) -> None:
    path = write(
        "s.csv",
        HEADER
        + "330000,tech_transaction_volume,2024年1-3月,100,亿元,x\n"
        + "330000,tech_transaction_volume,2024年4月,130,亿元,x\n"
        + "330000,tech_transaction_volume,2024年1-9月,400,亿元,x\n"  # the latest kept
        + "330000,tech_transaction_volume,2024年5-6月,70,亿元,x\n"  # on April, long gone
        + "330000,tech_transaction_volume,2024年10月当月,30,亿元,x\n",
    )
    for keep in (Keep.only({TECH: Need.LATEST}), Keep.nothing(), Keep.everything()):
        store = load_actuals([path], catalog, keep=keep)
        assert [(p.code, p.location.line) for p in store.problems] == [
            ("accumulated", 5),
            ("accumulated", 6),
        ]
    assert store.series[TECH][6].value == 200
    assert store.series[TECH][10].value == 430


def test_a_single_period_in_the_future_is_refused(write: Write, catalog: Catalog) -> None:
    from pcheck.model import Period

    path = write("f.csv", HEADER + "330000,tech_transaction_volume,2024年三季度,5,亿元,x\n")
    store = load_actuals([path], catalog, today=Period(2024, 8))
    assert [(p.code, p.location.line) for p in store.problems] == [("future", 2)]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(0, 10**4), min_size=12, max_size=12),
    st.randoms(),
    st.sampled_from(["{y}年{m}月当月", "{y}年{m}-{m}月", "{y}-{m:02d}单月"]),
)
def test_single_months_give_what_the_year_to_date_figures_would(
    tmp_path: Path, catalog: Catalog, steps: list[int], random: Random, label: str
) -> None:
    totals = list(itertools.accumulate(steps))
    row = "330000,tech_transaction_volume,{},{},亿元,x\n"
    ytd = [row.format(f"2024-{m:02d}", totals[m - 1]) for m in range(1, 13)]
    singles = [row.format(label.format(y=2024, m=m), steps[m - 1]) for m in range(1, 13)]
    random.shuffle(singles)
    (tmp_path / "ytd.csv").write_text(HEADER + "".join(ytd), encoding="utf-8")
    (tmp_path / "singles.csv").write_text(HEADER + "".join(singles), encoding="utf-8")
    given_store = load_actuals([tmp_path / "ytd.csv"], catalog)
    built_store = load_actuals([tmp_path / "singles.csv"], catalog)
    assert {m: o.value for m, o in built_store.series[TECH].items()} == {
        m: o.value for m, o in given_store.series[TECH].items()
    }
    assert not any(p.severity is Severity.ERROR for p in built_store.problems)
