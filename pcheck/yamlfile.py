"""Safe YAML reading: a document into plain values, with the position of each.

Values are built here from the parser's events; nothing is ever constructed from
a tag. Numbers keep their exact written value (as :class:`~decimal.Decimal` or
``int``); anchors and aliases are refused where they stand, so no document can
expand into more than it holds; duplicate keys are errors; nesting is limited.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, overload

from pcheck.errors import TargetFileError, ValueParseError
from pcheck.files import NotARegularFile, read_regular
from pcheck.model import Location, Message, Problem
from pcheck.units import parse_number

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32

Key = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"


@dataclass
class YamlDocument:
    """A document's data and where each part of it was written (1-based)."""

    path: str
    data: Any
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What is wrong with values that could still be read around (a number that is
    not exact, a tag, an alias, a duplicate key): the rest of the document is
    checked as usual, and :class:`Fields` reports these first."""

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
    too_large = TargetFileError.at(Location(name), Message.of("file.too-large", limit=MAX_BYTES))
    try:
        raw = read_regular(path, MAX_BYTES)
    except NotARegularFile:
        raise TargetFileError.at(Location(name), Message.of("file.not-a-file")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        raise TargetFileError.at(
            Location(name), Message.of("file.unreadable", reason=reason)
        ) from None
    if raw is None:
        raise too_large
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TargetFileError.at(
            Location(name), Message.of("yaml.not-utf8", byte=exc.start)
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Read the YAML in ``text``; ``path`` names it in messages.

    A syntax error (or nesting too deep) raises :class:`TargetFileError`, since
    nothing after it can be read; problems with single values are kept in the
    document's ``problems``, and the value is kept as written (or ``None``)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    # ruamel.yaml's C parser (ruamel.yaml.clib) when installed, else its Python one.
    # Only its events are used: values are built and typed here.
    events = YAML(typ="safe", pure=False).parse(text)
    builder = _Builder(YamlDocument(path, None))
    try:
        for event in events:
            builder.take(event)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid YAML"
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = Message.of("yaml.syntax", detail=detail)
        syntax = Problem(location, message, "yaml-syntax")
        raise TargetFileError([*builder.problems, syntax]) from None
    except YAMLError as exc:
        message = Message.of("yaml.invalid", detail=str(exc))
        invalid = Problem(Location(path), message, "yaml-syntax")
        raise TargetFileError([*builder.problems, invalid]) from None
    except RecursionError:
        raise TargetFileError(builder.problems) from None
    builder.document.problems = builder.problems
    return builder.document


_NUMBER_LIKE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEANS = {word: True for word in ("true", "True", "TRUE")} | {
    word: False for word in ("false", "False", "FALSE")
}


class _Frame:
    """A mapping or sequence being built, and where it sits."""

    __slots__ = ("key", "pending", "value")

    def __init__(self, value: dict[str, Any] | list[Any], key: Key) -> None:
        self.value = value
        self.key = key
        self.pending: str | None = None  # a mapping's key, waiting for its value


class _Builder:
    """Builds plain values from parser events, refusing what a target file never
    needs: anchors and aliases (where they stand), tags other than the standard
    scalar ones, duplicate keys, keys that are not plain words, deep nesting and
    more than one document."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, event: Any, message: Message, code: str) -> None:
        mark = event.start_mark
        location = Location(self.document.path, mark.line + 1, mark.column + 1)
        self.problems.append(Problem(location, message, code))

    def take(self, event: Any) -> None:
        kind = type(event).__name__
        if getattr(event, "anchor", None):
            self.error(event, Message.of("yaml.alias"), "yaml-alias")
        if kind == "ScalarEvent":
            self.add(event, self.scalar(event))
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            self.start(event, {} if kind == "MappingStartEvent" else [])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            frame = self.stack.pop()
            if not self.stack:
                self.document.data = frame.value
        elif kind == "AliasEvent":
            self.add(event, None)
        elif kind == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                self.error(event, Message.of("yaml.documents"), "yaml-syntax")

    def start(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in (f"{_YAML}map", f"{_YAML}seq"):
            self.error(event, Message.of("yaml.tag", tag=tag), "yaml-tag")
        key = self.add(event, value)
        if len(self.stack) >= MAX_DEPTH:
            self.error(event, Message.of("yaml.depth", limit=MAX_DEPTH), "yaml-depth")
            raise RecursionError  # stop reading: nothing deeper can be right
        self.stack.append(_Frame(value, key if key is not None else ()))

    def add(self, event: Any, value: Any) -> Key | None:
        """Put ``value`` where it belongs; its key path, or ``None`` for a mapping key."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.document.positions[()] = position
            if not isinstance(value, dict | list):
                self.document.data = value
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            key: Key = (*frame.key, len(frame.value))
            frame.value.append(value)
        elif frame.pending is None:
            self.key(event, value, frame, position)
            return None
        else:
            key = (*frame.key, frame.pending)
            frame.value[frame.pending] = value
            frame.pending = None
        self.document.positions[key] = position
        return key

    def key(self, event: Any, value: Any, frame: _Frame, position: tuple[int, int]) -> None:
        if not isinstance(value, str | int | Decimal) or isinstance(value, bool):
            self.error(event, Message.of("yaml.key"), "yaml-key")
            value = f"\0{len(self.problems)}"  # a placeholder no real key can equal
        name = str(value)
        assert isinstance(frame.value, dict)
        if name in frame.value:
            self.error(event, Message.of("yaml.duplicate-key", key=name), "yaml-duplicate-key")
            name = f"\0{len(self.problems)}"
        frame.pending = name
        self.document.key_positions[(*frame.key, name)] = position

    def scalar(self, event: Any) -> Any:
        text, tag = event.value, event.tag
        if tag is None and event.implicit[0]:  # a plain scalar: resolve its type
            if text in _NULLS:
                return None
            if text in _BOOLEANS:
                return _BOOLEANS[text]
            if _NUMBER_LIKE.fullmatch(text):
                return self.number(event, text)
            return text
        if tag is None or tag in (f"{_YAML}str", f"{_YAML}timestamp", "!"):
            return text
        if tag in (f"{_YAML}int", f"{_YAML}float"):
            return self.number(event, text)
        if tag == f"{_YAML}null":
            return None
        if tag == f"{_YAML}bool" and text in _BOOLEANS:
            return _BOOLEANS[text]
        self.error(event, Message.of("yaml.tag", tag=tag), "yaml-tag")
        return None

    def number(self, event: Any, text: str) -> int | Decimal | str | None:
        try:
            number = parse_number(text)
        except ValueParseError as exc:
            self.error(event, exc.message, "yaml-number")
            return text  # as written: checked no further where it stands
        if "." in text:
            return number
        try:
            return int(number)
        except (ValueError, OverflowError):
            self.error(event, Message.of("yaml.whole-number", text=text), "yaml-number")
            return None


def is_number(value: Any) -> bool:
    """True for a number read from YAML (and not a boolean)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


class Fields:
    """Typed access to the values of a document, collecting a problem for each
    value of the wrong kind instead of stopping at the first."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = list(document.problems)
        # Where the YAML reader found a problem already: nothing more is said there.
        self.reported = {(p.location.line, p.location.column) for p in document.problems}

    def add(self, problem: Problem) -> None:
        """Record ``problem``, unless one was found at the same place while reading."""
        if (problem.location.line, problem.location.column) not in self.reported:
            self.problems.append(problem)

    def error(self, key: Key, message: Message, code: str = "schema") -> None:
        """Record a problem with the value at ``key``."""
        self.add(Problem(self.document.where(key), message, code))

    def known_keys(self, data: dict[str, Any], key: Key, allowed: Collection[str]) -> None:
        """Report every key of ``data`` not in ``allowed``, with the nearest allowed one."""
        for name in data:
            if name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1)
                location = self.document.where_key((*key, name))
                message = Message.of("key.unknown", key=name, hint=suggestion(close))
                self.add(Problem(location, message, "unknown-key"))

    def mapping(self, data: Any, key: Key, what: Message) -> dict[str, Any] | None:
        """``data`` if it is a mapping, else a problem and ``None``."""
        if isinstance(data, dict):
            return data
        self.error(key, Message.of("value.mapping", what=what))
        return None

    def sequence(self, data: dict[str, Any], key: Key, name: str) -> list[Any]:
        """The list at ``data[name]``, or an empty list and a problem."""
        value = data.get(name)
        if isinstance(value, list):
            return value
        self.error(
            (*key, name), Message.of("value.list" if name in data else "key.missing", key=name)
        )
        return []

    def text(
        self, data: dict[str, Any], key: Key, name: str, *, required: bool = True
    ) -> str | None:
        """The non-empty string at ``data[name]``; ``None`` (and maybe a problem) if not."""
        value = data.get(name)
        if value is None:
            if required:
                self.error(
                    (*key, name) if name in data else key, Message.of("key.missing", key=name)
                )
            return None
        if is_number(value):
            return str(value)  # codes and dates may be written unquoted
        if not isinstance(value, str) or not value.strip():
            self.error((*key, name), Message.of("value.text", key=name))
            return None
        return value.strip()

    def texts(self, data: dict[str, Any], key: Key, name: str) -> tuple[str, ...]:
        """A list of strings at ``data[name]`` (a single string counts as a list of one)."""
        value = data.get(name)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) and item.strip() for item in items):
            self.error((*key, name), Message.of("value.texts", key=name))
            return ()
        return tuple(item.strip() for item in items)

    def number(
        self, data: dict[str, Any], key: Key, name: str, *, required: bool = True
    ) -> Decimal | None:
        """The number at ``data[name]`` as a Decimal; ``None`` (and maybe a problem) if not."""
        value = data.get(name)
        if value is None:
            if required:
                self.error(
                    (*key, name) if name in data else key, Message.of("key.missing", key=name)
                )
            return None
        if not is_number(value):
            self.error((*key, name), Message.of("value.number", key=name, value=value))
            return None
        return Decimal(value)

    @overload
    def choice(
        self, data: dict[str, Any], key: Key, name: str, choices: Collection[str], default: str
    ) -> str: ...

    @overload
    def choice(
        self, data: dict[str, Any], key: Key, name: str, choices: Collection[str], default: None
    ) -> str | None: ...

    def choice(
        self,
        data: dict[str, Any],
        key: Key,
        name: str,
        choices: Collection[str],
        default: str | None,
    ) -> str | None:
        """One of ``choices`` at ``data[name]``, ``default`` if absent; with no default,
        an absent value is a problem too."""
        value = data.get(name, default)
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            self.error(
                (*key, name), Message.of("value.choice", key=name, choices=listed, value=value)
            )
            return default
        return str(value)


def suggestion(names: Collection[str]) -> Message:
    """``; did you mean 'a', 'b'?`` after a name not found, or nothing."""
    if not names:
        return Message.of("hint.none")
    return Message.of("hint.did-you-mean", names=", ".join(repr(n) for n in names))
