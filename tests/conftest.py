"""Shared fixtures: the built-in catalog, and small target and data files."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pcheck.catalog import load_catalog
from pcheck.model import Catalog

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

HEADER = "region,metric,period,value,unit,source\n"

# Tests never write to the user's own cache.
os.environ["PCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="pcheck-test-cache-")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file under tmp_path and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return writer


TARGET_FILE = """
document:
  title: 测试文件
  issuer: 测试机关
  date: "2024-01-01"
  source: test.txt
region: "330000"
year: 2024
targets:
"""


def target_file(*targets: str) -> str:
    """A target file with the given target entries (YAML list items, dedented)."""
    body = "".join(textwrap.indent(textwrap.dedent(t).strip("\n"), "  ") + "\n" for t in targets)
    return textwrap.dedent(TARGET_FILE).lstrip("\n") + body
