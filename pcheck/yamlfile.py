"""Safe YAML reading: a document into plain values, with the position of each.

The YAML is composed into nodes and walked here; nothing is ever constructed from
a tag. Numbers keep their exact written value (as :class:`~decimal.Decimal` or
``int``); anchors and aliases are refused where they stand, so no document can
expand into more than it holds; duplicate keys are errors; nesting is limited.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck.errors import TargetFileError, ValueParseError
from pcheck.model import Location, Problem
from pcheck.units import parse_number

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32

Key = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDocument:
    """A document's data and where each part of it was written (1-based)."""

    path: str
    data: Any
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def where(self, key: Key) -> Location:
        """The location of the value at ``key``, or of its nearest parent."""
        while key and key not in self.positions:
            key = key[:-1]
        line, column = self.positions.get(key, (1, 1))
        return Location(self.path, line, column)

    def where_key(self, key: Key) -> Location:
        """The location of the key of the value at ``key``."""
        if key in self.key_positions:
            line, column = self.key_positions[key]
            return Location(self.path, line, column)
        return self.where(key)


def read_yaml(path: Path) -> YamlDocument:
    """Read and walk one YAML file; :class:`TargetFileError` says all that is wrong."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TargetFileError.at(
            Location(name), f"cannot read file: {exc.strerror or exc}"
        ) from None
    if len(raw) > MAX_BYTES:
        raise TargetFileError.at(Location(name), f"file is larger than {MAX_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TargetFileError.at(
            Location(name), f"not UTF-8 (byte {exc.start}): save the file as UTF-8"
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Walk the YAML in ``text``; ``path`` names it in messages."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    loader = YAML(typ="safe", pure=True)
    try:
        root = loader.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise TargetFileError.at(location, f"YAML syntax: {message}", "yaml-syntax") from None
    except (YAMLError, RecursionError) as exc:
        message = "nesting is too deep" if isinstance(exc, RecursionError) else str(exc)
        raise TargetFileError.at(Location(path), f"YAML: {message}", "yaml-syntax") from None
    document = YamlDocument(path, None)
    if root is None:
        return document
    walker = _Walker(document)
    document.data = walker.walk(root, (), 0)
    if walker.problems:
        raise TargetFileError(walker.problems)
    return document


class _Walker:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def error(self, node: Any, message: str, code: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(Location(self.document.path, mark.line + 1, mark.column + 1), message, code)
        )

    def walk(self, node: Any, key: Key, depth: int) -> Any:
        mark = node.start_mark
        self.document.positions[key] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:
            # An alias yields the anchored node again, already refused below;
            # stopping here keeps the walk linear in the size of the text.
            return None
        if getattr(node, "anchor", None):
            self.seen.add(id(node))
            self.error(node, "anchors and aliases are not allowed", "yaml-alias")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.error(node, f"nesting deeper than {MAX_DEPTH} levels", "yaml-depth")
            return None
        tag = str(node.tag)
        if tag == f"{_YAML}map":
            return self.mapping(node, key, depth)
        if tag == f"{_YAML}seq":
            return [self.walk(item, (*key, i), depth + 1) for i, item in enumerate(node.value)]
        if tag in _SCALAR_TAGS:
            return self.scalar(node, tag)
        self.error(node, f"tag {tag!r} is not allowed", "yaml-tag")
        return None

    def mapping(self, node: Any, key: Key, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if str(key_node.tag) not in _SCALAR_TAGS or getattr(key_node, "anchor", None):
                self.error(key_node, "a key must be a plain word", "yaml-key")
                continue
            name = str(key_node.value)
            mark = key_node.start_mark
            self.document.key_positions[(*key, name)] = (mark.line + 1, mark.column + 1)
            if name in result:
                self.error(key_node, f"duplicate key {name!r}", "yaml-duplicate-key")
                continue
            result[name] = self.walk(value_node, (*key, name), depth + 1)
        return result

    def scalar(self, node: Any, tag: str) -> Any:
        text = node.value
        if tag == f"{_YAML}int":
            try:
                return int(parse_number(text))
            except (ValueParseError, ValueError):
                self.error(node, f"{text!r} is not a plain whole number", "yaml-number")
                return None
        if tag == f"{_YAML}float":
            try:
                return parse_number(text)
            except ValueParseError as exc:
                self.error(node, str(exc), "yaml-number")
                return None
        if tag == f"{_YAML}bool":
            return text.lower() in ("true", "yes", "on")
        if tag == f"{_YAML}null":
            return None
        return str(text)


def is_number(value: Any) -> bool:
    """True for a number read from YAML (and not a boolean)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


class Fields:
    """Typed access to the values of a document, collecting a problem for each
    value of the wrong kind instead of stopping at the first."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def error(self, key: Key, message: str, code: str = "schema") -> None:
        """Record a problem with the value at ``key``."""
        self.problems.append(Problem(self.document.where(key), message, code))

    def known_keys(self, data: dict[str, Any], key: Key, allowed: Collection[str]) -> None:
        """Report every key of ``data`` not in ``allowed``, with the nearest allowed one."""
        for name in data:
            if name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                location = self.document.where_key((*key, name))
                self.problems.append(
                    Problem(location, f"unknown key {name!r}{hint}", "unknown-key")
                )

    def mapping(self, data: Any, key: Key, what: str) -> dict[str, Any] | None:
        """``data`` if it is a mapping, else a problem and ``None``."""
        if isinstance(data, dict):
            return data
        self.error(key, f"{what} must be a mapping of keys to values")
        return None

    def sequence(self, data: dict[str, Any], key: Key, name: str) -> list[Any]:
        """The list at ``data[name]``, or an empty list and a problem."""
        value = data.get(name)
        if isinstance(value, list):
            return value
        self.error(
            (*key, name), f"{name!r} must be a list" if name in data else f"{name!r} is missing"
        )
        return []

    def text(
        self, data: dict[str, Any], key: Key, name: str, *, required: bool = True
    ) -> str | None:
        """The non-empty string at ``data[name]``; ``None`` (and maybe a problem) if not."""
        value = data.get(name)
        if value is None:
            if required:
                self.error((*key, name) if name in data else key, f"{name!r} is missing")
            return None
        if is_number(value):
            return str(value)  # codes and dates may be written unquoted
        if not isinstance(value, str) or not value.strip():
            self.error((*key, name), f"{name!r} must be a non-empty string")
            return None
        return value.strip()

    def texts(self, data: dict[str, Any], key: Key, name: str) -> tuple[str, ...]:
        """A list of strings at ``data[name]`` (a single string counts as a list of one)."""
        value = data.get(name)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) and item.strip() for item in items):
            self.error((*key, name), f"{name!r} must be a string or a list of strings")
            return ()
        return tuple(item.strip() for item in items)

    def number(
        self, data: dict[str, Any], key: Key, name: str, *, required: bool = True
    ) -> Decimal | None:
        """The number at ``data[name]`` as a Decimal; ``None`` (and maybe a problem) if not."""
        value = data.get(name)
        if value is None:
            if required:
                self.error((*key, name) if name in data else key, f"{name!r} is missing")
            return None
        if not is_number(value):
            self.error((*key, name), f"{name!r} must be a number, not {value!r}")
            return None
        return Decimal(value)

    def choice(
        self, data: dict[str, Any], key: Key, name: str, choices: Collection[str], default: str
    ) -> str:
        """One of ``choices`` at ``data[name]``, ``default`` if absent."""
        value = data.get(name, default)
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            self.error((*key, name), f"{name!r} must be one of {listed}, not {value!r}")
            return default
        return str(value)
