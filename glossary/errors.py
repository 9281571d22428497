"""Exceptions that reach the user as one clear line, never as a traceback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.validation.diagnostics import Diagnostic

__all__ = ["ExportError", "GlossaryError", "LoadError", "NotFoundError", "Notice", "UsageError"]


class GlossaryError(Exception):
    """Base class: the command line prints the message and exits with ``exit_code``."""

    exit_code = 1


class UsageError(GlossaryError):
    """The request itself is wrong (an unknown format, an impossible option)."""

    exit_code = 2


class NotFoundError(GlossaryError):
    """A concept or a source that was asked for does not exist."""


class ExportError(GlossaryError):
    """An output could not be written."""


class LoadError(GlossaryError):
    """The sources have errors; ``diagnostics`` lists every one of them."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


class Notice(UserWarning):
    """Something the user should know that did not stop the work (a damaged cache file
    that was rebuilt). The library issues it with :func:`warnings.warn`; the command line
    prints it as one line on stderr."""
