"""Lessons on disk: the folders learned patches and adapters live in, and the user's store.

A *lesson* is what ``spf generate --learn`` saved after a run: a repair patch
(``NNNN-METHOD-DIGEST.safetensors``) or a fine-tune's peft adapter (a folder
``NNNN-finetune-DIGEST.adapter/``), each with a JSON sidecar ``NNNN-METHOD-DIGEST.json``
(the patch metadata; ``info.learn`` says which model, which earlier lessons it was made on,
what it taught). Lessons in one folder form a chain: each was made on the model with the
earlier ones applied.

Two kinds of folder hold them (``[learn] store``):

- ``project``: the output folder's ``.spf/patches/`` (the lessons of one project);
- ``user`` (default): the user-level store, ``$SPF_LESSONS_DIR`` or ``lessons/`` in the
  user's data folder (``spf.locations``), one sub-folder per **base-model fingerprint**,
  so what a model learned on one project is loaded for the next one with the same base
  model (and never for another model); any other value is a store path (relative to the
  project).

The fingerprint (:func:`model_fingerprint`) is a SHA-256 of the model folder's config,
weights and tokenizer files' contents, computed once per file set and cached (keyed by the
files' names, sizes and modification times) in the cache folder.

Nothing here imports torch: ``spf lessons`` lists, shows, reverts and exports lessons
without loading a model.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

PROJECT_FOLDER = Path(".spf") / "patches"
LESSON_NAME = re.compile(r"^(\d{4})-([a-z0-9_+-]+)\.(safetensors|adapter)$")
FINGERPRINT_FILES = (".safetensors", ".bin", ".json", ".model", ".txt")
MODEL_FILE = "model.json"  # in a store folder: which model the fingerprint was taken of
STORE_CHOICES = "'user', 'project' or a folder"


# ---------------------------------------------------------------- the fingerprint


def _fingerprinted_files(folder: Path) -> list[Path]:
    """config.json, weights and tokenizer files (not the generation config, nor caches)."""
    return sorted(path for path in folder.iterdir() if path.is_file()
                  and path.suffix in FINGERPRINT_FILES
                  and path.name not in ("generation_config.json", "spf_tiny.json"))


def model_fingerprint(folder: str | Path) -> str:
    """``sha256:<16 hex>`` of the model's config, weights and tokenizer (contents), cached."""
    from spf.files import atomic_write_text
    from spf.locations import cache_dir

    folder = Path(folder).expanduser().resolve()
    if not (folder / "config.json").is_file():
        raise SpfError("not a model folder (no config.json)", location=str(folder))
    files = _fingerprinted_files(folder)
    stat_key = hashlib.sha256(str(folder).encode())
    for path in files:
        stat = path.stat()
        stat_key.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    cached = cache_dir() / "fingerprints" / f"{stat_key.hexdigest()[:32]}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name};".encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    fingerprint = "sha256:" + digest.hexdigest()[:16]
    try:
        atomic_write_text(cached, json.dumps({"folder": str(folder), "fingerprint": fingerprint}))
    except OSError:  # a read-only cache: computed again next time
        pass
    return fingerprint


def fingerprint_folder_name(fingerprint: str) -> str:
    return fingerprint.replace("sha256:", "")


# ---------------------------------------------------------------- where lessons live


def store_root(store: str | None, project_dir: str | Path = ".") -> Path | None:
    """The user store's root for a ``[learn] store`` value (None for ``project``)."""
    from spf.locations import lessons_dir

    if store in (None, "", "user"):
        return lessons_dir()
    if store == "project":
        return None
    path = Path(store).expanduser()
    if not path.is_absolute():
        path = Path(project_dir) / path
    if path.exists() and not path.is_dir():
        raise SpfError("the lesson store is a file, not a folder", location=str(path),
                       hint=f"[learn] store is {STORE_CHOICES}")
    return path


def lesson_folder(store: str | None, *, out_dir: str | Path, project_dir: str | Path = ".",
                  fingerprint: str | None = None) -> Path:
    """Where this run's lessons are loaded from and saved to."""
    root = store_root(store, project_dir)
    if root is None:
        return Path(out_dir) / PROJECT_FOLDER
    if not fingerprint:
        raise SpfError("the lesson store needs the model's fingerprint",
                       hint="use [learn] store = \"project\" for this backend")
    return root / fingerprint_folder_name(fingerprint)


@dataclass
class Lesson:
    """One saved lesson: its file (or adapter folder), its number and its metadata."""

    path: Path
    number: int
    method: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sidecar(self) -> Path:
        return self.path.with_suffix(".json")

    @property
    def is_adapter(self) -> bool:
        return self.path.suffix == ".adapter"

    @property
    def learn(self) -> dict[str, Any]:
        return (self.metadata.get("info") or {}).get("learn") or {}

    def summary(self) -> dict[str, Any]:
        learn = self.learn
        cases = learn.get("cases", [])
        return {"name": self.name, "number": self.number, "method": self.method,
                "kind": "adapter" if self.is_adapter else "patch",
                "project": learn.get("project", ""), "created": learn.get("created", ""),
                "units": learn.get("units", []),
                "corrections": len(cases), "fixed": sum(bool(c.get("fixed")) for c in cases),
                "base_learned": learn.get("base_learned", []),
                "model": learn.get("model", ""), "fingerprint": learn.get("fingerprint", "")}


def lessons_in(folder: str | Path) -> list[Lesson]:
    """Every lesson in ``folder``, in order, with its metadata (JSON sidecar; {} if unreadable)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        match = LESSON_NAME.match(path.name)
        if not match:
            continue
        try:
            metadata = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            metadata = {}
        found.append(Lesson(path, int(match.group(1)), match.group(2), metadata))
    return found


def next_lesson_path(folder: str | Path, method: str, digest: str = "", *,
                     adapter: bool = False) -> Path:
    """``NNNN-METHOD-DIGEST.safetensors`` (or ``.adapter``): numbered in order, named by content.

    The digest (of the patched weights) makes the file name, and so the hf backend's
    ``model_id`` and completion-cache key, change whenever the lesson's content does.
    """
    numbers = [lesson.number for lesson in lessons_in(folder)]
    safe_method = re.sub(r"[^a-z0-9_+-]", "-", method.lower()) or "patch"
    suffix = f"-{digest[:10]}" if digest else ""
    extension = "adapter" if adapter else "safetensors"
    return Path(folder) / f"{max(numbers, default=0) + 1:04d}-{safe_method}{suffix}.{extension}"


def remove_lesson(lesson: Lesson) -> None:
    if lesson.path.is_dir():
        shutil.rmtree(lesson.path)
    else:
        lesson.path.unlink(missing_ok=True)
    lesson.sidecar.unlink(missing_ok=True)


def write_model_file(folder: Path, model: str, fingerprint: str) -> None:
    from spf.files import atomic_write_text

    atomic_write_text(folder / MODEL_FILE, json.dumps(
        {"fingerprint": fingerprint, "model": model}, indent=2) + "\n")


# ---------------------------------------------------------------- the store, for `spf lessons`


def store_models(root: str | Path) -> list[dict[str, Any]]:
    """Every fingerprint folder of a store: ``{"fingerprint", "model", "folder", "lessons"}``."""
    root = Path(root)
    if not root.is_dir():
        return []
    models = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir():
            continue
        lessons = lessons_in(folder)
        try:
            described = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            described = {}
        if not lessons and not described:
            continue
        models.append({"fingerprint": described.get("fingerprint", "sha256:" + folder.name),
                       "model": described.get("model", ""), "folder": folder,
                       "lessons": lessons})
    return models


def lesson_id(folder: Path, lesson: Lesson) -> str:
    return f"{folder.name[:12]}/{lesson.number:04d}"


def find_lesson(root: str | Path, identifier: str) -> tuple[Path, Lesson]:
    """The lesson named ``FINGERPRINT/NNNN`` (a unique fingerprint prefix is enough)."""
    prefix, separator, number = identifier.strip().partition("/")
    prefix = prefix.replace("sha256:", "")
    if not separator or not number.isdigit() or not prefix or not re.fullmatch(r"[0-9a-f]+",
                                                                               prefix):
        raise SpfError(f"bad lesson id {identifier!r}", location="LESSON",
                       hint="give FINGERPRINT/NUMBER as `spf lessons list` shows it, "
                            "e.g. 3f2a9c01b7de/0001")
    folders = [item["folder"] for item in store_models(root)
               if item["folder"].name.startswith(prefix)]
    if not folders:
        raise SpfError(f"no model {prefix!r} in the lesson store", location=str(root),
                       hint="see `spf lessons list`")
    if len(folders) > 1:
        raise SpfError(f"model prefix {prefix!r} is ambiguous", location=str(root),
                       hint="give more of the fingerprint")
    for lesson in lessons_in(folders[0]):
        if lesson.number == int(number):
            return folders[0], lesson
    raise SpfError(f"no lesson {int(number):04d} for model {prefix}", location=str(folders[0]),
                   hint="see `spf lessons list`")


def dependents(folder: Path, lesson: Lesson) -> list[Lesson]:
    """The lesson and every later one made on it (their chain includes it)."""
    chain = [lesson]
    for other in lessons_in(folder):
        if other.number > lesson.number and any(
                name in other.learn.get("base_learned", []) for name in
                [item.name for item in chain]):
            chain.append(other)
    return chain


def revert_lesson(root: str | Path, identifier: str) -> list[str]:
    """Remove a lesson and the later lessons made on it; returns the removed names.

    The next run loads the chain without them: the model is the base (or the earlier
    lessons) bit for bit, since a lesson is only ever applied on load.
    """
    folder, lesson = find_lesson(root, identifier)
    removed = dependents(folder, lesson)
    for item in removed:
        remove_lesson(item)
    return [item.name for item in removed]


def export_lesson(root: str | Path, identifier: str, destination: str | Path) -> list[Path]:
    """Copy a lesson (with the earlier lessons it was made on) and sidecars into ``destination``.

    ``destination`` must be a new or empty folder; a lesson exported into another store's
    fingerprint folder, or a project's ``.spf/patches/``, is loaded there like one learned
    there.
    """
    folder, lesson = find_lesson(root, identifier)
    destination = Path(destination)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise SpfError("the export folder exists and is not empty", location=str(destination),
                       hint="give a new folder")
    wanted = set(lesson.learn.get("base_learned", [])) | {lesson.name}
    chosen = [item for item in lessons_in(folder) if item.name in wanted]
    staging = destination.with_name(destination.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    written = []
    for item in chosen:
        if item.path.is_dir():
            shutil.copytree(item.path, staging / item.name)
        else:
            shutil.copy2(item.path, staging / item.name)
        if item.sidecar.is_file():
            shutil.copy2(item.sidecar, staging / item.sidecar.name)
        written.append(destination / item.name)
    if (folder / MODEL_FILE).is_file():
        shutil.copy2(folder / MODEL_FILE, staging / MODEL_FILE)
    if destination.exists():
        destination.rmdir()
    staging.rename(destination)
    return written


__all__ = [
    "LESSON_NAME",
    "PROJECT_FOLDER",
    "Lesson",
    "export_lesson",
    "find_lesson",
    "lesson_folder",
    "lessons_in",
    "model_fingerprint",
    "next_lesson_path",
    "revert_lesson",
    "store_models",
    "store_root",
]
