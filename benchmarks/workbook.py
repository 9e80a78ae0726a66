"""Reading a workbook: pcheck against the reader it is built on.

Writes a long-layout table of 100,000 rows (250 regions, 100 metrics, four
quarters, as ``run.py`` generates them) as CSV and has LibreOffice save it as
.xlsx, then times whole processes, several runs each after a warm-up run:

* python-calamine alone, reading every row of the sheet into Python lists;
* ``pcheck validate`` of the workbook (reading, percentage and extent checks,
  and the checks of every record).

Prints the median and spread of each, and the ratio of the two (the goal: at
most 2).

Usage, from the repository root, in the environment pcheck is installed in:

    python benchmarks/workbook.py [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PYTHON, generate, measure, pcheck

REGIONS = 250  # x 100 metrics x 4 quarters = 100,000 rows
CALAMINE_PASS = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path(sys.argv[1])\n"
    "for name in book.sheet_names:\n"
    "    for row in book.get_sheet_by_name(name).iter_rows(): pass\n"
)


def workbook(folder: Path) -> tuple[Path, Path]:
    """The target directory and the .xlsx of the rows."""
    targets, rows = generate(folder, REGIONS)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the workbook")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            *(soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"),
            "--infilter=CSV:44,34,76,1",  # commas, double quotes, UTF-8, from line 1
            *("--outdir", str(folder), str(rows)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
    )
    return targets, rows.with_suffix(".xlsx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        targets, book = workbook(folder)
        alone = measure(
            f"python-calamine, every row ({REGIONS * 400:,} rows)",
            [PYTHON, "-c", CALAMINE_PASS, str(book)],
            args.runs,
        )
        validate = measure(
            "pcheck validate",
            pcheck("validate", str(book), "--targets", str(targets)),
            args.runs,
            env={"PCHECK_CACHE_DIR": str(folder / "cache")},
        )
    print(f"{'':<52} {'median s':>8} {'spread':>13} {'peak MiB':>9} {'ratio':>8}")
    print(alone.row())
    print(validate.row(alone))


if __name__ == "__main__":
    main()
