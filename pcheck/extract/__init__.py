"""Drafting a target file from a plan's text.

:func:`extract` reads a plan's text (already decoded) and returns a
:class:`~pcheck.extract.draft.Draft`: the document block, the region and year, and one
goal per quantitative commitment, each with what a reviewer should check. It does no
I/O and words nothing; ``pcheck.render.draft`` writes drafts out.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from dataclasses import replace

from pcheck.extract.draft import Draft, Goal, Heading, Passed, Proposal
from pcheck.extract.goals import FIVE_YEAR, goals_in
from pcheck.extract.metrics import MetricIndex, propose
from pcheck.extract.numbers import written
from pcheck.extract.segments import OPENING_YEAR, sentences, year_due
from pcheck.extract.tables import table_goals
from pcheck.extract.text import Text, clean, normalise
from pcheck.model import Basis, Catalog, Kind, Message

__all__ = ["Draft", "Goal", "Passed", "extract", "plan_year"]

_PLAN_YEAR = re.compile(
    r"(20\d\d)年(?:度)?(?:[^\n。,]{0,8}?)(?:工作要点|工作思路|工作计划|工作安排|重点工作|工作打算|"
    r"要点|主要目标|目标任务)"
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")
_AHEAD = re.compile(rf"(?:到|至)(20\d\d)年|(?:^|[\n。])\s*{OPENING_YEAR}")
_DATE = re.compile(r"(20\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[［(（]\s*20\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号")
_ISSUER = re.compile(
    r"[\u4e00-\u9fff]{2,16}?(?:人民政府办公厅|人民政府办公室|人民政府|科学技术厅|科学技术局|"
    r"科技厅|科技局|科学技术委员会|科技创新委员会办公室|发展和改革委员会|委员会|办公厅|办公室)"
)


def extract(
    original: str,
    catalog: Catalog,
    source: str,
    *,
    region: str | None = None,
    year: int | None = None,
    title: str | None = None,
) -> Draft:
    """The draft target file of the plan whose text is ``original``."""
    text = clean(original)
    heading = _heading(text, title)
    plan, since = plan_years(text.view, heading)
    if year is not None:
        # The period the text states holds when it ends in the year given.
        plan, since = year, (since if plan == year else year)
    checks: list[Message] = []
    if plan is None:
        plan = 0
        checks.append(Message.of("extract.no-year"))
    since = plan if since is None or since > plan else since
    period = (since, plan) if since < plan else None  # a plan of several years, stated
    this_year = int(heading.date[:4]) if heading.date else since
    found, rows, others = table_goals(text, plan)
    passed: list[Passed] = []
    read = sorted(rows)
    tables = sorted(others)
    due = plan  # a year a sentence gives holds for the rest of its paragraph
    for sentence in sentences(text.view, since):
        if sentence.start == 0 or "\n" in text.view[max(0, sentence.start - 1) : sentence.start]:
            due = plan
        if sentence.heading or _within(read, sentence.start):
            continue
        said = year_due(text.view[sentence.start : sentence.end], this_year)
        if said is not None and said >= since and sentence.past is None:
            due = said
        in_table = _within(tables, sentence.start)
        for item in goals_in(text, sentence, due, since, this_year, period):
            if isinstance(item, Passed):
                passed.append(item)
            elif in_table:
                reason = Message.of("extract.table-without-goals")
                passed.append(Passed(item.start, item.end, item.quote, reason))
            else:
                found.append(item)
    index = MetricIndex(catalog)
    goals = _without_repeats(_with_metrics(sorted(found, key=lambda g: g.start), index))
    goals = _with_milestones_noted(_sums_of_flows(goals, catalog))
    if region is None:
        region = _region(text, heading, catalog)
        if region is None:
            checks.append(Message.of("extract.no-region"))
    return Draft(source, heading, region, plan, tuple(goals), tuple(passed), tuple(checks))


_RANGE = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~～至到]+\s*(20\d\d)\s*年")
_FIVE_YEAR_PLAN = re.compile(
    r"[\"“]?(十[三四五]五)[\"”]?[^。\n]{0,20}?(?:规划|时期|期间|计划|行动|总体目标|主要目标)"
)


def plan_years(view: str, heading: Heading) -> tuple[int | None, int | None]:
    """The year a plan's goals are due by and the first year of its period: those of
    the range it names (2023—2025年) or of the five-year plan it is (十四五), else the
    plan year of an annual plan (see :func:`plan_year`) for both."""
    head = normalise(heading.title or "") + "\n" + view[:600]
    span = _RANGE.search(head)
    if span is not None and int(span.group(1)) < int(span.group(2)) <= int(span.group(1)) + 10:
        return int(span.group(2)), int(span.group(1))
    # A five-year plan says so at its head; a later mention may be of another one.
    five = _FIVE_YEAR_PLAN.search(normalise(heading.title or "") + "\n" + view[:150])
    if five is not None:
        first = FIVE_YEAR[five.group(1)]
        return first + 4, first
    year = plan_year(view, heading)
    return year, year


def plan_year(view: str, heading: Heading) -> int | None:
    """The year an annual plan is for: the one its headings or title plan
    (2024年工作要点), else that of its date, else the latest a sentence opens with
    (2024年,全市…), else the one its goals are due by most often (到2020年), else
    the year it names most."""
    stated = Counter(int(m.group(1)) for m in _PLAN_YEAR.finditer(view))
    title = normalise(heading.title or "")
    if re.search(r"计划|要点|方案|规划|意见|思路|安排|目标|任务", title):
        # A plan's title names its year; a news report's may name the year it reviews.
        stated.update(int(m.group(1)) for m in _YEAR.finditer(title))
    if stated:
        return max(stated.items(), key=lambda pair: (pair[1], pair[0]))[0]
    if heading.date:
        return int(heading.date[:4])
    opening = [int(m.group(2)) for m in _AHEAD.finditer(view) if m.group(2)]
    if opening:
        # Sentences opening with a year tell first of the past, then of the plan.
        return max(opening)
    due = Counter(int(m.group(1)) for m in _AHEAD.finditer(view) if m.group(1))
    if due:
        # The year the goals are due by (到2020年): the one said most, the nearer of
        # equals (到2035年 is a vision, not the plan).
        return max(due.items(), key=lambda pair: (pair[1], -pair[0]))[0]
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(view))
    if not years:
        years = Counter(
            int(m.group(0))
            for m in re.finditer(r"(?<![\d.])20[1-4]\d(?![\d.%]|\s*[家个项名人元万亿件次所])", view)
        )
    return years.most_common(1)[0][0] if years else None


def _heading(text: Text, title: str | None) -> Heading:
    view = text.view
    top = view[:3000]
    date = _DATE.search(top)
    number = _NUMBER.search(top)
    issuer = _ISSUER.search(top)
    return Heading(
        title=title or _title(text),
        issuer=issuer.group(0) if issuer else None,
        date=_date(date),
        number=text.shown[number.start() : number.end()] if number else None,
    )


def _date(match: re.Match[str] | None) -> str | None:
    """A date the text gives, if it is one (2024年2月30日 is not)."""
    if match is None:
        return None
    import datetime

    try:
        day = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.isoformat()


def _title(text: Text) -> str | None:
    """The first line that reads as a title: short, with no stop in it."""
    for line in text.shown[:2000].split("\n"):
        line = line.strip()
        if (
            6 <= len(line) <= 60
            and not re.search(r"[。;；:：|]", line)
            and re.search(r"[\u4e00-\u9fff]{4}", line)
        ):
            return line
    return None


def _region(text: Text, heading: Heading, catalog: Catalog) -> str | None:
    """The region the issuer or the title names."""
    for words in (heading.issuer, heading.title, text.view[:300]):
        if not words:
            continue
        found = _region_in(normalise(words), catalog)
        if found is not None:
            return found
    return _most_named(text.view, catalog)


def _most_named(view: str, catalog: Catalog) -> str | None:
    """The region the text names most often, if one stands out."""
    counts: Counter[str] = Counter()
    for start in range(min(len(view), 20_000)):
        for length in (4, 3, 2, 5, 6, 7):
            code = _named(view[start : start + length], catalog)
            if code is not None:
                counts[code] += 1
                break
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def _region_in(words: str, catalog: Catalog) -> str | None:
    for length in range(min(len(words), 12), 1, -1):
        for start in range(0, min(len(words) - length + 1, 40)):
            code = _named(words[start : start + length], catalog)
            if code is not None:
                return code
    return None


def _named(words: str, catalog: Catalog) -> str | None:
    """The region ``words`` name in running text: by its full name, or by a short
    name only for a province or prefecture (杭州), since a county's short name is
    often a pair of common characters (新平 in 创新平台)."""
    region = catalog.find_region(words)
    if region is None:
        return None
    if words.endswith(region.name) or region.code.endswith("00"):
        return region.code
    return None


def _within(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether ``index`` falls in one of the sorted ``spans``."""
    at = bisect.bisect_right(spans, (index, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _named_once(proposal: Proposal, named: dict[str, str]) -> Proposal:
    """``proposal`` under a name no other proposed metric has (a catalog refuses a
    name for two metrics)."""
    name = proposal.name
    if named.get(name.casefold(), proposal.id) != proposal.id:
        name = f"{name}({proposal.id})"
    named[name.casefold()] = proposal.id
    return replace(proposal, name=name)


def _without_repeats(goals: list[Goal]) -> list[Goal]:
    """Goals less those a table repeats from the text (the text's quote is kept)."""
    said = {(g.metric, g.year, g.value, g.unit) for g in goals if g.metric and not _from_table(g)}
    return [
        g for g in goals if not (_from_table(g) and (g.metric, g.year, g.value, g.unit) in said)
    ]


def _sums_of_flows(goals: list[Goal], catalog: Catalog) -> list[Goal]:
    """Goals summed over years (累计) of flows only: the yearly figures of a stock do
    not add up, so such a goal stays one of its year, with a check."""
    kept: list[Goal] = []
    for goal in goals:
        if goal.accumulated_from is not None and _kind(goal, catalog) is not Kind.FLOW:
            checks = [c for c in goal.checks if c.id != "extract.check-accumulated"]
            checks.append(Message.of("extract.check-cumulative"))
            goal = replace(goal, accumulated_from=None, checks=tuple(checks))
        kept.append(goal)
    return kept


def _kind(goal: Goal, catalog: Catalog) -> Kind | None:
    if goal.metric is not None:
        return catalog.metrics[goal.metric].kind
    return goal.proposal.kind if goal.proposal is not None else None


def _with_milestones_noted(goals: list[Goal]) -> list[Goal]:
    """Goals starting from a stated figure, with a check naming the values the plan
    sets for the same metric in the years between. Those stay targets of their own
    year: a wrong match of two phrases to one metric would otherwise lose a goal."""
    noted: list[Goal] = []
    for goal in goals:
        start = goal.baseline
        name = _metric_of(goal)
        if start is not None and start.value is not None and name is not None:
            for other in goals:
                if (
                    _metric_of(other) == name
                    and start.year < other.year < goal.year
                    and other.unit == goal.unit
                    and other.basis is Basis.VALUE
                    and other.value is not None
                    and other.upper is None
                ):
                    value = f"{written(other.value)}{other.unit}"
                    said = Message.of("extract.check-milestone", value=value, year=other.year)
                    goal = replace(goal, checks=(*goal.checks, said))
        noted.append(goal)
    return noted


def _metric_of(goal: Goal) -> str | None:
    return goal.metric or (goal.proposal.id if goal.proposal is not None else None)


def _from_table(goal: Goal) -> bool:
    return any(check.id == "extract.check-table" for check in goal.checks)


def _with_metrics(found: list[Goal], index: MetricIndex) -> list[Goal]:
    goals: list[Goal] = []
    units: dict[str, str] = {}  # the unit of each name proposed so far
    # The metric each name stands for: the catalog's, and those proposed so far.
    named = {
        name.casefold(): metric.id
        for metric in index.catalog.metrics.values()
        for name in (metric.id, metric.name, *metric.aliases)
    }
    for goal in found:
        unit = "" if goal.basis is Basis.GROWTH else goal.unit
        metric = index.find(goal.phrase, unit, goal.verb)
        if metric is not None:
            goals.append(replace(goal, metric=metric.id))
            continue
        phrase = goal.verb + goal.phrase
        if units.setdefault(phrase, goal.unit) != goal.unit:
            # One name, two units: two metrics, told apart by their units.
            phrase = f"{phrase}({goal.unit})"
        proposal = propose(phrase, goal.unit or "%", goal.basis) or propose(
            goal.quote, goal.unit or "%", goal.basis
        )
        if proposal is not None:
            proposal = _named_once(proposal, named)
        checks = (*goal.checks, Message.of("extract.check-metric", phrase=phrase))
        if proposal is not None and goal.basis is Basis.GROWTH:
            checks += (Message.of("extract.check-metric-unit", unit=proposal.unit),)
        goals.append(replace(goal, proposal=proposal, checks=checks))
    return goals
