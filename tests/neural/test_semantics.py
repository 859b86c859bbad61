"""Semantic basis, similarity logits and the logit lens."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM

from spf.neural.adapters import get_adapter
from spf.neural.semantics import (
    basis_from_head,
    head_matrix,
    logit_lens,
    normalized_residual,
    semantic_basis,
    similarity_logits,
)


def _top1_fraction(weight: torch.Tensor, basis: torch.Tensor) -> float:
    """Fraction of tokens i with argmax(W · s_i) == i."""
    logits = weight.double() @ basis.double().T  # column i: W · s_i
    return (logits.argmax(dim=0) == torch.arange(weight.shape[0])).double().mean().item()


def test_each_basis_vector_decodes_to_its_own_token(tiny_models):
    model = tiny_models.model
    weight, _ = head_matrix(model)
    basis = semantic_basis(model)
    assert tuple(basis.shape) == (get_adapter(model).vocab_size, 32)
    assert basis.dtype == torch.float32
    assert _top1_fraction(weight, basis) >= 0.99


def test_trained_model_basis_decodes_to_its_own_token(trained_tiny_model_dir):
    model = AutoModelForCausalLM.from_pretrained(trained_tiny_model_dir)
    for fold_norm in (True, False):
        weight, _ = head_matrix(model, fold_norm=fold_norm, dtype=torch.float64)
        basis = semantic_basis(model, dtype=torch.float64, fold_norm=fold_norm)
        assert basis.dtype == torch.float64
        assert _top1_fraction(weight, basis) >= 0.99


@pytest.mark.parametrize("dtype, tolerance", [(torch.float64, 1e-9), (torch.float32, 2e-4)])
def test_basis_agrees_with_pinv_on_small_matrices(dtype, tolerance):
    generator = torch.Generator().manual_seed(0)
    for vocab, hidden in [(40, 8), (200, 16), (64, 63)]:
        weight = torch.randn(vocab, hidden, generator=generator, dtype=torch.float64)
        expected = torch.linalg.pinv(weight).T
        computed = basis_from_head(weight.to(dtype))
        assert computed.dtype == dtype and tuple(computed.shape) == (vocab, hidden)
        torch.testing.assert_close(computed.double(), expected, rtol=tolerance,
                                   atol=tolerance * expected.abs().max().item())


def test_rank_deficient_and_wide_heads_fall_back_to_the_pseudo_inverse():
    generator = torch.Generator().manual_seed(1)
    narrow = torch.randn(50, 6, generator=generator, dtype=torch.float64)
    deficient = torch.cat([narrow, narrow[:, :2]], dim=1)  # 8 columns, rank 6
    wide = torch.randn(5, 12, generator=generator, dtype=torch.float64)  # V <= d
    for weight in (deficient, wide):
        torch.testing.assert_close(basis_from_head(weight), torch.linalg.pinv(weight).T)


def test_folding_the_norm_gain_divides_the_basis_by_the_gain(tiny_gpt2):
    model = tiny_gpt2.model
    adapter = get_adapter(model)
    with torch.no_grad():
        adapter.final_norm.weight.copy_(torch.linspace(0.5, 2.0, adapter.hidden_size))
        adapter.final_norm.bias.copy_(torch.linspace(-0.1, 0.1, adapter.hidden_size))
    folded = semantic_basis(model, dtype=torch.float64, use_cache=False)
    plain = semantic_basis(model, dtype=torch.float64, fold_norm=False, use_cache=False)
    gain = adapter.final_norm.weight.detach().double()
    # pinv(W diag(g)) = diag(1/g) pinv(W)
    torch.testing.assert_close(folded, plain / gain)


def test_head_matrix_offset_reproduces_the_logits(tiny_gpt2):
    """logits = W_folded · n(h) + offset, with n the norm's affine-free normalization."""
    model = tiny_gpt2.model
    adapter = get_adapter(model)
    with torch.no_grad():
        adapter.final_norm.weight.copy_(torch.linspace(0.5, 2.0, adapter.hidden_size))
        adapter.final_norm.bias.copy_(torch.linspace(-0.3, 0.3, adapter.hidden_size))
        hidden = torch.randn(3, adapter.hidden_size)
        weight, offset = head_matrix(model)
        eps = adapter.final_norm.eps
        centered = hidden - hidden.mean(-1, keepdim=True)
        normalized = centered / (centered.pow(2).mean(-1, keepdim=True) + eps).sqrt()
        torch.testing.assert_close(normalized @ weight.T + offset,
                                   adapter.logits_from_hidden(hidden), rtol=1e-5, atol=1e-5)


def test_gemma_gain_is_one_plus_weight(tiny_tokenizer):
    from spf.neural.tiny import random_model

    adapter = get_adapter(random_model("gemma", tiny_tokenizer, hidden=32, layers=1))
    gain, bias = adapter.final_norm_affine()
    torch.testing.assert_close(gain, 1.0 + adapter.final_norm.weight.detach())
    assert bias is None


def test_basis_is_cached_on_disk_keyed_by_the_head(tiny_llama, tmp_path):
    model = tiny_llama.model
    first = semantic_basis(model, cache_dir=tmp_path)
    files = list((tmp_path / "semantic-basis").glob("*.safetensors"))
    assert len(files) == 1
    # A cached entry is what is returned: prove it by planting a marked one.
    from safetensors.torch import save_file

    save_file({"basis": torch.full_like(first, 7.0)}, str(files[0]))
    assert torch.equal(semantic_basis(model, cache_dir=tmp_path), torch.full_like(first, 7.0))
    # float64 and the unfolded basis are separate entries.
    semantic_basis(model, dtype=torch.float64, cache_dir=tmp_path)
    semantic_basis(model, fold_norm=False, cache_dir=tmp_path)
    assert len(list((tmp_path / "semantic-basis").glob("*.safetensors"))) == 3
    # A changed head is a new key, computed afresh.
    with torch.no_grad():
        get_adapter(model).head_module.weight.mul_(2.0)
    changed = semantic_basis(model, cache_dir=tmp_path)
    torch.testing.assert_close(changed, first / 2.0)
    # A corrupt entry is recomputed, not trusted.
    for path in (tmp_path / "semantic-basis").glob("*.safetensors"):
        path.write_bytes(b"not a safetensors file")
    torch.testing.assert_close(semantic_basis(model, cache_dir=tmp_path), first / 2.0)


def test_default_cache_follows_spf_cache_dir(tiny_llama, tmp_path, monkeypatch):
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path))
    semantic_basis(tiny_llama.model)
    assert list((tmp_path / "semantic-basis").glob("*.safetensors"))
    semantic_basis(tiny_llama.model, dtype=torch.float64, use_cache=False)
    assert len(list((tmp_path / "semantic-basis").glob("*.safetensors"))) == 1


def test_similarity_logits_are_cosines(tiny_llama):
    basis = semantic_basis(tiny_llama.model)
    representation = torch.randn(2, 5, basis.shape[1], requires_grad=True)
    scores = similarity_logits(representation, basis)
    assert tuple(scores.shape) == (2, 5, basis.shape[0])
    expected = torch.nn.functional.cosine_similarity(
        representation[..., None, :], basis[None, None], dim=-1)
    torch.testing.assert_close(scores, expected, rtol=1e-5, atol=1e-6)
    # a subset of tokens, and one label per representation
    subset = torch.tensor([3, 10, 99])
    torch.testing.assert_close(similarity_logits(representation, basis, subset),
                               scores[..., subset])
    labels = torch.randint(0, basis.shape[0], (2, 5))
    own = similarity_logits(representation, basis, labels)
    torch.testing.assert_close(own, scores.gather(-1, labels[..., None])[..., 0])
    own.sum().backward()
    assert representation.grad is not None and representation.grad.abs().sum() > 0
    # each basis vector is most similar to itself
    self_scores = similarity_logits(basis[:50], basis)
    assert torch.equal(self_scores.argmax(-1), torch.arange(50))


def test_logit_lens_by_head_ends_in_the_model_logits(tiny_models):
    model = tiny_models.model
    ids = torch.tensor([5, 17, 42, 99, 7])
    lens = logit_lens(model, ids)
    adapter = get_adapter(model)
    assert tuple(lens.shape) == (adapter.num_layers + 1, 5, adapter.vocab_size)
    with torch.no_grad():
        reference = model(ids[None]).logits[0]
    torch.testing.assert_close(lens[-1], reference, rtol=1e-5, atol=1e-5)
    assert not torch.allclose(lens[0], lens[-1])
    batch = logit_lens(model, torch.stack([ids, ids.flip(0)]))
    assert tuple(batch.shape) == (adapter.num_layers + 1, 2, 5, adapter.vocab_size)
    torch.testing.assert_close(batch[:, 0], lens, rtol=1e-5, atol=1e-5)


def test_logit_lens_by_similarity_scores_the_normalized_residual(trained_tiny_model_dir):
    model = AutoModelForCausalLM.from_pretrained(trained_tiny_model_dir)
    adapter = get_adapter(model)
    ids = torch.tensor([[10, 200, 31, 400, 5, 77]])
    lens = logit_lens(model, ids, method="similarity")
    assert tuple(lens.shape) == (adapter.num_layers + 1, 6, adapter.vocab_size)
    assert lens.abs().max() <= 1.0 + 1e-5  # cosines
    basis = semantic_basis(model)
    with torch.no_grad(), adapter.record_residuals() as states:
        model(ids)
    for layer, state in enumerate(states):
        expected = similarity_logits(normalized_residual(model, state[0]), basis)
        torch.testing.assert_close(lens[layer], expected, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError):
        logit_lens(model, ids, method="telepathy")
