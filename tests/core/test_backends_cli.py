"""`spf backends` lists every registered backend with its documented options."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from spf.cli import cli


def test_backends_json_lists_the_builtin_backends_with_their_options():
    result = CliRunner().invoke(cli, ["backends", "--json"])
    assert result.exit_code == 0, result.output
    backends = {backend["name"]: backend for backend in json.loads(result.output)}
    assert {"symbolic", "hf", "openai"} <= set(backends)
    assert backends["hf"]["needs_argument"] is True
    assert backends["symbolic"]["needs_argument"] is False
    hf_options = {option["name"]: option for option in backends["hf"]["options"]}
    assert hf_options["dtype"]["type"] == "auto|float32|bfloat16|float16"
    assert hf_options["temperature"]["default"] == 0.0
    assert all(option["help"] for option in backends["hf"]["options"])


def test_backends_text_names_each_backend_and_does_not_import_torch():
    code = ("import sys\nfrom spf.cli import main\nsys.argv = ['spf', 'backends']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               timeout=120, check=False)
    assert "--backend symbolic" in completed.stdout
    assert "--backend hf:ARG" in completed.stdout
    assert completed.stdout.strip().endswith("NO-TORCH")
