"""An OpenAI-compatible HTTP server over a local causal LM: the app behind ``spf serve``.

Endpoints (the subset of the OpenAI API that code clients and editors use):

- ``GET  /v1/models``            the one served model
- ``POST /v1/completions``       text completion (``prompt`` a string or a list of strings)
- ``POST /v1/chat/completions``  chat (the tokenizer's chat template, or a plain transcript)

Both POST endpoints accept ``stream: true`` (server-sent events, ``data: [DONE]`` at the
end, ``n`` must then be 1). Errors are OpenAI-style JSON, ``{"error": {"message", "type",
"param", "code"}}``: 400 for malformed JSON and bad parameters, 401 for a wrong API key
(when the server has one), 404 for an unknown model or route, 405 for a wrong method,
500 for a failure inside the model.

Generation runs in worker threads (``anyio.to_thread``), never on the event loop: the
server keeps answering ``/v1/models`` while a long completion runs. Concurrent greedy
requests (``temperature: 0``, what spf's backends send) are batched dynamically
(:class:`spf.hf_model.DynamicBatcher`): a request waits ``batch_window`` seconds
(10 ms) for others with the same settings, longer (up to ``batch_wait``, 0.5 s) while the
callers of the last batch are still coming back; then they run as one padded ``generate``
call, and requests arriving meanwhile form the next batch. Sampled requests run one at a time
behind the model's lock, each seeded as if alone.

Built on starlette and uvicorn; torch and transformers are only imported by the model.
"""

from __future__ import annotations

import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from spf.errors import SpfError
from spf.hf_model import Completion, GenerationSettings, LoadedModel

MAX_N = 64  # candidates per request, to keep one request from hogging the model
MAX_STOPS = 16
MAX_PROMPTS = 64
DEFAULT_MAX_TOKENS = {"completions": 16, "chat": 256}  # OpenAI's default for completions
UNSUPPORTED = {  # parameters that would change the answer's meaning: refused, not ignored
    "logprobs": "log probabilities are not supported by spf serve",
    "top_logprobs": "log probabilities are not supported by spf serve",
    "suffix": "'suffix' (fill-in-the-middle) is not supported by spf serve",
    "tools": "tool calls are not supported by spf serve",
    "functions": "function calls are not supported by spf serve",
    "response_format": "'response_format' is not supported by spf serve",
}


class RequestError(Exception):
    """A client mistake, answered with an OpenAI-style JSON error."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        param: str | None = None,
        code: str | None = None,
        error_type: str = "invalid_request_error",
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.param = param
        self.code = code
        self.error_type = error_type

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.error_type,
                "param": self.param,
                "code": self.code,
            }
        }


@dataclass
class ParsedRequest:
    """A validated completion or chat request."""

    prompts: list[str]
    n: int
    settings: GenerationSettings
    stream: bool
    echo: bool = False
    special_tokens: bool = True  # False for text rendered by a chat template


def create_app(loaded: LoadedModel, model_name: str, *, api_key: str | None = None,
               batch_window: float = 0.01, max_batch: int = 16, batch_wait: float = 0.5):
    """The starlette application serving ``loaded`` under the name ``model_name``.

    ``batch_window`` / ``max_batch`` / ``batch_wait``: the dynamic batching of greedy
    requests (``max_batch=1`` turns it off: requests then run one at a time; ``batch_wait``
    is how long a batch may wait on for the callers of the last one, see
    :class:`spf.hf_model.DynamicBatcher`).
    """
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import JSONResponse, StreamingResponse
    from starlette.routing import Route

    from spf.hf_model import DynamicBatcher

    created = int(time.time())
    batcher = DynamicBatcher(
        loaded, window=batch_window, max_batch=max_batch, max_wait=batch_wait
    )

    def error_response(error: RequestError) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status)

    def check_key(request: Request) -> None:
        if api_key is None:
            return
        header = request.headers.get("authorization", "")
        if header != f"Bearer {api_key}":
            raise RequestError("Incorrect API key provided.", status=401, code="invalid_api_key")

    async def read_body(request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise RequestError(
                f"We could not parse the JSON body of your request: {error}. "
                "(The body must be a JSON object.)"
            ) from None
        if not isinstance(body, dict):
            raise RequestError("The request body must be a JSON object.")
        model = body.get("model")
        if model is None:
            raise RequestError("You must provide a model parameter.", param="model")
        if model != model_name:
            raise RequestError(
                f"The model '{model}' does not exist. This server serves '{model_name}'.",
                status=404,
                param="model",
                code="model_not_found",
            )
        for key, message in UNSUPPORTED.items():
            if body.get(key) not in (None, False, 0, [], {}):
                raise RequestError(message, param=key, code="unsupported_parameter")
        return body

    async def models(request: Request) -> JSONResponse:
        try:
            check_key(request)
        except RequestError as error:
            return error_response(error)
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"id": model_name, "object": "model", "created": created, "owned_by": "spf"}
                ],
            }
        )

    async def completions(request: Request):
        return await answer(request, "completions")

    async def chat_completions(request: Request):
        return await answer(request, "chat")

    async def answer(request: Request, kind: str):
        try:
            check_key(request)
            body = await read_body(request)
            parsed = parse_request(body, kind, loaded)
        except RequestError as error:
            return error_response(error)
        except SpfError as error:  # a setting the model refuses
            return error_response(RequestError(error.message))
        identifier = ("chatcmpl-" if kind == "chat" else "cmpl-") + secrets.token_hex(12)
        if parsed.stream:
            return StreamingResponse(
                stream_events(loaded, parsed, kind, identifier, model_name),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache"},
            )
        import anyio

        try:
            results = []
            if parsed.settings.greedy and max_batch > 1:  # one candidate per prompt
                completions = await anyio.to_thread.run_sync(
                    lambda: batcher.complete(
                        parsed.prompts, parsed.settings, special_tokens=parsed.special_tokens
                    )
                )
                results = [(p, [c]) for p, c in zip(parsed.prompts, completions)]
            for prompt in parsed.prompts if not results else []:
                completions = await anyio.to_thread.run_sync(
                    lambda prompt=prompt: loaded.complete(
                        prompt, parsed.n, parsed.settings, special_tokens=parsed.special_tokens
                    )
                )
                results.append((prompt, completions))
        except SpfError as error:
            return error_response(RequestError(error.message))
        except Exception as error:  # noqa: BLE001 - a model failure: answer 500, keep serving
            return error_response(
                RequestError(
                    f"The model failed: {type(error).__name__}: {error}",
                    status=500,
                    error_type="server_error",
                )
            )
        return JSONResponse(response_body(results, parsed, kind, identifier, model_name))

    async def not_found(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 405:
            error = RequestError(
                f"Method {request.method} is not allowed for {request.url.path}.", status=405
            )
        elif exc.status_code == 404:
            error = RequestError(
                f"Unknown endpoint {request.url.path}. Endpoints: "
                "/v1/models, /v1/completions, /v1/chat/completions.",
                status=404,
                code="unknown_url",
            )
        else:
            error = RequestError(str(exc.detail), status=exc.status_code)
        return error_response(error)

    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        return error_response(
            RequestError(
                f"Internal error: {type(exc).__name__}", status=500, error_type="server_error"
            )
        )

    routes = [
        Route("/v1/models", models, methods=["GET"]),
        Route("/v1/completions", completions, methods=["POST"]),
        Route("/v1/chat/completions", chat_completions, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes, exception_handlers={HTTPException: not_found, Exception: server_error}
    )
    app.state.batcher = batcher
    return app


# ---------------------------------------------------------------- request parsing


def parse_request(body: dict[str, Any], kind: str, loaded: LoadedModel) -> ParsedRequest:
    """Validate an OpenAI request body into prompts and generation settings."""
    extra_stops: list[str] = []
    if kind == "chat":
        text, extra_stops = loaded.chat_prompt(_messages(body.get("messages")))
        prompts = [text]
        max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
        echo = False
    else:
        prompts = _prompts(body.get("prompt"))
        max_tokens = body.get("max_tokens")
        echo = _boolean(body, "echo", False)
    if max_tokens is None:
        max_tokens = DEFAULT_MAX_TOKENS[kind]
    max_tokens = _integer(max_tokens, "max_tokens", minimum=1)
    n = _integer(body.get("n", 1), "n", minimum=1, maximum=MAX_N)
    temperature = _number(body.get("temperature", 1.0), "temperature", minimum=0, maximum=2)
    top_p = _number(body.get("top_p", 1.0), "top_p", minimum=0, maximum=1)
    if top_p == 0:
        raise RequestError("top_p must be greater than 0.", param="top_p")
    stops = _stops(body.get("stop"))
    seed = body.get("seed")
    seed = secrets.randbits(31) if seed is None else _integer(seed, "seed")
    stream = _boolean(body, "stream", False)
    if stream and (n != 1 or len(prompts) != 1):
        raise RequestError("Streaming supports one prompt and n=1.", param="n")
    settings = GenerationSettings(
        temperature=float(temperature),
        top_p=float(top_p),
        max_new_tokens=max_tokens,
        stop=list(dict.fromkeys(stops + extra_stops)),
        seed=seed,
    )
    return ParsedRequest(
        prompts=prompts,
        n=n,
        settings=settings,
        stream=stream,
        echo=echo,
        special_tokens=not (kind == "chat" and loaded.has_chat_template),
    )


def _prompts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        if len(value) > MAX_PROMPTS:
            raise RequestError(f"At most {MAX_PROMPTS} prompts per request.", param="prompt")
        return list(value)
    if value is None:
        raise RequestError("You must provide a prompt parameter.", param="prompt")
    raise RequestError(
        "'prompt' must be a string or a non-empty list of strings "
        "(token-id prompts are not supported).",
        param="prompt",
    )


def _messages(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise RequestError(
            "'messages' must be a non-empty list of {role, content} objects.", param="messages"
        )
    messages = []
    for index, message in enumerate(value):
        where = f"messages[{index}]"
        if not isinstance(message, dict):
            raise RequestError(f"'{where}' must be an object.", param=where)
        role = message.get("role")
        if role not in ("system", "developer", "user", "assistant", "tool"):
            raise RequestError(
                f"'{where}.role' must be system, developer, user, assistant or tool, not {role!r}.",
                param=f"{where}.role",
            )
        content = message.get("content")
        if isinstance(content, list):  # content parts: keep the text ones
            parts = [
                part.get("text", "")
                for part in content
                if isinstance(part, dict) and part.get("type") == "text"
            ]
            if len(parts) != len(content):
                raise RequestError(
                    f"'{where}.content' may only hold text parts.", param=f"{where}.content"
                )
            content = "".join(parts)
        if content is None:
            content = ""
        if not isinstance(content, str):
            raise RequestError(f"'{where}.content' must be a string.", param=f"{where}.content")
        messages.append({"role": "system" if role == "developer" else role, "content": content})
    return messages


def _stops(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or len(value) > MAX_STOPS
        or not all(isinstance(item, str) and item for item in value)
    ):
        raise RequestError(
            f"'stop' must be a non-empty string or a list of at most {MAX_STOPS} "
            "non-empty strings.",
            param="stop",
        )
    return list(value)


def _integer(
    value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestError(f"'{name}' must be an integer, not {value!r}.", param=name)
    if minimum is not None and value < minimum:
        raise RequestError(f"'{name}' must be at least {minimum}, not {value}.", param=name)
    if maximum is not None and value > maximum:
        raise RequestError(f"'{name}' must be at most {maximum}, not {value}.", param=name)
    return value


def _number(value: Any, name: str, *, minimum: float, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RequestError(f"'{name}' must be a number, not {value!r}.", param=name)
    if not minimum <= value <= maximum:
        raise RequestError(
            f"'{name}' must be between {minimum} and {maximum}, not {value}.", param=name
        )
    return float(value)


def _boolean(body: dict[str, Any], name: str, default: bool) -> bool:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise RequestError(f"'{name}' must be true or false, not {value!r}.", param=name)
    return value


# ---------------------------------------------------------------- responses


def response_body(
    results: list[tuple[str, list[Completion]]],
    parsed: ParsedRequest,
    kind: str,
    identifier: str,
    model_name: str,
) -> dict[str, Any]:
    """The JSON of a non-streamed answer; greedy answers repeat their one completion n times."""
    choices: list[dict[str, Any]] = []
    prompt_tokens = completion_tokens = 0
    for prompt, completions in results:
        prompt_tokens += completions[0].prompt_tokens
        for index in range(parsed.n):
            completion = completions[min(index, len(completions) - 1)]
            completion_tokens += completion.completion_tokens
            if kind == "chat":
                choices.append(
                    {
                        "index": len(choices),
                        "logprobs": None,
                        "finish_reason": completion.finish_reason,
                        "message": {"role": "assistant", "content": completion.text},
                    }
                )
            else:
                text = prompt + completion.text if parsed.echo else completion.text
                choices.append(
                    {
                        "index": len(choices),
                        "text": text,
                        "logprobs": None,
                        "finish_reason": completion.finish_reason,
                    }
                )
    return {
        "id": identifier,
        "object": "chat.completion" if kind == "chat" else "text_completion",
        "created": int(time.time()),
        "model": model_name,
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


async def stream_events(
    loaded: LoadedModel, parsed: ParsedRequest, kind: str, identifier: str, model_name: str
):
    """Server-sent events for one streamed completion, ending with ``data: [DONE]``."""
    import anyio

    created = int(time.time())
    chat = kind == "chat"
    object_name = "chat.completion.chunk" if chat else "text_completion"

    def event(delta: str | None, finish_reason: str | None, first: bool = False) -> str:
        if chat:
            payload: dict[str, Any] = {}
            if first:
                payload["role"] = "assistant"
            if delta is not None:
                payload["content"] = delta
            choice = {
                "index": 0,
                "delta": payload,
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        else:
            choice = {
                "index": 0,
                "text": delta or "",
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        chunk = {
            "id": identifier,
            "object": object_name,
            "created": created,
            "model": model_name,
            "choices": [choice],
        }
        return f"data: {json.dumps(chunk)}\n\n"

    pieces = loaded.stream(parsed.prompts[0], parsed.settings, special_tokens=parsed.special_tokens)
    finished = False
    try:
        if chat:
            yield event("", None, first=True)
        elif parsed.echo:
            yield event(parsed.prompts[0], None)
        while True:
            piece = await anyio.to_thread.run_sync(next, pieces, None)
            if piece is None:
                break
            if isinstance(piece, Completion):
                yield event(None if chat else "", piece.finish_reason)
                finished = True
                break
            yield event(piece, None)
        yield "data: [DONE]\n\n"
    except Exception as error:  # noqa: BLE001 - headers are sent: report it in the stream
        failure = RequestError(
            f"The model failed: {type(error).__name__}: {error}",
            status=500,
            error_type="server_error",
        )
        yield f"data: {json.dumps(failure.body())}\n\n"
    finally:
        if not finished:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(pieces.close)


# ---------------------------------------------------------------- running the server


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket, bound before uvicorn starts so that port 0 reveals its number."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise SpfError(
            f"cannot listen on {host}:{port}: {error.strerror or error}",
            hint="choose another --port (0 picks a free one)",
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def uvicorn_server(app, *, log_level: str = "info"):
    """A uvicorn server for ``app`` (started with ``server.run(sockets=[sock])``)."""
    import uvicorn

    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=5)
    return uvicorn.Server(config)


@contextmanager
def serve_in_thread(
    app, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
) -> Iterator[str]:
    """Run ``app`` on ``host:port`` in a background thread; yields its base URL (``.../v1``).

    For tests and notebooks: the server stops when the block ends.
    """
    sock = bind_socket(host, port)
    server = uvicorn_server(app, log_level=log_level)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="spf-serve", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise SpfError(f"the server on {host}:{port} did not start")
        time.sleep(0.02)
    bound_host, bound_port = sock.getsockname()[:2]
    try:
        yield f"http://{_url_host(bound_host)}:{bound_port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
