"""What the acceptance tests share: a small spec with examples and a transcript."""

from __future__ import annotations

# Command examples use what today's generated code prints (`added: 1. buy milk`,
# `1. buy milk`); `mystery` has examples no program the synthesizer tries satisfies,
# so it stays a stub the user may implement by hand.
NOTES_SPEC = """# Project: notes
Short notes kept in a JSON file.

## Entity: Note
A short note.
- text: str — what the note says

## Store: notes
Notes live in `notes.json` in the working directory.
- holds: Note
- format: json

## Function: shout(text: str) -> str
The text in capitals.
- shout("abc") == "ABC"

## Function: mystery(n: int) -> int
A number only the user knows how to compute.
- mystery(2) == 1337
- mystery(5) == 4242

## Command: add(text: str)
Add a note.
- `add "buy milk"` prints "added: 1. buy milk"
- `add "call mom"` prints "added: 2. call mom"

## Command: list()
Print every note on its own line as `1. text`, numbered from 1.

```console
$ notes add "buy milk"
added: 1. buy milk
$ notes list
1. buy milk
$ notes remove 7
no such ...
[1]
```

## Command: remove(index: int)
Delete the note at the given 1-based position.
- error: an index out of range prints "no such note" and exits with status 1
"""


def unit_of(report: dict, design_unit: str) -> dict:
    return next(unit for unit in report["units"]
                if unit["design_unit"] == design_unit and unit["kind"] in ("class", "function"))
