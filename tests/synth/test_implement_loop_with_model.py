"""The loop end to end with a real (tiny, random) transformers model through the hf backend.

A random model writes gibberish: the point is that the loop reports that honestly
(every candidate examined and rejected with a reason, retries counted, the unit left
unimplemented) and that the cache replays it exactly.
"""

from __future__ import annotations

import re
import sysconfig
from pathlib import Path

import pytest
from synth_helpers import function_task

from spf.backends import available_backends, get_backend
from spf.cache import CompletionCache
from spf.loop import implement_function

KNOWN_REJECTIONS = re.compile(
    r"(syntax error: .*|no function named \w+|signature changed: .*|forbidden import: .*|"
    r"forbidden call: .*|stub body .*|empty completion|duplicate of an earlier candidate|"
    r"example \d+ (failed|cannot be checked): .*|timed out after .*|"
    r"cannot import the candidate: .*|the example runner crashed .*|sandbox: .*)")


@pytest.fixture(scope="module")
def random_gpt2(tmp_path_factory) -> Path:
    torch = pytest.importorskip("torch")
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    torch.set_num_threads(1)
    out = tmp_path_factory.mktemp("random-gpt2")
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    trainer = ByteLevelBPETokenizer()
    trainer.train([str(stdlib / "textwrap.py"), str(stdlib / "bisect.py")], vocab_size=400,
                  min_frequency=2, special_tokens=["<|endoftext|>"], show_progress=False)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=trainer, bos_token="<|endoftext|>",
                                        eos_token="<|endoftext|>", unk_token="<|endoftext|>")
    config = GPT2Config(vocab_size=len(tokenizer), n_embd=32, n_layer=2, n_head=2,
                        n_positions=1024, bos_token_id=tokenizer.eos_token_id,
                        eos_token_id=tokenizer.eos_token_id)
    torch.manual_seed(0)
    GPT2LMHeadModel(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def test_a_random_model_is_run_through_every_check_and_reported_unimplemented(
        random_gpt2, tmp_path):
    if "hf" not in available_backends():
        pytest.skip("the hf backend plugin is not available")
    task = function_task("todo", "normalize_title")
    backend = get_backend(f"hf:{random_gpt2}", {"temperature": 0.9, "max_new_tokens": 16,
                                                 "device": "cpu"})
    cache = CompletionCache(tmp_path / "cache")
    result = implement_function(task, backend, k=2, max_attempts=2, cache=cache)
    assert result.status == "unimplemented" and result.source is None
    assert result.backend == f"hf:{random_gpt2}"
    assert result.attempts == 2
    assert 1 <= result.candidates <= 4
    assert len(result.rejections) == result.candidates
    for rejection in result.rejections:
        assert KNOWN_REJECTIONS.fullmatch(rejection), rejection
    assert result.reason.startswith("no candidate passed after 2 attempt(s)")
    replay = implement_function(task, backend, k=2, max_attempts=2, cache=cache)
    assert replay.cache_hits == 2
    assert replay.rejections == result.rejections
