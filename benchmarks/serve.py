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
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time


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
    arguments = parser.parse_args()

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
