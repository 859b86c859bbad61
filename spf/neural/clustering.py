"""Neural clustering: pull a frozen LM's representations toward their label's semantic basis.

From vocabulary-defined semantics (docs/neural.md): a small trainable module on top of a
frozen model maps each representation ``r`` (the normalized last residual state at a
position) to ``z`` so that ``z`` is most similar to the semantic basis vector of the
position's label token (the next token). The loss is the cross-entropy over cosine
similarities to every basis vector (:func:`~spf.neural.semantics.similarity_logits`,
scaled by ``1 / temperature``) plus a reconstruction term: a decoder maps ``z`` back to
``r``, which keeps ``z`` an invertible re-description of the representation rather than a
label code.

Choices (the method's details are not public; measured on the tiny models):

- encoder and decoder are MLPs ``d -> 2d -> d`` with GELU; the encoder is *residual*
  (``z = r + mlp(r)``) and its last layer starts at zero, so training starts exactly at
  the frozen model's own similarity predictions;
- the model is never changed: it runs under ``no_grad`` and its parameters are checked
  to be untouched;
- ``temperature`` 0.05: cosines live in [-1, 1], and a softmax over thousands of tokens
  needs sharper logits to express confidence.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.semantics import normalized_residual, semantic_basis, similarity_logits


@dataclass
class ClusteringConfig:
    """Options of :func:`train_clustering`; validated by :meth:`validate`."""

    steps: int = 200
    learning_rate: float = 2e-3
    batch_size: int = 128
    temperature: float = 0.05
    reconstruction_weight: float = 0.1
    layer: int | None = None  # latent space to read (0..L); None: the last (L)
    seed: int = 0

    def validate(self) -> ClusteringConfig:
        if self.steps < 1 or self.batch_size < 1:
            raise SpfError("steps and batch size must be at least 1",
                           hint="e.g. --steps 300 --batch-size 64")
        if self.learning_rate <= 0 or self.temperature <= 0:
            raise SpfError("learning rate and temperature must be positive")
        if self.reconstruction_weight < 0:
            raise SpfError("the reconstruction weight must not be negative")
        return self


class NeuralClustering(nn.Module):
    """``z = r + encoder(r)`` and ``decoder(z) ≈ r``; starts as the identity."""

    def __init__(self, hidden_size: int):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(hidden_size, 2 * hidden_size), nn.GELU(),
                                     nn.Linear(2 * hidden_size, hidden_size))
        self.decoder = nn.Sequential(nn.Linear(hidden_size, 2 * hidden_size), nn.GELU(),
                                     nn.Linear(2 * hidden_size, hidden_size))
        nn.init.zeros_(self.encoder[-1].weight)
        nn.init.zeros_(self.encoder[-1].bias)

    def forward(self, representation: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        clustered = representation + self.encoder(representation)
        return clustered, self.decoder(clustered)


@dataclass
class ClusteringResult:
    module: NeuralClustering
    layer: int
    losses: list[float]
    accuracy_before: float  # top-1 of the similarity logits on the training positions
    accuracy_after: float
    held_out_before: float | None = None
    held_out_after: float | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "steps": len(self.losses),
                "first_loss": self.losses[0], "final_loss": self.losses[-1],
                "accuracy_before": self.accuracy_before, "accuracy_after": self.accuracy_after,
                "held_out_before": self.held_out_before, "held_out_after": self.held_out_after,
                "seconds": round(self.seconds, 3)}


def collect_representations(model: Any, input_ids: torch.Tensor, layer: int | None = None
                            ) -> tuple[torch.Tensor, torch.Tensor]:
    """``(representations (N, d), labels (N,))`` for every position of ``input_ids`` (b, seq).

    The representation is the normalized residual state at ``layer`` (the folded basis's
    space); the label is the next token. The last position of each row has no label and
    is left out.
    """
    adapter = get_adapter(model)
    layer = adapter.num_layers if layer is None else layer
    if not 0 <= layer <= adapter.num_layers:
        raise SpfError(f"layer {layer} out of range 0..{adapter.num_layers}")
    input_ids = torch.as_tensor(input_ids)
    if input_ids.dim() != 2 or input_ids.shape[1] < 2:
        raise SpfError("input_ids must be (batch, seq) with seq >= 2")
    with torch.no_grad(), adapter.record_residuals() as states:
        adapter.model(input_ids=input_ids.to(adapter.lm_head_weight.device))
    representation = normalized_residual(adapter, states[layer][:, :-1]).float().cpu()
    labels = input_ids[:, 1:].to("cpu")
    return representation.reshape(-1, representation.shape[-1]), labels.reshape(-1)


def _accuracy(module: NeuralClustering | None, representation, labels, basis) -> float:
    with torch.no_grad():
        clustered = representation if module is None else module(representation)[0]
        predictions = similarity_logits(clustered, basis).argmax(-1)
    return (predictions == labels).float().mean().item()


def fit_clustering(module: NeuralClustering, representation: torch.Tensor,
                   targets: torch.Tensor, basis: torch.Tensor, config: Any) -> list[float]:
    """Train ``module`` in place: cross-entropy over cosines to ``basis`` rows + reconstruction.

    ``targets`` index rows of ``basis`` (next tokens for :func:`train_clustering`, classes
    for :mod:`spf.neural.calibration`). ``config`` carries ``steps``, ``learning_rate``,
    ``batch_size``, ``temperature``, ``reconstruction_weight`` and ``seed``. Returns the
    losses; the module is left in eval mode.
    """
    optimizer = torch.optim.AdamW(module.parameters(), lr=config.learning_rate)
    generator = torch.Generator().manual_seed(config.seed)
    module.train()
    losses = []
    for _ in range(config.steps):
        batch = torch.randint(len(targets), (min(config.batch_size, len(targets)),),
                              generator=generator)
        clustered, reconstruction = module(representation[batch])
        logits = similarity_logits(clustered, basis) / config.temperature
        loss = nn.functional.cross_entropy(logits, targets[batch])
        loss = loss + config.reconstruction_weight * nn.functional.mse_loss(
            reconstruction, representation[batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(float(loss.detach()))
    module.eval()
    return losses


def train_clustering(model: Any, input_ids: torch.Tensor, config: ClusteringConfig | None = None,
                     *, held_out_ids: torch.Tensor | None = None) -> ClusteringResult:
    """Train a :class:`NeuralClustering` module on ``input_ids`` with the model frozen."""
    config = (config or ClusteringConfig()).validate()
    adapter = get_adapter(model)
    layer = adapter.num_layers if config.layer is None else config.layer
    before = {name: parameter.detach().clone()
              for name, parameter in adapter.model.named_parameters()}
    started = time.perf_counter()
    representation, labels = collect_representations(model, input_ids, layer)
    basis = semantic_basis(adapter).float()
    torch.manual_seed(config.seed)
    module = NeuralClustering(representation.shape[-1])
    accuracy_before = _accuracy(None, representation, labels, basis)
    losses = fit_clustering(module, representation, labels, basis, config)
    for name, parameter in adapter.model.named_parameters():
        if not torch.equal(parameter.detach(), before[name]):  # pragma: no cover - a bug
            raise RuntimeError(f"the frozen model changed during clustering: {name}")
    result = ClusteringResult(
        module=module, layer=layer, losses=losses, accuracy_before=accuracy_before,
        accuracy_after=_accuracy(module, representation, labels, basis),
        seconds=time.perf_counter() - started)
    if held_out_ids is not None:
        held_representation, held_labels = collect_representations(model, held_out_ids, layer)
        result.held_out_before = _accuracy(None, held_representation, held_labels, basis)
        result.held_out_after = _accuracy(module, held_representation, held_labels, basis)
    return result
