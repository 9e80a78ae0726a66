"""Goals found in a sentence: each figure with a unit, read with the words around it.

A figure is a goal when it sits in a sentence looking forward and is not one of the
things that only look like goals: an ordinal (第三), a name in quotes ("315"), a
document number (〔2024〕297号), a threshold that qualifies a noun (3亿元以上制造业企业)
or a framing count (锚定18个指标). The operator comes from the verb before the figure
(达到, 超, 突破, 不少于) or the word after it (以上, 左右, 以内); the tier from 力争,
争取 or 冲刺; growth from 增长 and 增速. A goal due years ahead is drafted as one where
its words say so and the years are stated: 由2022年的3.0%提高到3.6% starts from 2022's
figure; 2023—2027年累计 sums the yearly figures; 年均增长 runs from the year before the
plan's first; 每年 is set for every year of the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from pcheck.errors import ValueParseError
from pcheck.extract import numbers
from pcheck.extract.draft import Goal, Passed, Start
from pcheck.extract.metrics import VERBS, verb_of
from pcheck.extract.segments import PAST_CUE, Sentence, future_cue, year_due
from pcheck.extract.text import Text
from pcheck.model import Basis, Message, Op, Tier
from pcheck.units import MAX_DIGITS, factor

# Units as written after a figure, longest first, with the unit pcheck reads.
UNITS = {
    "万亿元": "万亿元",
    "亿元": "亿元",
    "万元": "万元",
    "万家": "万家",
    "个百分点": "百分点",
    "百分点": "百分点",
    "万人次": "万人次",
    "人次": "人次",
    "万平方米": "万平方米",
    "平方米": "平方米",
    "万项": "万项",
    "万件": "万件",
    "万名": "万名",
    "万人": "万人",
    "万个": "万个",
    "万户": "万户",
    "户": "户",
    "元": "元",
    "家": "家",
    "个": "个",
    "项": "项",
    "件": "件",
    "名": "名",
    "人": "人",
    "位": "位",
    "所": "所",
    "篇": "篇",
    "台": "台",
    "套": "套",
    "次": "次",
    "场": "场",
    "条": "条",
    "座": "座",
    "支": "支",
    "批": "批",
    "%": "%",
    "‰": "‰",
}
COUNTS = frozenset(
    {
        "户",
        "万户",
        "万个",
        "万项",
        "家",
        "万家",
        "个",
        "项",
        "件",
        "万件",
        "名",
        "万名",
        "人",
        "万人",
        "人次",
        "万人次",
        "位",
        "所",
    }
    | {"篇", "台", "套", "次", "场", "条", "座", "支", "批"}
)
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_NUMERAL = numbers.NUMERAL
FIGURE = re.compile(
    r"(?P<share>一半|半数|过半)"
    r"|(?P<first>首[个家座])"
    r"|(?P<cover>全覆盖)"
    r"|翻(?P<doubling>一|两|二|三)番"
    rf"|百分之(?P<percent>[{_NUMERAL}]+(?:点[{_NUMERAL}]+)?)"
    rf"|(?P<denominator>[{_NUMERAL}]+)分之(?P<numerator>[{_NUMERAL}]+)"
    r"|(?<![A-Za-z0-9.\-/])(?P<arabic>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?)"
    r"(?:(?P<scale>%|万|亿)?[-—–~～至到](?P<high>\d+(?:\.\d+)?)|(?![A-Za-z0-9\-]))"
    rf"|(?<![{_NUMERAL}第])(?P<chinese>[{_NUMERAL}]+(?:点[{_NUMERAL}]+)?)"
)
_UNIT_AFTER = re.compile(rf"(?:{_UNIT})")
_AFTER_WORDS = re.compile(r"(以上|及以上|左右|以内|以下|上下)")
# Verbs before a figure, nearest first; a match ends right before the figure.
_OP_BEFORE = [
    (re.compile(r"(不少于|不低于|至少|达到|达|实现|保持在|提升到|提高到|提升至|提高至)$"), Op.GE),
    (re.compile(r"(超过|超出|超|突破|高于|大于|多于)$"), Op.GT),
    (re.compile(r"(不超过|不高于|控制在|降低到|降至|下降到|压减到|压减至|少于)$"), Op.LE),
    (re.compile(r"(低于)$"), Op.LT),
    (re.compile(r"(约|大约|左右)$"), Op.APPROX),
]
_STRETCH = re.compile(r"力争|争取|冲刺")
_GROWTH = re.compile(r"(增长|增速|增幅|年均增长)[^,;、]{0,6}$")
_DECLINE = re.compile(r"(下降|降低|减少)[^,;、]{0,6}$")
_FRAMING_BEFORE = re.compile(
    r"(锚定|围绕|聚焦|涵盖|包括|分为|即|共有|涉及|明确|主要有|通过)[^,;、]{0,2}$"
    r"|指标(?:增至|增加到|为|共|有)$"
)
_FRAMING_AFTER = re.compile(
    r"^[^,;、。]{0,8}?(指标|领域|方面|环节|类|大类|板块|维度|机制|任务清单|总体目标|目标|抓手|主线|"
    r"具体任务|重点任务|主要任务|思路|路径|原则|定位|特色|行动|工程|举措)"
)
_FROM = re.compile(r"(?:由|从)(?:20\d\d年(?:的|底的|末的|底|末)?)?$")
_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|下降|降低|减少|压减|缩小|增|降)?(?:到|至)")
_THRESHOLD_BEFORE = re.compile(
    r"(年营收|营收|营业收入|销售收入|主营业务收入|年产值|产值|规模|投资额)(?:超过|超|达到|达|在)?$"
)
# 营业收入5000万元以上 or 超100亿元的 before a noun: a size class, not a goal.
_RANGE_AFTER = re.compile(r"(?:以上|以下|及以上)?的?[\u4e00-\u9fff]")
_DURATION = re.compile(r"(?:个)?(?:月|小时|工作日|天|周|年)")
WINDOW = 80  # characters before or after a figure that can bear on how it is read
# What a saved web page prints around a document: counters, footers, tools.
_DEBRIS = re.compile(
    r"访问量|浏览量|浏览次数|阅读量|阅读次数|点击量|点击数|打印本页|关闭窗口|字号|ICP备|网站标识码|"
    r"公网安备|版权所有|主办单位|承办单位|技术支持"
)
_NOUN_AFTER = re.compile(r"[“\"\u4e00-\u9fff][^,;:、。\d]{0,23}")
# A verb right before a count makes it a goal, not a framing count (建设10个 against
# 锚定18个指标): those of counts, and those of work done.
_VERB = re.compile(rf"^(?:全年)?(?:{VERBS}|实施|支持|争创|布局|推动|完成|开展)")
# A comparison with another figure: 快于面上, 高于全国平均.
_COMPARISON = re.compile(
    r"(快于|高于|超过|超|优于|不低于)(全国平均|全省平均|全国|全省|面上|平均水平|全市平均)"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from the text with its unit, at ``[start, end)``."""

    start: int
    end: int
    value: Fraction
    unit: str
    written_unit: str
    share: bool = False
    upper: Fraction | None = None  # of a range: 2-3家, 4.5%至5%


def goals_in(
    text: Text,
    sentence: Sentence,
    plan_year: int,
    since: int | None = None,
    this_year: int | None = None,
    period: tuple[int, int] | None = None,
) -> Iterator[Goal | Passed]:
    """The goals of one sentence, and the figures it gives that are not goals.

    ``since`` is the first year of the plan's period (the plan year of an annual
    plan): a year before it is the past, a year from it on is when goals are due.
    ``this_year`` is the year the text calls 今年 (that of its date). ``period`` is
    the first and last year of a plan of several years, when the plan states them.
    """
    view = text.view
    since = plan_year if since is None else since
    # A year the sentence gives (到2027年) holds from its clause on; before it, the
    # first year the sentence gives, else the plan's.
    due = year_due(view[sentence.start : sentence.end], this_year or since) or plan_year
    if due < since:
        due = plan_year
    stretch_from: int | None = None
    past: Message | None = sentence.past
    # Each goal with its span in the cleaned text.
    found: list[tuple[Goal, int, int]] = []
    verb = ""
    for clause_start, clause_end in _clauses(view, sentence.start, sentence.end):
        clause = view[clause_start:clause_end]
        for year in _years(clause):
            if year >= since:
                due = year
            elif sentence.past is None:
                past = Message.of("extract.past-year", year=year)
        if _DEBRIS.search(clause):
            past = Message.of("extract.page-furniture")
        if past is not None and sentence.past is None and future_cue(clause):
            past = None
        cue = PAST_CUE.search(clause)
        if cue is not None and sentence.past is None and not _stretch_opens(clause):
            past = Message.of("extract.past-cue", words=cue.group(0))
        stretch = _STRETCH.search(clause)
        if stretch is not None and stretch_from is None and _opens(clause, stretch.start()):
            stretch_from = clause_start + stretch.start()
        piece_start = clause_start
        comparison = _COMPARISON.search(clause) if past is None else None
        if comparison is not None:
            said_end = clause_start + comparison.end()
            tier = Tier.STRETCH if stretch_from is not None else Tier.BASE
            found.append(_comparison(text, clause_start, said_end, comparison, due, tier))
            if not any(f.start < said_end for f in _figures(view, clause_start, said_end)):
                piece_start = said_end
                while piece_start < clause_end and view[piece_start] in "、和及与":
                    piece_start += 1
        framed = -1  # where the last framing count ended
        for figure in _figures(view, clause_start, clause_end):
            reason = past or _not_a_goal(view, figure, clause_start, clause_end)
            if reason is None and framed >= 0 and _listed_on(view[framed : figure.start]):
                # 通过20项重点指标、7大任务、10个民生项目: the whole list frames.
                reason = Message.of("extract.framing")
            if reason is not None and reason.id == "extract.framing":
                framed = figure.end
            if reason is not None:
                span = text.span(figure.start, figure.end)
                yield Passed(*span, text.shown[figure.start : figure.end], reason)
                continue
            where = (sentence.start, piece_start, clause_start, clause_end)
            goal, start, end = _goal(text, figure, where, due, period)
            own = verb_of(goal.phrase)
            if own:
                verb = own
            elif verb and goal.unit in COUNTS:
                goal = replace(goal, verb=verb)
            this_piece, piece_start = piece_start, _after(view, figure)
            in_stretch = stretch_from is not None and stretch_from <= figure.start
            local = stretch is not None and clause_start + stretch.start() < figure.start
            if not (in_stretch or local):
                found.append((goal, start, end))
                continue
            if found and _bare_stretch(view, this_piece, figure):
                previous, first, _ = found[-1]
                if (
                    previous.unit == goal.unit
                    and previous.tier is Tier.BASE
                    and previous.upper is None
                    and previous.value is not None
                    and goal.value is not None
                    and _beyond(previous.op, previous.value, goal.value)
                    and "/" not in numbers.written(goal.value)  # a stretch is a decimal
                ):
                    merged = replace(
                        previous,
                        stretch=goal.value,
                        end=goal.end,
                        quote=text.quote(first, end),
                    )
                    found[-1] = (merged, first, end)
                    continue
            found.append((replace(goal, tier=Tier.STRETCH), start, end))
    for goal, _, _ in found:
        yield from _each(goal)


_YEAR = re.compile(r"(20\d\d)年")
_BASE_BEFORE = re.compile(r"(?:较|比|与|同|从|由|自|在|以|相比|相对)\s*$")
_BASE_AFTER = re.compile(r"(?:末|底)?(?:基础上|的基础|基数|水平|为基|基期|相比|的\d)")


def _beyond(op: Op, value: Fraction, stretch: Fraction) -> bool:
    """Whether ``stretch`` goes beyond ``value`` in the direction ``op`` sets."""
    if op in (Op.LE, Op.LT):
        return stretch < value
    return stretch > value


def _listed_on(between: str) -> bool:
    """Whether the words between two figures go on a list (、7大任务、) rather
    than start a new statement."""
    return len(between) <= 12 and bool(re.search(r"、|以及|和|及", between))


def _years(clause: str) -> Iterator[int]:
    """The years a clause names as when, not as a base to compare with (较2020年)."""
    for match in _YEAR.finditer(clause):
        if _BASE_BEFORE.search(clause, 0, match.start()) or _BASE_AFTER.match(clause, match.end()):
            continue
        yield int(match.group(1))


def _each(goal: Goal) -> Iterator[Goal]:
    """国家项目、省项目、市项目各100项: one goal for each thing named before 各;
    A和B覆盖率实现双100%: one for each of the two."""
    double = re.search(r"(?:实现|达到|达)?双$", goal.phrase)
    if double is not None:
        pair = re.split(r"[和与及、]", goal.phrase[: double.start()], maxsplit=1)
        if len(pair) == 2:
            yield from (replace(goal, phrase=part) for part in pair)
            return
    match = re.search(r"各(?:达到|达|超过|超|不少于|不低于)?$", goal.phrase)
    if match is None:
        yield goal
        return
    named = re.sub(r"\d+[类个项]项目$|[两三四五六七八九]类项目$", "", goal.phrase[: match.start()])
    subjects = [part for part in re.split(r"[、和及与]", named) if len(part) >= 2]
    if len(subjects) < 2:
        yield replace(goal, phrase=goal.phrase[: match.start()])
        return
    for subject in subjects:
        yield replace(goal, phrase=subject)


def _clauses(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    begin = start
    depth = 0
    for index in range(start, end):
        char = view[index]
        if char in '“《("':
            depth += 1 if char != '"' or depth == 0 else -1
        elif char in "”》)":
            depth = max(0, depth - 1)
        elif char in ",;:" and depth == 0:
            if index > begin:
                yield begin, index
            begin = index + 1
    if end > begin:
        yield begin, end


def _opens(clause: str, index: int) -> bool:
    """Whether the word at ``index`` opens its clause (nothing but adverbs before)."""
    return (
        re.fullmatch(r"\s*(?:全年|同时|并|年内|今年|明年|其中|预计|主要目标)?\s*", clause[:index])
        is not None
    )


def _stretch_opens(clause: str) -> bool:
    match = _STRETCH.search(clause)
    return match is not None and _opens(clause, match.start())


def _bare_stretch(view: str, clause_start: int, figure: Figure) -> bool:
    """力争800家 right after a goal: the stretch value of that goal."""
    before = view[clause_start : figure.start]
    return re.fullmatch(r"\s*(?:力争|争取|冲刺)(?:达到|达|实现|突破)?\s*", before) is not None


def _figures(view: str, start: int, end: int) -> Iterator[Figure]:
    for match in FIGURE.finditer(view, start, end):
        figure = _figure(view, match, end)
        if figure is not None:
            yield figure


def _figure(view: str, match: re.Match[str], end: int) -> Figure | None:
    kind = next(
        name
        for name in (
            "share",
            "first",
            "cover",
            "doubling",
            "percent",
            "denominator",
            "arabic",
            "chinese",
        )
        if match.group(name) is not None
    )
    after = match.end()
    if kind == "share":
        return Figure(match.start(), after, Fraction(50), "%", "", share=True)
    if kind == "first":
        return Figure(
            match.start(), after, Fraction(1), "个" if view[after - 1] != "家" else "家", ""
        )
    if kind == "cover":
        return Figure(match.start(), after, Fraction(100), "%", "", share=True)
    if kind == "doubling":
        # 翻一番: doubles, growth of 100 %; 翻两番: quadruples, 300 %.
        times = 2 ** {"一": 1, "两": 2, "二": 2, "三": 3}[match.group("doubling")]
        return Figure(match.start(), after, Fraction(100 * (times - 1)), "%", "番")
    if kind == "percent":
        said = match.group("percent")
        value = numbers.chinese(said)
        if value is None or (len(said) == 1 and said in "十百千万亿"):
            return None  # 百分之百 says "wholly", not a figure to reach
        return Figure(match.start(), after, value, "%", "")
    if kind == "denominator":
        top = numbers.chinese(match.group("numerator"))
        bottom = numbers.chinese(match.group("denominator"))
        if not top or not bottom or top >= bottom:
            return None  # a share is a proper fraction (三分之一); 三分之一三 is no share
        return Figure(match.start(), after, 100 * top / bottom, "%", "", share=True)
    text = match.group(kind or "")
    if sum(char.isdigit() for char in text) > MAX_DIGITS:
        return None  # more digits than pcheck compares exactly: no figure of a plan
    if kind == "chinese":
        value = numbers.chinese(text)
        if value is None or value == 0:
            return None
    else:
        read = numbers.arabic(text)
        if read is None:
            return None
        value = read
        if "/" in text:
            unit = _UNIT_AFTER.match(view, after, end)
            if unit is None:
                if not 0 < value < 1:
                    return None
                return Figure(match.start(), after, 100 * value, "%", "", share=True)
    unit = _UNIT_AFTER.match(view, after, end)
    if unit is None:
        return None
    written = unit.group(0)
    if written == "个" and _DURATION.match(view, unit.end()):
        return None
    if kind == "chinese" and (value < 10 or len(text) == 1):
        # 两个中心, 一批, 四次全会, 千家万户: small or lone Chinese numerals name
        # things or make idioms, not goals.
        return None
    upper = _upper(match, written, value)
    if match.group("high") is not None and upper is None:
        return None
    return Figure(match.start(), unit.end(), value, UNITS[written], written, upper=upper)


def _upper(match: re.Match[str], unit: str, low: Fraction) -> Fraction | None:
    """The upper end of a range (2000万-3000万人, 4.5%至5%), when its ends agree."""
    high = match.group("high")
    if high is None or "/" in (match.group("arabic") or ""):
        return None
    scale = match.group("scale") or ""
    if scale and not unit.startswith(scale):
        return None
    top = Fraction(Decimal(high))
    return top if top > low else None


def _not_a_goal(view: str, figure: Figure, clause_start: int, clause_end: int) -> Message | None:
    # Words near the figure decide; a window keeps a clause of thousands of figures linear.
    before = view[max(clause_start, figure.start - WINDOW) : figure.start]
    after = view[figure.end : min(clause_end, figure.end + WINDOW)]
    if before.endswith("第"):
        return Message.of("extract.ordinal")
    if _headline(view, figure, clause_start, clause_end):
        return Message.of("extract.headline")
    if _FROM.search(before) and _TO.match(after):
        # 由55.3%提高到60%: where the plan starts from, not where it goes.
        return Message.of("extract.baseline")
    if _quoted(view, max(clause_start, figure.start - WINDOW), figure.start, figure.end):
        return Message.of("extract.name")
    if re.search(r"[〔\[【]\s*$", before) or re.match(r"^\s*[〕\]】]", after):
        return Message.of("extract.document-number")
    if _FRAMING_BEFORE.search(before) or (
        figure.unit in ("个", "项", "家", "条", "件")
        and _FRAMING_AFTER.match(after)
        and not _VERB.search(before[-6:])
    ):
        return Message.of("extract.framing")
    if not figure.share and (
        _qualifies_noun(after) or (_THRESHOLD_BEFORE.search(before) and _RANGE_AFTER.match(after))
    ):
        return Message.of("extract.threshold")
    return None


def _qualifies_noun(after: str) -> bool:
    """A figure followed by 以上 and a noun: 3亿元以上制造业企业."""
    match = re.match(r"^(以上|及以上|以下)的?([\u4e00-\u9fff])", after)
    if match is None:
        return False
    return match.group(2) not in "左"


def _headline(view: str, figure: Figure, clause_start: int, clause_end: int) -> bool:
    """A figure alone before a colon at the start of a line (7%以上:…) heads what
    follows; the goal is stated below it."""
    at_line_start = clause_start == 0 or view[clause_start - 1] == "\n"
    alone = not view[clause_start : figure.start].strip() and re.fullmatch(
        r"\s*(?:以上|及以上|左右|以内|以下)?\s*", view[figure.end : clause_end]
    )
    return at_line_start and bool(alone) and view[clause_end : clause_end + 1] == ":"


def _quoted(view: str, start: int, index: int, end: int) -> bool:
    """Whether the figure at ``[index, end)`` is part of a short quoted name ("315",
    "1245"工作法, 《…》): a quote opens shortly before it and closes right after it.
    A figure inside quoted speech is not."""
    opened_at = max(view.rfind(mark, start, index) for mark in '“《「"')
    if opened_at < 0 or index - opened_at > _NAME_LENGTH:
        return False
    if not re.search('[”》」"]', view[end : end + _NAME_TAIL]):
        return False
    return _quoted_run(view, start, index)


_NAME_TAIL = 6  # characters a quoted name runs to after a figure in it


_NAME_LENGTH = 16  # characters a quoted name runs to before a figure in it


def _quoted_run(view: str, start: int, index: int) -> bool:
    opened = 0
    for char in view[max(0, start - 40) : index]:
        if char in "“《「":
            opened += 1
        elif char in "”》」":
            opened = max(0, opened - 1)
    straight = view[start:index].count('"') % 2 == 1
    return opened > 0 or straight


def _after(view: str, figure: Figure) -> int:
    """Where the next piece of an enumeration starts."""
    match = _AFTER_WORDS.match(view, figure.end)
    index = match.end() if match else figure.end
    while index < len(view) and view[index] in "、和及与":
        index += 1
    return index


def _goal(
    text: Text,
    figure: Figure,
    where: tuple[int, int, int, int],
    year: int,
    period: tuple[int, int] | None = None,
) -> tuple[Goal, int, int]:
    """The goal ``figure`` states, with the span of its quote; ``where`` holds where
    its sentence, its piece of an enumeration and its clause start, and where the
    clause ends."""
    view = text.view
    sentence_start, piece_start, clause_start, clause_end = where
    after_words = _AFTER_WORDS.match(view, figure.end, clause_end)
    end = after_words.end() if after_words else figure.end
    clause_start = max(clause_start, figure.start - WINDOW)
    noun = _NOUN_AFTER.match(view, end, clause_end)
    counted = ""
    runs_on = noun is not None and re.match(r"\d", view[noun.end() : noun.end() + 1])
    if noun is not None and not runs_on and figure.unit not in ("%", "‰", "百分点"):
        # 10家企业创新联合体: the counted thing follows its count.
        end = noun.end()
        counted = noun.group(0)
    before = view[clause_start : figure.start]
    op, checks = _operator(before, after_words.group(1) if after_words else None)
    basis = Basis.VALUE
    value = figure.value
    start_said = _start(view, clause_start, figure)
    if start_said is not None or _REACH.search(before):
        pass  # 由5%增长到8%, 增长到8%: a level to reach, not a rate of growth
    elif figure.unit == "%" and (_GROWTH.search(before) or figure.written_unit == "番"):
        basis = Basis.GROWTH
    elif figure.unit == "%" and _DECLINE.search(before):
        basis, value, op = Basis.GROWTH, -value, Op.LE if op is Op.GE else op
    if figure.unit == "百分点":
        checks = (*checks, Message.of("extract.check-points"))
    upper = figure.upper
    if upper is not None:
        op = Op.BETWEEN
        if basis is Basis.GROWTH and value < 0:
            value, upper = -upper, value
    start = piece_start
    while start < figure.start and view[start] in " 、,;:和及与":
        start += 1
    phrase = _phrase(view[start : figure.start]) + _counted(counted)
    span = text.span(start, end)
    goal = Goal(
        start=span[0],
        end=span[1],
        quote=text.quote(start, end),
        phrase=phrase,
        op=op,
        value=value,
        unit=figure.unit,
        year=year,
        basis=basis,
        upper=upper,
        checks=checks,
    )
    said = view[max(sentence_start, figure.start - 3 * WINDOW) : figure.start]
    return _ahead(goal, (before, said), start_said, period), start, end


# A span of years a sentence says before 累计, 年均 or 每年: 2023—2027年, 十四五.
_SPAN = re.compile(r"(20\d\d)年?[-—–~～至到](20\d\d)年|[\"“]?(十[三四五]五)[\"”]?")
FIVE_YEAR = {"十三五": 2016, "十四五": 2021, "十五五": 2026}  # the first year of each
# A count of years said right before 累计 (五年累计): it must be the plan's.
_YEARS_COUNTED = re.compile(r"([2-9两三四五六七八九十])年(?:来|间|内|中)?(?:全[省市区县])?$")
_FROM_YEAR = re.compile(r"(?:由|从)(20\d\d)年(?:底|末)?的?$")
_UP_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|上升|下降|降低|减少|压减|缩小|增|降)?(?:到|至)$")
_REACH = re.compile(r"(?:增长|增加|增)(?:到|至)$")


def _start(view: str, window: int, figure: Figure) -> Start | None:
    """由2022年的3.0%提高到…: the year and figure the goal at ``figure`` starts from,
    when the words state both, the figure with a unit the goal's converts to."""
    to = _UP_TO.search(view, window, figure.start)
    if to is None or figure.unit == "百分点" or figure.upper is not None:
        return None
    said = None
    for earlier in _figures(view, window, to.start()):
        said = earlier
    if said is None or said.end != to.start() or said.upper is not None or said.value <= 0:
        return None
    year = _FROM_YEAR.search(view, window, said.start)
    if year is None or said.unit == "百分点":
        return None
    try:
        factor(said.unit, figure.unit)
    except ValueParseError:
        return None
    return Start(int(year.group(1)), said.value, said.unit)


def _ahead(
    goal: Goal, words: tuple[str, str], start: Start | None, period: tuple[int, int] | None
) -> Goal:
    """``goal`` as one due years ahead where its words say so and give the years or
    the plan states its period; else as a goal of its year, with what to check.
    ``words`` are those of its clause before the figure, and those of its sentence."""
    before, said_before = words
    checks = goal.checks
    shaped = goal.value is not None and goal.upper is None
    if start is not None and start.year < goal.year and shaped and goal.basis is Basis.VALUE:
        value = f"{numbers.written(start.value or Fraction(0))}{start.unit}"
        said = Message.of("extract.check-baseline", value=value, year=start.year)
        goal = replace(goal, baseline=start, checks=(*checks, said))
    if "累计" in before:
        years = _years_of(said_before, "累计", goal.year, period)
        if years is not None and shaped and goal.basis is Basis.VALUE and goal.baseline is None:
            first, last = years
            said = Message.of("extract.check-accumulated", first=first, year=last)
            goal = replace(goal, year=last, accumulated_from=first, checks=(*goal.checks, said))
        else:
            goal = replace(goal, checks=(*goal.checks, Message.of("extract.check-cumulative")))
    if "年均" in before:
        years = _years_of(said_before, "年均", goal.year, period)
        if years is not None and shaped and goal.basis is Basis.GROWTH:
            first, last = years
            said = Message.of("extract.check-average-growth", start=first - 1, year=last)
            start = Start(first - 1)
            goal = replace(goal, year=last, baseline=start, checks=(*goal.checks, said))
        else:
            said = Message.of("extract.check-yearly-average")
            goal = replace(goal, checks=(*goal.checks, said))
    if "每年" in before:
        years = _years_of(said_before, "每年", goal.year, period)
        if years is not None and goal.baseline is None and goal.accumulated_from is None:
            first, last = years
            said = Message.of("extract.check-each-year-from", first=first, year=last)
            goal = replace(goal, year=last, each_year_from=first, checks=(*goal.checks, said))
        else:
            goal = replace(goal, checks=(*goal.checks, Message.of("extract.check-each-year")))
    return goal


def _years_of(
    before: str, word: str, year: int, period: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The first and last year that ``word`` (累计, 年均, 每年) at the end of ``before``
    runs over: those its sentence says last before it (2023—2027年, 十四五期间), else the
    plan's period when the goal is due at its end (and a count of years said right
    before it, 五年累计, is its length)."""
    at = before.rfind(word)
    spans = list(_SPAN.finditer(before, 0, at))
    if spans:
        said = spans[-1]
        if said.group(3):
            first = FIVE_YEAR[said.group(3)]
            return first, first + 4
        first, last = int(said.group(1)), int(said.group(2))
        return (first, last) if first < last <= first + 10 else None
    if period is None or year != period[1]:
        return None
    counted = _YEARS_COUNTED.search(before, 0, at)
    if counted is not None:
        said_count = counted.group(1)
        count = int(said_count) if said_count.isdigit() else numbers.chinese(said_count)
        if count != period[1] - period[0] + 1:
            return None
    return period


def _counted(words: str) -> str:
    """The name of what is counted, without quotes and what follows its name."""
    words = re.sub(r"[“”\"]", "", words)
    return re.split(r"(?:建设|助力|加快|和一批|等)", words, maxsplit=1)[0]


def _operator(before: str, after: str | None) -> tuple[Op, tuple[Message, ...]]:
    words = before.rstrip()
    written = Op.GE
    said = False
    for pattern, op in _OP_BEFORE:
        if pattern.search(re.sub(r"(全[省市区县国]|总数|总量|规模|比重|占比)$", "", words)):
            written, said = op, True
            break
    if after in ("以上", "及以上"):
        return (written if written is Op.GT else Op.GE), ()
    if after in ("左右", "上下"):
        return Op.APPROX, ()
    if after in ("以内", "以下"):
        return Op.LE, ()
    if said or not re.search(r"(?:率|比重|占比|强度|指数|水平|增速|[额值])$", words):
        # A count of new things (新增…500家) is a floor, as plans mean it.
        return written, ()
    return Op.GE, (Message.of("extract.check-op"),)


_LEADING = re.compile(
    r"^(?:力争|争取|冲刺|确保|全年|到20\d\d年底?|今年|年内|预计|推动|推进|实现|其中)+"
)
_TRAILING = re.compile(
    r"(?:不少于|不低于|至少|达到|达|实现|保持在|提升到|提高到|超过|超出|超|突破|高于|大于|比上年|较上年|同比|"
    r"不超过|控制在|低于|约|力争|争取|冲刺|分别|增长|增速|增幅|年均|"
    r"全[省市国区县]|总数|总量)+$"
)


def _phrase(text: str) -> str:
    """The words naming what a figure counts: 新增高新技术企业 from 新增高新技术企业达到."""
    phrase = _TRAILING.sub("", _LEADING.sub("", text.strip(" ,、"))).strip(" ,、")
    return phrase


def _comparison(
    text: Text, start: int, end: int, match: re.Match[str], year: int, tier: Tier
) -> tuple[Goal, int, int]:
    view = text.view
    said = start + match.start()
    while start < end and view[start] in " ,、":
        start += 1
    span = text.span(start, end)
    goal = Goal(
        start=span[0],
        end=span[1],
        quote=text.quote(start, end),
        phrase=_phrase(view[start:said]),
        op=Op.GT,
        value=None,
        unit="",
        year=year,
        tier=tier,
        reference=match.group(2),
        checks=(Message.of("extract.check-reference", reference=match.group(2)),),
    )
    return goal, start, end
