"""Benchmark the hf backend and ``spf serve``: latency in process, over HTTP, and under load.

    python benchmarks/serve.py MODEL_DIR                   # e.g. a `spf model build-tiny` folder
    python benchmarks/serve.py MODEL_DIR --tokens 32 --concurrent 8 --repeat 5 --json

Measures, on one model folder (greedy decoding, ``--tokens`` new tokens, stop sequences
off so every request generates the same amount):

- ``load``: loading the folder (``spf.hf_model.load_causal_lm``);
- ``in_process``: median latency of one completion through the hf backend;
- ``http``: median latency of the same completion through ``spf serve``'s app on a real
  uvicorn server on 127.0.0.1 (what the openai backend pays on top);
- ``concurrent``: wall time of ``--concurrent`` simultaneous requests from threads, and
  the same requests sent one after the other. The server serialises generation with a
  lock around the model, so the two should be close: concurrency buys responsiveness
  and correctness, not throughput, on one model.

Every concurrent answer is checked against the serial one (they must be identical).
Concurrent greedy requests are batched by the server (dynamic batching, 10 ms window).

``--generate``: ``spf generate --backend openai:bench --jobs N`` against a real ``spf serve``
process on 127.0.0.1, for a spec of ``--units`` independent functions, against ``--jobs 1``
(fresh completion caches, runs interleaved ``--repeat`` times, median wall time); the
generated files must be byte-identical::

    python benchmarks/serve.py MODEL_DIR --generate --jobs 8 --units 8 --tokens 64 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda_", "mu", "nu", "xi", "omicron", "pi"]


def spec_text(units: int) -> str:
    """A project of ``units`` independent functions (none calls another)."""
    parts = ["# Project: bench\nIndependent helpers.\n"]
    for index in range(units):
        name = f"{WORDS[index % len(WORDS)]}_{index}"
        parts.append(f"## Function: {name}(text: str) -> str\n"
                     f"Return the text with {index} appended.\n"
                     f'- {name}("a") == "a{index}"\n')
    return "\n".join(parts)


def spf_command() -> list[str]:
    code = "import sys; from spf.cli import main; sys.argv[0] = 'spf'; main()"
    return [sys.executable, "-c", code]


def generate_benchmark(arguments) -> dict:
    """Wall time of ``spf generate --jobs N`` vs ``--jobs 1`` against ``spf serve``."""
    threads = str(arguments.threads)  # torch threads of the server and the clients, explicit
    env = dict(os.environ, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads,
               TOKENIZERS_PARALLELISM="false")
    work = Path(tempfile.mkdtemp(prefix="spf-serve-bench-"))
    project = work / "bench"
    project.mkdir()
    (project / "spec.md").write_text(spec_text(arguments.units), encoding="utf-8")
    server = subprocess.Popen(
        [*spf_command(), "serve", arguments.model_dir, "--port", "0", "--name", "bench",
         "--log-level", "warning", "--device", "cpu"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        first = server.stdout.readline()
        if " at " not in first:
            raise RuntimeError(f"spf serve did not start: {first!r}")
        base_url = first.split(" at ", 1)[1].split()[0]
        times: dict[int, list[float]] = {1: [], arguments.jobs: []}
        outputs: dict[int, dict] = {}

        def run(jobs: int, out: Path, cache: Path) -> float:
            started = time.perf_counter()
            completed = subprocess.run(
                [*spf_command(), "generate", str(project), "--out", str(out),
                 "--backend", "openai:bench", "--option", f"base_url={base_url}",
                 "--option", f"max_tokens={arguments.tokens}", "--jobs", str(jobs),
                 "--no-verify", "--json"],
                capture_output=True, text=True, check=False,
                env=dict(env, SPF_CACHE_DIR=str(cache)))
            if completed.returncode not in (0, 3):
                raise RuntimeError(completed.stderr[-2000:])
            return time.perf_counter() - started

        for repeat in range(arguments.repeat):
            for jobs in (1, arguments.jobs):
                out = work / f"out-{jobs}-{repeat}"
                times[jobs].append(run(jobs, out, work / f"cache-{jobs}-{repeat}"))
                outputs[jobs] = {str(path.relative_to(out)): path.read_bytes()
                                 for path in sorted(out.rglob("*"))
                                 if path.is_file() and ".spf" not in path.parts}
                print(f"  run {repeat + 1}, --jobs {jobs}: {times[jobs][-1]:.2f} s", flush=True)
        # the same run again on its filled cache: no model calls, no example runs
        overhead = run(1, work / "out-cached", work / "cache-1-0")
        print(f"  --jobs 1 on a filled cache (no model calls, no example runs): "
              f"{overhead:.2f} s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    serial, batched = statistics.median(times[1]), statistics.median(times[arguments.jobs])
    return {"units": arguments.units, "tokens": arguments.tokens, "jobs": arguments.jobs,
            "repeat": arguments.repeat, "seconds_jobs_1": [round(t, 3) for t in times[1]],
            f"seconds_jobs_{arguments.jobs}": [round(t, 3) for t in times[arguments.jobs]],
            "median_jobs_1": round(serial, 3),
            f"median_jobs_{arguments.jobs}": round(batched, 3),
            "speedup": round(serial / batched, 2),
            "overhead_seconds": round(overhead, 3),
            "model_speedup": round((serial - overhead) / max(batched - overhead, 1e-9), 2),
            "outputs_identical": outputs[1] == outputs[arguments.jobs]}


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--tokens", type=int, default=32, help="new tokens per completion")
    parser.add_argument("--concurrent", type=int, default=8, help="simultaneous requests")
    parser.add_argument("--repeat", type=int, default=5, help="runs per latency figure")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--generate", action="store_true",
                        help="time spf generate --jobs N against spf serve instead")
    parser.add_argument("--jobs", type=int, default=8, help="--jobs of the batched run")
    parser.add_argument("--units", type=int, default=8, help="functions in the spec")
    arguments = parser.parse_args()
    if arguments.generate:
        figures = generate_benchmark(arguments)
        if arguments.json:
            print(json.dumps(figures, indent=2))
        else:
            print(f"spf generate, {figures['units']} functions, {figures['tokens']} tokens per "
                  f"request: --jobs 1 {figures['median_jobs_1']:.2f} s, --jobs "
                  f"{figures['jobs']} {figures['median_jobs_' + str(figures['jobs'])]:.2f} s "
                  f"(median of {figures['repeat']}): {figures['speedup']:.2f}x; without the "
                  f"{figures['overhead_seconds']:.2f} s the run takes on a filled cache: "
                  f"{figures['model_speedup']:.2f}x; outputs identical: "
                  f"{figures['outputs_identical']}")
        return

    import httpx
    import torch

    from spf.hf_model import GenerationSettings, load_causal_lm
    from spf.serving import create_app, serve_in_thread

    torch.set_num_threads(arguments.threads)
    started = time.perf_counter()
    loaded = load_causal_lm(arguments.model_dir)
    load_seconds = time.perf_counter() - started
    settings = GenerationSettings(max_new_tokens=arguments.tokens)
    prompts = [f"def function_{index}(value):\n    " for index in range(arguments.concurrent)]
    loaded.complete(prompts[0], 1, settings)  # warm up
    in_process = median_seconds(lambda: loaded.complete(prompts[0], 1, settings), arguments.repeat)

    def body(prompt: str) -> dict:
        return {
            "model": "bench",
            "prompt": prompt,
            "max_tokens": arguments.tokens,
            "temperature": 0,
        }

    with (
        serve_in_thread(create_app(loaded, "bench")) as base_url,
        httpx.Client(base_url=base_url, timeout=600) as client,
    ):

        def ask(prompt: str) -> str:
            response = client.post("/completions", json=body(prompt))
            response.raise_for_status()
            return response.json()["choices"][0]["text"]

        ask(prompts[0])
        http = median_seconds(lambda: ask(prompts[0]), arguments.repeat)

        started = time.perf_counter()
        serial_answers = [ask(prompt) for prompt in prompts]
        serial_seconds = time.perf_counter() - started

        answers: dict[int, str] = {}
        barrier = threading.Barrier(len(prompts))

        def worker(index: int) -> None:
            with httpx.Client(base_url=base_url, timeout=600) as own:
                barrier.wait()
                response = own.post("/completions", json=body(prompts[index]))
                answers[index] = response.json()["choices"][0]["text"]

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(prompts))]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        concurrent_seconds = time.perf_counter() - started
    identical = [answers.get(index) for index in range(len(prompts))] == serial_answers

    figures = {
        "model": str(loaded.path),
        "device": loaded.device,
        "dtype": str(loaded.dtype),
        "parameters": sum(parameter.numel() for parameter in loaded.model.parameters()),
        "tokens": arguments.tokens,
        "threads": arguments.threads,
        "load_seconds": round(load_seconds, 3),
        "in_process_seconds": round(in_process, 4),
        "http_seconds": round(http, 4),
        "http_overhead_seconds": round(http - in_process, 4),
        "concurrent_requests": len(prompts),
        "concurrent_seconds": round(concurrent_seconds, 3),
        "serial_seconds": round(serial_seconds, 3),
        "concurrent_answers_identical": identical,
    }
    if arguments.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"model {figures['model']} ({figures['parameters']:,} parameters, {loaded.device}, "
        f"{arguments.threads} thread(s)), {arguments.tokens} new tokens, greedy"
    )
    print(f"  load                      {load_seconds:8.3f} s")
    print(f"  one completion, in process {in_process * 1000:7.1f} ms")
    print(
        f"  one completion, over HTTP  {http * 1000:7.1f} ms (+{(http - in_process) * 1000:.1f} ms)"
    )
    print(
        f"  {len(prompts)} concurrent requests    {concurrent_seconds:8.3f} s "
        f"(serial: {serial_seconds:.3f} s), answers identical: {identical}"
    )


if __name__ == "__main__":
    main()
