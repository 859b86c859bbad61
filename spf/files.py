"""Writing files safely: atomic writes, paths kept inside the output folder, the manifest.

The manifest (``.spf/manifest.json``) and the base snapshots (``.spf/base/``) let a
later run tell the user's edits from spf's own output: see ``spf.merge``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def check_writable_folder(path: str | Path, *, what: str = "output folder") -> Path:
    """Refuse, before anything is written, a folder spf could not create or write into.

    Finds the nearest existing ancestor (which must be a folder), then probes for real:
    creates the missing folders and a temporary file in ``path`` and removes them again,
    so read-only mounts, ``/proc`` and missing permissions are all caught (root
    included). Returns ``path``.
    """
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        if probe.is_symlink():  # a dangling link
            raise SpfError(f"the {what} is a broken symbolic link", location=str(probe))
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise SpfError(f"the {what} cannot be created: {probe} is a file, not a folder",
                       location=str(path), hint="choose another path")
    try:
        for folder in reversed(missing):
            folder.mkdir()
        descriptor, temporary = tempfile.mkstemp(dir=path, prefix=".spf-probe-", suffix=".tmp")
        os.close(descriptor)
        os.unlink(temporary)
    except OSError as error:
        raise SpfError(f"the {what} is not writable: {error.strerror or error}",
                       location=str(path), hint="choose a folder you can write to") from None
    finally:
        for folder in missing:
            try:
                folder.rmdir()
            except OSError:
                pass
    return path


def check_writable_file(path: str | Path, *, what: str = "output file") -> Path:
    """Refuse, before anything is written, a file path spf could not write atomically."""
    path = Path(path)
    if path.is_dir():
        raise SpfError(f"the {what} is a folder", location=str(path), hint="give a file name")
    check_writable_folder(path.parent if str(path.parent) else Path("."),
                          what=f"folder of the {what}")
    return path


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


# ---------------------------------------------------------------- generated-project bookkeeping


MANIFEST = ".spf/manifest.json"
BASE_FOLDER = ".spf/base"  # what spf generated last time, per file: the merge base


def check_relative_path(relative: str, *, location: str | None = None) -> str:
    """Refuse a generated path that is absolute or climbs out (``..``) before anything is written.

    ``safe_join`` checks against a real folder; this checks the name alone, so the
    pipeline can refuse a bad spec name at planning time.
    """
    if not relative or os.path.isabs(relative) or relative.startswith(("/", "\\")):
        raise SpfError(f"absolute or empty path {relative!r} refused", location=location,
                       hint="generated paths must be relative to the output folder")
    parts = relative.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts) or ":" in parts[0]:
        raise SpfError(f"path {relative!r} escapes the output folder", location=location,
                       hint="names in the spec must not contain '..' or path separators")
    return relative


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_key(files: dict[str, str], *extra: object) -> str:
    """A digest of files' paths and texts (and ``extra``): equal exactly when they are,
    each piece length-prefixed; hashed piece by piece, not as one serialised copy."""
    digest = hashlib.sha256(repr(extra).encode("utf-8"))
    for path in sorted(files):
        text = files[path]
        digest.update(f"\0{len(path)}:{path}{len(text)}:".encode("utf-8", "surrogatepass"))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def unified_diff(old: str, new: str, path: str, *, old_label: str = "current",
                 new_label: str = "generated") -> str:
    """A unified diff of two texts, ``a/<path> (old_label)`` against ``b/<path> (new_label)``."""
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"a/{path} ({old_label})", tofile=f"b/{path} ({new_label})"))


@dataclass
class Manifest:
    """``.spf/manifest.json``: what spf generated, from which spec, with which hashes.

    ``files`` maps a path to ``{"sha256", "units"}``; ``units`` maps a unit id to its
    provenance (design unit, category, stage, backend, attempts, status, trace).
    """

    spec_file: str = "spec.md"
    spec_hash: str = ""
    spf_version: str = ""
    ruff_version: str = ""  # the ruff that formatted the files (a newer one re-formats the bases)
    backend: str = ""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"spf_version": self.spf_version, "ruff_version": self.ruff_version,
                "spec_file": self.spec_file,
                "spec_hash": self.spec_hash, "backend": self.backend,
                "files": dict(sorted(self.files.items())), "units": dict(sorted(self.units.items()))}


def load_manifest(out_dir: str | Path) -> Manifest | None:
    """The manifest of a previous run in ``out_dir``; None when spf never generated there."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(spec_file=data.get("spec_file", "spec.md"), spec_hash=data.get("spec_hash", ""),
                        spf_version=data.get("spf_version", ""),
                        ruff_version=data.get("ruff_version", ""), backend=data.get("backend", ""),
                        files=dict(data.get("files", {})), units=dict(data.get("units", {})))
    except (json.JSONDecodeError, AttributeError, TypeError) as error:
        raise SpfError(f"manifest is not valid: {error}", location=str(path),
                       hint="delete .spf/ to regenerate from scratch (edits are then conflicts)") from None


def save_manifest(out_dir: str | Path, manifest: Manifest) -> None:
    atomic_write_text(Path(out_dir) / MANIFEST, json.dumps(manifest.to_dict(), indent=2) + "\n")


def read_base(out_dir: str | Path, relative: str) -> str | None:
    """The text spf generated for ``relative`` last time (the merge base), if kept."""
    path = Path(out_dir) / BASE_FOLDER / relative
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_base(out_dir: str | Path, relative: str, text: str) -> None:
    atomic_write_text(safe_join(Path(out_dir) / BASE_FOLDER, relative), text)


def remove_base(out_dir: str | Path, relative: str) -> None:
    path = Path(out_dir) / BASE_FOLDER / relative
    path.unlink(missing_ok=True)


def write_folder_atomically(out: str | Path, write) -> Path:
    """Build a folder with ``write(staging)`` in a temporary sibling, then rename it to
    ``out`` (replacing what was there): a reader sees the old folder or the new, never half."""
    import shutil

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.writing-"))
    try:
        write(staging)
        if out.exists():
            shutil.rmtree(out) if out.is_dir() else out.unlink()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out

