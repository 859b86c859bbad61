"""``spf serve``'s app on a real uvicorn server over the tiny model: contracts and errors."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from spf.hf_model import GenerationSettings

PROMPT = "def add(a, b):\n    return"


def post(base_url: str, path: str, body, **kwargs) -> httpx.Response:
    if isinstance(body, (bytes, str)):
        return httpx.post(
            base_url + path, content=body, headers={"content-type": "application/json"}, **kwargs
        )
    return httpx.post(base_url + path, json=body, timeout=60, **kwargs)


def assert_openai_error(response: httpx.Response, status: int, param=None, code=None) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["message"]
    assert error["type"] in ("invalid_request_error", "server_error")
    if param is not None:
        assert error["param"] == param
    if code is not None:
        assert error["code"] == code
    return error


def test_models_lists_the_served_model(served_model):
    base_url, name = served_model
    response = httpx.get(base_url + "/models")
    assert response.status_code == 200
    data = response.json()
    assert data["object"] == "list"
    assert [model["id"] for model in data["data"]] == [name]


def test_completion_is_what_the_model_generates(served_model, tiny_loaded):
    base_url, name = served_model
    body = {"model": name, "prompt": PROMPT, "max_tokens": 10, "temperature": 0, "n": 2}
    response = post(base_url, "/completions", body)
    assert response.status_code == 200, response.text
    data = response.json()
    expected = tiny_loaded.complete(PROMPT, 1, GenerationSettings(max_new_tokens=10))[0]
    assert data["object"] == "text_completion" and data["model"] == name
    assert data["id"].startswith("cmpl-")
    assert [choice["index"] for choice in data["choices"]] == [0, 1]
    assert [choice["text"] for choice in data["choices"]] == [expected.text] * 2
    assert data["choices"][0]["finish_reason"] == expected.finish_reason
    usage = data["usage"]
    assert usage["prompt_tokens"] == expected.prompt_tokens
    assert usage["completion_tokens"] == 2 * expected.completion_tokens
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_several_prompts_sampling_seed_stop_and_echo(served_model, tiny_loaded):
    base_url, name = served_model
    sampled = {
        "model": name,
        "prompt": [PROMPT, "import os\n"],
        "max_tokens": 6,
        "temperature": 1.0,
        "seed": 5,
        "n": 2,
    }
    first = post(base_url, "/completions", sampled).json()
    assert len(first["choices"]) == 4
    assert post(base_url, "/completions", sampled).json()["choices"] == first["choices"]
    settings = GenerationSettings(temperature=1.0, max_new_tokens=6, seed=5)
    direct = tiny_loaded.complete("import os\n", 2, settings)
    assert [choice["text"] for choice in first["choices"][2:]] == [c.text for c in direct]

    full = tiny_loaded.complete(PROMPT, 1, GenerationSettings(max_new_tokens=20))[0].text
    stop = full[4:7]
    stopped = post(
        base_url,
        "/completions",
        {
            "model": name,
            "prompt": PROMPT,
            "max_tokens": 20,
            "temperature": 0,
            "stop": stop,
            "echo": True,
        },
    )
    choice = stopped.json()["choices"][0]
    assert choice["text"] == PROMPT + full[: full.index(stop)]
    assert choice["finish_reason"] == "stop"


def test_chat_completion(served_model, tiny_loaded):
    base_url, name = served_model
    messages = [
        {"role": "system", "content": "You write Python."},
        {"role": "user", "content": [{"type": "text", "text": "add two numbers"}]},
    ]
    response = post(
        base_url,
        "/chat/completions",
        {"model": name, "messages": messages, "max_tokens": 8, "temperature": 0},
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["object"] == "chat.completion" and data["id"].startswith("chatcmpl-")
    message = data["choices"][0]["message"]
    assert message["role"] == "assistant"
    text, stops = tiny_loaded.chat_prompt(
        [
            {"role": "system", "content": "You write Python."},
            {"role": "user", "content": "add two numbers"},
        ]
    )
    assert text.endswith("user: add two numbers\nassistant:")
    expected = tiny_loaded.complete(text, 1, GenerationSettings(max_new_tokens=8, stop=stops))
    assert message["content"] == expected[0].text


def read_events(response: httpx.Response) -> list:
    events = []
    for line in response.iter_lines():
        if line.startswith("data: "):
            payload = line[len("data: ") :]
            events.append(payload if payload == "[DONE]" else json.loads(payload))
    return events


def test_streaming_gives_the_same_text_piece_by_piece(served_model, tiny_loaded):
    base_url, name = served_model
    expected = tiny_loaded.complete(PROMPT, 1, GenerationSettings(max_new_tokens=16))[0]
    body = {"model": name, "prompt": PROMPT, "max_tokens": 16, "temperature": 0, "stream": True}
    with httpx.stream("POST", base_url + "/completions", json=body, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = read_events(response)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    assert len(chunks) >= 2
    assert "".join(chunk["choices"][0]["text"] for chunk in chunks) == expected.text
    assert chunks[-1]["choices"][0]["finish_reason"] == expected.finish_reason

    stop = expected.text[5:8]
    chat = {
        "model": name,
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 16,
        "temperature": 0,
        "stream": True,
        "stop": [stop],
    }
    with httpx.stream("POST", base_url + "/chat/completions", json=chat, timeout=60) as response:
        events = read_events(response)
    text, stops = tiny_loaded.chat_prompt([{"role": "user", "content": "hi"}])
    reference = tiny_loaded.complete(
        text, 1, GenerationSettings(max_new_tokens=16, stop=[stop, *stops])
    )[0]
    assert events[0]["object"] == "chat.completion.chunk"
    assert events[0]["choices"][0]["delta"]["role"] == "assistant"
    streamed = "".join(event["choices"][0]["delta"].get("content", "") for event in events[:-1])
    assert streamed == reference.text
    assert events[-2]["choices"][0]["finish_reason"] == reference.finish_reason


def test_bad_requests_get_openai_style_errors(served_model):
    base_url, name = served_model
    assert_openai_error(post(base_url, "/completions", b'{"model": "tiny", "prompt": '), 400)
    assert_openai_error(post(base_url, "/chat/completions", b"not json at all"), 400)
    assert_openai_error(post(base_url, "/completions", b"[1, 2]"), 400)
    assert_openai_error(post(base_url, "/completions", {"prompt": "x"}), 400, param="model")
    error = assert_openai_error(
        post(base_url, "/completions", {"model": "gpt-9", "prompt": "x"}),
        404,
        param="model",
        code="model_not_found",
    )
    assert "gpt-9" in error["message"] and name in error["message"]
    bad_parameters = [
        ({"prompt": "x", "temperature": 5}, "temperature"),
        ({"prompt": "x", "n": 0}, "n"),
        ({"prompt": "x", "max_tokens": "ten"}, "max_tokens"),
        ({"prompt": "x", "stop": [1]}, "stop"),
        ({"prompt": [1, 2, 3]}, "prompt"),
        ({"prompt": ["x"] * 65}, "prompt"),
        ({"prompt": "x", "stream": True, "n": 2}, "n"),
        ({"prompt": "x", "logprobs": 3}, "logprobs"),
    ]
    for extra, param in bad_parameters:
        assert_openai_error(
            post(base_url, "/completions", {"model": name, **extra}), 400, param=param
        )
    assert_openai_error(
        post(base_url, "/chat/completions", {"model": name, "messages": []}), 400, param="messages"
    )
    assert_openai_error(
        post(
            base_url,
            "/chat/completions",
            {"model": name, "messages": [{"role": "wizard", "content": "x"}]},
        ),
        400,
        param="messages[0].role",
    )
    assert_openai_error(httpx.get(base_url + "/embeddings"), 404, code="unknown_url")
    assert_openai_error(httpx.get(base_url + "/completions"), 405)
    # still serving after all that
    assert httpx.get(base_url + "/models").status_code == 200


def test_concurrent_requests_are_all_answered_correctly(served_model, tiny_loaded):
    base_url, name = served_model
    prompts = [f"def function_{index}(value):\n    return value" for index in range(8)]
    expected = [
        tiny_loaded.complete(prompt, 1, GenerationSettings(max_new_tokens=12))[0].text
        for prompt in prompts
    ]
    answers: dict[int, httpx.Response] = {}
    barrier = threading.Barrier(len(prompts))

    def ask(index: int) -> None:
        body = {"model": name, "prompt": prompts[index], "max_tokens": 12, "temperature": 0}
        barrier.wait()
        answers[index] = post(base_url, "/completions", body)

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(len(prompts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(answers) == list(range(8))
    for index, response in answers.items():
        assert response.status_code == 200, response.text
        assert response.json()["choices"][0]["text"] == expected[index]


def test_an_api_key_is_enforced_when_set(tiny_loaded):
    from spf.serving import create_app, serve_in_thread

    with serve_in_thread(create_app(tiny_loaded, "tiny", api_key="s3cret")) as base_url:
        assert_openai_error(httpx.get(base_url + "/models"), 401, code="invalid_api_key")
        body = {"model": "tiny", "prompt": "x", "max_tokens": 2}
        assert_openai_error(post(base_url, "/completions", body), 401)
        ok = post(base_url, "/completions", body, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200


def test_the_server_binds_localhost_by_default(tiny_loaded):
    from spf.serving import create_app, serve_in_thread

    with serve_in_thread(create_app(tiny_loaded, "tiny")) as base_url:
        assert base_url.startswith("http://127.0.0.1:")


def test_a_busy_port_is_a_clear_error():
    import socket

    from spf.errors import SpfError
    from spf.serving import bind_socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(SpfError, match=f"cannot listen on 127.0.0.1:{port}"):
            bind_socket("127.0.0.1", port)


def test_a_reader_that_leaves_mid_stream_does_not_block_the_model(served_model, tiny_loaded):
    base_url, name = served_model
    body = {"model": name, "prompt": PROMPT, "max_tokens": 120, "temperature": 0, "stream": True}
    with httpx.stream("POST", base_url + "/completions", json=body, timeout=60) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                break  # leave after the first chunk
    # the generation lock was released: the next request is answered, correctly
    after = post(
        base_url,
        "/completions",
        {"model": name, "prompt": "import ", "max_tokens": 4, "temperature": 0},
    )
    assert after.status_code == 200
    expected = tiny_loaded.complete("import ", 1, GenerationSettings(max_new_tokens=4))[0].text
    assert after.json()["choices"][0]["text"] == expected
    assert not tiny_loaded.lock.locked()


def test_chat_uses_the_tokenizers_template_when_it_has_one(tmp_path, build_tiny_model):
    from spf.hf_model import load_causal_lm

    folder = build_tiny_model(tmp_path / "chatty")
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config["chat_template"] = (
        "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}\n"
        "{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}"
    )
    config_path.write_text(json.dumps(config))
    loaded = load_causal_lm(folder, device="cpu")
    assert loaded.has_chat_template
    text, stops = loaded.chat_prompt([{"role": "user", "content": "hi"}])
    assert text == "<|user|>hi\n<|assistant|>"
    assert stops == []
