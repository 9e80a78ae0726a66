"""The shipped JSON Schema for target files, which editors use as people type."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import target_file
from pcheck.targets import default_directory, target_files
from pcheck.yamlfile import parse_yaml, read_yaml

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "pcheck" / "schema" / "targets.schema.json").read_text()
)


def as_json(value: Any) -> Any:
    """Plain JSON values, as an editor's YAML reader would give them."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", target_files(default_directory()), ids=lambda p: p.name)
def test_builtin_targets_pass_the_schema(path: Path) -> None:
    jsonschema.validate(as_json(read_yaml(path).data), SCHEMA)


@pytest.mark.parametrize(
    "entry",
    [
        "- {id: Bad Id, metric: m, op: '>=', value: 1, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '=>', value: 1, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', value: 1, reference: n, unit: 家, quote: q}",
        "- {id: a, metric: m, op: '>=', value: 1, unit: 家, quote: q, vlaue: 2}",
        "- {id: a, metric: m, op: '>=', value: lots, unit: 家, quote: q}",
    ],
)
def test_mistakes_fail_the_schema(entry: str) -> None:
    data = as_json(parse_yaml(target_file(entry), "t.yaml").data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
