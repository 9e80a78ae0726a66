"""What an observation store keeps, and what it only counts, under each policy."""

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pcheck.model import Location, Observation, SeriesKey
from pcheck.observations import KEPT_ROWS, Keep, Mode, Need, ObservationStore, YearToDate

D = Decimal
RD = ("rd_intensity", "330000", 2024)
TECH = ("tech_transaction_volume", "330000", 2024)
OTHER = ("hitech_value_added", "330100", 2024)


def add(store: ObservationStore, key: SeriesKey, month: int, value: str, line: int) -> None:
    store.add(key, month, D(value), "d.csv", line)


def test_policies() -> None:
    assert Keep.everything().mode is Mode.EVERYTHING
    assert Keep.nothing().mode is Mode.NOTHING
    keep = Keep.only({RD: Need.LATEST})
    assert keep.mode is Mode.SERIES and dict(keep.series) == {RD: Need.LATEST}


def test_a_new_store_keeps_everything() -> None:
    assert ObservationStore().keep.mode is Mode.EVERYTHING


def test_everything_keeps_every_month_of_every_series() -> None:
    store = ObservationStore(Keep.everything())
    add(store, RD, 3, "3.0", 2)
    add(store, RD, 6, "3.1", 3)
    add(store, OTHER, 6, "7", 4)
    assert store.series == {
        RD: {3: Observation(D("3.0"), "d.csv", 2), 6: Observation(D("3.1"), "d.csv", 3)},
        OTHER: {6: Observation(D(7), "d.csv", 4)},
    }
    assert store.other == {}
    assert store.keeps_figures


def test_nothing_keeps_nothing_and_counts_nothing() -> None:
    store = ObservationStore(Keep.nothing())
    add(store, RD, 6, "3.1", 2)
    add(store, OTHER, 6, "7", 3)
    assert store.series == {} and store.other == {}
    assert not store.keeps_figures


def test_only_the_latest_month_of_a_series_needing_the_latest() -> None:
    store = ObservationStore(Keep.only({RD: Need.LATEST}))
    add(store, RD, 3, "3.0", 2)
    add(store, RD, 9, "3.2", 3)  # later: replaces March
    add(store, RD, 6, "3.1", 4)  # earlier than September: dropped
    assert store.series == {RD: {9: Observation(D("3.2"), "d.csv", 3)}}
    assert store.other == {}


def test_every_month_of_a_series_needing_every_month() -> None:
    store = ObservationStore(Keep.only({TECH: Need.EVERY_MONTH}))
    for line, month in enumerate((6, 3, 12), start=2):
        add(store, TECH, month, str(month * 100), line)
    assert store.series == {
        TECH: {
            3: Observation(D(300), "d.csv", 3),
            6: Observation(D(600), "d.csv", 2),
            12: Observation(D(1200), "d.csv", 4),
        }
    }


def test_rows_of_other_series_are_counted_with_their_months_and_places() -> None:
    store = ObservationStore(Keep.only({RD: Need.LATEST}))
    add(store, OTHER, 3, "1", 2)
    add(store, OTHER, 6, "2", 3)
    add(store, OTHER, 6, "2", 4)
    store.add(OTHER, 9, D(3), "e.csv", 7, sheet="Sheet1")
    assert store.series == {}
    other = store.other[OTHER]
    assert other.count == 4
    assert other.months == {3, 6, 9}
    assert other.rows == [
        Location("d.csv", 2),
        Location("d.csv", 3),
        Location("d.csv", 4),
        Location("e.csv", 7, sheet="Sheet1"),
    ]


def test_only_the_first_rows_of_other_series_are_placed() -> None:
    store = ObservationStore(Keep.only({}))
    for line in range(2, 2 + 25):
        add(store, OTHER, 6, "1", line)
    other = store.other[OTHER]
    assert other.count == 25
    assert KEPT_ROWS == 10
    assert other.rows == [Location("d.csv", line) for line in range(2, 12)]  # lines 2 to 11


def test_a_sheet_is_kept_with_the_figure() -> None:
    store = ObservationStore()
    store.add(RD, 6, D("3.1"), "d.xlsx", 5, sheet="2024")
    (observation,) = store.series[RD].values()
    assert observation.location == Location("d.xlsx", 5, sheet="2024")


keys = st.sampled_from([RD, TECH, OTHER, ("rd_intensity", "330000", 2023)])
additions = st.lists(st.tuples(keys, st.integers(min_value=1, max_value=12)), max_size=60)
needs = st.dictionaries(keys, st.sampled_from(list(Need)), max_size=3)


@given(needs=needs, additions=additions)
def test_nothing_is_lost_under_keep_only(
    needs: dict[SeriesKey, Need], additions: list[tuple[SeriesKey, int]]
) -> None:
    store = ObservationStore(Keep.only(needs))
    for line, (key, month) in enumerate(additions, start=2):
        store.add(key, month, D(line), "d.csv", line)

    named = [(line, key, month) for line, (key, month) in enumerate(additions, 2) if key in needs]
    others = [
        (line, key, month) for line, (key, month) in enumerate(additions, 2) if key not in needs
    ]

    # Every row of an unnamed series is counted once, in its own series' summary.
    assert sum(group.count for group in store.other.values()) == len(others)
    assert Counter(key for _, key, _ in others) == {k: g.count for k, g in store.other.items()}
    for key, group in store.other.items():
        assert group.months == {month for _, k, month in others if k == key}
        assert group.rows == [Location("d.csv", line) for line, k, _ in others if k == key][:10]

    # No row of a named series is counted as another's, nor kept under an unnamed key.
    assert set(store.series) == {key for _, key, _ in named}
    assert not set(store.other) & set(needs)

    for key, months in store.series.items():
        seen = [(line, month) for line, k, month in named if k == key]
        if needs[key] is Need.EVERY_MONTH:
            assert set(months) == {month for _, month in seen}  # every month seen
        else:
            assert set(months) == {max(month for _, month in seen)}  # the greatest only
        # Each figure kept is one given for its series and month (which one, when a
        # month comes twice, is for the duplicate index to settle before the store).
        for month, observation in months.items():
            given_rows = {line for line, m in seen if m == month}
            assert observation.line in given_rows
            assert observation == Observation(D(observation.line), "d.csv", observation.line)


@given(additions=additions)
def test_nothing_is_kept_or_counted_when_only_checking(
    additions: list[tuple[SeriesKey, int]],
) -> None:
    store = ObservationStore(Keep.nothing())
    for line, (key, month) in enumerate(additions, start=2):
        store.add(key, month, D(1), "d.csv", line)
    assert store.series == {} and store.other == {}


# -- year-to-date series that fall ------------------------------------------------------


SERIES = ("tech_transaction_volume", "330000", 2024)


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=12))
def test_a_series_in_period_order_falls_exactly_where_a_figure_drops(values: list[int]) -> None:
    watch = YearToDate()
    falls = [
        watch.see(SERIES, month, Decimal(value), "d.csv", month + 1)
        for month, value in enumerate(values, start=1)
    ]
    drops = [later < earlier for earlier, later in itertools.pairwise(values)]
    assert [fall is not None for fall in falls[1:]] == drops
    assert falls[0] is None


def test_a_fall_is_seen_whatever_the_order_of_the_rows() -> None:
    watch = YearToDate()
    assert watch.see(SERIES, 6, Decimal(150), "d.csv", 3) is None
    fall = watch.see(SERIES, 3, Decimal(200), "d.csv", 2)  # Q1 above the H1 already seen
    assert fall is not None and (fall.month, fall.value, fall.where) == (6, 150, "d.csv:3")
    other = ("tech_transaction_volume", "330100", 2024)
    assert watch.see(other, 3, Decimal(300), "d.csv", 4) is None  # series are apart
