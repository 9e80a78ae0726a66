"""The page in a real browser: scripts/screenshots.py renders the sample reports in
headless Chromium at 1280 and 400 pixels and checks that nothing overflows a phone's
screen. Skipped where Chromium is not installed (Debian: apt-get install chromium)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium")
def test_the_reports_render_and_fit_a_phone(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path), "--chromium", str(CHROMIUM)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("report-2024Q2", "report-multi-year"):
        assert f"{name}: at 400 px scrollWidth" in done.stdout
        for width in (1280, 400):
            image = (tmp_path / f"{name}-{width}.png").read_bytes()
            assert image.startswith(b"\x89PNG\r\n\x1a\n")
            assert int.from_bytes(image[16:20], "big") == width  # the PNG's width
        assert (tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF")


def test_the_script_says_when_there_is_no_browser(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path), "--chromium", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "no Chromium" in done.stderr
