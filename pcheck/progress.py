"""A progress line on standard error, for work that takes a while.

Nothing is shown for the first :data:`DELAY` seconds (``PCHECK_PROGRESS_DELAY``
changes it), so a run of a small file prints nothing more than before; nor ever
unless standard error is a terminal that can move its cursor (not a pipe, a file, a
CI log or ``TERM=dumb``). Then one line, redrawn at most :data:`REDRAWS` times a
second, says what is being done — reading a file (its share, from the bytes read) or
judging targets (how many of how many) — and is erased when the work ends, however it
ends, so that the report and the problems that follow are clean.

The readers and the judging tell :func:`advance` how far they are, a block of a file
or a batch of targets at a time: with no line active that is one look-up, so the
work costs the same whether it is watched or not. Words come from the message
catalogs, in the report's language.
"""

from __future__ import annotations

import contextlib
import os
import time
import unicodedata
from collections.abc import Callable, Iterator
from typing import TextIO, TypeVar

from pcheck.model import Message

DELAY = 2.0
"""Seconds of work before the line appears."""
REDRAWS = 10
"""At most this many redraws a second."""
ENVIRONMENT_VARIABLE = "PCHECK_PROGRESS_DELAY"

_ERASE = "\r\x1b[K"
T = TypeVar("T")


class Line:
    """The progress line: a stage (its words, how far, of how much) drawn on a stream."""

    def __init__(
        self,
        stream: TextIO,
        word: Callable[[Message], str],
        *,
        delay: float = DELAY,
        width: Callable[[], int] = lambda: 80,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.word = word
        self.delay = delay
        self.width = width
        self.clock = clock
        self.started = clock()
        self.next_draw = self.started + delay
        self.shown = False
        self.stage: Message | None = None
        self.done = 0
        self.total: int | None = None
        self.unit = "count"

    def begin(self, stage: Message, total: int | None, unit: str = "count") -> None:
        """A new stage: ``total`` things (bytes when ``unit`` is ``"bytes"``) to do,
        or ``None`` when unknown."""
        self.stage, self.total, self.unit, self.done = stage, total, unit, 0
        self._maybe_draw()

    def advance(self, count: int) -> None:
        """``count`` more things done in the current stage."""
        self.done += count
        if self.clock() >= self.next_draw:
            self._draw()

    def _maybe_draw(self) -> None:
        if self.clock() >= self.next_draw or (self.shown and self.next_draw < float("inf")):
            self._draw()

    def _draw(self) -> None:
        if self.stage is None:
            return
        now = self.clock()
        self.next_draw = now + 1 / REDRAWS
        text = _fit(self._text(now), self.width() - 1)
        try:
            self.stream.write(f"{_ERASE}{text}")
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: no line, ever
            self.next_draw = float("inf")
            return
        self.shown = True

    def _text(self, now: float) -> str:
        assert self.stage is not None
        what = self.word(self.stage)
        if self.unit == "bytes":
            done = _bytes(self.done)
            if self.total:
                share = min(self.done / self.total, 1)
                done = f"{share:4.0%} {_bar(share)} {done} / {_bytes(self.total)}"
        else:
            done = f"{self.done:,}" + (f" / {self.total:,}" if self.total is not None else "")
            if self.total:
                done = (
                    f"{min(self.done / self.total, 1):4.0%} {_bar(self.done / self.total)} {done}"
                )
        elapsed = now - self.started
        return f"{what}  {done}  {elapsed:,.0f} s"

    def close(self) -> None:
        """Erase the line, if it was ever drawn."""
        if self.shown:
            with contextlib.suppress(OSError, ValueError):
                self.stream.write(_ERASE)
                self.stream.flush()
            self.shown = False


_active: Line | None = None


def begin(stage: Message, total: int | None, unit: str = "count") -> None:
    """Start a stage on the active line, if there is one."""
    if _active is not None:
        _active.begin(stage, total, unit)


def advance(count: int) -> None:
    """``count`` more done in the current stage of the active line, if there is one."""
    if _active is not None:
        _active.advance(count)


def counting(items: Iterator[T], total: int, stage: Message, batch: int = 1024) -> Iterator[T]:
    """``items`` (``total`` of them), advancing the active line a batch at a time as
    they are taken; ``items`` themselves when no line is active."""
    if _active is None:
        return items
    return _counting(items, total, stage, batch)


def _counting(items: Iterator[T], total: int, stage: Message, batch: int) -> Iterator[T]:
    begin(stage, total)
    count = 0
    for item in items:
        yield item
        count += 1
        if count == batch:
            advance(count)
            count = 0
    advance(count)


@contextlib.contextmanager
def shown(
    stream: TextIO, word: Callable[[Message], str], environ: os._Environ[str] | dict[str, str]
) -> Iterator[None]:
    """A progress line on ``stream`` for the work inside, when it is a terminal that
    can redraw a line; erased at the end, whatever happens inside."""
    global _active
    line = None
    if _can_draw(stream, environ):
        delay = _delay(environ)
        line = Line(stream, word, delay=delay, width=lambda: _columns(stream))
    previous, _active = _active, line
    try:
        yield
    finally:
        _active = previous
        if line is not None:
            line.close()


def _can_draw(stream: TextIO, environ: os._Environ[str] | dict[str, str]) -> bool:
    if environ.get("TERM", "") in ("dumb", "unknown"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _delay(environ: os._Environ[str] | dict[str, str]) -> float:
    """The delay ``PCHECK_PROGRESS_DELAY`` sets (seconds, 0 or more), else :data:`DELAY`."""
    try:
        given = float(environ.get(ENVIRONMENT_VARIABLE, DELAY))
    except ValueError:
        return DELAY
    return given if 0 <= given < float("inf") else DELAY


def _columns(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80
    return columns or 80  # a terminal that does not say its size


def _bytes(count: int) -> str:
    return f"{count / 2**10:,.0f} KiB" if count < 2**20 else f"{count / 2**20:,.0f} MiB"


def _bar(share: float, cells: int = 20) -> str:
    filled = round(max(0.0, min(share, 1.0)) * cells)
    return "█" * filled + "░" * (cells - filled)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (wide characters take two), its
    control characters dropped."""
    kept = []
    used = 0
    for char in text:
        if not char.isprintable():
            continue
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > max(width, 0):
            break
        kept.append(char)
        used += size
    return "".join(kept)
