"""The generate-and-test loop against a canned backend (a real Backend from a throwaway plugin)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synth_helpers import function_task

from spf.backends import get_backend
from spf.cache import CompletionCache
from spf.loop import (
    CandidateRejected,
    build_prompt,
    check_candidate,
    extract_function,
    implement_function,
)

GOOD = '''def normalize_title(title: str) -> str:
    return " ".join(title.split())
'''
SYNTAX_ERROR = "def normalize_title(title: str) -> str:\n    return (title\n"
SIGNATURE_CHANGED = "def normalize_title(title, extra=1):\n    return title.strip()\n"
FORBIDDEN_IMPORT = ("def normalize_title(title: str) -> str:\n    import os\n"
                    "    return os.sep.join(title.split())\n")
FAILS_EXAMPLE = "def normalize_title(title: str) -> str:\n    return title.strip()\n"
INFINITE_LOOP = "def normalize_title(title: str) -> str:\n    while True:\n        pass\n"
STUB = "def normalize_title(title: str) -> str:\n    raise NotImplementedError\n"


@pytest.fixture
def task():
    return function_task("todo", "normalize_title")


def test_each_bad_candidate_is_rejected_with_its_reason_and_the_good_one_kept(
        canned_backend, task):
    backend = canned_backend([[SYNTAX_ERROR, SIGNATURE_CHANGED, FORBIDDEN_IMPORT, STUB,
                               FAILS_EXAMPLE, GOOD]])
    result = implement_function(task, backend, k=6, cache=False)
    assert result.status == "implemented"
    assert result.attempts == 1 and result.accepted_attempt == 1
    assert result.candidates == 6
    assert result.backend == "canned"
    assert [reason.split(":")[0] for reason in result.rejections] == [
        "syntax error", "signature changed", "forbidden import",
        "stub body (pass, ... or NotImplementedError)", "example 1 failed"]
    assert result.rejections[4] == ("example 1 failed: normalize_title(\"  buy   milk \") "
                                    "returned 'buy   milk', expected 'buy milk'")
    assert result.source.startswith(task.signature + "\n")
    assert result.body == 'return " ".join(title.split())\n'


def test_an_infinite_loop_is_a_timeout_rejection_not_a_hang(canned_backend, task):
    backend = canned_backend([[INFINITE_LOOP]])
    result = implement_function(task, backend, k=1, max_attempts=1, cache=False, timeout=1.5)
    assert result.status == "unimplemented"
    assert result.rejections == ["timed out after 1.5 s on example 1 (an infinite loop?)"]
    assert result.reason.startswith("no candidate passed after 1 attempt(s) and 1 candidate(s)")
    assert result.seconds < 10


def test_a_failed_attempt_is_retried_with_its_error_in_the_prompt(canned_backend, task):
    backend = canned_backend([[FAILS_EXAMPLE], [GOOD]])
    result = implement_function(task, backend, k=1, max_attempts=3, cache=False)
    assert result.status == "implemented"
    assert result.attempts == 2 and result.accepted_attempt == 2
    calls = type(backend).calls
    assert [seed for _, _, seed in calls] == [0, 1]
    first_prompt, second_prompt = calls[0][0], calls[1][0]
    assert "failed" not in first_prompt.text
    assert "# A previous attempt failed with: example 1 failed" in second_prompt.text
    assert "#     return title.strip()" in second_prompt.text


def test_all_attempts_failing_is_reported_honestly(canned_backend, task):
    backend = canned_backend([[FAILS_EXAMPLE, SYNTAX_ERROR]])
    result = implement_function(task, backend, k=2, max_attempts=3, cache=False)
    assert result.status == "unimplemented" and result.source is None
    assert result.attempts == 3
    assert result.candidates == 6
    # The same failing source comes back each attempt: examined, but run only once.
    assert result.rejections.count("duplicate of an earlier candidate") == 2
    assert "last rejection: syntax error" in result.reason


def test_a_completion_body_is_joined_to_the_signature_and_stops_are_applied(task):
    completion = "    words = title.split()\n    return ' '.join(words)\n\ndef other():\n    pass\n"
    source = extract_function(completion, task)
    assert source.startswith(task.signature + "\n")
    assert "def other" not in source
    assert check_candidate(source, task).rstrip().endswith("return ' '.join(words)")


def test_a_chat_reply_is_read_from_its_code_fence_with_imports_moved_inside(
        canned_backend, task):
    reply = ("Sure! Here it is:\n\n```python\nimport re\n\n"
             "def normalize_title(title: str) -> str:\n"
             "    \"\"\"Collapse whitespace.\"\"\"\n"
             "    return re.sub(r\"\\s+\", \" \", title).strip()\n```\nHope it helps.")
    backend = canned_backend([[reply]], chat=True)
    result = implement_function(task, backend, k=1, cache=False)
    assert result.status == "implemented", result.rejections
    assert result.body == 'import re\nreturn re.sub(r"\\s+", " ", title).strip()\n'
    prompt = type(backend).calls[0][0]
    assert prompt.messages[0]["role"] == "system"
    assert "```python\ndef normalize_title(title: str) -> str:" in prompt.messages[1]["content"]


def test_a_module_the_task_allows_may_be_imported():
    task = function_task("todo", "normalize_title")
    with pytest.raises(CandidateRejected, match="forbidden import: os"):
        check_candidate(FORBIDDEN_IMPORT, task)
    task.allowed_imports = ("os",)
    assert "import os" in check_candidate(FORBIDDEN_IMPORT, task)
    with pytest.raises(CandidateRejected, match=r"forbidden call: eval\(\)"):
        check_candidate("def normalize_title(title: str) -> str:\n    return eval(title)\n", task)


def test_the_completion_prompt_ends_with_the_signature_docstring_and_examples(task):
    prompt = build_prompt(task, "completion")
    assert prompt.task is task
    tail = prompt.text[prompt.text.index(task.signature):]
    assert tail == (task.signature + '\n    """Trim the title and collapse inner runs of '
                    'whitespace to one space.\n\n    >>> normalize_title("  buy   milk ")\n'
                    '    "buy milk"\n    >>> normalize_title("x")\n    "x"\n    """\n')
    assert "# ## Function: normalize_title(title: str) -> str" in prompt.text
    assert "\ndef " in prompt.stop


def test_a_second_run_is_answered_by_the_cache_without_calling_the_backend(
        canned_backend, task, tmp_path):
    backend = canned_backend([[FAILS_EXAMPLE, GOOD]])
    cache = CompletionCache(tmp_path / "cache")
    first = implement_function(task, backend, k=2, cache=cache)
    assert len(type(backend).calls) == 1 and first.cache_hits == 0
    type(backend).calls.clear()
    second = implement_function(task, backend, k=2, cache=CompletionCache(tmp_path / "cache"))
    assert type(backend).calls == []
    assert second.cache_hits == 1
    assert (second.status, second.source, second.rejections) == \
        (first.status, first.source, first.rejections)
    # Different options are a different key: the backend is asked again.
    other = canned_backend([[GOOD]], options={"temperature": 0.5})
    implement_function(task, other, k=2, cache=cache)
    assert len(type(other).calls) == 1


def test_the_default_cache_lives_under_spf_cache_dir_and_survives_corruption(
        canned_backend, task, tmp_path, monkeypatch):
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "home-cache"))
    backend = canned_backend([[GOOD]])
    implement_function(task, backend, k=1)
    entries = list((tmp_path / "home-cache" / "completions").rglob("*.json"))
    assert len(entries) == 1
    entry = json.loads(entries[0].read_text())
    assert entry["candidates"] == [GOOD] and entry["backend"] == "canned"
    assert not list((tmp_path / "home-cache").rglob("*.tmp"))
    entries[0].write_text("{half a json")
    type(backend).calls.clear()
    result = implement_function(task, backend, k=1)
    assert result.status == "implemented"
    assert len(type(backend).calls) == 1  # a corrupt entry is a miss, then rewritten
    assert json.loads(entries[0].read_text())["candidates"] == [GOOD]


def test_the_symbolic_backend_through_the_loop_is_deterministic_and_cached(tmp_path):
    task = function_task("textkit", "slugify")
    backend = get_backend("symbolic")
    first = implement_function(task, backend, cache=False)
    second = implement_function(task, backend, cache=False)
    assert first.status == second.status == "implemented"
    assert first.source == second.source
    assert first.backend == "symbolic" and first.attempts == 1 and first.candidates == 1
    cache = CompletionCache(tmp_path)
    implement_function(task, backend, cache=cache)
    cached = implement_function(task, backend, cache=cache)
    assert cached.cache_hits == 1 and cached.source == first.source


def test_the_symbolic_backends_reason_becomes_the_units_reason_without_retries(tmp_path):
    from spf.loop import task_from_function
    from spf.spec import parse_spec

    text = ("# Project: riddles\nRiddles.\n\n## Function: mystery(n: int) -> int\nNobody knows.\n"
            "- mystery(1) == 17\n- mystery(2) == -4\n- mystery(3) == 1000\n")
    task = task_from_function(parse_spec(text, file="riddles.md").functions[0])
    backend = get_backend("symbolic", {"milliseconds": 200})
    result = implement_function(task, backend, cache=CompletionCache(tmp_path))
    assert result.status == "unimplemented"
    assert result.attempts == 1 and result.candidates == 0 and result.rejections == []
    assert result.reason.startswith("no program of size <= ")
    assert "within 200 ms" in result.reason
    again = implement_function(task, backend, cache=CompletionCache(tmp_path))
    assert again.reason == result.reason and again.cache_hits == 1 and again.seconds < 1


@settings(max_examples=200, deadline=None)
@given(st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(["def normalize_title(title: str) -> str:", "    return title",
                              "```python", "```", "import os", "    ", "def", "(", "\t",
                              '    """x"""', "pass", "    pass", "class A:", "#"]),
             max_size=8).map("\n".join)))
def test_any_backend_text_is_accepted_or_rejected_with_a_reason_never_an_exception(text):
    task = function_task("todo", "normalize_title")
    try:
        source = check_candidate(extract_function(text, task), task)
    except CandidateRejected as rejection:
        assert str(rejection)
    else:
        assert source.startswith(task.signature + "\n")
        compile(source, "<candidate>", "exec")
