"""Stage 5, verify: run the generated project's tests, safely, and record the result.

The files exactly as ``write`` will write them (assembled and ruff-formatted) go into
a temporary folder; ``python -m pytest`` runs there in a subprocess through
``spf.sandbox``: a timeout, a scrubbed environment (no credentials, no proxies,
offline), ``PYTHONPATH`` pointing at the copy, nothing installed. The user's folder
is never touched. The counts go into the summary; failures make the exit status 3.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from spf import hookimpl
from spf.errors import SpfError
from spf.pipeline import PipelineState, Stage, rendered_files


def run_generated_tests(files: dict[str, str], timeout: float) -> dict:
    """Write ``files`` into a temporary folder and run pytest there; a summary dict."""
    from spf.files import safe_join
    from spf.sandbox import run, scrubbed_environment

    with tempfile.TemporaryDirectory(prefix="spf-verify-") as folder:
        for relative, text in files.items():
            target = safe_join(folder, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "--color=no", "-o", "addopts=", "tests"],
                     cwd=folder, timeout=timeout,
                     env=scrubbed_environment({"PYTHONPATH": folder}))
    counts = {name: 0 for name in ("passed", "failed", "errors", "xfailed", "xpassed", "skipped")}
    tail = (result.stdout or "").strip().splitlines()[-1:] or [""]
    for number, word in re.findall(r"(\d+) (passed|failed|errors?|xfailed|xpassed|skipped)", tail[0]):
        counts["errors" if word.startswith("error") else word] = int(number)
    ok = result.ok or (result.returncode == 5 and not result.timed_out)  # 5: no tests collected
    failures = re.findall(r"^(?:FAILED|ERROR) (\S+)", result.stdout or "", flags=re.MULTILINE)
    return {"ok": ok and counts["failed"] == 0 and counts["errors"] == 0, **counts,
            "returncode": result.returncode, "timed_out": result.timed_out,
            "seconds": round(result.seconds, 2), "failures": failures[:50],
            "output": "" if ok else (result.stdout[-4000:] + result.stderr[-2000:])}


class VerifyStage(Stage):
    name = "verify"
    after = ("tests",)
    description = "run the generated tests in a sandboxed temporary copy"

    def run(self, state: PipelineState) -> None:
        import importlib.util

        try:
            pytest_spec = importlib.util.find_spec("pytest")
        except ImportError:
            pytest_spec = None
        if pytest_spec is None:
            raise SpfError("pytest is not installed in the Python that runs spf",
                           location=sys.executable,
                           hint="pip install pytest, or skip this stage with --no-verify")
        files = rendered_files(state)
        state.verify = run_generated_tests(files, state.options.verify_timeout)

    def summary(self, state: PipelineState) -> str:
        verify = state.verify or {}
        if verify.get("timed_out"):
            return "tests timed out"
        return (f"{verify.get('passed', 0)} passed, {verify.get('failed', 0)} failed, "
                f"{verify.get('xfailed', 0)} xfailed, {verify.get('errors', 0)} errors")


@hookimpl
def register_stages(register):
    register(VerifyStage())


__all__ = ["Path", "VerifyStage", "run_generated_tests"]
