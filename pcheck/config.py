"""The project's configuration: ``pcheck.toml``, or ``[tool.pcheck]`` in
``pyproject.toml``, in the working folder or the nearest folder above it (not
beyond the root of a repository).

```toml
[tool.pcheck]
targets = "targets"        # the folder of target files
format = "table"           # the default report format of evaluate
lang = "zh"                # the language of reports and messages: zh or en

[tool.pcheck.columns]      # a header pcheck does not know → what the column holds
"省份" = "region"
"R&D投入强度" = "metric:rd_intensity"   # a column of figures of a metric
"2024年报" = "period:2024"              # a column of figures of a period
"序号" = "skip"

[tool.pcheck.data]         # what holds for every row where a table does not say
region = "浙江省"
period = "2024"
layout = "periods in columns"   # long | metrics in columns | periods in columns
```

Every key is checked: an unknown key or a value of the wrong kind is an error at
the file, never ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pcheck.errors import PcheckError
from pcheck.layout import ROLES, Kind, Settings
from pcheck.model import Location, Message

CONFIG_FILE = "pcheck.toml"
PYPROJECT = "pyproject.toml"
FORMATS = ("table", "json", "csv", "markdown", "junit", "github", "html")
LANGUAGES = ("zh", "en")
_KEYS = ("targets", "format", "lang", "columns", "data")
_DATA_KEYS = ("region", "metric", "period", "unit", "layout")


@dataclass(frozen=True, slots=True)
class Config:
    """What the configuration file says; ``path`` is the file, ``folder`` the one it is in."""

    path: Path
    targets: Path | None = None
    format: str | None = None
    lang: str | None = None
    tables: Settings = field(default_factory=Settings)

    @property
    def folder(self) -> Path:
        return self.path.parent


def language(chosen: str | None, config: Config | None, environ: Mapping[str, str]) -> str:
    """The language pcheck writes in: the one ``chosen`` (``--lang``, or PCHECK_LANG),
    else the configuration's ``lang``, else the locale's (see
    :func:`pcheck.messages.language_of`)."""
    if chosen:
        return chosen
    if config is not None and config.lang:
        return config.lang
    from pcheck.messages import language_of

    return language_of({k: v for k, v in environ.items() if k != "PCHECK_LANG"})


def find_config(start: Path) -> Config | None:
    """The configuration of the project ``start`` is in, if it has one: the first
    ``pcheck.toml`` or ``pyproject.toml`` with ``[tool.pcheck]`` from ``start``
    upwards, stopping at a repository's root (a folder with ``.git``)."""
    for folder in (start, *start.parents):
        found = read_config(folder)
        if found is not None:
            return found
        if (folder / ".git").exists():
            return None
    return None


def read_config(folder: Path) -> Config | None:
    """The configuration in ``folder``, if it has one; :class:`PcheckError` if it is wrong."""
    for name, table in ((CONFIG_FILE, ()), (PYPROJECT, ("tool", "pcheck"))):
        path = folder / name
        if not path.is_file():
            continue
        import tomllib  # only where there is a file to read: it costs 10 ms to import

        try:
            data: object = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise _error(path, Message.of("config.unreadable", reason=str(exc))) from None
        for key in table:
            data = data.get(key) if isinstance(data, dict) else None
        if not isinstance(data, dict):
            continue
        return _config(path, data)
    return None


def _error(path: Path, message: Message) -> PcheckError:
    return PcheckError.at(Location(str(path)), message)


def _config(path: Path, data: Mapping[str, object]) -> Config:
    for key in data:
        if key not in _KEYS:
            raise _error(path, Message.of("config.key", key=key, known=", ".join(_KEYS)))
    targets = data.get("targets")
    if targets is not None and (not isinstance(targets, str) or not targets):
        raise _error(path, Message.of("config.targets", name=path.name))
    fmt = _choice(path, data, "format", FORMATS)
    lang = _choice(path, data, "lang", LANGUAGES)
    columns = _strings(path, data.get("columns", {}), "columns")
    for header, role in columns.items():
        kind, _, value = role.partition(":")
        if role not in ROLES and not (kind in ("metric", "period") and value):
            known = ", ".join((*ROLES, "metric:NAME", "period:TEXT"))
            message = Message.of("config.column", column=header, role=role, known=known)
            raise _error(path, message)
    fixed = _strings(path, data.get("data", {}), "data")
    for key in fixed:
        if key not in _DATA_KEYS:
            known = ", ".join(_DATA_KEYS)
            raise _error(path, Message.of("config.key", key=f"data.{key}", known=known))
    layout = None
    if "layout" in fixed:
        kinds = {kind.value: kind for kind in Kind}
        layout = kinds.get(fixed.pop("layout"))
        if layout is None:
            message = Message.of("config.choice", key="data.layout", known=", ".join(kinds))
            raise _error(path, message)
    return Config(
        path,
        path.parent / targets if isinstance(targets, str) else None,
        fmt,
        lang,
        Settings(columns, fixed, layout),
    )


def _choice(path: Path, data: Mapping[str, object], key: str, known: tuple[str, ...]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in known:
        raise _error(path, Message.of("config.choice", key=key, known=", ".join(known)))
    assert isinstance(value, str)
    return value


def _strings(path: Path, value: object, key: str) -> dict[str, str]:
    """A table of texts (``[tool.pcheck.columns]``)."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _error(path, Message.of("config.table", key=key))
    return dict(value)
