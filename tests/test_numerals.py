"""Numbers as Chinese plans write them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcheck.numerals import chinese_number, figures_in, states


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("两千", 2000),
        ("两千五", 2500),
        ("一百零五", 105),
        ("一千零五十", 1050),
        ("三十五万", 350_000),
        ("一万五", 15_000),
        ("一万二千", 12_000),
        ("一亿二千万", 120_000_000),
        ("一万亿", 10**12),
        ("壹仟贰佰", 1200),
        ("兩千", 2000),
        ("二〇二四", 2024),
        ("三点五", Fraction(7, 2)),
        ("十点二五", Fraction(41, 4)),
    ],
)
def test_chinese_numbers(written: str, value: int | Fraction) -> None:
    assert chinese_number(written) == value


@pytest.mark.parametrize("written", ["百", "三四", "一二", "十四五", "一百一千", "点五", "三点"])
def test_what_is_not_one_number(written: str) -> None:
    assert chinese_number(written) is None


@pytest.mark.parametrize(
    ("text", "contains"),
    [
        ("力爭R&D投入強度達到3.95%", [Fraction("3.95")]),
        ("新增高新技術企業2000 家", [2000]),
        ("新增入孵企业 ２０００家以上", [2000]),  # full-width digits
        ("技术交易额３．９５亿元", [Fraction("3.95")]),
        ("派遣科技特派员10,000人次", [10_000]),
        ("派遣科技特派员10 000人次", [10_000]),
        ("達到全省1/3 以上", [Fraction(1, 3), Fraction(100, 3)]),
        ("達到全省1 / 3以上", [Fraction(1, 3), Fraction(100, 3)]),
        ("达到全省三分之一", [Fraction(1, 3), Fraction(100, 3)]),
        ("增长百分之三", [Fraction(3, 100), 3]),
        ("新增高企两千家", [2000]),
        ("十四五期间新增五家", [14, 5]),  # 十四五 is 十四 and 五
        ("一半以上的山区26县", [Fraction(1, 2), 50, 26]),
        ("覆盖率提高三成", [30]),
        ("技术交易额翻一番", [100, 2]),
        ("打造首个概念验证中心", [1]),
    ],
)
def test_figures_in_quotes(text: str, contains: list[int | Fraction]) -> None:
    assert set(map(Fraction, contains)) <= figures_in(text)


def test_words_are_not_numbers() -> None:
    assert figures_in("百强企业、万家企业、千亿级产业") == frozenset()


@pytest.mark.parametrize(
    ("quote", "figure", "unit", "stated"),
    [
        ("力争研发投入强度达3.2%", "3.2", "%", True),
        ("力争研发投入强度达3.2%", "3.1", "%", False),
        ("力争研发投入强度达3.2%", "32", "%", False),
        ("新增高新技术企业2000 家", "2000", "家", True),
        ("新增高新技术企业2000 家", "200", "家", False),
        ("达到全省1/3 以上", "33.33333333333333333333333333", "%", True),
        ("达到全省1/3 以上", "33.33", "%", True),
        ("达到全省1/3 以上", "33.4", "%", False),
        ("达到全省1/3 以上", "33", "%", False),
        ("达到全省1/4 以上", "25", "%", True),
        ("达到全省1/4 以上", "25.0001", "%", False),
        ("实现工业大县全覆盖", "100", "%", True),
        ("逐步推动各设区市研发投入强度超全国平均", "100", "%", True),
        ("实现工业大县全覆盖", "100", "家", False),
        ("新增高企两千家", "2000", "家", True),
        ("下降5%", "-5", "%", True),
    ],
)
def test_states(quote: str, figure: str, unit: str, stated: bool) -> None:
    assert states(quote, Decimal(figure), unit) is stated


@given(st.integers(0, 10**12))
def test_every_whole_number_written_in_arabic_digits_is_read(number: int) -> None:
    assert states(f"目标{number}家", Decimal(number), "家")
    assert states(f"目标{number:,}家", Decimal(number), "家")


_DIGITS = "零一二三四五六七八九"


def spelled(number: int) -> str:
    """``number`` (below 10^8) in Chinese numerals, as a careful writer spells it."""
    if number == 0:
        return "零"
    high, low = divmod(number, 10_000)
    if high:
        rest = _section(low)
        gap = "零" if low and low < 1000 else ""
        return _section(high) + "万" + gap + rest
    return _section(low)


def _section(number: int) -> str:
    text, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            text += ("零" if zero and text else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return text


@given(st.integers(1, 10**8 - 1))
def test_every_number_spelled_in_chinese_numerals_is_read(number: int) -> None:
    assert chinese_number(spelled(number)) == number


@given(st.text(max_size=200))
def test_any_text_gives_numbers(text: str) -> None:
    assert all(isinstance(figure, Fraction) for figure in figures_in(text))
