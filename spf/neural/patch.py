"""Patches: the weight changes of a repair, saved, shown, applied, reverted and composed.

A patch is one safetensors file. For every touched parameter (named as in
``model.named_parameters()``) it holds three tensors:

- ``<name>::index`` (int64): the touched neurons, i.e. indices along ``axis`` (the FFN axis
  of a down projection: 1 for ``nn.Linear`` weights (d x d_ff), 0 for GPT-2 ``Conv1D`` (d_ff x d));
- ``<name>::delta``: the weight deltas of those slices (patched = base + delta), float64 for
  float32 weights and float32 for half-precision ones, so that base + delta gives the patched
  values exactly (a float32 delta cannot always do that for float32 weights);
- ``<name>::base`` (the parameter's dtype): the base model's values of those slices, so that
  ``revert`` restores the base bit for bit and ``apply`` can tell a different base apart.

The JSON metadata (method, options, layers, neurons, per-tensor shape/axis/dtype and a
SHA-256 of the base model's touched slices, and of the patched slices) lives in the
safetensors header under the key ``spf_patch``; ``Patch.save`` also writes it, readable, to a
``.json`` file beside the tensors. Patched values are always computed the same way,
``(base + delta).to(dtype)`` in the delta's precision, and a repair writes exactly those values into its model,
so a saved repaired model and base + patch are identical.

Patches compose: ``apply_patches(model, [p1, p2])`` applies them in order (each checks that
the model is its base), ``revert_patches`` undoes them in reverse order, and
``compose([p1, p2])`` builds one patch with the combined effect (``combined_report``).
Works for models sharded with ``device_map="auto"``: every slice moves to its parameter's
device.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

FORMAT_VERSION = 1
METADATA_KEY = "spf_patch"
PATCH_FILE = "patch.safetensors"


def delta_dtype(dtype: Any):
    """float64 deltas for float32/float64 weights, float32 for half precision (exact either way)."""
    import torch

    return torch.float64 if dtype in (torch.float32, torch.float64) else torch.float32


def _parameters(model: Any) -> dict[str, Any]:
    return dict(model.named_parameters())


def tensor_digest(tensors: Sequence[Any]) -> str:
    """SHA-256 over the raw bytes (dtype and shape included) of tensors, in order."""
    import torch

    digest = hashlib.sha256()
    for tensor in tensors:
        tensor = tensor.detach().to("cpu").contiguous()
        digest.update(f"{tensor.dtype}:{tuple(tensor.shape)};".encode())
        if tensor.numel():
            digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


@dataclass
class TensorDelta:
    """The change of one parameter: slices ``index`` along ``axis``."""

    name: str
    axis: int
    index: Any  # LongTensor (k,)
    delta: Any  # float64/float32 (see delta_dtype), the parameter's shape with ``axis`` of size k
    base: Any  # the base slices, in the parameter's dtype
    shape: tuple[int, ...]
    dtype: str
    layer: int | None = None

    def patched_values(self):
        """The slices after the patch: ``(base + delta).to(dtype)`` in the delta's precision."""
        return (self.base.to(self.delta.dtype) + self.delta).to(self.base.dtype)

    def read(self, parameter):
        return parameter.detach().index_select(self.axis, self.index.to(parameter.device))

    def write(self, parameter, values) -> None:
        import torch

        with torch.no_grad():
            parameter.index_copy_(self.axis, self.index.to(parameter.device),
                                  values.to(device=parameter.device, dtype=parameter.dtype))

    @property
    def neurons(self) -> list[int]:
        return [int(value) for value in self.index.tolist()]

    @property
    def params_changed(self) -> int:
        return int((self.delta != 0).sum())


@dataclass
class Patch:
    """A repair's weight changes plus its metadata; see the module docstring for the format."""

    tensors: list[TensorDelta]
    method: str = "manual"
    options: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)  # anything else: cases, report summary

    # ------------------------------------------------------------ description

    @property
    def layers(self) -> list[int]:
        return sorted({item.layer for item in self.tensors if item.layer is not None})

    @property
    def neurons(self) -> dict[str, list[int]]:
        """Touched neurons per layer (``{"3": [17, 402]}``), or per tensor name without a layer."""
        table: dict[str, list[int]] = {}
        for item in self.tensors:
            key = str(item.layer) if item.layer is not None else item.name
            table.setdefault(key, []).extend(item.neurons)
        return {key: sorted(values) for key, values in table.items()}

    @property
    def neurons_changed(self) -> int:
        return sum(len(item.neurons) for item in self.tensors)

    @property
    def params_changed(self) -> int:
        return sum(item.params_changed for item in self.tensors)

    @property
    def base_hash(self) -> str:
        return tensor_digest([item.base for item in self.tensors])

    @property
    def patched_hash(self) -> str:
        return tensor_digest([item.patched_values() for item in self.tensors])

    @property
    def is_noop(self) -> bool:
        """True for a patch that changes nothing (a repair that fixed nothing, or gave up)."""
        return self.base_hash == self.patched_hash

    def metadata(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION, "method": self.method, "options": self.options,
            "layers": self.layers, "neurons": self.neurons,
            "neurons_changed": self.neurons_changed, "params_changed": self.params_changed,
            "base_hash": self.base_hash, "patched_hash": self.patched_hash,
            "tensors": [{"name": item.name, "axis": item.axis, "shape": list(item.shape),
                         "dtype": item.dtype, "layer": item.layer, "neurons": len(item.neurons),
                         "delta_norm": float(item.delta.norm())} for item in self.tensors],
            "info": self.info,
        }

    # ------------------------------------------------------------ model state

    def _check_shapes(self, parameters: dict[str, Any]) -> None:
        for item in self.tensors:
            parameter = parameters.get(item.name)
            if parameter is None:
                raise SpfError(f"the model has no parameter {item.name!r}",
                               location="patch", hint="this patch was made for another model")
            if tuple(parameter.shape) != tuple(item.shape):
                raise SpfError(f"{item.name} has shape {tuple(parameter.shape)}, the patch "
                               f"expects {tuple(item.shape)}", location="patch",
                               hint="this patch was made for another model")

    def state(self, model: Any) -> str:
        """``"base"``, ``"patched"`` or ``"other"``: what the touched slices of ``model`` hold."""
        parameters = _parameters(model)
        self._check_shapes(parameters)
        current = [item.read(parameters[item.name]) for item in self.tensors]
        digest = tensor_digest(current)
        if digest == self.base_hash:
            return "base"
        if digest == self.patched_hash:
            return "patched"
        return "other"

    def apply(self, model: Any) -> Any:
        """Write the patched slices into ``model`` (in place); refuse a different base."""
        if self.is_noop:
            self._check_shapes(_parameters(model))
            return model
        state = self.state(model)
        if state == "patched":
            raise SpfError("the patch is already applied to this model", location="patch",
                           hint="revert it first, or load the base model")
        if state != "base":
            raise SpfError("the model's weights differ from the patch's base "
                           f"(base hash {self.base_hash[:12]})", location="patch",
                           hint="apply the patch to the model it was made from "
                                "(and earlier patches first, in order)")
        parameters = _parameters(model)
        for item in self.tensors:
            item.write(parameters[item.name], item.patched_values())
        return model

    def revert(self, model: Any) -> Any:
        """Restore the base slices exactly; refuse a model this patch is not applied to."""
        if self.is_noop:
            self._check_shapes(_parameters(model))
            return model
        state = self.state(model)
        if state == "base":
            raise SpfError("the patch is not applied to this model", location="patch",
                           hint="nothing to revert")
        if state != "patched":
            raise SpfError("the model's touched weights match neither the base nor the "
                           "patched values", location="patch",
                           hint="revert later patches first (reverse order)")
        parameters = _parameters(model)
        for item in self.tensors:
            item.write(parameters[item.name], item.base)
        return model

    # ------------------------------------------------------------ files

    def save(self, path: str | Path) -> Path:
        """Write the safetensors file (and ``<stem>.json`` beside it) atomically."""
        from safetensors.torch import save

        from spf.files import atomic_write_bytes, atomic_write_text

        path = Path(path)
        if path.suffix != ".safetensors":
            path = path / PATCH_FILE
        tensors = {}
        for item in self.tensors:
            tensors[f"{item.name}::index"] = item.index.detach().cpu().contiguous()
            tensors[f"{item.name}::delta"] = item.delta.detach().cpu().contiguous()
            tensors[f"{item.name}::base"] = item.base.detach().cpu().contiguous()
        metadata = self.metadata()
        data = save(tensors, metadata={METADATA_KEY: json.dumps(metadata)})
        atomic_write_bytes(path, data)
        atomic_write_text(path.with_suffix(".json"), json.dumps(metadata, indent=2) + "\n")
        return path


def load_patch(path: str | Path) -> Patch:
    """Read a patch file (or a folder holding ``patch.safetensors``)."""
    from safetensors import safe_open

    path = Path(path)
    if path.is_dir():
        path = path / PATCH_FILE
    if not path.is_file():
        raise SpfError("patch file not found", location=str(path),
                       hint=f"give a .safetensors patch or a folder with {PATCH_FILE}")
    try:
        with safe_open(str(path), framework="pt") as handle:
            header = handle.metadata() or {}
            if METADATA_KEY not in header:
                raise SpfError("not an spf patch (no spf_patch metadata)", location=str(path))
            metadata = json.loads(header[METADATA_KEY])
            tensors = []
            for entry in metadata["tensors"]:
                name = entry["name"]
                tensors.append(TensorDelta(
                    name=name, axis=int(entry["axis"]),
                    index=handle.get_tensor(f"{name}::index"),
                    delta=handle.get_tensor(f"{name}::delta"),
                    base=handle.get_tensor(f"{name}::base"),
                    shape=tuple(entry["shape"]), dtype=entry["dtype"], layer=entry.get("layer")))
    except SpfError:
        raise
    except Exception as error:
        raise SpfError(f"cannot read patch: {error}", location=str(path)) from error
    patch = Patch(tensors=tensors, method=metadata.get("method", "manual"),
                  options=metadata.get("options", {}), info=metadata.get("info", {}))
    if patch.base_hash != metadata.get("base_hash"):
        raise SpfError("patch file is corrupt (base hash mismatch)", location=str(path))
    return patch


# ---------------------------------------------------------------- building and composing


class WeightRecorder:
    """Remembers the base values of every slice a repair touches, then builds its patch.

    Call ``capture(name, axis, neurons)`` *before* changing those slices (a repeated capture
    of the same slice is a no-op, so the first, original value is kept). ``restore`` puts the
    base back; ``build`` returns the patch of what changed and writes the patch's exact
    patched values into the model.
    """

    def __init__(self, model: Any):
        self.model = model
        self.parameters = _parameters(model)
        self._captured: dict[str, dict[str, Any]] = {}

    def capture(self, name: str, axis: int, neurons: Sequence[int] | None = None,
                layer: int | None = None) -> None:
        import torch

        parameter = self.parameters[name]
        size = parameter.shape[axis]
        wanted = range(size) if neurons is None else neurons
        entry = self._captured.setdefault(name, {"axis": axis, "layer": layer, "slices": {}})
        missing = [int(index) for index in wanted if int(index) not in entry["slices"]]
        if not missing:
            return
        index = torch.tensor(missing, dtype=torch.long, device=parameter.device)
        values = parameter.detach().index_select(axis, index).to("cpu").clone()
        for position, neuron in enumerate(missing):
            entry["slices"][neuron] = values.select(axis, position)

    def restore(self) -> None:
        """Write every captured base slice back (the model returns to its base exactly)."""
        for item in self._deltas(keep_unchanged=True):
            item.write(self.parameters[item.name], item.base)

    def _deltas(self, *, keep_unchanged: bool) -> list[TensorDelta]:
        import torch

        deltas = []
        for name, entry in self._captured.items():
            axis, parameter = entry["axis"], self.parameters[name]
            neurons = sorted(entry["slices"])
            index = torch.tensor(neurons, dtype=torch.long)
            base = torch.stack([entry["slices"][neuron] for neuron in neurons], dim=axis)
            current = parameter.detach().index_select(axis, index.to(parameter.device)).cpu()
            precision = delta_dtype(base.dtype)
            delta = current.to(precision) - base.to(precision)
            if not keep_unchanged:
                other_axes = [dim for dim in range(delta.dim()) if dim != axis]
                changed = (delta != 0).any(dim=other_axes[0]) if other_axes else delta != 0
                for dim in other_axes[1:]:
                    changed = changed.any(dim=dim)
                if not bool(changed.any()):
                    continue
                keep = changed.nonzero().flatten()
                index, base = index[keep], base.index_select(axis, keep)
                delta = delta.index_select(axis, keep)
            deltas.append(TensorDelta(
                name=name, axis=axis, index=index, delta=delta.contiguous(),
                base=base.contiguous(), shape=tuple(parameter.shape),
                dtype=str(parameter.dtype).replace("torch.", ""), layer=entry["layer"]))
        return deltas

    def build(self, *, method: str = "manual", options: dict[str, Any] | None = None,
              info: dict[str, Any] | None = None) -> Patch:
        """The patch of every captured slice that changed; the model then holds base + patch."""
        tensors = self._deltas(keep_unchanged=False)
        patch = Patch(tensors=tensors, method=method, options=dict(options or {}),
                      info=dict(info or {}))
        for item in tensors:
            item.write(self.parameters[item.name], item.patched_values())
        return patch


def apply_patches(model: Any, patches: Sequence[Patch]) -> Any:
    """Apply patches in order (each must find the model in its own base state)."""
    for number, patch in enumerate(patches, start=1):
        try:
            patch.apply(model)
        except SpfError as error:
            raise SpfError(error.message, location=f"patch {number}", hint=error.hint) from error
    return model


def revert_patches(model: Any, patches: Sequence[Patch]) -> Any:
    """Revert patches applied in the given order, last first."""
    for number, patch in reversed(list(enumerate(patches, start=1))):
        try:
            patch.revert(model)
        except SpfError as error:
            raise SpfError(error.message, location=f"patch {number}", hint=error.hint) from error
    return model


def compose(patches: Sequence[Patch]) -> Patch:
    """One patch with the combined effect of ``patches`` applied in order.

    The base of a slice is its value before the first patch that touches it; its patched value
    is the one after the last. Raises SpfError when the patches do not chain (a later patch's
    base differs from an earlier patch's result on a shared slice).
    """
    import torch

    if not patches:
        raise SpfError("nothing to compose", hint="give at least one patch")
    slices: dict[str, dict[str, Any]] = {}
    for number, patch in enumerate(patches, start=1):
        for item in patch.tensors:
            entry = slices.setdefault(item.name, {"axis": item.axis, "shape": item.shape,
                                                  "dtype": item.dtype, "layer": item.layer,
                                                  "base": {}, "after": {}})
            after = item.patched_values()
            for position, neuron in enumerate(item.neurons):
                base_slice = item.base.select(item.axis, position)
                if neuron in entry["after"]:
                    if not torch.equal(entry["after"][neuron], base_slice):
                        raise SpfError(f"patch {number} does not apply on top of the earlier "
                                       f"ones ({item.name}, neuron {neuron})", location="compose",
                                       hint="compose patches in the order they were made")
                else:
                    entry["base"][neuron] = base_slice
                entry["after"][neuron] = after.select(item.axis, position)
    tensors = []
    for name, entry in slices.items():
        neurons = sorted(entry["base"])
        axis = entry["axis"]
        base = torch.stack([entry["base"][n] for n in neurons], dim=axis)
        after = torch.stack([entry["after"][n] for n in neurons], dim=axis)
        precision = delta_dtype(base.dtype)
        tensors.append(TensorDelta(name=name, axis=axis,
                                   index=torch.tensor(neurons, dtype=torch.long),
                                   delta=(after.to(precision) - base.to(precision)).contiguous(),
                                   base=base.contiguous(), shape=entry["shape"],
                                   dtype=entry["dtype"], layer=entry["layer"]))
    methods = sorted({patch.method for patch in patches})
    return Patch(tensors=tensors, method="+".join(methods),
                 options={"composed_of": [patch.metadata()["patched_hash"][:12]
                                          for patch in patches]},
                 info={"patches": len(patches)})


def combined_report(patches: Sequence[Patch]) -> dict[str, Any]:
    """The combined effect of patches applied in sequence: layers, neurons, parameters."""
    combined = compose(patches)
    return {"patches": len(patches), "methods": [patch.method for patch in patches],
            "layers": combined.layers, "neurons": combined.neurons,
            "neurons_changed": combined.neurons_changed,
            "params_changed": combined.params_changed,
            "per_patch": [{"method": patch.method, "layers": patch.layers,
                           "neurons_changed": patch.neurons_changed,
                           "params_changed": patch.params_changed} for patch in patches]}
