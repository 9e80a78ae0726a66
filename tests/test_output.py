"""Writing reports: never over an input, never half-written, readable like any file
the user makes; standard output that fails is a message, not a traceback."""

import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pcheck.cli import cli
from pcheck.output import OutputError, write_atomically, write_report

SAMPLE = ROOT / "data" / "2024Q2.csv"


def run(*args: str) -> tuple[int, str, str]:
    env = {"NO_COLOR": "1", "PCHECK_TARGETS": ""}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_report_may_not_replace_an_input(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_bytes(SAMPLE.read_bytes())
    code, _, err = run("evaluate", str(data), "--output", str(data))
    assert code == 2 and "the report would replace it" in err
    assert data.read_bytes() == SAMPLE.read_bytes()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(st.sampled_from(["{d}/data.csv", "{d}/./data.csv", "{d}/sub/../data.csv", "{d}/link"]))
def test_no_name_of_an_input_lets_the_report_replace_it(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "sub").mkdir(exist_ok=True)
    data = tmp_path / "data.csv"
    data.write_bytes(SAMPLE.read_bytes())
    link = tmp_path / "link"
    if not link.is_symlink():
        link.symlink_to(data)
    with pytest.raises(OutputError):
        write_report(Path(spelling.format(d=tmp_path)), "report", [data])
    assert data.read_bytes() == SAMPLE.read_bytes()


def test_a_new_report_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_report(tmp_path / "r.txt", "x")
        os.umask(0o077)
        write_report(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600


def test_a_replaced_report_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("old")
    path.chmod(0o664)
    write_report(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o664


def test_writing_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_report(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("evaluate", str(SAMPLE), "--output", "-", "--format", "json")
    assert code == 1 and out.startswith("{") and list(tmp_path.iterdir()) == []


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_report(fifo, "report\n")
    reader.join(timeout=10)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_report(tmp_path, "x")


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("old")

    def pieces() -> Iterator[str]:
        yield "new"
        raise SystemExit(143)  # as the SIGTERM handler raises

    with pytest.raises(SystemExit):
        write_atomically(path, pieces())
    assert path.read_text() == "old" and list(tmp_path.iterdir()) == [path]


def test_sigterm_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A real process, terminated while it writes its report."""
    script = (
        "import sys, time\n"
        "from pcheck import cli, output\n"
        "def slow(path, text, inputs=()):\n"
        "    def pieces():\n"
        "        yield 'start'\n"
        "        print('writing', flush=True)\n"
        "        time.sleep(30)\n"
        "        yield 'end'\n"
        "    output.write_atomically(path, pieces())\n"
        "output.write_report = slow\n"
        "sys.argv = ['pcheck', 'evaluate', sys.argv[1], '--output', sys.argv[2]]\n"
        "cli.main()\n"
    )
    report = tmp_path / "report.txt"
    env = {**os.environ, "PCHECK_TARGETS": ""}
    with subprocess.Popen(
        [sys.executable, "-c", script, str(SAMPLE), str(report)],
        stdout=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"writing"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def test_standard_output_that_fails_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [sys.executable, "-m", "pcheck", "evaluate", str(SAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "PCHECK_TARGETS": ""},
            check=False,
        )
    assert process.returncode == 2
    assert b"cannot write to standard output" in process.stderr
    assert b"Traceback" not in process.stderr


def test_interrupting_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pcheck.app.evaluate_files", interrupted)
    code, _, err = run("evaluate", str(SAMPLE))
    assert code == 130 and "interrupted" in err
