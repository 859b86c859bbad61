"""Property: every input either parses or raises the documented SpecError.

Mutations of the example specs (characters and lines deleted, duplicated,
inserted, swapped) must never let a lark or Python exception escape, and a
SpecError must point inside the text with a one-line message that is not an
"internal error" (the parser's last-resort wrapper for bugs).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spf.errors import SpecError
from spf.spec import parse_spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXTS = [(EXAMPLES / name / "spec.md").read_text(encoding="utf-8")
         for name in ("todo", "gradebook", "inventory", "textkit")]
# Characters that matter to the grammar, plus some that do not.
ALPHABET = list("#-:=()[]{}\"'`|,.*+\n \t_—–>") + list("abcxyzTAF019") + ["\\", "é", "\r"]
INTERESTING_LINES = [
    "", "# Project: other", "## Entity: Thing", "## Store: things", "## Function: f(x: int) -> int",
    "## Command: go(n: int = 1)", "- holds: Nope", "- format: xml", "- f(1) == 2",
    "- f(1) raises ValueError", '- error: bad prints "x" and exits with status 0', "```",
    "## Notes", "### Details", "- x: list[", "- y: int = [1, 2", "- path: `a.json`",
    "- store: nowhere", '- `go 1` prints "ok"', "  continued text", "- z: dict[str, int] = {}",
]


@st.composite
def mutated_spec(draw) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["del_char", "dup_char", "ins_char", "del_line",
                                     "dup_line", "ins_line", "swap_lines"]))
        if kind.endswith("char") and text:
            index = draw(st.integers(0, len(text) - 1))
            if kind == "del_char":
                text = text[:index] + text[index + 1:]
            elif kind == "dup_char":
                text = text[:index] + text[index] + text[index:]
            else:
                text = text[:index] + draw(st.sampled_from(ALPHABET)) + text[index:]
        elif kind.endswith("line") or kind == "swap_lines":
            index = draw(st.integers(0, len(lines) - 1))
            if kind == "del_line":
                del lines[index]
            elif kind == "dup_line":
                lines.insert(index, lines[index])
            elif kind == "ins_line":
                lines.insert(index, draw(st.sampled_from(INTERESTING_LINES)))
            else:
                other = draw(st.integers(0, len(lines) - 1))
                lines[index], lines[other] = lines[other], lines[index]
            text = "\n".join(lines)
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_spec())
def test_mutated_specs_parse_or_raise_spec_error(text):
    try:
        project = parse_spec(text)
    except SpecError as error:
        assert not error.message.startswith("internal error"), error.one_line()
        line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        assert 1 <= error.line <= line_count, error.one_line()
        assert error.column >= 1
        assert "\n" not in error.one_line()
        assert error.exit_code == 2
    else:
        assert project.name  # a parsed project always has its name


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=200))
def test_random_text_parses_or_raises_spec_error(text):
    try:
        parse_spec("# Project: p\n" + text)
    except SpecError as error:
        assert not error.message.startswith("internal error"), error.one_line()
