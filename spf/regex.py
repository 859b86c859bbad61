"""The ``re`` module's functions, with a compiled-pattern cache large enough for spf's readers.

The interpretation and the command renderer read a spec through a few thousand distinct
patterns (many built from the spec's own words), asked again for every candidate reading.
``re`` keeps only the last 512 compiled patterns, so past that every call parsed and compiled
its pattern anew: measured on corpus43/laundry, half of ``spf generate``'s time went to
compiling patterns. The modules that read prose import this module as ``re``; it changes
nothing for anyone else's use of ``re``.

    from spf import regex as re
"""

from __future__ import annotations

import functools
import re as _re
from re import ASCII, DOTALL, IGNORECASE, MULTILINE, Match, Pattern, error, escape  # noqa: F401

CACHE_SIZE = 1 << 15  # compiled patterns kept (a generate of a large spec meets about 16,000)


@functools.lru_cache(maxsize=CACHE_SIZE)
def compile(pattern: str | Pattern, flags: int = 0) -> Pattern:
    return _re.compile(pattern, flags)


def search(pattern, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).search(string)


def match(pattern, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).fullmatch(string)


def findall(pattern, string: str, flags: int = 0) -> list:
    return compile(pattern, flags).findall(string)


def finditer(pattern, string: str, flags: int = 0):
    return compile(pattern, flags).finditer(string)


def split(pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string: str, count: int = 0, flags: int = 0) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)
