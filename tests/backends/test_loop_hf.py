"""``--backend hf:DIR`` through the generate-and-test loop, end to end, on tiny models.

A random tiny model cannot write ``slugify``: these tests check that the failure is
reported as it happened (attempts, every candidate and its rejection, the reason, the
backend), never hidden or turned into a stub that looks implemented. And a tiny model
trained for a few seconds to continue the loop's exact prompt with the right body
shows the other side: its candidate is accepted, through the hf backend in process and
through the openai backend and a real server.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spf.backends import get_backend

SPEC = """# Project: slugs
Turn titles into URL slugs.

## Function: slugify(text: str) -> str
Lower-case the text and join its words with single hyphens.
- slugify("Hello World") == "hello-world"
- slugify("spf") == "spf"
"""


def slugify_task():
    from spf.loop import task_from_function
    from spf.spec import parse_spec

    return task_from_function(parse_spec(SPEC, file="spec.md").functions[0])


def test_the_loop_reports_every_candidate_and_rejection(tiny_model_dir, tmp_path):
    from spf.cache import CompletionCache
    from spf.loop import implement_function

    backend = get_backend(
        f"hf:{tiny_model_dir}",
        {"device": "cpu", "temperature": 1.0, "max_new_tokens": 24, "batch_size": 3},
    )
    cache = CompletionCache(tmp_path / "cache")
    result = implement_function(slugify_task(), backend, k=3, max_attempts=2, cache=cache)
    assert result.status == "unimplemented"
    assert result.source is None
    assert result.backend == backend.model_id and result.backend.startswith("hf:")
    assert result.attempts == 2  # it retried after the first attempt failed
    assert result.candidates == 6  # 3 sampled candidates per attempt, all examined
    assert len(result.rejections) == result.candidates
    assert all(isinstance(reason, str) and reason for reason in result.rejections)
    assert result.reason.startswith("no candidate passed after 2 attempt(s) and 6 candidate(s)")
    assert result.cache_hits == 0

    again = implement_function(slugify_task(), backend, k=3, max_attempts=2, cache=cache)
    assert again.cache_hits == 2  # the rerun asked the model nothing
    assert again.rejections == result.rejections and again.reason == result.reason


def test_spf_generate_with_the_hf_backend_reports_unimplemented_units(tiny_model_dir, tmp_path):
    from spf.cli import cli

    project = tmp_path / "slugs"
    project.mkdir()
    (project / "spec.md").write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out"
    arguments = [
        "generate",
        str(project),
        "--out",
        str(out),
        "--backend",
        f"hf:{tiny_model_dir}",
        "--option",
        "device=cpu",
        "--option",
        "max_new_tokens=16",
        "--no-verify",
        "--json",
    ]
    result = CliRunner().invoke(cli, arguments, catch_exceptions=False)
    assert result.exit_code == 3, result.output  # units unimplemented
    report = json.loads(result.stdout)
    [unit] = [unit for unit in report["units"] if unit["id"].endswith("::slugify")]
    assert unit["status"] == "unimplemented"
    assert unit["backend"] == f"hf:{tiny_model_dir.resolve()}"
    assert unit["attempts"] >= 2
    assert unit["reason"].startswith("no candidate passed after")
    assert report["unimplemented"] == [unit["id"]]
    # the generated module says so too: no body pretends to work
    functions = (out / "slugs" / "functions.py").read_text(encoding="utf-8")
    assert "NotImplementedError" in functions


ANSWER = '    return "-".join(text.lower().split())\n\n\ndef main():\n'


@pytest.fixture(scope="module")
def memorized_model_dir(tmp_path_factory, build_tiny_model):
    """A tiny GPT-2 trained (about 60 Adam steps, seconds) to continue the loop's first
    prompt for ``slugify`` with a correct body followed by the next definition."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from spf.loop import build_prompt

    folder = build_tiny_model(tmp_path_factory.mktemp("memorized"), seed=1)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True)
    prompt = build_prompt(slugify_task(), "completion", None).text
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(ANSWER, add_special_tokens=False)["input_ids"]
    inputs = torch.tensor([prompt_ids + answer_ids])
    labels = inputs.clone()
    labels[0, : len(prompt_ids)] = -100  # learn the answer only
    torch.manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(300):
        loss = model(input_ids=inputs, labels=labels).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if loss.item() < 0.01:
            break
    assert loss.item() < 0.05, "the tiny model did not memorize the answer"
    model.eval()
    model.save_pretrained(folder)
    return folder


def test_a_candidate_that_passes_is_accepted_on_the_first_attempt(memorized_model_dir):
    from spf.loop import implement_function

    backend = get_backend(f"hf:{memorized_model_dir}", {"device": "cpu", "max_new_tokens": 32})
    result = implement_function(slugify_task(), backend, k=4, max_attempts=3, cache=False)
    assert result.status == "implemented", result.rejections
    assert result.attempts == 1 and result.accepted_attempt == 1
    assert result.candidates == 1 and result.rejections == []  # greedy: one candidate
    assert result.source.startswith("def slugify(text: str) -> str:")
    assert 'return "-".join(text.lower().split())' in result.source
    assert "def main" not in result.source  # cut at the loop's stop sequence


def test_the_same_model_behind_spf_serve_through_the_openai_backend(memorized_model_dir):
    from spf.hf_model import load_causal_lm
    from spf.loop import implement_function
    from spf.serving import create_app, serve_in_thread

    loaded = load_causal_lm(memorized_model_dir, device="cpu")
    with serve_in_thread(create_app(loaded, "memorized")) as base_url:
        backend = get_backend("openai:memorized", {"base_url": base_url, "max_tokens": 32})
        result = implement_function(slugify_task(), backend, k=2, max_attempts=1, cache=False)
    assert result.status == "implemented", result.rejections
    assert result.backend == f"openai:memorized@{base_url}/completions"
    assert 'return "-".join(text.lower().split())' in result.source
