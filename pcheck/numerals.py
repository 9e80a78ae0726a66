"""Numbers as Chinese plans write them, and whether a text states a given figure.

A quote may write a target's figure in Arabic digits (``3.95``, ``2000 家``,
full-width ``３．９５``, ``10,000``), as a fraction (``1/3``, ``三分之一``,
``百分之三``), in Chinese numerals (``两千``, ``一万二千``, ``三点五``,
``二〇二四``) or in a word (``一半``, ``翻一番``, ``首个``; for a share of 100%,
``全覆盖``, ``各`` or ``所有``). :func:`figures_in` reads every number a text
writes, exactly, as a :class:`~fractions.Fraction`; :func:`states` says whether
one of them is a given figure. A fraction reads both as itself and as a
percentage (``1/3`` is 1/3 and 100/3 %), and a fraction without a finite decimal
matches a figure written rounded (``1/3`` and ``33.33``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction

from pcheck.model import PERCENT

DIGITS = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两兩贰貳", 2),
    **dict.fromkeys("三叁參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
SMALL_UNITS = {
    **dict.fromkeys("十拾", 10),
    **dict.fromkeys("百佰", 100),
    **dict.fromkeys("千仟", 1000),
}
LARGE_UNITS = {**dict.fromkeys("万萬", 10**4), **dict.fromkeys("亿億", 10**8)}
ZEROS = frozenset("零〇")
_NUMERAL = "".join((*DIGITS, *SMALL_UNITS, *LARGE_UNITS))
_CHINESE = re.compile(f"[{_NUMERAL}]+(?:点[{''.join(DIGITS)}]+)?")
_COUNTED = frozenset((*DIGITS, "十", "拾"))  # a run without one of these is a word: 万家, 百强
_LONGEST = 24  # characters of one Chinese number at most

_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ARABIC_FRACTION = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)")
_CHINESE_FRACTION = re.compile(f"([{_NUMERAL}]+)分之([{_NUMERAL}]+(?:点[{''.join(DIGITS)}]+)?)")
_TENTHS = re.compile(f"([{_NUMERAL}]+)成")  # 三成: three tenths
_DOUBLINGS = re.compile(f"翻([{_NUMERAL}]+)番")  # 翻一番: doubles
_FIRST = re.compile("首[个個家批座台套条條项項所]")  # 首个: the first one
_HALF = re.compile("半")
_EVERY = re.compile("全覆盖|全覆蓋|全部|所有|各|每个|每個")
"""Words that, in a goal for a share, say 100%."""
_SPACED_DIGITS = re.compile(r"(?<=[0-9.,/])\s+(?=[0-9.,/])")
_DENOMINATORS = {"百": 100, "千": 1000, "万": 10**4, "萬": 10**4}

HUNDRED = Fraction(100)


def figures_in(text: str) -> frozenset[Fraction]:
    """Every number ``text`` writes, read exactly (fractions also as percentages)."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits, ．, ／, ％
    found: set[Fraction] = set()
    for variant in {text, _SPACED_DIGITS.sub("", text)}:
        for match in _ARABIC.finditer(variant):
            found.add(Fraction(match.group().replace(",", "")))
        found.update(Fraction(match.group()) for match in _PLAIN.finditer(variant))
        for match in _ARABIC_FRACTION.finditer(variant):
            denominator = Fraction(match.group(2))
            if denominator:
                found.update(_shares(Fraction(match.group(1)) / denominator))
    for match in _CHINESE.finditer(text):
        if _COUNTED.intersection(match.group()):
            found.update(_chinese_numbers(match.group()))
    _words(text, found)
    return frozenset(found)


def _words(text: str, found: set[Fraction]) -> None:
    """The numbers written with words around numerals: fractions, tenths, doublings,
    halves and firsts."""
    for match in _CHINESE_FRACTION.finditer(text):
        denominator = _DENOMINATORS.get(match.group(1)) or chinese_number(match.group(1))
        numerator = chinese_number(match.group(2))
        if denominator and numerator is not None:
            found.update(_shares(numerator / denominator))
    for match in _TENTHS.finditer(text):
        tenths = chinese_number(match.group(1))
        if tenths is not None:
            found.update(_shares(tenths / 10))
    for match in _DOUBLINGS.finditer(text):
        times = chinese_number(match.group(1))
        if times is not None and times.denominator == 1 and times <= 10:
            multiple = Fraction(2 ** int(times))
            found.update({multiple, (multiple - 1) * HUNDRED})  # 翻两番: 4 times, +300%
    if _HALF.search(text):
        found.update(_shares(Fraction(1, 2)))
    if _FIRST.search(text):
        found.add(Fraction(1))


def _shares(share: Fraction) -> set[Fraction]:
    """A share read as itself and as a percentage."""
    return {share, share * HUNDRED}


def _chinese_numbers(run: str) -> set[Fraction]:
    """The numbers of a run of numerals, read from the left, each as long as it
    reads as one number: 十四五 is 十四 and 五, 三四 is 三 and 四."""
    numbers = set()
    start = 0
    while start < len(run):
        for end in range(min(len(run), start + _LONGEST), start, -1):
            number = chinese_number(run[start:end])
            if number is not None:
                numbers.add(number)
                start = end
                break
        else:
            start += 1
    return numbers


def chinese_number(text: str) -> Fraction | None:
    """A number in Chinese numerals (``两千五``, ``一百零五``, ``一亿二千万``,
    ``三点五``, ``二〇二四``), or ``None`` when ``text`` is not one number."""
    whole, point, decimals = text.partition("点")
    if point:
        if not decimals or any(c not in DIGITS for c in decimals):
            return None
        fraction = Fraction("0." + "".join(str(DIGITS[c]) for c in decimals))
        integer = chinese_number(whole) if whole else None
        return None if integer is None else integer + fraction
    if not text:
        return None
    if all(c in DIGITS for c in text):
        # Digit by digit (二〇二四) only with a zero in it: 一二 is two numbers.
        if len(text) > 1 and not ZEROS.intersection(text):
            return None
        return Fraction(int("".join(str(DIGITS[c]) for c in text)))
    return _positional(text)


def _positional(text: str) -> Fraction | None:
    """Numerals with units (十, 百, 千, 万, 亿), or ``None`` when malformed."""
    total = section = 0
    digit: int | None = None
    unit = 0  # the last unit written; a trailing digit counts in tenths of it
    small = 10**5  # small units must come in falling order within a section
    zero = False
    for index, char in enumerate(text):
        if char in ZEROS:
            if digit is not None or index == 0:
                return None
            zero = True
        elif char in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            value = SMALL_UNITS[char]
            if value >= small or (digit is None and not (value == 10 and index == 0)):
                return None
            section += (1 if digit is None else digit) * value
            digit, unit, small, zero = None, value, value, False
        else:
            value = LARGE_UNITS[char]
            if digit is None and section == 0 and total == 0:
                return None
            section += digit or 0
            total = (total + section) * value if value > 10**4 else total + section * value
            section, digit, unit, small, zero = 0, None, value, 10**5, False
    if digit is not None:
        section += digit if zero or unit == 0 else digit * unit // 10
    return Fraction(total + section)


def states(text: str, figure: Decimal, unit: str) -> bool:
    """Whether ``text`` writes ``figure`` (a value in ``unit``): exactly, or, for a
    fraction without a finite decimal, rounded or cut to the places ``figure`` has
    (1/3 as 33.33; 2/3 as 66.67 or 66.66)."""
    readings = set(figures_in(text))
    if unit == PERCENT and _EVERY.search(text):
        readings.add(HUNDRED)
    wanted = abs(Fraction(figure))
    if wanted in readings:
        return True
    exponent = figure.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if not places:
        return False
    scale = 10**places
    scaled = wanted * scale  # a whole number
    return any(
        scaled in (round(reading * scale), math.floor(reading * scale))
        for reading in readings
        if not _finite(reading)
    )


def _finite(number: Fraction) -> bool:
    """Whether ``number`` has a finite decimal expansion."""
    denominator = number.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1
