"""Loading a local Hugging Face causal LM folder, with one-line errors for user mistakes.

Always offline (``local_files_only``): spf never downloads a model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spf.errors import SpfError

BUILD_HINT = "build a test model with `spf model build-tiny DIR`"


def check_model_folder(model_dir: str | Path) -> dict:
    """Validate that ``model_dir`` holds a Hugging Face model; return its ``config.json``."""
    folder = Path(model_dir)
    if not folder.exists():
        raise SpfError("model folder not found", location=str(folder), hint=BUILD_HINT)
    if not folder.is_dir():
        raise SpfError("not a folder", location=str(folder),
                       hint="give the folder that holds config.json and the weights")
    config_path = folder / "config.json"
    if not config_path.is_file():
        raise SpfError("not a Hugging Face model folder (no config.json)",
                       location=str(folder), hint=BUILD_HINT)
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpfError(f"config.json is not valid JSON: {error}",
                       location=str(config_path)) from error
    if not isinstance(config, dict) or "model_type" not in config:
        raise SpfError("config.json has no model_type", location=str(config_path),
                       hint="is this a transformers model folder?")
    return config


def load_model(model_dir: str | Path, *, dtype: Any = None, device: str = "cpu",
               with_tokenizer: bool = True) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from a local folder: ``AutoModelForCausalLM`` + ``AutoTokenizer``.

    The model is in eval mode on ``device`` (float32 unless ``dtype`` says otherwise).
    Raises ``SpfError`` for a missing folder, a folder without a model, a model that is
    not a causal LM, unreadable weights, or a missing tokenizer.
    """
    config = check_model_folder(model_dir)
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = str(model_dir)
    try:
        model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True,
                                                     dtype=dtype or torch.float32)
    except ValueError as error:
        if "Unrecognized configuration class" in str(error) or "AutoModelForCausalLM" in str(
                error):
            raise SpfError(f"not a causal language model (model_type "
                           f"{config.get('model_type')!r})", location=folder,
                           hint="spf needs a decoder-only LM (GPT-2, Llama, Qwen2, ...)"
                           ) from error
        raise SpfError(f"cannot load the model: {error}", location=folder) from error
    except (OSError, KeyError, RuntimeError) as error:
        raise SpfError(f"cannot load the model: {str(error).splitlines()[0]}",
                       location=folder, hint="are the weight files complete?") from error
    model.to(device).eval()
    tokenizer = None
    if with_tokenizer:
        try:
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        except (OSError, ValueError, KeyError) as error:
            raise SpfError("the model folder has no usable tokenizer", location=folder,
                           hint="save the tokenizer beside the model "
                                "(tokenizer.save_pretrained(DIR))") from error
    return model, tokenizer
