"""The block structure of ``spec.md``, read as CommonMark with markdown-it-py.

markdown-it-py finds the blocks exactly as a code host renders them: ATX and
setext headings, paragraphs (with lazy continuation lines), bullet lists,
fenced code of any fence length (```` ``` ````, ````` ```` `````, ``~~~``), indented
code, HTML blocks and comments, block quotes, ordered lists, thematic breaks.
Only the line ranges of the blocks are taken from it; the text is always the
source's own lines, so every position stays exact, and what is written after a
heading's ``Kind:`` and inside bullets is read by the lark grammar
(``grammar.lark``) in ``spf.spec.parser``.

What the parser gets is a list of ``Line`` objects, each one top-level block
(or one line of it), grouped into ``Section`` objects by the level-1 and
level-2 headings. docs/spec-language.md ("Structure") states the rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

# A heading's text that opens an item: "Entity: Task", "Function: f() -> int".
ITEM_KIND = re.compile(r"([A-Za-z]+)[ \t]*:[ \t]*")
PROJECT_KIND = re.compile(r"[Pp]roject[ \t]*:")
_ATX_OPENING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
# Blocks whose lines are kept exactly as written, blank lines included.
_VERBATIM = ("fence", "code_block", "html_block")


@dataclass
class Fragment:
    """A piece of text handed to the inline grammar, with a map back to the file.

    ``pieces`` holds ``(offset in text, line, column)`` for each source line the
    text was joined from (continuation lines are joined with one space).
    """

    text: str
    pieces: list[tuple[int, int, int]]
    line_text: str  # the first source line, for spans and excerpts

    @classmethod
    def single(cls, text: str, line: int, column: int, line_text: str) -> Fragment:
        return cls(text, [(0, line, column)], line_text)

    @classmethod
    def joined(cls, lines: list[tuple[int, str]], first_column: int) -> Fragment:
        """Source lines joined with one space, each stripped; the first starts at a column."""
        number, first = lines[0]
        text = first[first_column - 1:].rstrip()
        pieces = [(0, number, first_column)]
        for number, continued in lines[1:]:
            stripped = continued.lstrip()
            text += " "
            pieces.append((len(text), number, len(continued) - len(stripped) + 1))
            text += stripped.rstrip()
        return cls(text, pieces, first)

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of an offset into ``text`` (the end maps past the last char)."""
        offset = max(0, min(offset, len(self.text)))
        start, line, column = self.pieces[0]
        for piece in self.pieces:
            if piece[0] <= offset:
                start, line, column = piece
        return line, column + offset - start


@dataclass
class Line:
    """One top-level block of a section (or one line of a block that is just prose)."""

    kind: str  # "blank" | "prose" | "bullet" | "fence" | "heading"
    number: int  # 1-based line number of its first line
    text: str  # without the trailing newline (multi-line blocks keep their inner newlines)
    continuation: list[tuple[int, str]] = field(default_factory=list)  # bullets only
    level: int = 0  # headings: 1-6
    content: Fragment | None = None  # headings: the heading's text (setext lines joined)
    info: str = ""  # fences: the info string (```` ```console ```` -> "console")

    @property
    def last_line(self) -> int:
        if self.continuation:
            return self.continuation[-1][0]
        return self.number + self.text.count("\n")


@dataclass
class Section:
    kind: str  # "preamble" | "project" | "item" | "prose"
    heading: Line | None
    body: list[Line]

    @property
    def end_line(self) -> int:
        lines = [line for line in self.body if line.kind != "blank"]
        if lines:
            return lines[-1].last_line
        return self.heading.number if self.heading else 1


@functools.cache
def _markdown():
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark")
    # Only the block structure is needed: inline text is read by the lark grammar.
    markdown.core.ruler.disable(["inline", "text_join"], ignoreInvalid=True)
    return markdown


@functools.lru_cache(maxsize=1)
def block_tokens(text: str) -> tuple:
    """The block tokens of ``text``, parsed once: the sections and the transcripts' pass
    both read them (markdown-it's block parse is most of the time a large spec takes)."""
    return tuple(_markdown().parse(text))


def source_lines(text: str) -> list[str]:
    """The lines of the text (a final newline does not start another line)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(text: str) -> list[Line]:
    """Every top-level block of the text as ``Line`` objects, in source order.

    Headings (ATX or setext) become one ``heading`` line, fenced code one ``fence``
    line, indented code and HTML blocks one ``prose`` line each (their lines kept
    as written). The first paragraph of an item of a top-level bullet list
    becomes a ``bullet`` whose further lines are its continuation; the rest of
    the item, and every other block, is prose, line by line (blank lines
    ``blank``).
    """
    source = source_lines(text)
    claimed: dict[int, tuple[int, Line]] = {}  # first line index -> (end index, line)
    tokens = block_tokens(text)
    lists: list[int] = []  # levels of the open bullet lists
    for index, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            lists.append(token.level)
        elif token.type == "bullet_list_close":
            lists.pop()
        if token.map is None:
            continue
        start, end = token.map
        if token.type in _VERBATIM:
            # A fence left open runs to the end of its container: drop trailing blank lines.
            while token.type == "fence" and end > start + 1 and not source[end - 1].strip():
                end -= 1
            kind = "fence" if token.type == "fence" else "prose"
            claimed[start] = (end, Line(kind, start + 1, "\n".join(source[start:end]),
                                        info=token.info.strip() if kind == "fence" else ""))
        elif token.type == "heading_open" and token.level == 0:
            claimed[start] = (end, _heading(token, source, start, end))
        elif (token.type == "list_item_open" and lists == [0] and index + 1 < len(tokens)
                and tokens[index + 1].type == "paragraph_open"
                and tokens[index + 1].map[0] == start):
            paragraph_end = tokens[index + 1].map[1]
            claimed[start] = (paragraph_end, Line(
                "bullet", start + 1, source[start],
                [(number + 1, source[number]) for number in range(start + 1, paragraph_end)]))
    lines: list[Line] = []
    index = 0
    while index < len(source):
        if index in claimed:
            end, line = claimed[index]
            lines.append(line)
            index = max(end, index + 1)
            continue
        kind = "prose" if source[index].strip() else "blank"
        lines.append(Line(kind, index + 1, source[index]))
        index += 1
    return lines


def _heading(token, source: list[str], start: int, end: int) -> Line:
    level = int(token.tag[1:])
    if token.markup.startswith("#"):  # ATX: "## Entity: Task"
        opening = _ATX_OPENING.match(source[start])
        column = opening.end() + 1 if opening else 1
        content = Fragment.single(source[start][column - 1:], start + 1, column, source[start])
        return Line("heading", start + 1, source[start], level=level, content=content)
    # setext: the text lines, then the === or --- underline
    text_lines = [(number + 1, source[number]) for number in range(start, end - 1)]
    first = text_lines[0][1]
    content = Fragment.joined(text_lines, len(first) - len(first.lstrip()) + 1)
    return Line("heading", start + 1, "\n".join(source[start:end]), level=level,
                content=content)


def read_sections(text: str) -> list[Section]:
    """The preamble, then (when there is a ``# Project:`` heading) the project section and
    one section per later level-1 or level-2 heading; levels 3-6 stay in their section."""
    sections = [Section("preamble", None, [])]
    for line in read_lines(text):
        if line.kind == "heading":
            words = line.content.text
            if sections[-1].kind == "preamble":
                if line.level == 1 and PROJECT_KIND.match(words):
                    sections.append(Section("project", line, []))
                    continue
            elif line.level <= 2:
                kind = "item" if line.level == 2 and ITEM_KIND.match(words) else "prose"
                sections.append(Section(kind, line, []))
                continue
        sections[-1].body.append(line)
    return sections


@dataclass(frozen=True)
class FencedBlock:
    """A fenced code block: its info string, its lines (1-based, fences included), its code."""

    info: str
    line: int  # the opening fence
    end_line: int  # the closing fence (or the block's last line when it is left open)
    code: str  # the lines between the fences (a list item's indentation removed)


def fenced_blocks(text: str) -> list[FencedBlock]:
    """Every fenced code block of a spec, at any depth (in list items and quotes too)."""
    source = source_lines(text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff"))
    blocks = []
    for token in block_tokens("\n".join(source)):
        if token.type == "fence" and token.map is not None:
            start, end = token.map
            blocks.append(FencedBlock(token.info.strip(), start + 1, end, token.content))
    return blocks
