"""Regenerate pcheck/catalog/regions.tsv, every region of China down to county level
(GB/T 2260), from the summary table of the areacodes data set.

The source is ``result.csv`` of https://github.com/yescallop/areacodes (CC0 1.0): every
county-level-and-above code in use since 1981, compiled from the Ministry of Civil
Affairs' yearly 中华人民共和国县以上行政区划代码 and its records of changes, with, for
each code no longer in use, the codes its area went to. Download it and run, from the
repository root::

    curl -LO https://raw.githubusercontent.com/yescallop/areacodes/master/result.csv
    python scripts/regions.py result.csv --version COMMIT

``COMMIT`` is the commit of the data set the file was taken from (recorded in the
header). Standard library only.

What is written: each region in use, with its name, a short name where one is safe,
and its parent; then each code or name no longer in use, with the year from which it
is not, and the regions in use its area is in now (an abolished code is followed
through every later change: 330123 富阳县 → 330183 富阳市 → 330111 富阳区).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "pcheck" / "catalog" / "regions.tsv"
SOURCE = "https://github.com/yescallop/areacodes (result.csv)"
COLUMNS = [
    "代码",
    "一级行政区",
    "二级行政区",
    "名称",
    "级别",
    "状态",
    "启用时间",
    "变更/弃用时间",
    "新代码",
]
IN_USE = "在用"
CODE = re.compile(r"[0-9]{6}")
SUCCESSOR = re.compile(r"([0-9]{6})(?:\[([0-9]{4})\])?")

# The 56 peoples, as they appear in the names of autonomous areas (with or without
# 族); a one-character name only with 族, since the character alone is common in
# place names (回, 白, 水 …).
_PEOPLES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
PEOPLES = _PEOPLES.split()
_PEOPLE = "|".join(
    sorted((f"{p}族" if len(p) == 1 else f"{p}(?:族)?" for p in PEOPLES), key=len, reverse=True)
)
PEOPLES_AT_END = re.compile(f"(?:{_PEOPLE}|各族)+$")

# Provinces are called by the name before their suffix; the autonomous regions and
# the special administrative regions by these.
PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
# Suffixes whose region is known by the name before it (杭州市 → 杭州, 阿里地区 → 阿里),
# longest first; an autonomous area also drops the peoples it is named after
# (恩施土家族苗族自治州 → 恩施). Districts (区) and banners (旗) have no short name:
# the name before the suffix is often no safe name of its own (西湖区: a lake, 鼓楼区:
# a building, 土默特左旗).
SHORT_SUFFIXES = ("自治州", "自治县", "地区", "林区", "特区", "省", "市", "县", "盟")
OTHER_SUFFIXES = ("新区", "区", "旗")


@dataclass
class Record:
    """One row of the source: a code with one name over a span of years."""

    code: str
    name: str
    status: str
    start: int
    end: int | None  # the first year it is no longer in use
    successors: list[tuple[str, int | None]]  # codes, with the year of a partial change


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="result.csv of the areacodes data set")
    parser.add_argument("--version", required=True, help="the data set's commit")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    options = parser.parse_args(argv)
    records = read(options.source)
    lines = generate(
        records, options.version, " ".join(["python scripts/regions.py", *_args(options)])
    )
    options.output.write_text("".join(lines), encoding="utf-8", newline="\n")
    return 0


def _args(options: argparse.Namespace) -> list[str]:
    args = [options.source.name, "--version", options.version]
    if options.output != OUTPUT:
        args += ["--output", str(options.output)]
    return args


def read(path: Path) -> list[Record]:
    """The rows of ``result.csv``, checked."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != COLUMNS:
            raise SystemExit(f"{path}: unexpected columns {header}")
        records = [_record(row, reader.line_num) for row in reader if row]
    return records


def _record(row: list[str], line: int) -> Record:
    code, _, _, name, _, status, start, end, successors = row
    if not CODE.fullmatch(code) or not name or (status == IN_USE) != (end == ""):
        raise SystemExit(f"line {line}: unexpected row {row}")
    found = []
    for item in filter(None, successors.split(";")):
        match = SUCCESSOR.fullmatch(item)
        if match is None:
            raise SystemExit(f"line {line}: unexpected new code {item!r}")
        found.append((match[1], int(match[2]) if match[2] else None))
    return Record(code, name, status, int(start), int(end) if end else None, found)


def successors_now(records: list[Record]) -> dict[int, tuple[str, ...]]:
    """For each record no longer in use (by its index), the codes in use now of the
    regions its area went to, each change followed to the end."""
    by_code: dict[str, list[Record]] = {}
    for record in records:
        by_code.setdefault(record.code, []).append(record)
    index = {id(record): n for n, record in enumerate(records)}
    found: dict[int, tuple[str, ...]] = {}

    def at(code: str, year: int) -> Record | None:
        """The record of ``code`` in use in ``year``."""
        for record in by_code.get(code, []):
            if record.start <= year and (record.end is None or year < record.end):
                return record
        return None

    def follow(record: Record, seen: frozenset[int]) -> set[str]:
        if record.end is None:
            return {record.code}
        number = index[id(record)]
        if number in found:
            return set(found[number])
        direct = [code for code, year in record.successors if year in (None, record.end)]
        if not direct and record.status != "弃用" and at(record.code, record.end):
            direct = [record.code]  # the same code, under another name from that year
        now: set[str] = set()
        for code in direct:
            later = at(code, record.end)
            if later is None:
                raise SystemExit(f"{record.code} {record.name}: {code} not in use in {record.end}")
            if index[id(later)] in seen:
                raise SystemExit(f"{record.code} {record.name}: a cycle through {code}")
            now |= follow(later, seen | {number})
        found[number] = tuple(sorted(now))
        return now

    for record in records:
        if record.end is not None:
            follow(record, frozenset())
    return found


def parents(codes: Iterable[str]) -> dict[str, str | None]:
    """The parent of each code in use: a county's prefecture when there is one (a
    county-level city a province governs directly, 429004 仙桃市, has none), else
    its province; a prefecture's province."""
    known = set(codes)
    found: dict[str, str | None] = {}
    for code in known:
        province, prefecture = code[:2] + "0000", code[:4] + "00"
        if code == province:
            found[code] = None
        elif code == prefecture or prefecture not in known:
            found[code] = province
        else:
            found[code] = prefecture
    return found


def stem(name: str, suffixes: Iterable[str]) -> str | None:
    """``name`` without the first of ``suffixes`` it ends with (and, for an autonomous
    area, without the peoples it is named after); ``None`` if it ends with none."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            rest = name[: -len(suffix)]
            if suffix.startswith("自治"):
                rest = PEOPLES_AT_END.sub("", rest)
            return rest
    return None


def short_names(names: dict[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The short name of each region (by code) that has a safe one, and the names
    that would be short names but for a district or banner so called, with the codes
    of every region so called.

    A short name is the name before its suffix (杭州市 → 杭州, 恩施土家族苗族自治州 →
    恩施), of two characters or more (赵县 has none), and no region's full name. A
    province keeps it whatever else bears it (吉林 is 吉林省, not 吉林市); a prefecture
    or a county loses it to a region above it so called (承德 is 承德市, not 承德县).
    Two regions of one level may share a short name: it is then ambiguous, as a full
    name shared is. A prefecture or a county whose short name a district or banner
    bears before its own suffix (西安区, 和平区) has none: the name is ambiguous, its
    candidates every region so called; unless, for a prefecture, the district is its
    own (淮安 is 淮安市, which holds 淮安区).
    """
    full = set(names.values())
    stems = {
        code: (_level(code) == 0 and PROVINCE_SHORT.get(name)) or stem(name, SHORT_SUFFIXES)
        for code, name in names.items()
    }
    called: dict[str, set[str]] = {}  # every region by the name before its suffix
    districts: dict[str, set[str]] = {}  # districts and banners alone
    for code, name in names.items():
        found = stems[code] or stem(name, OTHER_SUFFIXES) or name
        called.setdefault(found, set()).add(code)
        if stems[code] is None:
            districts.setdefault(found, set()).add(code)
    above: dict[int, set[str]] = {0: set(), 1: set(), 2: set()}  # stems of higher levels
    for code, found in stems.items():
        for level in range(_level(code) + 1, 3):
            above[level].add(found or names[code])
    shorts: dict[str, str] = {}
    clashes: dict[str, list[str]] = {}
    for code in names:
        level, short = _level(code), stems[code]
        if not short or len(short) < 2 or short in full or short in above[level]:
            continue
        others = districts.get(short, set())
        if level == 1:
            others = {c for c in others if c[:4] != code[:4]}
        if level and others:
            clashes[short] = sorted(called[short])
            continue
        shorts[code] = short
    return shorts, clashes


def _level(code: str) -> int:
    """0 for a province, 1 for a prefecture, 2 for a county."""
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


def generate(records: list[Record], version: str, command: str) -> list[str]:
    """The lines of regions.tsv."""
    current = {r.code: r.name for r in records if r.end is None}
    if len(current) != sum(1 for r in records if r.end is None):
        raise SystemExit("a code is in use twice")
    later = successors_now(records)
    year = max(max(r.start for r in records), max(r.end or 0 for r in records))
    above = parents(current)
    short, clashes = short_names(current)
    lines = [
        "# Every region of the People's Republic of China down to county level, by its\n",
        "# GB/T 2260 code, and the codes and names no longer in use.\n",
        f"# Source: {SOURCE}, commit {version}: the codes in use at the end of {year},\n",
        "#   compiled from the Ministry of Civil Affairs' 中华人民共和国县以上行政区划代码\n",
        "#   and its records of changes since 1981.\n",
        "# Licence: CC0 1.0 (public domain dedication); the codes themselves are an official\n",
        "#   document, not subject to copyright (Copyright Law of the PRC, art. 5).\n",
        f"# Generated by: {command}. Do not edit: extend the regions with regions.yaml.\n",
        "# regions: code, name, short name (empty: none that is safe), parent (empty: none)\n",
    ]
    for code in sorted(current):
        lines.append(f"{code}\t{current[code]}\t{short.get(code, '')}\t{above[code] or ''}\n")
    shared: dict[str, list[str]] = dict(clashes)
    for code in sorted(current):
        for name in (current[code], short.get(code)):
            if name:
                shared.setdefault(name, []).append(code)
    lines.append(
        "# ambiguous: a name or short name that several regions bear (or a short name that"
        " a district or banner bears too), and the code of every region so called\n"
    )
    for name in sorted(shared):
        if len(shared[name]) > 1:
            lines.append(f"{name}\t{';'.join(shared[name])}\n")
    lines.append(
        "# abolished: code, name, the first year it is not in use, the codes in use of the"
        " regions its area is in now (empty: no record says)\n"
    )
    former = sorted(
        (n for n, r in enumerate(records) if r.end is not None),
        key=lambda n: (records[n].code, -(records[n].end or 0), records[n].name),
    )
    for n in former:
        r = records[n]
        lines.append(f"{r.code}\t{r.name}\t{r.end}\t{';'.join(later[n])}\n")
    return lines


if __name__ == "__main__":
    sys.exit(main())
