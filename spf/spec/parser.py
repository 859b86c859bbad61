"""Parse ``spec.md`` (the requirements language) into Layer-1 items.

``spf.spec.blocks`` reads the Markdown block structure with markdown-it-py
(CommonMark) and splits it into sections (the project heading, item headings,
prose sections); the lark grammar ``grammar.lark`` reads what is written after
a heading's ``Kind:`` and inside bullets (signatures, fields, types, literals,
examples, command errors). This module walks both, builds the
``spf.spec.model`` dataclasses with their source spans, and hands them to
``spf.spec.checks`` for the semantic checks.

Every problem a user can cause becomes a ``SpecError`` with ``file:line:col``,
the offending line and a hint: lark's exceptions are translated with exact
positions, and nothing else escapes ``parse_spec`` (a bug surfaces as a
SpecError whose message starts with "internal error").

The rules where Markdown leaves room (continuation lines, prose bullets, store
paths, ...) are written down in docs/spec-language.md.
"""

from __future__ import annotations

import ast
import difflib
import functools
import hashlib
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedInput,
    UnexpectedToken,
)

from spf import regex as re
from spf.errors import SpecError, SpfError
from spf.spec.blocks import ITEM_KIND, PROJECT_KIND, Fragment, Line, Section
from spf.spec.blocks import read_sections as read_blocks
from spf.spec.model import (
    Command,
    Entity,
    ErrorCase,
    Example,
    Field,
    Function,
    Param,
    Project,
    Span,
    Store,
    TypeRef,
)

GRAMMAR_DIR = Path(__file__).parent
SPEC_FILE = "spec.md"
ITEM_KINDS = ("entity", "store", "function", "command")
STORE_FORMATS = ("json", "csv", "sqlite")
# Spellings of constants that read naturally in Markdown, normalised to Python.
CONSTANT_SPELLINGS = {"true": "True", "false": "False", "none": "None", "null": "None",
                      "True": "True", "False": "False", "None": "None"}

FIELD_HINT = "write a field as `- name: type = default — description`"
SIGNATURE_HINT = "write a signature as `name(param: type = default, ...) -> type`"
EXAMPLE_HINT = 'write an example as `- name(args) == expected` or `- name(args) raises ValueError`'
ERROR_HINT = ('write an error as `- error: <condition> prints "<message>" and exits with '
              'status <1-255>`')
COMMAND_EXAMPLE_HINT = 'write a command example as ``- `add "milk"` prints "added milk"``'
TYPE_HINT = "a type is a name such as str, int, list[str], str | None or an entity name"
HINTS = {"field": FIELD_HINT, "signature": SIGNATURE_HINT, "example": EXAMPLE_HINT,
         "error_case": ERROR_HINT, "command_example": COMMAND_EXAMPLE_HINT,
         "type_only": TYPE_HINT}


# --------------------------------------------------------------------------------------------
# grammars


@functools.cache
def inline_parser() -> Lark:
    """The inline grammar, one start symbol per place it is used."""
    return Lark((GRAMMAR_DIR / "grammar.lark").read_text(encoding="utf-8"),
                start=list(HINTS), parser="lalr", lexer="contextual",
                propagate_positions=True, maybe_placeholders=False)


# --------------------------------------------------------------------------------------------
# source positions


class Context:
    """What the parser needs while it works: the file name, the lines, the error factory."""

    def __init__(self, text: str, file: str, display_path: str | None):
        self.file = file
        self.display = display_path or file
        self.lines = text.split("\n")
        self.trees: dict[tuple[str, str], Tree] = {}  # (inline text, start) -> tree, this spec's

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""

    def error(self, message: str, line: int, column: int, hint: str | None = None) -> SpecError:
        return SpecError(message, file=self.display, line=line, column=column,
                         source_line=self.line_text(line), hint=hint)

    def span(self, line: int, column: int = 1, end_line: int | None = None) -> Span:
        return Span(file=self.file, line=line, column=column,
                    end_line=end_line if end_line is not None else line,
                    text=self.line_text(line).strip())


# --------------------------------------------------------------------------------------------
# lark errors -> SpecError

TERMINAL_WORDS = {
    "NAME": "a name", "STRING": "a quoted string", "NUMBER": "a number", "SIGN": "a number",
    "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "LBRACE": "'{'",
    "RBRACE": "'}'", "COLON": "':'", "COMMA": "','", "EQUAL": "'='", "VBAR": "'|'",
    "DOT": "'.'", "EQUALS": "'=='", "RAISES": "'raises'", "PRINTS": "'prints \"<message>\"'",
    "AND": "'and exits with status <n>'", "EXITS": "'exits'", "WITH": "'with'",
    "STATUS_WORD": "'status'", "STATUS": "a status number", "RETURN_ARROW": "'->'",
    "ELLIPSIS": "'...'", "DESCRIPTION_SEPARATOR": "'—' and a description",
    "DESCRIPTION": "a description", "CONDITION": "a condition",
    "COMMAND_LINE": "a command line in backticks", "$END": "the end of the line",
}
_OPERATORS = ("->", "==", "--", "...")
_CLOSED_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")


def _previous_token(text: str) -> str | None:
    before = text.rstrip()
    if not before:
        return None
    for operator in _OPERATORS:
        if before.endswith(operator):
            return operator
    if before[-1] in "\"'":
        return "the string"
    word = re.search(r"[A-Za-z0-9_.]+$", before)
    return word.group(0) if word else before[-1]


def _describe_expected(expected: set[str], previous: str | None, start: str) -> str:
    """Say in words what the grammar wanted at this point."""
    if previous in (":", "->", "|", "[") and "NAME" in expected and "STRING" not in expected \
            and start in ("field", "signature", "type_only"):
        return "a return type" if previous == "->" else "a type"
    if "STRING" in expected and "NUMBER" in expected:
        if previous == "=" and start in ("field", "signature"):
            return "a default value"
        return "a value"
    if start == "example" and expected >= {"EQUALS", "RAISES"}:
        return "'== <expected value>' or 'raises <Error>'"
    if start == "signature" and previous in ("(", ",") and "NAME" in expected:
        return "a parameter name or ')'"
    if start == "example" and previous == "raises":
        return "an exception name such as ValueError"
    if start in ("signature", "field") and expected == {"COLON"}:
        return "':' and a type"
    if start == "type_only" and "NAME" in expected:
        return "a type"
    words = sorted({TERMINAL_WORDS.get(name, name.lower()) for name in expected})
    if len(words) > 4:
        words = words[:4]
    return " or ".join(words) if words else "something else"


def _accepted_terminals(error: UnexpectedInput) -> set[str]:
    """The terminals the parser would really accept here.

    LALR merges states, so ``error.expected`` may list terminals that only fit in
    other contexts; lark's interactive parser tries each one instead.
    """
    interactive = getattr(error, "interactive_parser", None)
    if interactive is None:
        return set()
    try:
        return set(interactive.accepts())
    except LarkError:  # pragma: no cover - defensive: fall back to error.expected
        return set()


def translate_lark_error(error: UnexpectedInput, fragment: Fragment, start: str,
                         context: Context) -> SpecError:
    """An exact-position SpecError for a lark parse error in an inline fragment."""
    found: str | None
    accepted = _accepted_terminals(error)
    if isinstance(error, UnexpectedCharacters):
        offset = error.pos_in_stream
        expected = set(error.allowed or ())
        found = fragment.text[offset:offset + 1]
    elif isinstance(error, UnexpectedToken):
        token = error.token
        expected = set(error.expected or ())
        if token.type == "$END":
            offset, found = len(fragment.text.rstrip()), None
        else:
            offset, found = token.start_pos or 0, str(token)
    else:  # UnexpectedEOF and any other end-of-input error
        offset = len(fragment.text.rstrip())
        expected = set(getattr(error, "expected", None) or ())
        found = None
    if accepted:
        expected = accepted
    previous = _previous_token(fragment.text[:offset])
    what = _describe_expected(expected, previous, start)
    message = f"expected {what}"
    if previous is not None:
        message += f" after {previous!r}" if previous != "the string" else " after the string"
    hint = HINTS[start]
    if found and found[0] in "\"'" and not _CLOSED_STRING.match(found):
        line, column = fragment.position(offset)
        return context.error("unterminated string", line, column,
                             f"close the string with {found[0]}")
    if found is not None:
        shown = found if len(found) <= 20 else found[:17] + "..."
        hint = f"found {shown!r}; {hint}"
    else:
        hint = f"the line ends too early; {hint}"
    line, column = fragment.position(offset)
    return context.error(message, line, column, hint)


def parse_inline(fragment: Fragment, start: str, context: Context) -> Tree:
    """The inline tree of the fragment. A line the spec writes again (a field or an error
    clause several sections share) is parsed once: positions are the text's own, so the
    tree serves every place it is written, and nothing changes a tree once built."""
    key = (fragment.text, start)
    tree = context.trees.get(key)
    if tree is not None:
        return tree
    try:
        tree = context.trees[key] = inline_parser().parse(fragment.text, start=start)
        return tree
    except UnexpectedInput as error:
        raise translate_lark_error(error, fragment, start, context) from None
    except LarkError as error:  # pragma: no cover - grammar bugs, not user input
        line, column = fragment.position(0)
        raise context.error(f"internal error: {error}", line, column) from None


# --------------------------------------------------------------------------------------------
# inline trees -> model values


def _token_position(token: Token, fragment: Fragment) -> tuple[int, int]:
    return fragment.position(token.start_pos or 0)


def _meta_offset(tree: Tree) -> int:
    meta = tree.meta
    return 0 if getattr(meta, "empty", True) else meta.start_pos


class Builder:
    """Turns inline trees into model values; remembers where each value was written."""

    def __init__(self, context: Context, where: dict[int, tuple[int, int]]):
        self.context = context
        self.where = where  # id(model object) -> (line, column), for the semantic checks
        self.nested_calls: list[tuple[str, tuple[int, int]]] = []  # calls inside a value

    def remember(self, value, line: int, column: int):
        self.where[id(value)] = (line, column)
        return value

    # types

    def type_ref(self, tree: Tree, fragment: Fragment) -> TypeRef:
        """``type_expr`` -> TypeRef; ``str | None`` and ``Optional[str]`` name "Optional"."""
        atoms = [self._type_atom(child, fragment) for child in tree.children]
        line, column = fragment.position(_meta_offset(tree))
        if len(atoms) == 1:
            return self.remember(atoms[0], line, column)
        text = " | ".join(atom.text for atom in atoms)
        others = [atom for atom in atoms if atom.name != "None"]
        if len(others) == 1 and len(atoms) == 2:
            return self.remember(TypeRef(text=text, name="Optional", args=(others[0],)), line,
                                 column)
        return self.remember(TypeRef(text=text, name="Union", args=tuple(atoms)), line, column)

    def _type_atom(self, tree: Tree, fragment: Fragment) -> TypeRef:
        name_token = tree.children[0]
        args: list[TypeRef] = []
        if len(tree.children) > 1:
            for arg in tree.children[1].children:
                if isinstance(arg, Token):  # ELLIPSIS
                    args.append(TypeRef(text="...", name="..."))
                else:
                    args.append(self.type_ref(arg, fragment))
        name = str(name_token)
        text = name if not args else f"{name}[{', '.join(arg.text for arg in args)}]"
        ref = TypeRef(text=text, name=name, args=tuple(args))
        return self.remember(ref, *_token_position(name_token, fragment))

    # literals

    def literal_source(self, node, fragment: Fragment, *, allow_calls: bool) -> str:
        """Python source for a literal tree, constants normalised (``false`` -> ``False``)."""
        if isinstance(node, Token):
            if node.type == "NAME":
                return self._constant(node, fragment)
            if node.type == "STRING":
                self.check_string(node, fragment)
            if node.type == "NUMBER":
                self._check_number(node, fragment)
            return str(node)
        kind = node.data
        children = node.children
        if kind == "constant":
            return self._constant(children[0], fragment)
        if kind == "signed_number":
            self._check_number(children[1], fragment)
            return f"{children[0]}{children[1]}"
        if kind in ("list_literal", "tuple_literal", "set_literal"):
            items = [self.literal_source(item, fragment, allow_calls=allow_calls)
                     for item in (children[0].children if children else [])]
            if kind == "list_literal":
                return f"[{', '.join(items)}]"
            if kind == "set_literal":
                return f"{{{', '.join(items)}}}"
            if len(items) == 1:
                return f"({items[0]},)"
            return f"({', '.join(items)})"
        if kind == "dict_literal":
            pairs = children[0].children if children else []
            rendered = [
                f"{self.literal_source(pair.children[0], fragment, allow_calls=allow_calls)}: "
                f"{self.literal_source(pair.children[1], fragment, allow_calls=allow_calls)}"
                for pair in pairs]
            return f"{{{', '.join(rendered)}}}"
        if kind == "call":
            if not allow_calls:
                line, column = fragment.position(_meta_offset(node))
                raise self.context.error(
                    f"a default must be a Python literal, not a call of {children[0]!s}",
                    line, column, "use a number, a string, true/false, none, [] or {}")
            self.nested_calls.append((str(children[0]), _token_position(children[0], fragment)))
            return self.call_source(node, fragment)
        raise AssertionError(f"unknown literal node {kind}")  # pragma: no cover

    def call_source(self, node: Tree, fragment: Fragment,
                    arguments_out: list | None = None) -> str:
        """Python source of a call; ``arguments_out`` collects (keyword, source, position)."""
        name = str(node.children[0])
        arguments = node.children[1].children if len(node.children) > 1 else []
        rendered = []
        for argument in arguments:
            keyword = None
            if argument.data == "keyword_argument":
                keyword, value = argument.children
                keyword = str(keyword)
            else:
                value = argument.children[0]
            source = self.literal_source(value, fragment, allow_calls=True)
            rendered.append(f"{keyword}={source}" if keyword else source)
            if arguments_out is not None:
                arguments_out.append((keyword, source,
                                      fragment.position(_node_offset(value))))
        return f"{name}({', '.join(rendered)})"

    def _constant(self, token: Token, fragment: Fragment) -> str:
        spelled = CONSTANT_SPELLINGS.get(str(token)) or CONSTANT_SPELLINGS.get(str(token).lower())
        if spelled is None:
            line, column = _token_position(token, fragment)
            raise self.context.error(
                f"expected a Python literal, found the name {str(token)!r}", line, column,
                'quote text as a string ("...") or use true, false, none, a number, [] or {}')
        return spelled

    def check_string(self, token: Token, fragment: Fragment) -> None:
        try:
            ast.literal_eval(str(token))
        except (ValueError, SyntaxError) as error:
            line, column = _token_position(token, fragment)
            raise self.context.error(f"invalid string literal: {_first_line(error)}", line,
                                     column, "check the backslash escapes") from None

    def _check_number(self, token: Token, fragment: Fragment) -> None:
        try:
            ast.literal_eval(str(token))
        except (ValueError, SyntaxError):
            line, column = _token_position(token, fragment)
            raise self.context.error(f"invalid number {str(token)!r}", line, column,
                                     "write numbers as Python does: 3, -2, 0.5, 1e3") from None


def _first_line(error: Exception) -> str:
    text = getattr(error, "msg", None) or str(error)
    return text.splitlines()[0] if text else type(error).__name__


# --------------------------------------------------------------------------------------------
# the document: sections and their lines


def read_sections(text: str, context: Context) -> list[Section]:
    """Split the document into its preamble, the project section and the other sections."""
    sections = read_blocks(text)
    if len(sections) == 1:
        raise context.error("expected a '# Project: <name>' heading", 1, 1,
                            "start the spec with a level-1 heading such as `# Project: todo`")
    return sections


def prose_of(lines: list[Line]) -> str:
    """The prose of a section as written: lines kept, runs of blank lines made one."""
    out: list[str] = []
    for line in lines:
        if line.kind == "blank":
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line.text.rstrip())
        out.extend(text.rstrip() for _, text in line.continuation)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# bullets

_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+|$)")
_BULLET_MARKER = re.compile(r"[ ]{0,3}[-*+][ \t]+")


def bullet_fragment(line: Line) -> Fragment:
    """The text after a bullet marker, joined with its continuation lines."""
    marker = _BULLET_MARKER.match(line.text)
    start = marker.end() if marker else 0
    return Fragment.joined([(line.number, line.text), *line.continuation], start + 1)


def without_code_span(fragment: Fragment) -> Fragment:
    """Drop the backticks of a leading code span, keeping every position.

    ``## Function: `f(x: int) -> int` `` and ``- `f(1) == 2` `` render as code on a
    code host; the backticks become spaces so columns stay exact.
    """
    text = fragment.text
    if not text.startswith("`"):
        return fragment
    closing = text.find("`", 1)
    if closing < 0:
        return fragment
    text = " " + text[1:closing] + " " + text[closing + 1:]
    return Fragment(text, fragment.pieces, fragment.line_text)


def split_key_value(fragment: Fragment) -> tuple[str, Fragment] | None:
    """``key: value`` -> (key, fragment of the value), or None for other bullets."""
    match = _KEY_VALUE.match(fragment.text)
    if not match:
        return None
    return match.group(1), sub_fragment(fragment, match.end())


def sub_fragment(fragment: Fragment, offset: int) -> Fragment:
    """The fragment from ``offset`` on, positions preserved."""
    line, column = fragment.position(offset)
    pieces = [(0, line, column)]
    for start, piece_line, piece_column in fragment.pieces:
        if start > offset:
            pieces.append((start - offset, piece_line, piece_column))
    return Fragment(fragment.text[offset:], pieces, fragment.line_text)


def _start(fragment: Fragment) -> tuple[int, int]:
    """Where the fragment's first non-blank character was written."""
    return fragment.position(len(fragment.text) - len(fragment.text.lstrip()))


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "`\"'":
        return value[1:-1].strip()
    return value


# --------------------------------------------------------------------------------------------
# headings

def _heading_kind(line: Line) -> str | None:
    """The word before the colon of a ``Kind: ...`` heading (as written), else None."""
    match = ITEM_KIND.match(line.content.text) if line.kind == "heading" else None
    return match.group(1) if match else None


def _heading_parts(line: Line) -> tuple[str, Fragment, tuple[int, int]]:
    """``## Kind: rest`` -> (kind as written, the rest, where the kind was written)."""
    content = line.content
    match = ITEM_KIND.match(content.text)
    if not match:  # pragma: no cover - read_sections only passes such headings here
        raise AssertionError(line.text)
    rest = sub_fragment(content, match.end())
    rest.text = rest.text.rstrip().rstrip("#").rstrip()
    return match.group(1), rest, content.position(match.start(1))


def _past_heading(line: Line) -> tuple[int, int]:
    """One column past the end of a heading's text: where a missing name was expected."""
    content = line.content
    row, column = content.position(len(content.text.rstrip()))
    return row, column + 1


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PROJECT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


# --------------------------------------------------------------------------------------------
# the parser proper


class SpecParser:
    """Reads one spec text into a ``Project``; one instance per parse."""

    def __init__(self, text: str, file: str, display_path: str | None):
        self.text = text
        self.context = Context(text, file, display_path)
        # id(model object), or (id, "what"), -> (line, column): for the semantic checks
        self.where: dict[object, tuple[int, int]] = {}
        self.build = Builder(self.context, self.where)
        self.entities: list[Entity] = []
        self.stores: list[Store] = []
        self.functions: list[Function] = []
        self.commands: list[Command] = []
        self.description_parts: list[str] = []
        self.project_attributes: dict[str, str] = {}
        # id(store) -> where its bullets were written and whether a path was given
        self.store_notes: dict[int, dict[str, object]] = {}
        self.storeless_commands: set[int] = set()  # indexes of commands with `- store: none`

    # -- entry

    def parse(self) -> Project:
        sections = read_sections(self.text, self.context)
        preamble, project_section, *rest = sections
        self._check_preamble(preamble)
        name, name_position = self._project_name(project_section.heading)
        self._project_body(project_section.body)
        for section in rest:
            if section.kind == "prose":
                self._prose_section(section)
            else:
                self._item_section(section)
        self._resolve_stores()
        project = Project(
            name=name,
            description="\n\n".join(part for part in self.description_parts if part),
            entities=self.entities, stores=self.stores, functions=self.functions,
            commands=self.commands,
            span=self.context.span(project_section.heading.number, 1,
                                   max(section.end_line for section in sections)),
            source_file=self.context.file,
            spec_hash=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            attributes=self.project_attributes)
        self.where[id(project)] = name_position
        self._resolve_command_stores(project)
        for command in self.commands:
            _refusals_exit_as_stated(command)
        from spf.spec.checks import check_project

        check_project(project, self.where, self.context)
        return project

    # -- project and prose

    def _check_preamble(self, preamble: Section) -> None:
        for line in preamble.body:
            kind = _heading_kind(line)
            if kind is not None and kind.lower() in ITEM_KINDS:
                raise self.context.error(
                    f"'{kind}:' heading before the '# Project:' heading", line.number,
                    1, "start the spec with `# Project: <name>`")
        text = prose_of(preamble.body)
        if text:
            self.description_parts.append(text)

    def _project_name(self, heading: Line) -> tuple[str, tuple[int, int]]:
        _, fragment, _ = _heading_parts(heading)
        rest, offset = fragment.text, 0
        if len(rest) > 2 and rest[0] == rest[-1] == "`":  # `# Project: `todo``
            rest, offset = rest[1:-1].strip(), 1 + len(rest[1:]) - len(rest[1:].lstrip())
        if not rest:
            raise self.context.error("expected a project name after 'Project:'",
                                     *_past_heading(heading), "write `# Project: todo`")
        if not _PROJECT_NAME.match(rest):
            raise self.context.error(
                f"project name {rest!r} is not a valid name", *fragment.position(offset),
                "use letters, digits, '_' and '-', starting with a letter: `# Project: todo`")
        return rest, fragment.position(offset)

    def _project_body(self, body: list[Line]) -> None:
        prose: list[Line] = []
        for line in body:
            if line.kind == "bullet":
                fragment = bullet_fragment(line)
                pair = split_key_value(fragment)
                if pair is not None and pair[1].text.strip():
                    key, value = pair
                    self.project_attributes[key] = _unquote(value.text)
                    continue
            prose.append(line)
        self.description_parts.append(prose_of(prose))

    def _prose_section(self, section: Section) -> None:
        heading = section.heading
        text = heading.text.strip()
        if heading.level == 1 and PROJECT_KIND.match(heading.content.text):
            raise self.context.error("a second '# Project:' heading", heading.number, 1,
                                     "a spec describes one project; make this a `## ` section")
        kind = _heading_kind(heading)
        if heading.level == 1 and kind is not None and kind.lower() in ITEM_KINDS:
            raise self.context.error(
                f"'{kind}:' must be a level-2 heading", heading.number, 1,
                f"write `## {kind}: ...`")
        body = prose_of(section.body)
        self.description_parts.append(text + ("\n" + body if body else ""))

    # -- items

    def _item_section(self, section: Section) -> None:
        heading = section.heading
        kind_written, rest, kind_position = _heading_parts(heading)
        kind = kind_written.lower()
        if kind == "project":
            raise self.context.error("the project heading must be a level-1 heading",
                                     heading.number, 1, f"write `# Project: {rest.text}`")
        if kind not in ITEM_KINDS:
            close = difflib.get_close_matches(kind, ITEM_KINDS, n=1, cutoff=0.7)
            if close:
                raise self.context.error(
                    f"unknown item kind {kind_written!r}", *kind_position,
                    f"did you mean '{close[0].capitalize()}'? items are "
                    "Entity, Store, Function and Command")
            self._prose_section(section)  # "## Usage: ..." is just prose
            return
        if not rest.text:
            raise self.context.error(
                f"expected a {'signature' if kind in ('function', 'command') else 'name'} "
                f"after '{kind_written}:'", *_past_heading(heading),
                SIGNATURE_HINT if kind in ("function", "command")
                else f"write `## {kind_written}: Name`")
        rest_fragment = without_code_span(rest)
        span = self.context.span(heading.number, 1, section.end_line)
        getattr(self, f"_{kind}")(rest_fragment, section, span)

    def _item_name(self, fragment: Fragment, kind: str) -> str:
        name = fragment.text.strip()
        if not _IDENTIFIER.match(name):
            line, column = _start(fragment)
            hint = "use letters, digits and '_', starting with a letter"
            if " " in name:
                hint += "; describe the item in prose under its heading"
            raise self.context.error(
                f"{kind} name {name!r} is not a valid Python identifier", line, column, hint)
        return name

    def _entity(self, fragment: Fragment, section: Section, span: Span) -> None:
        name = self._item_name(fragment, "entity")
        fields: list[Field] = []
        prose: list[Line] = []
        for line in section.body:
            if line.kind != "bullet":
                prose.append(line)
                continue
            fields.append(self._field(without_code_span(bullet_fragment(line)), line))
        entity = Entity(name=name, description=prose_of(prose), fields=fields, span=span)
        self.where[id(entity)] = _start(fragment)
        self.entities.append(entity)

    def _field(self, fragment: Fragment, line: Line) -> Field:
        tree = parse_inline(fragment, "field", self.context)
        name_token, type_tree, *rest = tree.children
        default = None
        description = ""
        for child in rest:
            if isinstance(child, Token) and child.type == "DESCRIPTION":
                description = str(child).strip()
            elif isinstance(child, Token) and child.type == "DESCRIPTION_SEPARATOR":
                continue
            else:
                default = self.build.literal_source(child, fragment, allow_calls=False)
                default_position = fragment.position(_node_offset(child))
        line_number, column = _token_position(name_token, fragment)
        result = Field(name=str(name_token), type=self.build.type_ref(type_tree, fragment),
                       default=default, description=description,
                       span=self.context.span(line_number, column, line.last_line))
        self.where[id(result)] = (line_number, column)
        if default is not None:
            self.where[(id(result), "default")] = default_position
        return result

    def _store(self, fragment: Fragment, section: Section, span: Span) -> None:
        name = self._item_name(fragment, "store")
        attributes: dict[str, str] = {}
        positions: dict[str, tuple[int, int]] = {}
        prose: list[Line] = []
        for line in section.body:
            pair = split_key_value(bullet_fragment(line)) if line.kind == "bullet" else None
            if pair is None:
                prose.append(line)
                continue
            key, value = pair
            attributes[key.lower()] = _unquote(value.text)
            positions[key.lower()] = value.position(0)
        description = prose_of(prose)
        entity = attributes.pop("holds", "")
        format_written = attributes.pop("format", "")
        path = attributes.pop("path", "")
        store = Store(name=name, entity=entity, format=format_written.lower(), path=path,
                      description=description, span=span, attributes=attributes)
        self.where[id(store)] = _start(fragment)
        self.store_notes[id(store)] = {"positions": positions, "path_given": bool(path)}
        self.stores.append(store)

    def _signature(self, fragment: Fragment, kind: str) -> tuple[str, list[Param],
                                                                  TypeRef | None, Tree]:
        tree = parse_inline(fragment, "signature", self.context)
        name_token = tree.children[0]
        after_name = fragment.text[name_token.end_pos:]
        if kind == "function" and not after_name.lstrip().startswith("("):
            offset = name_token.end_pos + len(after_name) - len(after_name.lstrip())
            if not after_name.strip():
                offset = name_token.end_pos
            raise self.context.error(f"expected '(' after {str(name_token)!r}",
                                     *fragment.position(offset), SIGNATURE_HINT)
        params: list[Param] = []
        returns = None
        for child in tree.children[1:]:
            if isinstance(child, Tree) and child.data == "params":
                for param_tree in child.children:
                    params.append(self._param(param_tree, fragment))
            elif isinstance(child, Tree) and child.data == "type_expr":
                returns = self.build.type_ref(child, fragment)
        return str(name_token), params, returns, tree

    def _param(self, tree: Tree, fragment: Fragment) -> Param:
        name_token, type_tree, *default_tree = tree.children
        default = None
        line, column = _token_position(name_token, fragment)
        param = Param(name=str(name_token), type=self.build.type_ref(type_tree, fragment),
                      default=None, span=self.context.span(line, column))
        if default_tree:
            default = self.build.literal_source(default_tree[0], fragment, allow_calls=False)
            param.default = default
            self.where[(id(param), "default")] = fragment.position(_node_offset(default_tree[0]))
        self.where[id(param)] = (line, column)
        return param

    def _function(self, fragment: Fragment, section: Section, span: Span) -> None:
        name, params, returns, _ = self._signature(fragment, "function")
        examples: list[Example] = []
        attributes: dict[str, str] = {}
        prose: list[Line] = []
        for line in section.body:
            if line.kind == "fence":
                read = self._doctest_examples(line, name)
                examples.extend(read)
                if not read:
                    prose.append(line)
                continue
            if line.kind != "bullet":
                prose.append(line)
                continue
            bullet = without_code_span(bullet_fragment(line))
            if _looks_like_example(bullet.text.strip()):
                examples.append(self._example(bullet, line))
                continue
            pair = split_key_value(bullet)
            if pair is not None:
                attributes[pair[0].lower()] = _unquote(pair[1].text)
                continue
            prose.append(line)
        function = Function(name=name, params=params, returns=returns,
                            description=prose_of(prose), examples=examples, span=span,
                            attributes=attributes)
        self.where[id(function)] = _start(fragment)
        self.functions.append(function)

    def _doctest_examples(self, fence: Line, name: str) -> list[Example]:
        """The examples of a doctest session in a fenced block (```` ```python ````,
        ```` ```pycon ````, ```` ``` ````): each ``>>> name(...)`` with the value shown
        under it (``f(x) == value``) or a traceback's last line (``f(x) raises Error``).
        Other lines (setup, a call of another name or of the session's own names, output of
        several lines or that is not a literal) are left out;
        a block with no such example stays prose."""
        if fence.info.split(" ", 1)[0].lower() not in ("", "python", "py", "pycon", "python3", "doctest"):
            return []
        lines = fence.text.split("\n")
        found: list[Example] = []
        index = 1
        while index < len(lines):
            match = _DOCTEST_CALL.match(lines[index])
            if match is None or not match.group(2).startswith(name + "("):
                index += 1
                continue
            shown, after = [], index + 1
            while after < len(lines) and lines[after].strip() and not lines[after].lstrip().startswith(
                    (">>>", "```", "~~~")):
                shown.append(lines[after].strip())
                after += 1
            call, column = match.group(2).rstrip(), len(match.group(1)) + 1
            if shown and shown[0].startswith("Traceback"):
                error = re.match(r"([A-Za-z_][\w.]*?)(?::|$)", shown[-1])
                text = f"{call} raises {error.group(1).rsplit('.', 1)[-1]}" if error else None
            else:
                text = f"{call} == {shown[0]}" if len(shown) == 1 else None
            if text is not None:
                fragment = Fragment.single(text, fence.number + index, column, lines[index])
                try:
                    found.append(self._example(fragment, Line("prose", fence.number + index, lines[index])))
                except SpecError:  # the session's own names (``half(x)``), a repr of an object
                    pass
            index = after
        return found

    def _example(self, fragment: Fragment, line: Line) -> Example:
        tree = parse_inline(fragment, "example", self.context)
        self.build.nested_calls = []
        call_tree = tree.children[0]
        arguments: list[tuple[str | None, str, tuple[int, int]]] = []
        call = self.build.call_source(call_tree, fragment, arguments)
        line_number, column = fragment.position(_meta_offset(call_tree))
        span = self.context.span(line_number, column, line.last_line)
        if tree.data == "example_equals":
            expected = self.build.literal_source(tree.children[2], fragment, allow_calls=True)
            example = Example(call=call, expected=expected, raises=None, span=span)
            self.where[(id(example), "expected")] = fragment.position(
                _node_offset(tree.children[2]))
        else:
            error_token = tree.children[2]
            example = Example(call=call, expected=None, raises=str(error_token), span=span)
            self.where[(id(example), "raises")] = _token_position(error_token, fragment)
        example.note = next((str(child).strip() for child in tree.children
                             if isinstance(child, Token) and child.type == "DESCRIPTION"), "")
        self.where[id(example)] = (line_number, column)
        self.where[(id(example), "call")] = _call_shape(call_tree)
        self.where[(id(example), "nested")] = self.build.nested_calls
        self.where[(id(example), "arguments")] = arguments
        return example

    def _command(self, fragment: Fragment, section: Section, span: Span) -> None:
        name, params, returns, tree = self._signature(fragment, "command")
        if returns is not None:
            arrow = next(child for child in tree.children
                         if isinstance(child, Token) and child.type == "RETURN_ARROW")
            line, column = _token_position(arrow, fragment)
            raise self.context.error("a command has no return type", line, column,
                                     "commands print their results; remove `-> ...`")
        errors: list[ErrorCase] = []
        examples: list[Example] = []
        attributes: dict[str, str] = {}
        store = None
        store_position = None
        prose: list[Line] = []
        error_order: list[str] = []
        for line in section.body:
            if line.kind != "bullet":
                prose.append(line)
                continue
            bullet = bullet_fragment(line)
            if bullet.text.startswith("`") and _prints_something(bullet.text):
                examples.append(self._command_example(bullet, line))
                continue
            if bullet.text.startswith("`"):  # "* `--student NAME` keeps only that student's lessons": prose
                prose.append(line)
                continue
            pair = split_key_value(bullet)
            if pair is None:
                prose.append(line)
                continue
            key, value = pair[0].lower(), pair[1]
            if key == "error":
                try:
                    tree = parse_inline(value, "error_case", self.context)
                except SpecError:
                    terse = TERSE_ERROR.fullmatch(" ".join(value.text.split()))
                    if terse is not None:  # "- error: unknown item -> "no item NAME", exit 1"
                        errors.append(self._terse_error(terse, value, line))
                        error_order.append(errors[-1].message)
                        continue
                    if not _error_in_words(value.text):
                        raise
                    said = " ".join(value.text.split())  # "- error: if no member has that name, print `no member
                    said = said[:1].upper() + said[1:] + ("" if said.endswith(".") else ".")  # called Bob Ray` (the
                    prose.append(Line("prose", line.number, said))  # name as it was typed) and exit with status 2":
                    error_order.append(said)
                    continue  # a refusal in words, read as the command's prose is
                errors.append(self._error_case(value, line, tree))
                error_order.append(errors[-1].message)
            elif key == "example":
                examples.append(self._command_example(value, line))
            elif key == "store":
                store = _unquote(value.text)
                store_position = value.position(0)
                if store.lower() == "none":  # explicitly no store, even if there is one
                    store = None
                    self.storeless_commands.add(len(self.commands))
            else:
                attributes[key] = _unquote(value.text)
        command = Command(name=name, params=params, description=prose_of(prose), errors=errors,
                          examples=examples, span=span, store=store, attributes=attributes,
                          error_order=error_order if len(error_order) > len(errors) else [])  # (kept where a bullet
        # was read as prose: only then can the order of the two lists differ)
        self.where[id(command)] = _start(fragment)
        if store_position is not None:
            self.where[(id(command), "store")] = store_position
        self.commands.append(command)

    def _error_case(self, fragment: Fragment, line: Line, tree: Tree) -> ErrorCase:
        condition, message, status = self._message_and_status(tree, fragment)
        line_number, column = fragment.position(0)
        case = ErrorCase(condition=condition, message=message, status=status,
                         span=self.context.span(line_number, column, line.last_line))
        self.where[id(case)] = (line_number, column)
        return case

    def _terse_error(self, terse: re.Match, fragment: Fragment, line: Line) -> ErrorCase:
        """An error written with an arrow: `unknown item -> "no item NAME", exit 1`."""
        status = int(terse.group("status") or 1)
        line_number, column = fragment.position(0)
        self._status_in_range(status, line_number, column)
        condition = terse.group("condition").strip() + (f" ({terse.group('note')})" if terse.group("note") else "")
        case = ErrorCase(condition=condition, message=terse.group("message")[1:-1],
                         status=status, span=self.context.span(line_number, column, line.last_line))
        self.where[id(case)] = (line_number, column)
        return case

    def _command_example(self, fragment: Fragment, line: Line) -> Example:
        tree = parse_inline(fragment, "command_example", self.context)
        command_line = str(tree.children[0])[1:-1].strip()
        message_token = tree.children[2]
        status = self._status(tree, fragment)
        line_number, column = fragment.position(0)
        example = Example(call=command_line, expected=str(message_token), raises=None,
                          span=self.context.span(line_number, column, line.last_line),
                          status=status)
        self.where[id(example)] = (line_number, column)
        return example

    def _message_and_status(self, tree: Tree, fragment: Fragment) -> tuple[str, str, int]:
        condition = str(tree.children[0]).strip()
        message_token = tree.children[2]
        self.build.check_string(message_token, fragment)
        message = ast.literal_eval(str(message_token))
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return condition, message, self._status(tree, fragment, default=1)

    def _status(self, tree: Tree, fragment: Fragment, default: int = 0) -> int:
        status_token = next((child for child in tree.children
                             if isinstance(child, Token) and child.type == "STATUS"), None)
        if status_token is None:
            return default
        status = int(str(status_token))
        if not (status == 0 and tree.data == "command_example"):
            self._status_in_range(status, *_token_position(status_token, fragment))
        return status

    def _status_in_range(self, status: int, line: int, column: int) -> None:
        if not 1 <= status <= 255:
            raise self.context.error(f"exit status {status} is out of range 1..255", line,
                                     column, "an error exits with a status from 1 to 255")

    # -- inference

    def _file_told_elsewhere(self, store: Store) -> str | None:
        """A store whose section names no file keeps the data file the words give for it
        elsewhere: its entity's words, or the project's ("The tickets are kept in
        `tickets.csv`."): the file named like the store or its entity, or the only one."""
        entity = next((entity for entity in self.entities if entity.name == store.entity), None)
        for words, own in ((entity.description if entity else "", True),
                           ("\n".join(self.description_parts), len(self.stores) == 1)):
            files = list(dict.fromkeys(name for name in _BACKTICKED.findall(words or "")
                                       if _format_from_path(name)))
            named = [name for name in files if Path(name).stem.lower() in
                     {store.name.lower(), store.entity.lower(), store.entity.lower() + "s"}]
            if named or (len(files) == 1 and own):
                return (named or files)[0]
        return None

    def _resolve_stores(self) -> None:
        """Fill in what a store left unsaid: its entity, its format, its file path."""
        entity_names = [entity.name for entity in self.entities]
        spellings = _entity_spellings(entity_names)
        for store in self.stores:
            notes = self.store_notes[id(store)]
            positions = notes["positions"]
            if not store.entity:
                store.entity = _entity_for_store(store.name, entity_names, spellings) or ""
                if not store.entity:
                    raise self.context.error(
                        f"store {store.name!r} does not say which entity it holds",
                        store.span.line, 1, "add a bullet `- holds: <Entity>`")
            else:
                self.where[(id(store), "holds")] = positions.get("holds", (store.span.line, 1))
            if not store.path:
                store.path = _backticked_file(store.description) or self._file_told_elsewhere(store) or ""
            if not store.format:
                store.format = _format_from_path(store.path) or ""
                if not store.format:
                    raise self.context.error(
                        f"store {store.name!r} does not say its format", store.span.line, 1,
                        "add a bullet `- format: json` (json, csv or sqlite)")
            else:
                self.where[(id(store), "format")] = positions.get("format",
                                                                  (store.span.line, 1))
            if not store.path:
                store.path = f"{store.name}.{store.format}"
            if notes["path_given"]:
                self.where[(id(store), "path")] = positions["path"]

    def _resolve_command_stores(self, project: Project) -> None:
        """A command without ``- store:`` uses the store of the entity it is about."""
        words_to_stores = _store_words(self.stores)
        for index, command in enumerate(self.commands):
            if command.store is not None or index in self.storeless_commands:
                continue
            about = _stores_mentioned(command, self.stores, words_to_stores)
            named = words_to_stores.get(command.name.lower(), set())
            filled = _store_its_arguments_fill(command, self.stores, self.entities)
            if len(named) == 1:  # `## Command: visits` over the store `visits`
                command.store = self.stores[min(named)].name
            elif filled is not None and (len(about) != 1 or filled is not about[0]):
                command.store = (_store_its_words_are_about(command, self.stores, self.entities, filled)
                                 or filled).name  # `harvest(hive, day, kg)` adds a Visit about a hive; `join(name,
                # year)` "Add a new member who joined in the given year" a Member, though a Payment has a name and year
            elif len(about) == 1:
                command.store = (_store_its_words_are_about(command, self.stores, self.entities, about[0])
                                 or about[0]).name
            elif len(about) > 1 and (worded := _store_its_words_are_about(command, self.stores, self.entities, None)):
                command.store = worded.name  # both named, one far more
            elif len(self.stores) == 1:
                command.store = self.stores[0].name


def _node_offset(node) -> int:
    if isinstance(node, Token):
        return node.start_pos or 0
    return _meta_offset(node)


def _call_shape(call_tree: Tree) -> tuple[str, int, list[str]]:
    """(function name, positional argument count, keyword names) of an example call."""
    arguments = call_tree.children[1].children if len(call_tree.children) > 1 else []
    positional = sum(1 for argument in arguments if argument.data != "keyword_argument")
    keywords = [str(argument.children[0]) for argument in arguments
                if argument.data == "keyword_argument"]
    return str(call_tree.children[0]), positional, keywords


_DOCTEST_CALL = re.compile(r"(\s*>>>\s+)(\S.*)$")
_EXAMPLE_START = re.compile(r"[A-Za-z_][A-Za-z0-9_]*[ \t]*\(")


def _prints_something(text: str) -> bool:
    """A bullet that starts with a command in backticks is its example when a quoted output
    follows it; "`--unpaid` keeps only the lessons not paid" is the command's prose."""
    closing = text.find("`", 1)
    quoted_after = '"' in text[closing:] or ("'" in text[closing:closing + 40]
                                             and bool(re.search(r"\bprints?\b", text[closing:])))
    return closing < 0 or quoted_after


def _looks_like_example(text: str) -> bool:
    """A function bullet is an example when it starts like a call or compares."""
    return bool(_EXAMPLE_START.match(text)) or " == " in text or bool(
        re.search(r"\)\s*raises\b", text))


def _entity_spellings(entity_names: list[str]) -> dict[str, str]:
    """``task``, ``tasks``, ``taskes`` -> ``Task``; the first entity written wins."""
    spellings: dict[str, str] = {}
    for entity in entity_names:
        lower = entity.lower()
        for spelling in (lower, lower + "s", lower + "es"):
            spellings.setdefault(spelling, entity)
    return spellings


def _entity_for_store(store_name: str, entity_names: list[str],
                      spellings: dict[str, str]) -> str | None:
    """``tasks`` holds ``Task``; a project with one entity stores that one."""
    if store_name.lower() in spellings:
        return spellings[store_name.lower()]
    if len(entity_names) == 1:
        return entity_names[0]
    return None


_BACKTICKED = re.compile(r"`([^`\s]+\.[A-Za-z0-9]+)`")


def _backticked_file(description: str) -> str | None:
    match = _BACKTICKED.search(description)
    return match.group(1) if match else None


_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".sqlite": "sqlite", ".sqlite3": "sqlite",
                   ".db": "sqlite"}


def _format_from_path(path: str) -> str | None:
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower()) if path else None


def _store_words(stores: list[Store]) -> dict[str, set[int]]:
    """The words that name a store (its entity, plural, its own name) -> store indexes."""
    index: dict[str, set[int]] = {}
    for number, store in enumerate(stores):
        entity = store.entity.lower()
        for word in (entity, entity + "s", entity + "es", store.name.lower()):
            index.setdefault(word, set()).add(number)
    return index


def _store_its_arguments_fill(command: Command, stores: list[Store],
                              entities: list[Entity]) -> Store | None:
    """The store whose records the command's arguments are the fields of, where that is plain:
    at least two arguments named like its entity's fields, more than any other store's, as
    `harvest(hive: int, day: str, kg: float)` over `Visit(hive, day, honey)` where the words
    say "a hive" (`Hive(number, place)`)."""
    if len(stores) < 2:
        return None
    names = {param.name.lower() for param in command.params}
    counts = []
    for store in stores:
        entity = next((entity for entity in entities if entity.name == store.entity), None)
        fields = {field.name.lower() for field in entity.fields} if entity else set()
        counts.append((len(names & fields), store))
    counts.sort(key=lambda pair: -pair[0])
    best, store = counts[0]
    return store if best >= 2 and best > counts[1][0] else None


# An error bullet written tersely: `<condition> -> "<message>", exit <n>` (also `=>`, `→`, "exit code",
# "status"; the status may be left out: 1), a note in brackets after it kept with the condition.
TERSE_ERROR = re.compile(r"(?P<condition>[^\"`]+?)\s*(?:->|=>|→)\s*(?P<message>\"[^\"]*\"|`[^`]*`)\s*"
                         r"(?:[,;(]?\s*(?:and\s+)?(?:exits?(?:\s+with)?(?:\s+(?:status|code))?|exit\s+code|status|code|rc)"
                         r"\s*[:=]?\s*(?P<status>\d+)\)?)?\s*\.?(?:\s*\((?P<note>[^()]*)\)\.?)?")


def _error_in_words(text: str) -> bool:
    """Whether an `- error:` bullet outside the bullet grammar still says a refusal in words: a
    message in backticks or quotes, then an exit status ("print `Ann Lee is already a member`
    (...), change nothing, and exit with status 1"), or one that points to where it is said."""
    text = " ".join(text.split())
    return bool(re.search(r"[`\"][^`\"]+[`\"][^`\"]*\b(?:exit|exits|status|code)\b[^`\"]*\b\d+\b", text)
                or re.search(r"\b(?:as (?:described|said|stated|given|explained|written)|see (?:above|below)|as above)\b",
                             text))  # "- error: unknown plant or bad date, as described at the top": said elsewhere


def _store_its_words_are_about(command: Command, stores: list[Store], entities: list[Entity],
                               mentioned: Store | None) -> Store | None:
    """Another store than the one the words name (or, with ``mentioned`` None, one of several
    named), where they say far more of its records: each of its entity's own fields they or the
    arguments name (one no other entity has) and each value a field's words quote counts one,
    the store's name two, and being the first record the words name (not in a possessive, not
    in a sample) two more. "The single heaviest harvest ever, as `heaviest harvest: 12.5 kg
    from hive 3 on ...`. ... When no honey has been taken yet" names no hive outside its sample
    but says harvest (`kind` — "inspection" or "harvest"), honey, day and hive (a Visit's
    field): the visits. None unless the leader is two points ahead of the named store (one,
    where several are named)."""
    if len(stores) < 2:
        return None
    said = set(re.findall(r"[a-z0-9_]+", f"{command.name} {command.description}".lower()))
    said |= {word[:-1] for word in said if word.endswith("s")} | {param.name.lower() for param in command.params}
    by_name = {entity.name: entity for entity in entities}
    owned = [{field.name.lower(): field for field in by_name[store.entity].fields} if store.entity in by_name else {}
             for store in stores]
    counted: dict[str, int] = {}
    for fields in owned:
        for name in fields:
            counted[name] = counted.get(name, 0) + 1
    nouns = {word: store for store in stores for word in (store.name.lower(), store.entity.lower(), store.entity.lower() + "s")}
    prose = re.sub(r"`[^`]*`", " ", command.description or "").lower()  # "List the members who ...", "Show one
    subject = next((nouns[word] for word in re.findall(r"[a-z]+(?!'s)\b", prose) if word in nouns), None)  # member's
    scores = []  # payments": the members, the payments
    for store, fields in zip(stores, owned):
        own = [field for name, field in fields.items() if counted[name] == 1]
        quoted = {value.lower() for field in own for value in re.findall(r"[\"`]([\w-]+)[\"`]", field.description or "")}
        named = {store.name.lower(), store.entity.lower(), store.entity.lower() + "s"} & said
        scores.append((2 * bool(named) + 2 * (store is subject) + sum(field.name.lower() in said for field in own)
                       + len(quoted & said), store))
    best = max(scores, key=lambda pair: pair[0])
    margin = 1 if mentioned is None else 2  # (both named: one field more says which; else two points over the named one)
    ahead = best[0] >= margin + max(score for score, store in scores if store is not best[1])
    return best[1] if best[1] is not mentioned and ahead else None


def _stores_mentioned(command: Command, stores: list[Store],
                      words_to_stores: dict[str, set[int]]) -> list[Store]:
    """The stores whose entity or name the command's name, prose or parameter types say."""
    words = set(re.findall(r"[a-z0-9_]+", f"{command.name} {command.description}".lower()))
    words |= {param.type.name.lower() for param in command.params}
    found: set[int] = set()
    for word in words:
        found |= words_to_stores.get(word, set())
    return [stores[number] for number in sorted(found)]


# --------------------------------------------------------------------------------------------
# public API


def _refusals_exit_as_stated(command: Command) -> None:
    """A command example that prints one of the command's own error messages and states no exit
    status exits with that error's status: "- `log 2024-05-10 9 87` prints "2024-05-10 is already
    logged"" under "- error: a day that already has a count prints "DAY is already logged" and exits
    with status 1" is a refusal (status 1), as the error bullet says, not a success."""
    patterns = []
    for error in command.errors:
        literal = re.sub(r"\b[A-Z][A-Z_]*\b", "", error.message)
        if len(re.sub(r"\W", "", literal)) < 3:
            continue  # a message that is all placeholders (`NAME`) matches anything
        shape = "".join(".+" if re.fullmatch(r"[A-Z][A-Z_]*", part) else re.escape(part)
                        for part in re.split(r"(\b[A-Z][A-Z_]*\b)", error.message))
        patterns.append((re.compile(shape), error.status))
    for example in command.examples:
        if example.status or example.expected is None or re.search(r"\bstatus\b", example.span.text or ""):
            continue
        try:
            printed = ast.literal_eval(example.expected)
        except (ValueError, SyntaxError):
            continue
        statuses = {status for pattern, status in patterns if isinstance(printed, str) and pattern.fullmatch(printed)}
        if len(statuses) == 1:
            example.status = statuses.pop()


def parse_spec(text: str, file: str = SPEC_FILE, *, display_path: str | None = None) -> Project:
    """Parse requirements text into a ``Project``.

    ``file`` names the spec in spans (traces in generated code: ``spec.md:14``);
    ``display_path`` (default: ``file``) names it in error locations. Every user
    mistake raises ``SpecError``; nothing else escapes.
    """
    if not isinstance(text, str):
        raise TypeError("parse_spec expects the spec text as a str")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    from spf.collect import fewer_collections

    try:
        with fewer_collections():
            project = SpecParser(text, file, display_path).parse()
            from spf.spec.transcripts import extract_transcripts

            extract_transcripts(text, project, display=display_path)  # a pass of its own
            from spf.spec.placeholders import read_placeholders

            read_placeholders(project)  # `<kind>` read as `KIND`
        return project
    except SpecError:
        raise
    except Exception as error:
        raise SpecError(f"internal error while parsing: {type(error).__name__}: {error}",
                        file=display_path or file, line=1, column=1, source_line=None,
                        hint="this is a bug in spf; please report it with the spec") from error


def load_spec(path: str | Path) -> Project:
    """Parse a project folder's ``spec.md`` (or a spec file given directly)."""
    path = Path(path)
    spec_path = path / SPEC_FILE if path.is_dir() else path
    if not spec_path.is_file():
        where = f"{path}" if path.is_dir() else str(spec_path)
        raise SpfError(f"no spec file found at {where}", location=str(spec_path),
                       hint="a project folder holds its requirements in spec.md")
    try:
        text = spec_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SpfError(f"the spec is not UTF-8 text ({error.reason})", location=str(spec_path),
                       hint="save spec.md as UTF-8") from None
    except OSError as error:
        raise SpfError(f"cannot read the spec: {error.strerror}", location=str(spec_path))\
            from None
    return parse_spec(text, file=spec_path.name, display_path=str(spec_path))
