"""Running generated code: a subprocess with a timeout, a scrubbed environment, a temp copy.

The verify stage and the generate-and-test loop both run code spf did not write
by hand; they go through here so that a hanging or hostile candidate cannot
block spf, read the user's secrets from the environment, or touch the user's files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Variables a child keeps; everything else (tokens, keys, proxies) is dropped.
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "TZ")


@dataclass
class SandboxResult:
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def scrubbed_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A minimal environment: no credentials, no proxies, no user site-packages, offline hubs."""
    environment = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    environment.update({
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONHASHSEED": "0",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "NO_PROXY": "*",
    })
    if extra:
        environment.update(extra)
    return environment


def run(argv: list[str], *, cwd: str | Path, timeout: float = 60.0,
        env: dict[str, str] | None = None, stdin: str | None = None) -> SandboxResult:
    """Run ``argv`` in ``cwd`` with a scrubbed environment; kill it after ``timeout`` seconds."""
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            argv, cwd=cwd, env=env if env is not None else scrubbed_environment(),
            input=stdin, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as expired:
        return SandboxResult(None, _text(expired.stdout), _text(expired.stderr), True,
                             time.perf_counter() - start)
    return SandboxResult(completed.returncode, completed.stdout, completed.stderr, False,
                         time.perf_counter() - start)


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def run_python(code: str, *, timeout: float = 10.0, files: dict[str, str] | None = None) -> SandboxResult:
    """Run a Python snippet in a fresh temporary folder holding ``files`` (relative path -> text)."""
    with tempfile.TemporaryDirectory(prefix="spf-sandbox-") as folder:
        for relative, text in (files or {}).items():
            target = Path(folder) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        script = Path(folder) / "_spf_snippet.py"
        script.write_text(code, encoding="utf-8")
        return run([sys.executable, str(script)], cwd=folder, timeout=timeout,
                   env=scrubbed_environment({"PYTHONPATH": folder}))


def copy_tree(source: str | Path, destination: str | Path) -> Path:
    """Copy a generated project into ``destination`` (ignoring caches and .spf state)."""
    ignore = shutil.ignore_patterns(".spf", "__pycache__", ".pytest_cache", "*.egg-info", ".venv")
    shutil.copytree(source, destination, ignore=ignore, dirs_exist_ok=True)
    return Path(destination)
