"""Render the HTML report in headless Chromium and save screenshots of it.

    python scripts/screenshots.py FOLDER [--chromium PATH]

Makes the HTML reports of ``data/2024Q2.csv`` (the built-in targets) and of
``data/published.csv`` against ``examples/multi-year/targets`` (goals due years
ahead), with a fixed report time (``SOURCE_DATE_EPOCH``), and writes to FOLDER:

- ``NAME.html``, the report;
- ``NAME-1280.png`` and ``NAME-400.png``, the whole page (down to 12,000 pixels)
  1280 pixels wide as on a desktop, and 400 pixels wide as on a phone;
- ``NAME.pdf``, the page printed (A4).

At 400 pixels it also checks that nothing is wider than the screen: the page's
``document.documentElement.scrollWidth`` may not exceed ``innerWidth``; the elements
that stick out are named. Exit status: 0 when every page fits, 1 when one does not,
2 when Chromium or pcheck cannot be run.

Chromium is driven through its DevTools protocol on a pipe (``--remote-debugging-pipe``:
no port, no network), since a headless window cannot be made narrower than 500
pixels; the phone's width is set by device emulation, as its developer tools do.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1721030400"  # 2024-07-15 08:00 UTC: the same report every run
WIDTHS = (1280, 400)
PHONE = 400
TALLEST = 12000  # pixels of a page's height shown at most
TIMEOUT = 60  # seconds for any one answer of the browser

REPORTS = {
    "report-2024Q2": ["data/2024Q2.csv"],
    "report-multi-year": ["data/published.csv", "--targets", "examples/multi-year/targets"],
}

# The flags headless Chromium needs on a machine with no network and no display;
# --no-sandbox because CI runs as root.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)

# Measures the page as laid out, and names what sticks out of the window.
MEASURE = """(function () {
  var inner = window.innerWidth, wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > inner + 0.5 && wide.length < 5) {
      var name = typeof e.className === "string" && e.className ? "." + e.className : "";
      wide.push(e.tagName.toLowerCase() + name + " " + Math.round(r.right));
    }
  });
  return {scroll: document.documentElement.scrollWidth, inner: inner, wide: wide,
          height: document.documentElement.scrollHeight};
})()"""


@dataclass(frozen=True)
class Fit:
    """How wide a page is laid out: its scroll width, the window's inner width, the
    elements wider than the window, and the page's height."""

    scroll: int
    inner: int
    wide: list[str]
    height: int

    @property
    def fits(self) -> bool:
        return self.scroll <= self.inner


class Browser:
    """Headless Chromium, driven over its DevTools pipe: commands are written to its
    file descriptor 3 and answers read from its 4, as JSON ended by a NUL byte."""

    def __init__(self, chromium: str) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="pcheck-chromium-")
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()

        def on_three_and_four() -> None:  # in the child, before the browser starts
            first, second = os.dup(to_browser), os.dup(from_browser)
            os.dup2(first, 3)
            os.dup2(second, 4)

        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=on_three_and_four,  # safe: this script starts no threads
        )
        os.close(to_browser)
        os.close(from_browser)
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        attached = self.send("Target.attachToTarget", targetId=target, flatten=True)
        self.session = attached["sessionId"]

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer (events read meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str) -> None:
        """Wait for the event ``method`` of the page."""
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return
            self.events.append(self._read())

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], TIMEOUT)
            if not ready:
                raise RuntimeError("the browser did not answer in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser ended")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the page."""
        return self.send(method, self.session, **params)

    def open(self, page: Path, width: int) -> Fit:
        """Show ``page`` on a screen ``width`` wide (a phone's below 600), and measure it."""
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.page("Page.enable")
        self.page("Page.navigate", url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        value = self.page("Runtime.evaluate", expression=MEASURE, returnByValue=True)
        data = value["result"]["value"]
        return Fit(int(data["scroll"]), int(data["inner"]), list(data["wide"]), data["height"])

    def screenshot(self, fit: Fit, target: Path) -> None:
        """The page as laid out, down to ``TALLEST`` pixels, as a PNG."""
        clip = {"x": 0, "y": 0, "width": fit.inner, "height": min(fit.height, TALLEST)}
        shot = self.page(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={**clip, "scale": 1},
        )
        target.write_bytes(base64.b64decode(shot["data"]))

    def pdf(self, target: Path) -> None:
        """The page printed on A4, backgrounds included."""
        printed = self.page(
            "Page.printToPDF", printBackground=True, paperWidth=8.27, paperHeight=11.69
        )
        target.write_bytes(base64.b64decode(printed["data"]))

    def close(self) -> None:
        """End the browser and remove its profile."""
        with contextlib.suppress(RuntimeError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)
        self.profile.cleanup()


def find_chromium(given: str | None = None) -> str | None:
    """The browser to use: the one given, else Debian's or one on the PATH."""
    if given:
        return given if Path(given).exists() or shutil.which(given) else None
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def make_report(name: str, folder: Path) -> Path:
    """Write the HTML report ``name`` into ``folder`` with pcheck."""
    page = folder / f"{name}.html"
    command = [sys.executable, "-m", "pcheck", "evaluate", *REPORTS[name]]
    command += ["--format", "html", "--output", str(page.resolve())]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1) or not page.is_file():  # 1: a target failed
        raise RuntimeError(f"pcheck exited with {done.returncode}: {done.stderr.strip()}")
    return page


def run(folder: Path, chromium: str) -> list[str]:
    """Make every report, its screenshots and its print; what does not fit at
    ``PHONE`` pixels, as lines to show (none when all fits)."""
    folder.mkdir(parents=True, exist_ok=True)
    misfits: list[str] = []
    browser = Browser(chromium)
    try:
        for name in REPORTS:
            page = make_report(name, folder)
            for width in WIDTHS:
                fit = browser.open(page, width)
                browser.screenshot(fit, folder / f"{name}-{width}.png")
                if width == PHONE:
                    verdict = "fits" if fit.fits else "too wide"
                    print(
                        f"{name}: at {width} px scrollWidth {fit.scroll}, "
                        f"innerWidth {fit.inner}: {verdict}"
                    )
                    if not fit.fits:
                        misfits.append(f"{name}: {fit.scroll} > {fit.inner}: {fit.wide}")
            browser.open(page, WIDTHS[0])
            browser.pdf(folder / f"{name}.pdf")
    finally:
        browser.close()
    return misfits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the pages and screenshots go")
    parser.add_argument("--chromium", help="the browser (default: /usr/bin/chromium)")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("screenshots: no Chromium found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        misfits = run(args.folder, chromium)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 2
    for line in misfits:
        print(f"screenshots: wider than the screen: {line}", file=sys.stderr)
    return 1 if misfits else 0


if __name__ == "__main__":
    sys.exit(main())
