"""``spf serve MODEL_DIR`` as a user runs it: a real subprocess on a free localhost port."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading

import httpx
from click.testing import CliRunner

from spf.backends import Prompt, get_backend

SPF = [sys.executable, "-c", "from spf.cli import main; main()"]


def first_line(process: subprocess.Popen, timeout: float) -> str:
    """The first stdout line of ``process``, or '' after ``timeout`` seconds."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""


def test_spf_serve_answers_openai_clients_and_stops_on_ctrl_c(tiny_model_dir, tiny_loaded):
    environment = {**os.environ, "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}
    command = [
        *SPF,
        "serve",
        str(tiny_model_dir),
        "--port",
        "0",
        "--name",
        "tiny-code",
        "--device",
        "cpu",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )
    try:
        line = first_line(process, timeout=120)
        match = re.search(
            r"model 'tiny-code' \(cpu, float32\) at (http://127\.0\.0\.1:\d+/v1)", line
        )
        assert match, f"unexpected first line {line!r}; stderr: {process.stderr.read()}"
        base_url = match.group(1)
        models = httpx.get(base_url + "/models", timeout=30).json()
        assert [model["id"] for model in models["data"]] == ["tiny-code"]
        backend = get_backend("openai:tiny-code", {"base_url": base_url, "max_tokens": 8})
        local = get_backend(f"hf:{tiny_model_dir}", {"device": "cpu", "max_new_tokens": 8})
        prompt = Prompt(text="def add(a, b):\n    return")
        assert backend.generate(prompt) == local.generate(prompt)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0


def test_spf_serve_refuses_bad_input_in_one_line(tmp_path):
    from spf.cli import cli

    missing = CliRunner().invoke(cli, ["serve", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "error:" in missing.output and "model folder not found" in missing.output
    assert "Traceback" not in missing.output

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        (tmp_path / "config.json").write_text('{"model_type": "gpt2"}')
        busy = CliRunner().invoke(cli, ["serve", str(tmp_path), "--port", str(port)])
    assert busy.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in busy.output
    assert "--port" in busy.output  # the hint
