"""One view of every supported architecture: blocks, FFNs, down projections, final norm, head.

Repair (MINT/STAR) and layer freezing need the same handful of things from a causal LM,
whatever its family: the residual stream after each block, the FFN neuron activations
``z`` (the *input* of the down/out projection), the down-projection weight in one
orientation, the final norm and the LM head. Hugging Face names these differently in
every family (``c_proj``, ``down_proj``, ``dense_4h_to_h``, ``fc_out``...), and GPT-2
stores its ``Conv1D`` weights transposed. An :class:`Adapter` hides all of that.

Conventions every method follows:

- ``down_weight(layer)`` is ALWAYS ``(hidden_size x ffn_size)``: ``ffn_out = W @ z (+ b)``.
  It is a view of the parameter (detached, sharing storage): read it, or ``.clone()`` it
  before editing; write with :meth:`Adapter.set_down_weight`, which respects the module's
  own orientation. Column ``j`` is neuron ``j``'s *value vector*.
- ``z`` is read with a forward PRE-hook on the down projection, so it is correct for gated
  FFNs (SwiGLU: ``z = act(gate(x)) * up(x)``), not just the activation function's output.
- Every hook lives inside a context manager and is removed in ``finally``, also when the
  forward pass raises.

Families are chosen by ``config.model_type``. A plugin teaches spf a new one through the
``register_architectures`` hook: ``register(model_type, factory)`` where ``factory`` is an
:class:`ArchitectureSpec` or a callable ``factory(model) -> Adapter``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spf.errors import SpfError

if TYPE_CHECKING:  # pragma: no cover - typing only; torch is imported lazily
    import torch
    from torch import nn

# Norm kinds: how the final norm's gain enters (needed to fold it into the head).
LAYER_NORM = "layernorm"  # (x - mean) / std * weight + bias
RMS_NORM = "rmsnorm"  # x / rms * weight
RMS_NORM_PLUS_ONE = "rmsnorm_plus_one"  # Gemma: x / rms * (1 + weight)


@dataclass(frozen=True)
class ArchitectureSpec:
    """Where one family keeps its parts, as attribute paths.

    ``blocks``, ``final_norm`` and ``embedding`` are dotted paths from the causal-LM
    module; ``mlp`` is an attribute of a block and ``down`` an attribute of the MLP.
    """

    model_type: str
    blocks: str
    mlp: str
    down: str
    final_norm: str
    embedding: str
    norm_kind: str = LAYER_NORM
    head: str = "lm_head"
    gated: bool = False  # documentation: SwiGLU/GeGLU FFN (z = act(gate x) * up x)


BUILTIN_ARCHITECTURES: dict[str, ArchitectureSpec] = {
    spec.model_type: spec
    for spec in (
        ArchitectureSpec("gpt2", "transformer.h", "mlp", "c_proj", "transformer.ln_f",
                         "transformer.wte"),
        ArchitectureSpec("llama", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM, gated=True),
        ArchitectureSpec("qwen2", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM, gated=True),
        ArchitectureSpec("mistral", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM, gated=True),
        ArchitectureSpec("gpt_neox", "gpt_neox.layers", "mlp", "dense_4h_to_h",
                         "gpt_neox.final_layer_norm", "gpt_neox.embed_in"),
        ArchitectureSpec("gptj", "transformer.h", "mlp", "fc_out", "transformer.ln_f",
                         "transformer.wte"),
        ArchitectureSpec("codegen", "transformer.h", "mlp", "fc_out", "transformer.ln_f",
                         "transformer.wte"),
        ArchitectureSpec("starcoder2", "model.layers", "mlp", "c_proj", "model.norm",
                         "model.embed_tokens"),
        ArchitectureSpec("gemma", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM_PLUS_ONE, gated=True),
        # Beyond the nine families of the issue, same layouts, tested the same way:
        ArchitectureSpec("qwen3", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM, gated=True),
        ArchitectureSpec("phi3", "model.layers", "mlp", "down_proj", "model.norm",
                         "model.embed_tokens", RMS_NORM, gated=True),  # fused gate_up_proj
        ArchitectureSpec("phi", "model.layers", "mlp", "fc2", "model.final_layernorm",
                         "model.embed_tokens"),
        ArchitectureSpec("gpt_bigcode", "transformer.h", "mlp", "c_proj", "transformer.ln_f",
                         "transformer.wte"),
    )
    # Not listed on purpose: families whose FFN output passes through another norm before
    # the residual stream (Gemma 2/3, OLMo 2: post_feedforward_layernorm) or whose logits
    # are soft-capped (Gemma 2): value-vector edits there are not linear in the residual.
}


def supported_architectures() -> list[str]:
    """The built-in model types plus those registered by plugins."""
    return sorted(set(BUILTIN_ARCHITECTURES) | set(_plugin_architectures(strict=False)))


def _plugin_architectures(strict: bool = True) -> dict[str, Any]:
    """``model_type -> factory`` from the ``register_architectures`` hook."""
    from spf.plugins import collect

    try:
        registered = collect("register_architectures")
    except SpfError:
        if strict:
            raise
        return {}
    return {args[0]: args[1] for args in registered}


def _unwrap(model: Any) -> Any:
    """The underlying transformers model of a peft ``PeftModel`` (or the model itself)."""
    base = getattr(model, "base_model", None)
    if base is not None and hasattr(base, "model") and hasattr(model, "peft_config"):
        return base.model
    return model


def get_adapter(model: Any) -> Adapter:
    """The adapter for a loaded Hugging Face causal LM (or a peft model around one).

    Raises ``SpfError`` for an architecture spf does not know, naming the supported ones
    and the hook that adds one. Built-in families are resolved without loading plugins
    (so a broken third-party plugin cannot break them); a plugin registration for a
    built-in ``model_type`` is therefore not consulted.
    """
    model = _unwrap(model)
    config = getattr(model, "config", None)
    model_type = getattr(config, "model_type", None)
    if model_type in BUILTIN_ARCHITECTURES:
        return Adapter(model, BUILTIN_ARCHITECTURES[model_type])
    factory = _plugin_architectures(strict=True).get(model_type)
    if factory is None:
        raise SpfError(
            f"unsupported architecture {model_type!r} ({type(model).__name__})",
            hint=f"supported: {', '.join(supported_architectures())}; a plugin adds one "
                 "with the register_architectures hook: register(model_type, "
                 "ArchitectureSpec(...) or factory(model) -> Adapter)")
    if isinstance(factory, ArchitectureSpec):
        return Adapter(model, factory)
    adapter = factory(model) if callable(factory) else None
    if not isinstance(adapter, Adapter):
        from spf.errors import PluginError

        raise PluginError(
            f"the adapter registered for {model_type!r} is not an Adapter "
            f"(got {type(adapter).__name__})",
            hint="register(model_type, ArchitectureSpec(...)) or a factory(model) returning "
                 "a spf.neural.adapters.Adapter")
    return adapter


def _resolve(root: Any, dotted: str) -> Any:
    node = root
    for part in dotted.split("."):
        node = getattr(node, part)
    return node


def _is_conv1d(module: Any) -> bool:
    """GPT-2's ``Conv1D`` stores its weight as (d_in x d_out), the transpose of ``Linear``."""
    return type(module).__name__ == "Conv1D"


def _first(output: Any) -> Any:
    """The hidden-state tensor of a module output (a tensor or a tuple starting with one)."""
    return output[0] if isinstance(output, (tuple, list)) else output


def _replace_first(output: Any, tensor: Any) -> Any:
    if isinstance(output, tuple):
        return (tensor, *output[1:])
    if isinstance(output, list):
        return [tensor, *output[1:]]
    return tensor


class Adapter:
    """A uniform view of one model's blocks, FFNs, final norm and head."""

    def __init__(self, model: Any, spec: ArchitectureSpec):
        self.model = _unwrap(model)
        self.spec = spec
        try:
            self.blocks: list[nn.Module] = list(_resolve(self.model, spec.blocks))
            self.final_norm: nn.Module = _resolve(self.model, spec.final_norm)
            self.embedding_module: nn.Module = _resolve(self.model, spec.embedding)
            self.head_module: nn.Module = _resolve(self.model, spec.head)
            self._mlps = [getattr(block, spec.mlp) for block in self.blocks]
            self._downs = [getattr(mlp, spec.down) for mlp in self._mlps]
        except AttributeError as error:
            raise SpfError(
                f"model does not match the {spec.model_type!r} layout: {error}",
                hint="the model's modules differ from what the adapter expects; register a "
                     "matching ArchitectureSpec with the register_architectures hook") from error

    # ------------------------------------------------------------ sizes

    @property
    def model_type(self) -> str:
        return self.spec.model_type

    @property
    def num_layers(self) -> int:
        return len(self.blocks)

    @property
    def hidden_size(self) -> int:
        return int(self.lm_head_weight.shape[1])

    @property
    def vocab_size(self) -> int:
        return int(self.lm_head_weight.shape[0])

    @property
    def ffn_size(self) -> int:
        return int(self.down_weight(0).shape[1])

    # ------------------------------------------------------------ modules and weights

    def ffn_module(self, layer: int) -> nn.Module:
        """The block's whole FFN (MLP) module; its output is added to the residual stream."""
        return self._mlps[layer]

    def down_projection(self, layer: int) -> nn.Module:
        """The down/out projection (``nn.Linear``, GPT-2 ``Conv1D``, or a peft wrapper)."""
        return self._downs[layer]

    def down_weight_parameter(self, layer: int) -> tuple[nn.Parameter, bool]:
        """The down projection's weight parameter and whether it is stored transposed.

        ``transposed`` is True for GPT-2's ``Conv1D`` (stored ``ffn_size x hidden_size``).
        For a peft-wrapped layer this is the frozen base layer's weight.
        """
        module = self._downs[layer]
        base = getattr(module, "base_layer", module)  # peft LoRA wrapper
        return base.weight, _is_conv1d(base)

    def down_weight(self, layer: int) -> torch.Tensor:
        """``W`` (hidden_size x ffn_size) with ``ffn_out = W @ z (+ bias)``.

        A detached VIEW sharing storage with the parameter (transposed for ``Conv1D``):
        ``.clone()`` it before changing it, and write back with :meth:`set_down_weight`.
        """
        weight, transposed = self.down_weight_parameter(layer)
        weight = weight.detach()
        return weight.T if transposed else weight

    def down_bias(self, layer: int) -> torch.Tensor | None:
        module = self._downs[layer]
        base = getattr(module, "base_layer", module)
        bias = getattr(base, "bias", None)
        return None if bias is None else bias.detach()

    def set_down_weight(self, layer: int, weight: torch.Tensor) -> None:
        """Write ``W`` (hidden_size x ffn_size) back, in place, in the module's orientation."""
        import torch

        parameter, transposed = self.down_weight_parameter(layer)
        expected = (self.hidden_size, int(parameter.shape[0 if transposed else 1]))
        if tuple(weight.shape) != expected:
            raise ValueError(f"down weight of layer {layer} must be {expected}, "
                             f"got {tuple(weight.shape)}")
        with torch.no_grad():
            parameter.copy_(weight.T if transposed else weight)

    def value_vector(self, layer: int, neuron: int) -> torch.Tensor:
        """Neuron ``neuron``'s value vector (hidden_size,): what it adds per unit of z. A copy."""
        return self.down_weight(layer)[:, neuron].clone()

    def set_value_vector(self, layer: int, neuron: int, vector: torch.Tensor) -> None:
        """Overwrite one neuron's value vector in place (respecting ``Conv1D``'s orientation)."""
        import torch

        parameter, transposed = self.down_weight_parameter(layer)
        if tuple(vector.shape) != (self.hidden_size,):
            raise ValueError(f"value vector must have shape ({self.hidden_size},), "
                             f"got {tuple(vector.shape)}")
        with torch.no_grad():
            if transposed:
                parameter[neuron, :] = vector.to(parameter.dtype)
            else:
                parameter[:, neuron] = vector.to(parameter.dtype)

    @property
    def lm_head_weight(self) -> torch.Tensor:
        """``W_U`` (vocab_size x hidden_size), detached (a view of the parameter)."""
        return self.head_module.weight.detach()

    @property
    def lm_head_bias(self) -> torch.Tensor | None:
        """The head's bias (GPT-J and CodeGen have one), or None."""
        bias = getattr(self.head_module, "bias", None)
        return None if bias is None else bias.detach()

    def final_norm_affine(self) -> tuple[torch.Tensor | None, torch.Tensor | None]:
        """The final norm's effective gain and bias: ``norm(h) = normalize(h) * gain + bias``.

        ``normalize`` is mean/std standardization for LayerNorm and division by the RMS for
        RMSNorm; Gemma's RMSNorm multiplies by ``1 + weight``, which is folded in here.
        Either element is None when the norm has no such parameter.
        """
        weight = getattr(self.final_norm, "weight", None)
        bias = getattr(self.final_norm, "bias", None)
        gain = None if weight is None else weight.detach()
        if gain is not None and self.spec.norm_kind == RMS_NORM_PLUS_ONE:
            gain = 1.0 + gain
        return gain, (None if bias is None else bias.detach())

    def logits_from_hidden(self, hidden: torch.Tensor) -> torch.Tensor:
        """Final norm, then the head (with its bias): the logits a residual state decodes to."""
        return self.head_module(self.final_norm(hidden))

    # ------------------------------------------------------------ recording and ablation

    @contextlib.contextmanager
    def _hooks(self) -> Iterator[list]:
        handles: list = []
        try:
            yield handles
        finally:
            for handle in handles:
                handle.remove()

    @contextlib.contextmanager
    def record_activations(self, layers: Iterable[int] | int | None = None, *,
                           keep_grad: bool = False) -> Iterator[dict[int, torch.Tensor]]:
        """Record the FFN neuron activations ``z`` (batch, seq, ffn_size) per layer.

        ``z`` is the input of the down projection (forward pre-hook), correct for gated
        FFNs. With ``keep_grad`` the tensors stay in the autograd graph (``retain_grad``
        is called) so ``acts[l].grad`` is filled by ``backward()`` - gradient x activation
        attribution; otherwise they are detached. A later forward pass in the same block
        overwrites the entries.
        """
        selected = self._layer_list(layers)
        recorded: dict[int, torch.Tensor] = {}

        def make_hook(layer: int) -> Callable:
            def hook(module, args, kwargs):
                z = args[0] if args else kwargs.get("input", kwargs.get("x"))
                if keep_grad:
                    if z.requires_grad:
                        z.retain_grad()
                    recorded[layer] = z
                else:
                    recorded[layer] = z.detach()

            return hook

        with self._hooks() as handles:
            for layer in selected:
                handles.append(self._downs[layer].register_forward_pre_hook(
                    make_hook(layer), with_kwargs=True))
            yield recorded

    @contextlib.contextmanager
    def record_ffn_outputs(self, layers: Iterable[int] | int | None = None
                           ) -> Iterator[dict[int, torch.Tensor]]:
        """Record each selected FFN's output (batch, seq, hidden_size), detached."""
        selected = self._layer_list(layers)
        recorded: dict[int, torch.Tensor] = {}

        def make_hook(layer: int) -> Callable:
            def hook(module, args, output):
                recorded[layer] = _first(output).detach()

            return hook

        with self._hooks() as handles:
            for layer in selected:
                handles.append(self._mlps[layer].register_forward_hook(make_hook(layer)))
            yield recorded

    @contextlib.contextmanager
    def record_residuals(self, *, keep_grad: bool = False) -> Iterator[list[torch.Tensor]]:
        """Record the residual stream ``h_0 .. h_L`` (each batch x seq x hidden_size).

        ``h_0`` is the input of the first block (embeddings, position embeddings and any
        embedding scale included); ``h_l`` the output of block ``l``, before the final
        norm. The list is refilled on every forward pass.
        """
        states: list[torch.Tensor] = []

        def keep(tensor):
            return tensor if keep_grad else tensor.detach()

        def first_block_input(module, args, kwargs):
            states.clear()
            hidden = args[0] if args else kwargs["hidden_states"]
            states.append(keep(hidden))

        def block_output(module, args, output):
            states.append(keep(_first(output)))

        with self._hooks() as handles:
            handles.append(self.blocks[0].register_forward_pre_hook(first_block_input,
                                                                    with_kwargs=True))
            for block in self.blocks:
                handles.append(block.register_forward_hook(block_output))
            yield states

    @contextlib.contextmanager
    def ablate_ffn(self, layers: Iterable[int] | int) -> Iterator[None]:
        """Zero the FFN output of the given layer(s) while the context is open."""
        selected = self._layer_list(layers)

        def zero_output(module, args, output):
            import torch

            return _replace_first(output, torch.zeros_like(_first(output)))

        with self._hooks() as handles:
            for layer in selected:
                handles.append(self._mlps[layer].register_forward_hook(zero_output))
            yield

    def prefix_replay(self, count: int) -> PrefixReplay:
        """A :class:`PrefixReplay` of the first ``count`` blocks (see there)."""
        if not 0 <= count <= self.num_layers:
            raise ValueError(f"count {count} out of range (model has {self.num_layers} blocks)")
        return PrefixReplay(self.blocks[:count])

    def _layer_list(self, layers: Iterable[int] | int | None) -> list[int]:
        if layers is None:
            return list(range(self.num_layers))
        selected = [layers] if isinstance(layers, int) else list(layers)
        for layer in selected:
            if not -self.num_layers <= layer < self.num_layers:
                raise ValueError(f"layer {layer} out of range (model has {self.num_layers})")
        return [layer % self.num_layers for layer in selected]

    def __repr__(self) -> str:
        return (f"Adapter({self.model_type}, layers={self.num_layers}, "
                f"hidden={self.hidden_size}, ffn={self.ffn_size}, vocab={self.vocab_size})")


class PrefixReplay:
    """Skip the first blocks of repeated forward passes by replaying their recorded outputs.

    A repair trial changes only upper blocks, and measuring it re-runs the same inputs many
    times: the lower blocks' outputs cannot change, so they are recorded once
    (``with replay.recording(key): model(...)``) and served from the record afterwards
    (``with replay.replaying(key): model(...)``), ``key`` naming the batch. The result is
    exact as long as the replayed blocks' weights and the inputs of ``key`` stay the same;
    the embeddings, masks and every later block still run as usual. The replayed outputs are
    cloned, so a later in-place operation cannot alter the record.
    """

    def __init__(self, blocks: list[Any]):
        self.blocks = list(blocks)
        self.outputs: dict[Any, list[Any]] = {}

    @contextlib.contextmanager
    def recording(self, key: Any) -> Iterator[None]:
        recorded: list[Any] = [None] * len(self.blocks)

        def make_hook(index: int):
            def hook(module, args, output):
                recorded[index] = _detached(output)

            return hook

        handles = [block.register_forward_hook(make_hook(index))
                   for index, block in enumerate(self.blocks)]
        try:
            yield
        finally:
            for handle in handles:
                handle.remove()
        if all(item is not None for item in recorded):
            self.outputs[key] = recorded

    @contextlib.contextmanager
    def replaying(self, key: Any) -> Iterator[None]:
        recorded = self.outputs[key]

        def make_forward(index: int):
            def forward(*args, **kwargs):
                return _cloned(recorded[index])

            return forward

        for index, block in enumerate(self.blocks):
            block.forward = make_forward(index)  # the instance attribute shadows the method
        try:
            yield
        finally:
            for block in self.blocks:
                del block.forward


def _detached(output: Any) -> Any:
    if isinstance(output, tuple):
        return tuple(_detached(item) for item in output)
    return output.detach() if hasattr(output, "detach") else output


def _cloned(output: Any) -> Any:
    if isinstance(output, tuple):
        return tuple(_cloned(item) for item in output)
    return output.clone() if hasattr(output, "clone") else output
