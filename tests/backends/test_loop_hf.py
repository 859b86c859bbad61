"""``--backend hf:DIR`` through the generate-and-test loop, end to end, on a tiny model.

A random tiny model cannot write ``slugify``: these tests check that the failure is
reported as it happened (attempts, every candidate and its rejection, the reason, the
backend), never hidden or turned into a stub that looks implemented.
"""

from __future__ import annotations

import json

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
