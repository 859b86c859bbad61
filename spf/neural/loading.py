"""The one model loader: a local Hugging Face causal LM folder, with one-line errors.

Used by ``spf serve`` and the ``hf`` backend (through :mod:`spf.hf_model`), ``spf inspect``,
``spf freeze-plan``, ``spf finetune`` and ``spf repair`` / ``spf patch``. Always offline
(``local_files_only``): spf never downloads a model. Importing this module is cheap; torch
and transformers are imported when a model is loaded.

Options (documented in docs/neural.md, "Loading models"):

- ``device``: ``auto`` (``cuda`` when torch sees a GPU, else ``mps`` on Apple silicon, else
  ``cpu``), ``cpu``, ``cuda``, ``cuda:N`` or ``mps``. Asking for a device torch does not see
  is an error, not a silent fallback.
- ``dtype``: ``auto`` (``bfloat16`` on a GPU that supports it, ``float16`` on older GPUs,
  ``float32`` on cpu and mps), ``float32``, ``bfloat16`` or ``float16`` (or a torch dtype).
- ``device_map``: handed to ``from_pretrained`` (accelerate places the blocks, e.g. ``auto``
  over every visible GPU, spilling to the CPU); ``device`` is then only used to pick the
  ``auto`` dtype.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spf.errors import SpfError

DTYPES = ("auto", "float32", "bfloat16", "float16")
DEVICES = ("auto", "cpu", "cuda", "mps")
BUILD_HINT = "build a test model with `spf model build-tiny DIR`"
EXTRA_HINT = "install the neural extra: pip install 'spf[neural]'"


def require(module: str):
    """Import ``module`` (torch, transformers, accelerate, ...) or raise a one-line SpfError."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise SpfError(f"{module} is not installed ({error.name or module} missing)",
                       hint=EXTRA_HINT) from None


def resolve_device(device: str | None = "auto") -> str:
    """``auto`` -> ``cuda``, ``mps`` or ``cpu``; a device torch does not see is an error."""
    torch = require("torch")
    device = device or "auto"
    kind = device.split(":", 1)[0]
    if kind not in DEVICES or (":" in device and kind != "cuda"):
        raise SpfError(f"unknown device {device!r}", location="--device",
                       hint="auto, cpu, cuda, cuda:N or mps")
    if kind == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        return "mps" if mps is not None and mps.is_available() else "cpu"
    if kind == "cuda":
        index = None
        if ":" in device:
            try:
                index = int(device.split(":", 1)[1])
            except ValueError:
                raise SpfError(f"unknown device {device!r}", location="--device",
                               hint="cuda:N with N a number") from None
        if not torch.cuda.is_available():
            raise SpfError(f"device {device!r} requested but torch sees no GPU",
                           location="--device", hint="use --device cpu or auto")
        if index is not None and not 0 <= index < torch.cuda.device_count():
            raise SpfError(f"no GPU {index}: torch sees {torch.cuda.device_count()}",
                           location="--device")
    if kind == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise SpfError("device 'mps' requested but torch sees no Apple GPU",
                           location="--device", hint="use --device cpu or auto")
    return device


def resolve_dtype(dtype: Any = "auto", device: str = "cpu"):
    """The torch dtype for a ``dtype`` option (a name or a torch dtype) on a resolved device."""
    torch = require("torch")
    if isinstance(dtype, torch.dtype):
        return dtype
    dtype = dtype or "auto"
    if dtype not in DTYPES:
        raise SpfError(f"unknown dtype {dtype!r}", location="--dtype",
                       hint=f"choose one of {', '.join(DTYPES)}")
    if dtype == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    return getattr(torch, dtype)


def check_model_folder(path: str | Path) -> Path:
    """Cheap validation before anything heavy: a folder whose ``config.json`` names a
    ``model_type``. Returns the resolved folder."""
    folder = Path(path).expanduser()
    if not folder.exists():
        raise SpfError(f"model folder not found: {path}", location=str(path), hint=BUILD_HINT)
    if not folder.is_dir():
        raise SpfError("not a folder", location=str(path),
                       hint="give the folder that holds config.json and the weights")
    config_path = folder / "config.json"
    if not config_path.is_file():
        raise SpfError("not a model folder (no config.json)", location=str(path),
                       hint="save models with save_pretrained(), or " + BUILD_HINT)
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpfError(f"config.json is not valid JSON: {error}",
                       location=str(config_path)) from None
    if not isinstance(config, dict) or "model_type" not in config:
        raise SpfError("config.json has no model_type", location=str(config_path),
                       hint="is this a transformers model folder?")
    return folder.resolve()


def check_causal_lm(path: str | Path) -> Any:
    """The folder's transformers config, refusing anything that is not a causal LM."""
    folder = check_model_folder(path)
    require("torch")
    transformers = require("transformers")
    from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES

    try:
        config = transformers.AutoConfig.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, KeyError) as error:
        raise SpfError(f"cannot read the model configuration: {_first_line(error)}",
                       location=str(path), hint="is config.json from transformers?") from None
    causal = set()
    for value in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES.values():
        causal.update(value if isinstance(value, (tuple, list)) else [value])
    architectures = getattr(config, "architectures", None) or []
    if (config.model_type not in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES
            or getattr(config, "is_encoder_decoder", False)
            or (architectures and not causal & set(architectures))):
        what = ", ".join(architectures) or config.model_type
        raise SpfError(f"not a causal language model (model_type {config.model_type!r}, "
                       f"{what})", location=str(path),
                       hint="spf needs a decoder-only LM (GPT-2, Llama, Qwen2, ...)")
    return config


def load_model(path: str | Path, *, dtype: Any = "auto", device: str | None = "auto",
               device_map: str | dict | None = None, with_tokenizer: bool = True
               ) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from a local folder, the model in eval mode.

    Raises ``SpfError`` (one line, exit status 2) for a missing folder, a folder that is not
    a model or not a causal LM, unreadable weights, a missing tokenizer, an unknown or
    unavailable device or dtype, or a missing extra (torch, transformers, accelerate).
    """
    folder = check_model_folder(path)
    resolved = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, "cuda" if device_map is not None and
                                require("torch").cuda.is_available() else resolved)
    check_causal_lm(folder)
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    options: dict[str, Any] = {"local_files_only": True, "dtype": torch_dtype}
    if device_map is not None:
        require("accelerate")
        options["device_map"] = device_map
    try:
        model = AutoModelForCausalLM.from_pretrained(str(folder), **options)
    except ValueError as error:
        raise SpfError(f"cannot load the model: {_first_line(error)}", location=str(path),
                       hint="spf needs a decoder-only model loadable by "
                            "AutoModelForCausalLM") from None
    except (OSError, KeyError, RuntimeError) as error:
        raise SpfError(f"cannot load the model: {_first_line(error)}", location=str(path),
                       hint="are the weight files complete (model.safetensors)?") from None
    if device_map is None:
        model.to(resolved)
    model.eval()
    tokenizer = None
    if with_tokenizer:
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SpfError(f"the model folder has no usable tokenizer: {_first_line(error)}",
                           location=str(path), hint="save the tokenizer beside the model "
                           "(tokenizer.save_pretrained(DIR))") from None
    return model, tokenizer


def model_device(model: Any):
    """Where the model's input embeddings live: where token ids must go (also with a
    ``device_map``)."""
    return model.get_input_embeddings().weight.device


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
