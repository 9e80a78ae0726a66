"""The progress line: only on a terminal, only after a while, never in the way."""

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pcheck import progress
from pcheck.messages import text
from pcheck.model import Message

READING = Message.of("progress.reading", file="big.csv")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def line(stream: io.StringIO, clock: Clock, width: int = 80) -> progress.Line:
    return progress.Line(
        stream, lambda m: text(m, "en"), delay=2.0, width=lambda: width, clock=clock
    )


def test_nothing_is_shown_before_the_delay() -> None:
    stream, clock = io.StringIO(), Clock()
    shown = line(stream, clock)
    shown.begin(READING, 1000, "bytes")
    clock.now += 1.9
    shown.advance(500)
    shown.close()
    assert stream.getvalue() == ""


def test_after_the_delay_the_line_is_drawn_throttled_and_erased() -> None:
    stream, clock = io.StringIO(), Clock()
    shown = line(stream, clock)
    shown.begin(READING, 4 * 2**20, "bytes")
    clock.now += 2.5
    shown.advance(2**20)
    first = stream.getvalue()
    assert first.startswith("\r\x1b[K") and "reading big.csv" in first and "25%" in first
    clock.now += 0.01
    shown.advance(2**20)  # within a tenth of a second: not redrawn
    assert stream.getvalue() == first
    clock.now += 0.2
    shown.advance(2**20)
    assert stream.getvalue().count("\r\x1b[K") == 2 and "75%" in stream.getvalue()
    shown.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_a_stage_of_counted_things_shows_how_many_of_how_many() -> None:
    stream, clock = io.StringIO(), Clock()
    shown = line(stream, clock)
    clock.now += 3
    shown.begin(Message.of("progress.judging"), 300_000)
    clock.now += 0.2
    shown.advance(150_000)
    assert "judging targets" in stream.getvalue()
    assert "150,000 / 300,000" in stream.getvalue() and "50%" in stream.getvalue()


@given(st.text(), st.integers(min_value=1, max_value=200))
def test_the_line_never_runs_past_the_width_nor_writes_controls(name: str, width: int) -> None:
    stream, clock = io.StringIO(), Clock()
    shown = line(stream, clock, width)
    clock.now += 5
    shown.begin(Message.of("progress.reading", file=name), None, "bytes")
    drawn = stream.getvalue().removeprefix("\r\x1b[K")
    assert drawn.isprintable()
    cells = sum(2 if progress.unicodedata.east_asian_width(c) in "WF" else 1 for c in drawn)
    assert cells <= width - 1


def test_a_broken_terminal_ends_the_line_quietly() -> None:
    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError("gone")

    clock = Clock()
    shown = line(Broken(), clock)
    clock.now += 3
    shown.begin(READING, 10, "bytes")
    shown.advance(5)
    shown.close()  # nothing raised


def test_only_a_terminal_gets_a_line() -> None:
    for stream, environ in (
        (io.StringIO(), {}),
        (Terminal(), {"TERM": "dumb"}),
    ):
        with progress.shown(stream, lambda m: text(m, "en"), environ):
            progress.begin(READING, 10, "bytes")
            progress.advance(10)
        assert stream.getvalue() == ""
    stream = Terminal()
    with progress.shown(stream, lambda m: text(m, "en"), {progress.ENVIRONMENT_VARIABLE: "0"}):
        progress.begin(READING, 10, "bytes")
        progress.advance(10)
    assert "reading big.csv" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")
    progress.advance(10)  # no line active any more: nothing happens
    assert stream.getvalue().endswith("\r\x1b[K")


def test_counting_gives_every_item_once_watched_or_not() -> None:
    items = list(range(2500))
    assert list(progress.counting(iter(items), 2500, READING)) == items
    stream = Terminal()
    environ = {progress.ENVIRONMENT_VARIABLE: "0"}
    with progress.shown(stream, lambda m: text(m, "en"), environ):
        judging = Message.of("progress.judging")
        assert list(progress.counting(iter(items), 2500, judging, batch=1000)) == items
        assert progress._active is not None and progress._active.done == 2500
    assert "judging targets" in stream.getvalue() and " / 2,500" in stream.getvalue()


def test_a_delay_that_is_not_a_number_is_the_default() -> None:
    for given_delay in ("soon", "-1", "inf", "nan"):
        assert progress._delay({progress.ENVIRONMENT_VARIABLE: given_delay}) == progress.DELAY


def test_on_a_real_terminal_the_line_goes_to_standard_error_only(tmp_path: Path) -> None:
    data = tmp_path / "actuals.csv"
    rows = "".join(f"浙江省,rd_intensity,2024-{m:02d},3.{m}\n" for m in range(1, 13))
    data.write_text("region,metric,period,value\n" + rows, encoding="utf-8")
    parent, child = pty.openpty()
    environ = {**os.environ, progress.ENVIRONMENT_VARIABLE: "0", "TERM": "xterm"}
    environ.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "pcheck", "validate", data.name, "--lang", "en"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=child,
        env=environ,
    )
    os.close(child)
    seen = b""
    while True:
        ready, _, _ = select.select([parent], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    out, _ = process.communicate(timeout=60)
    os.close(parent)
    terminal = seen.decode("utf-8", "replace")
    assert "reading actuals.csv" in terminal and "KiB" in terminal
    assert "\r\x1b[K" in terminal
    assert b"\x1b" not in out and b"\r" not in out
