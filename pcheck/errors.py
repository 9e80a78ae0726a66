"""The one error type that pcheck raises, and its kinds.

Loaders collect every problem of a file before they raise, so an error carries a
list of problems, each with its own location. Parsers of single values (numbers,
units, periods) raise :class:`ValueParseError` without a location; the loader that
called them knows where the value stands and adds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from pcheck.model import Location, Message, Problem


class PcheckError(Exception):
    """An input pcheck cannot use. ``problems`` says every thing wrong with it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        from pcheck.messages import line

        return "\n".join(line(p) for p in self.problems)

    @classmethod
    def at(cls, location: Location, message: Message, code: str = "invalid") -> Self:
        """An error with a single problem."""
        return cls([Problem(location, message, code)])


class TargetFileError(PcheckError):
    """A target file or catalog file that cannot be read or is invalid."""


class DataFileError(PcheckError):
    """A file of actuals that cannot be read at all."""


class PlanTextError(PcheckError):
    """A plan document (.txt, .html, .docx) whose text cannot be read."""


class ValueParseError(ValueError):
    """A single value (number, unit, period) that cannot be read exactly; ``message``
    says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        from pcheck.messages import text

        return text(self.message)
