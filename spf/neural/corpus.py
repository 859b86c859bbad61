"""Reading training and evaluation text: a text file, a folder of sources, or JSONL.

Everything is read in a fixed order (sorted relative paths) so that anything trained on
the result is reproducible for a seed.
"""

from __future__ import annotations

import json
import os
import sysconfig
from pathlib import Path

from spf.errors import SpfError

SOURCE_SUFFIXES = (".py",)
SKIPPED_FOLDERS = {"__pycache__", "site-packages", "test", "tests", "idlelib", "turtledemo",
                   "lib2to3", "ensurepip", ".git", ".venv"}


def stdlib_folder() -> Path:
    """The folder of this interpreter's standard library (the default training corpus)."""
    return Path(sysconfig.get_paths()["stdlib"])


def source_files(folder: str | Path, suffixes: tuple[str, ...] = SOURCE_SUFFIXES) -> list[Path]:
    """Source files under ``folder`` in sorted order, skipping tests, caches and site-packages."""
    root = Path(folder)
    files = []
    for directory, subdirectories, names in os.walk(root):
        # prune skipped folders (tests, caches, site-packages) instead of walking them
        subdirectories[:] = [name for name in subdirectories if name not in SKIPPED_FOLDERS]
        files.extend(Path(directory) / name for name in names
                     if name.endswith(suffixes))
    return sorted((path for path in files if path.is_file()),
                  key=lambda path: path.relative_to(root).parts)


def read_texts(path: str | Path, *, max_bytes: int | None = None,
               suffixes: tuple[str, ...] = SOURCE_SUFFIXES) -> list[str]:
    """The texts in ``path``: one per source file in a folder, one per JSONL record
    (field ``text``), or the whole file for anything else.

    ``max_bytes`` stops after that many bytes of text (whole documents only, in order).
    Unreadable (non-UTF-8) files are skipped. Raises ``SpfError`` for a missing path,
    an invalid JSONL line, or when nothing could be read.
    """
    path = Path(path)
    if not path.exists():
        raise SpfError("corpus not found", location=str(path),
                       hint="give a text file, a folder of source files, or a .jsonl file")
    texts: list[str] = []
    total = 0

    def add(text: str) -> bool:
        nonlocal total
        if not text.strip():
            return True
        if max_bytes is not None and texts and total + len(text) > max_bytes:
            return False
        texts.append(text)
        total += len(text)
        return max_bytes is None or total < max_bytes

    if path.is_dir():
        for file in source_files(path, suffixes):
            try:
                text = file.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            if not add(text):
                break
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise SpfError(f"invalid JSON: {error.msg}", location=f"{path}:{number}",
                                   hint="one JSON object per line") from error
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise SpfError("record has no string field 'text'",
                                   location=f"{path}:{number}",
                                   hint='each line must look like {"text": "..."}')
                if not add(record["text"]):
                    break
    else:
        try:
            add(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            raise SpfError("corpus file is not UTF-8 text", location=str(path)) from error
    if not texts:
        raise SpfError("corpus is empty", location=str(path),
                       hint=f"a folder must contain {', '.join(suffixes)} files")
    return texts
