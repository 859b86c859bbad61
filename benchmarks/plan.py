"""How long planning takes as a spec grows: parse (Layer 1), build_pyramid (Layers 2-3), JSON.

    python benchmarks/plan.py                 # 50, 200, 1000, 2000 units
    python benchmarks/plan.py --scale         # also 3,000 and 10,000 (minutes, not for CI)
    python benchmarks/plan.py --sizes 100 500

The synthetic spec has one entity and one JSON store, then alternates functions (with
one example each) and store commands. Time per unit should stay flat: every step of
the builder is linear (or n log n for the topological sort) in the number of units.
The last line gives the largest per-unit time (parse + build) over the smallest.
"""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table


def synthetic_spec(units: int) -> str:
    parts = ["# Project: big\nA synthetic project for timing.\n",
             "## Entity: Task\nA task.\n- title: str — what to do\n",
             "## Store: tasks\nTasks live in `tasks.json`.\n- holds: Task\n- format: json\n"]
    for index in range(units // 2):
        parts.append(f"## Function: f{index}(x: int) -> int\nAdds {index}.\n"
                     f"- f{index}(1) == {index + 1}\n")
        parts.append(f"## Command: add{index}(title: str)\nAdd a task.\n")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="spec sizes in design units (default: 50 200 1000 2000)")
    parser.add_argument("--scale", action="store_true",
                        help="sizes 50 200 1000 2000 3000 10000: minutes, never run in CI")
    args = parser.parse_args()
    sizes = args.sizes or ([50, 200, 1000, 2000, 3000, 10000] if args.scale
                           else [50, 200, 1000, 2000])

    import spf
    from spf.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()  # loaded once, as `spf plan` does per run
    spf.build_pyramid(spf.parse_spec(synthetic_spec(10)), taxonomy)  # warm-up: imports, grammars
    table = Table("units", "parse s", "build_pyramid s", "to_json s", "parse ms/unit",
                  "build ms/unit", title="spf plan CPU seconds (process time; taxonomy loaded once)")
    per_unit = []
    for size in sizes:
        text = synthetic_spec(size)
        started = time.process_time()
        project = spf.parse_spec(text, file="spec.md")
        parsed = time.process_time()
        pyramid = spf.build_pyramid(project, taxonomy)
        built = time.process_time()
        pyramid.to_json()
        dumped = time.process_time()
        units = len(pyramid.design_units)
        table.add_row(str(units), f"{parsed - started:.3f}", f"{built - parsed:.3f}",
                      f"{dumped - built:.3f}", f"{(parsed - started) / units * 1000:.2f}",
                      f"{(built - parsed) / units * 1000:.2f}")
        per_unit.append((built - started) / units)
    Console().print(table)
    print(f"per-unit time (parse + build), largest / smallest: "
          f"{max(per_unit) / min(per_unit):.2f}x")


if __name__ == "__main__":
    main()
