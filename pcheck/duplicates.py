"""The index of every (metric, region, period) read, to find the same figure given
twice, and whether it was given with the same value.

Each key and each entry is packed into one integer, and values are compared
exactly: an entry holds the value itself as a reduced fraction, not a hash of it.
Past :data:`MEMORY_KEYS` entries the index moves to a temporary SQLite table, so
that memory stays bounded whatever the size of the input.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from pcheck.model import Catalog, Period

MEMORY_KEYS = 2_000_000
"""Distinct (metric, region, period) kept in memory before the index spills to disk."""

_LINE_BITS = 40
_PLACE_BITS = 64  # line and source number
_DENOMINATOR_BITS = 64
_MAX_DENOMINATOR = (1 << _DENOMINATOR_BITS) - 1
_SOURCE_MASK = (1 << (_PLACE_BITS - _LINE_BITS)) - 1


class Earlier(NamedTuple):
    """Where a key was first given, and whether with the same value."""

    line: int
    source: str
    same: bool


class SeenIndex:
    """Every key seen, with the first place it was given and its exact value."""

    def __init__(self, catalog: Catalog) -> None:
        self.metrics = {metric_id: n for n, metric_id in enumerate(catalog.metrics)}
        # Regions are numbered as they are first seen: the catalog knows thousands.
        self.regions: dict[str, int] = {}
        self.memory: dict[int, int] = {}
        self.database: sqlite3.Connection | None = None
        self.sources: list[str] = []
        self.source_numbers: dict[str, int] = {}
        self.rare: dict[tuple[int, int], int] = {}  # values too long to pack, numbered
        self.first = self._first_function()
        """``first(metric, region, period, value, place)``: ``None`` the first time
        (metric, region, period) is seen, and it is recorded with ``value`` at
        ``place`` (see :meth:`place`); else where it was first given, and whether
        with the same value, compared exactly."""

    def place(self, source: str, line: int) -> int:
        """The packed place of a record: the number standing for its source, and its line."""
        return (self.number_of(source) << _LINE_BITS) | line

    def _first_function(self) -> Callable[[str, str, Period, Decimal, int], Earlier | None]:
        """:meth:`first`, with what it looks up bound once (it runs once per record)."""
        memory, setdefault = self.memory, self.memory.setdefault
        metrics, metric_count, regions = self.metrics, len(self.metrics), self.regions

        def first(
            metric: str, region: str, period: Period, value: Decimal, place: int
        ) -> Earlier | None:
            numerator, denominator = value.as_integer_ratio()
            if denominator > _MAX_DENOMINATOR:
                # Too many decimals to pack: the value gets a number of its own, with a
                # denominator of 0, which no packed value has.
                numerator, denominator = self._rare(numerator, denominator), 0
            number = regions.get(region)
            if number is None:
                number = regions[region] = len(regions)
            key = (number * metric_count + metrics[metric]) * 160_000
            key += period.year * 16 + period.month
            entry = (((numerator << _DENOMINATOR_BITS) | denominator) << _PLACE_BITS) | place
            if self.database is not None:
                return self._first_on_disk(key, entry)
            earlier = setdefault(key, entry)
            if earlier == entry:
                if len(memory) > MEMORY_KEYS:
                    self._spill()
                return None
            return self._unpack(earlier, entry)

        return first

    def given(self, metric: str, region: str, period: Period) -> tuple[Decimal, str] | None:
        """The value first given for (metric, region, period), exactly, and where it
        was given (``source:line``); ``None`` when it was not given."""
        region_number, metric_number = self.regions.get(region), self.metrics.get(metric)
        if region_number is None or metric_number is None:
            return None
        key = (region_number * len(self.metrics) + metric_number) * 160_000
        key += period.year * 16 + period.month
        if self.database is None:
            entry = self.memory.get(key)
        else:
            row = self.database.execute("select entry from seen where key = ?", (key,)).fetchone()
            entry = None if row is None else int.from_bytes(row[0], "big", signed=True)
        if entry is None:
            return None
        line = entry & ((1 << _LINE_BITS) - 1)
        source = (entry >> _LINE_BITS) & _SOURCE_MASK
        packed = entry >> _PLACE_BITS
        numerator, denominator = packed >> _DENOMINATOR_BITS, packed & _MAX_DENOMINATOR
        if denominator == 0:
            numerator, denominator = next(p for p, n in self.rare.items() if n == numerator)
        return _exact(numerator, denominator), f"{self.sources[source]}:{line}"

    def _rare(self, numerator: int, denominator: int) -> int:
        return self.rare.setdefault((numerator, denominator), len(self.rare))

    def number_of(self, source: str) -> int:
        """A small number standing for ``source`` (a file, or a file's sheet)."""
        number = self.source_numbers.get(source)
        if number is None:
            number = self.source_numbers[source] = len(self.sources)
            self.sources.append(source)
        return number

    def close(self) -> None:
        """Free what the index holds, and remove the temporary table if there is one.

        (The index is referred to by its own :attr:`first`, a cycle that only the
        garbage collector would break, and it is paused while files are read.)
        """
        self.memory.clear()
        self.rare.clear()
        if self.database is not None:
            self.database.close()
            self.database = None

    def _unpack(self, earlier: int, entry: int) -> Earlier:
        line = earlier & ((1 << _LINE_BITS) - 1)
        source = (earlier >> _LINE_BITS) & _SOURCE_MASK
        same = earlier >> _PLACE_BITS == entry >> _PLACE_BITS
        return Earlier(line, self.sources[source], same)

    def _spill(self) -> None:
        self.database = sqlite3.connect("")  # a temporary file, removed on close
        self.database.execute("create table seen (key integer primary key, entry blob)")
        self.database.executemany(
            "insert into seen values (?, ?)", ((k, _bytes(e)) for k, e in self.memory.items())
        )
        self.memory.clear()

    def _first_on_disk(self, key: int, entry: int) -> Earlier | None:
        assert self.database is not None
        cursor = self.database.execute(
            "insert or ignore into seen values (?, ?)", (key, _bytes(entry))
        )
        if cursor.rowcount:
            return None
        (found,) = self.database.execute("select entry from seen where key = ?", (key,)).fetchone()
        return self._unpack(int.from_bytes(found, "big", signed=True), entry)


def _exact(numerator: int, denominator: int) -> Decimal:
    """``numerator / denominator`` as a decimal, exactly (the denominator of a decimal
    number's ratio divides a power of ten), whatever the decimal context."""
    places = 0
    while 10**places % denominator:
        places += 1
    scaled = numerator * (10**places // denominator)
    digits = tuple(int(digit) for digit in str(abs(scaled)))
    return Decimal((int(scaled < 0), digits, -places))


def _bytes(entry: int) -> bytes:
    return entry.to_bytes((entry.bit_length() + 8) // 8 + 1, "big", signed=True)
