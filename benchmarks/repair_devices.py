"""Check that the repair statistics live on the device of the block they describe.

    python benchmarks/repair_devices.py MODEL_DIR                      # every visible GPU
    python benchmarks/repair_devices.py MODEL_DIR --device cpu         # a dry run on the CPU

Loads MODEL_DIR (a local causal LM folder with its tokenizer, e.g. `spf model build-tiny`)
with its blocks spread over the visible GPUs (an explicit ``device_map``: block ``i`` on
GPU ``i * gpus // layers``, the embeddings on the first, the head on the last; one GPU: all
on it), computes every statistic the repair methods keep per block and checks where each
one is:

- STAR: the hold covariance ``C_l = Σ z zᵀ`` (d_ff x d_ff) and the cross-entropy gradient
  of ``W_l`` (hidden x d_ff);
- MINT: the mean ``z²`` per neuron, and the protection statistics ``(G, Z, m)`` (Q x hidden,
  Q x d_ff, Q) of the right hold positions;
- both: a failure's ``z`` and ``g = ∂gap/∂ffn_out``;
- SGD: the base model's log-probabilities of the hold rows, on the head's device (where
  the logits they are compared with are; they used to be kept on the CPU).

Prints one line, ``ok N statistics on their blocks' devices (...)`` or ``FAIL`` with the
first misplaced statistic, and exits 1 on a failure. On the CPU every device is ``cpu``, so
the run only shows that the code paths work; run it on a GPU machine (``gpu_check.sh`` does)
to check the placement.
"""

from __future__ import annotations

import argparse
import sys


def device_map_over_gpus(model_dir: str, gpus: int) -> dict[str, int]:
    """Blocks spread evenly over ``gpus`` GPUs, for the model folder's architecture."""
    from accelerate import init_empty_weights
    from transformers import AutoConfig, AutoModelForCausalLM

    from spf.neural.adapters import get_adapter

    config = AutoConfig.from_pretrained(model_dir, local_files_only=True)
    with init_empty_weights():
        empty = AutoModelForCausalLM.from_config(config)
    adapter = get_adapter(empty)
    layers = adapter.num_layers
    names = {id(module): name for name, module in empty.named_modules()}
    blocks = {names[id(adapter.blocks[index])]: index * gpus // layers for index in range(layers)}
    placement: dict[str, int] = {}
    for name, _ in empty.named_parameters():
        owner = next((block for block in blocks if name.startswith(block + ".")), None)
        if owner is not None:
            placement[owner] = blocks[owner]
        else:  # embeddings on the first GPU, the final norm and the head on the last
            module = name.rsplit(".", 1)[0]
            placement[module] = 0 if "emb" in module or "wte" in module or "wpe" in module \
                else gpus - 1
    return placement


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--device", default="cuda", help="cuda (every visible GPU) or cpu")
    arguments = parser.parse_args()

    import torch

    from spf.neural.adapters import get_adapter
    from spf.neural.cases import as_cases, encode_cases
    from spf.neural.loading import load_model
    from spf.neural.repair.common import (
        CaseSet,
        find_failures,
        gap_gradients,
        hold_second_moments,
    )
    from spf.neural.repair.mint import HoldProbe, hold_energy
    from spf.neural.repair.sgd import SgdConfig, _hold_rows
    from spf.neural.repair.star import descent_gradients

    torch.manual_seed(0)
    if arguments.device == "cpu":
        model, tokenizer = load_model(arguments.model_dir, dtype="float32", device="cpu")
        gpus = 0
    else:
        gpus = torch.cuda.device_count()
        if gpus == 0:
            print("FAIL  no GPU visible (use --device cpu for a dry run)")
            return 1
        placement = device_map_over_gpus(arguments.model_dir, gpus)
        model, tokenizer = load_model(arguments.model_dir, dtype="float32", device_map=placement)
    adapter = get_adapter(model)
    layers = list(range(adapter.num_layers))
    block_device = {layer: adapter.down_weight(layer).device for layer in layers}
    cases = as_cases([{"id": "c", "prompt": "def add(a, b):\n    return", "target": " a + b"},
                      {"id": "d", "prompt": "for item in items:\n    ", "target": "print(item)"}])
    encoded = encode_cases(tokenizer, cases, model=model)
    case_set = CaseSet(cases, encoded)
    sequences = [list(item.input_ids) for item in encoded]
    head_device = adapter.lm_head_weight.device

    found: list[tuple[str, int, torch.device]] = []
    for layer, (moment, _) in hold_second_moments(model, adapter, sequences, layers).items():
        found.append(("STAR hold covariance", layer, moment.device))
    for layer, gradient in descent_gradients(model, adapter, case_set, layers).items():
        found.append(("STAR cross-entropy gradient", layer, gradient.device))
    for layer, energy in hold_energy(model, adapter, sequences, layers).items():
        found.append(("MINT mean z^2", layer, energy.device))
    probe = HoldProbe(model, sequences, skip=set())
    for layer, (g, z, m) in probe.protection(adapter, layers).items():
        found.extend([("MINT protection G", layer, g.device), ("MINT protection Z", layer, z.device),
                      ("MINT protection m", layer, m.device)])
    failures = find_failures(model, encoded) or []
    for index, item in enumerate(encoded):
        mine = [failure for failure in failures if failure.case == index]
        for entry in gap_gradients(model, adapter, item, mine, layers) if mine else []:
            for layer, gradient in entry.items():
                found.extend([("failure z", layer, gradient.z.device),
                              ("failure g", layer, gradient.g.device)])
    for _, _, base in _hold_rows(model, case_set, failures, SgdConfig(preserve="kl")):
        found.append(("SGD hold log-probabilities", None, base.device))
    block_device[None] = head_device  # what is not a block's is the head's
    misplaced = [(name, layer, device) for name, layer, device in found
                 if device != block_device[layer]]
    devices = sorted({str(device) for layer, device in block_device.items() if layer is not None})
    if misplaced:
        name, layer, device = misplaced[0]
        owner = "the head" if layer is None else f"block {layer}"
        print(f"FAIL  {len(misplaced)} of {len(found)} statistics off their block's device; "
              f"first: {name} of {owner} on {device}, {owner} on {block_device[layer]}")
        return 1
    print(f"ok    {len(found)} statistics on their blocks' devices "
          f"({len(layers)} blocks over {', '.join(devices)}; {gpus} GPU(s) visible)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
