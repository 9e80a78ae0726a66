"""Wording: every message pcheck shows a reader, in each language it speaks.

The core says what happened as a :class:`~pcheck.model.Message` (an id and its
parameters); this package turns it into words. Each language is one catalog
module, a dict from message id to a :meth:`str.format` template, registered in
``CATALOGS``. A second language is a second catalog with the same ids and the
same placeholders (a test holds every catalog to that).
"""

from __future__ import annotations

import importlib

from pcheck.model import Message, Problem

CATALOGS: dict[str, str] = {"en": "pcheck.messages.en"}
DEFAULT_LANGUAGE = "en"


_LOADED: dict[str, dict[str, str]] = {}


def catalog(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The templates of ``language``, by message id (its module imported once)."""
    templates = _LOADED.get(language)
    if templates is None:
        module = importlib.import_module(CATALOGS[language])
        templates = _LOADED[language] = module.MESSAGES
    return templates


def text(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """``message`` in words."""
    templates = _LOADED.get(language) or catalog(language)
    template = templates[message.id]
    if not message.params:
        return template
    params = dict(message.params)
    for name, value in message.params:
        if type(value) is Message:  # worded in the same language
            params[name] = text(value, language)
    return template.format_map(params)


def line(problem: Problem, language: str = DEFAULT_LANGUAGE) -> str:
    """A problem as one line: ``FILE:LINE:COLUMN: error[code]: message``.

    The severity and the code are kept as they are in every language, so that
    editors and CI tools can read the line; only the message is worded.
    """
    where, severity, code = problem.location, problem.severity.value, problem.code
    return f"{where}: {severity}[{code}]: {text(problem.message, language)}"


def placeholders(template: str) -> set[str]:
    """The names a template uses."""
    import string  # for checking catalogs, not for wording

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
