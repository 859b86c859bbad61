"""Writing files safely: atomic writes, and refusing paths outside an output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from spf.errors import SpfError


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader (or a killed run) sees either the old file or the new one, never half.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """``atomic_write_bytes`` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def safe_join(root: str | Path, relative: str) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``."""
    root_path = Path(root).resolve()
    if os.path.isabs(relative):
        raise SpfError(f"absolute path {relative!r} refused", location=str(root),
                       hint="generated paths must be relative to the output folder")
    target = (root_path / relative).resolve()
    if target != root_path and root_path not in target.parents:
        raise SpfError(f"path {relative!r} escapes the output folder", location=str(root),
                       hint="names in the spec must not contain '..' or path separators")
    return target
