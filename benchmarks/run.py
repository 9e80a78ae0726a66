"""pcheck at national scale, and against the tools a user would otherwise pick.

Generates, once, in a temporary directory, a synthetic national data set: a region
catalog of 3,000 regions (added the way a user extends the catalog, in a target
directory's catalog/), 100 metrics, a target file per region with 100 targets
(300,000 targets), and actuals for four quarters (1.2 million rows). Then times
whole processes, several runs each (median and spread, after a warm-up run), with
their peak memory:

* start-up: ``pcheck --help`` and ``pcheck evaluate data/2024Q2.csv`` against
  ``python -c "import click"`` and importing click, ruamel.yaml, rich and pint;
* the big file: a plain ``csv`` module pass over it, ``pcheck validate`` and
  ``pcheck evaluate`` (JSON to a file; the target cache warm, and loading the
  targets alone, cold and warm);
* peers on the same file, when installed: ``frictionless validate`` with a Table
  Schema that says what it can of the same checks;
* growth: validate and evaluate on 10%, 50% and 100% of the regions (and so of
  the rows and targets).

Usage, from the repository root, in the environment pcheck is installed in:

    python benchmarks/run.py [--runs N] [--quick] [--keep DIR]
    python benchmarks/run.py --startup
    python benchmarks/run.py --huge

Standard library only (plus the peers, when installed). ``--quick`` uses 300
regions instead of 3,000. ``--startup`` only measures start-up. ``--huge`` only
runs ``pcheck validate`` on a file of 10.8 million distinct rows, to show that its
memory stays bounded.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
METRICS = 100
QUARTERS = 4
QUICK = False
BULK = importlib.util.find_spec("polars") is not None
"""Whether the bulk reader (``pcheck[fast]``) can be measured beside the exact one."""


@dataclass
class Timing:
    """Wall times (s) and peak resident memory (MiB) of repeated runs of a command."""

    name: str
    times: list[float]
    peak_mib: float
    whole: bool = True  # a whole process, compared with the baseline; else a part of one

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self, baseline: Timing | None = None) -> str:
        spread = f"{min(self.times):.2f}–{max(self.times):.2f}"
        ratio = f"{self.median / baseline.median:>7.2f}x" if baseline and self.whole else " " * 8
        peak = f"{self.peak_mib:>9.0f}" if self.peak_mib else " " * 9
        return f"{self.name:<52} {self.median:>8.3f} {spread:>13} {peak} {ratio}"


def measure(
    name: str,
    command: list[str],
    runs: int,
    *,
    ok: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
    warm_up: bool = True,
    cwd: Path = ROOT,
) -> Timing:
    """Run ``command`` ``runs`` times (after one warm-up run) as a whole process."""
    timing = Timing(name, [], 0)
    for index in range(runs + (1 if warm_up else 0)):
        elapsed, peak = _once(name, command, ok, env, cwd)
        if index or not warm_up:
            timing.times.append(elapsed)
            timing.peak_mib = max(timing.peak_mib, peak)
    return timing


def measure_in_turn(
    commands: list[tuple[str, list[str], dict[str, str] | None]], runs: int
) -> list[Timing]:
    """Run each of ``commands`` once in turn, ``runs`` rounds after a warm-up round: a
    machine busier at one moment than another slows all of them alike, so that their
    ratios hold."""
    timings = [Timing(name, [], 0) for name, _, _ in commands]
    for index in range(runs + 1):
        for timing, (name, command, env) in zip(timings, commands, strict=True):
            elapsed, peak = _once(name, command, (0, 1), env, ROOT)
            if index:
                timing.times.append(elapsed)
                timing.peak_mib = max(timing.peak_mib, peak)
    return timings


def _once(
    name: str, command: list[str], ok: tuple[int, ...], env: dict[str, str] | None, cwd: Path
) -> tuple[float, float]:
    """The wall time (s) and peak resident memory (MiB) of one run of ``command``."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        detail = process.stderr.read().decode()[-2000:] if process.stderr else ""
        raise SystemExit(f"{name}: exit code {code}\n{detail}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def pcheck(*args: str) -> list[str]:
    """The pcheck command installed beside this Python."""
    script = Path(PYTHON).with_name("pcheck")
    return [str(script), *args] if script.exists() else [PYTHON, "-m", "pcheck", *args]


def generated(folder: Path, regions: int) -> tuple[Path, Path]:
    """:func:`generate`, in a process of its own: Linux keeps a process's peak memory
    across ``exec``, so every command started from a benchmark that had grown by
    generating a million rows would report at least that much."""
    command = [PYTHON, __file__, "--generate", str(folder), str(regions)]
    subprocess.run(command, check=True)
    return folder / "targets", folder / "actuals.csv"


def generate(folder: Path, regions: int, *, rows: bool = True) -> tuple[Path, Path]:
    """Write the target directory and (unless told not to) the actuals for
    ``regions`` regions."""
    targets = folder / "targets"
    (targets / "catalog").mkdir(parents=True, exist_ok=True)
    codes = [f"{600000 + n:06d}" for n in range(regions)]
    with (targets / "catalog" / "regions.yaml").open("w", encoding="utf-8") as out:
        out.write("regions:\n")
        for n, code in enumerate(codes):
            out.write(f'  - {{code: "{code}", name: 合成县{n:04d}, parent: "330000"}}\n')
    units = ["亿元" if m % 2 else "%" for m in range(METRICS)]
    with (targets / "catalog" / "metrics.yaml").open("w", encoding="utf-8") as out:
        out.write("metrics:\n")
        for m in range(METRICS):
            kind = "flow" if m % 2 else "level"
            out.write(
                f"  - {{id: synthetic_{m:03d}, name: 合成指标{m:03d}, "
                f'unit: "{units[m]}", kind: {kind}, min: 0}}\n'
            )
    for code in codes:
        lines = [
            "document: {title: 合成文件, issuer: 合成, date: '2024', source: synthetic.txt}",
            f'region: "{code}"',
            "year: 2024",
            "targets:",
        ]
        lines += [
            f'  - {{id: s{code}-{m:03d}, metric: synthetic_{m:03d}, op: ">=", '
            f'value: {100 + m}, unit: "{units[m]}", quote: 合成目标}}'
            for m in range(METRICS)
        ]
        (targets / f"region-{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    actuals = folder / "actuals.csv"
    if not rows:
        return targets, actuals
    rng = random.Random(2024)
    # Flows are year-to-date totals, as published: each quarter adds to the last.
    so_far = {(code, m): 0 for code in codes for m in range(METRICS)}
    with actuals.open("w", encoding="utf-8") as out:
        out.write("region,metric,period,value,unit\n")
        for quarter in range(1, QUARTERS + 1):
            for code in codes:
                for m in range(METRICS):
                    cents = rng.randint(0, 9000 if units[m] == "%" else 300000)
                    if m % 2:  # a flow
                        cents = so_far[code, m] = so_far[code, m] + cents // QUARTERS
                    out.write(f"{code},synthetic_{m:03d},2024Q{quarter},{cents / 100},{units[m]}\n")
    return targets, actuals


TABLE_SCHEMA = """{"fields": [
  {"name": "region", "type": "string", "constraints": {"required": true, "pattern": "[0-9]{6}"}},
  {"name": "metric", "type": "string", "constraints": {"required": true}},
  {"name": "period", "type": "string",
   "constraints": {"required": true, "pattern": "[0-9]{4}(Q[1-4])?"}},
  {"name": "value", "type": "number", "constraints": {"required": true, "minimum": 0}},
  {"name": "unit", "type": "string"}],
 "primaryKey": ["region", "metric", "period"]}"""
CSV_PASS = (
    "import csv, sys\nfor row in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): pass"
)


def big_file(folder: Path, regions: int, runs: int) -> list[Timing]:
    """Everything on one generated data set."""
    targets, rows = generated(folder, regions)
    cache = folder / "cache"
    warm = {"PCHECK_CACHE_DIR": str(cache)}
    cold = {"PCHECK_CACHE_DIR": "off"}
    scale = f"{regions * METRICS:,} targets, {regions * METRICS * QUARTERS:,} rows"
    evaluate = pcheck(
        "evaluate",
        str(rows),
        "--targets",
        str(targets),
        "--format",
        "json",
        "--output",
        str(folder / "report.json"),
    )
    # Loads every target, prints one: the cost of loading the targets alone.
    loading = pcheck("targets", "show", "s600000-000", "--targets", str(targets))
    validate = pcheck("validate", str(rows), "--targets", str(targets))
    exact = ["--reader", "exact"] if BULK else []
    timings = [
        measure(f"csv module pass ({scale})", [PYTHON, "-c", CSV_PASS, str(rows)], runs),
        measure("pcheck validate", [*validate, *exact], runs, env=warm),
        measure(
            "pcheck evaluate --format json (cache warm)",
            [*evaluate, *exact],
            runs,
            ok=(0, 1),
            env=warm,
        ),
    ]
    if BULK:
        bulk = ["--reader", "bulk"]
        timings += [
            measure("pcheck validate --reader bulk", [*validate, *bulk], runs, env=warm),
            measure(
                "pcheck evaluate --format json --reader bulk",
                [*evaluate[:-1], str(folder / "report-bulk.json"), *bulk],
                runs,
                ok=(0, 1),
                env=warm,
            ),
        ]
        # A block at a time: a benchmark grown by reading the reports whole would floor
        # the peak memory of every command started after it (Linux keeps it across exec).
        same = filecmp.cmp(folder / "report.json", folder / "report-bulk.json", shallow=False)
        print(f"the two readers' JSON reports are {'identical' if same else 'DIFFERENT'}")
    timings += [
        measure("  loading the targets alone (cache warm)", loading, runs, env=warm),
        measure("  loading the targets alone (cache off)", loading, 1, env=cold, warm_up=False),
        in_process(f"  the {regions * METRICS:,} targets, in-process (cache warm)", targets, warm),
    ]
    frictionless = shutil.which("frictionless", path=str(Path(PYTHON).parent))
    if frictionless:
        # The same checks as far as a Table Schema can say them: types, required
        # values, patterns, bounds and no (region, metric, period) twice. It reads
        # only relative paths, so it runs in the data's folder.
        (folder / "schema.json").write_text(TABLE_SCHEMA, encoding="utf-8")
        command = [frictionless, "validate", "--schema", "schema.json", rows.name]
        timings.append(measure("frictionless validate (Table Schema)", command, 1, cwd=folder))
    return timings


LOAD_TARGETS = """
import gc, json, sys, time
from pathlib import Path
from pcheck.cache import load_directory
directory, runs = Path(sys.argv[1]), int(sys.argv[2])
load_directory(directory, extend_catalog=True)  # the cache written, the modules imported
times = []
for _ in range(runs):
    start = time.perf_counter()
    catalog, targets = load_directory(directory, extend_catalog=True)
    times.append(time.perf_counter() - start)
    del catalog, targets
    gc.collect()
print(json.dumps(times))
"""


def in_process(name: str, targets: Path, env: dict[str, str], runs: int = 5) -> Timing:
    """The time of loading a target directory inside one process, repeated: the cost of
    the cache alone, without start-up."""
    environment = {**os.environ, **env}
    command = [PYTHON, "-c", LOAD_TARGETS, str(targets), str(runs)]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return Timing(name, json.loads(done.stdout), 0, whole=False)


def huge(folder: Path) -> Timing:
    """``pcheck validate`` on 10.8 million rows, every (region, metric, period) distinct:
    3,000 regions, 100 metrics, 36 months. Shows that memory stays bounded."""
    targets, _ = generate(folder, 3000 if not QUICK else 300, rows=False)
    rows = folder / "huge.csv"
    regions = [f"{600000 + n:06d}" for n in range(3000 if not QUICK else 300)]
    with rows.open("w", encoding="utf-8") as out:
        out.write("region,metric,period,value\n")
        for year in (2021, 2022, 2023):
            for month in range(1, 13):
                block = "".join(
                    f"{code},synthetic_{m:03d},{year}-{month:02d},{m + 1}.5\n"
                    for code in regions
                    for m in range(METRICS)
                )
                out.write(block)
    count = len(regions) * METRICS * 36
    command = pcheck("validate", str(rows), "--targets", str(targets))
    return measure(f"pcheck validate, {count:,} distinct rows", command, 1, warm_up=False)


def compiled() -> None:
    """pcheck's modules compiled to bytecode, as installing it leaves them: where
    ``PYTHONDONTWRITEBYTECODE`` is set, every run would otherwise compile them again,
    and start-up would time the compiler (some 0.2 s)."""
    import compileall

    spec = importlib.util.find_spec("pcheck")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def start_up(runs: int) -> list[Timing]:
    """The start-up figures, the commands run in turn."""
    libraries = "import click, ruamel.yaml, rich, pint"
    evaluate = pcheck("evaluate", "data/2024Q2.csv")
    return measure_in_turn(
        [
            ("python -c 'import click'", [PYTHON, "-c", "import click"], None),
            ("pcheck --help", pcheck("--help"), None),
            (f"python -c '{libraries}'", [PYTHON, "-c", libraries], None),
            ("pcheck evaluate data/2024Q2.csv", evaluate, None),
            ("  the same, target cache off", evaluate, {"PCHECK_CACHE_DIR": "off"}),
        ],
        runs,
    )


def header() -> str:
    return f"{'command':<52} {'median s':>8} {'spread s':>13} {'peak MiB':>9} {'ratio':>8}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each big command")
    parser.add_argument("--quick", action="store_true", help="300 regions instead of 3,000")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument(
        "--huge", action="store_true", help="only validate 10.8 million rows (memory bound)"
    )
    parser.add_argument("--startup", action="store_true", help="only the start-up figures")
    parser.add_argument("--generate", nargs=2, metavar=("DIR", "REGIONS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate:
        generate(Path(options.generate[0]), int(options.generate[1]))
        return
    global QUICK
    QUICK = options.quick
    regions = 300 if options.quick else 3000
    if options.huge:
        folder = options.keep or Path(tempfile.mkdtemp(prefix="pcheck-huge-"))
        try:
            print(header())
            print(huge(folder).row())
        finally:
            if options.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        return

    compiled()
    small = start_up(max(options.runs, 10))
    print(header())
    click, _, libraries, _, _ = small
    for timing, base in zip(small, [None, click, None, libraries, libraries], strict=True):
        print(timing.row(base))
    if options.startup:
        return

    folder = options.keep or Path(tempfile.mkdtemp(prefix="pcheck-bench-"))
    growth: dict[str, list[str]] = {}
    try:
        for share in (10, 50, 100):
            count = regions * share // 100
            print(f"\n{share}% of the national data set: {count:,} regions")
            timings = big_file(folder / f"{share}", count, options.runs)
            csv_pass = timings[0]
            print(header())
            for timing in timings:
                print(timing.row(None if timing is csv_pass else csv_pass))
                if timing.whole and not timing.name.startswith(" "):
                    name = timing.name.split(" (")[0]
                    rows = count * METRICS * QUARTERS
                    growth.setdefault(name, []).append(f"{timing.median / rows * 1e6:8.2f}")
    finally:
        if options.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print("\nseconds per million rows, at 10%, 50% and 100% (equal figures: linear cost)")
    for name, figures in growth.items():
        print(f"{name:<52} {' '.join(figures)}")
    print(
        "\nratio: to import click (pcheck --help), to the four imports (pcheck evaluate "
        "data/2024Q2.csv), to the csv module pass (the big file)"
    )


if __name__ == "__main__":
    main()
