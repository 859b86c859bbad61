"""Scripted top-down scaffolding: the pyramid from Python, changed by hand, handed on.

Run it from the repository root (or anywhere spf is installed):

    python examples/scripted/scaffold.py                 # print the plan
    python examples/scripted/scaffold.py --out plan/     # also write plan/pyramid.json
    python examples/scripted/scaffold.py --generate shelf/   # and generate the project from it

It walks the three layers the way a reviewer would between two generation stages:

1. Layer 1: parse requirements text given as a string (no spec.md on disk needed);
2. Layers 2 and 3: build the pyramid with the taxonomy of the loaded plugins;
3. inspect: categories, why each was chosen, dependencies, planned tests, traces;
4. change Layer 2: reclassify a command the keyword rules could not place, add a
   test by hand, then ``replan()`` so the DAG and the file plan follow;
5. hand it on: the JSON contract (docs/pyramid.md) that stages and plugins read,
   or straight to the generation stages: a plugin's ``before_stage`` hook puts the
   reviewed pyramid into the pipeline state before the first stage runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spf
from spf.errors import SpfError
from spf.files import atomic_write_text
from spf.pyramid import PlannedTest, Pyramid
from spf.spec.model import Span

SPEC = """\
# Project: bookshelf
A command-line list of the books on my shelf and who borrowed them.

## Entity: Book
A book on the shelf.
- title: str — the title as printed on the cover
- isbn: str — the ISBN-13 without dashes
- borrower: str = "" — who has it now; empty when it is on the shelf

## Store: books
Books live in `books.json` in the working directory.
- holds: Book
- format: json

## Function: normalize_isbn(isbn: str) -> str
The ISBN without the dashes and spaces people type between its groups.
- normalize_isbn("978-0-306-40615-7") == "9780306406157"
- normalize_isbn("978 1 86197 271 2") == "9781861972712"

## Command: add(title: str, isbn: str)
Add a book to the shelf.

## Command: lend(index: int, borrower: str)
Record who borrowed the book at the given 1-based position.
- error: an index out of range prints "no such book" and exits with status 1

## Command: shelf()
Print every book on its own line, with its borrower if any.
"""


def build(spec_text: str = SPEC) -> Pyramid:
    """Layers 1 to 3 from requirements text."""
    project = spf.parse_spec(spec_text, file="spec.md")
    return spf.build_pyramid(project)


def review(pyramid: Pyramid) -> Pyramid:
    """What a person (or a plugin) might change between planning and generation."""
    # Layer 2 read `lend` as an update (it sets the borrower of the book it finds); a
    # reviewer confirms it by reclassifying, which pins the operation for generation.
    lend = pyramid.unit("command:lend")
    print(f"before: command:lend is {lend.category} ({lend.evidence})")
    pyramid.reclassify("command:lend", "command.update")
    print(f"after:  command:lend is {lend.category}, "
          f"template {pyramid.code_units['bookshelf/cli.py::lend_command'].template}")

    # `shelf` was placed by its description ("Print every book ..." has no keyword
    # either); listing is what it does.
    if pyramid.unit("command:shelf").category == "command":
        pyramid.reclassify("command:shelf", "command.list")

    # One more test for the normalizer (an ISBN typed without separators stays as it is),
    # traced to the function's heading; generation writes it under this name.
    normalize = pyramid.unit("function:normalize_isbn")
    normalize.tests.append(PlannedTest(
        name="test_normalize_isbn_already_plain", kind="example",
        source='normalize_isbn("9780000000002") == "9780000000002"',
        trace=Span(file="spec.md", line=normalize.trace.line, text=normalize.trace.text)))
    pyramid.replan()
    return pyramid


def show(pyramid: Pyramid) -> None:
    print(f"\n{pyramid.project.name}: {len(pyramid.design_units)} design units, "
          f"{len(pyramid.files)} files, {len(pyramid.code_units)} code units")
    for unit in pyramid.design_units.values():
        needs = ", ".join(unit.depends_on) or "-"
        print(f"  {unit.id:<26} {unit.category:<15} needs {needs}")
    print("\nfiles in dependency order:")
    for planned in pyramid.files:
        print(f"  {planned.path:<26} {len(planned.units)} unit(s)")
    print("\ntrace of one code unit:")
    print("  " + "  <-  ".join(pyramid.trace("bookshelf/cli.py::lend_command")))
    print("  " + "  <-  ".join(pyramid.trace("tests/test_functions.py::test_normalize_isbn_already_plain")))


def generate(pyramid: Pyramid, folder: Path, spec_text: str = SPEC) -> int:
    """Generate the project from the reviewed pyramid; returns the exit status."""
    from spf import hookimpl
    from spf.plugins import add_plugin, remove_plugin

    class HandOver:
        """Swaps the reviewed pyramid in before the first stage reads it."""

        @staticmethod
        @hookimpl
        def before_stage(stage, state):
            if stage.name == "scaffold":
                state.pyramid = pyramid

    atomic_write_text(folder / "spec.md", spec_text)  # the stages trace back to it
    add_plugin(HandOver, "scripted-hand-over")
    try:
        report = spf.generate(folder)
    finally:
        remove_plugin("scripted-hand-over")
    verify = report.verify or {}
    print(f"\ngenerated {folder}: exit status {report.exit_code}, "
          f"tests {verify.get('passed', 0)} passed, {verify.get('failed', 0)} failed")
    return report.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write pyramid.json into this folder")
    parser.add_argument("--generate", type=Path, metavar="FOLDER",
                        help="generate the project from the reviewed pyramid into FOLDER")
    args = parser.parse_args(argv)
    try:
        pyramid = review(build())
    except SpfError as error:
        print(f"error: {error.one_line()}", file=sys.stderr)
        return error.exit_code
    show(pyramid)
    if args.out is not None:
        target = args.out / "pyramid.json"
        atomic_write_text(target, pyramid.to_json() + "\n")
        print(f"\nwrote {target}: the JSON contract of docs/pyramid.md")
    if args.generate is not None:
        try:
            return generate(pyramid, args.generate)
        except SpfError as error:
            print(f"error: {error.one_line()}", file=sys.stderr)
            return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
