"""Built-in plugin: the ``openai`` backend, any OpenAI-compatible HTTP server.

``--backend openai:MODEL_NAME`` talks to vLLM, llama.cpp's server, ollama, hosted APIs or
``spf serve`` through ``/v1/completions`` or ``/v1/chat/completions`` (the ``endpoint``
option). The base URL and key come from the options, else from ``OPENAI_BASE_URL`` and
``OPENAI_API_KEY``, else ``http://127.0.0.1:8000/v1`` (where ``spf serve`` listens by
default) and no key.

Failures a user can fix are one-line ``SpfError``s: connection refused (naming the URL and
how to start a server), a 4xx with the server's own message, a 5xx or timeout after the
retries. Connection errors, dropped connections, timeouts, 429 and 5xx are retried with exponential backoff
(``Retry-After`` is honoured, capped at 30 s). httpx is imported when the backend is used.

One ``httpx.Client`` per backend is shared by every request and every thread (``--jobs``
sends units' requests at once): connections are kept alive and reused, and the client's
set-up (about 0.15 s of CPU, mostly loading the TLS certificates) is paid once, not per
request, which kept concurrent requests from reaching a batching server together.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from spf import hookimpl
from spf.backends import Backend, Prompt
from spf.errors import EXIT_FAILURE, SpfError

DEFAULT_BASE_URL = "http://127.0.0.1:8000/v1"
MAX_RETRY_AFTER = 30.0
MAX_SENT_STOPS = 4  # OpenAI's API refuses more; the rest are applied client-side
MAX_CONNECTIONS = 64  # open connections per backend: more than any sensible --jobs


class OpenAIBackend(Backend):
    """Candidates from an OpenAI-compatible server (completions or chat endpoint)."""

    name = "openai"
    extra = "openai"
    prompt_style = "completion"  # per instance: "chat" with endpoint=chat
    default_jobs = 8  # a server batches concurrent requests: send independent units at once
    needs_argument = True

    @dataclass
    class Options:
        """Options of the openai backend."""

        base_url: str | None = field(
            default=None,
            metadata={
                "help": f"server URL up to /v1 (env OPENAI_BASE_URL, default {DEFAULT_BASE_URL})"
            },
        )
        api_key: str | None = field(
            default=None,
            metadata={"help": "sent as 'Authorization: Bearer KEY' (env OPENAI_API_KEY)"},
        )
        endpoint: Literal["completions", "chat"] = field(
            default="completions",
            metadata={
                "help": "completions (/v1/completions, completion prompts) or chat "
                "(/v1/chat/completions, chat messages)"
            },
        )
        temperature: float = field(default=0.0, metadata={"help": "0 = greedy; up to 2"})
        max_tokens: int = field(default=256, metadata={"help": "tokens per candidate at most"})
        stop: list[str] = field(
            default_factory=list,
            metadata={"help": "extra stop sequences (the prompt's own are always sent)"},
        )
        timeout: float = field(default=60.0, metadata={"help": "seconds per HTTP request"})
        retries: int = field(
            default=3, metadata={"help": "retries after a connection error, timeout, 429 or 5xx"}
        )
        backoff: float = field(
            default=0.5, metadata={"help": "first retry delay in seconds, doubled on each retry"}
        )

        def __post_init__(self) -> None:
            if not 0 <= self.temperature <= 2:
                raise SpfError(
                    f"option 'temperature' of backend 'openai' must be between 0 "
                    f"and 2, not {self.temperature}"
                )
            if self.max_tokens < 1:
                raise SpfError(
                    f"option 'max_tokens' of backend 'openai' must be >= 1, not {self.max_tokens}"
                )
            if self.timeout <= 0:
                raise SpfError(
                    f"option 'timeout' of backend 'openai' must be > 0, not {self.timeout}"
                )
            if self.retries < 0 or self.backoff < 0:
                raise SpfError("options 'retries' and 'backoff' of backend 'openai' must be >= 0")
            if isinstance(self.stop, str):
                self.stop = [self.stop]

    def __init__(self, argument: str | None = None, options: dict | None = None):
        super().__init__(argument, options)
        self.prompt_style = "chat" if self.options.endpoint == "chat" else "completion"
        base_url = self.options.base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        if not base_url.startswith(("http://", "https://")):
            raise SpfError(
                f"base URL must start with http:// or https://, not {base_url!r}",
                hint=f"for example {DEFAULT_BASE_URL}",
            )
        self.base_url = base_url.rstrip("/")
        self.api_key = self.options.api_key or os.environ.get("OPENAI_API_KEY") or None
        self._client = None
        self._client_lock = threading.Lock()

    @property
    def client(self):
        """The backend's one ``httpx.Client`` (thread-safe), made on first use."""
        with self._client_lock:
            if self._client is None:
                import httpx

                headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
                limits = httpx.Limits(
                    max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS
                )
                self._client = httpx.Client(
                    timeout=self.options.timeout, headers=headers, trust_env=False, limits=limits
                )
            return self._client

    def close(self) -> None:
        """Close the HTTP connections (a later request opens new ones)."""
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    @property
    def model_id(self) -> str:
        return f"openai:{self.argument}@{self.base_url}/{self.options.endpoint}"

    @property
    def url(self) -> str:
        path = "chat/completions" if self.options.endpoint == "chat" else "completions"
        return f"{self.base_url}/{path}"

    def request_body(self, prompt: Prompt, n: int, seed: int) -> dict[str, Any]:
        """The JSON sent for one ``generate`` call."""
        options = self.options
        body: dict[str, Any] = {
            "model": self.argument,
            "n": n,
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
            "seed": seed,
        }
        stops = self.stops(prompt)
        if stops:
            body["stop"] = stops[:MAX_SENT_STOPS]
        if options.endpoint == "chat":
            body["messages"] = chat_messages(prompt)
        else:
            body["prompt"] = prompt.text
        return body

    def stops(self, prompt: Prompt) -> list[str]:
        """The prompt's stop sequences, then the option's, without repeats."""
        return list(dict.fromkeys([*prompt.stop, *self.options.stop]))

    def generate(self, prompt: Prompt, n: int = 1, seed: int = 0) -> list[str]:
        """Up to ``n`` candidates, in the server's choice order, cut at every stop sequence.

        OpenAI's own API takes at most four stop sequences: the first four are sent, and
        all of them are applied here to the text that comes back.
        """
        from spf.hf_model import cut_at_stop

        data = self.post(self.request_body(prompt, n, seed))
        stops = self.stops(prompt)
        try:
            choices = sorted(data["choices"], key=lambda choice: choice.get("index", 0))
            if self.options.endpoint == "chat":
                texts = [choice["message"].get("content") or "" for choice in choices][:n]
            else:
                texts = [choice["text"] for choice in choices][:n]
            return [cut_at_stop(text, stops)[0] for text in texts]
        except (KeyError, TypeError, AttributeError):
            raise SpfError(
                f"{self.url} answered with JSON that is not an OpenAI "
                f"{self.options.endpoint} response",
                exit_code=EXIT_FAILURE,
                hint="is base_url an OpenAI-compatible server?",
            ) from None

    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST ``body``, retrying what may pass; raise a one-line SpfError for the rest."""
        import httpx

        delay = self.options.backoff
        attempts = self.options.retries + 1
        client = self.client
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response = client.post(self.url, json=body)
            except httpx.ConnectError as error:
                if last:
                    raise SpfError(
                        f"cannot connect to {self.base_url}: {_reason(error)}",
                        exit_code=EXIT_FAILURE,
                        hint="start a server with `spf serve MODEL_DIR`, or set the "
                        "backend option base_url (or OPENAI_BASE_URL)",
                    ) from None
                wait = delay
            except httpx.TimeoutException:
                if last:
                    raise SpfError(
                        f"{self.url} did not answer within "
                        f"{self.options.timeout:g} s ({attempts} tries)",
                        exit_code=EXIT_FAILURE,
                        hint="raise the backend option timeout",
                    ) from None
                wait = delay
            except httpx.RemoteProtocolError as error:  # e.g. a kept-alive connection closed
                if last:
                    raise SpfError(
                        f"request to {self.url} failed: {_reason(error)}", exit_code=EXIT_FAILURE
                    ) from None
                wait = 0.0
            except httpx.HTTPError as error:
                raise SpfError(
                    f"request to {self.url} failed: {_reason(error)}", exit_code=EXIT_FAILURE
                ) from None
            else:
                status = response.status_code
                if status < 400:
                    try:
                        return response.json()
                    except ValueError:
                        raise SpfError(
                            f"{self.url} answered {status} with a body that is not JSON",
                            exit_code=EXIT_FAILURE,
                            hint="is base_url an OpenAI-compatible server?",
                        ) from None
                retryable = status == 429 or status >= 500
                if not retryable or last:
                    raise _status_error(self.url, response, attempts if retryable else 1)
                wait = _retry_after(response, delay)
            time.sleep(wait)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover


def chat_messages(prompt: Prompt) -> list[dict[str, str]]:
    """The prompt's own chat messages, else its system text plus its text as the user turn."""
    if prompt.messages:
        return list(prompt.messages)
    messages = [{"role": "system", "content": prompt.system}] if prompt.system else []
    messages.append({"role": "user", "content": prompt.text})
    return messages


def _status_error(url: str, response, tries: int) -> SpfError:
    status = response.status_code
    message = _server_message(response)
    after = f" after {tries} tries" if tries > 1 else ""
    hints = {
        401: "check the API key (option api_key or OPENAI_API_KEY)",
        403: "check the API key's permissions",
        404: "check the model name and base_url (GET /v1/models lists the models)",
        429: "the server is rate limiting: wait, or raise the option retries",
    }
    hint = hints.get(status, "the server failed; see its log" if status >= 500 else None)
    return SpfError(
        f"{url} answered {status}{after}: {message}",
        hint=hint,
        exit_code=EXIT_FAILURE if status >= 500 or status == 429 else None,
    )


def _server_message(response) -> str:
    """The server's own error message (OpenAI's ``{"error": {"message"}}`` or plain text)."""
    try:
        data = response.json()
    except ValueError:
        text = response.text.strip()
        return text.splitlines()[0][:300] if text else response.reason_phrase
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        if isinstance(error, str):
            return error
        if data.get("message"):
            return str(data["message"])
        if data.get("detail"):
            return str(data["detail"])
    return str(data)[:300]


def _retry_after(response, default: float) -> float:
    value = response.headers.get("retry-after")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value else default
    except ValueError:
        return default


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    if "refused" in text.lower() or "errno 111" in text.lower():
        return "connection refused"
    return text.splitlines()[0] if text else type(error).__name__


@hookimpl
def register_backends(register):
    register(OpenAIBackend)
