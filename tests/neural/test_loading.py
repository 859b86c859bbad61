"""The one model loader (spf.neural.loading): devices, dtypes, device_map, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from spf.errors import SpfError
from spf.neural.loading import load_model, model_device, resolve_device, resolve_dtype


def test_devices_and_dtypes_resolve_or_refuse_in_one_line():
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") in ("cpu", "cuda", "mps")
    assert resolve_dtype("auto", "cpu") is torch.float32
    assert resolve_dtype("bfloat16", "cpu") is torch.bfloat16
    assert resolve_dtype(torch.float16, "cpu") is torch.float16
    for device in ("toaster", "cpu:1", "cuda:x"):
        with pytest.raises(SpfError, match="unknown device") as caught:
            resolve_device(device)
        assert caught.value.location == "--device"
    with pytest.raises(SpfError, match="unknown dtype"):
        resolve_dtype("int8", "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(SpfError, match="sees no GPU"):
            resolve_device("cuda")


def test_dtype_and_device_map_are_applied(tiny_gpt2_dir):
    model, tokenizer = load_model(tiny_gpt2_dir, dtype="bfloat16", device="cpu")
    assert {p.dtype for p in model.parameters()} == {torch.bfloat16}
    assert not model.training and tokenizer is not None
    mapped, _ = load_model(tiny_gpt2_dir, dtype="float32", device_map="auto",
                           with_tokenizer=False)
    # accelerate placed the modules (on a CPU-only machine: all of them on the CPU)
    assert getattr(mapped, "hf_device_map", None) or model_device(mapped).type == "cpu"
    ids = torch.tensor([[1, 2, 3]], device=model_device(mapped))
    reference, _ = load_model(tiny_gpt2_dir, dtype="float32", device="cpu")
    assert torch.allclose(mapped(input_ids=ids).logits.cpu(),
                          reference(input_ids=ids.cpu()).logits, atol=1e-5)


def test_a_missing_extra_is_one_line(tiny_gpt2_dir):
    code = ("import sys; sys.modules['accelerate'] = None\n"
            "from spf.errors import SpfError\nfrom spf.neural.loading import load_model\n"
            "try:\n    load_model(sys.argv[1], device_map='auto')\n"
            "except SpfError as error:\n    print(error.one_line())\n")
    completed = subprocess.run([sys.executable, "-c", code, str(tiny_gpt2_dir)],
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == ("accelerate is not installed (accelerate missing) "
                                        "(hint: install the neural extra: pip install "
                                        "'spf[neural]')")


def test_not_a_causal_lm_is_refused_before_any_weight_is_read(tmp_path):
    folder = tmp_path / "bert"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert", '
                                        '"architectures": ["BertForMaskedLM"]}')
    with pytest.raises(SpfError, match="not a causal language model") as caught:
        load_model(folder)  # no weight file there: the config alone decides
    assert "\n" not in caught.value.one_line()
