"""Backends implement commands too: a command no interpretation fits goes through the
generate-and-test loop, its candidates checked by the spec's own command-line cases.

A real OpenAI-compatible server on localhost returns scripted chat completions: a hostile
candidate (refused before it runs), a wrong one (fails the spec's example in the
sandbox) and a right one (kept).
"""

from __future__ import annotations

import pytest

import spf

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

SPEC = """# Project: echoer
Repeats what you say.

## Command: shout(text: str)
Say the text back loudly: upper case, then an exclamation mark.
- `shout hello` prints "HELLO!"
- `shout "good night"` prints "GOOD NIGHT!"
"""

HOSTILE = '```python\ndef shout_command(text: str) -> None:\n    __import__("os").system("touch /tmp/spf-pwned")\n```'
WRONG = "```python\ndef shout_command(text: str) -> None:\n    click.echo(text)\n```"
RIGHT = '```python\ndef shout_command(text: str) -> None:\n    click.echo(text.upper() + "!")\n```'


class ScriptedChat:
    """Answers every chat request with the same scripted choices, in order."""

    def __init__(self, answers: list[str]):
        self.answers = answers
        self.requests: list[dict] = []

    def app(self):
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        async def chat(request):
            self.requests.append(await request.json())
            return JSONResponse({"choices": [
                {"index": index, "message": {"role": "assistant", "content": text}}
                for index, text in enumerate(self.answers)]})

        return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])


def _generate(tmp_path, answers):
    from spf.serving import serve_in_thread

    project = tmp_path / "echoer"
    project.mkdir()
    (project / "spec.md").write_text(SPEC, encoding="utf-8")
    server = ScriptedChat(answers)
    with serve_in_thread(server.app()) as base_url:
        report = spf.generate(project, out=tmp_path / "out", backend="openai:m",
                              backend_options={"base_url": base_url, "endpoint": "chat",
                                               "retries": 0})
    return report, server


def test_a_command_is_written_by_the_backend_and_checked_by_the_spec(tmp_path, monkeypatch):
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "cache"))
    report, server = _generate(tmp_path, [HOSTILE, WRONG, RIGHT])
    unit = next(u for u in report.to_dict()["units"] if u["id"] == "echoer/cli.py::shout_command")
    # written by the model, and its spec examples pass: verified, not merely implemented
    assert unit["status"] == "verified" and unit["backend"].startswith("openai:m@")
    source = (tmp_path / "out" / "echoer" / "cli.py").read_text()
    assert 'click.echo(text.upper() + "!")' in source and "system" not in source
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "$ echoer shout hello" in prompt and "HELLO!" in prompt  # the cases travel with it
    assert report.exit_code == 0


def test_no_candidate_that_passes_leaves_an_honest_stub(tmp_path, monkeypatch):
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "cache"))
    report, _ = _generate(tmp_path, [HOSTILE, WRONG])
    unit = next(u for u in report.to_dict()["units"] if u["id"] == "echoer/cli.py::shout_command")
    assert unit["status"] == "unimplemented"
    assert "no candidate passed after 3 attempt(s)" in unit["reason"]
    assert "raise NotImplementedError" in (tmp_path / "out" / "echoer" / "cli.py").read_text()
    assert report.exit_code == 3
