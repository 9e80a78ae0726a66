"""A plan cut into sentences, each known as looking forward (goals) or back (past
figures): headings such as 一、2023年工作总结 turn a section to the past, openers such as
去年, 今年以来 or an earlier year turn a sentence to it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pcheck.model import Message

_CN = "一二三四五六七八九十"
# Heading markers: 一、 (一) 1. 第一部分; a heading runs to the next space or stop.
_MARKER = re.compile(
    rf"(?:^|(?<=[\s。!?;|]))(?:([{_CN}]+)[、.]|[(]([{_CN}]+)[)]|第[{_CN}]+[章节部分篇])"
)
_PAST_HEADING = re.compile(
    r"回顾|总结|完成情况|成效|成绩|取得的|进展情况|主要做法|工作情况|基本情况|亮点|"
    r"发展基础|发展现状|现状|回眸|工作开展"
)
_FUTURE_HEADING = re.compile(
    r"思路|计划|安排|目标|任务|要点|打算|举措|展望|方向|重点工作|下一步|下步|措施|要求"
)
_PAST_OPENER = re.compile(
    r"(?:去年|上年|今年以来|年初以来|截至|截止|上半年|前三季度|一季度|前两个月|目前|近年来|"
    r"近年|过去|近[三五两几]年|[\"“]?十[一二三]五[\"”]?(?:期间|以来|时期)|"
    r"(20\d\d)年(?:以来|度)?)"
)
_FUTURE_CUE = re.compile(
    r"下步|下一步|今后|将|力争|争取|确保|计划|目标|到20\d\d年|冲刺|今年|规划|纲要|提出"
)
PAST_CUE = re.compile(
    r"已(?:经)?(?:达到?|建成|完成|实现|突破|超过|累计|拥有|有|形成|获|取得|认定|入选|培育|引进|"
    r"集聚|落地|开工|签约|投入|备案|成为)(?!的)|"
    r"同比|创历史新高|创历年新高|历史最好|位列|位居|排名|荣获|获评|居全国|居全省|稳居|蝉联|"
    r"历史性突破"
)
_STOPS = re.compile(r"[。!?\n|]")
_YEAR_DUE = re.compile(r"(?:到|至|于|在)(20\d\d)年|(20\d\d)年(?:底|末|前|以前|年底)")
_WITHIN = re.compile(r"(\d|[两三四五六七八九十])年(?:内|之内|时间)")
_CN_COUNT = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A year a sentence opens with as when (2024年,全市…), not as a date.
OPENING_YEAR = r"(20\d\d)年(?=[,:]|全年|全[市区县省]|我[市区县省]|要|将|力争|争取|确保|计划)"
_YEAR_OPENS = re.compile(OPENING_YEAR)


@dataclass(frozen=True, slots=True)
class Sentence:
    """``[start, end)`` of the cleaned text; ``past`` why it looks back, if it does."""

    start: int
    end: int
    past: Message | None
    heading: bool = False


def sentences(view: str, plan_year: int) -> Iterator[Sentence]:
    """The sentences of ``view`` in order, each marked forward or past."""
    section_past: Message | None = None
    subsection_past: Message | None = None
    # A paragraph that opens looking back (去年, …) goes on looking back until a
    # sentence turns forward again.
    carried: Message | None = None
    for start, end in _spans(view):
        if start == 0 or view[start - 1] == "\n":
            carried = None
        text = view[start:end]
        marker = _MARKER.match(view, start) if start < len(view) else None
        if marker is not None or _standalone_heading(view, start, end):
            title = _heading_text(view, start, end, marker)
            if marker is not None and _has_figure(title):
                # (二)覆盖率达到50%: a marker before a goal, not a heading.
                title = ""
            past = _heading_past(title, plan_year)
            carried = None
            top_level = marker.group(1) if marker is not None else _is_line(view, start, end)
            if top_level:
                section_past, subsection_past = past, None
            else:
                subsection_past = past
            title_end = start + (marker.end() - marker.start() if marker else 0) + len(title)
            yield Sentence(start, min(title_end, end), past, heading=True)
            start = min(title_end, end)
            text = view[start:end]
            if not text.strip(" ,:"):
                continue
        opened = _opener_past(text, plan_year)
        if opened is not None:
            carried = opened
        elif carried is not None and (future_cue(text) or _opens_with_plan_year(text, plan_year)):
            carried = None
        past = subsection_past or section_past or carried
        yield Sentence(start, end, past)


def _spans(view: str) -> Iterator[tuple[int, int]]:
    """Sentence spans: cut at stops and before inline heading markers."""
    cuts = {0, len(view)}
    for stop in _STOPS.finditer(view):
        if stop.group(0) == "\n" and _broken_line(view, stop.start()):
            continue
        cuts.add(stop.end())
    for marker in _MARKER.finditer(view):
        cuts.add(marker.start())
    points = sorted(cuts)
    for start, end in itertools.pairwise(points):
        while start < end and view[start] in " \t\n":
            start += 1
        if start < end:
            yield start, end


def _broken_line(view: str, index: int) -> bool:
    """Whether the line ending at ``index`` was broken inside a sentence, as saved
    pages break them: a line of paragraph length ending mid-clause, followed by a
    line going on with characters."""
    line_start = view.rfind("\n", 0, index) + 1
    line = view[line_start:index].rstrip()
    following = view[index + 1 : index + 2]
    return (
        len(line) >= 30
        and not re.search(r"[。;!?:,、)\]”\"|\t]$", line)
        and bool(re.match(r"[\u4e00-\u9fff]", following))
        and _MARKER.match(view, index + 1) is None
    )


def _standalone_heading(view: str, start: int, end: int) -> bool:
    """A short line of its own with no sentence stop: a title or section heading."""
    if not _is_line(view, start, end):
        return False
    line = view[start:end].strip()
    return 2 <= len(line) <= 30 and not re.search(r"[,;。:]", line) and not _has_figure(line)


def _has_figure(text: str) -> bool:
    return bool(
        re.search(r"\d+(?:\.\d+)?\s*(?:%|家|个|项|亿元|万元|万|名|人|件|次|所)|全覆盖", text)
    )


def _is_line(view: str, start: int, end: int) -> bool:
    before = start == 0 or view[start - 1] == "\n"
    after = end >= len(view) or view[end - 1] == "\n" or view[end : end + 1] in ("\n", "")
    return before and after


def _heading_text(view: str, start: int, end: int, marker: re.Match[str] | None) -> str:
    """The words of a heading: after its marker, up to a space, stop or colon."""
    begin = marker.end() if marker is not None else start
    match = re.compile(r"[^\s。!?;:,]{1,40}").match(view, begin, end)
    if marker is None:
        return view[start:end].strip()
    return match.group(0) if match else ""


def _heading_past(title: str, plan_year: int) -> Message | None:
    if _FUTURE_HEADING.search(title) and not re.search(r"总结|回顾", title):
        return None
    if _PAST_HEADING.search(title):
        return Message.of("extract.past-heading", heading=title)
    year = re.search(r"(20\d\d)年", title)
    if year is not None and int(year.group(1)) < plan_year:
        return Message.of("extract.past-heading", heading=title)
    return None


def _opener_past(text: str, plan_year: int) -> Message | None:
    """Why a sentence looks back by the way it opens, if it does."""
    opening = text.lstrip(" \"“‘'(")
    match = _PAST_OPENER.match(opening)
    if match is None:
        return None
    year = match.group(1)
    if year is not None:
        said = match.group(0)
        if int(year) >= plan_year and not said.endswith("以来"):
            return None
        if int(year) >= plan_year and said.endswith("以来"):
            return Message.of("extract.past-opener", words=said)
        if int(year) < plan_year:
            return Message.of("extract.past-opener", words=said)
        return None
    return Message.of("extract.past-opener", words=match.group(0))


def _opens_with_plan_year(text: str, plan_year: int) -> bool:
    opening = _YEAR_OPENS.match(text.lstrip(' "“'))
    return opening is not None and int(opening.group(1)) >= plan_year


def future_cue(text: str) -> bool:
    """Whether ``text`` turns a sentence back to what is to come."""
    return _FUTURE_CUE.search(text) is not None


def year_due(text: str, this_year: int | None = None) -> int | None:
    """The year a sentence says its goals are due by (到2027年, 2024年底), or the
    year it opens with (2024年,全市…)."""
    match = _YEAR_DUE.search(text)
    if match is not None:
        return int(match.group(1) or match.group(2))
    within = _WITHIN.search(text)
    if within is not None and this_year is not None:
        # 四年内 from a plan of 2017: by 2020.
        count = (
            int(within.group(1)) if within.group(1).isdigit() else _CN_COUNT.get(within.group(1))
        )
        if count:
            return this_year + count - 1
    if this_year is not None and "今年" in text:
        return this_year
    opening = _YEAR_OPENS.match(text.lstrip(' "“'))
    return int(opening.group(1)) if opening is not None else None
