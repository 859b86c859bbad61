"""Layer 1 of the semantic pyramid: the requirement items a user expresses in ``spec.md``.

Plain dataclasses, produced by ``spf.spec.parser`` and consumed by the pyramid.
Every item keeps its ``Span``: the trace from generated code back to the
requirement text. Types and defaults are kept as source text (``"list[str]"``,
``"[]"``) plus a parsed form, so they render back exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

StoreFormat = Literal["json", "csv", "sqlite"]


@dataclass(frozen=True)
class Span:
    """Where an item was written: 1-based line and column, and the line's text."""

    file: str
    line: int
    column: int = 1
    end_line: int | None = None
    text: str = ""  # the requirement line itself (a heading or a bullet), for traces

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class TypeRef:
    """A type as written (``list[str]``), parsed into a name and arguments.

    Known names: str, int, float, bool, bytes, list, dict, set, tuple, Any, ``None``
    and entity names. ``str | None`` and ``Optional[str]`` both have the name
    ``Optional`` and one argument; other unions (``int | str``) the name ``Union``;
    the ``...`` of ``tuple[int, ...]`` is a TypeRef named ``...``. ``text`` is the
    canonical spelling (``list[str]``, ``str | None``).
    """

    text: str
    name: str
    args: tuple[TypeRef, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass
class Field:
    """One field of an entity: ``- done: bool = false — whether it is finished``."""

    name: str
    type: TypeRef
    default: str | None  # Python source of the default (``False``, ``[]``), None when required
    description: str
    span: Span


@dataclass
class Param:
    """One parameter of a function or command signature."""

    name: str
    type: TypeRef
    default: str | None  # Python source, None when required
    span: Span


@dataclass
class Example:
    """``normalize_title("  a ") == "a"`` or ``parse("x") raises ValueError``.

    ``call`` and ``expected`` are Python expression source; exactly one of
    ``expected`` and ``raises`` is set.
    """

    call: str
    expected: str | None
    raises: str | None
    span: Span
    # Command examples (``- `add "milk"` prints "added milk"``): ``call`` is the command
    # line, ``expected`` the printed text as a Python string literal, ``status`` the exit status.
    status: int = 0
    note: str = ""  # text after the example (``- f(0) == 1 — the base case``)


@dataclass
class ErrorCase:
    """A command's documented error: condition, message printed to stderr, exit status."""

    condition: str
    message: str
    status: int
    span: Span
    shared: bool = False  # stated once for every command ("If there's no alarm in the room you name, ...")


@dataclass
class TranscriptStep:
    """One ``$ todo add "buy milk"`` step of a transcript and the output it expects.

    ``argv`` is the command line split like a POSIX shell, without the program;
    ``expected`` the expected output lines (stdout and stderr together, ``...`` rules);
    ``status`` the expected exit status (0 unless the last output line was ``[N]``);
    ``line`` the command line as written after ``$ `` (the program included).
    """

    argv: tuple[str, ...]
    expected: tuple[str, ...]
    status: int
    span: Span
    line: str = ""

    @property
    def command(self) -> str | None:
        """The command the step runs (its first word after the program), if any."""
        return self.argv[0] if self.argv and not self.argv[0].startswith("-") else None


@dataclass
class Transcript:
    """A fenced ```` ```console ```` block: steps run in order in one fresh folder.

    ``command`` names the command it is written under (None: a project-level
    transcript); its steps may run any command. ``told``: a one-step example told in a
    user story's sentence ("Given no bins, when I run `add b3`, then the output is
    `added B3`"); it stays in the prose too, so the spec's rendering leaves it out.
    """

    steps: list[TranscriptStep]
    span: Span
    command: str | None = None
    told: bool = False  # a worked example told in a sentence, not a console block (not rendered)


@dataclass
class Entity:
    name: str
    description: str
    fields: list[Field]
    span: Span
    kind: str = "entity"


@dataclass
class Store:
    name: str
    entity: str  # the entity it holds
    format: StoreFormat
    path: str  # file path relative to the working directory, e.g. "tasks.json"
    description: str
    span: Span
    attributes: dict[str, str] = field(default_factory=dict)  # other bullets, as written
    kind: str = "store"


@dataclass
class Function:
    name: str
    params: list[Param]
    returns: TypeRef | None
    description: str
    examples: list[Example]
    span: Span
    kind: str = "function"
    attributes: dict[str, str] = field(default_factory=dict)  # other bullets (``- imports: re``)

    @property
    def signature(self) -> str:
        """``normalize_title(title: str) -> str`` as Python source."""
        params = ", ".join(_param_source(param) for param in self.params)
        returns = f" -> {self.returns}" if self.returns else ""
        return f"{self.name}({params}){returns}"


@dataclass
class Command:
    name: str
    params: list[Param]
    description: str
    errors: list[ErrorCase]
    examples: list[Example]  # optional, e.g. ``add "buy milk"`` outputs; may be empty
    span: Span
    store: str | None = None  # the store it operates on, when stated (``- store: tasks``) or inferred
    attributes: dict[str, str] = field(default_factory=dict)
    kind: str = "command"
    transcripts: list[Transcript] = field(default_factory=list)  # console blocks under it
    # the `- error:` bullets in their written order where one of them was read as prose (a parsed one's message, or
    # the sentence of one read as prose); empty otherwise
    error_order: list[str] = field(default_factory=list, repr=False, compare=False)
    # defaulted parameters the spec's own command lines give in place, without their option (`sell FLAPJACK 3`
    # over `sell(name, count: int = 1)`): optional arguments rather than options (see spf.spec.transcripts)
    given_in_place: list[str] = field(default_factory=list, repr=False, compare=False)


Item = Entity | Store | Function | Command


@dataclass
class Project:
    """The whole requirements text: the root of Layer 1."""

    name: str
    description: str
    entities: list[Entity]
    stores: list[Store]
    functions: list[Function]
    commands: list[Command]
    span: Span
    source_file: str = "spec.md"
    spec_hash: str = ""  # sha256 of the spec text
    attributes: dict[str, str] = field(default_factory=dict)  # project-level bullets (version, python...)
    transcripts: list[Transcript] = field(default_factory=list)  # console blocks not under a command

    @property
    def package(self) -> str:
        """The Python package name: the project name in snake_case."""
        return self.name.replace("-", "_").lower()

    def items(self) -> list[Item]:
        """Every item in source order."""
        items: list[Item] = [*self.entities, *self.stores, *self.functions, *self.commands]
        return sorted(items, key=lambda item: item.span.line)

    def all_transcripts(self) -> list[Transcript]:
        """Every transcript, the project's and the commands', in source order."""
        found = [*self.transcripts, *(t for command in self.commands for t in command.transcripts)]
        return sorted(found, key=lambda transcript: transcript.span.line)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def referenced(self, text: str) -> str:
        """The project's paragraphs a unit's words point to by their label: "Price for
        already-billed hours, as in Pricing above." -> the paragraph that opens ``Pricing:``
        (with its list); "" when the words point nowhere or no paragraph has that label."""
        found = []
        for said in re.finditer(r"\b(?:as in|see|like in|per|following|according to|by) (?:the )?([A-Z][\w ]{2,30}?)"
                                r"(?: rules| section)? (?:above|below)\b", text or ""):
            label = re.escape(said.group(1).strip())
            for paragraph in re.split(r"\n\s*\n", self.description or ""):
                if re.match(rf"\s*(?:#+\s*)?{label}\s*(?::|\n)", paragraph, flags=re.IGNORECASE):
                    found.append(paragraph.strip())
        return "\n\n".join(dict.fromkeys(found))


def _param_source(param: Param) -> str:
    text = f"{param.name}: {param.type}"
    if param.default is not None:
        text += f" = {param.default}"
    return text
