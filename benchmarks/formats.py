"""Benchmark the format synthesizer: does a formatter found from examples generalise?

    python benchmarks/formats.py            # a table
    python benchmarks/formats.py --json

For every formatting function of ``tests/synth/format_cases.py`` (fresh functions
written for these tests, none from a corpus) and the formatters of the corpus2 specs
(``hm``, ``weight``, ``euros``), the symbolic synthesizer runs with the default budget:

* ``held-out``: the program found from all examples, run on the cases the spec
  does not show (fresh functions only);
* ``leave-one-out``: for each example, the program found from the others must
  predict it (a fold where nothing is found counts as a miss).

CPU seconds (``time.process_time``) are this process's, summed over the searches.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_FORMATTERS = (("bikelog", "euros"), ("hours", "hm"), ("lifts", "weight"))


def _program(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "<synthesized>", "exec"), namespace)  # noqa: S102 - our own program
    return namespace


def _predicts(source: str, call: str, expected) -> bool:
    try:
        return eval(call, _program(source)) == expected
    except Exception:  # noqa: BLE001 - a program that raises predicts nothing
        return False


def measure(name: str, heading: str, description: str, examples: list[tuple[str, str]],
            held_out: list[tuple[str, str]]) -> dict:
    from spf.loop import task_from_function
    from spf.spec import parse_spec
    from spf.synthesis import Budget, synthesize

    def search(shown: list[tuple[str, str]]):
        lines = ["# Project: bench", "", f"## Function: {heading}", description]
        lines += [f"- {call} == {json.dumps(expected, ensure_ascii=False)}"
                  for call, expected in shown]
        task = task_from_function(parse_spec("\n".join(lines) + "\n", file="b.md").functions[0])
        return synthesize(task, Budget())

    started = time.process_time()
    result = search(examples)
    body = result.sources[0].rstrip().splitlines()[-1].strip() if result.found else result.reason
    held = sum(result.found and _predicts(result.sources[0], call, expected)
               for call, expected in held_out)
    folds = 0
    for position, (call, expected) in enumerate(examples):
        fold = search(examples[:position] + examples[position + 1:])
        folds += fold.found and _predicts(fold.sources[0], call, expected)
    return {"function": name, "program": body, "held_out": held, "held_out_total": len(held_out),
            "loo": folds, "loo_total": len(examples),
            "cpu_s": round(time.process_time() - started, 2)}


def entries() -> list[tuple]:
    sys.path.insert(0, str(REPO / "tests" / "synth"))
    from format_cases import FORMAT_FUNCTIONS

    from spf.spec import load_spec

    found = [(heading.split("(")[0], heading, description, examples, held_out)
             for heading, description, examples, held_out in FORMAT_FUNCTIONS]
    for project, name in CORPUS_FORMATTERS:
        spec = load_spec(REPO / "tests/contract/corpus2" / project)
        function = next(item for item in spec.functions if item.name == name)
        heading = function.signature.removeprefix("def ").rstrip(":")
        examples = [(example.call, eval(example.expected, {}))
                    for example in function.examples if example.raises is None]
        found.append((f"{project}.{name}", heading, function.description, examples, []))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    rows = [measure(*entry) for entry in entries()]
    if arguments.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        held = f"{row['held_out']}/{row['held_out_total']}" if row["held_out_total"] else "-"
        print(f"{row['function']:<16} held-out {held:<5} leave-one-out "
              f"{row['loo']}/{row['loo_total']}  {row['cpu_s']:>5} cpu s  {row['program']}")
    held = sum(row["held_out"] for row in rows)
    held_total = sum(row["held_out_total"] for row in rows)
    loo = sum(row["loo"] for row in rows)
    loo_total = sum(row["loo_total"] for row in rows)
    print(f"TOTAL {len(rows)} functions  held-out {held}/{held_total}  "
          f"leave-one-out {loo}/{loo_total}  {sum(row['cpu_s'] for row in rows):.1f} cpu s")


if __name__ == "__main__":
    main()
