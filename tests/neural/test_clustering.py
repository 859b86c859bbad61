"""Neural clustering on the trained tiny model: the frozen LM's representations move toward
their label's semantic basis, on the training positions and on held-out text."""

from __future__ import annotations

import pytest
import torch

from spf.errors import SpfError
from spf.neural.clustering import (
    ClusteringConfig,
    NeuralClustering,
    collect_representations,
    train_clustering,
)
from spf.neural.corpus import read_texts, stdlib_folder
from spf.neural.loading import load_model


@pytest.fixture(scope="module")
def trained(trained_tiny_model_dir):
    model, tokenizer = load_model(trained_tiny_model_dir)
    ids: list[int] = []
    for text in read_texts(stdlib_folder() / "json"):
        ids += tokenizer(text)["input_ids"]
    chunks = torch.tensor(ids[: 64 * 40]).view(40, 64)
    return model, chunks[:30], chunks[30:]


def test_clustering_pulls_representations_toward_their_labels(trained):
    model, train_ids, held_out_ids = trained
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    result = train_clustering(model, train_ids, ClusteringConfig(steps=120),
                              held_out_ids=held_out_ids)
    assert result.layer == 2
    assert result.accuracy_after > result.accuracy_before + 0.1
    assert result.held_out_after > result.held_out_before
    assert sum(result.losses[-10:]) < sum(result.losses[:10])
    assert all(torch.equal(p.detach(), before[name]) for name, p in model.named_parameters())
    summary = result.to_dict()
    assert summary["steps"] == 120 and summary["accuracy_after"] == result.accuracy_after


def test_clustering_is_deterministic_for_a_seed(trained):
    model, train_ids, _ = trained
    first = train_clustering(model, train_ids, ClusteringConfig(steps=10, seed=3))
    again = train_clustering(model, train_ids, ClusteringConfig(steps=10, seed=3))
    assert first.losses == again.losses


def test_a_fresh_module_is_the_identity():
    module = NeuralClustering(16)
    representation = torch.randn(5, 16)
    clustered, reconstruction = module(representation)
    assert torch.equal(clustered, representation)
    assert reconstruction.shape == representation.shape


def test_representations_are_next_token_labelled(trained):
    model, train_ids, _ = trained
    representation, labels = collect_representations(model, train_ids[:2], layer=1)
    assert representation.shape == (2 * 63, model.config.n_embd)
    assert torch.equal(labels, train_ids[:2, 1:].reshape(-1))
    rms = representation.pow(2).mean(-1).sqrt()
    torch.testing.assert_close(rms, torch.ones_like(rms))  # normalized residual


@pytest.mark.parametrize("config", [ClusteringConfig(steps=0), ClusteringConfig(temperature=0),
                                    ClusteringConfig(reconstruction_weight=-1.0)])
def test_bad_configs_are_refused(config):
    with pytest.raises(SpfError):
        config.validate()


def test_bad_layer_and_shape_are_refused(trained):
    model, train_ids, _ = trained
    with pytest.raises(SpfError, match="out of range"):
        collect_representations(model, train_ids, layer=5)
    with pytest.raises(SpfError, match="batch, seq"):
        collect_representations(model, train_ids[0])
