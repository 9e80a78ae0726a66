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

import base64
import contextlib
import gc
import hashlib
import json
import os
import stat
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any

from pcheck import units
from pcheck.catalog import BUILTIN, indexed, read_catalog
from pcheck.errors import TargetFileError
from pcheck.files import read_regular
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
FORMAT = 5
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
        with _collection_paused():
            found = _read(folder / f"{key}{_SUFFIX}")
            if found is not None:
                with contextlib.suppress(Exception):  # any other shape: load afresh
                    return _rebuild(found, directory)
    catalog, loaded = _load(directory, extend_catalog, targets)
    if key is not None:
        _write(folder, f"{key}{_SUFFIX}", _columns(catalog, loaded, directory))
    return catalog, loaded


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while an entry is rebuilt: it makes hundreds of
    thousands of tuples, none in a cycle, and each collection would walk them all
    (half the time of a load). After it, what was made goes straight to the oldest
    generation (frozen and thawed, which moves the collector's lists without walking
    them): it lives as long as the command, and the first young collection would
    otherwise walk all of it once, only to move it there."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():  # another's frozen objects stay as they are
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


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
    files = [(path.name, path) for path in (units.DEFINITIONS, REGIONS_TABLE)]
    files += [(path.name, path) for path in sorted(BUILTIN.glob("*.yaml"))]
    try:
        if targets:
            files += [(path.name, path) for path in target_files(directory)]
        if extend_catalog:
            catalogs = sorted((directory / "catalog").glob("*.yaml"))
            files += [(f"catalog/{path.name}", path) for path in catalogs]
        digest = hashlib.sha256(f"{FORMAT} {extend_catalog} {targets}".encode())
        for module in sorted(_PACKAGE.rglob("*.py")):
            info = module.stat()
            digest.update(f"\0{module.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        for name, path in files:
            digest.update(f"\0{name}\0".encode())
            digest.update(hashlib.sha256(read_regular(path)).digest())
    except Exception:  # missing, unreadable or no regular file: the loader says what is wrong
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
#
# Each column of the targets is kept once per distinct value: ``[values, at]``, where
# ``at`` is ``None`` when every value is distinct (``values`` is the column), a count
# when the column holds one value, else the positions of the rows' values in
# ``values``, as 32-bit little-endian integers in base 64 (JSON lists of numbers parse
# ten times slower). A national directory's 300,000 targets name a few thousand
# regions, files and documents, a hundred metrics and values: each is checked and
# built once, and the rows are put together in C.

_TARGET_FIELDS = (
    "id", "metrics", "region", "year", "op", "value", "unit", "quote", "document",
    "file", "line", "column", "name", "name_en", "reference", "upper", "basis",
    "baseline", "tier", "stretch", "tolerance", "band", "note", "method", "milestones",
    "accumulated_from",
)  # fmt: skip
_POSITION = "I"  # an unsigned 32-bit integer, where array's "I" has four bytes
_make_target = partial(tuple.__new__, Target)
_make_location = partial(tuple.__new__, Location)


def _columns(catalog: Catalog, targets: list[Target], directory: Path) -> dict[str, Any]:
    """Everything needed to rebuild the catalog and the targets, as JSON values.

    Target locations are kept relative to ``directory``, so that a run from
    another folder, naming the directory differently, points at the right file.
    """
    documents: dict[Document, int] = {}
    files: dict[str, str] = {}
    columns: dict[str, list[Any]] = {name: [] for name in _TARGET_FIELDS}
    for t in targets:
        path = t.location.path
        file = files.get(path)
        if file is None:
            file = files[path] = _relative(path, directory)
        row = (
            t.id, tuple(t.metrics), t.region, t.year, t.op.value, _text(t.value), t.unit,
            t.quote, documents.setdefault(t.document, len(documents)),
            file, t.location.line, t.location.column,
            t.name, t.name_en, t.reference, _text(t.upper), t.basis.value,
            (_text(t.baseline.value), t.baseline.unit, t.baseline.year) if t.baseline else None,
            t.tier.value, _text(t.stretch), _text(t.tolerance), _text(t.band), t.note,
            t.method.value if t.method else None,
            tuple((m.year, str(m.value)) for m in t.milestones), t.accumulated_from,
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
        "count": len(targets),
        "targets": {name: _encode(column) for name, column in columns.items()},
    }


def _encode(column: list[Any]) -> list[Any]:
    """A column as its distinct values and where each row's value is among them."""
    distinct: dict[Any, int] = {}
    positions = [distinct.setdefault(value, len(distinct)) for value in column]
    values = list(distinct)
    if len(values) == len(column):
        return [values, None]
    if len(values) == 1:
        return [values, len(column)]
    packed = array(_POSITION, positions)
    if sys.byteorder == "big":
        packed.byteswap()
    return [values, base64.b64encode(packed.tobytes()).decode("ascii")]


class _Column:
    """A column of an entry: its distinct values, read once each, and the rows'."""

    def __init__(self, encoded: object, count: int) -> None:
        if not isinstance(encoded, list) or len(encoded) != 2:
            raise ValueError("a column is [values, positions]")
        self.values, at = encoded
        if not isinstance(self.values, list):
            raise ValueError("a list of values expected")
        self.count = count
        self.at: array[int] | int | None
        if at is None or (isinstance(at, int) and not isinstance(at, bool)):
            self.at = at
        elif isinstance(at, str):
            self.at = array(_POSITION, base64.b64decode(at, validate=True))
            if sys.byteorder == "big":
                self.at.byteswap()
        else:
            raise ValueError("positions expected")

    def rows(self, read: Callable[[Any], Any] | type[str] = str) -> list[Any]:
        """Each row's value, ``read`` once per distinct value (it raises on a value of
        another kind); text, when ``read`` is ``str``, is checked in one pass."""
        values: list[Any]
        if read is str:
            if not set(map(type, self.values)) <= {str}:
                raise ValueError("text expected")
            values = self.values
        else:
            values = [read(value) for value in self.values]
        at = self.at
        if at is None:
            found = values
        elif isinstance(at, int):
            found = values * at if len(values) == 1 else []
        else:
            found = list(map(values.__getitem__, at))
        if len(found) != self.count:
            raise ValueError("a column of another length")
        return found


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
    count = _int(entry["count"])
    targets = _targets(entry["targets"], count, metrics, catalog.regions, documents, directory)
    return catalog, targets


def _targets(
    columns: dict[str, Any],
    count: int,
    metrics: dict[str, Metric],
    regions: Mapping[str, Region],
    documents: list[Document],
    directory: Path,
) -> list[Target]:
    """The targets of an entry, rebuilt a column at a time (a directory may hold
    hundreds of thousands)."""
    c = {name: _Column(columns[name], count) for name in _TARGET_FIELDS}
    text, number, year = str, _number, _int
    paths = c["file"].rows(lambda name: str(directory / _str(name)))
    lines = c["line"].rows(_int)
    places = c["column"].rows(_maybe_int)
    locations = list(
        map(_make_location, zip(paths, lines, places, repeat(None, count), strict=True))
    )
    references = c["reference"].rows(_maybe)
    return list(
        map(
            _make_target,
            zip(
                c["id"].rows(text),
                c["metrics"].rows(_strs),
                c["region"].rows(text),
                c["year"].rows(year),
                c["op"].rows(Op),
                c["value"].rows(number),
                c["unit"].rows(text),
                c["quote"].rows(text),
                c["document"].rows(lambda n: documents[_int(n)]),
                locations,
                c["name"].rows(text),
                c["name_en"].rows(text),
                c["region"].rows(lambda code: regions[_str(code)]),
                c["metrics"].rows(lambda ids: tuple(metrics[m] for m in _strs(ids))),
                [None if r is None else metrics[r] for r in references],
                c["upper"].rows(number),
                c["basis"].rows(Basis),
                c["baseline"].rows(_baseline),
                references,
                c["tier"].rows(Tier),
                c["stretch"].rows(number),
                c["tolerance"].rows(number),
                c["band"].rows(number),
                c["note"].rows(_maybe),
                c["method"].rows(lambda m: None if m is None else Method(m)),
                c["milestones"].rows(_milestones),
                c["accumulated_from"].rows(_maybe_int),
                strict=True,
            ),
        )
    )


def _baseline(row: object) -> Baseline | None:
    if row is None:
        return None
    if not isinstance(row, list) or len(row) != 3:
        raise ValueError("a baseline is [value, unit, year]")
    value, unit, year = row
    return Baseline(_number(value), _maybe(unit), _maybe_int(year))


def _milestones(rows: object) -> tuple[Milestone, ...]:
    if not isinstance(rows, list):
        raise ValueError("a list expected")
    return tuple(Milestone(_int(year), Decimal(_str(value))) for year, value in rows)


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


def _maybe_int(value: object) -> int | None:
    return None if value is None else _int(value)


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
