"""The layout of a table of figures, from the rows at its top.

Three layouts are read:

- **long**: one figure a row, with region, metric, period and value columns (and
  optional unit, source and note), as ``pcheck template`` writes them;
- **metrics in columns** (a yearbook table): one row per region (or per period),
  a column per metric, its unit in the header (``研发经费(亿元)``);
- **periods in columns** (a statistics portal's export, a monthly release): one
  row per metric (or per region), a column per period (``2024年``, ``6月``,
  ``1—6月``).

What the columns do not say, rows above the table may: metadata such as
``地区：北京市``, ``指标：…``, ``时间：2024年``, ``单位：亿元``, or a title with a year
(``2024年全省科技统计``). Such rows, and a block of notes below the table
(``注：``, ``数据来源：``), are set apart, not read as figures. A header of two rows
(``6月 | 1—6月`` over ``绝对量 | 同比增长(%)``) is read as one, merged cells filled
from the left. A mapping in the configuration settles what detection cannot
(:class:`Settings`).

:func:`detect` looks at the first rows of a sheet and says which layout it saw
and why, as a :class:`Layout`; it reads no figure and holds no wording.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pcheck import labels
from pcheck.labels import Reading
from pcheck.model import Location, Message, Problem, Severity
from pcheck.units import normalise

COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region", "地区", "地區", "地区代码", "行政区划代码", "区划代码", "省份", "地 区"),
    "metric": ("metric", "指标", "指標", "指标代码"),
    "period": (
        "period",
        "期间",
        "期間",
        "时间",
        "時間",
        "年份",
        "年度",
        "报告期",
        "報告期",
        "统计时间",
    ),
    "value": ("value", "数值", "數值", "数据", "數據", "值", "数值(累计)"),
    "unit": ("unit", "单位", "單位", "计量单位", "計量單位"),
    "source": ("source", "来源", "來源", "数据来源", "數據來源"),
    "note": ("note", "备注", "備註", "附注", "附註", "说明", "說明"),
    # Read and passed over beside a code column; read as the label without one.
    "region_name": ("region_name", "地区名称", "地區名稱"),
    "metric_name": ("metric_name", "指标名称", "指標名稱"),
    "purpose": ("purpose", "用途"),
}
REQUIRED = ("region", "metric", "period", "value")
ROLES = (*COLUMNS, "skip")
"""What a column can be declared to hold in the configuration (besides a metric or a period)."""

NAMES_FOR = {"region_name": "region", "metric_name": "metric"}
"""A column of names that stands in for a missing column of codes."""

SINGLE_MARK = "当期"
"""What marks a column's period as the period alone for the period reader."""

HEAD_ROWS = 30
"""How many rows at a sheet's top are looked at to find its header."""

_HEADER_NAMES = {
    labels.clean(alias).casefold(): column
    for column, aliases in COLUMNS.items()
    for alias in aliases
}
_DELIMITERS = ((";", "semicolons"), ("\t", "tabs"), ("|", "bars"))
_META = re.compile(r"^\s*(?P<key>[^:：]{1,8}?)\s*[:：]\s*(?P<value>.*?)\s*$")
_META_KEYS = {
    "region": ("地区", "地區", "区域", "行政区划"),
    "metric": ("指标", "指標"),
    "period": ("时间", "時間", "期间", "期間", "报告期", "年份", "年度", "统计时间"),
    "unit": ("单位", "單位", "计量单位", "計量單位"),
    "source": ("数据库", "數據庫", "数据来源", "數據來源", "资料来源", "資料來源", "来源", "來源"),
}
_META_ROLE = {labels.clean(key): role for role, keys in _META_KEYS.items() for key in keys}
_NOTES = re.compile(
    r"^\s*(?:注|註|说明|說明|附注|附註|备注|備註|数据来源|數據來源|资料来源|資料來源|"
    r"来源|來源|note|notes|source)\s*(?:\d+|[①-⑳])?\s*[:：.、]",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_LONE_MONTH = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>1[0-2]|0?[1-9])月份?$")
_MONTHS_TO = re.compile(r"^(?:\d{4}年)?(?:1|一)\s*[-—–~～至到]\s*(?:1[0-2]|0?[1-9])月")
_NUMBERISH = re.compile(r"^[-+]?[\d,.]+\s*%?$|^[…—\-.]+$")


class Kind(enum.Enum):
    """Which way a table runs."""

    LONG = "long"
    METRICS = "metrics in columns"
    PERIODS = "periods in columns"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the configuration says about tables: ``columns`` maps a header as
    written to a role of :data:`ROLES`, or to ``metric:NAME`` / ``period:TEXT`` for a
    column of figures; ``fixed`` gives a role's value for every row (``region``,
    ``metric``, ``period``, ``unit``) where the table has no column for it;
    ``layout`` forces one."""

    columns: Mapping[str, str] = field(default_factory=dict)
    fixed: Mapping[str, str] = field(default_factory=dict)
    layout: Kind | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    """A column of figures in a wide table: what it holds besides its rows' labels."""

    index: int
    metric: str | None  # the metric, as written (metrics in columns)
    period: str | None  # the period, as the period reader takes it (periods in columns)
    unit: str
    single: bool  # a single period's figures (当月, 6月 beside 1—6月), not the year so far


@dataclass(frozen=True, slots=True)
class Layout:
    """How to read the records below a sheet's header.

    ``columns`` maps a role (region, metric, period, value, unit, source, note) to
    the index of the column that holds it; ``fixed`` a role to the text that holds
    for every row; ``figures`` lists the columns of figures of a wide table.
    ``names`` is each column's header as shown in problems.
    """

    kind: Kind
    header_line: int
    names: tuple[str, ...]
    columns: Mapping[str, int]
    fixed: Mapping[str, str]
    figures: tuple[Figures, ...] = ()
    why: Message = field(default_factory=lambda: Message("layout.long"))


@dataclass(slots=True)
class Detection:
    """What :func:`detect` found: the layout (``None`` when the sheet cannot be
    read), how many of the rows it was given are above the records, and the
    problems and notes (rows set apart, columns not read)."""

    layout: Layout | None
    used: int
    problems: list[Problem]


Row = tuple[int, list[str]]


def detect(
    rows: Sequence[Row],
    where: Location,
    knows_metric: Callable[[str], bool],
    settings: Settings | None = None,
) -> Detection:
    """The layout of the table whose first rows are ``rows`` (each a row number and
    its cells); ``where`` names the file and sheet; ``knows_metric`` says whether a
    text names a metric of the catalog."""
    settings = settings or Settings()
    problems: list[Problem] = []
    start, fixed, year = _above(rows, where, problems)
    if start >= len(rows):
        start, fixed, year = 0, {}, None
        problems.clear()
    header_line, names, parts, used = _header(rows, start)
    fixed = {**fixed, **{k: v for k, v in settings.fixed.items() if k not in fixed}}
    if "period" not in fixed and year is not None:
        fixed["period"] = f"{year}年"  # a title's year: 2023年各地区研发情况
    detector = _Detector(names, parts, header_line, where, knows_metric, settings, year, problems)
    layout = detector.layout(fixed)
    return Detection(layout, used, problems)


def is_note(cells: Sequence[str]) -> bool:
    """Whether a row begins the notes below a table (``注：``, ``数据来源：``)."""
    for cell in cells:
        if cell.strip():
            return _NOTES.match(cell) is not None
    return False


def map_header(names: list[str], where: Location) -> tuple[dict[str, int] | None, list[Problem]]:
    """Column → index of a long table's header, or ``None`` when it is unusable;
    and the problems with it. ``where`` is the header row's location."""
    problems: list[Problem] = []

    def problem(column: str | None, message: Message, code: str) -> None:
        location = Location(where.path, where.line, column, where.sheet)
        problems.append(Problem(location, message, code))

    if len(names) == 1:
        for delimiter, label in _DELIMITERS:
            if delimiter in names[0]:
                separator = Message.of(f"separator.{label}")
                problem(None, Message.of("header.delimiter", separator=separator), "delimiter")
                return None, problems
    columns: dict[str, int] = {}
    for index, raw in enumerate(names):
        column = role_of(raw)
        if column is None:
            known = ", ".join(COLUMNS)
            problem(raw, Message.of("header.unknown", column=raw, known=known), "column")
        elif column in columns:
            problem(raw, Message.of("header.twice", column=column), "column")
        else:
            columns[column] = index
    _names_for_codes(columns)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problem(None, Message.of("header.missing", columns=", ".join(missing)), "column")
    return (None if problems else columns), problems


def role_of(name: str) -> str | None:
    """The role a header names (``地區`` → region), if any."""
    return _HEADER_NAMES.get(labels.clean(name.lstrip("\ufeff")).casefold())


def _names_for_codes(columns: dict[str, int]) -> None:
    """Read a column of names (地区名称) as the labels where there is no column of codes."""
    for names, role in NAMES_FOR.items():
        if names in columns and role not in columns:
            columns[role] = columns.pop(names)


def _above(
    rows: Sequence[Row], where: Location, problems: list[Problem]
) -> tuple[int, dict[str, str], str | None]:
    """Where the header starts, what the metadata rows above it fix (``地区：…``,
    ``单位：亿元``), and the year a title gives (each row set apart is noted)."""
    fixed: dict[str, str] = {}
    year: str | None = None
    index = 0
    while index < len(rows):
        line, cells = rows[index]
        filled = [cell.strip() for cell in cells if cell.strip()]
        if len(filled) > 1 and not all(_meta_pair(cell) for cell in filled):
            break
        for cell in filled:
            pair = _meta_pair(cell)
            if pair is not None:
                role, value = pair
                if value and role != "source":  # 数据库：…, 数据来源：… say nothing of a figure
                    fixed.setdefault(role, value)
            elif year is None and (found := _YEAR.search(normalise(cell))):
                year = found.group(1)
        if filled:
            message = Message.of("layout.above", text=" ".join(filled)[:80])
            where_row = Location(where.path, line, sheet=where.sheet)
            problems.append(Problem(where_row, message, "above", Severity.NOTE))
        index += 1
    if year is None and (found := _YEAR.search(fixed.get("period", ""))):
        year = found.group(1)
    return index, fixed, year


def _meta_pair(cell: str) -> tuple[str, str] | None:
    found = _META.match(normalise(cell))
    if found is None:
        return None
    role = _META_ROLE.get(labels.clean(found.group("key")))
    return None if role is None else (role, found.group("value"))


def _header(rows: Sequence[Row], start: int) -> tuple[int, list[str], list[tuple[str, str]], int]:
    """The header's last row, its names (two rows merged into one), each name's
    upper and lower part, and how many rows the header ends after."""
    line, upper = rows[start]
    if start + 1 < len(rows):
        below_line, lower = rows[start + 1]
        if _is_subheader(upper, lower):
            width = max(len(upper), len(lower))
            upper = upper + [""] * (width - len(upper))
            lower = lower + [""] * (width - len(lower))
            parts: list[tuple[str, str]] = []
            for index in range(width):
                top, below = upper[index].strip(), lower[index].strip()
                if not top and index and below:
                    top = parts[index - 1][0]  # a cell merged with the one on its left
                parts.append((top, below))
            names = [" ".join(part for part in pair if part) for pair in parts]
            return below_line, names, parts, start + 2
    return line, list(upper), [(name.strip(), "") for name in upper], start + 1


def _is_subheader(upper: list[str], lower: list[str]) -> bool:
    """Whether ``lower`` is the second row of a header: words only, under a header
    with merged (empty) cells or beside an empty first cell."""
    filled = [cell.strip() for cell in lower if cell.strip()]
    if not filled or any(_NUMBERISH.match(cell) for cell in filled):
        return False
    gaps = any(not cell.strip() for cell in upper[1 : len(lower)])
    first_empty = not lower[0].strip()
    return (gaps or first_empty) and not any(labels.is_total(cell) for cell in filled)


class _Detector:
    """Reads a header's names into a layout."""

    def __init__(
        self,
        names: list[str],
        parts: list[tuple[str, str]],
        line: int,
        where: Location,
        knows_metric: Callable[[str], bool],
        settings: Settings,
        year: str | None,
        problems: list[Problem],
    ) -> None:
        self.names = names
        self.parts = parts
        self.line = line
        self.where = Location(where.path, line, sheet=where.sheet)
        self.knows_metric = knows_metric
        self.settings = settings
        self.year = year  # the year the rows above the table give
        self.problems = problems

    def problem(
        self, column: str | None, message: Message, code: str, severity: Severity = Severity.ERROR
    ) -> None:
        location = Location(self.where.path, self.line, column, self.where.sheet)
        self.problems.append(Problem(location, message, code, severity))

    def layout(self, fixed: dict[str, str]) -> Layout | None:
        names = self.names
        if len(names) == 1:
            mapped, problems = map_header(names, self.where)
            self.problems.extend(problems)
            return None if mapped is None else self._long(mapped, fixed)
        columns: dict[str, int] = {}
        by_metric: list[Figures] = []
        by_period: list[Figures] = []
        unknown: list[tuple[int, str, Message]] = []
        months_to = any(_MONTHS_TO.match(normalise(top).replace(" ", "")) for top, _ in self.parts)
        for index, raw in enumerate(names):
            name = raw.lstrip("\ufeff").strip()
            declared = self.settings.columns.get(name)
            role = declared if declared in ROLES else (None if declared else role_of(name))
            if role == "skip":
                continue
            if role is not None:
                if role in columns:
                    self.problem(raw, Message.of("header.twice", column=role), "column")
                else:
                    columns[role] = index
                continue
            if not name and index == 0:
                columns["label"] = index
                continue
            figures = self._figures(index, declared, months_to)
            if isinstance(figures, Message):
                unknown.append((index, raw, figures))
            else:
                (by_period if figures.period else by_metric).append(figures)
        _names_for_codes(columns)
        if "label" in columns:
            self._label_role(columns, by_metric, by_period, fixed)
        kind = self.settings.layout or self._kind(columns, by_metric, by_period)
        if kind is Kind.LONG:
            known = ", ".join(COLUMNS)
            for index in sorted(
                [f.index for f in (*by_metric, *by_period)] + [i for i, _, _ in unknown]
            ):
                raw = names[index]
                self.problem(raw, Message.of("header.unknown", column=raw, known=known), "column")
            missing = [c for c in REQUIRED if c not in columns and c not in fixed]
            if missing:
                message = Message.of("header.missing", columns=", ".join(missing))
                self.problem(None, message, "column")
            if any(p.severity is Severity.ERROR for p in self.problems):
                return None
            return self._long(columns, fixed)
        for _, raw, why in unknown:
            self.skipped(raw, why)
        return self._wide(kind, columns, by_metric, by_period, fixed)

    def skipped(self, column: str, why: Message) -> None:
        """A column of a wide table that is not read, and why."""
        message = Message.of("layout.column-skipped", column=column, reason=why)
        self.problem(column, message, "column", Severity.WARNING)

    def _figures(self, index: int, declared: str | None, months_to: bool) -> Figures | Message:
        """The column of figures at ``index``: a metric's or a period's (a single
        period's text carries its mark, 当期); else why it is not read."""
        if declared is not None:
            kind, _, value = declared.partition(":")
            if kind == "metric":
                return Figures(index, value, None, "", False)
            return Figures(index, None, value, "", False)
        top, below = (normalise(part) for part in self.parts[index])
        label, under = labels.split(top), labels.split(below)
        if under.reading is Reading.GROWTH or (
            label.reading is Reading.GROWTH and not self.knows_metric(label.whole)
        ):
            return Message.of("layout.growth")
        period = self._period(top.replace(" ", ""), months_to)
        if period is not None:
            text, single = period
            if not single and Reading.SINGLE in (label.reading, under.reading):
                text, single = text + SINGLE_MARK, True
            return Figures(index, None, text, "", single)
        for candidate in (label.whole, label.name):
            if candidate and self.knows_metric(candidate):
                return Figures(index, candidate, None, label.unit or under.unit, False)
        return Message.of("layout.not-figures")

    def _period(self, text: str, months_to: bool) -> tuple[str, bool] | None:
        """The period a header names, as text the period reader takes, and whether it
        is a single month (a lone month beside months to date)."""
        from pcheck.periods import read_period

        lone = _LONE_MONTH.match(text)
        year = self.year
        candidates = [text]
        if year is not None and not text.startswith(year[:2]) and not re.match(r"^\d{4}", text):
            candidates.append(f"{year}年{text}")
        for candidate in candidates:
            try:
                read_period(candidate)
            except ValueError:
                continue
            if lone is not None and months_to and lone.group("month").lstrip("0") != "1":
                return candidate + SINGLE_MARK, True
            return candidate, False
        return None

    def _label_role(
        self,
        columns: dict[str, int],
        by_metric: list[Figures],
        by_period: list[Figures],
        fixed: dict[str, str],
    ) -> None:
        """An unnamed first column: regions beside columns of metrics, metrics beside
        columns of periods unless a metric is fixed above the table."""
        index = columns.pop("label")
        if by_metric and "region" not in columns:
            columns["region"] = index
        elif by_period and "metric" not in columns and "metric" not in fixed:
            columns["metric"] = index
        elif by_period and "region" not in columns:
            columns["region"] = index

    def _kind(
        self,
        columns: dict[str, int],
        by_metric: list[Figures],
        by_period: list[Figures],
    ) -> Kind:
        if "value" in columns or not (by_metric or by_period):
            return Kind.LONG
        return Kind.PERIODS if len(by_period) >= len(by_metric) else Kind.METRICS

    def _long(self, columns: dict[str, int], fixed: dict[str, str]) -> Layout:
        why = Message.of("layout.long")
        return Layout(
            Kind.LONG, self.line, tuple(self.names), columns, _fixed(fixed, columns), (), why
        )

    def _wide(
        self,
        kind: Kind,
        columns: dict[str, int],
        by_metric: list[Figures],
        by_period: list[Figures],
        fixed: dict[str, str],
    ) -> Layout | None:
        fixed = _fixed(fixed, columns)
        if kind is Kind.METRICS:
            figures, others, needs = by_metric, by_period, ("region", "period")
        else:
            figures, others, needs = by_period, by_metric, ("region", "metric")
        for other in others:
            self.skipped(self.names[other.index], Message.of("layout.mixed"))
        shown = ", ".join(self.names[f.index] for f in figures[:3])
        missing = [role for role in needs if role not in columns and role not in fixed]
        if kind is Kind.METRICS:
            why = Message.of("layout.metrics", count=len(figures), columns=shown)
        else:
            why = Message.of("layout.periods", count=len(figures), columns=shown)
        if missing:
            self.problem(
                None, Message.of("layout.missing", layout=why, roles=", ".join(missing)), "column"
            )
            return None
        return Layout(kind, self.line, tuple(self.names), columns, fixed, tuple(figures), why)


def _fixed(fixed: dict[str, str], columns: Mapping[str, int]) -> dict[str, str]:
    """What holds for every row: only the roles the table has no column for."""
    return {role: text for role, text in fixed.items() if role not in columns}
