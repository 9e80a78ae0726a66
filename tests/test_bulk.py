"""The bulk reader against the exact one: files with faults injected give the same
bytes on standard output and standard error, and the same exit code, either way."""

from __future__ import annotations

import csv
import random
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from pcheck import bulk
from pcheck.bulk import reader
from pcheck.catalog import load_catalog
from pcheck.cli import cli
from pcheck.model import Kind

pytest.importorskip("polars", reason="the bulk reader needs polars (pcheck-plans[fast])")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "2024Q2.csv"
FLOWS = {metric.id for metric in load_catalog().metrics.values() if metric.kind is Kind.FLOW}
PERIODS = ("2024Q1", "2024H1", "2024-09")
HANDLED = ("duplicate", "conflict", "fall", "rise", "many-duplicates", "columns", "padded", "bom")
"""Faults the bulk reader reads itself; every other one sends the file to the exact reader."""
SENT_ON = (
    "unknown-region",
    "unknown-metric",
    "bad-period",
    "future",
    "bad-value",
    "precise",
    "huge",
    "negative",
    "ragged",
    "quoted-lines",
    "gb18030",
    "blank",
    "total",
    "unpublished",
    "marked",
    "units",
    "span",
    "crlf",
    "former",
)


def base_rows() -> list[list[str]]:
    """Rows of every series of the sample, for three periods, rising."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        sample = list(csv.DictReader(handle))
    series = {
        (row["region"], row["metric"], row["unit"]): row["value"]
        for row in sample
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", row["value"])
    }
    rows = []
    for period, share in zip(PERIODS, ("0.5", "0.9", "1"), strict=True):
        for (region, metric, unit), value in series.items():
            figure = (Decimal(value) * Decimal(share)).quantize(Decimal("0.01"))
            rows.append([region, metric, period, str(figure), unit])
    return rows


def faulty(seed: int, kinds: tuple[str, ...]) -> tuple[bytes, list[str]]:
    """A file of figures with faults of ``kinds`` injected at random (by ``seed``)."""
    chance = random.Random(seed)
    rows = base_rows()
    chance.shuffle(rows[: len(rows) // 3])
    header = ["region", "metric", "period", "value", "unit"]
    chosen = [chance.choice(kinds) for _ in range(chance.randint(1, 4))]
    encoding, bom, end = "utf-8", False, "\n"
    for kind in chosen:
        at = chance.randrange(len(rows))
        row = list(rows[at])
        if kind in ("fall", "rise"):  # of a flow, whose year-to-date figures are watched
            at = chance.choice([i for i, r in enumerate(rows) if r[1] in FLOWS])
            row = list(rows[at])
        if kind == "duplicate":
            rows.insert(chance.randrange(at, len(rows)) + 1, row)
        elif kind == "conflict":
            rows.insert(chance.randrange(at, len(rows)) + 1, [*row[:3], row[3] + "1", *row[4:]])
        elif kind == "fall":
            rows.insert(at + 1, [*row[:2], "2024-11", "0.01", *row[4:]])
        elif kind == "rise":
            higher = str(Decimal(row[3]) + Decimal("0.01"))
            rows.insert(at + 1, [*row[:2], "2024-02", higher, *row[4:]])
        elif kind == "many-duplicates":
            rows.extend(list(r) for r in rows[: 1200 // len(PERIODS)] * 4)
        elif kind == "columns":
            header += ["source", "note"]
            rows = [[*r, "illustrative", "year to date"] for r in rows]
        elif kind == "padded":
            rows[at][3] = "0" + row[3]
        elif kind == "unknown-region":
            rows[at][0] = "999999"
        elif kind == "unknown-metric":
            rows[at][1] = "no_such_metric"
        elif kind == "bad-period":
            rows[at][2] = "2024Q5"
        elif kind == "future":
            rows[at][2] = "2099-01"
        elif kind == "bad-value":
            rows[at][3] = "12a"
        elif kind == "precise":
            rows[at][3] = "1.1234567"
        elif kind == "huge":
            rows[at][3] = "12345678901234567"
        elif kind == "negative":
            rows[at][3] = "-5"
        elif kind == "ragged":
            rows[at] = [*row, "x"]
        elif kind == "quoted-lines":
            rows[at][3] = '"1\n2"'
        elif kind == "gb18030":
            encoding = "gb18030"
        elif kind == "bom":
            bom = True
        elif kind == "blank":
            rows.insert(at, [])
        elif kind == "total":
            rows[at][0] = "合计"
        elif kind == "unpublished":
            rows[at][3] = "…"
        elif kind == "marked":
            rows[at][3] = row[3] + "*"
        elif kind == "units":
            if row[4] == "亿元":
                rows[at][3:] = [str(Decimal(row[3]) * 10000), "万元"]
            else:
                rows[at][4] = "kg"
        elif kind == "span":
            rows[at][2] = "2024年4-6月"
        elif kind == "crlf":
            end = "\r\n"
        elif kind == "former":
            rows[at][0] = "330103"  # 杭州市下城区, merged in 2021
    lines = [",".join(header), *(",".join(r) for r in rows)]
    text = end.join(lines) + end
    data = text.encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" + data if bom else data), chosen


def run(*args: str) -> Result:
    environment = {"NO_COLOR": "", "FORCE_COLOR": "", "PCHECK_TARGETS": "", "PCHECK_READER": ""}
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


COMMANDS = (
    ("validate",),
    ("evaluate", "--format", "json"),
    ("evaluate", "--format", "csv", "--region", "330000"),
    ("convert",),
)


def assert_same(path: Path, commands: tuple[tuple[str, ...], ...] = COMMANDS) -> None:
    for command in commands:
        exact = run(*command, str(path), "--reader", "exact")
        fast = run(*command, str(path), "--reader", "bulk")
        assert (fast.exit_code, fast.stdout, fast.stderr) == (
            exact.exit_code,
            exact.stdout,
            exact.stderr,
        ), command
        assert exact.exit_code in (0, 1, 2), exact.stderr


def read_in_bulk(path: Path) -> bool:
    """Whether the bulk reader read ``path`` itself (no note sends it on)."""
    result = run("validate", "--verbose", "--reader", "bulk", str(path))
    return "read by the exact reader" not in result.stdout + result.stderr


@pytest.mark.parametrize("seed", range(10))
def test_faults_the_bulk_reader_reads_give_the_same_output(seed: int, tmp_path: Path) -> None:
    data, chosen = faulty(seed, HANDLED)
    path = tmp_path / "figures.csv"
    path.write_bytes(data)
    assert read_in_bulk(path), chosen
    assert_same(path)


@pytest.mark.parametrize("seed", range(8))
def test_any_fault_gives_the_same_output(seed: int, tmp_path: Path) -> None:
    data, _ = faulty(100 + seed, HANDLED + SENT_ON)
    path = tmp_path / "figures.csv"
    path.write_bytes(data)
    assert_same(path)


@pytest.mark.parametrize("kind", SENT_ON)
def test_each_unusual_file_goes_to_the_exact_reader(kind: str, tmp_path: Path) -> None:
    data, _ = faulty(7, (kind,))
    path = tmp_path / "figures.csv"
    path.write_bytes(data)
    assert not read_in_bulk(path)
    assert_same(path, COMMANDS[:2])


def test_a_clean_file_is_read_in_bulk_and_judged_alike(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(faulty(1, ("padded",))[0])
    assert read_in_bulk(path)
    assert_same(path)
    assert run("evaluate", str(path), "--reader", "bulk").exit_code in (0, 1)


def test_too_many_problems_are_capped_alike(tmp_path: Path) -> None:
    rows = base_rows()
    changed = [[*r[:3], r[3] + "1", r[4]] for r in rows]  # conflicts past the cap
    lines = ["region,metric,period,value,unit"] + [",".join(r) for r in rows * 6 + changed]
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(lines), encoding="utf-8")  # and no line end at the end
    assert read_in_bulk(path)
    result = run("validate", "--reader", "bulk", str(path))
    assert result.exit_code == 1
    assert "too-many" in result.stdout + result.stderr
    assert_same(path, COMMANDS[:2])


def test_auto_reads_only_large_csv_files_in_bulk(tmp_path: Path) -> None:
    small = tmp_path / "figures.csv"
    small.write_text("region,metric,period,value\n", encoding="utf-8")
    assert not bulk.chosen("auto", [small])
    assert bulk.chosen("bulk", [small])
    assert not bulk.chosen("exact", [small])
    assert not bulk.chosen("bulk", [small, small])  # one file at a time
    assert not bulk.chosen("bulk", [tmp_path / "figures.xlsx"])
    assert not bulk.chosen("bulk", [Path("-")])
    assert not bulk.chosen("bulk", [tmp_path])  # not a regular file
    with small.open("ab") as handle:
        handle.truncate(bulk.BULK_BYTES + 1)
    assert bulk.chosen("auto", [small])


def test_bulk_without_polars_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "polars" else real(name, *a)
    )
    result = run("validate", "--reader", "bulk", str(SAMPLE))
    assert result.exit_code == 2
    assert "pip install 'pcheck-plans[fast]'" in result.stderr


@pytest.mark.parametrize("seed", range(4))
def test_a_file_read_in_many_blocks_gives_the_same_output(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "_BLOCK", 97 + seed * 50)  # blocks cut lines anywhere
    data, chosen = faulty(200 + seed, HANDLED)
    path = tmp_path / "figures.csv"
    path.write_bytes(data)
    assert read_in_bulk(path), chosen
    assert_same(path)
    data, _ = faulty(300 + seed, HANDLED + SENT_ON)
    path.write_bytes(data)
    assert_same(path, COMMANDS[:2])


@settings(max_examples=25, deadline=None)
@given(
    figures=st.lists(
        st.from_regex(r"-?[0-9]{1,13}(\.[0-9]{0,7})?", fullmatch=True), min_size=1, max_size=30
    ),
    unit=st.sampled_from(["亿元", "万元", "元"]),
)
def test_figures_of_any_shape_are_read_alike(figures: list[str], unit: str) -> None:
    # Every shape of plain decimal, long or short, signed, padded, with too many places,
    # in the metric's unit or another (the figure then scaled to it): read in bulk when
    # it can be exactly, else sent on; the same figures either way.
    rows = [
        f"330000,rd_expenditure,2024-{1 + n % 12:02d},{figure},{unit}"
        for n, figure in enumerate(figures)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.csv"
        path.write_text("region,metric,period,value,unit\n" + "\n".join(rows), encoding="utf-8")
        assert_same(path, (("convert",), ("validate",)))


CATALOG = load_catalog()
PERIOD_FORMS = {
    "2024Q1": ("2024Q1", "2024年一季度", "2024年第一季度", "2024-Q1"),
    "2024H1": ("2024H1", "2024年上半年", "2024-06", "2024年6月"),
    "2024-09": ("2024-09", "2024年9月", "2024.09", "2024/09", "2024Q3", "2024年1-9月"),
}


def label_forms(row: list[str]) -> tuple[list[str], list[str], tuple[str, ...]]:
    """Ways of writing a row's region, metric and period that the rules read alike."""
    region = CATALOG.find_region(row[0])
    metric = CATALOG.find_metric(row[1])
    assert region is not None and metric is not None
    regions = [region.code, region.name, *region.aliases, *([region.short] * bool(region.short))]
    metrics = [metric.id, metric.name, *metric.aliases]
    return regions, metrics, PERIOD_FORMS.get(row[2], (row[2],))


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_labels_written_any_way_the_rules_accept_are_read_alike(data: st.DataObject) -> None:
    # Regions by code, name, alias or short name; metrics by id, name or alias; periods
    # in any form; rows repeated (with the same figure or another) and shuffled: read in
    # bulk when nothing is unusual, else sent on; the same output either way.
    rows = [list(row) for row in base_rows()]
    copies = data.draw(st.lists(st.sampled_from(rows), max_size=4))
    for row in copies:
        figure = data.draw(st.sampled_from([row[3], row[3] + "1", "0" + row[3]]))
        rows.insert(data.draw(st.integers(0, len(rows))), [*row[:3], figure, row[4]])
    written = data.draw(st.lists(st.sampled_from(rows), max_size=40, unique_by=id))
    for row in written + [row for row in rows if row in copies]:  # copies in other words
        regions, metrics, periods = label_forms(row)
        row[0] = data.draw(st.sampled_from(regions))
        row[1] = data.draw(st.sampled_from(metrics))
        row[2] = data.draw(st.sampled_from(periods))
    rows = data.draw(st.permutations(rows)) if data.draw(st.booleans()) else rows
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.csv"
        lines = ["region,metric,period,value,unit", *(",".join(row) for row in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert_same(path, COMMANDS[:2])
