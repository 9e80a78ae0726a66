"""Start-up cost of pcheck against the libraries it is built on.

Runs each command as a whole process several times and prints the median wall
time, the spread (fastest to slowest) and the peak memory, then the ratios that
the project's speed goals are stated in:

* ``pcheck --help`` against ``python -c "import click"``;
* ``pcheck evaluate data/2024Q2.csv`` against importing click, ruamel.yaml, rich
  and pint, with the target cache as a second run finds it, and without it (as
  the first run after the target files change).

Usage: ``python benchmarks/startup.py [--runs N]`` from the repository root, in
the environment pcheck is installed in. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Timing:
    """Wall times (s) and peak resident memory (MiB) of repeated runs."""

    name: str
    times: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self) -> str:
        spread = f"{min(self.times) * 1000:.0f}–{max(self.times) * 1000:.0f}"
        return f"{self.name:<44} {self.median * 1000:>8.0f} {spread:>11} {self.peak_mib:>9.1f}"


def measure(
    name: str,
    command: list[str],
    runs: int,
    ok: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
) -> Timing:
    """Run ``command`` ``runs`` times (after one warm-up) and time each run."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    times: list[float] = []
    peak = 0
    for index in range(runs + 1):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            detail = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{name}: exit code {code}: {detail}")
        if index:  # the first run warms the file cache
            times.append(elapsed)
            peak = max(peak, usage.ru_maxrss)
    return Timing(name, times, peak / 1024)


def pcheck(*args: str) -> list[str]:
    """The pcheck command as installed beside this Python."""
    script = Path(PYTHON).with_name("pcheck")
    return [str(script), *args] if script.exists() else [PYTHON, "-m", "pcheck", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command")
    runs = parser.parse_args().runs
    libraries = "import click, ruamel.yaml, rich, pint"
    evaluate = pcheck("evaluate", "data/2024Q2.csv")
    click = measure("python -c 'import click'", [PYTHON, "-c", "import click"], runs)
    help_ = measure("pcheck --help", pcheck("--help"), runs)
    libs = measure(f"python -c '{libraries}'", [PYTHON, "-c", libraries], runs)
    warm = measure("pcheck evaluate data/2024Q2.csv", evaluate, runs, (0, 1))
    cold = measure(
        "  the same, target cache off", evaluate, runs, (0, 1), {"PCHECK_CACHE_DIR": "off"}
    )
    print(f"{'command':<44} {'median ms':>8} {'spread ms':>11} {'peak MiB':>9}")
    for timing in (click, help_, libs, warm, cold):
        print(timing.row())
    print()
    print(
        f"pcheck --help / import click:             {help_.median / click.median:.2f}x (goal 1.5x)"
    )
    print(f"pcheck evaluate / the four imports:       {warm.median / libs.median:.2f}x (goal 1.3x)")
    print(f"  the same, target cache off:             {cold.median / libs.median:.2f}x")


if __name__ == "__main__":
    main()
