"""The index that finds a figure given twice, comparing values exactly."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.duplicates import SeenIndex
from pcheck.model import Catalog, Period

P = Period(2024, 6)


def again(catalog: Catalog, first: Decimal, second: Decimal) -> bool:
    """Whether the index takes ``second``, given for the same key, as the same figure."""
    index = SeenIndex(catalog)
    assert index.first("rd_intensity", "330000", P, first, index.place("a.csv", 2)) is None
    earlier = index.first("rd_intensity", "330000", P, second, index.place("b.csv", 9))
    assert earlier is not None and (earlier.source, earlier.line) == ("a.csv", 2)
    return earlier.same


def test_values_whose_hashes_collide_are_different(catalog: Catalog) -> None:
    assert hash(Decimal(-1)) == hash(Decimal(-2))  # why a hash is not enough
    assert not again(catalog, Decimal(-1), Decimal(-2))


def test_equal_values_written_differently_are_the_same(catalog: Catalog) -> None:
    assert again(catalog, Decimal("3.1"), Decimal("3.10"))
    assert again(catalog, Decimal("100"), Decimal("1E+2"))


def test_values_with_many_decimals_are_compared_exactly(catalog: Catalog) -> None:
    tiny = Decimal("0." + "0" * 40 + "1")
    assert again(catalog, tiny, Decimal("0." + "0" * 40 + "10"))
    assert not again(catalog, tiny, Decimal("0." + "0" * 40 + "2"))
    assert not again(catalog, tiny, Decimal(0))


@given(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False),
)
def test_same_exactly_when_equal(catalog: Catalog, first: Decimal, second: Decimal) -> None:
    assert again(catalog, first, second) == (first == second)


def test_exactness_survives_the_move_to_disk(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pcheck.duplicates.MEMORY_KEYS", 2)
    index = SeenIndex(catalog)
    place = index.place("a.csv", 1)
    for month, value in enumerate((Decimal(-1), Decimal("0.5"), Decimal(7)), start=1):
        assert index.first("rd_intensity", "330000", Period(2024, month), value, place) is None
    assert index.database is not None
    conflict = index.first("rd_intensity", "330000", Period(2024, 1), Decimal(-2), place)
    same = index.first("rd_intensity", "330000", Period(2024, 2), Decimal("0.50"), place)
    assert conflict is not None and not conflict.same
    assert same is not None and same.same
    index.close()
    assert index.database is None and index.memory == {}


@given(
    st.lists(st.decimals(allow_nan=False, allow_infinity=False), min_size=1, max_size=12),
    st.booleans(),
)
def test_the_value_given_is_found_again_exactly(
    catalog: Catalog, values: list[Decimal], spill: bool
) -> None:
    index, metric = SeenIndex(catalog), "tech_transaction_volume"
    for month, value in enumerate(values, start=1):
        place = index.place("a.csv" if month % 2 else "b.csv[2024]", month + 1)
        assert index.first(metric, "330000", Period(2024, month), value, place) is None
    if spill:
        index._spill()
    for month, value in enumerate(values, start=1):
        found = index.given(metric, "330000", Period(2024, month))
        assert found is not None
        assert found[0] == value
        assert found[1] == f"{'a.csv' if month % 2 else 'b.csv[2024]'}:{month + 1}"
    assert index.given("tech_transaction_volume", "330000", Period(2024, len(values) + 1)) is None
    assert index.given("tech_transaction_volume", "330100", Period(2024, 1)) is None
    assert index.given("rd_intensity", "330000", Period(2024, 1)) is None
    index.close()
