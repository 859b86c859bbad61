"""The contract corpus is well formed: every spec parses, and every transcript (in spec.md and
in hidden.md) only runs the project's own commands with options those commands declare.

This checks the corpus itself, not what spf generates from it.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import spf

HERE = Path(__file__).parent
FOLDERS = [
    p
    for name in ("corpus", "holdout", "holdout3", "corpus3", "corpus4", "holdout4", "corpus5", "corpus6",
                 "corpus7", "corpus8", "corpus9", "corpus10", "corpus11", "corpus12", "corpus13", "corpus14",
                 "corpus15", "corpus16", "corpus17", "corpus18", "corpus19", "corpus20", "corpus21", "corpus22",
                 "corpus23", "corpus24", "corpus25", "corpus26", "corpus27", "corpus28",
                 "corpus29", "corpus30", "corpus31", "corpus32", "corpus33", "corpus34", "corpus35", "corpus36", "corpus37", "corpus38", "corpus39",
                 "corpus40", "corpus41", "corpus42", "corpus43", "corpus44", "corpus45", "corpus46", "holdout6", "holdout7")
    if (HERE / name).is_dir()
    for p in sorted((HERE / name).iterdir())
    if p.is_dir()
]
FENCE = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)
HIDDEN_BLOCK = re.compile(r"<!--(.*?)-->\n```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def steps(block: str) -> list[tuple[list[str], list[str]]]:
    """The (argv, expected lines) of each `$ ` step of a transcript block."""
    out: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((shlex.split(line[2:]), []))
        else:
            assert out, f"output before the first step: {line!r}"
            out[-1][1].append(line)
    return out


def check_block(project, block: str) -> None:
    commands = {c.name: c for c in project.commands}
    for argv, expected in steps(block):
        assert argv[0] == project.name, argv
        assert argv[1] in commands, f"unknown command {argv[1]!r}"
        command = commands[argv[1]]
        options = {p.name for p in command.params if p.default is not None}
        positional = [p for p in command.params if p.default is None]
        words = argv[2:]
        given = 0
        i = 0
        while i < len(words):
            word = words[i]
            if word.startswith("--"):
                assert word[2:] in options, f"{argv[1]} has no option {word}"
                param = next(p for p in command.params if p.name == word[2:])
                i += 1 if param.type.name == "bool" else 2
            else:
                given += 1
                i += 1
        assert given == len(positional), f"{argv}: {given} arguments for {len(positional)}"
        status = [line for line in expected if re.fullmatch(r"\[\d+\]", line.strip())]
        assert not status or status == expected[-1:], f"exit status not last: {expected}"
        if status:
            assert 1 <= int(status[0].strip()[1:-1]) <= 255


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_spec_parses_and_its_transcripts_fit(folder: Path) -> None:
    project = spf.load_spec(folder)
    assert project.name == folder.name
    assert 3 <= len(project.commands) <= 8
    assert project.stores  # (functions: 0 to 3 under the rules since holdout5, so none is allowed)
    text = (folder / "spec.md").read_text(encoding="utf-8")
    assert any(c.errors for c in project.commands) or "status" in text  # errors in bullets, prose or a table
    blocks = FENCE.findall(text)
    assert 1 <= len(blocks) <= 4  # (corpus44: "one or two" transcripts, its rules)
    for block in blocks:
        check_block(project, block)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_hidden_transcripts_fit_the_spec(folder: Path) -> None:
    project = spf.load_spec(folder)
    text = (folder / "hidden.md").read_text(encoding="utf-8")
    blocks = HIDDEN_BLOCK.findall(text)
    assert len(blocks) == len(FENCE.findall(text)), "a hidden block without its comment"
    assert 5 <= len(blocks) <= 12
    for comment, block in blocks:
        assert comment.strip()
        check_block(project, block)
