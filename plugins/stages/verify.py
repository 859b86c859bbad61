"""Stage 5, verify: run the project as it will be written, acceptance tests first.

What is tested is what the user will run: the files exactly as ``write`` will leave
them (assembled, ruff-formatted, and three-way merged with the user's edits; a file
in conflict stays the user's) go into a temporary folder; ``python -m pytest`` runs
there in a subprocess through ``spf.sandbox``: a timeout, a scrubbed environment (no
credentials, no proxies, offline), ``PYTHONPATH`` pointing at the copy, nothing
installed. The user's folder is never touched.

The acceptance tests (``tests/test_acceptance.py``, written from the spec's examples
and transcripts alone) run first, then the rest. Per-test outcomes are read from
pytest's JUnit XML (``-o xfail_strict=true`` makes an unexpected pass visible as
``xpassed``), attributed to design units, and turned into a status per function and
command unit (``verified``, ``unchecked``, ``partial``, ``unimplemented``,
``failing``): see ``spf.acceptance`` and docs/generate.md.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from spf import hookimpl
from spf.errors import SpfError
from spf.pipeline import PipelineState, Stage

COUNTS = ("passed", "failed", "errors", "xfailed", "xpassed", "skipped")
_TEST_DEF = re.compile(r"^(?:async )?def (test_\w+)", re.MULTILINE)


def run_generated_tests(files: dict[str, str], timeout: float, *,
                        first: str | None = None) -> dict:
    """Write ``files`` into a temporary folder and run pytest there; a summary dict.

    ``first`` (a test file) runs before the rest. The summary has the counts, ``ok``,
    ``failures`` (test ids) and ``tests``: one ``{id, path, name, outcome, message}``
    per test, read from the JUnit XML report.
    """
    from spf.acceptance import read_junit
    from spf.files import safe_join
    from spf.sandbox import run, scrubbed_environment

    with tempfile.TemporaryDirectory(prefix="spf-verify-") as folder:
        for relative, text in files.items():
            target = safe_join(folder, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="spf-junit-") as reports:
            junit = Path(reports) / "junit.xml"
            paths = [first, "tests"] if first and first in files else ["tests"]
            result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--color=no", "-o", "addopts=", "-o", "xfail_strict=true",
                          "--continue-on-collection-errors",
                          "-o", "junit_family=xunit2", f"--junit-xml={junit}", *paths],
                         cwd=folder, timeout=timeout,
                         env=scrubbed_environment({"PYTHONPATH": folder}))
            try:
                tests = read_junit(junit) if junit.is_file() else []
            except Exception:  # a half-written report (killed by the timeout)  # noqa: BLE001
                tests = []
    counts = dict.fromkeys(COUNTS, 0)
    for test in tests:
        counts["errors" if test.outcome == "error" else test.outcome] += 1
    no_tests = result.returncode == 5 and not result.timed_out
    finished = (result.returncode in (0, 1) or no_tests) and not result.timed_out
    if not tests and not no_tests:
        finished = finished and result.ok
    failures = [test.id for test in tests if test.outcome in ("failed", "error")]
    ok = finished and counts["failed"] == 0 and counts["errors"] == 0
    return {"ok": ok, **counts, "returncode": result.returncode, "timed_out": result.timed_out,
            "seconds": round(result.seconds, 2), "failures": failures[:50],
            "output": "" if ok else (result.stdout[-4000:] + result.stderr[-2000:]),
            "tests": [vars(test) for test in tests]}


def apply_statuses(state: PipelineState, verify: dict) -> None:
    """Per design unit: its tests' outcomes and its status, into ``verify["units"]``."""
    from spf.acceptance import TEST_MODULE, TestResult, attribute, unit_status
    from spf.interpretation import READING

    derived: dict[tuple[str, str], str] = {}
    modules: dict[str, list[str]] = {}
    for unit in state.units.values():
        if unit.kind != "tests" or unit.path == TEST_MODULE:
            continue
        modules.setdefault(unit.path, []).append(unit.design_unit)
        for name in _TEST_DEF.findall(unit.source):
            derived[(unit.path, name)] = unit.design_unit
    results = [TestResult(**test) for test in verify.get("tests", [])]
    readers = {f"command:{name}" for name, reading in (state.cache.get("interpretations") or {}).items()
               if getattr(reading, "operation", None) in READING}
    attributed = attribute(results, state.acceptance, derived, modules, readers=readers)
    per_unit: dict[str, list] = {}
    for design_unit, source, result in attributed:
        per_unit.setdefault(design_unit, []).append((source, result))
    suite_units = state.acceptance.units() if state.acceptance is not None else set()
    units: dict[str, dict] = {}
    for unit in state.units.values():
        if unit.kind not in ("class", "function") or unit.design_unit in units:
            continue
        kind = unit.design_unit.split(":", 1)[0]
        found = per_unit.get(unit.design_unit, [])
        if kind in ("function", "command"):
            status, why = unit_status(unit.status, found, unit.design_unit in suite_units)
        else:  # entities, stores, the runtime: template code tested by the derived tests
            failed = [result for _, result in found if result.outcome in ("failed", "error")]
            status = "failing" if failed else unit.status
            why = f"{failed[0].id} failed: {failed[0].message}" if failed else None
        tally: dict[str, dict[str, int]] = {}
        for source, result in found:
            counts = tally.setdefault(source, {})
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
        units[unit.design_unit] = {
            "status": status, "why": why, "tests": tally,
            "acceptance_cases": [case.name for case in state.acceptance.for_unit(unit.design_unit)]
            if state.acceptance is not None else [],
            "failures": [{"test": result.id, "message": result.message}
                         for _, result in found if result.outcome in ("failed", "error")][:10]}
    verify["units"] = units
    cases = {case.name for case in state.acceptance} if state.acceptance is not None else set()
    outcomes: dict[str, int] = {}
    for result in results:
        if result.path == TEST_MODULE and result.name in cases:
            outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    verify["acceptance"] = {"cases": len(cases), **outcomes}


class VerifyStage(Stage):
    name = "verify"
    after = ("tests",)
    description = "run the project as it will be written (your edits merged), acceptance tests first"

    def run(self, state: PipelineState) -> None:
        import importlib.util

        from spf_plugins.stages.write import plan_writes

        from spf.acceptance import TEST_MODULE

        try:
            pytest_spec = importlib.util.find_spec("pytest")
        except ImportError:
            pytest_spec = None
        if pytest_spec is None:
            raise SpfError("pytest is not installed in the Python that runs spf",
                           location=sys.executable,
                           hint="pip install pytest, or skip this stage with --no-verify")
        plan = plan_writes(state)
        verify = run_generated_tests(plan.files(), state.options.verify_timeout,
                                     first=TEST_MODULE)
        verify["merged"] = plan.edited()  # files whose user edits were tested with the rest
        apply_statuses(state, verify)
        state.verify = verify

    def summary(self, state: PipelineState) -> str:
        verify = state.verify or {}
        if verify.get("timed_out"):
            return "tests timed out"
        acceptance = verify.get("acceptance") or {}
        return (f"{verify.get('passed', 0)} passed, {verify.get('failed', 0)} failed, "
                f"{verify.get('xfailed', 0)} xfailed, {verify.get('errors', 0)} errors; "
                f"acceptance {acceptance.get('passed', 0)}/{acceptance.get('cases', 0)} passed")


@hookimpl
def register_stages(register):
    register(VerifyStage())


__all__ = ["Path", "VerifyStage", "apply_statuses", "run_generated_tests"]
