"""How well ``pcheck extract`` drafts the goals of plan texts it was not tuned on.

Runs ``pcheck extract FILE --format json`` on every text that has hand-made marks
beside it (``NAME.txt`` with ``NAME.goals.yaml``, as in ``tests/extract/blind/``)
and scores the drafts against the marks. With ``--seeds`` it also scores the
built-in ``targets/*.yaml`` against the seed texts they quote (each target is a
core mark there).

Usage, from the repository root, in the environment pcheck is installed in:

    python benchmarks/extract_quality.py [DIR ...] [--pcheck CMD] [--seeds]
                                         [--json OUT] [--timeout S]

DIR defaults to ``tests/extract/blind``. CMD is the command to run (split like a
shell would; default ``pcheck``). The exit code is 0 whatever the scores: this
measures, it does not judge (2 for a usage error only).

What counts:

* A draft matches a mark when their spans overlap and their values are equal as
  exact fractions ("3.2" = 3.2 = "16/5"; a range matches a range). A mark's span is
  its quote in the text, at whichever occurrence overlaps the draft, or the one
  its ``occurrence`` names. Values and units are compared as given: 100/3 % is not
  1/3.
* Recall is over core marks, and one draft stands for one goal: a clause with two
  figures of the same value ("分别不少于1家、1家") needs two drafts. Drafts are
  assigned to marks by a maximum matching, core marks first.
* "op+unit" is the same recall counting only drafts whose operator and unit are
  also right (units compared after trivial folding: NFKC, spaces, traditional
  characters of units such as 個 and 億).
* Precision is the share of drafts that match some mark, core or not.
* A leak is a draft that matches no mark and overlaps a ``not_goals`` snippet
  (a past figure, a date, a threshold...).
* Tier, year and basis agreement are counted over matched pairs (year only where
  the mark has one); in the JSON, stretch agreement too (where the mark or the
  draft has a stretch figure).
* Seeds: a target's quote is found ignoring whitespace and the romanisation some
  seed texts write after characters (揚(yáng)); a target that names a reference
  metric instead of a figure is left out, and said so.

Offsets are character offsets into the file's text as Python reads a text file:
decoded as UTF-8 (else GB18030), each line ending (CRLF, CR) read as one newline.

Standard library only. The marks and target files are read with a small reader
for the part of YAML they use (block mappings and lists, flow lists of scalars,
quoted and plain scalars, comments); plain scalars other than integers,
booleans and null stay strings, so figures stay exact.
"""

from __future__ import annotations

import argparse
import decimal
import json
import re
import shlex
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "extract" / "blind"
TARGETS = ROOT / "targets"
SEEDS = ROOT.parent / "shared" / "seeds"
TIMEOUT = 120.0

Span = tuple[int, int]
Value = tuple[Fraction, ...]


# --------------------------------------------------------------------------- YAML


class YamlError(ValueError):
    """A construct the small YAML reader does not take, with its line."""


@dataclass
class _Line:
    number: int
    indent: int
    text: str


def read_yaml(text: str) -> Any:
    """Read the subset of YAML the marks and target files are written in."""
    lines = list(_yaml_lines(text))
    if not lines:
        return None
    value, end = _block(lines, 0, lines[0].indent)
    if end != len(lines):
        raise YamlError(f"line {lines[end].number}: unexpected indentation")
    return value


def _yaml_lines(text: str) -> Iterable[_Line]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise YamlError(f"line {number}: tab in indentation")
        content = _strip_comment(raw).rstrip()
        if not content.strip() or content.strip() in ("---", "..."):
            continue
        yield _Line(number, len(content) - len(content.lstrip(" ")), content.lstrip(" "))


def _strip_comment(line: str) -> str:
    quote = ""
    i = 0
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (i == 0 or line[i - 1] in " [,:-"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] == " "):
            return line[:i]
        i += 1
    return line


def _block(lines: list[_Line], i: int, indent: int) -> tuple[Any, int]:
    if _is_item(lines[i].text):
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _is_item(text: str) -> bool:
    return text == "-" or text.startswith("- ")


def _sequence(lines: list[_Line], i: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while i < len(lines) and lines[i].indent == indent and _is_item(lines[i].text):
        line = lines[i]
        rest = line.text[1:].lstrip(" ")
        if not rest:
            if i + 1 < len(lines) and lines[i + 1].indent > indent:
                item, i = _block(lines, i + 1, lines[i + 1].indent)
            else:
                item, i = None, i + 1
        elif _key_split(rest) is not None or _is_item(rest):
            inner = indent + len(line.text) - len(rest)
            lines[i] = _Line(line.number, inner, rest)
            item, i = _block(lines, i, inner)
        else:
            item, i = _scalar(rest, line.number), i + 1
        items.append(item)
    return items, i


def _mapping(lines: list[_Line], i: int, indent: int) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    while i < len(lines) and lines[i].indent == indent and not _is_item(lines[i].text):
        line = lines[i]
        split = _key_split(line.text)
        if split is None:
            raise YamlError(f"line {line.number}: expected 'key: value'")
        key, rest = split
        if key in result:
            raise YamlError(f"line {line.number}: {key!r} given twice")
        i += 1
        if rest:
            result[key] = _scalar(rest, line.number)
        elif i < len(lines) and lines[i].indent > indent:
            result[key], i = _block(lines, i, lines[i].indent)
        elif i < len(lines) and lines[i].indent == indent and _is_item(lines[i].text):
            result[key], i = _sequence(lines, i, indent)
        else:
            result[key] = None
    if i < len(lines) and lines[i].indent > indent:
        raise YamlError(f"line {lines[i].number}: unexpected indentation")
    return result, i


def _key_split(text: str) -> tuple[str, str] | None:
    if text[:1] in "\"'[{":
        return None
    match = re.match(r"([^\s:#][^:#]*?)\s*:(?:\s+(.*)|$)", text)
    if match is None:
        return None
    return match.group(1), (match.group(2) or "").strip()


def _scalar(text: str, number: int) -> Any:
    if text.startswith('"'):
        return _quoted(text, number)
    if text.startswith("'"):
        end = re.match(r"'((?:[^']|'')*)'\s*$", text)
        if end is None:
            raise YamlError(f"line {number}: unclosed single-quoted string")
        return end.group(1).replace("''", "'")
    if text.startswith("["):
        if not text.endswith("]"):
            raise YamlError(f"line {number}: a flow list must close on its line")
        inner = text[1:-1].strip()
        return [_scalar(part, number) for part in _flow_items(inner, number)] if inner else []
    if text[:1] in "{|>&*!%@`":
        raise YamlError(f"line {number}: {text[:1]!r} is not supported here")
    if text in ("null", "~", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if re.fullmatch(r"[-+]?(0|[1-9][0-9]*)", text):
        return int(text)
    return text


def _quoted(text: str, number: int) -> str:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            if text[i + 1 :].strip():
                raise YamlError(f"line {number}: text after a quoted string")
            try:
                value: str = json.loads(text[: i + 1])
            except json.JSONDecodeError as error:
                raise YamlError(f"line {number}: {error.msg}") from None
            return value
        i += 1
    raise YamlError(f"line {number}: unclosed double-quoted string")


def _flow_items(text: str, number: int) -> list[str]:
    parts, start, quote, i = [], 0, "", 0
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[]{}":
            raise YamlError(f"line {number}: nested flow collections are not supported")
        elif char == ",":
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    parts.append(text[start:].strip())
    if any(not part for part in parts):
        raise YamlError(f"line {number}: empty item in a flow list")
    return parts


# ------------------------------------------------------------------------- values


def parse_value(raw: Any) -> Value | None:
    """A figure, or a [low, high] pair, as exact fractions; None if it is neither."""
    if isinstance(raw, list | tuple):
        if len(raw) != 2:
            return None
        pair = [parse_value(part) for part in raw]
        if pair[0] is None or pair[1] is None or len(pair[0]) != 1 or len(pair[1]) != 1:
            return None
        return (pair[0][0], pair[1][0])
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        return (Fraction(str(raw).strip()),)
    except (ValueError, ZeroDivisionError):
        return None


UNIT_FOLD = str.maketrans(
    "個億萬項種戶臺張條處間場噸畝隻萬幣",
    "个亿万项种户台张条处间场吨亩只万币",
)


def fold_unit(unit: Any) -> str:
    """A unit folded trivially: NFKC, no spaces, simplified unit characters."""
    if not isinstance(unit, str):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit)).translate(UNIT_FOLD)


def fold_op(op: Any) -> str:
    """An operator folded trivially (≥ and full-width forms)."""
    if not isinstance(op, str):
        return ""
    folded = unicodedata.normalize("NFKC", op).strip()
    return {"≥": ">=", "≤": "<=", "=>": ">=", "=<": "<="}.get(folded, folded)


def parse_year(raw: Any) -> int | None:
    """A year as an integer, from an integer or a string of digits."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


# -------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class Mark:
    """One goal marked by hand (or one built-in target)."""

    quote: str
    op: str
    value: Value
    unit: str
    basis: str
    tier: str
    stretch: Fraction | None
    year: int | None
    core: bool
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class NotGoal:
    """A snippet that looks like a goal and is not one."""

    snippet: str
    reason: str
    spans: tuple[Span, ...]


@dataclass
class Text:
    """A text to run the extractor on, with what it should and should not find."""

    name: str
    path: Path
    kind: str
    text: str
    marks: list[Mark] = field(default_factory=list)
    not_goals: list[NotGoal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_text(path: Path) -> str:
    """The file's text as the extractor's offsets count it."""
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = raw.decode("gb18030")
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def find_all(text: str, quote: str) -> list[Span]:
    """Every occurrence of ``quote`` in ``text``, overlapping ones included."""
    spans, start = [], text.find(quote) if quote else -1
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


# Romanisation written after characters, as in "揚(yáng)州": left out of quotes.
ROMANISATION = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ ]+\)")


def find_loosely(text: str, quote: str) -> list[Span]:
    """Occurrences of ``quote`` ignoring whitespace and romanisation in both."""
    kept: list[int] = []
    skip = {i for m in ROMANISATION.finditer(text) for i in range(m.start(), m.end())}
    for i, char in enumerate(text):
        if i not in skip and not char.isspace():
            kept.append(i)
    flat = "".join(text[i] for i in kept)
    needle = re.sub(r"\s+", "", ROMANISATION.sub("", quote))
    return [(kept[start], kept[end - 1] + 1) for start, end in find_all(flat, needle)]


def locate(text: str, quote: str) -> list[Span]:
    """Where a quote is: verbatim if it is there, else loosely."""
    return find_all(text, quote) or find_loosely(text, quote)


def load_marked(marks_path: Path) -> Text:
    """A text and its marks from a ``NAME.goals.yaml`` file."""
    name = marks_path.name.removesuffix(".goals.yaml")
    data = read_yaml(marks_path.read_text(encoding="utf-8")) or {}
    text_name = data.get("text") or f"{name}.txt"
    path = marks_path.parent / text_name
    # Texts are totalled by their set: the folder they are in (blind, dev).
    doc = Text(name, path, marks_path.parent.name, read_text(path))
    for number, goal in enumerate(data.get("goals") or [], start=1):
        mark = _mark(doc, goal, f"goal {number}", core=bool(goal.get("core")))
        if mark is not None:
            doc.marks.append(mark)
    for entry in data.get("not_goals") or []:
        snippet = str(entry.get("snippet", ""))
        spans = find_all(doc.text, snippet)
        if not spans:
            doc.problems.append(f"not-goal snippet not in the text: {snippet!r}")
        doc.not_goals.append(NotGoal(snippet, str(entry.get("reason", "")), tuple(spans)))
    return doc


def _mark(doc: Text, goal: dict[str, Any], where: str, *, core: bool) -> Mark | None:
    quote = str(goal.get("quote", ""))
    value = parse_value(goal.get("value"))
    if value is None:
        doc.problems.append(f"{where}: no figure to compare ({quote!r})")
        return None
    spans = locate(doc.text, quote)
    occurrence = goal.get("occurrence")
    if isinstance(occurrence, int) and 1 <= occurrence <= len(spans):
        spans = [spans[occurrence - 1]]
    if not spans:
        doc.problems.append(f"{where}: quote not in the text ({quote!r})")
        return None
    stretch = parse_value(goal.get("stretch"))
    return Mark(
        quote=quote,
        op=fold_op(goal.get("op")),
        value=value,
        unit=fold_unit(goal.get("unit", "")),
        basis=str(goal.get("basis") or "value"),
        tier=str(goal.get("tier") or "base"),
        stretch=stretch[0] if stretch else None,
        year=parse_year(goal.get("year")),
        core=core,
        spans=tuple(spans),
    )


def load_seeds(targets: Path, seeds: Path) -> list[Text]:
    """The built-in target files as marked texts: every target a core mark."""
    docs = []
    for path in sorted(targets.glob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
        source = seeds / str((data.get("document") or {}).get("source", ""))
        if not source.is_file():
            print(f"{path.name}: seed text not found: {source}", file=sys.stderr)
            continue
        doc = Text(path.stem, source, "seed", read_text(source))
        for target in data.get("targets") or []:
            if "value" not in target:
                doc.problems.append(f"{target.get('id')}: no figure (a reference), left out")
                continue
            goal = {"year": data.get("year"), **target}
            mark = _mark(doc, goal, str(target.get("id")), core=True)
            if mark is not None:
                doc.marks.append(mark)
        docs.append(doc)
    return docs


def find_marked(folders: Sequence[Path]) -> list[Text]:
    """Every marked text in the folders, in name order."""
    docs = []
    for folder in folders:
        for marks_path in sorted(folder.glob("*.goals.yaml")):
            try:
                docs.append(load_marked(marks_path))
            except (OSError, UnicodeDecodeError, YamlError) as error:
                print(f"{marks_path}: cannot be read: {error}", file=sys.stderr)
    return docs


# ------------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class Draft:
    """One goal as the extractor drafted it."""

    quote: str
    span: Span | None
    op: str
    value: Value | None
    unit: str
    basis: str | None
    tier: str | None
    stretch: Fraction | None
    year: int | None


def run_extractor(command: Sequence[str], path: Path, timeout: float) -> tuple[list[Any], str]:
    """The extractor's items for one file, and what went wrong ("" if nothing)."""
    argv = [*command, "extract", str(path), "--format", "json"]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        return [], f"command not found: {command[0]}"
    except OSError as error:
        return [], f"cannot run {command[0]}: {error}"
    except subprocess.TimeoutExpired:
        return [], f"no answer within {timeout:g} s"
    if not done.stdout.strip():
        return [], _failure(done, "no output")
    try:
        items = json.loads(done.stdout.decode("utf-8"), parse_float=decimal.Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], _failure(done, f"output is not JSON ({error})")
    if isinstance(items, dict):
        items = next((v for v in items.values() if isinstance(v, list)), None)
    if not isinstance(items, list):
        return [], _failure(done, "output is not a list of drafts")
    return items, "" if done.returncode == 0 else f"exit {done.returncode} (drafts kept)"


def _failure(done: subprocess.CompletedProcess[bytes], what: str) -> str:
    lines = done.stderr.decode("utf-8", "replace").splitlines()
    tail = [line.strip() for line in lines if line.strip()][-3:]
    said = f": {' | '.join(tail)}" if tail else ""
    return f"exit {done.returncode}, {what}{said}"


def to_draft(item: Any, text: str) -> Draft:
    """An item of the extractor's output as a draft; what is unusable becomes None."""
    if not isinstance(item, dict):
        return Draft("", None, "", None, "", None, None, None, None)
    quote = item["quote"] if isinstance(item.get("quote"), str) else ""
    start, end = item.get("start"), item.get("end")
    span: Span | None = None
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and 0 <= start < end <= len(text)
    ):
        span = (start, end)
    elif quote and (found := find_all(text, quote)):
        span = found[0]
    basis, tier = item.get("basis"), item.get("tier")
    stretch = parse_value(item.get("stretch"))
    return Draft(
        quote=quote,
        span=span,
        op=fold_op(item.get("op")),
        value=parse_value(item.get("value")),
        unit=fold_unit(item.get("unit", "")),
        basis=basis if isinstance(basis, str) else None,
        tier=tier if isinstance(tier, str) else None,
        stretch=stretch[0] if stretch and len(stretch) == 1 else None,
        year=parse_year(item.get("year")),
    )


# ------------------------------------------------------------------------ scoring


def overlaps(a: Span, b: Span) -> bool:
    """Whether two half-open spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def matches(draft: Draft, mark: Mark) -> bool:
    """Same place (spans overlap) and the same figure."""
    return (
        draft.span is not None
        and draft.value == mark.value
        and any(overlaps(draft.span, span) for span in mark.spans)
    )


def headline_right(draft: Draft, mark: Mark) -> bool:
    """The operator and unit are right too."""
    return draft.op == mark.op and draft.unit == mark.unit


def assign(marks: Sequence[Mark], edges: dict[int, list[int]]) -> dict[int, int]:
    """A maximum matching of marks to drafts, core marks first: mark → draft."""
    owner: dict[int, int] = {}

    def augment(m: int, seen: set[int]) -> bool:
        for d in edges.get(m, []):
            if d in seen:
                continue
            seen.add(d)
            if d not in owner or augment(owner[d], seen):
                owner[d] = m
                return True
        return False

    order = sorted(range(len(marks)), key=lambda m: not marks[m].core)
    for m in order:
        augment(m, set())
    return {m: d for d, m in owner.items()}


AGREEMENTS = ("tier", "year", "basis", "stretch")
COUNTS = (
    "drafts",
    "goals",
    "core",
    "found_core",
    "found_core_headline",
    "found",
    "matching_drafts",
    "leaks",
)


@dataclass
class Score:
    """The counts for one text (or a total)."""

    drafts: int = 0
    goals: int = 0
    core: int = 0
    found_core: int = 0
    found_core_headline: int = 0
    found: int = 0
    matching_drafts: int = 0
    leaks: int = 0
    tier: list[int] = field(default_factory=lambda: [0, 0])
    year: list[int] = field(default_factory=lambda: [0, 0])
    basis: list[int] = field(default_factory=lambda: [0, 0])
    stretch: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, other: Score) -> None:
        """Add another text's counts to these."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in AGREEMENTS:
            mine, theirs = getattr(self, name), getattr(other, name)
            mine[0] += theirs[0]
            mine[1] += theirs[1]


def score(doc: Text, drafts: Sequence[Draft]) -> tuple[Score, dict[str, Any]]:
    """Score one text's drafts against its marks; the details say what was missed."""
    marks = doc.marks
    edges = {
        m: [d for d, draft in enumerate(drafts) if matches(draft, mark)]
        for m, mark in enumerate(marks)
    }
    right = {m: [d for d in ds if headline_right(drafts[d], marks[m])] for m, ds in edges.items()}
    pairs = assign(marks, edges)
    headline = assign(marks, right)
    matching = {d for ds in edges.values() for d in ds}
    leaked = [
        d
        for d, draft in enumerate(drafts)
        if d not in matching
        and draft.span is not None
        and any(overlaps(draft.span, s) for ng in doc.not_goals for s in ng.spans)
    ]
    result = Score(
        drafts=len(drafts),
        goals=len(marks),
        core=sum(mark.core for mark in marks),
        found_core=sum(marks[m].core for m in pairs),
        found_core_headline=sum(marks[m].core for m in headline),
        found=len(pairs),
        matching_drafts=len(matching),
        leaks=len(leaked),
    )
    for m, d in pairs.items():
        mark, draft = marks[m], drafts[d]
        _tally(result.tier, draft.tier == mark.tier)
        _tally(result.basis, (draft.basis or "value") == mark.basis)
        if mark.year is not None:
            _tally(result.year, draft.year == mark.year)
        if mark.stretch is not None or draft.stretch is not None:
            _tally(result.stretch, draft.stretch == mark.stretch)
    details = {
        "missed_core": [mark.quote for m, mark in enumerate(marks) if mark.core and m not in pairs],
        "unmatched_drafts": [_show(drafts[d]) for d in range(len(drafts)) if d not in matching],
        "leaked_drafts": [_show(drafts[d]) for d in leaked],
    }
    return result, details


def _tally(counts: list[int], agree: bool) -> None:
    counts[0] += agree
    counts[1] += 1


def _show(draft: Draft) -> dict[str, Any]:
    value = None if draft.value is None else [str(v) for v in draft.value]
    return {"quote": draft.quote, "span": draft.span, "value": value, "unit": draft.unit}


# ------------------------------------------------------------------------- report


def ratio(part: int, whole: int) -> str:
    """``part/whole`` with its percentage, or a dash when there is nothing to count."""
    if whole == 0:
        return "-"
    return f"{part}/{whole} {100 * part / whole:.0f}%"


COLUMNS = (
    ("text", 34),
    ("drafts", 6),
    ("recall core", 12),
    ("op+unit", 12),
    ("precision", 12),
    ("leaks", 5),
    ("tier", 11),
    ("year", 11),
    ("basis", 11),
)


def table_row(name: str, s: Score) -> str:
    """One line of the table."""
    cells = (
        name,
        str(s.drafts),
        ratio(s.found_core, s.core),
        ratio(s.found_core_headline, s.core),
        ratio(s.matching_drafts, s.drafts),
        str(s.leaks),
        ratio(*s.tier),
        ratio(*s.year),
        ratio(*s.basis),
    )
    return "  ".join(
        cell.ljust(width) if i == 0 else cell.rjust(width)
        for i, (cell, (_, width)) in enumerate(zip(cells, COLUMNS, strict=True))
    )


def as_json(name: str, s: Score) -> dict[str, Any]:
    """A score as plain data."""
    return {
        "text": name,
        "drafts": s.drafts,
        "goals": s.goals,
        "core": s.core,
        "found_core": s.found_core,
        "found_core_op_unit": s.found_core_headline,
        "found": s.found,
        "matching_drafts": s.matching_drafts,
        "leaks": s.leaks,
        "tier": s.tier,
        "year": s.year,
        "basis": s.basis,
        "stretch": s.stretch,
    }


def measure(docs: Sequence[Text], command: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run the extractor on every text, print the table, and return the results."""
    header = "  ".join(
        title.ljust(width) if i == 0 else title.rjust(width)
        for i, (title, width) in enumerate(COLUMNS)
    )
    print(header)
    print("-" * len(header))
    results: dict[str, Any] = {"command": list(command), "texts": [], "totals": {}}
    totals: dict[str, Score] = {}
    for doc in docs:
        for problem in doc.problems:
            print(f"{doc.name}: marks: {problem}", file=sys.stderr)
        items, error = run_extractor(command, doc.path, timeout)
        if error:
            print(f"{doc.name}: {doc.path}: {error}", file=sys.stderr)
        drafts = [to_draft(item, doc.text) for item in items]
        result, details = score(doc, drafts)
        print(table_row(doc.name, result))
        totals.setdefault(doc.kind, Score()).add(result)
        entry = {**as_json(doc.name, result), "kind": doc.kind, "path": str(doc.path)}
        results["texts"].append({**entry, "error": error, "problems": doc.problems, **details})
    print("-" * len(header))
    for kind, total in totals.items():
        print(table_row(f"total ({kind})", total))
        results["totals"][kind] = as_json(f"total ({kind})", total)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Score the extractor; 0 whatever the scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of marked texts")
    parser.add_argument("--pcheck", default="pcheck", help="the command to run (default: pcheck)")
    parser.add_argument("--seeds", action="store_true", help="score the built-in targets too")
    parser.add_argument("--targets", type=Path, default=TARGETS, help="target files for --seeds")
    parser.add_argument("--seeds-dir", type=Path, default=SEEDS, help="seed texts for --seeds")
    parser.add_argument("--json", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per text")
    args = parser.parse_args(argv)
    command = shlex.split(args.pcheck)
    if not command:
        parser.error("--pcheck needs a command")
    docs = find_marked(args.dirs or [DEFAULT_DIR])
    if args.seeds:
        docs += load_seeds(args.targets, args.seeds_dir)
    results = measure(docs, command, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
