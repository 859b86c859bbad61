"""Three-way merge of text files (diff3), for regenerating over a user's edits.

``base`` is what spf generated last time (kept in ``.spf/base/``), ``ours`` the file
on disk (maybe edited by the user), ``theirs`` what spf generates now. Regions only
one side changed take that side; regions both changed identically take either;
regions both changed differently are conflicts: the caller leaves the file untouched
and reports them. The algorithm is the classic diff3 over ``difflib`` matching blocks
(the same shape as bzr/breezy's ``merge3``); adjacent changes count as overlapping, as in git.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass
class Conflict:
    """One overlapping change: the base lines and both sides' replacements (0-based line ranges)."""

    base_start: int
    base_lines: list[str]
    ours_start: int
    ours_lines: list[str]
    theirs_lines: list[str]


@dataclass
class MergeResult:
    text: str  # the merged text; conflicts shown with git-style markers
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _sync_regions(base: list[str], ours: list[str], theirs: list[str]) -> list[tuple[int, ...]]:
    """Base ranges unchanged on both sides, with where they sit in ``ours`` and ``theirs``."""
    ours_blocks = difflib.SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    theirs_blocks = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ours_blocks) and j < len(theirs_blocks):
        ours_base, ours_at, ours_length = ours_blocks[i]
        theirs_base, theirs_at, theirs_length = theirs_blocks[j]
        start = max(ours_base, theirs_base)
        end = min(ours_base + ours_length, theirs_base + theirs_length)
        if start < end:
            ours_start = ours_at + (start - ours_base)
            theirs_start = theirs_at + (start - theirs_base)
            regions.append((start, end, ours_start, ours_start + end - start,
                            theirs_start, theirs_start + end - start))
        if ours_base + ours_length < theirs_base + theirs_length:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return regions


def merge3(base: str, ours: str, theirs: str, *, ours_label: str = "yours (on disk)",
           theirs_label: str = "generated now") -> MergeResult:
    """Merge ``theirs`` into ``ours`` relative to ``base``, line by line."""
    base_lines = base.splitlines(keepends=True)
    ours_lines = ours.splitlines(keepends=True)
    theirs_lines = theirs.splitlines(keepends=True)
    output: list[str] = []
    conflicts: list[Conflict] = []
    at_base = at_ours = at_theirs = 0
    for base_start, base_end, ours_start, ours_end, theirs_start, theirs_end in _sync_regions(
            base_lines, ours_lines, theirs_lines):
        ours_chunk = ours_lines[at_ours:ours_start]
        theirs_chunk = theirs_lines[at_theirs:theirs_start]
        base_chunk = base_lines[at_base:base_start]
        if ours_chunk or theirs_chunk or base_chunk:
            if ours_chunk == theirs_chunk:
                output += ours_chunk
            elif ours_chunk == base_chunk:
                output += theirs_chunk
            elif theirs_chunk == base_chunk:
                output += ours_chunk
            else:
                conflicts.append(Conflict(at_base, base_chunk, at_ours, ours_chunk, theirs_chunk))
                output.append(f"<<<<<<< {ours_label}\n")
                output += _terminated(ours_chunk)
                output.append("=======\n")
                output += _terminated(theirs_chunk)
                output.append(f">>>>>>> {theirs_label}\n")
        output += base_lines[base_start:base_end]
        at_base, at_ours, at_theirs = base_end, ours_end, theirs_end
    return MergeResult("".join(output), conflicts)


def _terminated(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines
