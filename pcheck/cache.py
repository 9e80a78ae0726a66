"""A cache of loaded target directories, which no file in it can turn into code.

Reading YAML with positions is the slowest part of a small run, and the target
files rarely change between runs. The catalog and the targets of a directory are
kept as plain JSON, field by field in columns, under a key made from the content
of every file they were read from (pcheck's own modules included): a file edited
to the same size, with its time restored, still makes a new key. The unit table
is kept apart, under the content of ``units.txt``, so that changing a target file
does not bring back the cost of importing pint.

Trust: the cache folder is used only if it belongs to the user and no one else
may write to it (it is created so); each entry is read only if it is a regular
file of the user's, not a link; whatever an entry holds is checked as it is
rebuilt, and an entry of any other shape is passed over and written anew. Entries
are written to a temporary file first, which is removed if anything fails; at
most :data:`KEEP_ENTRIES` entries are kept, the least recently used going first.
A cache that cannot be used is passed over, never an error.

The cache lives in ``$PCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/pcheck``, else
``~/.cache/pcheck``. ``PCHECK_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck import units
from pcheck.catalog import BUILTIN, indexed, read_catalog
from pcheck.errors import TargetFileError
from pcheck.model import (
    Baseline,
    Basis,
    Catalog,
    Document,
    Kind,
    Location,
    Method,
    Metric,
    Milestone,
    Op,
    Region,
    Target,
    Tier,
)
from pcheck.regions import TABLE as REGIONS_TABLE
from pcheck.targets import has_errors, read_targets, target_files

ENVIRONMENT_VARIABLE = "PCHECK_CACHE_DIR"
FORMAT = 4
KEEP_ENTRIES = 16
_PACKAGE = Path(__file__).parent
_SUFFIX = ".json"


def load_directory(
    directory: Path, extend_catalog: bool, *, targets: bool = True
) -> tuple[Catalog, list[Target]]:
    """The catalog and targets of ``directory``, from the cache when nothing changed.

    ``extend_catalog`` says whether the directory's ``catalog/`` folder extends the
    built-in catalog; without ``targets`` only the catalog is read. Problems in the
    files raise as :func:`~pcheck.targets.load_targets` does.
    """
    folder = usable_folder()
    if folder is None:
        return _load(directory, extend_catalog, targets)
    _load_unit_table(folder)
    key = _key(directory, extend_catalog, targets)
    if key is not None:
        found = _read(folder / f"{key}{_SUFFIX}")
        if found is not None:
            with contextlib.suppress(Exception):  # any other shape: load afresh
                return _rebuild(found, directory)
    catalog, loaded = _load(directory, extend_catalog, targets)
    if key is not None:
        _write(folder, f"{key}{_SUFFIX}", _columns(catalog, loaded, directory))
    return catalog, loaded


def cache_folder() -> Path | None:
    """Where cached directories are kept, or ``None`` when caching is off."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pcheck"


def usable_folder() -> Path | None:
    """The cache folder if it may be trusted (created if missing), else ``None``."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder if _trusted(os.stat(folder, follow_symlinks=False), directory=True) else None
    except OSError:
        return None


def _trusted(info: os.stat_result, *, directory: bool) -> bool:
    """Owned by this user, writable by no one else, and of the kind expected."""
    kind = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    owner = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return kind and owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(directory: Path, extend_catalog: bool, targets: bool) -> tuple[Catalog, list[Target]]:
    """Read the files; every problem of the catalog and the targets together."""
    catalog, problems = read_catalog([directory] if extend_catalog else [])
    loaded: list[Target] = []
    if targets:
        loaded, more = read_targets(directory, catalog)
        problems += more
    if has_errors(problems):
        raise TargetFileError(problems)
    return catalog, loaded


def _key(directory: Path, extend_catalog: bool, targets: bool) -> str | None:
    """A digest of the content of every input file, and of the identity (size and
    time) of pcheck's own modules; ``None`` if a file cannot be read."""
    files = [units.DEFINITIONS, *sorted(BUILTIN.glob("*.yaml")), REGIONS_TABLE]
    try:
        if targets:
            files += target_files(directory)
        if extend_catalog:
            files += sorted((directory / "catalog").glob("*.yaml"))
        digest = hashlib.sha256(f"{FORMAT} {extend_catalog} {targets}".encode())
        for module in sorted(_PACKAGE.rglob("*.py")):
            info = module.stat()
            digest.update(f"\0{module.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        for path in files:
            name = path.relative_to(directory) if path.is_relative_to(directory) else path.name
            digest.update(f"\0{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except Exception:  # a missing or unreadable file: the loader says what is wrong
        return None
    return digest.hexdigest()


def _load_unit_table(folder: Path) -> None:
    """The unit table, kept apart: it outlives changes to the target files."""
    try:
        content = units.DEFINITIONS.read_bytes()
    except OSError:
        return
    name = f"units-{FORMAT}-{hashlib.sha256(content).hexdigest()[:32]}{_SUFFIX}"
    found = _read(folder / name)
    try:
        table = {
            unit: (str(dimension), Decimal(str(factor)), str(shown))
            for unit, (dimension, factor, shown) in found.items()
        }
    except Exception:  # absent, or of another shape
        table = {}
    if table:
        units.use_table(table)
        return
    built = units.unit_table()
    _write(folder, name, {unit: [d, str(f), s] for unit, (d, f, s) in built.items()})


# -- entries as columns ----------------------------------------------------------------

_TARGET_FIELDS = (
    "id", "metrics", "region", "year", "op", "value", "unit", "quote", "document",
    "file", "line", "column", "name", "name_en", "reference", "upper", "basis",
    "baseline", "tier", "stretch", "tolerance", "band", "note", "method", "milestones",
    "accumulated_from",
)  # fmt: skip


def _columns(catalog: Catalog, targets: list[Target], directory: Path) -> dict[str, Any]:
    """Everything needed to rebuild the catalog and the targets, as JSON values.

    Target locations are kept relative to ``directory``, so that a run from
    another folder, naming the directory differently, points at the right file.
    """
    documents: dict[Document, int] = {}
    columns: dict[str, list[Any]] = {name: [] for name in _TARGET_FIELDS}
    for t in targets:
        row = (
            t.id, list(t.metrics), t.region, t.year, t.op.value, _text(t.value), t.unit,
            t.quote, documents.setdefault(t.document, len(documents)),
            _relative(t.location.path, directory), t.location.line, t.location.column,
            t.name, t.name_en, t.reference, _text(t.upper), t.basis.value,
            [_text(t.baseline.value), t.baseline.unit, t.baseline.year] if t.baseline else None,
            t.tier.value, _text(t.stretch), _text(t.tolerance), _text(t.band), t.note,
            t.method.value if t.method else None, [[m.year, str(m.value)] for m in t.milestones],
            t.accumulated_from,
        )  # fmt: skip
        for name, value in zip(_TARGET_FIELDS, row, strict=True):
            columns[name].append(value)
    return {
        "format": FORMAT,
        "metrics": [
            [
                m.id,
                m.name,
                m.name_en,
                m.unit,
                m.kind.value,
                list(m.aliases),
                _text(m.minimum),
                _text(m.maximum),
            ]
            for m in catalog.metrics.values()
        ],
        "regions": [
            [r.code, r.name, r.name_en, list(r.aliases), r.parent, r.short]
            for r in catalog.regions.defined.values()
        ],
        "documents": [[d.title, d.issuer, d.date, d.source, d.number, d.url] for d in documents],
        "targets": columns,
    }


def _rebuild(entry: dict[str, Any], directory: Path) -> tuple[Catalog, list[Target]]:
    """The catalog and targets an entry holds; any surprise raises."""
    if entry["format"] != FORMAT:
        raise ValueError("another format")
    metrics = {
        m[0]: Metric(
            id=_str(m[0]), name=_str(m[1]), name_en=_str(m[2]), unit=_str(m[3]),
            kind=Kind(m[4]), aliases=_strs(m[5]), minimum=_number(m[6]), maximum=_number(m[7]),
        )
        for m in entry["metrics"]
    }  # fmt: skip
    regions = {
        r[0]: Region(
            code=_str(r[0]), name=_str(r[1]), name_en=_str(r[2]), aliases=_strs(r[3]),
            parent=_maybe(r[4]), short=_maybe(r[5]),
        )
        for r in entry["regions"]
    }  # fmt: skip
    documents = [
        Document(_str(d[0]), _str(d[1]), _str(d[2]), _str(d[3]), _maybe(d[4]), _maybe(d[5]))
        for d in entry["documents"]
    ]
    catalog = indexed(metrics, regions)
    targets = _targets(entry["targets"], metrics, catalog.regions, documents, directory)
    return catalog, targets


def _targets(
    columns: dict[str, list[Any]],
    metrics: dict[str, Metric],
    regions: Mapping[str, Region],
    documents: list[Document],
    directory: Path,
) -> list[Target]:
    """The targets of an entry, rebuilt a column at a time (a directory may hold
    hundreds of thousands)."""
    c = {name: columns[name] for name in _TARGET_FIELDS}
    if len({len(column) for column in c.values()}) > 1:
        raise ValueError("columns of different lengths")
    for name in ("id", "region", "unit", "quote", "file", "name", "name_en"):
        _all(c[name], str)
    for name in ("reference", "note"):
        _all(c[name], str, type(None))
    _all(c["year"], int)
    _all(c["line"], int)
    _all(c["column"], int, type(None))
    _all(c["document"], int)
    paths = {name: str(directory / name) for name in set(c["file"])}
    metric_ids = [_strs(ids) for ids in c["metrics"]]
    ops, bases, tiers = _enum(Op, c["op"]), _enum(Basis, c["basis"]), _enum(Tier, c["tier"])
    numbers = {
        name: _numbers(c[name]) for name in ("value", "upper", "stretch", "tolerance", "band")
    }
    baselines = [None if b is None else _baseline(b) for b in c["baseline"]]
    methods = [None if m is None else Method(m) for m in c["method"]]
    milestones = [
        tuple(Milestone(_int(m[0]), Decimal(_str(m[1]))) for m in row) for row in c["milestones"]
    ]
    _all(c["accumulated_from"], int, type(None))
    references = [None if r is None else metrics[r] for r in c["reference"]]
    return [
        Target(
            id, ids, region, year, op, value, unit, quote, documents[document],
            Location(paths[file], line, column), name, name_en, regions[region],
            tuple(metrics[m] for m in ids), reference_entry, upper, basis, baseline,
            reference, tier, stretch, tolerance, band, note, method, milestone, accumulated,
        )
        for (
            id, ids, region, year, op, value, unit, quote, document, file, line, column,
            name, name_en, reference_entry, upper, basis, baseline, reference, tier, stretch,
            tolerance, band, note, method, milestone, accumulated,
        ) in zip(
            c["id"], metric_ids, c["region"], c["year"], ops, numbers["value"], c["unit"],
            c["quote"], c["document"], c["file"], c["line"], c["column"], c["name"],
            c["name_en"], references, numbers["upper"], bases, baselines, c["reference"], tiers,
            numbers["stretch"], numbers["tolerance"], numbers["band"], c["note"], methods,
            milestones, c["accumulated_from"],
            strict=True,
        )
    ]  # fmt: skip


def _all(column: list[Any], *kinds: type) -> None:
    if not set(map(type, column)) <= set(kinds):
        raise ValueError("a value of another kind")


def _enum(kind: type[Op] | type[Basis] | type[Tier], column: list[Any]) -> list[Any]:
    members = {member.value: member for member in kind}
    return [members[value] for value in column]


def _baseline(row: list[Any]) -> Baseline:
    value, unit, year = row
    return Baseline(_number(value), _maybe(unit), None if year is None else _int(year))


def _numbers(column: list[Any]) -> list[Decimal | None]:
    _all(column, str, type(None))
    return [None if value is None else Decimal(value) for value in column]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a number is kept as text")
    return Decimal(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("text expected")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("a whole number expected")
    return value


def _maybe(value: object) -> str | None:
    return None if value is None else _str(value)


def _strs(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError("a list expected")
    return tuple(_str(item) for item in value)


def _relative(path: str, directory: Path) -> str:
    """``path`` relative to ``directory`` (the target files are directly in it)."""
    return Path(path).name if Path(path).parent == directory else os.path.relpath(path, directory)


# -- files -----------------------------------------------------------------------------


def _read(path: Path) -> Any:
    """The JSON value of a trusted entry, or ``None``; the caller checks its shape."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno()), directory=False):
                return None
            value = json.loads(handle.read())
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return value
    except Exception:  # truncated, another format, not JSON
        return None


def _write(folder: Path, name: str, entry: object) -> None:
    """Write ``entry`` as ``name`` through a temporary file, then prune old entries."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, prefix=".", suffix=".tmp", encoding="utf-8"
        ) as handle:
            temporary = handle.name
            json.dump(entry, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, folder / name)
        temporary = None
        _prune(folder)
    except Exception:  # a read-only or full disk: the next run loads afresh
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP_ENTRIES` most recently used entries of each kind."""
    for kind in ("units-", ""):
        entries = sorted(
            (p for p in _entries(folder) if p.name.startswith("units-") == bool(kind)),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[KEEP_ENTRIES:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _entries(folder: Path) -> Iterator[Path]:
    for path in folder.iterdir():
        if path.suffix == _SUFFIX and not path.name.startswith(".") and path.is_file():
            yield path
