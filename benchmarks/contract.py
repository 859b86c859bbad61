"""The contract benchmark: do generated commands do what the spec's words say?

For every spec of the corpus (tests/contract/corpus, and tests/contract/holdout: specs
written by people who never saw the templates, the held-out ones not read while
designing), generate the project with the default symbolic backend and no model, then
run every transcript (fenced ``console`` blocks) against the generated command line:
the transcripts in spec.md (which spf reads and checks) and those in hidden.md beside it
(what the words mean but the user was not asked to spell out; spf never reads them).

Printed: transcripts passing (spec's own, hidden), units per status, and the "silently
wrong" units: reported verified, unchecked or implemented while a transcript of them
fails (attributed to the command of the first step that fails).

    python benchmarks/contract.py                 # both sets, a table
    python benchmarks/contract.py --set corpus --json
    python benchmarks/contract.py --folder my/spec-folder --verbose   # your own spec + hidden.md
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = {"corpus": REPO / "tests/contract/corpus", "holdout": REPO / "tests/contract/holdout",
        # written later by people who saw only docs/spec-language.md (see tests/contract/README.md)
        "corpus2": REPO / "tests/contract/corpus2", "holdout2": REPO / "tests/contract/holdout2",
        "holdout3": REPO / "tests/contract/holdout3", "corpus3": REPO / "tests/contract/corpus3",
        "corpus4": REPO / "tests/contract/corpus4", "holdout4": REPO / "tests/contract/holdout4",
        "corpus5": REPO / "tests/contract/corpus5", "corpus6": REPO / "tests/contract/corpus6",
        "corpus7": REPO / "tests/contract/corpus7", "corpus8": REPO / "tests/contract/corpus8",
        "corpus9": REPO / "tests/contract/corpus9", "corpus10": REPO / "tests/contract/corpus10",
        "corpus11": REPO / "tests/contract/corpus11", "corpus12": REPO / "tests/contract/corpus12",
        "corpus13": REPO / "tests/contract/corpus13", "corpus14": REPO / "tests/contract/corpus14",
        "corpus15": REPO / "tests/contract/corpus15", "corpus16": REPO / "tests/contract/corpus16",
        "corpus17": REPO / "tests/contract/corpus17", "corpus18": REPO / "tests/contract/corpus18",
        "corpus19": REPO / "tests/contract/corpus19", "corpus20": REPO / "tests/contract/corpus20",
        "corpus21": REPO / "tests/contract/corpus21", "corpus22": REPO / "tests/contract/corpus22",
        "corpus23": REPO / "tests/contract/corpus23", "corpus24": REPO / "tests/contract/corpus24",
        "corpus25": REPO / "tests/contract/corpus25", "corpus26": REPO / "tests/contract/corpus26",
        "corpus27": REPO / "tests/contract/corpus27", "corpus28": REPO / "tests/contract/corpus28",
        "corpus29": REPO / "tests/contract/corpus29", "corpus30": REPO / "tests/contract/corpus30",
        "corpus31": REPO / "tests/contract/corpus31", "corpus32": REPO / "tests/contract/corpus32",
        "corpus33": REPO / "tests/contract/corpus33", "corpus34": REPO / "tests/contract/corpus34",
        "corpus35": REPO / "tests/contract/corpus35", "corpus36": REPO / "tests/contract/corpus36",
        "corpus37": REPO / "tests/contract/corpus37",
        "corpus38": REPO / "tests/contract/corpus38",
        "corpus39": REPO / "tests/contract/corpus39",
        "corpus40": REPO / "tests/contract/corpus40",
        "corpus41": REPO / "tests/contract/corpus41",
        "corpus42": REPO / "tests/contract/corpus42", "corpus43": REPO / "tests/contract/corpus43",
        "corpus44": REPO / "tests/contract/corpus44", "corpus45": REPO / "tests/contract/corpus45",
        "corpus46": REPO / "tests/contract/corpus46",
        # written in round thirty-six after the first four held-out sets had been used for design
        "holdout5": REPO / "tests/contract/holdout5",
        # written in round thirty-eight, measured twice unread, read in round thirty-nine
        "holdout6": REPO / "tests/contract/holdout6",
        # written in round thirty-nine, measured twice unread, read in round forty
        "holdout7": REPO / "tests/contract/holdout7",
        # written in round forty, measured twice unread, read in round forty-one
        "holdout8": REPO / "tests/contract/holdout8",
        # written in round forty-one, measured twice unread, read in round forty-two
        "holdout9": REPO / "tests/contract/holdout9",
        # written in round forty-two, measured twice unread, read in round forty-three
        "holdout10": REPO / "tests/contract/holdout10",
        # written in round forty-three, measured twice unread, read in round forty-four
        "holdout11": REPO / "tests/contract/holdout11",
        # written in round forty-four, measured twice unread, read in round forty-five
        "holdout12": REPO / "tests/contract/holdout12",
        # written in round forty-five, measured twice unread, read in round forty-six
        "holdout13": REPO / "tests/contract/holdout13",
        # written in round forty-six, measured twice unread, read in round forty-seven
        "holdout14": REPO / "tests/contract/holdout14",
        # written in round forty-seven, never read
        "holdout15": REPO / "tests/contract/holdout15"}
SILENT = ("verified", "unchecked", "implemented")
VERBOSE = False


def hidden_transcripts(folder: Path, project) -> list:
    """The transcripts of hidden.md, read by spf's own transcript reader (same rules)."""
    import copy

    from spf.spec.transcripts import extract_transcripts

    path = folder / "hidden.md"
    if not path.is_file():
        return []
    bare = copy.deepcopy(project)
    bare.transcripts = []
    for command in bare.commands:
        command.transcripts = []
    extract_transcripts(path.read_text(encoding="utf-8"), bare, display="hidden.md")
    return bare.all_transcripts()


class Program:
    """Runs the generated command line: installed in a virtual environment (its console
    script), or straight from the output folder (``python -c 'from PKG.cli import main'``)."""

    def __init__(self, out: Path, project, venv: Path | None = None):
        self.out, self.project, self.venv = out, project, venv
        if venv is not None:
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                            "--no-deps", "--no-build-isolation", "--no-index", str(out)],
                           check=True, capture_output=True, text=True, timeout=300)

    def argv(self, words) -> list[str]:
        if self.venv is not None:
            return [str(self.venv / "bin" / self.project.name), *words]
        return [sys.executable, "-c", f"from {self.project.package}.cli import main; main()", *words]

    def env(self) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
        if self.venv is None:
            env["PYTHONPATH"] = str(self.out)
        return env


def run_transcript(program: Program, transcript) -> tuple[bool, str | None, str]:
    """Run the steps in a fresh folder: (passed, the command of the first failing step, why)."""
    from spf.acceptance import match_output

    with tempfile.TemporaryDirectory(prefix="spf-contract-") as folder:
        for step in transcript.steps:
            completed = subprocess.run(
                program.argv(step.argv), cwd=folder, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True, timeout=60, check=False, env=program.env())
            expected = list(step.expected) if step.expected is not None else None
            if completed.returncode != step.status or (
                    expected is not None and not match_output(expected, completed.stdout)):
                why = (f"$ {shlex.join(step.argv)}: expected [{step.status}] {expected}, "
                       f"got [{completed.returncode}] {completed.stdout.splitlines()[-6:]}")
                return False, step.argv[0] if step.argv else None, why
    return True, None, ""


def make_venv(folder: Path) -> Path:
    """A virtual environment that sees this Python's packages (click, setuptools, wheel)
    through a .pth file, so the generated projects install without a network."""
    import sysconfig
    import venv

    venv.EnvBuilder(with_pip=False).create(folder)  # pip and setuptools come from this Python
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "spf-contract-host.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                         encoding="utf-8")
    return folder


def generate_with(python: str, folder: Path, out: str) -> dict:
    """Generate with another installation of spf (``--spf-python``: e.g. an older checkout's
    virtual environment), for before/after figures; its JSON report."""
    completed = subprocess.run([python, "-c", "from spf.cli import main; main()", "generate",
                                str(folder), "--out", out, "--json", "--quiet"],
                               capture_output=True, text=True, timeout=900, check=False,
                               cwd=out)  # not this checkout: `-c` puts the folder on sys.path
    try:
        return json.loads(completed.stdout)
    except ValueError:  # refused the spec (an older parser): nothing generated
        return {"units": [], "exit_code": completed.returncode,
                "error": (completed.stderr or completed.stdout).strip()[-300:]}


def measure(folder: Path, venv: Path | None = None, spf_python: str | None = None,
            on_generated=None) -> dict:
    """Generate one spec, run its transcripts and the hidden ones, attribute the failures."""
    import spf

    project = spf.load_spec(folder)
    hidden = hidden_transcripts(folder, project)
    with tempfile.TemporaryDirectory(prefix="spf-contract-out-") as out:
        start = time.perf_counter()
        data = generate_with(spf_python, folder, out) if spf_python else \
            spf.generate(folder, out=out, verify=True).to_dict()
        seconds = time.perf_counter() - start
        statuses = {unit["design_unit"]: unit["status"] for unit in data["units"]
                    if unit.get("design_unit", "").startswith(("command:", "function:"))
                    and unit.get("kind") == "function"}
        program = Program(Path(out), project, venv)
        results: dict[str, list] = {"spec": [], "hidden": []}
        wrong: set[str] = set()
        for label, transcripts in (("spec", project.all_transcripts()), ("hidden", hidden)):
            for transcript in transcripts:
                passed, culprit, why = run_transcript(program, transcript)
                results[label].append({"line": transcript.span.line, "passed": passed,
                                       "failed_at": culprit, "why": why})
                if VERBOSE and not passed:
                    print(f"  FAIL {label}.md:{transcript.span.line} {why}")
                unit = f"command:{culprit}" if culprit else None
                if not passed and unit in statuses and statuses[unit] in SILENT:
                    wrong.add(unit)
        if on_generated is not None:  # a caller's look at the generated program, before cleanup
            on_generated(program, project)
    return {"spec": folder.name, "seconds": round(seconds, 1), "exit_code": data["exit_code"],
            "statuses": dict(Counter(statuses.values())), "units": statuses,
            "transcripts": results, "silently_wrong": sorted(wrong)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--only", help="one spec folder name")
    parser.add_argument("--folder", action="append", default=[], type=Path,
                        help="a folder of your own with spec.md and hidden.md (repeatable; "
                             "measured instead of the sets)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="show each failing step")
    parser.add_argument("--spf-python", help="generate with the spf installed for this Python "
                                              "(another checkout's venv: before/after figures)")
    parser.add_argument("--installed", action="store_true",
                        help="pip install each generated project into a virtual environment and "
                             "run its console script (slower; the default runs it from the folder)")
    options = parser.parse_args(argv)
    global VERBOSE
    VERBOSE = options.verbose
    sets = SETS if options.set == "all" else {options.set: SETS[options.set]}
    rows = []
    venv_folder = tempfile.TemporaryDirectory(prefix="spf-contract-venv-") if options.installed else None
    venv = make_venv(Path(venv_folder.name)) if venv_folder else None
    sets = {name: root for name, root in sets.items() if root.is_dir()}
    if options.folder:
        missing = [str(folder) for folder in options.folder if not (folder / "spec.md").is_file()]
        if missing:
            parser.error(f"no spec.md in {', '.join(missing)}")
        sets = {"folder": None}
    for name, root in sets.items():
        folders = options.folder if root is None else sorted(
            path for path in root.iterdir() if (path / "spec.md").is_file())
        for folder in folders:
            if options.only and folder.name != options.only:
                continue
            row = measure(folder, venv, options.spf_python)
            row["set"] = name
            rows.append(row)
            if not options.json:
                spec_ok = sum(t["passed"] for t in row["transcripts"]["spec"])
                hidden_ok = sum(t["passed"] for t in row["transcripts"]["hidden"])
                print(f"{name:8} {row['spec']:12} spec {spec_ok}/{len(row['transcripts']['spec'])}"
                      f"  hidden {hidden_ok}/{len(row['transcripts']['hidden'])}"
                      f"  units {row['statuses']}  silently wrong {len(row['silently_wrong'])}"
                      f"  exit {row['exit_code']}  {row['seconds']} s", flush=True)
                if options.verbose and row["silently_wrong"]:
                    print(f"  silently wrong: {', '.join(row['silently_wrong'])}", flush=True)
    totals = {}
    for name in sets:
        mine = [row for row in rows if row["set"] == name]
        spec_all = [t for row in mine for t in row["transcripts"]["spec"]]
        hidden_all = [t for row in mine for t in row["transcripts"]["hidden"]]
        statuses = Counter()
        for row in mine:
            statuses.update(row["statuses"])
        totals[name] = {
            "specs": len(mine),
            "spec_transcripts": f"{sum(t['passed'] for t in spec_all)}/{len(spec_all)}",
            "hidden_transcripts": f"{sum(t['passed'] for t in hidden_all)}/{len(hidden_all)}",
            "hidden_pass_rate": round(sum(t["passed"] for t in hidden_all) / max(1, len(hidden_all)), 3),
            "units": dict(statuses),
            "silently_wrong": sum(len(row["silently_wrong"]) for row in mine)}
    if options.json:
        print(json.dumps({"rows": rows, "totals": totals}, indent=2))
    else:
        for name, total in totals.items():
            print(f"TOTAL {name}: {json.dumps(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
