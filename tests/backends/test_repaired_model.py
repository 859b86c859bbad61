"""A model repaired by ``spf repair`` is used through its patch: by the hf backend in process
and by any OpenAI client through ``spf serve``'s app (the reason ``spf serve`` exists)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from spf.backends import Prompt, get_backend

PROMPT = "def add(a, b):\n    return"


def test_a_repair_patch_changes_what_the_backends_and_the_server_answer(
    tiny_model_dir, tiny_loaded, tmp_path
):
    from spf.cli import cli
    from spf.hf_model import load_causal_lm
    from spf.serving import create_app, serve_in_thread

    plain = get_backend(f"hf:{tiny_model_dir}", {"device": "cpu", "max_new_tokens": 1})
    [before] = plain.generate(Prompt(text=PROMPT))
    target = " a" if before != " a" else " b"
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "add", "prompt": PROMPT, "target": target}) + "\n")
    out = tmp_path / "repaired"
    repair = CliRunner().invoke(
        cli,
        [
            "repair",
            str(tiny_model_dir),
            "--cases",
            str(cases),
            "--out",
            str(out),
            "--quiet",
            "--json",
            "--threads",
            "1",
        ],
    )
    assert repair.exit_code == 0, repair.output
    assert json.loads(repair.stdout[repair.stdout.index("{") :])["fixed"] == 1
    patch = out / "patch.safetensors"

    width = len(tiny_loaded.tokenizer(target, add_special_tokens=False)["input_ids"])
    patched = get_backend(
        f"hf:{tiny_model_dir}",
        {"device": "cpu", "max_new_tokens": width, "patches": [str(patch)]},
    )
    assert patched.generate(Prompt(text=PROMPT)) == [target]
    assert plain.generate(Prompt(text=PROMPT)) == [before]  # the base model is untouched

    served = load_causal_lm(tiny_model_dir, device="cpu", patches=[str(patch)])
    with serve_in_thread(create_app(served, "repaired")) as base_url:
        remote = get_backend("openai:repaired", {"base_url": base_url, "max_tokens": width})
        assert remote.generate(Prompt(text=PROMPT)) == [target]
