"""The message catalogs: every id the code uses is worded, in every language alike."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcheck.layout import _DELIMITERS
from pcheck.messages import CATALOGS, catalog, help_text, language_of, line, placeholders, text
from pcheck.model import Location, Message, Method, Op, Outlook, Problem, Severity, Status, Tier
from pcheck.operators import OPERATORS
from pcheck.render.markdown import HEADS as MARKDOWN_HEADS

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
    "markdown.": {*MARKDOWN_HEADS, "where", "error"},  # render.markdown's heads
    "list.head.": {  # render.table's listings
        "id",
        "region",
        "year",
        "target",
        "goal",
        "code",
        "name",
        "short",
        "in",
        "also",
        "ended",
        "now-in",
        "unit",
        "kind",
    },
    "tier.": {tier.value for tier in Tier},
    "show.": {  # render.target labels its lines
        "name",
        "metric",
        "region",
        "year",
        "goal",
        "path",
        "tier",
        "quote",
        "document",
        "issued",
        "source",
        "note",
        "defined",
    },
}


def _help_ids() -> set[str]:
    """The help texts the command line names (``help.*``, worded when help is shown)."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"help\.[a-z][a-z0-9.-]*", node.value)
    }


HELP = _help_ids()
USED = LITERAL | HELP | {prefix + name for prefix, names in EXPANSIONS.items() for name in names}


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


_VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.builds(Message.of, st.sampled_from(["separator.tabs", "region.no-parent", "op.GE"])),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(catalog("en"))), st.data())
def test_every_message_formats_in_every_language_whatever_its_values(
    message_id: str, data: st.DataObject
) -> None:
    names = placeholders(catalog("en")[message_id])
    params = {name: data.draw(_VALUES, label=name) for name in sorted(names)}
    message = Message.of(message_id, **params)
    for language in CATALOGS:
        worded = text(message, language)
        assert isinstance(worded, str)
        for value in params.values():
            if isinstance(value, str) and value.isalnum() and len(value) > 3:
                assert value in worded or repr(value)[1:-1] in worded


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"PCHECK_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"PCHECK_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        ({"PCHECK_LANG": "xx", "LANG": "zh_CN.UTF-8"}, "zh"),  # not a language: the locale
        ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}, "zh"),
        ({"LC_ALL": "", "LC_MESSAGES": "zh_SG", "LANG": "en_US"}, "zh"),  # empty is unset
        ({"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # the first one set decides
        ({"LANG": "zh"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_environment_language(environ: dict[str, str], expected: str) -> None:
    assert language_of(environ) == expected


def test_the_chinese_statuses_and_words_of_the_bureaux() -> None:
    zh = catalog("zh")
    assert [zh[f"status.{s.value}"] for s in Status] == ["通过", "有风险", "未达标", "无数据"]
    assert zh["op.GE"] == "不低于"
    assert zh["outlook.behind"] == "滞后于预期"
    pace = Message.of(
        "reason.pace", actual="58项", period="2024H1", progress="58%", goal="100项",
        elapsed="50%", pace="1.16",
    )  # fmt: skip
    assert "序时进度 1.16" in text(pace, "zh")


def test_catalogs_import_nothing_of_pcheck() -> None:
    # Help is worded at start-up from the catalog modules alone.
    for module in CATALOGS.values():
        tree = ast.parse(Path(importlib.import_module(module).__file__ or "").read_text("utf-8"))
        imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        assert [name for name in imported if name and name.startswith("pcheck")] == []
    assert help_text("help.usage", "zh") == "用法："


def test_a_problem_line_keeps_severity_and_code_in_english() -> None:
    problem = Problem(
        Location("d.csv", 4, "value"), Message.of("number.invalid", text="abc"), "number",
        Severity.ERROR,
    )  # fmt: skip
    assert line(problem, "zh") == "d.csv:4:value: error[number]: 'abc' 不是数字"
