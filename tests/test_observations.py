"""What an observation store keeps, and what it only counts, under each policy."""

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from pcheck.model import Location, Message, Observation, Problem, SeriesKey, Severity
from pcheck.observations import (
    KEPT_ROWS,
    Built,
    Given,
    Keep,
    Mode,
    Need,
    ObservationStore,
    OtherRows,
    Settled,
    SinglePeriods,
    ToDate,
    YearToDate,
)

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


# -- single-period figures ----------------------------------------------------------------

FLOW = ("tech_transaction_volume", "330000", 2024)


def row(line: int) -> Location:
    return Location("d.csv", line, "value")


def lookup(given: dict[int, int]) -> ToDate:
    """A year-to-date figure for each month of ``given``, at the line 100 + month."""

    def to_date(key: SeriesKey, month: int) -> Given | None:
        if key != FLOW or month not in given:
            return None
        return Given(Decimal(given[month]), f"d.csv:{100 + month}")

    return to_date


def built(settled: Settled) -> dict[int, Decimal]:
    return {figure.month: figure.value for figure in settled.figures}


def errors(settled: Settled) -> list[Problem]:
    return [p for _, p in settled.problems if p.severity is Severity.ERROR]


def test_a_quarter_alone_is_added_to_the_year_to_date_before_it() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(50), row(3))
    settled = singles.settle(lookup({3: 100}))
    assert settled.figures == [Built(FLOW, 6, D(150), row(3))]
    ((key, note),) = settled.problems
    assert key == FLOW
    assert note == Problem(
        row(3),
        Message.of(
            "row.accumulated",
            metric="tech_transaction_volume",
            region="330000",
            period="2024H1",
            value=D(150),
            rows="d.csv:103, d.csv:3",
        ),
        "accumulated",
        Severity.WARNING,
    )


def test_spans_chain_on_spans() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 7, 9, D(40), row(4))  # given before the span it chains on
    singles.add(FLOW, 2, 3, D(20), row(2))
    singles.add(FLOW, 4, 6, D(50), row(3))
    settled = singles.settle(lookup({1: 10}))
    assert built(settled) == {3: D(30), 6: D(80), 9: D(120)}
    assert errors(settled) == []


def test_a_broken_chain_gives_no_figure_and_names_the_missing_months() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(50), row(3))
    singles.add(FLOW, 7, 9, D(40), row(4))
    singles.add(FLOW, 11, 11, D(5), row(5))
    settled = singles.settle(lookup({}))
    assert settled.figures == []
    assert [(p.location, p.code, dict(p.message.params)["months"]) for p in errors(settled)] == [
        (row(3), "single-period", "1-3"),
        (row(4), "single-period", "1-3"),
        (row(5), "single-period", "1-3, 10"),
    ]
    assert all(p.message.id == "row.single-unchained" for p in errors(settled))


def test_a_year_to_date_figure_given_wins_and_a_disagreeing_span_is_a_warning() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(70), row(3))
    singles.add(FLOW, 7, 9, D(40), row(4))
    settled = singles.settle(lookup({3: 120, 6: 200}))
    assert built(settled) == {9: D(240)}  # on the figure given for June, not 190
    warning = next(p for _, p in settled.problems if p.message.id == "row.single-disagrees")
    assert warning.severity is Severity.WARNING and warning.location == row(3)
    assert dict(warning.message.params)["given"] == 200
    assert dict(warning.message.params)["built"] == 190


def test_a_span_agreeing_with_the_figure_given_says_nothing() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(80), row(3))
    assert singles.settle(lookup({3: 120, 6: 200})) == Settled([], [])


def test_spans_adding_up_differently_give_no_figure() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(50), row(3))
    singles.add(FLOW, 6, 6, D(10), row(4))  # June alone, on a May figure of 170
    settled = singles.settle(lookup({3: 100, 5: 170}))
    assert settled.figures == []
    assert [p.location for p in errors(settled)] == [row(3), row(4)]
    assert {p.message.id for p in errors(settled)} == {"row.single-inconsistent"}


def test_a_span_given_twice() -> None:
    singles = SinglePeriods()
    singles.add(FLOW, 4, 6, D(50), row(3))
    singles.add(FLOW, 4, 6, D(50), row(4))  # the same: a warning, the figure stands
    assert built(singles.settle(lookup({3: 100}))) == {6: D(150)}
    singles.add(FLOW, 4, 6, D(60), row(5))  # another figure: neither is used
    settled = singles.settle(lookup({3: 100}))
    assert settled.figures == []
    assert [(p.location, p.code) for _, p in settled.problems if p.code != "single-period"] == [
        (row(4), "duplicate"),
        (row(5), "conflict"),
    ]


year_to_date = st.lists(st.integers(0, 10**6), min_size=12, max_size=12).map(
    lambda steps: list(itertools.accumulate(steps))
)


@st.composite
def chains(draw: st.DrawFn) -> tuple[list[int], list[tuple[int, int]], set[int]]:
    """Year-to-date figures of each month, the spans a year is cut into, and the
    months whose year-to-date figure is given too."""
    totals = draw(year_to_date)
    cuts = sorted(draw(st.sets(st.integers(1, 11))))
    ends = [*cuts, 12]
    spans = list(zip([1, *(c + 1 for c in cuts)], ends, strict=True))
    given = draw(st.sets(st.sampled_from(ends)))
    return totals, spans, given


@given(chains(), st.randoms())
def test_adding_up_single_periods_gives_the_year_to_date(
    chain: tuple[list[int], list[tuple[int, int]], set[int]], random: Random
) -> None:
    totals, spans, given = chain
    ytd = {month: totals[month - 1] for month in given}
    singles = SinglePeriods()
    order = list(enumerate(spans, start=2))
    random.shuffle(order)  # the order of the rows does not matter
    for line, (first, last) in order:
        if first == 1:
            ytd[last] = totals[last - 1]  # a span from January is a figure to date
            continue
        value = totals[last - 1] - totals[first - 2]
        singles.add(FLOW, first, last, D(value), row(line))
    settled = singles.settle(lookup(ytd))
    assert errors(settled) == []
    assert built(settled) == {last: D(totals[last - 1]) for _, last in spans if last not in ytd}


@given(chains(), st.data())
def test_a_missing_month_never_yields_a_figure(
    chain: tuple[list[int], list[tuple[int, int]], set[int]], data: st.DataObject
) -> None:
    totals, spans, _ = chain
    dropped = data.draw(st.sampled_from(spans))
    singles = SinglePeriods()
    for line, (first, last) in enumerate(spans, start=2):
        if (first, last) != dropped and first > 1:
            singles.add(FLOW, first, last, D(totals[last - 1] - totals[first - 2]), row(line))
    ytd = {} if dropped[0] == 1 else {spans[0][1]: totals[spans[0][1] - 1]}
    settled = singles.settle(lookup(ytd))
    # Figures up to the gap are built, and right; none after it.
    assert built(settled) == {
        last: D(totals[last - 1]) for first, last in spans if first > 1 and last < dropped[0]
    }
    later = [(first, last) for first, last in spans if first > dropped[1]]
    assert [p.location.line for p in errors(settled)] == [2 + spans.index(span) for span in later]


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=12),
            st.sampled_from(["a.csv", "b.xlsx"]),
            st.integers(min_value=1, max_value=10**12),
            st.sampled_from([None, "Sheet1"]),
        ),
        max_size=30,
    )
)
def test_other_rows_hold_what_a_plain_list_would(
    rows: list[tuple[int, str, int, str | None]],
) -> None:
    # Kept compact (months as bits, lines in an array beside one file), they still say
    # how many rows, of which months, and the first ten places, in the order read.
    other = OtherRows()
    for month, path, line, sheet in rows:
        other.add(month, path, line, sheet)
    assert other.count == len(rows)
    assert other.months == {month for month, *_ in rows}
    places = [Location(path, line, sheet=sheet) for _, path, line, sheet in rows]
    assert other.rows == places[:KEPT_ROWS]
    again = OtherRows(other.count, other.months, other.rows)
    assert (again.count, again.months, again.rows) == (other.count, other.months, other.rows)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=12),
            st.decimals(allow_nan=False, allow_infinity=False, places=3),
            st.sampled_from([None, "Sheet1"]),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda row: row[0],  # a month given twice is a duplicate, never added
    )
)
def test_a_series_of_its_latest_month_holds_what_a_dict_of_every_month_would(
    rows: list[tuple[int, Decimal, str | None]],
) -> None:
    # Kept without a dict, the latest month's figure is looked up like any other
    # series' figures, in whatever order the months come.
    latest = ObservationStore(Keep.only({RD: Need.LATEST}))
    every = ObservationStore(Keep.only({RD: Need.EVERY_MONTH}))
    for line, (month, value, sheet) in enumerate(rows, start=2):
        for store in (latest, every):
            store.add(RD, month, value, "d.csv", line, sheet)
    month = max(m for m, _, _ in rows)
    kept = latest.series[RD]
    assert dict(kept) == {month: every.series[RD][month]}
    assert list(kept) == [month] and len(kept) == 1 and month in kept
    assert kept.get(month - 1) is None and (month + 1) not in kept
    assert kept[month].location == Location("d.csv", kept[month].line, sheet=kept[month].sheet)
