"""benchmarks/finetune.py --probe-registered: the step probe behind the estimate of the
registered (not run) deep setting in docs/finetuning.md."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")


def test_the_registered_setting_is_the_one_the_docs_register(benchmark_script):
    registered = benchmark_script("finetune").REGISTERED
    assert (registered["layers"], registered["hidden"], registered["vocab_size"],
            registered["seq_len"]) == (12, 128, 512, 128)
    assert (registered["pretrain_steps"], registered["pretrain_batch"], registered["steps"],
            registered["batch_size"], registered["library"]) == (2000, 16, 300, 8, "rich")


def test_the_estimate_drops_the_warm_up_step_and_scales_the_median(benchmark_script):
    benchmark = benchmark_script("finetune")
    settings = dict(benchmark.REGISTERED)
    estimate = benchmark.registered_estimate(
        settings, {"pretrain": [100.0, 1.0, 3.0, 2.0], "finetune": [50.0, 0.5, 0.4, 0.6]},
        runs=18)
    assert estimate["pretrain_step"] == 2.0 and estimate["finetune_step"] == 0.5
    assert estimate["pretrain_seconds"] == 2.0 * 2000
    assert estimate["run_seconds"] == 0.5 * 300
    assert estimate["equal_time_seconds"] == 0.5 * 300 * 18


def test_the_probe_times_real_training_steps_of_the_model(benchmark_script):
    benchmark = benchmark_script("finetune")
    tiny = {"layers": 2, "hidden": 32, "vocab_size": 64, "seq_len": 16, "lr": 1e-3,
            "pretrain_batch": 4, "batch_size": 2}
    timings = benchmark.probe_steps(tiny, steps=3)
    assert set(timings) == {"pretrain", "finetune"}
    assert all(len(values) == 3 and all(v > 0 for v in values) for values in timings.values())


def test_ablation_regret_of_the_best_cut_is_zero_not_minus_zero(benchmark_script):
    """Three seeds choosing the best cut: the mean of three equal floats may fall a rounding
    error below the best, which printed as "-0.00%" before."""
    benchmark = benchmark_script("finetune")
    best = 3.705688206229623
    assert sum([best] * 3) / 3 < best  # the rounding the score must absorb
    rows = [{"row": "default", "cuts": [0, 0, 0], "plan_cpu_seconds": 0.4},
            {"row": "straight", "cuts": [1, 1, 0], "plan_cpu_seconds": 0.1}]
    bottoms = {0: best, 1: 3.73743078276867}
    benchmark.score_rows(rows, bottoms, full=3.6447)
    assert rows[0]["regret"] == 0.0
    assert abs(rows[1]["regret"] - ((2 * bottoms[1] + best) / 3 - best) / best) < 1e-12
    assert rows[0]["vs_full"] > 0
    table = benchmark.ablate_table(rows, 0, 3.6447)
    assert "-0.00%" not in table and "| +0.00% |" in table


def test_the_registered_run_is_the_registered_list_of_runs(benchmark_script):
    """--registered: none, spf's plan and the straight virtual path (rank), every bottom:K,
    random:1 and random:6, LoRA - the 18 runs docs/finetuning.md registers; plan seeds 0-2."""
    benchmark = benchmark_script("finetune")
    names = benchmark.deep_names(benchmark.REGISTERED)
    assert names == (["none", "semantic", "semantic-straight"]
                     + [f"bottom:{k}" for k in range(12)] + ["random:1", "random:6", "lora"])
    assert benchmark.REGISTERED["plan_seeds"] == [0, 1, 2]
    policy, extra, fields = benchmark.DEEP_RUNS["semantic-straight"]
    assert (policy, extra, fields) == ("semantic", ("--reference", "none"),
                                       {"plan_reference": None})
    # --deep keeps its own (scaled-down) list: the paper variant beside spf's plan
    assert benchmark.deep_names(benchmark.DEEP)[:3] == ["none", "semantic", "semantic-paper"]


def test_largest_batch_doubles_then_bisects_and_asks_each_size_once(benchmark_script):
    largest_batch = benchmark_script("finetune").largest_batch
    asked = []

    def fits_up_to(limit):
        def fits(batch):
            asked.append(batch)
            return batch <= limit
        return fits

    assert largest_batch(fits_up_to(37), 8) == 37
    assert asked == [8, 16, 32, 64, 48, 40, 36, 38, 37]
    asked.clear()
    assert largest_batch(fits_up_to(5), 8) == 5  # the start itself does not fit
    assert asked == [8, 4, 6, 5]
    asked.clear()
    assert largest_batch(fits_up_to(0), 8) == 0  # not even batch 1 fits
    assert asked == [8, 4, 2, 1]
    asked.clear()
    assert largest_batch(fits_up_to(10_000), 8, most=100) == 100
    assert asked == [8, 16, 32, 64, 100]
    asked.clear()
    assert largest_batch(fits_up_to(8), 8) == 8
    assert asked == [8, 16, 12, 10, 9]
