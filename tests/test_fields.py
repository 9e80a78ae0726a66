"""The table of target-file fields, and the JSON Schema made from it."""

import re
from decimal import Decimal

import jsonschema
import pytest

from pcheck.fields import BASELINE, DOCUMENT, FILE, TARGET, json_schema
from pcheck.operators import OPERATORS


def test_each_part_lists_its_keys_and_the_required_ones() -> None:
    assert FILE.names == ("document", "region", "year", "targets")
    assert FILE.required == FILE.names
    assert DOCUMENT.required == ("title", "issuer", "date", "source")
    assert TARGET.required == ("id", "metric", "op", "unit", "quote")
    assert TARGET.one_of == ("value", "reference")
    assert BASELINE.names == ("value", "unit", "year")
    assert TARGET["band"].name == "band"
    with pytest.raises(KeyError):
        TARGET["vlaue"]


def test_choices_come_from_the_operator_registry_and_the_enums() -> None:
    assert TARGET["op"].choices == tuple(op.value for op in OPERATORS)
    assert (TARGET["basis"].choices, TARGET["basis"].default) == (("value", "growth"), "value")
    assert (TARGET["tier"].choices, TARGET["tier"].default) == (("base", "stretch"), "base")


def test_bounds_and_patterns() -> None:
    year, band, tolerance = FILE["year"], TARGET["band"], TARGET["tolerance"]
    assert year.admits(1949) and year.admits(2100)
    assert not year.admits(1948) and not year.admits(2101)
    assert band.admits(0) and band.admits(Decimal("0.99"))
    assert not band.admits(1) and not band.admits(Decimal("-0.1"))
    assert tolerance.admits(0) and tolerance.admits(1000) and not tolerance.admits(-1)
    assert TARGET["id"].matches("zj-2024.rd_intensity")
    assert not TARGET["id"].matches("Bad Id") and not TARGET["id"].matches("-a")
    assert TARGET["quote"].matches("any words at all")


def test_the_schema_follows_the_table() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == list(FILE.required)
    assert list(schema["$defs"]) == ["document", "target", "baseline", "milestone"]
    target = schema["$defs"]["target"]
    assert list(target["properties"]) == list(TARGET.names)
    assert target["required"] == list(TARGET.required)
    assert target["properties"]["op"]["enum"] == list(TARGET["op"].choices)
    assert target["properties"]["band"] == {
        "description": TARGET["band"].description,
        "type": "number",
        "minimum": 0,
        "exclusiveMaximum": 1,
    }
    assert all(f.description for part in (FILE, DOCUMENT, TARGET, BASELINE) for f in part.fields)


def test_the_schema_takes_the_fractions_the_reader_takes() -> None:
    value = json_schema()["$defs"]["target"]["properties"]["value"]["oneOf"]
    pattern = next(shape["pattern"] for shape in value if shape.get("type") == "string")
    for text in ("100/3", " 1.5 / 2 ", "100 /3"):
        assert re.search(pattern, text), text
    for text in ("1/", "a/3", "1/3/4", "one third"):
        assert not re.search(pattern, text), text
