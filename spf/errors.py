"""Errors for users: one line with a location and a hint, and a documented exit status.

Tracebacks are for bugs. Anything a user can cause raises an ``SpfError`` (or a
subclass); the CLI prints ``error.one_line()`` to stderr and exits with
``error.exit_code``.
"""

from __future__ import annotations

# Exit statuses, documented in the README.
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_VERIFY_FAILED = 3
EXIT_CONFLICTS = 4


class SpfError(Exception):
    """A problem a user can fix: bad input, a missing file, a refused operation."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, location: str | None = None, hint: str | None = None,
                 exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def one_line(self) -> str:
        """``location: message (hint: ...)`` on a single line."""
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return " ".join(text.split("\n"))

    def __str__(self) -> str:
        return self.one_line()


class SpecError(SpfError):
    """A syntax or semantic error in a requirements file (``spec.md``).

    ``location`` is ``file:line:column`` (1-based); ``source_line`` is the offending
    line, shown under the message with a caret at ``column``.
    """

    def __init__(self, message: str, *, file: str, line: int, column: int,
                 source_line: str | None = None, hint: str | None = None):
        super().__init__(message, location=f"{file}:{line}:{column}", hint=hint)
        self.file = file
        self.line = line
        self.column = column
        self.source_line = source_line

    def excerpt(self) -> str:
        """The offending line with a caret under the column (empty when unknown)."""
        if self.source_line is None:
            return ""
        return f"    {self.source_line}\n    {' ' * max(self.column - 1, 0)}^"


class TaxonomyError(SpfError):
    """A taxonomy data file is invalid (unknown parent, cycle, missing template)."""


class PluginError(SpfError):
    """A plugin could not be loaded or registered something invalid."""


class UnimplementedError(SpfError):
    """A path that exists in the design but has no implementation yet."""

    exit_code = EXIT_VERIFY_FAILED
