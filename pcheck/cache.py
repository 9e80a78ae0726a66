"""A cache of loaded target directories.

Reading YAML with positions is the slowest part of a small run, and the target
files rarely change between runs. The catalog, the targets and the unit table are
kept in one file per target directory, under a key made of the name, size and
modification time of every file they were read from (pcheck's own modules
included). A changed file makes a new key; a cache that cannot be read or written
is passed over, never an error.

The unit table (see :func:`pcheck.units.unit_table`) is kept apart, under the
size and time of ``units.txt``, so that changing a target file does not bring back
the cost of importing pint.

The cache lives in ``$PCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/pcheck``, else
``~/.cache/pcheck``. ``PCHECK_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from pcheck import units
from pcheck.catalog import BUILTIN, load_catalog
from pcheck.model import Catalog, Target
from pcheck.targets import load_targets, target_files

ENVIRONMENT_VARIABLE = "PCHECK_CACHE_DIR"
FORMAT = 1
_PACKAGE = Path(__file__).parent


def load_directory(
    directory: Path, extend_catalog: bool, *, targets: bool = True
) -> tuple[Catalog, list[Target]]:
    """The catalog and targets of ``directory``, from the cache when nothing changed.

    ``extend_catalog`` says whether the directory's ``catalog/`` folder extends the
    built-in catalog; without ``targets`` only the catalog is read. Problems in the
    files raise as :func:`load_targets` does.
    """
    folder = cache_folder()
    if folder is None:
        return _load(directory, extend_catalog, targets)
    _load_unit_table(folder)
    key = _key(directory, extend_catalog, targets)
    entry = _read(folder / f"{key}.pickle") if key else None
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Catalog):
        return entry
    catalog, loaded = _load(directory, extend_catalog, targets)
    if key:
        _write(folder, f"{key}.pickle", (catalog, loaded))
    return catalog, loaded


def _load(directory: Path, extend_catalog: bool, targets: bool) -> tuple[Catalog, list[Target]]:
    catalog = load_catalog([directory] if extend_catalog else [])
    return catalog, load_targets(directory, catalog) if targets else []


def _load_unit_table(folder: Path) -> None:
    """The unit table, kept apart: it outlives changes to the target files."""
    stat = units.DEFINITIONS.stat()
    name = f"units-{FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    table = _read(folder / name)
    if isinstance(table, dict) and table:
        units.use_table(table)
    else:
        _write(folder, name, units.unit_table())


def cache_folder() -> Path | None:
    """Where cached directories are kept, or ``None`` when caching is off."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pcheck"


def _key(directory: Path, extend_catalog: bool, targets: bool) -> str | None:
    """A digest of every input's name, size and time; ``None`` if one cannot be read."""
    files = [*_PACKAGE.glob("*.py"), units.DEFINITIONS, *BUILTIN.glob("*.yaml")]
    try:
        if targets:
            files += target_files(directory)
        if extend_catalog:
            files += sorted((directory / "catalog").glob("*.yaml"))
        identity = f"{FORMAT} {extend_catalog} {targets} {directory.resolve()}"
        digest = hashlib.sha256(identity.encode())
        for path in files:
            stat = path.stat()
            digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    except Exception:  # a missing or unreadable directory: the loader says what is wrong
        return None
    return digest.hexdigest()


def _read(path: Path) -> Any:
    """What was written to ``path``, or ``None``; the caller checks its shape."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent, truncated or from another version: load afresh
        return None


def _write(folder: Path, name: str, entry: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / name)
    except Exception:  # a read-only or full disk: the next run loads afresh
        return
