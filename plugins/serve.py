"""Built-in plugin: ``spf serve MODEL_DIR``, an OpenAI-compatible server over a local model.

So that a model spf has built or repaired can be used by any OpenAI client or editor, and
so that the ``openai`` backend can be tested against a real server. The app itself lives
in ``spf.serving``; this module only parses options, loads the model and runs uvicorn.
"""

from __future__ import annotations

import os

import click

from spf import hookimpl
from spf.extras import needs_extra


@click.command(name="serve")
@click.argument("model_dir", type=click.Path(file_okay=False))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one and prints it).",
)
@click.option(
    "--name",
    "model_name",
    default=None,
    metavar="NAME",
    help="Model name clients must send (default: the folder's name).",
)
@click.option(
    "--dtype",
    type=click.Choice(["auto", "float32", "bfloat16", "float16"]),
    default="auto",
    show_default=True,
    help="Weights dtype (auto: float32 on cpu, bfloat16 on cuda).",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda", "mps"]),
    default="auto",
    show_default=True,
    help="auto: cuda when torch sees a GPU, else mps, else cpu.",
)
@click.option(
    "--patch",
    "patches",
    multiple=True,
    metavar="PATH",
    help="Apply this repair patch (spf repair) after loading; repeatable.",
)
@click.option(
    "--api-key",
    default=None,
    envvar="SPF_SERVE_API_KEY",
    metavar="KEY",
    help="Require 'Authorization: Bearer KEY' (env SPF_SERVE_API_KEY).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="uvicorn's log level.",
)
@click.option(
    "--max-batch",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Greedy requests generated together at most (1: one at a time).",
)
@click.option(
    "--batch-window",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    metavar="MS",
    help="Milliseconds a request waits for others to share its batch.",
)
@click.option(
    "--batch-wait",
    type=click.FloatRange(min=0),
    default=500.0,
    show_default=True,
    metavar="MS",
    help="Milliseconds a batch may wait on for the callers of the last batch to come back "
    "(at most half that batch's time).",
)
@needs_extra("neural", "serve")
def serve_command(
    model_dir,
    host,
    port,
    model_name,
    dtype,
    device,
    patches,
    api_key,
    log_level,
    max_batch,
    batch_window,
    batch_wait,
):
    """Serve MODEL_DIR (a local Hugging Face causal LM) with an OpenAI-compatible API.

    \b
    Endpoints: GET /v1/models, POST /v1/completions, POST /v1/chat/completions
    (stream: true for server-sent events). Use it from spf with
    --backend openai:NAME and OPENAI_BASE_URL=http://HOST:PORT/v1.
    """
    from spf.hf_model import load_causal_lm
    from spf.neural.loading import check_model_folder
    from spf.serving import bind_socket, create_app, uvicorn_server

    folder = check_model_folder(model_dir)
    name = model_name or folder.name
    sock = bind_socket(host, port)  # fail on a busy port before the (slow) model load
    try:
        loaded = load_causal_lm(folder, dtype=dtype, device=device, patches=list(patches))
        app = create_app(
            loaded,
            name,
            api_key=api_key,
            batch_window=batch_window / 1000,
            max_batch=max_batch,
            batch_wait=batch_wait / 1000,
        )
        bound_host, bound_port = sock.getsockname()[:2]
        url_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        click.echo(
            f"spf serve: model {name!r} ({loaded.device}, {str(loaded.dtype)[6:]}) at "
            f"http://{url_host}:{bound_port}/v1",
            err=False,
        )
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(
                f"warning: listening on {host}: anyone who can reach this machine can "
                "use the model" + ("" if api_key else " (no --api-key set)"),
                err=True,
            )
        click.echo("press Ctrl+C to stop", err=True)
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            uvicorn_server(app, log_level=log_level).run(sockets=[sock])
        except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after its graceful shutdown
            pass
        click.echo("spf serve: stopped", err=True)
    finally:
        sock.close()


@hookimpl
def register_commands(cli):
    cli.add_command(serve_command)
