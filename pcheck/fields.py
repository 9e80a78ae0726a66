"""The fields of a target file, written down once.

A target file has five parts: the file itself, its ``document``, each of its
targets, a target's ``baseline`` and each of its ``milestones``. :data:`FILE`,
:data:`DOCUMENT`, :data:`TARGET`, :data:`BASELINE` and :data:`MILESTONE` list their
fields: name, whether required, kind, choices, pattern, bounds and a one-line
description.

The reader (:mod:`pcheck.targets`) takes from this table which keys a part allows,
which it requires and how each simple field is checked; :func:`json_schema` makes
from it the JSON Schema that editors check files with as they are typed
(``pcheck/schema/targets.schema.json``). Adding a field is one entry here. After a
change, rewrite the shipped schema with
``PCHECK_UPDATE_SCHEMA=1 python -m pytest tests/test_schema.py`` and review the diff.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcheck.model import Basis, Method, Tier
from pcheck.operators import OPERATORS
from pcheck.periods import MAX_YEAR, MIN_YEAR

SCHEMA_PATH = Path(__file__).parent / "schema" / "targets.schema.json"

# A share such as 全省1/3以上 is written as a fraction of 100%: ``value: 100/3``.
FRACTION = r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)"


class FieldKind(enum.Enum):
    """What a field holds."""

    TEXT = "text"  # a string that is not blank
    TEXT_OR_INTEGER = "text or integer"  # a string, or a whole number written unquoted
    TEXTS = "texts"  # one string, or a list of at least two
    NUMBER = "number"
    YEAR = "year"
    CHOICE = "choice"  # one of a few words
    VALUE = "value"  # a number, a fraction such as "100/3", or [low, high]
    MAPPING = "mapping"  # the fields of another part
    LIST = "list"  # a list of mappings of another part's fields


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a part. ``below`` is an upper bound the value must stay under;
    ``pattern`` a regular expression the whole text matches; ``part`` the part a
    mapping or each item of a list holds."""

    name: str
    kind: FieldKind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    below: int | None = None
    part: Part | None = None

    def matches(self, text: str) -> bool:
        """Whether ``text`` is written as the field's pattern asks."""
        return self.pattern is None or re.fullmatch(self.pattern, text) is not None

    def admits(self, number: Decimal | int) -> bool:
        """Whether ``number`` lies within the field's bounds."""
        return (
            (self.minimum is None or number >= self.minimum)
            and (self.maximum is None or number <= self.maximum)
            and (self.below is None or number < self.below)
        )


@dataclass(frozen=True, slots=True)
class Part:
    """A mapping of a target file and its fields, in the order they are checked and
    listed. ``one_of`` names fields of which exactly one is given, ``any_of`` fields
    of which at least one is, ``together`` fields given all or none."""

    name: str
    description: str
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    together: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The keys the part allows."""
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys the part requires."""
        return tuple(f.name for f in self.fields if f.required)

    def __getitem__(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


_REGION = "GB/T 2260 code, name or alias of a region in the catalog"
_TEXT = FieldKind.TEXT
_NUMBER = FieldKind.NUMBER

BASELINE = Part(
    "baseline",
    "Where the goal starts from: for growth, the figure of the year before when the "
    "data has none; with a year before the goal's, the start of a goal due years ahead.",
    (
        Field("value", _NUMBER, "the figure; left out, the data's figure for the year"),
        Field("unit", _TEXT, "its unit, convertible to the metric's (with value)"),
        Field(
            "year",
            FieldKind.YEAR,
            "the year it is for; before the goal's year, the goal is due years ahead",
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
    ),
    any_of=("value", "year"),
    together=("value", "unit"),
)

MILESTONE = Part(
    "milestone",
    "A value the plan sets for a year on the way to the goal.",
    (
        Field(
            "year",
            FieldKind.YEAR,
            "the year, after the baseline's and before the goal's",
            required=True,
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field("value", _NUMBER, "the value due that year, in the target's unit", required=True),
    ),
)

TARGET = Part(
    "target",
    "One quantitative goal of the document.",
    (
        Field(
            "id",
            _TEXT,
            "stable, unique id: a-z, 0-9, . _ -",
            required=True,
            pattern=r"[a-z0-9][a-z0-9._-]*",
        ),
        Field(
            "metric",
            FieldKind.TEXTS,
            "catalog metric (id, name or alias), or a list of two or more for their sum",
            required=True,
        ),
        Field("name", _TEXT, "name of the goal; by default the metric's"),
        Field("name_en", _TEXT, "English name of the goal; by default the metric's"),
        Field("region", FieldKind.TEXT_OR_INTEGER, f"{_REGION}, when not the file's"),
        Field(
            "year",
            FieldKind.YEAR,
            "the year of the goal, when not the file's",
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field(
            "op",
            FieldKind.CHOICE,
            "how the actual compares with the value",
            required=True,
            choices=tuple(op.value for op in OPERATORS),
        ),
        Field(
            "value",
            FieldKind.VALUE,
            'the threshold: a number, a share of 100% such as "100/3", or [low, high]',
        ),
        Field("unit", _TEXT, "unit of the value", required=True),
        Field(
            "basis",
            FieldKind.CHOICE,
            "value: the figure itself; growth: its growth on the year before",
            choices=tuple(b.value for b in Basis),
            default=Basis.VALUE.value,
        ),
        Field(
            "baseline",
            FieldKind.MAPPING,
            "for growth: the figure of the year before; of an earlier year: where a goal "
            "due years ahead starts (由2022年的3.0%…, 年均增长 from then)",
            part=BASELINE,
        ),
        Field(
            "milestones",
            FieldKind.LIST,
            "values the plan sets for years on the way (with a baseline)",
            part=MILESTONE,
        ),
        Field(
            "accumulated_from",
            FieldKind.YEAR,
            "an amount accumulated over years (2023—2027年累计): the first year summed",
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field(
            "each_year_from",
            FieldKind.YEAR,
            "the same goal every year (每年…) from this year to the goal's year",
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field(
            "method",
            FieldKind.CHOICE,
            "how the path of a goal due years ahead is drawn: linear (default for levels, "
            "ratios and sums over years) or growth (a constant rate; default for amounts)",
            choices=tuple(m.value for m in Method),
        ),
        Field("reference", _TEXT, "instead of a value: the metric whose figure is the threshold"),
        Field(
            "tier",
            FieldKind.CHOICE,
            "base, or stretch for a goal the document strives for (力争, 冲刺)",
            choices=tuple(t.value for t in Tier),
            default=Tier.BASE.value,
        ),
        Field("stretch", _NUMBER, "a further value the document strives for"),
        Field("tolerance", _NUMBER, "for approx: how far from the value still counts", minimum=0),
        Field(
            "band",
            _NUMBER,
            "the at-risk band, a share of the threshold such as 0.1",
            minimum=0,
            below=1,
        ),
        Field("quote", _TEXT, "the words of the document that state the goal", required=True),
        Field("note", _TEXT, "how the goal was read"),
    ),
    one_of=("value", "reference"),
)

DOCUMENT = Part(
    "document",
    "The published document the goals are quoted from.",
    (
        Field("title", _TEXT, "title of the document", required=True),
        Field("issuer", _TEXT, "who issued it", required=True),
        Field("date", FieldKind.TEXT_OR_INTEGER, "ISO date, or the year alone", required=True),
        Field("number", _TEXT, "document number, such as 浙科提〔2024〕297号"),
        Field("source", _TEXT, "file name of the source text", required=True),
        Field("url", _TEXT, "where it was published"),
    ),
)

FILE = Part(
    "file",
    "The quantitative goals of one source document. pcheck targets lint checks more "
    "than this schema can: metric and region names, units, duplicate ids.",
    (
        Field("document", FieldKind.MAPPING, "the source document", required=True, part=DOCUMENT),
        Field("region", FieldKind.TEXT_OR_INTEGER, _REGION, required=True),
        Field(
            "year",
            FieldKind.YEAR,
            "the plan year",
            required=True,
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field("targets", FieldKind.LIST, "the goals", required=True, part=TARGET),
    ),
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a target file, made from the table."""
    definitions: dict[str, Any] = {}
    root = _part_schema(FILE, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pcheck target file",
        **root,
        "$defs": definitions,
    }


def json_schema_text() -> str:
    """:func:`json_schema` as the shipped file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _part_schema(part: Part, definitions: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "description": part.description,
        "type": "object",
        "required": list(part.required),
        "additionalProperties": False,
        "properties": {f.name: _field_schema(f, definitions) for f in part.fields},
    }
    if part.one_of:
        schema["oneOf"] = [{"required": [name]} for name in part.one_of]
    if part.any_of:
        schema["anyOf"] = [{"required": [name]} for name in part.any_of]
    if part.together:
        schema["dependentRequired"] = {
            name: [other for other in part.together if other != name] for name in part.together
        }
    return schema


def _field_schema(field: Field, definitions: dict[str, Any]) -> dict[str, Any]:
    if field.part is not None and field.part.name not in definitions:
        definitions[field.part.name] = {}  # keeps the parts in the order they are met
        definitions[field.part.name] = _part_schema(field.part, definitions)
    return {"description": field.description, **_SHAPES[field.kind](field)}


def _text(field: Field) -> dict[str, Any]:
    # A text is read stripped, so it must hold something other than spaces.
    pattern = f"^(?:{field.pattern})$" if field.pattern else r"\S"
    return {"type": "string", "pattern": pattern}


def _text_or_integer(field: Field) -> dict[str, Any]:
    return {**_text(field), "type": ["string", "integer"]}


def _texts(field: Field) -> dict[str, Any]:
    one = _text(field)
    return {"oneOf": [one, {"type": "array", "items": one, "minItems": 2}]}


def _number(field: Field) -> dict[str, Any]:
    bounds = {
        "minimum": field.minimum,
        "maximum": field.maximum,
        "exclusiveMaximum": field.below,
    }
    return {"type": "number", **{k: v for k, v in bounds.items() if v is not None}}


def _year(field: Field) -> dict[str, Any]:
    return {**_number(field), "type": "integer"}


def _choice(field: Field) -> dict[str, Any]:
    shape: dict[str, Any] = {"enum": list(field.choices)}
    if field.default is not None:
        shape["default"] = field.default
    return shape


def _value(field: Field) -> dict[str, Any]:
    number = {"type": "number"}
    fraction = {"type": "string", "pattern": rf"^\s*{FRACTION}\s*$"}
    pair = {"type": "array", "items": number, "minItems": 2, "maxItems": 2}
    return {"oneOf": [number, fraction, pair]}


def _mapping(field: Field) -> dict[str, Any]:
    assert field.part is not None, field.name
    return {"$ref": f"#/$defs/{field.part.name}"}


def _list(field: Field) -> dict[str, Any]:
    return {"type": "array", "items": _mapping(field)}


_SHAPES = {
    FieldKind.TEXT: _text,
    FieldKind.TEXT_OR_INTEGER: _text_or_integer,
    FieldKind.TEXTS: _texts,
    FieldKind.NUMBER: _number,
    FieldKind.YEAR: _year,
    FieldKind.CHOICE: _choice,
    FieldKind.VALUE: _value,
    FieldKind.MAPPING: _mapping,
    FieldKind.LIST: _list,
}
