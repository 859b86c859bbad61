"""What containment costs per candidate run: bare subprocess vs basic vs unshare vs bubblewrap.

    python benchmarks/sandbox.py [--runs 20]

Each round runs the same small snippet (a function and three example checks, like
the generate-and-test loop's runner) once per way, interleaved so that neighbours
on a shared machine slow every way alike; the table gives the median wall time per
run and the overhead over the uncontained way (a temporary folder and a bare
``subprocess.run`` of the same interpreter, what ``run_python`` did before), in wall
time and in CPU time (this process plus its children, which is steadier on a busy
machine; not available for bubblewrap, whose PID namespace this process does not
reap). Goal:
under 50 ms of overhead per run. Ways that do not work on this machine are skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SNIPPET = """
def slugify(text):
    return "-".join(text.lower().split())
assert slugify("Hello World") == "hello-world"
assert slugify("  a  b ") == "a-b"
assert slugify("") == ""
print("ok")
"""


def cpu_seconds() -> float:
    """This process's CPU time plus that of its finished children (the sandbox's and bwrap's)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def bare(folder: str) -> float:
    """What ``run_python`` did before containment: a temporary folder, a subprocess, a timeout."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="spf-sandbox-") as work:
        script = Path(work) / "_spf_snippet.py"
        script.write_text(SNIPPET, encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=work, capture_output=True,
                              text=True, timeout=30, check=False)
    seconds = time.perf_counter() - started
    assert done.stdout.strip() == "ok", done.stderr
    return seconds


def contained(mode_kind: str):
    from spf import sandbox

    def way(folder: str) -> float:
        sandbox._AVAILABLE = [mode_kind, "basic"] if mode_kind != "basic" else ["basic"]
        with sandbox.sandbox_policy(sandbox.SandboxPolicy(mode="auto")):
            started = time.perf_counter()
            result = sandbox.run_python(SNIPPET, timeout=30)
            seconds = time.perf_counter() - started
        assert result.ok and result.kind == mode_kind, (result.violation, result.stderr)
        return seconds

    return way


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from spf import sandbox

    kinds = sandbox.available_kinds()
    sandbox._NOTICED.update(sandbox.NOTICES)  # each way is forced below: no fallback notices
    ways = {"bare subprocess": bare}
    for kind in ("basic", "unshare", "bwrap"):
        if kind in kinds:
            ways[f"spf sandbox ({kind})"] = contained(kind)
        else:
            print(f"skipped {kind}: not available here")
    times: dict[str, list[float]] = {name: [] for name in ways}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.runs):
        for name, way in ways.items():
            with tempfile.TemporaryDirectory() as folder:
                before = cpu_seconds()
                times[name].append(way(folder))
                cpu[name].append(cpu_seconds() - before)
    base = statistics.median(times["bare subprocess"])
    base_cpu = statistics.median(cpu["bare subprocess"])
    print(f"{'way':24} {'wall ms':>8} {'overhead':>9} {'cpu ms':>8} {'overhead':>9}"
          f"   (medians of {args.runs} interleaved runs)")
    for name, values in times.items():
        median, median_cpu = statistics.median(values), statistics.median(cpu[name])
        cpu_text = f"{median_cpu * 1000:8.1f} {(median_cpu - base_cpu) * 1000:9.1f}"
        if "bwrap" in name:  # its PID namespace's processes are not reaped by this process
            cpu_text = f"{'n/a':>8} {'n/a':>9}"
        print(f"{name:24} {median * 1000:8.1f} {(median - base) * 1000:9.1f} {cpu_text}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
