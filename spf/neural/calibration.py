"""VDS calibration: a neural clustering module that turns a frozen LM into a text classifier.

From vocabulary-defined semantics (docs/neural.md, "Calibration"): every class is named by
a label word; the word's semantic basis vector (the mean of its tokens' unit basis rows,
:func:`~spf.neural.semantics.semantic_basis`) is the class's anchor in the model's last
latent space. A text is represented by the normalized residual state at its last token
(after ``template`` is applied), and classified by cosine similarity to the anchors: the
frozen model's own "similarity logits". Calibration trains a
:class:`~spf.neural.clustering.NeuralClustering` module on labelled texts so that each
representation moves toward its class's anchor (cross-entropy over the cosines to the
anchors, temperature 0.05, plus the reconstruction term); the model is never changed.

Saved as a folder: ``calibration.safetensors`` (the module's weights and the anchors) and
``calibration.json`` (labels, layer, template, the model it was trained on, a fingerprint
of that model's head, the training report). :meth:`Calibration.load` reads it back and
reproduces the predictions bit for bit on the same machine and model.

Choices (the paper's classification details are not public):

- the anchors are fixed (not trained): only the module learns, so the label words keep
  their meaning and the frozen model's own similarity prediction is step 0;
- multi-token label words use the mean of their tokens' unit basis rows; two labels with
  the same tokens are refused;
- texts are batched by exact token length, so no padding and no attention mask can
  change a representation; longer texts keep their last ``max_tokens`` tokens (the
  template's cue stays).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch

from spf.errors import SpfError
from spf.neural.adapters import get_adapter
from spf.neural.clustering import ClusteringConfig, NeuralClustering, fit_clustering
from spf.neural.semantics import head_matrix, normalized_residual, semantic_basis, similarity_logits

FORMAT = "spf-calibration/1"
WEIGHTS_FILE = "calibration.safetensors"
CONFIG_FILE = "calibration.json"


@dataclass
class CalibrationConfig(ClusteringConfig):
    """Options of :func:`calibrate` (the clustering options, other defaults, and how texts
    are read); validated by :meth:`validate`."""

    steps: int = 300
    batch_size: int = 64
    template: str = "{text}"  # how a text is shown to the model; must contain {text}
    label_prefix: str = " "  # put before a label word when it is tokenized
    max_tokens: int | None = None  # None: the model's context

    def validate(self) -> CalibrationConfig:
        super().validate()
        if "{text}" not in self.template:
            raise SpfError(f"template {self.template!r} has no {{text}} placeholder",
                           location="--template", hint="e.g. --template '# {text}\\nimport'")
        if self.max_tokens is not None and self.max_tokens < 1:
            raise SpfError("max_tokens must be at least 1", location="--max-tokens")
        return self


@dataclass
class LabelledText:
    text: str
    label: str | None


def read_labelled(path: str | Path, *, need_labels: bool = True) -> list[LabelledText]:
    """Records of a JSONL file with a string ``text`` and (when ``need_labels``) ``label``.

    A label may be a string or an integer (written as its decimal string). Errors name the
    file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise SpfError("data file not found", location=str(path),
                       hint='a JSONL file: one {"text": ..., "label": ...} object a line')
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise SpfError("data file is not UTF-8 text", location=str(path)) from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SpfError(f"invalid JSON: {error.msg}", location=where,
                           hint="one JSON object per line") from error
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise SpfError("record has no string field 'text'", location=where,
                           hint='each line must look like {"text": "...", "label": "..."}')
        if not record["text"].strip():
            raise SpfError("empty 'text'", location=where)
        label = record.get("label")
        if isinstance(label, bool) or not (label is None or isinstance(label, (str, int))):
            raise SpfError("'label' must be a string or an integer", location=where)
        if label is None and need_labels:
            raise SpfError("record has no 'label'", location=where,
                           hint="calibration needs a label on every line")
        label = None if label is None else str(label)
        if label is not None and not label.strip():
            raise SpfError("empty 'label'", location=where)
        records.append(LabelledText(record["text"], label))
    if not records:
        raise SpfError("data file is empty", location=str(path))
    return records


def head_fingerprint(model: Any) -> str:
    """A SHA-256 (32 hex digits) of the model's folded head: the space the anchors live in."""
    import hashlib

    weight, _ = head_matrix(model, fold_norm=True, dtype=torch.float32)
    digest = hashlib.sha256(f"{tuple(weight.shape)}|".encode())
    digest.update(weight.detach().to("cpu").contiguous().numpy().tobytes())
    return digest.hexdigest()[:32]


def label_anchors(model: Any, tokenizer: Any, labels: Sequence[str], prefix: str = " "
                  ) -> torch.Tensor:
    """One anchor per label (k x d): the mean of the unit basis rows of its word's tokens."""
    basis = semantic_basis(get_adapter(model)).float()
    seen: dict[tuple[int, ...], str] = {}
    anchors = []
    for label in labels:
        ids = tuple(tokenizer(prefix + label, add_special_tokens=False)["input_ids"])
        if not ids:
            raise SpfError(f"label {label!r} has no tokens", location="labels")
        if ids in seen:
            raise SpfError(f"labels {seen[ids]!r} and {label!r} have the same tokens",
                           location="labels", hint="give every class a distinct label word")
        seen[ids] = label
        rows = basis[list(ids)]
        anchors.append((rows / rows.norm(dim=-1, keepdim=True).clamp_min(1e-8)).mean(0))
    return torch.stack(anchors)


def text_representations(model: Any, tokenizer: Any, texts: Sequence[str], *,
                         layer: int | None = None, template: str = "{text}",
                         max_tokens: int | None = None, batch_size: int = 32) -> torch.Tensor:
    """The normalized residual at the last token of each templated text (N x d, float32)."""
    adapter = get_adapter(model)
    layer = adapter.num_layers if layer is None else layer
    if not 0 <= layer <= adapter.num_layers:
        raise SpfError(f"layer {layer} out of range 0..{adapter.num_layers}", location="--layer")
    context = getattr(adapter.model.config, "max_position_embeddings", None) or getattr(
        adapter.model.config, "n_positions", None)
    limit = max_tokens or context or 1024
    if context:
        limit = min(limit, context)
    encoded = []
    for text in texts:
        ids = tokenizer(template.replace("{text}", text))["input_ids"]
        if not ids:
            raise SpfError(f"text {text[:40]!r} has no tokens", location="data")
        encoded.append(ids[-limit:])
    by_length: dict[int, list[int]] = {}
    for index, ids in enumerate(encoded):
        by_length.setdefault(len(ids), []).append(index)
    result = torch.empty(len(encoded), adapter.hidden_size)
    device = adapter.lm_head_weight.device
    for length in sorted(by_length):
        indices = by_length[length]
        for start in range(0, len(indices), batch_size):
            chunk = indices[start:start + batch_size]
            ids = torch.tensor([encoded[index] for index in chunk], device=device)
            with torch.no_grad(), adapter.record_residuals() as states:
                adapter.model(input_ids=ids)
            result[chunk] = normalized_residual(adapter, states[layer][:, -1]).float().cpu()
    return result


@dataclass
class Calibration:
    """A trained calibration: module, anchors, labels and how texts are read."""

    module: NeuralClustering
    labels: list[str]
    anchors: torch.Tensor  # k x d
    layer: int
    config: CalibrationConfig
    fingerprint: str
    model: str | None = None
    report: dict[str, Any] = field(default_factory=dict)

    def scores(self, representation: torch.Tensor, *, calibrated: bool = True) -> torch.Tensor:
        """Similarity logits (N x k) of representations to the anchors, after the module."""
        with torch.no_grad():
            clustered = self.module(representation)[0] if calibrated else representation
            return similarity_logits(clustered, self.anchors)

    def representations(self, model: Any, tokenizer: Any, texts: Sequence[str]) -> torch.Tensor:
        self.check_model(model)
        return text_representations(model, tokenizer, texts, layer=self.layer,
                                    template=self.config.template,
                                    max_tokens=self.config.max_tokens)

    def check_model(self, model: Any) -> None:
        if head_fingerprint(model) != self.fingerprint:
            raise SpfError("the model's head differs from the one this calibration was "
                           "trained on", location=str(self.model or "model"),
                           hint="classify with the model given to `spf calibrate`")

    def classify(self, model: Any, tokenizer: Any, texts: Sequence[str],
                 labels: Sequence[str | None] | None = None, *, calibrated: bool = True
                 ) -> dict[str, Any]:
        """Predictions (and ``accuracy`` when every text has a label) for ``texts``."""
        scores = self.scores(self.representations(model, tokenizer, texts),
                             calibrated=calibrated)
        predicted = [self.labels[index] for index in scores.argmax(-1).tolist()]
        result: dict[str, Any] = {"predictions": [
            {"index": index, "prediction": label, "scores": [round(v, 6) for v in row]}
            for index, (label, row) in enumerate(zip(predicted, scores.tolist()))]}
        if labels is not None and all(label is not None for label in labels):
            unknown = sorted({label for label in labels if label not in self.labels})
            correct = sum(p == t for p, t in zip(predicted, labels))
            result.update(accuracy=correct / len(labels), correct=correct, total=len(labels),
                          unknown_labels=unknown)
        return result

    def save(self, out_dir: str | Path) -> Path:
        """Write the folder (all or nothing: built in a temporary sibling, then renamed)."""
        from safetensors.torch import save_file

        from spf.files import write_folder_atomically

        def write(staging: Path) -> None:
            tensors = {f"module.{name}": value.detach().contiguous()
                       for name, value in self.module.state_dict().items()}
            tensors["anchors"] = self.anchors.contiguous()
            save_file(tensors, str(staging / WEIGHTS_FILE))
            meta = {"format": FORMAT, "labels": self.labels, "layer": self.layer,
                    "hidden_size": int(self.anchors.shape[1]), "model": self.model,
                    "fingerprint": self.fingerprint, "config": asdict(self.config),
                    "report": self.report}
            (staging / CONFIG_FILE).write_text(json.dumps(meta, indent=2) + "\n",
                                               encoding="utf-8")

        return write_folder_atomically(out_dir, write)

    @classmethod
    def load(cls, folder: str | Path) -> Calibration:
        """Read a folder written by :meth:`save`; one-line errors for anything else."""
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        folder = Path(folder)
        meta_path, weights_path = folder / CONFIG_FILE, folder / WEIGHTS_FILE
        if not meta_path.is_file() or not weights_path.is_file():
            raise SpfError("not a calibration folder", location=str(folder),
                           hint=f"`spf calibrate` writes {CONFIG_FILE} and {WEIGHTS_FILE}")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            tensors = load_file(str(weights_path))
            if meta.get("format") != FORMAT:
                raise ValueError(f"unknown format {meta.get('format')!r}")
            config = CalibrationConfig(**meta["config"]).validate()
            module = NeuralClustering(int(meta["hidden_size"]))
            module.load_state_dict({name.removeprefix("module."): value
                                    for name, value in tensors.items()
                                    if name.startswith("module.")})
            anchors = tensors["anchors"]
            labels = [str(label) for label in meta["labels"]]
            if anchors.shape != (len(labels), int(meta["hidden_size"])):
                raise ValueError("anchors do not match the labels")
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, SafetensorError,
                json.JSONDecodeError) as error:
            raise SpfError(f"cannot read the calibration: {str(error).splitlines()[0]}",
                           location=str(folder)) from error
        module.eval()
        return cls(module=module, labels=labels, anchors=anchors, layer=int(meta["layer"]),
                   config=config, fingerprint=str(meta["fingerprint"]),
                   model=meta.get("model"), report=meta.get("report") or {})


def calibrate(model: Any, tokenizer: Any, texts: Sequence[str], labels: Sequence[str],
              config: CalibrationConfig | None = None, *, model_name: str | None = None
              ) -> Calibration:
    """Train a calibration on labelled texts with ``model`` frozen (its parameters checked)."""
    config = (config or CalibrationConfig()).validate()
    if len(texts) != len(labels) or not texts:
        raise SpfError("calibration needs as many labels as texts, and at least one text")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise SpfError("calibration needs at least two distinct labels", location="data")
    adapter = get_adapter(model)
    layer = adapter.num_layers if config.layer is None else config.layer
    before = {name: parameter.detach().clone()
              for name, parameter in adapter.model.named_parameters()}
    started = time.process_time()
    anchors = label_anchors(model, tokenizer, classes, config.label_prefix)
    representation = text_representations(model, tokenizer, texts, layer=layer,
                                          template=config.template,
                                          max_tokens=config.max_tokens)
    targets = torch.tensor([classes.index(label) for label in labels])
    torch.manual_seed(config.seed)
    module = NeuralClustering(representation.shape[-1])
    losses = fit_clustering(module, representation, targets, anchors, config)
    for name, parameter in adapter.model.named_parameters():
        if not torch.equal(parameter.detach(), before[name]):  # pragma: no cover - a bug
            raise RuntimeError(f"the frozen model changed during calibration: {name}")
    calibration = Calibration(module=module, labels=classes, anchors=anchors, layer=layer,
                              config=config, fingerprint=head_fingerprint(model),
                              model=model_name)
    frozen = calibration.scores(representation, calibrated=False).argmax(-1)
    after = calibration.scores(representation).argmax(-1)
    calibration.report = {
        "texts": len(texts), "classes": len(classes), "steps": len(losses),
        "first_loss": losses[0], "final_loss": losses[-1],
        "train_accuracy_frozen": (frozen == targets).float().mean().item(),
        "train_accuracy": (after == targets).float().mean().item(),
        "parameters": sum(p.numel() for p in module.encoder.parameters()),
        "training_parameters": sum(p.numel() for p in module.parameters()),
        "cpu_seconds": round(time.process_time() - started, 3)}
    return calibration
