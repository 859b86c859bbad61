"""The symbolic backend as a plugin: registration, options, and ``spf synth``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from synth_helpers import REPO

from spf.backends import Prompt, available_backends, get_backend
from spf.cli import cli
from spf.errors import SpfError
from spf.loop import NoCandidates


def test_the_symbolic_backend_is_registered_by_its_plugin_with_structured_prompts():
    backend_class = available_backends()["symbolic"]
    assert backend_class.__module__ == "spf_plugins.symbolic"
    assert backend_class.prompt_style == "structured"
    backend = get_backend("symbolic", {"milliseconds": "1500"})
    assert backend.options.milliseconds == 1500
    assert backend.model_id == "symbolic"


@pytest.mark.parametrize(("options", "message"), [
    ({"milliseconds": "0"}, "option 'milliseconds' of backend 'symbolic' must be at least 1"),
    ({"max_size": "big"}, "option 'max_size' of backend 'symbolic' cannot be 'big'"),
    ({"temperature": 1}, "unknown option 'temperature' for backend 'symbolic'"),
])
def test_bad_options_are_user_errors(options, message):
    with pytest.raises(SpfError, match=message):
        get_backend("symbolic", options)


def test_a_prompt_without_a_task_is_refused_and_an_unsolvable_one_says_why():
    backend = get_backend("symbolic", {"milliseconds": 100})
    with pytest.raises(SpfError, match="needs a structured prompt"):
        backend.generate(Prompt(text="def f(): ..."))
    from spf.loop import task_from_function
    from spf.spec import parse_spec

    text = "# Project: p\nP.\n\n## Function: f(x: int) -> int\nOdd.\n- f(1) == 17\n- f(2) == -4\n"
    task = task_from_function(parse_spec(text, file="p.md").functions[0])
    task.examples.append(task.examples[0].__class__(call="f(3)", expected="1000", raises=None,
                                                    span=task.examples[0].span))
    with pytest.raises(NoCandidates) as raised:
        backend.generate(Prompt(text="", task=task))
    assert raised.value.final
    assert "within 100 ms" in raised.value.reason


def test_spf_synth_prints_each_function_as_json():
    result = CliRunner().invoke(cli, ["synth", str(REPO / "examples" / "textkit"),
                                      "--function", "slugify", "--function", "clamp", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["functions"]
    assert [entry["function"] for entry in report] == ["slugify", "clamp"]
    assert all(entry["status"] == "implemented" for entry in report)
    assert 'return "-".join(' in report[0]["source"]
    assert "raise ValueError(" in report[1]["source"]


def test_spf_synth_exits_3_and_explains_a_function_it_cannot_implement(tmp_path):
    spec = tmp_path / "spec.md"
    spec.write_text("# Project: riddles\nRiddles.\n\n## Function: mystery(n: int) -> int\n"
                    "Nobody knows.\n- mystery(1) == 17\n- mystery(2) == -4\n"
                    "- mystery(3) == 1000\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["synth", str(spec), "--milliseconds", "200", "--json"])
    assert result.exit_code == 3, result.output
    entry = json.loads(result.output)["functions"][0]
    assert entry["status"] == "unimplemented"
    assert "no program of size <=" in entry["reason"]


def test_spf_synth_rejects_an_unknown_function_as_bad_input():
    result = CliRunner().invoke(cli, ["synth", str(REPO / "examples" / "textkit"),
                                      "--function", "nope"])
    assert result.exit_code == 2
    assert "no function named 'nope'" in result.output


def test_spf_cache_info_and_clear_work_on_spf_cache_dir(tmp_path, monkeypatch):
    from synth_helpers import function_task

    from spf.loop import implement_function

    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "cache"))
    implement_function(function_task("todo", "normalize_title"), get_backend("symbolic"))
    runner = CliRunner()
    info = json.loads(runner.invoke(cli, ["cache", "info", "--json"]).output)
    assert info["directory"] == str(tmp_path / "cache")
    assert info["completions"] == 1 and info["verdicts"] == 1
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 2 entries" in cleared.output
    assert json.loads(runner.invoke(cli, ["cache", "info", "--json"]).output)["completions"] == 0
