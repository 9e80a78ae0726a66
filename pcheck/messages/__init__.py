"""Wording: every message pcheck shows a reader, in each language it speaks.

The core says what happened as a :class:`~pcheck.model.Message` (an id and its
parameters); this package turns it into words. Each language is one catalog
module, a dict from message id to a :meth:`str.format` template, registered in
``CATALOGS``. A second language is a second catalog with the same ids and the
same placeholders (a test holds every catalog to that).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported by the code that makes messages
    from pcheck.model import Message, Problem

CATALOGS: dict[str, str] = {"en": "pcheck.messages.en", "zh": "pcheck.messages.zh"}
DEFAULT_LANGUAGE = "en"


_LOADED: dict[str, dict[str, str]] = {}

HIDDEN = (
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls: escape sequences, new lines
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates: a file name that is not UTF-8
)
"""What input text may not carry raw onto a terminal or into a line of a log, as the
inside of a regular expression's character class: what :func:`visible` escapes."""
_HIDDEN = re.compile(f"[{HIDDEN}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def catalog(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The templates of ``language``, by message id (its module imported once), with
    the words the operator registry keeps for each language (``op.*``)."""
    templates = _LOADED.get(language)
    if templates is None:
        from pcheck.operators import OPERATORS

        templates = {
            **_module(language),
            **{f"op.{op.name}": entry.words[language] for op, entry in OPERATORS.items()},
        }
        _LOADED[language] = templates
    return templates


def _module(language: str) -> Mapping[str, str]:
    """The catalog module's own templates: importing it imports nothing else of pcheck,
    so that help can be worded at start-up for the price of reading one dict."""
    templates: Mapping[str, str] = importlib.import_module(CATALOGS[language]).MESSAGES
    return templates


def help_text(message_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The help text ``message_id`` (``help.*``) in ``language``."""
    return _module(language)[message_id]


def language_of(environ: Mapping[str, str]) -> str:
    """The language the environment asks for: ``PCHECK_LANG``, else the locale
    (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, the first one set and not
    empty, as POSIX reads them): ``zh…`` is Chinese, anything else English."""
    chosen = environ.get("PCHECK_LANG", "").strip().lower()
    if chosen in CATALOGS:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def text(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """``message`` in words."""
    templates = _LOADED.get(language) or catalog(language)
    template = templates[message.id]
    if not message.params:
        return template
    kind = type(message)
    # A message within is worded in the same language.
    return template.format_map(
        {
            name: text(value, language) if type(value) is kind else value
            for name, value in message.params
        }
    )


def line(problem: Problem, language: str = DEFAULT_LANGUAGE) -> str:
    """A problem as one line: ``FILE:LINE:COLUMN: error[code]: message``.

    The severity and the code are kept as they are in every language, so that
    editors and CI tools can read the line; only the message is worded. Whatever
    the path, the column name or the message carries, the line stays one line and
    shows no control character raw (see :func:`visible`).
    """
    where, severity, code = problem.location, problem.severity.value, problem.code
    return visible(f"{where}: {severity}[{code}]: {text(problem.message, language)}")


def visible(text: str) -> str:
    """``text`` safe to show on a terminal and on one line: every control character,
    bidi mark, line or paragraph separator and lone surrogate is written as its
    Python escape (``\\n``, ``\\x1b``, ``\\u202e``); everything else is left as it is.

    Every text format (problem lines, the table, ``targets show``, Markdown, JUnit,
    GitHub commands, HTML and CSV cells) passes what comes from an input through here.
    """
    if text.isprintable():  # the common case; no character of HIDDEN is printable
        return text
    return _HIDDEN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def placeholders(template: str) -> set[str]:
    """The names a template uses."""
    import string  # for checking catalogs, not for wording

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
