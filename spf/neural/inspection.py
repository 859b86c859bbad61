"""What ``spf inspect`` shows: the logit lens of one prompt, layer by layer, and its heatmap.

For a prompt, every latent space ``h_0`` (embeddings) .. ``h_L`` (after the last block) is
decoded through the final norm and the head (``method="head"``, probabilities by softmax)
or by cosine similarity to the semantic basis (``method="similarity"``). At the last
position the report lists each layer's top tokens and the rank of an optional target
token; the heatmap shows the target's probability (or similarity) at every layer and
position, so one sees in which layer the model "decides" the token.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

#: Pixels per heatmap cell and the fixed margins of the default plot size.
CELL_WIDTH, CELL_HEIGHT, MARGIN_WIDTH, MARGIN_HEIGHT = 60, 40, 260, 200
MIN_WIDTH, MIN_HEIGHT = 640, 400
PLOT_DPI = 100


@dataclass
class TokenScore:
    token: str
    id: int
    score: float  # the logit (head) or the cosine similarity (similarity)
    probability: float | None  # softmax of the logits (head only)


@dataclass
class LayerReport:
    layer: int  # 0 = embeddings, l = after block l
    name: str
    top: list[TokenScore]
    target_rank: int | None = None  # 1 = top-1
    target_score: float | None = None
    target_probability: float | None = None


@dataclass
class InspectReport:
    model: str
    model_type: str
    prompt: str
    method: str
    tokens: list[str]
    target: dict | None
    layers: list[LayerReport]
    #: (L+1) x positions: the target's (or the final prediction's) probability/similarity
    heatmap: list[list[float]] = field(default_factory=list)
    heatmap_token: dict | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return data


def _token_text(tokenizer, token_id: int) -> str:
    return tokenizer.decode([token_id], clean_up_tokenization_spaces=False)


def resolve_target(tokenizer, target: str) -> int:
    """The id of ``target`` when it is exactly one token, else an ``SpfError``."""
    if target == "":
        raise SpfError("empty --target", hint="give one token, e.g. --target ' return'")
    ids = tokenizer(target, add_special_tokens=False)["input_ids"]
    if len(ids) != 1:
        pieces = [_token_text(tokenizer, token_id) for token_id in ids]
        variants = [variant for variant in (" " + target, target.strip(), target.lstrip())
                    if variant and variant != target
                    and len(tokenizer(variant, add_special_tokens=False)["input_ids"]) == 1]
        hint = (f"{variants[0]!r} is a single token" if variants else
                "give a single token (mind the leading space: ' name' and 'name' are "
                "different tokens)")
        raise SpfError(f"--target {target!r} is {len(ids)} tokens {pieces}, not one",
                       hint=hint)
    return int(ids[0])


def inspect_prompt(model: Any, tokenizer: Any, prompt: str, *, target: str | None = None,
                   top: int = 5, method: str = "head", model_name: str = "") -> InspectReport:
    """Run the logit lens on ``prompt`` and summarise it (see the module docstring)."""
    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.semantics import (
        normalized_residual,
        residual_states,
        semantic_basis,
        similarity_logits,
    )

    if not prompt or not prompt.strip():
        raise SpfError("empty --prompt", hint="give the text to inspect, e.g. --prompt 'def '")
    if top < 1:
        raise SpfError("--top must be at least 1")
    if method not in ("head", "similarity"):
        raise SpfError(f"unknown --method {method!r}", hint="head or similarity")
    adapter = get_adapter(model)
    target_id = None if target is None else resolve_target(tokenizer, target)
    # The tokenizer's own special tokens (a BOS for Llama-style tokenizers, nothing for
    # GPT-2-style ones): the model sees the prompt as it would in generation.
    ids = tokenizer(prompt)["input_ids"]
    if not ids:
        raise SpfError("the prompt encodes to no tokens")
    context = getattr(model.config, "max_position_embeddings", None) or getattr(
        model.config, "n_positions", None)
    if context and len(ids) > context:
        raise SpfError(f"prompt is {len(ids)} tokens, the model's context is {context}",
                       hint="shorten --prompt")
    input_ids = torch.tensor([ids], device=adapter.lm_head_weight.device)
    states = residual_states(adapter, input_ids)  # h_0 .. h_L, each (1, seq, d)
    basis = semantic_basis(adapter) if method == "similarity" else None

    def decode(layer: int) -> torch.Tensor:
        """(seq, V) scores of one latent space: one layer at a time keeps memory O(seq x V)."""
        with torch.no_grad():
            if basis is None:
                return adapter.logits_from_hidden(states[layer])[0].float().cpu()
            state = normalized_residual(adapter, states[layer][0]).float()
            return similarity_logits(state, basis.to(state.device)).cpu()

    final_scores = decode(len(states) - 1)
    heat_id = target_id if target_id is not None else int(final_scores[-1].argmax())
    layers, heatmap = [], []
    for layer in range(len(states)):
        scores = final_scores if layer == len(states) - 1 else decode(layer)
        values = scores.softmax(-1) if basis is None else scores
        last = scores[-1]
        best = torch.topk(last, min(top, last.shape[0]))
        entries = [TokenScore(_token_text(tokenizer, int(token_id)), int(token_id),
                              float(score), None if basis is not None else
                              float(values[-1, token_id]))
                   for score, token_id in zip(best.values, best.indices)]
        report = LayerReport(layer, "embeddings" if layer == 0 else f"block {layer}", entries)
        if target_id is not None:
            report.target_rank = int((last > last[target_id]).sum()) + 1
            report.target_score = float(last[target_id])
            if basis is None:
                report.target_probability = float(values[-1, target_id])
        layers.append(report)
        heatmap.append(values[:, heat_id].tolist())

    return InspectReport(
        model=model_name, model_type=adapter.model_type, prompt=prompt, method=method,
        tokens=[_token_text(tokenizer, token_id) for token_id in ids],
        target=None if target_id is None else {"text": target, "id": target_id},
        layers=layers, heatmap=heatmap,
        heatmap_token={"text": _token_text(tokenizer, heat_id), "id": heat_id,
                       "why": "target" if target_id is not None else "final prediction"})


def _visible(token: str) -> str:
    """A token label with its spaces and escapes visible (a leading space matters)."""
    return repr(token)[1:-1].replace(" ", "\u2423")


def default_plot_size(positions: int, layers: int) -> tuple[int, int]:
    """Pixel size of the heatmap: one cell per (position, latent space) plus margins."""
    return (max(MIN_WIDTH, MARGIN_WIDTH + CELL_WIDTH * positions),
            max(MIN_HEIGHT, MARGIN_HEIGHT + CELL_HEIGHT * layers))


def plot_heatmap(report: InspectReport, path: str | Path,
                 size: tuple[int, int] | None = None) -> tuple[int, int]:
    """Draw the report's heatmap (latent spaces x positions) to a PNG; returns its pixel size.

    Written atomically (a temporary file, then a rename). matplotlib's Agg backend: no
    display needed.
    """
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from spf.files import atomic_write_bytes

    rows = len(report.heatmap)
    columns = len(report.tokens)
    width, height = size or default_plot_size(columns, rows)
    figure = Figure(figsize=(width / PLOT_DPI, height / PLOT_DPI), dpi=PLOT_DPI)
    FigureCanvasAgg(figure)  # render with Agg: no display, no global pyplot state
    axes = figure.add_subplot()
    is_probability = report.method == "head"
    image = axes.imshow(report.heatmap, aspect="auto", origin="lower", cmap="viridis",
                        vmin=0.0 if is_probability else -1.0, vmax=1.0,
                        interpolation="nearest")
    axes.set_xticks(range(columns))
    axes.set_xticklabels([_visible(token) for token in report.tokens], rotation=60,
                         ha="right", fontsize=8)
    axes.set_yticks(range(rows))
    axes.set_yticklabels(["emb"] + [str(layer) for layer in range(1, rows)], fontsize=8)
    axes.set_xlabel("position (input token; the prediction is for the next one)")
    axes.set_ylabel("latent space (0 = embeddings)")
    token = report.heatmap_token or {}
    label = "probability" if is_probability else "cosine similarity"
    axes.set_title(f"{label} of {token.get('text', '?')!r} ({token.get('why', '')}) "
                   f"by layer - {report.model_type}", fontsize=10)
    figure.colorbar(image, ax=axes, label=label)
    figure.subplots_adjust(left=min(0.3, 90 / width), right=0.95,
                           bottom=min(0.45, 110 / height), top=1 - min(0.2, 40 / height))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PLOT_DPI)
    atomic_write_bytes(path, buffer.getvalue())
    return width, height
