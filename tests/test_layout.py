"""Reading a table's header: which column holds what, and every problem with it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.layout import COLUMNS, REQUIRED, map_header
from pcheck.messages import text
from pcheck.model import Location, Message, Problem

WHERE = Location("d.csv", 1)


def columns(names: list[str]) -> dict[str, int] | None:
    mapped, problems = map_header(names, WHERE)
    assert (mapped is None) is bool(problems)
    return mapped


def test_english_header() -> None:
    names = ["region", "metric", "period", "value", "unit", "source", "note"]
    assert columns(names) == {name: index for index, name in enumerate(names)}


def test_chinese_header_in_any_order() -> None:
    assert columns(["指标", "数值", "地区", "备注", "期间", "单位", "来源"]) == {
        "metric": 0,
        "value": 1,
        "region": 2,
        "note": 3,
        "period": 4,
        "unit": 5,
        "source": 6,
    }


def test_languages_can_be_mixed() -> None:
    assert columns(["地区", "metric", "期间", "Value"]) == {
        "region": 0,
        "metric": 1,
        "period": 2,
        "value": 3,
    }


def test_optional_columns_may_be_left_out() -> None:
    assert columns(["region", "metric", "period", "value"]) == {
        "region": 0,
        "metric": 1,
        "period": 2,
        "value": 3,
    }


def test_case_byte_order_mark_and_spaces_are_ignored() -> None:
    assert columns(["\ufeffREGION", " Metric ", "period\t", "  VaLuE"]) == {
        "region": 0,
        "metric": 1,
        "period": 2,
        "value": 3,
    }


spaces = st.text(alphabet=" \t", max_size=3)
recase = st.sampled_from([str.lower, str.upper, str.title, str.swapcase])


@given(
    order=st.permutations(list(COLUMNS)),
    language=st.lists(st.integers(0, 1), min_size=len(COLUMNS), max_size=len(COLUMNS)),
    case=recase,
    bom=st.booleans(),
    before=spaces,
    after=spaces,
)
def test_any_spelling_of_the_known_names(
    order: list[str],
    language: list[int],
    case: Callable[[str], str],
    bom: bool,
    before: str,
    after: str,
) -> None:
    names = [
        before + case(COLUMNS[column][chosen]) + after
        for column, chosen in zip(order, language, strict=True)
    ]
    if bom:
        names[0] = "\ufeff" + names[0]  # a BOM is the first character of the file
    assert columns(names) == {name: index for index, name in enumerate(order)}


def test_spaces_after_a_byte_order_mark_are_ignored() -> None:
    assert columns(["\ufeff region", "metric", "period", "value"]) == {
        "region": 0,
        "metric": 1,
        "period": 2,
        "value": 3,
    }


def test_every_problem_is_reported_at_once_with_its_place() -> None:
    where = Location("d.csv", 3, sheet="2024")
    mapped, problems = map_header(["地区", "Metric", "year", "region", " amount "], where)
    assert mapped is None
    known = ", ".join(COLUMNS)
    assert problems == [
        Problem(
            Location("d.csv", 3, "year", "2024"),
            Message.of("header.unknown", column="year", known=known),
            "column",
        ),
        Problem(
            Location("d.csv", 3, "region", "2024"),
            Message.of("header.twice", column="region"),
            "column",
        ),
        Problem(
            Location("d.csv", 3, " amount ", "2024"),
            Message.of("header.unknown", column=" amount ", known=known),
            "column",
        ),
        Problem(
            Location("d.csv", 3, None, "2024"),
            Message.of("header.missing", columns="period, value"),
            "column",
        ),
    ]
    assert text(problems[0].message) == f"unknown column 'year'; columns are {known}"
    assert text(problems[1].message) == "column 'region' appears twice"
    assert text(problems[3].message) == "missing column(s): period, value"


def test_the_same_column_twice_in_two_languages() -> None:
    mapped, problems = map_header(["region", "metric", "period", "value", "数值"], WHERE)
    assert mapped is None
    assert [(p.location.column, p.message) for p in problems] == [
        ("数值", Message.of("header.twice", column="value"))
    ]


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_required_column(missing: str) -> None:
    names = [name for name in REQUIRED if name != missing]
    mapped, problems = map_header(names, WHERE)
    assert mapped is None
    (problem,) = problems
    assert problem.message == Message.of("header.missing", columns=missing)
    assert problem.location == WHERE


def test_an_empty_header_misses_every_required_column() -> None:
    (problem,) = map_header([], WHERE)[1]
    assert problem.message == Message.of("header.missing", columns="region, metric, period, value")


@pytest.mark.parametrize(
    ("line", "separator", "words"),
    [
        ("region;metric;period;value", "separator.semicolons", "semicolons"),
        ("region\tmetric\tperiod\tvalue", "separator.tabs", "tabs"),
        ("region|metric|period|value", "separator.bars", "bars"),
        ("地区;指标;期间;数值", "separator.semicolons", "semicolons"),
    ],
)
def test_another_delimiter_is_named(line: str, separator: str, words: str) -> None:
    # Read as CSV, the whole line is one cell.
    mapped, problems = map_header([line], WHERE)
    assert mapped is None
    (problem,) = problems
    assert problem.code == "delimiter"
    assert problem.location == WHERE  # the header line, no column
    assert problem.message == Message.of("header.delimiter", separator=Message.of(separator))
    assert text(problem.message) == f"the columns are separated by {words}; CSV needs commas"


def test_one_column_without_another_delimiter_is_only_incomplete() -> None:
    mapped, problems = map_header(["region"], WHERE)
    assert mapped is None
    assert [p.code for p in problems] == ["column"]
    assert problems[0].message == Message.of("header.missing", columns="metric, period, value")


def test_a_delimiter_inside_one_of_several_cells_is_an_unknown_column() -> None:
    mapped, problems = map_header(["region;metric", "period", "value"], WHERE)
    assert mapped is None
    assert [p.message.id for p in problems] == ["header.unknown", "header.missing"]


def test_the_columns_the_form_writes_beside_the_figures_are_read_and_passed_over() -> None:
    names = ["地区", "地区名称", "指标", "期间", "数值", "单位", "来源", "用途"]
    assert columns(names) == {
        "region": 0,
        "region_name": 1,
        "metric": 2,
        "period": 3,
        "value": 4,
        "unit": 5,
        "source": 6,
        "purpose": 7,
    }
    assert columns(["region", "region_name", "metric", "period", "value", "purpose"]) is not None
