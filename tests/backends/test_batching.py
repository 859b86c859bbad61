"""Batched backends: `spf serve` batches concurrent greedy requests, each answered exactly as if
it had been alone, and `spf generate --jobs N` sends independent units at once without
changing a byte of the output."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from spf.hf_model import DynamicBatcher, GenerationSettings
from spf.serving import create_app, serve_in_thread

PROMPTS = ["def add(a, b):\n    return", "import os\n", "class Stack:\n    def push(self, item):",
           "x", "for line in lines:\n    if not line.strip():\n        continue\n    ",
           "# sort the names\nnames = sorted(", "while True:", "def slugify(text: str) -> str:"]


@pytest.mark.parametrize("stop", [[], ["\n"]])
def test_a_padded_batch_continues_each_prompt_as_alone(tiny_loaded, stop):
    settings = GenerationSettings(max_new_tokens=12, stop=stop)
    batched = tiny_loaded.complete_greedy_batch(PROMPTS, settings)
    alone = [tiny_loaded.complete(prompt, 1, settings)[0] for prompt in PROMPTS]
    assert batched == alone
    assert len({completion.prompt_tokens for completion in alone}) > 3  # really padded


def test_sampling_is_not_batched(tiny_loaded):
    with pytest.raises(Exception, match="greedy only"):
        tiny_loaded.complete_greedy_batch(PROMPTS, GenerationSettings(temperature=0.7))


def test_concurrent_requests_share_batches_and_get_their_own_answers(tiny_loaded):
    app = create_app(tiny_loaded, "tiny", batch_window=0.2)
    settings = GenerationSettings(max_new_tokens=8)
    expected = [tiny_loaded.complete(prompt, 1, settings)[0].text for prompt in PROMPTS]
    answers: dict[int, str] = {}
    with serve_in_thread(app) as base_url:

        def ask(index: int) -> None:
            response = httpx.post(f"{base_url}/completions", timeout=60, json={
                "model": "tiny", "prompt": PROMPTS[index], "max_tokens": 8, "temperature": 0})
            answers[index] = response.json()["choices"][0]["text"]

        threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(PROMPTS))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [answers[i] for i in range(len(PROMPTS))] == expected
    batches = app.state.batcher.batches
    assert sum(batches) == len(PROMPTS) and max(batches) > 1, batches


def test_a_failing_batch_fails_every_caller_and_the_batcher_keeps_going(tiny_loaded):
    batcher = DynamicBatcher(tiny_loaded, window=0.0)
    with pytest.raises(Exception, match="greedy only"):
        batcher.complete(["x"], GenerationSettings(temperature=0.5))
    [completion] = batcher.complete(["x"], GenerationSettings(max_new_tokens=3))
    assert completion.completion_tokens <= 3


def test_a_batch_waits_for_the_callers_of_the_last_one(tiny_loaded):
    """Callers that come back a little apart (checking their answers) share one batch,
    instead of the first running alone while the others queue behind it."""
    import time

    batcher = DynamicBatcher(tiny_loaded, window=0.01, max_wait=60.0)
    settings = GenerationSettings(max_new_tokens=16)
    batcher.complete(PROMPTS[:4], settings)  # one round of four
    assert batcher.batches == [4]
    (_, seconds, _), = batcher._last.values()
    gap = seconds / 40  # the last of the four comes back 3/40 of a batch late, well under its half (a margin for a
    # busy machine: another test process on the next core slows a batch by more than the gap)
    answers: dict[int, str] = {}

    def come_back(index: int) -> None:
        time.sleep(index * gap)
        answers[index] = batcher.complete([PROMPTS[index]], settings)[0].text

    threads = [threading.Thread(target=come_back, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert batcher.batches == [4, 4]
    expected = [tiny_loaded.complete(prompt, 1, settings)[0].text for prompt in PROMPTS[:4]]
    assert [answers[i] for i in range(4)] == expected


def test_a_lone_caller_does_not_wait_for_others(tiny_loaded):
    import time

    batcher = DynamicBatcher(tiny_loaded, window=0.01, max_wait=60.0)
    settings = GenerationSettings(max_new_tokens=4)
    started = time.monotonic()
    for prompt in PROMPTS[:3]:  # one after the other, as --jobs 1 sends them
        batcher.complete([prompt], settings)
    assert batcher.batches == [1, 1, 1]
    assert time.monotonic() - started < 30  # far under max_wait: nobody waited for it


SPEC = """# Project: words
Small text helpers.

## Function: shout(text: str) -> str
Upper-case the text and add an exclamation mark.
- shout("hi") == "HI!"

## Function: initials(name: str) -> str
The first letter of every word, upper-cased.
- initials("ada lovelace") == "AL"

## Function: count_vowels(text: str) -> int
How many of the letters a, e, i, o, u the text holds.
- count_vowels("banana") == 3

## Function: reverse_words(text: str) -> str
The words of the text in reverse order, joined by single spaces.
- reverse_words("a b c") == "c b a"
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".spf" not in path.parts}


@pytest.mark.slow  # two full `spf generate` runs: ~1 minute on a busy 2-core machine
def test_jobs_send_units_at_once_and_do_not_change_the_output(tmp_path, tiny_loaded,
                                                              monkeypatch):
    from spf.pipeline import generate

    project = tmp_path / "words"
    project.mkdir()
    (project / "spec.md").write_text(SPEC, encoding="utf-8")
    outputs = {}
    app = create_app(tiny_loaded, "tiny", batch_window=0.2)
    batches = app.state.batcher.batches
    with serve_in_thread(app) as base_url:  # one server: the backend id names its URL
        for jobs in (1, 4):
            monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / f"cache-{jobs}"))  # no sharing
            seen = len(batches)
            report = generate(project, out=tmp_path / f"out-{jobs}", backend="openai:tiny",
                              backend_options={"base_url": base_url, "max_tokens": 24,
                                               "retries": 0},
                              verify=False, jobs=jobs)
            units = [(u["id"], u["status"], u["backend"]) for u in report.to_dict()["units"]]
            outputs[jobs] = (_files(tmp_path / f"out-{jobs}"), units)
            if jobs == 1:
                assert max(batches[seen:]) == 1  # one request at a time
            else:
                assert max(batches[seen:]) > 1, batches[seen:]
    assert outputs[1] == outputs[4]
    assert len(outputs[1][0]) > 3


def test_jobs_must_be_positive(tmp_path):
    from spf.errors import SpfError
    from spf.pipeline import generate

    project = tmp_path / "words"
    project.mkdir()
    (project / "spec.md").write_text(SPEC, encoding="utf-8")
    with pytest.raises(SpfError, match="--jobs"):
        generate(project, out=tmp_path / "out", jobs=0)
    assert not (tmp_path / "out").exists()
