"""Placeholders written in angle brackets, read as the spec language's capitals.

The spec language names a value inside a line by a word in capitals (`added N: TITLE`). Many
people write the same thing the way manual pages and READMEs do: `took 1 bale of <kind> from
lot <number>`, `bad day <day>`. This pass, run once after parsing, rewrites every ``<name>``
(one to four words) inside a code span of the prose, and in an error's message, as ``NAME``
(words joined by ``_``: ``<old bay>`` is ``OLD_BAY``), so everything downstream reads one
spelling. The records' plural is a count of them (``binned <rackets>`` is ``binned N rackets``). Text outside code spans, and a ``<`` that is not a placeholder (``a < b``), stay
as written.
"""

from __future__ import annotations

import re

from spf.spec.model import Project

ANGLE = re.compile(r"<([A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+){0,3})>")
CODE_SPAN = re.compile(r"`[^`]{1,300}`")  # a span may wrap onto the next line


def as_capitals(text: str, *, everywhere: bool = False, counted: frozenset[str] = frozenset()) -> str:
    """``text`` with each ``<name>`` in its code spans (or anywhere: ``everywhere``) as ``NAME``;
    a name in ``counted`` (the records' plural: ``<rackets>``) is a count of them, ``N rackets``."""
    if not text or "<" not in text:
        return text

    def capitals(match: re.Match) -> str:
        if match.group(1).lower() in counted:  # `binned <rackets>`, e.g. `binned 2 rackets`
            return f"N {match.group(1).lower()}"
        return re.sub(r"[ -]", "_", match.group(1)).upper()

    if everywhere:
        return ANGLE.sub(capitals, text)
    return CODE_SPAN.sub(lambda span: ANGLE.sub(capitals, span.group(0)), text)


def read_placeholders(project: Project) -> None:
    """Rewrite the project's prose and error messages in place (see the module's words)."""
    counted = frozenset({*(_plural(entity.name.lower()) for entity in project.entities),
                         *(store.name.lower() for store in project.stores if store.name.lower().endswith("s"))})
    project.description = as_capitals(project.description, counted=counted)
    for entity in project.entities:
        entity.description = as_capitals(entity.description, counted=counted)
        for field in entity.fields:
            field.description = as_capitals(field.description, counted=counted)
    for item in [*project.stores, *project.functions]:
        item.description = as_capitals(item.description, counted=counted)
    for command in project.commands:
        command.description = as_capitals(command.description, counted=counted)
        for error in command.errors:
            error.message = as_capitals(error.message, everywhere=True, counted=counted)
            error.condition = as_capitals(error.condition, counted=counted)


def _plural(noun: str) -> str:
    """The records' plural as a count names them: ``racket`` -> ``rackets``, ``entry`` -> ``entries``."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


__all__ = ["as_capitals", "read_placeholders"]
