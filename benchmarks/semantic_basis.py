"""Benchmark: the semantic basis of a large random head (V = 50k, d = 1024 by default).

Each case runs in a fresh subprocess so that its peak memory (``ru_maxrss``; tracemalloc
does not see torch's allocations) is its own. Reported per case: seconds of the solve,
peak resident memory of the process and the increase over the process's size just
before the solve, and the check ``argmax(W s_i) == i`` on a sample of tokens.

    python benchmarks/semantic_basis.py                    # V=50000, d=1024, 1 thread
    python benchmarks/semantic_basis.py --threads 2 --json
    python benchmarks/semantic_basis.py --vocab 8000 --hidden 256 --with-pinv

The naive route (materializing the V x V projection) would need V² x 4 bytes, 10 GB at
V = 50k; it is not run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

CASES = ("cholesky-float32", "cholesky-float64", "cache-key-and-load", "pinv-float32")


def _rss_megabytes() -> float:
    """Current resident memory (Linux /proc), in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # KiB on Linux


def run_case(case: str, vocab: int, hidden: int, threads: int, seed: int) -> dict:
    import tempfile

    import torch

    from spf.neural.semantics import _cache_key, _load_cached, _store_cached, basis_from_head

    torch.set_num_threads(threads)
    generator = torch.Generator().manual_seed(seed)
    weight = torch.randn(vocab, hidden, generator=generator) / hidden ** 0.5
    before = _rss_megabytes()
    dtype = torch.float64 if case.endswith("float64") else torch.float32
    started = time.perf_counter()
    extra: dict = {}
    if case.startswith("cholesky"):
        basis = basis_from_head(weight, dtype)
    elif case.startswith("pinv"):
        basis = torch.linalg.pinv(weight).T
    else:  # hashing the head, writing and reading the cached basis
        basis = basis_from_head(weight, dtype)
        compute = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            key = _cache_key(weight, dtype, True)
            hashed = time.perf_counter()
            path = __import__("pathlib").Path(folder) / f"{key}.safetensors"
            _store_cached(path, basis)
            stored = time.perf_counter()
            loaded = _load_cached(path)
            done = time.perf_counter()
        extra = {"compute_seconds": round(compute, 3), "hash_seconds": round(hashed - started, 3),
                 "store_seconds": round(stored - hashed, 3),
                 "load_seconds": round(done - stored, 3),
                 "file_megabytes": round(basis.numel() * basis.element_size() / 1e6, 1)}
        assert torch.equal(loaded, basis)
    seconds = time.perf_counter() - started
    peak = _peak_megabytes()  # before the check below, which needs its own memory
    sample = torch.randperm(vocab, generator=generator)[:500]
    decoded = (weight.to(basis.dtype) @ basis[sample].T).argmax(dim=0)
    top1 = (decoded == sample).double().mean().item()
    return {"case": case, "vocab": vocab, "hidden": hidden, "threads": threads,
            "seconds": round(seconds, 3), "peak_rss_mb": round(peak, 1),
            "rss_before_mb": round(before, 1), "increase_mb": round(peak - before, 1),
            "top1_self_decoding": round(top1, 4), **extra}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", type=int, default=50_000)
    parser.add_argument("--hidden", type=int, default=1024)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (set explicitly)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--with-pinv", action="store_true",
                        help="also time torch.linalg.pinv (an SVD) for comparison")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)  # worker mode
    arguments = parser.parse_args(argv)

    if arguments.case:
        print(json.dumps(run_case(arguments.case, arguments.vocab, arguments.hidden,
                                  arguments.threads, arguments.seed)))
        return 0
    cases = [case for case in CASES if arguments.with_pinv or not case.startswith("pinv")]
    results = []
    for case in cases:
        completed = subprocess.run(
            [sys.executable, __file__, "--case", case, "--vocab", str(arguments.vocab),
             "--hidden", str(arguments.hidden), "--threads", str(arguments.threads),
             "--seed", str(arguments.seed)], capture_output=True, text=True, check=True)
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    if arguments.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"semantic basis, V={arguments.vocab}, d={arguments.hidden}, "
          f"torch threads={arguments.threads}")
    print(f"{'case':<20} {'seconds':>8} {'peak MB':>8} {'+MB':>8} {'top-1':>7}")
    for result in results:
        print(f"{result['case']:<20} {result['seconds']:>8.2f} {result['peak_rss_mb']:>8.0f} "
              f"{result['increase_mb']:>8.0f} {result['top1_self_decoding']:>7.4f}")
        if "hash_seconds" in result:
            print(f"{'':<20} hash {result['hash_seconds']} s, store {result['store_seconds']} s, "
                  f"load {result['load_seconds']} s, file {result['file_megabytes']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
