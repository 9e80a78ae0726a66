"""The message catalogs: every id the code uses is worded, in every language alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pcheck.layout import _DELIMITERS
from pcheck.messages import CATALOGS, catalog, line, placeholders, text
from pcheck.model import Location, Message, Method, Op, Outlook, Problem, Severity, Status
from pcheck.operators import OPERATORS

PACKAGE = Path(__file__).resolve().parent.parent / "pcheck"


def _is_message_call(node: ast.Call) -> bool:
    """``Message(...)`` or ``Message.of(...)``."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "Message"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "of"
        and isinstance(func.value, ast.Name)
        and func.value.id == "Message"
    )


def _ids_in_source() -> tuple[set[str], set[str], list[str]]:
    """Literal ids, the fixed prefixes of f-string ids, and calls with any other id."""
    literal: set[str] = set()
    families: set[str] = set()
    other: list[str] = []

    def collect(node: ast.expr, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literal.add(node.value)
        elif isinstance(node, ast.IfExp):  # "a.id" if ... else "b.id"
            collect(node.body, where)
            collect(node.orelse, where)
        elif (
            isinstance(node, ast.JoinedStr)
            and len(node.values) == 2
            and isinstance(node.values[0], ast.Constant)
        ):
            families.add(str(node.values[0].value))  # f"prefix.{name}"
        else:
            other.append(where)

    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_message_call(node) and node.args:
                collect(node.args[0], f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return literal, families, other


LITERAL, FAMILIES, OTHER = _ids_in_source()

# Each family of ids built in an f-string, expanded from what it is built from.
EXPANSIONS: dict[str, set[str]] = {
    # figures.reason: a result with data has one of the three verdicts (a result
    # without data returns its ``missing`` reason before this id is built).
    "reason.": {status.value for status in Status if status is not Status.NO_DATA},
    "op.": {op.name for op in OPERATORS},
    "status.": {status.value for status in Status},
    "separator.": {label for _, label in _DELIMITERS},
    "method.": {method.value for method in Method},
    "outlook.": {outlook.value for outlook in Outlook},
}
USED = LITERAL | {prefix + name for prefix, names in EXPANSIONS.items() for name in names}


def test_the_source_is_searched() -> None:
    # The search finds the ids it should: a few known from several modules.
    assert {"data.empty", "header.missing", "reason.pace", "goal.between"} <= LITERAL
    assert len(LITERAL) > 100


def test_every_message_id_is_a_literal_or_a_known_family() -> None:
    assert OTHER == []
    assert set(EXPANSIONS) == FAMILIES


@pytest.mark.parametrize("language", list(CATALOGS))
def test_every_id_used_is_worded(language: str) -> None:
    assert sorted(USED - set(catalog(language))) == []


@pytest.mark.parametrize("language", list(CATALOGS))
def test_every_id_worded_is_used(language: str) -> None:
    # A wording nothing asks for is dead, or its id is misspelt where it is used.
    assert sorted(set(catalog(language)) - USED) == []


def test_status_and_operator_words_are_complete() -> None:
    for language in CATALOGS:
        templates = catalog(language)
        assert all(f"status.{status.value}" in templates for status in Status)
        assert all(f"op.{op.name}" in templates for op in Op)


def test_catalogs_have_the_same_ids_and_placeholders() -> None:
    reference = catalog("en")
    for language in CATALOGS:
        templates = catalog(language)
        assert set(templates) == set(reference), language
        for message_id, template in templates.items():
            assert placeholders(template) == placeholders(reference[message_id]), message_id


@pytest.mark.parametrize("language", list(CATALOGS))
def test_every_template_formats_with_its_own_placeholders(language: str) -> None:
    for message_id, template in catalog(language).items():
        names = placeholders(template)
        worded = text(Message.of(message_id, **{name: "x" for name in names}), language)
        assert "x" in worded or not names, message_id


def test_placeholders() -> None:
    assert placeholders("{a} and {b!r} of {a}") == {"a", "b"}
    assert placeholders("no fields, {{not one}}") == set()


def test_text_without_parameters() -> None:
    assert text(Message.of("data.empty")) == "the file is empty"
    assert text(Message.of("value.year")) == "'year' must be a year"


def test_text_with_parameters() -> None:
    message = Message.of("unit.unknown", unit="亿")
    assert text(message) == "unknown unit '亿'"


def test_text_words_nested_messages() -> None:
    # A goal inside a reference goal inside a growth goal, with an operator word inside.
    goal = Message.of(
        "goal.growth",
        goal=Message.of(
            "goal.reference",
            goal=Message.of("goal.value", op=Message("op.GT"), value="10%"),
            reference="rd_expenditure",
        ),
    )
    assert text(goal) == "growth over 10% (rd_expenditure)"


def test_text_words_a_nested_message_without_parameters() -> None:
    message = Message.of("header.delimiter", separator=Message.of("separator.tabs"))
    assert text(message) == "the columns are separated by tabs; CSV needs commas"


def test_text_keeps_other_parameters_as_they_are() -> None:
    # Only a Message is worded; a tuple that merely looks like one is a value.
    assert text(Message.of("key.missing", key=("a", "b"))) == "('a', 'b') is missing"


def test_line() -> None:
    problem = Problem(
        Location("d.csv", 4, "value"),
        Message.of("number.invalid", text="abc"),
        "number",
        Severity.WARNING,
    )
    assert line(problem) == "d.csv:4:value: warning[number]: 'abc' is not a number"


def test_an_unknown_id_is_an_error() -> None:
    with pytest.raises(KeyError):
        text(Message.of("no.such-id"))
