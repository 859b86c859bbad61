"""Benchmark the function synthesizer on functions it was never designed on.

    python benchmarks/functions.py            # a table, then the totals
    python benchmarks/functions.py --json
    python benchmarks/functions.py --only add_months --show
    python benchmarks/functions.py --set heldout   # totals only: a set nobody designs on

``tests/synth/fresh_functions.md`` holds 40 spec functions (validators, cleaners,
formatters, computations, functions that raise) written by an author who never read
spf's code or specs, the way users of small record-keeping tools write them, with 2-4
examples each; ``tests/synth/fresh_functions_hidden.md`` holds 3-5 further probes per
function that its description settles and its examples do not show. Both were checked
against the author's own reference implementation (not committed).

Each function goes to the symbolic synthesizer exactly as ``spf generate`` gives it
(the same task, the default budget). A function is

* ``right``: a program was found and every hidden probe holds for it;
* ``wrong``: a program that passes the spec's examples was found, but a probe fails
  (``spf generate`` would report such a function verified: the figure to bring to 0);
* ``not found``: no program passes the examples (reported unimplemented, honestly).

CPU seconds (``time.process_time``) are this process's, summed over the searches.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = {  # (spec, hidden probes); "heldout" is never read while designing: its totals only
    "fresh": (REPO / "tests/synth/fresh_functions.md", REPO / "tests/synth/fresh_functions_hidden.md"),
    "heldout": (REPO / "tests/synth/heldout_functions.md", REPO / "tests/synth/heldout_functions_hidden.md"),
    # round thirty-four: two authors, 20 functions each; both were read while designing (a first)
    "everyday-a": (REPO / "tests/synth/everyday_a.md", REPO / "tests/synth/everyday_a_hidden.md"),
    "everyday-b": (REPO / "tests/synth/everyday_b.md", REPO / "tests/synth/everyday_b_hidden.md"),
    "everyday-c": (REPO / "tests/synth/everyday_c.md", REPO / "tests/synth/everyday_c_hidden.md"),  # three signatures
}
SPEC, HIDDEN = SETS["fresh"]
PROBE = re.compile(r"^- (?P<call>(?P<name>\w+)\(.*\)) (?:== (?P<value>.+)|raises (?P<error>\w+))$")


def probes(path: Path = HIDDEN) -> dict[str, list[tuple[str, object, str | None]]]:
    """{function: [(call, expected value, expected exception name or None)]}."""
    found: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PROBE.match(line.strip())
        if match:
            value = ast.literal_eval(match["value"]) if match["value"] else None
            found.setdefault(match["name"], []).append((match["call"], value, match["error"]))
    return found


def _holds(namespace: dict, call: str, expected, error: str | None) -> bool:
    try:
        got = eval(call, dict(namespace))
    except Exception as raised:  # noqa: BLE001 - a raise is the outcome some probes ask for
        return error is not None and type(raised).__name__ == error
    if error is not None:
        return False
    if isinstance(expected, float) or isinstance(got, float):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - expected) <= 1e-9
    return got == expected and type(got) is type(expected)


def measure(only: str | None = None, spec: Path = SPEC, hidden_path: Path = HIDDEN) -> list[dict]:
    from spf_plugins.stages.render import FUNCTION_MODULES
    from spf_plugins.symbolic import entity_context

    from spf.loop import task_from_function
    from spf.spec import load_spec
    from spf.synthesis import Budget, synthesize

    project = load_spec(spec)
    hidden = probes(hidden_path)
    context = entity_context(project)
    rows = []
    for function in project.functions:
        if only and function.name != only:
            continue
        task = task_from_function(function, file=project.source_file, context_source=context,
                                  allowed_imports=FUNCTION_MODULES)  # what `spf generate` allows
        started = time.process_time()
        result = synthesize(task, Budget())
        seconds = time.process_time() - started
        cases = hidden.get(function.name, [])
        held = 0
        if result.found:
            namespace: dict = {}
            exec(compile(result.sources[0], "<synthesized>", "exec"), namespace)  # noqa: S102
            held = sum(_holds(namespace, *case) for case in cases)
        outcome = "not found" if not result.found else "right" if held == len(cases) else "wrong"
        rows.append({"function": function.name, "outcome": outcome, "probes": f"{held}/{len(cases)}",
                     "seconds": round(seconds, 3),
                     "source": result.sources[0] if result.found else None,
                     "reason": None if result.found else result.reason})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="fresh",
                        help="fresh, everyday-a/-b/-c (design sets) or heldout (measured only: totals, no rows)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", help="one function by name")
    parser.add_argument("--show", action="store_true", help="print each program found")
    options = parser.parse_args(argv)
    rows = measure(options.only, *SETS[options.set])
    totals = {outcome: sum(row["outcome"] == outcome for row in rows) for outcome in ("right", "wrong", "not found")}
    summary = {"functions": len(rows), **totals,
               "cpu_seconds": round(sum(row["seconds"] for row in rows), 2)}
    if options.set == "heldout":  # read by nobody while designing: what spf gets, not where
        print("TOTAL", options.set, json.dumps(summary))
        return 0
    if options.json:
        print(json.dumps({"rows": rows, "total": summary}, indent=2))
        return 0
    for row in rows:
        print(f"{row['function']:<22} {row['outcome']:<10} probes {row['probes']:<5} {row['seconds']:6.2f} s"
              + (f"  ({row['reason']})" if row["reason"] else ""))
        if options.show and row["source"]:
            print("    " + row["source"].rstrip().replace("\n", "\n    "))
    print("TOTAL", json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
