"""Shared fixtures: the built-in catalog, and small target and data files."""

from __future__ import annotations

import functools
import os
import tempfile
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pcheck.catalog import load_catalog
from pcheck.model import Catalog, Document, Location, Op, Target

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

HEADER = "region,metric,period,value,unit,source\n"

# Tests never write to the user's own cache.
os.environ["PCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="pcheck-test-cache-")
# Tests read English unless they ask for another language, whatever the machine's locale.
for _name in ("PCHECK_LANG", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


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


def build_target(
    metric: str | tuple[str, ...] = "tech_transaction_volume", **fields: Any
) -> Target:
    """A target as the loader would make it, with its catalog entries resolved: a
    goal of at least 4000 in the metric's unit for 浙江省 in 2024 unless ``fields``
    say otherwise."""
    catalog = _builtin_catalog()
    metrics = metric if isinstance(metric, tuple) else (metric,)
    values: dict[str, Any] = {
        "id": "t",
        "metrics": metrics,
        "region": "330000",
        "year": 2024,
        "op": Op.GE,
        "value": Decimal(4000),
        "unit": catalog.metrics[metrics[0]].unit,
        "quote": "q",
        "document": Document(title="t", issuer="i", date="2024-01-01", source="s.txt"),
        "location": Location("t.yaml", 1, 1),
        "name": "n",
        "name_en": "n",
    }
    values.update(fields)
    values["region_entry"] = catalog.regions[values["region"]]
    values["metric_entries"] = tuple(catalog.metrics[m] for m in values["metrics"])
    if values.get("reference"):
        values["reference_entry"] = catalog.metrics[values["reference"]]
    return Target(**values)


@functools.cache
def _builtin_catalog() -> Catalog:
    return load_catalog()
