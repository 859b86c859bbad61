"""Transcripts: fenced ```` ```console ```` blocks of ``spec.md``, read after the items.

A transcript is a multi-step example of the generated command-line program, in the
convention of cram / trycmd / doctest (the rules are in docs/spec-language.md)::

    ```console
    $ todo add "buy milk"
    added 1: buy milk
    $ todo done 9
    no such task
    [1]
    ```

This pass runs after the parser has built the items: markdown-it-py finds the fenced
blocks (so fences are found exactly as a Markdown renderer sees them), each block is
given to the command whose section holds its first line (or to the project), its text
is taken out of that item's description (it is an example, not prose), and its steps
are checked against the project: the program is the project's console script, the
quotes balance, a status marker is in 1..255, every step names a command that exists.
Each problem is a ``SpecError`` at the exact line and column.
"""

from __future__ import annotations

import difflib
import shlex

from spf import regex as re
from spf.errors import SpecError
from spf.spec.model import Project, Span, Transcript, TranscriptStep

INFO = "console"
_STATUS = re.compile(r"\[\s*(-?\d+)\s*\]")
STEP_HINT = "a step is `$ PROGRAM ARGS` followed by its output lines and an optional `[N]` status"


def extract_transcripts(text: str, project: Project, *, display: str | None = None) -> None:
    """Find the console blocks of ``text``, attach them to ``project``; SpecError on bad ones."""
    lines = text.split("\n")
    file = project.source_file
    reader = _Reader(lines, file, display or file, project)
    for start, end, info in _console_fences(text):
        if (info.split() or [""])[0].lower() != INFO:
            continue
        transcript = reader.transcript(start, end)
        owner = _owner(project, start + 1)
        if owner is None:
            project.transcripts.append(transcript)
            project.description = _without_block(project.description, lines[start:end])
        else:
            transcript.command = getattr(owner, "name", None) if owner.kind == "command" else None
            if owner.kind == "command":
                owner.transcripts.append(transcript)
            else:
                project.transcripts.append(transcript)
            owner.description = _without_block(owner.description, lines[start:end])
    for transcript in project.all_transcripts():
        reader.check_commands(transcript)
    fenced = {index for start, end, _ in _console_fences(text) for index in range(start, end)}
    for command in project.commands:
        command.transcripts.extend(_told_steps(command, project, lines, fenced))
    for command in project.commands:
        command.given_in_place = given_in_place(command, project)


def given_in_place(command, project: Project) -> list[str]:
    """The defaulted parameters the spec's own command lines give in place, without their
    option: `sell FLAPJACK 3` over ``sell(name: str, count: int = 1)`` gives ``count`` after the
    name. The examples are the interface the user means, so those parameters become optional
    arguments, as many of them (in their order) as the lines give beyond the required ones."""
    required = sum(param.default is None for param in command.params)
    flags = {"--" + p.name.replace("_", "-") for p in command.params if p.type.name == "bool"}
    options = {"--" + p.name.replace("_", "-") for p in command.params if p.default is not None}
    defaulted = [p for p in command.params if p.default is not None and p.type.name not in ("bool", "list", "List")]
    lines = []
    for example in command.examples:
        try:
            lines.append(shlex.split(example.call))
        except ValueError:
            continue
    lines += [list(step.argv) for transcript in project.all_transcripts() for step in transcript.steps]
    most = 0
    for argv in lines:
        if not argv or argv[0] != command.name or any(p.type.name in ("list", "List") for p in command.params):
            continue
        bare, skip = 0, False
        for word in argv[1:]:
            if skip:
                skip = False
            elif word.startswith("--") and word.split("=", 1)[0] in options:
                skip = "=" not in word and word not in flags
            else:
                bare += 1
        most = max(most, bare - required)
    return [param.name for param in defaulted[:most]]


def render_transcript(transcript: Transcript) -> str:
    """The transcript as a console block (``parse_spec`` reads it back unchanged)."""
    out = ["```console"]
    for step in transcript.steps:
        out.append(f"$ {step.line}")
        out.extend(step.expected)
        if step.status:
            out.append(f"[{step.status}]")
    out.append("```")
    return "\n".join(out)


# ---------------------------------------------------------------- examples told in a sentence

STORY_STEP = re.compile(
    r"\bgiven\s+(?P<given>[^,.;`]{1,80}?),?\s+when\s+(?:i|you|we|they|someone|the user|a user)\s+"
    r"(?:run|runs|type|types|enter|enters)\s+`(?P<line>[^`]+)`,?\s+then\s+(?P<then>[^`]{0,200}?)\b"
    r"(?:the output is|the output reads|it (?:prints|displays|shows|says|outputs|answers)|(?:i|you|we) (?:see|get))"
    r"(?:\s+(?:the single line|one line|the line|just|(?:its|the) [\w' -]{1,30}? line,))?"
    r"\s*`(?P<out>[^`]+)`(?=(?P<tail>[^`]{0,80}))", re.IGNORECASE)  # the tail: its status, if any
EMPTY_GIVEN = re.compile(  # "no bins", "the list is empty", "an empty book", "the log holds no pieces"
    r"(?:the (?:\w+ ){1,2}(?:is|are) (?:still )?empty|an? (?:fresh |new )?empty (?:\w+ ?){1,2}|an? fresh \w+|"
    r"nothing(?: \w+){0,3}|(?:the (?:\w+ ){1,2}(?:holds|has|contains|lists|keeps) |there (?:are|is) )?"
    r"no (?P<none>\w+)(?: yet| at all| in the \w+)?)", re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:refuse[sd]?|reject(?:s|ed)?|fails?|errors?|exits?|status|code)\b", re.IGNORECASE)


def story_status(match: re.Match) -> int | None:
    """The exit status a ``STORY_STEP`` sentence gives its run ("... (exit 1)"), or None."""
    tail = re.split(r"(?<=[.;])\s", match.group("tail"), maxsplit=1)[0]
    status = re.search(r"\b(?:status|code|exit)\s+(\d+)", tail)
    return int(status.group(1)) if status else None


def given_empty(given: str, fields: set[str]) -> bool:
    """Whether a story's Given says the store is empty ("no bins", "the list is empty"), not
    that a record lacks something ("S7 has no rides": ``fields`` holds the field names)."""
    empty = EMPTY_GIVEN.fullmatch(given.strip())
    none = empty.group("none").lower() if empty and empty.group("none") else ""
    return empty is not None and none not in fields and none.rstrip("s") not in fields


def _told_steps(command, project: Project, lines: list[str], fenced: set[int]) -> list[Transcript]:
    """One-step transcripts the command's user stories tell in a sentence, run from an empty
    store: "Given no bins, when I run `add b3`, then ... the output is `added B3`". Only a
    Given that says the store is empty makes one (any other state cannot be replayed from
    the words), and only a line that runs one of the spec's commands."""
    first = command.span.line
    last = command.span.end_line or first
    joined, starts = "", []  # the section's prose as one line, and where each line begins in it
    for number in range(first, min(last, len(lines)) + 1):
        if number - 1 in fenced:
            continue
        starts.append((len(joined), number))
        joined += lines[number - 1].strip() + " "
    fields = {f.name.lower() for entity in project.entities for f in entity.fields}
    names = {c.name for c in project.commands}
    found = []

    def told(match: re.Match, wanted: set[str], status: int | None) -> None:  # the run a sentence tells, as a transcript
        try:
            argv = shlex.split(match.group("line"))
        except ValueError:
            return
        if argv and argv[0] == project.name:
            argv = argv[1:]
        if not argv or argv[0] not in wanted:
            return
        number = max(n for at, n in starts if at <= match.start("line"))
        span = Span(file=project.source_file, line=number, column=1, end_line=number, text=lines[number - 1].strip())
        step = TranscriptStep(argv=tuple(argv), expected=(match.group("out").rstrip(),), status=status or 0, span=span,
                              line=" ".join([project.name, match.group("line").strip()]))
        found.append(Transcript(steps=[step], span=span, command=command.name, told=True))

    for match in STORY_STEP.finditer(joined):
        if not given_empty(match.group("given"), fields):
            continue  # "Given S7 has no rides": a record's state, not an empty store
        status = story_status(match)
        tail = re.split(r"(?<=[.;])\s", match.group("tail"), maxsplit=1)[0]
        if status is None and _REFUSED.search(match.group("then") + tail):
            continue  # refused, but with which status the sentence does not say
        told(match, names, status)
    for match in TOLD_EXAMPLE.finditer(joined):  # "Example: `a7 Ann --party 3` shows `Ann booked, 3 people`."
        before = joined[max(0, match.start() - 80):match.start()]
        if re.search(r"\b(?:after|given|if|when|once|then|later|again|twice|second)\b[^.;:]*$", before, flags=re.IGNORECASE) \
                or re.search(r"(?:^|\s)-\s*$", before) or not re.search(
                    r"\b(?:examples?|e\.g\.|for instance|for example)\b[^.;]*$", before, flags=re.IGNORECASE):
            continue  # a state the words set up first, a bullet example (read by the parser), or no example said
        tail = re.split(r"(?<=[.;])\s", match.group("tail"), maxsplit=1)[0]
        status = re.search(r"\b(?:status|code|exit|exits with)\s+(\d+)", tail)
        if status is None and _REFUSED.search(tail):
            continue
        told(match, {command.name}, int(status.group(1)) if status else None)
    return found


TOLD_EXAMPLE = re.compile(  # "Example: `a7 Ann --party 3` shows `Ann booked, 3 people`"; "`add tea 3` gives `added tea`"
    r"`(?P<line>[a-z][\w-]*(?: [^`]*)?)`\s*(?:prints|shows|gives|outputs|says|answers|replies|->|→|=>|should print|"
    r"should show|will print|will show)\s*:?\s*`(?P<out>[^`]+)`(?=(?P<tail>[^`]{0,80}))")


# ---------------------------------------------------------------- finding blocks


def _console_fences(text: str) -> list[tuple[int, int, str]]:
    """(first line, end line (exclusive), info string) of every fenced code block, 0-based."""
    from spf.spec.blocks import block_tokens

    fences = []
    for token in block_tokens(text):  # the parser's own parse of the text (no second one)
        if token.type == "fence" and token.map:
            fences.append((token.map[0], token.map[1], token.info.strip()))
    return fences


def _owner(project: Project, line: int):
    """The item whose section holds ``line`` (1-based), or None for the project's own text."""
    owner = None
    for item in project.items():
        if item.span.line <= line:
            owner = item
    if owner is None:
        return None
    end = owner.span.end_line or owner.span.line
    return owner if line <= end else None


def _without_block(description: str, block: list[str]) -> str:
    """The description with the block's lines taken out (and one blank line beside them)."""
    if not block:
        return description
    lines = description.split("\n")
    wanted = [line.rstrip() for line in block]
    while wanted and not wanted[-1]:
        wanted.pop()
    size = len(wanted)
    for index in range(len(lines) - size + 1):
        if [line.rstrip() for line in lines[index:index + size]] == wanted:
            before, after = lines[:index], lines[index + size:]
            if after and not after[0].strip() and (not before or not before[-1].strip()):
                after = after[1:]
            elif before and not before[-1].strip() and not after:
                before = before[:-1]
            return "\n".join(before + after).strip("\n")
    return description


# ---------------------------------------------------------------- reading one block


class _Reader:
    def __init__(self, lines: list[str], file: str, display: str, project: Project):
        self.lines = lines
        self.file = file
        self.display = display
        self.project = project

    def error(self, message: str, line: int, column: int, hint: str) -> SpecError:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return SpecError(message, file=self.display, line=line, column=column,
                         source_line=source, hint=hint)

    def span(self, line: int, column: int = 1, end_line: int | None = None) -> Span:
        text = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        return Span(file=self.file, line=line, column=column,
                    end_line=end_line if end_line is not None else line, text=text)

    def transcript(self, start: int, end: int) -> Transcript:
        """The block from 0-based line ``start`` (the opening fence) to ``end`` (exclusive)."""
        opening = self.lines[start]
        indent = len(opening) - len(opening.lstrip(" "))
        fence = opening.lstrip(" ")[:3]
        inner = list(range(start + 1, end))
        if inner and self.lines[inner[-1]].strip().startswith(fence) and \
                not self.lines[inner[-1]].strip().strip(fence[0]):
            inner = inner[:-1]  # the closing fence
        steps: list[TranscriptStep] = []
        output: list[tuple[int, str]] = []  # (1-based line, text) of the current step's output
        for index in inner:
            raw = self.lines[index]
            cut = min(indent, len(raw) - len(raw.lstrip(" ")))
            text, column = raw[cut:], cut + 1
            number = index + 1
            if text.startswith("$ ") or text.rstrip() == "$":
                if steps:
                    steps[-1] = self.finish(steps[-1], output)
                output = []
                steps.append(self.step(text, number, column))
            elif not steps:
                if text.strip():
                    raise self.error("output before the first `$` step of a transcript", number,
                                     column, f"start the block with a step such as "
                                     f"`$ {self.project.name} ...`; {STEP_HINT}")
            else:
                output.append((number, text))
        if steps:
            steps[-1] = self.finish(steps[-1], output)
        last = inner[-1] + 1 if inner else start + 1
        return Transcript(steps=steps, span=self.span(start + 1, indent + 1, max(last, end)))

    def step(self, text: str, number: int, column: int) -> TranscriptStep:
        command_line = text[2:] if text.startswith("$ ") else ""
        offset = column + 2  # column of the command line's first character
        try:
            words = shlex.split(command_line)
        except ValueError:
            at = _unbalanced_quote(command_line)
            raise self.error("unbalanced quote in a transcript step", number, offset + at,
                             "close the quote: quotes group words as in a POSIX shell") from None
        program = self.project.name
        if not words:
            raise self.error("a transcript step without a command line", number, column,
                             f"write `$ {program} ARGS`")
        if words[0] != program:
            first = offset + len(command_line) - len(command_line.lstrip())
            raise self.error(f"transcript step runs {words[0]!r}, not the program {program!r}",
                             number, first, f"a step runs the project's console script: "
                             f"`$ {program} ARGS`")
        return TranscriptStep(argv=tuple(words[1:]), expected=(), status=0,
                              span=self.span(number, column), line=command_line.rstrip())

    def finish(self, step: TranscriptStep, output: list[tuple[int, str]]) -> TranscriptStep:
        while output and not output[-1][1].strip():
            output.pop()  # blank lines at the end of a step's output are not output
        status = 0
        if output:
            number, text = output[-1]
            match = _STATUS.fullmatch(text.strip())
            if match:
                status = int(match.group(1))
                if not 1 <= status <= 255:
                    column = len(text) - len(text.lstrip()) + 1
                    raise self.error(f"exit status {status} is out of range 1..255", number,
                                     column, "the last output line `[N]` gives the step's exit "
                                     "status, N from 1 to 255; without it the step must exit 0")
                output = output[:-1]
                while output and not output[-1][1].strip():
                    output.pop()
        return TranscriptStep(argv=step.argv, expected=tuple(text.rstrip() for _, text in output),
                              status=status, span=step.span, line=step.line)

    def check_commands(self, transcript: Transcript) -> None:
        names = [command.name for command in self.project.commands]
        for step in transcript.steps:
            name = step.command
            if name is None or name in names:
                continue
            column = self.lines[step.span.line - 1].find(name, step.span.column + 1) + 1
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            hint += f"commands: {', '.join(names)}" if names else "the spec has no commands"
            raise self.error(f"transcript step runs unknown command {name!r}",
                             step.span.line, max(column, 1), hint)


def _unbalanced_quote(text: str) -> int:
    """0-based offset of the quote that is never closed (or of a trailing backslash)."""
    quote, start, index = None, len(text), 0
    while index < len(text):
        char = text[index]
        if quote is None:
            if char == "\\":
                if index + 1 >= len(text):
                    return index
                index += 1
            elif char in "\"'":
                quote, start = char, index
        elif quote == "'":
            if char == "'":
                quote = None
        elif char == "\\":
            index += 1
        elif char == '"':
            quote = None
        index += 1
    return start if quote is not None else len(text)


__all__ = ["EMPTY_GIVEN", "STORY_STEP", "extract_transcripts", "given_empty", "render_transcript", "story_status"]
