"""What the page is told at the edge: the data files' SHA-256 and the report's time,
reproducible with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pcheck import app
from pcheck.cli import cli


def test_the_time_is_source_date_epoch_when_set() -> None:
    assert app.report_time({"SOURCE_DATE_EPOCH": "1721030400"}) == datetime(
        2024, 7, 15, 8, 0, tzinfo=UTC
    )
    now = app.report_time({})
    assert now.tzinfo is not None and abs(now - datetime.now(UTC)).total_seconds() < 60


@pytest.mark.parametrize("value", ["soon", "-1", "1.5", "99999999999999999999", "١٢"])
def test_a_malformed_source_date_epoch_is_refused(value: str) -> None:
    with pytest.raises(app.SelectionError) as caught:
        app.report_time({"SOURCE_DATE_EPOCH": value})
    assert caught.value.message.id == "time.epoch"


def test_each_regular_file_is_hashed(tmp_path: Path) -> None:
    data = tmp_path / "figures.csv"
    data.write_bytes(b"region,metric,period,value\n")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)  # reading it again would wait for ever
    made = datetime(2024, 1, 1, tzinfo=UTC)
    sources = app.report_sources([data, Path("-"), pipe, tmp_path / "gone.csv"], made)
    assert sources.made == made
    assert [(s.name, s.sha256) for s in sources.files] == [
        (str(data), hashlib.sha256(b"region,metric,period,value\n").hexdigest()),
        ("-", None),
        (str(pipe), None),
        (str(tmp_path / "gone.csv"), None),
    ]


def test_the_command_line_gives_the_page_its_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    env = {"SOURCE_DATE_EPOCH": "1721030400", "PCHECK_TARGETS": ""}
    done = runner.invoke(cli, ["evaluate", "data/2024Q2.csv", "--format", "html"], env=env)
    digest = hashlib.sha256((ROOT / "data" / "2024Q2.csv").read_bytes()).hexdigest()
    assert done.exit_code == 1  # targets fail
    assert digest in done.stdout and "2024-07-15 08:00 UTC+00:00" in done.stdout
    env["SOURCE_DATE_EPOCH"] = "yesterday"
    bad = runner.invoke(cli, ["evaluate", "data/2024Q2.csv", "--format", "html"], env=env)
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.stderr and not bad.stdout
    assert "Traceback" not in bad.stderr
