"""Placeholders written in angle brackets, read as the spec language's capitals.

The spec language names a value inside a line by a word in capitals (`added N: TITLE`). Many
people write the same thing the way manual pages and READMEs do: `took 1 bale of <kind> from
lot <number>`, `bad day <day>`. This pass, run once after parsing, rewrites every ``<name>``
(one to four words) inside a code span of the prose, and in an error's message, as ``NAME``
(words joined by ``_``: ``<old bay>`` is ``OLD_BAY``), so everything downstream reads one
spelling. Text outside code spans, and a ``<`` that is not a placeholder (``a < b``), stay
as written.
"""

from __future__ import annotations

import re

from spf.spec.model import Project

ANGLE = re.compile(r"<([A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+){0,3})>")
CODE_SPAN = re.compile(r"`[^`]{1,300}`")  # a span may wrap onto the next line


def as_capitals(text: str, *, everywhere: bool = False) -> str:
    """``text`` with each ``<name>`` in its code spans (or anywhere: ``everywhere``) as ``NAME``."""
    if not text or "<" not in text:
        return text

    def capitals(match: re.Match) -> str:
        return re.sub(r"[ -]", "_", match.group(1)).upper()

    if everywhere:
        return ANGLE.sub(capitals, text)
    return CODE_SPAN.sub(lambda span: ANGLE.sub(capitals, span.group(0)), text)


def read_placeholders(project: Project) -> None:
    """Rewrite the project's prose and error messages in place (see the module's words)."""
    project.description = as_capitals(project.description)
    for entity in project.entities:
        entity.description = as_capitals(entity.description)
        for field in entity.fields:
            field.description = as_capitals(field.description)
    for item in [*project.stores, *project.functions]:
        item.description = as_capitals(item.description)
    for command in project.commands:
        command.description = as_capitals(command.description)
        for error in command.errors:
            error.message = as_capitals(error.message, everywhere=True)
            error.condition = as_capitals(error.condition)


__all__ = ["as_capitals", "read_placeholders"]
