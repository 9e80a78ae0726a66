"""Labels as statistical tables print them: region and metric names, and the
header of a column of figures.

Yearbooks pad short names to the width of long ones (``北　京``), mark the items of
a total (``#高新技术企业``, ``其中：杭州``), add total rows (``全　国``, ``东部地区``),
and write an indicator's unit and kind into its name (``技术合同成交额累计值(亿元)``,
``…当期值``, ``…累计增长(%)``). This module takes such a label apart; what the
parts name is looked up elsewhere (:mod:`pcheck.rules`, :mod:`pcheck.layout`).
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

from pcheck.units import normalise

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PADDING = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_OF_WHICH = re.compile(r"^(?:[#＃]+|其中\s*[:：]?|内\s*[:：])\s*")
_UNIT = re.compile(r"[(（]\s*(?P<unit>[^()（）]{1,12}?)\s*[)）]\s*$")

TOTALS = frozenset(
    {
        "全国",
        "合计",
        "总计",
        "总数",
        "总量",
        "全部",
        "全省",
        "全市",
        "全区",
        "全县",
        "东部地区",
        "中部地区",
        "西部地区",
        "东北地区",
        "东部",
        "中部",
        "西部",
        "东北",
        "total",
    }
)
"""Labels of rows that total others: no region of their own."""


class Reading(enum.Enum):
    """What a column or row of figures holds, from the words of its label."""

    TO_DATE = "to date"  # the year so far (累计值); also a plain figure
    SINGLE = "single"  # the period alone (当期值, 当月, 当季)
    GROWTH = "growth"  # a growth rate on the year before (同比增长, 累计增长, 增速)


_READINGS: tuple[tuple[re.Pattern[str], Reading], ...] = (
    (
        re.compile(r"(?:累计|同比|比上年|比去年|比上年同期)?(?:增长|增速|增幅|增减)(?:率|速度)?$"),
        Reading.GROWTH,
    ),
    (re.compile(r"(?:当期值|当期|当月值|当月|本月|当季值|当季|本季|单月|单季)$"), Reading.SINGLE),
    (re.compile(r"(?:累计值|累计数|累计|绝对量|绝对值|数值|总量|本年累计|本年)$"), Reading.TO_DATE),
)


class Label(NamedTuple):
    """A label taken apart: the name itself, the unit it carried (or ``""``), what
    its figures are, and whether it was marked as an item of a total."""

    name: str
    unit: str
    reading: Reading
    item: bool
    whole: str  # the name with the words of its reading (高新技术产业投资增速 is a metric)


def clean(text: str) -> str:
    """The label as a name: full-width forms folded, the padding between Chinese
    characters and the mark of an item of a total (``#``, ``其中：``) removed."""
    folded = normalise(text).replace("\u3000", " ")
    return _OF_WHICH.sub("", _PADDING.sub("", folded)).strip()


def is_item(text: str) -> bool:
    """Whether the label is marked as an item of the total above it."""
    return _OF_WHICH.match(normalise(text)) is not None


def is_total(text: str) -> bool:
    """Whether the label names a total rather than a region (``全　国``, ``合计``)."""
    return clean(text).casefold() in TOTALS


def split(text: str) -> Label:
    """``技术合同成交额累计值(亿元)`` → name 技术合同成交额, unit 亿元, to date."""
    item = is_item(text)
    name = clean(text)
    unit = ""
    found = _UNIT.search(name)
    if found is not None and not found.group("unit").isdigit():
        unit, name = found.group("unit"), name[: found.start()].strip()
    whole = name
    reading = Reading.TO_DATE
    for pattern, kind in _READINGS:
        cut = pattern.search(name)
        if cut is not None and cut.start() > 0:
            reading, name = kind, name[: cut.start()].rstrip(" _-—:：/")
            break
        if cut is not None and kind is not Reading.TO_DATE:
            reading = kind  # the whole label is the kind: 同比增长(%), 当期值
            break
    if unit == "%" and reading is Reading.TO_DATE and name.endswith(("增长", "增速")):
        reading = Reading.GROWTH
    return Label(name, unit, reading, item, whole)
