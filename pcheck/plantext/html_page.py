"""The text of an HTML page, read in one pass that takes time in proportion to the
page, whatever it holds.

The standard library's ``html.parser`` is not used: on the Python versions pcheck
supports it takes time that grows with the square of the input on unterminated
comments and declarations, and raises ``AssertionError`` on some (``<![<![``).
Here every construct either ends where it should or, as in a browser, runs to the
end of the page (an unterminated comment, a quote never closed), so the scanner
never looks at the same text twice. No element is nested in recursion; the stack
of open elements is a list, and deeper than ``MAX_DEPTH`` elements are no longer
tracked (their text is still read).

The text keeps block boundaries (paragraphs, divisions, list items, table rows,
headings, line breaks) as new lines and table cells as tabs; entities are
unescaped; runs of spaces in a line are collapsed, and every other character is
kept as the page has it. Scripts, styles, ``noscript`` and ``template`` are left
out. When a page has a main article container of the kind Chinese government
sites use (``TRS_Editor``, ``zoom``, ``article``, ``content`` …, or an
``<article>``) that holds most of its text, the text is that container's alone.
"""

from __future__ import annotations

import re
import sys
from html import unescape

from pcheck.plantext import Contents, decode, lines

MAX_DEPTH = 512
MAX_CANDIDATES = 1000
MAX_META = 200


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
BLOCKS = _names(
    """address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend
    li main nav ol p pre section summary table tbody tfoot thead tr ul"""
)
CELLS = frozenset({"td", "th"})
RAW = frozenset({"script", "style", "noscript", "xmp", "iframe", "noembed", "noframes"})
"""Elements whose content is raw text up to their end tag; none of it is kept."""
TEXT_ONLY = frozenset({"title", "textarea"})
"""Elements whose content is text up to their end tag (entities unescaped)."""
SKIPPED = frozenset({"template"})
"""Elements whose content is parsed but not kept."""
SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
"""Elements a start tag of the same name closes, when it is the one open."""
CONTAINERS = _names(
    """trs_editor zoom article content article-content article_content articlecontent
    art_con main-content main_content pages_content detail-content detail_content"""
)
"""Ids and classes (case aside) of the main article container of common Chinese
government CMS pages."""

_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
CHARSETS = {
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8"), "utf-8"),
    **dict.fromkeys(
        _names(
            """gb2312 gbk gb18030 x-gbk chinese csgb2312 gb_2312 gb_2312-80 iso-ir-58
            csiso58gb231280 cp936 windows-936 ms936 euc-cn"""
        ),
        "gb18030",  # a superset of them all
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
}
"""Declared charsets pcheck follows, to Python codecs. A page that declares another is
read as UTF-8 or GB18030, strictly, or refused."""

_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*+")
_ATTRIBUTE_NAME = re.compile(r"[^\s/>][^\s/>=]*+")
_GAP = re.compile(r"[\s/]*")  # between attributes; a / as in <br/>
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_KEPT_ATTRIBUTES = frozenset({"id", "class", "name", "property", "content"})


def read_html(raw: bytes, path: str) -> Contents:
    """The text, title and meta tags of an HTML page."""
    page = _Page()
    _scan(decode(raw, path, declared_charset(raw)), page)
    return page.contents()


def declared_charset(raw: bytes) -> str | None:
    """The Python codec of the charset an HTML page declares in its first 4 KiB
    (a meta tag, or an XML declaration), when it is one pcheck follows."""
    head = raw[:4096]
    found = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if found is None:
        return None
    return CHARSETS.get(found.group(1).decode("ascii").lower())


class _Page:
    """What the scanner finds, as it finds it."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.size = 0  # characters of text other than spaces so far
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # how many elements of each name are open
        self.marks: dict[int, int] = {}  # stack depth -> candidate container
        self.candidates: list[list[int]] = []  # [first piece, end piece, size]
        self.skip = 0
        self.pre = 0
        self.title: str | None = None
        self.heading: str | None = None
        self.heading_start: int | None = None
        self.meta: dict[str, str] = {}

    def add(self, piece: str) -> None:
        self.pieces.append(piece)
        self.size += len(piece) - piece.count(" ")

    def boundary(self, separator: str) -> None:
        if not (separator == "\n" and self.pieces and self.pieces[-1] == "\n"):
            self.pieces.append(separator)

    def data(self, text: str) -> None:
        if self.skip or not text:
            return
        text = unescape(text)
        self.add(text if self.pre else _WHITESPACE.sub(" ", text))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "meta":
            self.meta_tag(attributes)
        if self.stack and (
            (name in SELF_CLOSING and self.stack[-1] == name)
            or (name in BLOCKS and self.stack[-1] == "p")
        ):
            self.pop()
        if name in CELLS:
            self.boundary("\t")
        elif name in BLOCKS or name == "br":
            self.boundary("\n")
        if name == "h1" and self.heading is None and self.heading_start is None:
            self.heading_start = len(self.pieces)
        if name in VOID or len(self.stack) >= MAX_DEPTH:
            return
        self.stack.append(sys.intern(name))
        self.open[name] = self.open.get(name, 0) + 1
        if name in SKIPPED:
            self.skip += 1
        elif name == "pre":
            self.pre += 1
        if len(self.candidates) < MAX_CANDIDATES and _is_container(name, attributes):
            self.marks[len(self.stack)] = len(self.candidates)
            self.candidates.append([len(self.pieces), -1, self.size])

    def end(self, name: str) -> None:
        if name in BLOCKS:
            self.boundary("\n")
        if name == "h1" and self.heading_start is not None and self.heading is None:
            self.heading = lines(self.pieces[self.heading_start :]).replace("\n", " ")
        if self.open.get(name):
            while self.pop() != name:
                pass

    def pop(self) -> str:
        depth = len(self.stack)
        name = self.stack.pop()
        self.open[name] -= 1
        if name in SKIPPED:
            self.skip -= 1
        elif name == "pre":
            self.pre -= 1
        index = self.marks.pop(depth, None)
        if index is not None:
            candidate = self.candidates[index]
            candidate[1], candidate[2] = len(self.pieces), self.size - candidate[2]
        return name

    def text_only(self, name: str, text: str) -> None:
        if name == "title" and self.title is None:
            self.title = _WHITESPACE.sub(" ", unescape(text)).strip()

    def meta_tag(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("name") or attributes.get("property") or "").strip()
        content = attributes.get("content")
        if key and content is not None and len(self.meta) < MAX_META:
            self.meta.setdefault(key, content.strip())

    def contents(self) -> Contents:
        while self.stack:
            self.pop()
        pieces = self.pieces
        main = self.main_container()
        if main is not None:
            pieces = pieces[main[0] : main[1]]
        return Contents(lines(pieces), self.title or self.heading or None, self.meta)

    def main_container(self) -> list[int] | None:
        """The smallest candidate container holding more than half the text."""
        held = [c for c in self.candidates if c[1] >= 0 and 2 * c[2] > self.size]
        return min(held, key=lambda c: (c[2], -c[0]), default=None)


def _is_container(name: str, attributes: dict[str, str]) -> bool:
    if name == "article":
        return True
    names = [attributes.get("id", ""), *attributes.get("class", "").split()]
    return any(n.casefold() in CONTAINERS for n in names)


# A start or end tag without quotes or attribute values: most tags of most pages,
# read in one step (anything else is read by _markup).
# Possessive (*+): a tag never closed must not make the expression try again from
# every character of it.
_PLAIN_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*+)([^>\"'=]*+)>")


def _scan(page_text: str, page: _Page) -> None:
    """Feed ``page`` the text, start tags and end tags of an HTML page."""
    s, n, pos = page_text, len(page_text), 0
    find, plain, data, start, end = s.find, _PLAIN_TAG.match, page.data, page.start, page.end
    while pos < n:
        i = find("<", pos)
        if i < 0:
            data(s[pos:])
            return
        if i > pos:
            data(s[pos:i])
        tag = plain(s, i)
        if tag is None:
            pos = _markup(s, i, page)
            continue
        slash, name, pos = tag.group(1), tag.group(2).lower(), tag.end()
        if slash:
            end(name)
        elif name in RAW or name in TEXT_ONLY:
            pos = _markup(s, i, page)
        else:
            start(name, {})


def _markup(s: str, i: int, page: _Page) -> int:
    """Read the markup at ``s[i] == "<"``; where reading goes on."""
    n = len(s)
    following = s[i + 1 : i + 2]
    if following.isascii() and following.isalpha():
        return _start_tag(s, i, page)
    if s.startswith("<!--", i):
        for short in ("<!-->", "<!--->"):
            if s.startswith(short, i):
                return i + len(short)
        return _after(s, "-->", i + 4)
    if following == "/":
        after = s[i + 2 : i + 3]
        if after.isascii() and after.isalpha():
            found = _TAG_NAME.match(s, i + 2)
            assert found is not None
            page.end(found.group().lower())
            return _after(s, ">", found.end())
        if not after:
            page.data("</")
            return n
        return _after(s, ">", i + 2)
    if following in ("!", "?"):  # a declaration, CDATA or processing instruction
        return _after(s, ">", i + 2)
    page.data("<")
    return i + 1


def _skip(pattern: re.Pattern[str], s: str, start: int) -> int:
    """Where a match of ``pattern`` (which may be empty) at ``start`` ends."""
    found = pattern.match(s, start)
    return start if found is None else found.end()


def _after(s: str, end: str, start: int) -> int:
    """Where reading goes on after the next ``end``: the end of ``s`` if none."""
    found = s.find(end, start)
    return len(s) if found < 0 else found + len(end)


def _start_tag(s: str, i: int, page: _Page) -> int:
    n = len(s)
    found = _TAG_NAME.match(s, i + 1)
    assert found is not None
    name, pos = found.group().lower(), found.end()
    attributes: dict[str, str] = {}
    while True:
        pos = _skip(_GAP, s, pos)
        if pos >= n:
            return n  # a tag the page never closes is dropped, as a browser does
        if s[pos] == ">":
            break
        found = _ATTRIBUTE_NAME.match(s, pos)
        assert found is not None
        key, pos, value = found.group().lower(), found.end(), ""
        equals = _EQUALS.match(s, pos)
        if equals is not None:
            pos = equals.end()
            if pos < n and s[pos] in "\"'":
                close = s.find(s[pos], pos + 1)
                if close < 0:
                    return n
                value, pos = s[pos + 1 : close], close + 1
            else:
                end = _skip(_UNQUOTED, s, pos)
                value, pos = s[pos:end], end
        if key in _KEPT_ATTRIBUTES and key not in attributes:
            attributes[key] = unescape(value)
    pos += 1
    page.start(name, attributes)
    if name in RAW or name in TEXT_ONLY:
        closing = re.compile(rf"</{re.escape(name)}(?=[\s/>])", re.I).search(s, pos)
        content = s[pos : closing.start() if closing else n]
        if name in TEXT_ONLY:
            page.text_only(name, content)
        page.end(name)
        return _after(s, ">", closing.end()) if closing else n
    return pos
