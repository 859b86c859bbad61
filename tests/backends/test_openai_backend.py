"""The ``openai`` backend against real localhost servers: ``spf serve``'s app and small
starlette apps that fail on purpose (5xx, 429, slow, not JSON). Nothing leaves localhost."""

from __future__ import annotations

import socket
import time

import pytest

from spf.backends import Prompt, get_backend
from spf.errors import EXIT_BAD_INPUT, EXIT_FAILURE, SpfError
from spf.serving import serve_in_thread

PROMPT = "def add(a, b):\n    return"
FAST_RETRIES = {"retries": 2, "backoff": 0.01}


def openai_backend(base_url: str, model: str = "tiny", **options):
    return get_backend(f"openai:{model}", {"base_url": base_url, **options})


def hf_backend(model_dir, **options):
    return get_backend(f"hf:{model_dir}", {"device": "cpu", **options})


def test_completions_through_the_server_equal_the_hf_backend(served_model, tiny_model_dir):
    base_url, name = served_model
    remote = openai_backend(base_url, name, max_tokens=12)
    assert remote.prompt_style == "completion"
    local = hf_backend(tiny_model_dir, max_new_tokens=12)
    assert remote.generate(Prompt(text=PROMPT), n=1) == local.generate(Prompt(text=PROMPT))
    # sampling with the same seed gives the same candidates in process and over HTTP
    remote_sampled = openai_backend(base_url, name, max_tokens=6, temperature=1.0)
    local_sampled = hf_backend(tiny_model_dir, max_new_tokens=6, temperature=1.0)
    candidates = remote_sampled.generate(Prompt(text=PROMPT), n=3, seed=2)
    assert len(candidates) == 3
    assert candidates == local_sampled.generate(Prompt(text=PROMPT), n=3, seed=2)
    # stop sequences from the prompt and from the options both reach the server
    full = local.generate(Prompt(text=PROMPT))[0]
    stop = full[2:5]
    assert remote.generate(Prompt(text=PROMPT, stop=[stop])) == [full[: full.index(stop)]]
    with_option = openai_backend(base_url, name, max_tokens=12, stop=[stop])
    assert with_option.generate(Prompt(text=PROMPT)) == [full[: full.index(stop)]]


def test_chat_endpoint(served_model, tiny_loaded):
    from spf.hf_model import GenerationSettings

    base_url, name = served_model
    backend = openai_backend(base_url, name, endpoint="chat", max_tokens=8)
    assert backend.prompt_style == "chat"
    messages = [{"role": "system", "content": "Write Python."}, {"role": "user", "content": "add"}]
    [reply] = backend.generate(Prompt(text="ignored", messages=messages))
    text, stops = tiny_loaded.chat_prompt(messages)
    expected = tiny_loaded.complete(text, 1, GenerationSettings(max_new_tokens=8, stop=stops))
    assert reply == expected[0].text
    # without messages: the system text and the prompt text become the conversation
    [same] = backend.generate(Prompt(text="add", system="Write Python."))
    assert same == reply


def test_base_url_and_key_come_from_the_environment(served_model, monkeypatch, tiny_loaded):
    from spf.serving import create_app

    base_url, name = served_model
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", base_url + "/")
    backend = get_backend(f"openai:{name}", {"max_tokens": 3})
    assert backend.base_url == base_url
    assert len(backend.generate(Prompt(text=PROMPT))) == 1
    monkeypatch.delenv("OPENAI_BASE_URL")
    assert get_backend("openai:x").base_url == "http://127.0.0.1:8000/v1"

    with serve_in_thread(create_app(tiny_loaded, "tiny", api_key="k3y")) as keyed_url:
        with pytest.raises(SpfError, match="answered 401") as refused:
            openai_backend(keyed_url, max_tokens=2).generate(Prompt(text="x"))
        assert "OPENAI_API_KEY" in refused.value.one_line()
        monkeypatch.setenv("OPENAI_API_KEY", "k3y")
        assert len(openai_backend(keyed_url, max_tokens=2).generate(Prompt(text="x"))) == 1


def test_bad_options_are_refused():
    for bad in (
        {"endpoint": "embeddings"},
        {"temperature": 3},
        {"timeout": 0},
        {"retries": -1},
        {"max_tokens": 0},
        {"base_url": "localhost:8000"},
    ):
        with pytest.raises(SpfError):
            get_backend("openai:tiny", bad)
    with pytest.raises(SpfError, match="needs an argument"):
        get_backend("openai")


def test_a_4xx_is_reported_with_the_server_message_and_not_retried(served_model):
    base_url, _ = served_model
    backend = openai_backend(base_url, "no-such-model", **FAST_RETRIES)
    with pytest.raises(SpfError) as error:
        backend.generate(Prompt(text=PROMPT))
    line = error.value.one_line()
    assert "answered 404:" in line and "after" not in line  # one try only
    assert "The model 'no-such-model' does not exist" in line
    assert "model name" in line  # the hint
    assert error.value.exit_code == EXIT_BAD_INPUT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_names_the_url_and_how_to_start_a_server():
    url = f"http://127.0.0.1:{free_port()}/v1"
    backend = openai_backend(url, **FAST_RETRIES)
    started = time.monotonic()
    with pytest.raises(SpfError) as error:
        backend.generate(Prompt(text=PROMPT))
    line = error.value.one_line()
    assert line.startswith(f"cannot connect to {url}: connection refused")
    assert "spf serve MODEL_DIR" in line and "\n" not in line
    assert error.value.exit_code == EXIT_FAILURE
    assert time.monotonic() - started >= 0.01 + 0.02  # it backed off before each retry


class FlakyServer:
    """A tiny starlette app that fails ``failures`` times with ``status``, then answers."""

    def __init__(self, status: int, failures: int, headers: dict | None = None):
        self.status = status
        self.failures = failures
        self.headers = headers or {}
        self.requests: list[dict] = []

    def app(self):
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        async def completions(request: Request):
            self.requests.append(await request.json())
            if len(self.requests) <= self.failures:
                return JSONResponse(
                    {"error": {"message": f"overloaded ({self.status})"}},
                    status_code=self.status,
                    headers=self.headers,
                )
            return JSONResponse(
                {"choices": [{"index": 1, "text": " b"}, {"index": 0, "text": " a"}]}
            )

        return Starlette(routes=[Route("/v1/completions", completions, methods=["POST"])])


@pytest.mark.parametrize("status", [500, 503, 429])
def test_5xx_and_429_are_retried_with_backoff(status):
    server = FlakyServer(status, failures=2, headers={"Retry-After": "0"} if status == 429 else {})
    with serve_in_thread(server.app()) as base_url:
        backend = openai_backend(base_url, "m", **FAST_RETRIES)
        assert backend.generate(Prompt(text="x"), n=2, seed=4) == [" a", " b"]  # by index
    assert len(server.requests) == 3
    assert server.requests[0] == {
        "model": "m",
        "n": 2,
        "max_tokens": 256,
        "temperature": 0.0,
        "seed": 4,
        "prompt": "x",
    }


def test_a_5xx_after_every_retry_is_a_clear_error():
    server = FlakyServer(503, failures=100)
    with serve_in_thread(server.app()) as base_url:
        backend = openai_backend(base_url, "m", **FAST_RETRIES)
        with pytest.raises(SpfError) as error:
            backend.generate(Prompt(text="x"))
    assert len(server.requests) == 3  # 1 try + 2 retries
    line = error.value.one_line()
    assert f"{base_url}/completions answered 503 after 3 tries: overloaded (503)" in line
    assert error.value.exit_code == EXIT_FAILURE


def test_timeouts_and_answers_that_are_not_openai():
    import asyncio

    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    calls = []

    async def slow(request):
        calls.append(1)
        await asyncio.sleep(2)
        return JSONResponse({"choices": [{"text": "late"}]})

    async def html(request):
        return PlainTextResponse("<html>hello</html>")

    async def wrong_json(request):
        return JSONResponse({"result": "something else"})

    app = Starlette(
        routes=[
            Route("/slow/v1/completions", slow, methods=["POST"]),
            Route("/html/v1/completions", html, methods=["POST"]),
            Route("/json/v1/completions", wrong_json, methods=["POST"]),
        ]
    )
    with serve_in_thread(app) as base_url:
        root = base_url[: -len("/v1")]
        slow_backend = openai_backend(f"{root}/slow/v1", "m", timeout=0.3, retries=1, backoff=0.01)
        with pytest.raises(SpfError, match=r"did not answer within 0.3 s \(2 tries\)"):
            slow_backend.generate(Prompt(text="x"))
        assert len(calls) == 2
        with pytest.raises(SpfError, match="not JSON"):
            openai_backend(f"{root}/html/v1", "m").generate(Prompt(text="x"))
        with pytest.raises(SpfError, match="not an OpenAI completions response"):
            openai_backend(f"{root}/json/v1", "m").generate(Prompt(text="x"))


def test_at_most_four_stops_are_sent_and_all_are_applied():
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    received = []

    async def completions(request):
        received.append(await request.json())
        return JSONResponse({"choices": [{"index": 0, "text": " x = 1\nEND6 more"}]})

    app = Starlette(routes=[Route("/v1/completions", completions, methods=["POST"])])
    stops = [f"END{number}" for number in range(1, 6)]
    with serve_in_thread(app) as base_url:
        backend = openai_backend(base_url, "m", stop=["END6"])
        assert backend.generate(Prompt(text="x", stop=stops)) == [" x = 1\n"]
    assert received[0]["stop"] == ["END1", "END2", "END3", "END4"]


def test_spf_generate_stops_with_one_line_when_the_server_is_down(tmp_path):
    from click.testing import CliRunner

    from spf.cli import cli

    project = tmp_path / "slugs"
    project.mkdir()
    (project / "spec.md").write_text(
        "# Project: slugs\nSlugs.\n\n## Function: slugify(text: str) -> str\n"
        "Lower-case the text and join its words with single hyphens.\n"
        '- slugify("Hello World") == "hello-world"\n',
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{free_port()}/v1"
    arguments = [
        "generate",
        str(project),
        "--out",
        str(tmp_path / "out"),
        "--backend",
        "openai:tiny",
        "--option",
        f"base_url={url}",
        "--option",
        "retries=0",
        "--no-verify",
        "-q",
    ]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == EXIT_FAILURE
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        (
            f"error: cannot connect to {url}: connection refused (hint: start a server with "
            "`spf serve MODEL_DIR`, or set the backend option base_url (or OPENAI_BASE_URL))"
        )
    ]


def test_one_client_and_connection_serve_every_request():
    """The backend keeps one HTTP client: requests reuse a kept-alive connection (a new
    client per request paid ~0.15 s of CPU for its set-up, under the GIL of every thread)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    peers: list[tuple] = []

    async def completions(request: Request):
        peers.append(tuple(request.client))
        return JSONResponse({"choices": [{"index": 0, "text": " a"}]})

    app = Starlette(routes=[Route("/v1/completions", completions, methods=["POST"])])
    with serve_in_thread(app) as base_url:
        backend = openai_backend(base_url, "m")
        for seed in range(3):
            assert backend.generate(Prompt(text="x"), n=1, seed=seed) == [" a"]
        backend.close()
        assert backend.generate(Prompt(text="x"), n=1, seed=3) == [" a"]  # reopens
        backend.close()
    assert len(peers) == 4
    assert len(set(peers[:3])) == 1, peers  # one connection for the first three
    assert peers[3] != peers[0]  # close() closed it
