"""The bulk reader against the exact one, on a generated national data set.

Times whole processes (median of several runs, after a warm-up run, with the peak
resident memory of the worst): a plain ``csv`` module pass over the file, then
``pcheck validate`` and ``pcheck evaluate --format json`` with ``--reader exact`` and
``--reader bulk``, and says each as a multiple of the csv pass. Also checks that both
readers write the same bytes.

Usage, from the repository root, in the environment pcheck is installed in with
the ``fast`` extra, on a folder made by ``benchmarks/run.py --keep DIR`` (its
``targets/`` and ``actuals.csv``):

    python benchmarks/bulk.py DIR [--runs N] [--skip-exact-evaluate]

Standard library only (``resource``: Unix).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
CSV_PASS = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    sum(1 for _ in csv.reader(f))\n"
)


def timed(command: list[str], folder: Path, output: Path) -> tuple[float, float, int]:
    """Wall time (s) and peak memory (MiB) of one run of ``command`` in ``folder``,
    its standard output written to ``output``; and its exit code."""
    start = time.perf_counter()
    with output.open("wb") as out:
        done = subprocess.run(command, cwd=folder, stdout=out, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, done.returncode


def measure(name: str, command: list[str], folder: Path, runs: int, scratch: Path) -> float:
    """Print the median time and the peak memory of ``runs`` runs; return the median."""
    output = scratch / (name.replace(" ", "_") + ".out")
    timed(command, folder, output)  # warm-up: the file in the page cache, the target cache made
    times = []
    for _ in range(runs):
        elapsed, _, code = timed(command, folder, output)
        times.append(elapsed)
    # A child's peak is the largest of any child so far: run the measured one alone.
    peak = _peak(command, folder)
    median = statistics.median(times)
    print(
        f"{name:<34} {median:7.2f} s  (min {min(times):.2f}, max {max(times):.2f})  "
        f"peak {peak:6.0f} MiB  exit {code}",
        flush=True,
    )
    return median


def _peak(command: list[str], folder: Path) -> float:
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", probe, *command], cwd=folder, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with targets/ and actuals.csv")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-exact-evaluate", action="store_true")
    args = parser.parse_args()
    folder = args.folder.resolve()
    pcheck = [PYTHON, "-m", "pcheck"]
    os.environ.setdefault("PCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="pcheck-bulk-cache-"))
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        base = measure(
            "csv pass", [PYTHON, "-c", CSV_PASS, "actuals.csv"], folder, args.runs, scratch
        )
        for command in (["validate"], ["evaluate", "--format", "json"]):
            outputs = []
            for reader in ("exact", "bulk"):
                if reader == "exact" and command[0] == "evaluate" and args.skip_exact_evaluate:
                    continue
                name = f"{' '.join(command[:1])} --reader {reader}"
                full = [*pcheck, *command, "--reader", reader, "actuals.csv"]
                median = measure(name, full, folder, args.runs, scratch)
                print(f"{'':<34} {median / base:7.1f} x the csv pass", flush=True)
                outputs.append((scratch / (name.replace(" ", "_") + ".out")).read_bytes())
            if len(outputs) == 2:
                print(f"{command[0]}: same output: {outputs[0] == outputs[1]}", flush=True)


if __name__ == "__main__":
    main()
