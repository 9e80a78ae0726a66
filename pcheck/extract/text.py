"""A plan's text made searchable, with every character traced back to the original.

Plans come as they come: traditional characters, full-width digits, spaces inside
numbers ("3 5 0件"), romanisation after characters ("實(shí)施"). :func:`clean` drops
what carries no meaning (romanisation, spaces inside numbers and between characters)
and keeps, for each character left, its offset in the original, so that a quote found
in the cleaned text is reported at its place in the file. ``view`` is the same text in
simplified characters with ASCII digits and punctuation, where the rules search;
``shown`` keeps the characters as written, for quotes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

# Pinyin with tone marks (or plain lowercase pinyin) in brackets right after a
# character, as some sites print it: 實(shí)施, 創(chuàng)新.
_ROMANISATION = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]"
    r"([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*)"
    r"[)）]"
)
_LOST_COMMA = re.compile(r"(?<=[\u3400-\u9fff%)”]) (?=[\u3400-\u9fff“(])")
_SPACE = frozenset(" \u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")

# Punctuation read the same whichever width it is written in.
_PUNCTUATION = str.maketrans(
    {
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
        "％": "%",
        "／": "/",
        "．": ".",
        "﹪": "%",
    }
)


@dataclass(frozen=True, slots=True)
class Text:
    """A plan's text: ``shown`` as written and ``view`` normalised, the same length,
    with ``origin[i]`` the offset in ``original`` of character ``i``."""

    original: str
    shown: str
    view: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the original of the cleaned span ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The words of ``[start, end)`` as written, without romanisation."""
        return self.shown[start:end].strip()


def clean(original: str) -> Text:
    """``original`` cleaned for searching, keeping the way back to each character."""
    skip = _romanisation(original)
    kept: list[int] = []
    length = len(original)
    index = 0
    while index < length:
        if index in skip:
            index = skip[index]
            continue
        char = original[index]
        if char in _SPACE and _droppable(original, index, skip):
            index += 1
            continue
        kept.append(index)
        index += 1
    shown = "".join(original[i] for i in kept)
    return Text(original, shown, _parted(normalise(shown)), tuple(kept))


def _parted(view: str) -> str:
    """A space kept between two characters stands for the comma a page lost
    (建成5G基站2.5万个 行业型平台10个): read as one."""
    return _LOST_COMMA.sub(",", view)


def _romanisation(original: str) -> dict[int, int]:
    """Start → end of each bracketed romanisation."""
    return {m.start(): m.end() for m in _ROMANISATION.finditer(original)}


def _droppable(original: str, index: int, skip: dict[int, int]) -> bool:
    """Whether the space at ``index`` can go: not between two Latin letters (spaces
    part words in Latin script), and not the first of a run between two Chinese
    characters (where a page lost its punctuation)."""
    before = index - 1
    while before >= 0 and original[before] in _SPACE:
        before -= 1
    after = index + 1
    while after < len(original) and (original[after] in _SPACE or after in skip):
        after = skip.get(after, after + 1)
    if before < 0 or after >= len(original):
        return True
    left, right = original[before], original[after]
    if left == "\n" or right == "\n":
        return True
    if _han(left) and _han(right) and before == index - 1:
        return False
    return not (_latin(left) and _latin(right))


def _han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or char in "%％)）”"


def _latin(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or unicodedata.category(char) == "Ll"


def normalise(text: str) -> str:
    """Simplified characters, ASCII digits, letters and punctuation; same length."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):
        folded = "".join(_fold(char) for char in text)
    return simplified(folded.translate(_PUNCTUATION))


def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form,
    one character for one, so offsets stay."""
    table = _simplified_table(frozenset(char for char in text if "\u3400" <= char <= "\u9fff"))
    return text.translate(table)


def _simplified_table(chars: frozenset[str]) -> dict[int, str]:
    table: dict[int, str] = {}
    for char in chars:
        converted = _simplify(char)
        if converted != char:
            table[ord(char)] = converted
    return table


@cache
def _simplify(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@cache
def _converter() -> Any:
    import opencc  # imported only when a plan is read

    return opencc.OpenCC("t2s")
