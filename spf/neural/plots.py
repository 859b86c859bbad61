"""PNG figures of a repair report and of a fine-tuning run's loss (``--plot`` of both commands).

Both take the JSON-ready report the commands print (``report.json``), so a figure can be
redrawn from a saved report without the model. matplotlib (neural extra) draws off-screen
(Agg); the PNG is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from spf.errors import SpfError


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure, path: str | Path) -> None:
    from spf.files import atomic_write_bytes

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    _pyplot().close(figure)
    atomic_write_bytes(path, buffer.getvalue())


def check_plot_path(path: str | Path | None) -> None:
    """Refuse a ``--plot`` that is not a writable ``.png`` path, before any work."""
    if path is None:
        return
    if not str(path).lower().endswith(".png"):
        raise SpfError("--plot must name a .png file", location=str(path))
    from spf.files import check_writable_file

    check_writable_file(path, what="plot file")


def plot_repair(report: dict[str, Any], path: str | Path) -> None:
    """Per case, the target's rank before and after the repair (log scale; 1 = predicted)."""
    plt = _pyplot()
    cases = report.get("per_case") or []
    if not cases:
        raise SpfError("the repair report has no per-case results to plot", location=str(path))
    names = [str(case["id"]) for case in cases]
    before = [max(int(case["rank_before"]), 1) for case in cases]
    after = [max(int(case["rank_after"]), 1) for case in cases]
    positions = range(len(cases))
    figure, axes = plt.subplots(figsize=(max(6.0, 0.5 * len(cases) + 2), 4))
    axes.bar([p - 0.2 for p in positions], before, width=0.4, label="before", color="tab:gray")
    axes.bar([p + 0.2 for p in positions], after, width=0.4, label="after",
             color=["tab:green" if case["fixed"] else "tab:red" for case in cases])
    axes.set_yscale("log")
    axes.set_ylabel("rank of the target token (1 = predicted)")
    axes.set_xticks(list(positions))
    axes.set_xticklabels(names, rotation=45, ha="right", fontsize=8)
    axes.axhline(1, color="black", linewidth=0.5)
    axes.legend(fontsize=8)
    title = f"{report.get('method', 'repair')}: {report.get('fixed', 0)}/{report.get('cases', 0)} fixed"
    if report.get("specificity") is not None:
        title += f", specificity {report['specificity']:.2f}"
    axes.set_title(title)
    figure.tight_layout()
    _save(figure, path)


def plot_loss(report: dict[str, Any], path: str | Path) -> None:
    """The training loss per logged step, with the evaluation loss before and after."""
    plt = _pyplot()
    history = report.get("loss_history") or []
    if not history:
        raise SpfError("the fine-tuning report has no loss history to plot (no steps ran?)",
                       location=str(path))
    steps = [point[0] for point in history]
    losses = [point[1] for point in history]
    figure, axes = plt.subplots(figsize=(7, 4))
    axes.plot(steps, losses, "o-", markersize=3, label="training loss")
    evaluation = report.get("eval_loss") or {}
    for key, style in (("before", ":"), ("after", "--")):
        if evaluation.get(key) is not None:
            axes.axhline(evaluation[key], linestyle=style, color="tab:orange",
                         label=f"eval loss {key} ({evaluation[key]:.3f})")
    axes.set_xlabel("optimizer step")
    axes.set_ylabel("loss")
    axes.legend(fontsize=8)
    config = report.get("config") or {}
    axes.set_title(f"finetune (freeze={config.get('freeze', '?')})")
    figure.tight_layout()
    _save(figure, path)


__all__ = ["check_plot_path", "plot_loss", "plot_repair"]
