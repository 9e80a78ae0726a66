"""Which catalog metric a goal's words name, or a new metric to propose.

A catalog name or alias that occurs in the goal's phrase names its metric (the longest
wins); the verb of an enumeration (新增 in 新增高新技术企业5000家、科技型中小企业1.2万家)
is tried in front of a phrase that has none. A phrase no name matches becomes a
proposed metric, its id taken from a digest of its name so that two drafts proposing
the same metric propose the same id.
"""

from __future__ import annotations

import hashlib
import re

from pcheck.errors import ValueParseError
from pcheck.extract.draft import Proposal
from pcheck.extract.text import normalise
from pcheck.model import Basis, Catalog, Kind, Metric
from pcheck.units import check_unit, factor

# The verbs a goal of a count opens with (新增…5000家), which the things listed after
# it share (新增高新技术企业5000家、科技型中小企业1.2万家).
VERBS = (
    "新增|新培育|新建|新认定|新引进|新招引|新入选|培育|引进|建设|打造|组建|认定|备案|立项|派遣|"
    "促成|建成|累计"
)
_VERB = re.compile(rf"^(?:全年|每年)?({VERBS})")
_STOCK = re.compile(r"规模|余额|总量|存量|市值")
_MONEY = re.compile(r"投入|支出|经费|费用|资金|基金|收入|产值|增加值|投资|额|营收|利润|税")
_FLOW = re.compile(
    r"新增|新建|新认定|新引进|新招引|培育|引进|组建|认定|备案|立项|派遣|促成|完成|开展|实施|全年|年度"
)


class MetricIndex:
    """The catalog's metric names, normalised for searching goal phrases."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        names: list[tuple[str, Metric]] = []
        for metric in catalog.metrics.values():
            for name in (metric.name, *metric.aliases):
                names.append((normalise(name).replace(" ", ""), metric))
        names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.names = names
        self.found: dict[tuple[str, str, str], Metric | None] = {}

    def find(self, phrase: str, unit: str, verb: str = "") -> Metric | None:
        """The metric ``phrase`` names, if a catalog name occurs in it and the unit fits."""
        key = (phrase, unit, verb)
        if key not in self.found:
            self.found[key] = self._find(phrase, unit, verb)
        return self.found[key]

    def _find(self, phrase: str, unit: str, verb: str) -> Metric | None:
        for candidate in (phrase, verb + phrase) if verb else (phrase,):
            for name, metric in self.names:
                if name and name in candidate and _fits(metric, unit):
                    return metric
        return None


def _fits(metric: Metric, unit: str) -> bool:
    if not unit:
        return True
    try:
        factor(unit, metric.unit)
    except ValueParseError:
        return False
    return True


def verb_of(phrase: str) -> str:
    """The verb an enumeration's first phrase opens with, for the phrases after it."""
    match = _VERB.match(phrase)
    return match.group(1) if match else ""


def propose(phrase: str, unit: str, basis: Basis) -> Proposal | None:
    """A new metric for ``phrase``, or None when the phrase is too thin to name one."""
    name = re.sub(r"\s+", "", phrase).strip(',、:;()“”"')
    if len(name) < 2:
        return None
    try:
        unit = check_unit(unit)
    except ValueParseError:
        return None
    kind = Kind.FLOW if _FLOW.search(name) and unit not in ("%", "‰") else Kind.LEVEL
    if unit in ("元", "万元", "亿元", "万亿元") and not _STOCK.search(name):
        # An amount of money a plan sets for a year (成交额, 投入, 产值) is a flow.
        kind = Kind.FLOW
    if basis is Basis.GROWTH:
        # The figure is a growth rate; the metric itself is an amount, in a unit the
        # words may say (投入, 产值: money) and a person checks.
        kind = Kind.FLOW
        unit = "亿元" if _MONEY.search(name) else "项"
    digest = hashlib.blake2s(f"{name}\t{unit}".encode(), digest_size=4).hexdigest()
    return Proposal(id=f"draft_{digest}", name=name, unit=unit, kind=kind)
