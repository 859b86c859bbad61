"""Model repair: fix a code LM's wrong predictions by editing FFN output weights.

    from spf.neural.repair import repair
    result = repair(model, tokenizer, [{"id": "a", "prompt": "def f(", "target": "x)"}],
                    method="star", eval_cases=eval_cases)
    result.effectiveness, result.specificity, result.patch.save("out/patch.safetensors")

Methods are plugins: the ``register_repair_methods`` hook calls
``register(name, method_function, config_class)``. The built-in ``mint``, ``star`` and ``sgd``
are registered by ``spf_plugins.repair`` exactly that way. A method function receives
``(model, tokenizer, cases, config)`` where ``cases`` is a :class:`CaseSet` (a list of
``RepairCase`` carrying the encoded cases, reference sequences, a progress callback and the
``edits`` helper through which every weight change must go), changes the model in place and
returns a :class:`MethodOutcome`. ``repair`` does everything around it: encoding, the
evaluation before and after, timing, the patch, and the report.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spf.errors import SpfError
from spf.neural.repair.common import CaseSet, MethodOutcome

REPORT_FIELDS = ("method", "cases", "fixed", "effectiveness", "generalization", "specificity",
                 "seconds", "params_changed", "neurons_changed", "layers")


@dataclass
class CaseOutcome:
    """Per case in report.json: ``{"id", "fixed", "rank_before", "rank_after"}`` (+ margins)."""

    id: str
    fixed: bool
    rank_before: int
    rank_after: int
    fixed_before: bool = False
    target_tokens: int = 0
    straddles: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class RepairResult:
    """Everything a repair did; ``to_report()`` is report.json."""

    method: str
    case_outcomes: list[CaseOutcome]
    seconds: float
    patch: Any  # spf.neural.patch.Patch
    options: dict[str, Any] = field(default_factory=dict)
    generalization: float | None = None
    generalization_before: float | None = None
    generalization_failing: float | None = None  # among the cases failing before
    specificity: float | None = None
    specificity_token: float | None = None
    eval_cases: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    gave_up: list[str] = field(default_factory=list)
    keep: dict[str, Any] | None = None  # {"cases", "right_before", "kept", "broken": [ids]}

    @property
    def cases(self) -> int:
        return len(self.case_outcomes)

    @property
    def fixed(self) -> int:
        return sum(outcome.fixed for outcome in self.case_outcomes)

    @property
    def effectiveness(self) -> float:
        return self.fixed / self.cases if self.cases else 0.0

    @property
    def params_changed(self) -> int:
        return self.patch.params_changed

    @property
    def neurons_changed(self) -> int:
        return self.patch.neurons_changed

    @property
    def layers(self) -> list[int]:
        return self.patch.layers

    def to_report(self) -> dict[str, Any]:
        return {
            "method": self.method, "cases": self.cases, "fixed": self.fixed,
            "effectiveness": self.effectiveness, "generalization": self.generalization,
            "specificity": self.specificity, "seconds": round(self.seconds, 4),
            "params_changed": self.params_changed, "neurons_changed": self.neurons_changed,
            "layers": self.layers,
            "fixed_before": sum(outcome.fixed_before for outcome in self.case_outcomes),
            "generalization_before": self.generalization_before,
            "generalization_failing": self.generalization_failing,
            "specificity_token": self.specificity_token,
            "neurons": self.patch.neurons, "options": self.options, "details": self.details,
            "gave_up": self.gave_up, "keep": self.keep,
            "per_case": [outcome.to_dict() for outcome in self.case_outcomes],
            "eval_cases": self.eval_cases,
        }


# ---------------------------------------------------------------- registry


@dataclass(frozen=True)
class RepairMethod:
    name: str
    function: Callable[..., MethodOutcome]
    config_class: type


def repair_methods() -> dict[str, RepairMethod]:
    """Every registered repair method by name (from the ``register_repair_methods`` hook)."""
    from spf.plugins import collect

    methods = {}
    for args in collect("register_repair_methods"):
        if len(args) != 3:
            raise SpfError(f"register_repair_methods: expected (name, function, config_class), "
                           f"got {len(args)} values")
        name, function, config_class = args
        methods[name] = RepairMethod(name, function, config_class)
    return methods


def get_method(name: str) -> RepairMethod:
    methods = repair_methods()
    if name not in methods:
        raise SpfError(f"unknown repair method {name!r}",
                       hint=f"available: {', '.join(sorted(methods)) or 'none'}")
    return methods[name]


def make_config(method: RepairMethod, options: dict[str, Any]):
    """Build the method's config dataclass from options, refusing unknown names."""
    known = {item.name for item in dataclasses.fields(method.config_class)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise SpfError(f"unknown option(s) for {method.name}: {', '.join(unknown)}",
                       hint=f"{method.name} accepts: {', '.join(sorted(known))}")
    try:
        config = method.config_class(**options)
    except (TypeError, ValueError) as error:
        raise SpfError(f"invalid {method.name} options: {error}") from error
    validate = getattr(config, "validate", None)
    if callable(validate):
        validate()
    return config


def config_to_dict(config: Any) -> dict[str, Any]:
    return {key: value for key, value in dataclasses.asdict(config).items()}


# ---------------------------------------------------------------- the API


def repair(model: Any, tokenizer: Any, cases: Sequence[Any], method: str = "star", *,
           eval_cases: Sequence[Any] | None = None, reference: Sequence[str] | None = None,
           progress: Callable[[str, float, float], None] | None = None,
           evaluation_baseline: Any = None, keep: Sequence[Any] | None = None,
           **options: Any) -> RepairResult:
    """Repair ``model`` in place so that each case's prompt is continued by its target.

    ``cases`` and ``eval_cases`` are ``RepairCase`` objects or dicts (``id``, ``prompt``,
    ``target``; eval cases add ``kind``). ``reference`` texts add hold rows (their predictions
    are protected). ``options`` are the method's config fields. Returns a ``RepairResult``
    whose ``patch`` holds the change (``patch.revert(model)`` undoes it exactly).
    ``evaluation_baseline`` (from ``spf.neural.cases.evaluation_baseline``) skips re-scoring
    the evaluation cases on the unrepaired model when the caller already has it.
    """
    from spf.neural.adapters import get_adapter
    from spf.neural.cases import as_cases, encode_cases, evaluate, score_cases
    from spf.neural.cases import evaluation_baseline as make_baseline
    from spf.neural.patch import WeightRecorder
    from spf.neural.repair.common import DownWeights

    chosen = get_method(method)
    config = make_config(chosen, options)
    repair_cases = as_cases(cases)
    if not repair_cases:
        raise SpfError("no cases to repair")
    evaluation = as_cases(eval_cases, evaluation=True) if eval_cases else []
    adapter = get_adapter(model)
    encoded = encode_cases(tokenizer, repair_cases, model=model)
    keep_cases = as_cases(keep) if keep else []
    keep_encoded = encode_cases(tokenizer, keep_cases, model=model) if keep_cases else []
    from spf.neural.cases import context_length

    window = context_length(model) or 1024
    reference_ids = []
    for text in reference or ():  # long texts are cut into windows the model can read
        ids = tokenizer(text, add_special_tokens=True)["input_ids"]
        for start in range(0, len(ids), window):
            if len(ids[start: start + window]) > 1:
                reference_ids.append(ids[start: start + window])
    was_training = model.training
    model.eval()
    try:
        baseline = evaluation_baseline
        if baseline is None and evaluation:
            baseline = make_baseline(model, tokenizer, evaluation)
        before = score_cases(model, encoded)
        keep_before = score_cases(model, keep_encoded) if keep_encoded else []
        kept_right = [index for index, score in enumerate(keep_before) if score.fixed]
        recorder = WeightRecorder(model)
        case_set = CaseSet(repair_cases + [keep_cases[index] for index in kept_right],
                           encoded + [keep_encoded[index] for index in kept_right],
                           reference_ids, progress, keep_from=len(repair_cases))
        case_set.edits = DownWeights(model, adapter, recorder)
        case_set.adapter = adapter
        started = time.perf_counter()
        try:
            outcome = chosen.function(model, tokenizer, case_set, config)
        except BaseException:
            recorder.restore()
            raise
        if not isinstance(outcome, MethodOutcome):
            outcome = MethodOutcome(layers=[], details={"returned": repr(outcome)[:200]})
        seconds = time.perf_counter() - started
        patch = recorder.build(method=method, options=config_to_dict(config),
                               info={"cases": [case.id for case in repair_cases]})
        after = score_cases(model, encoded)
        keep_after = score_cases(model, [keep_encoded[index] for index in kept_right])
        evaluated = evaluate(model, baseline) if baseline is not None else None
    finally:
        if was_training:
            model.train()
    outcomes = [CaseOutcome(id=item.case.id, fixed=now.fixed, rank_before=old.rank,
                            rank_after=now.rank, fixed_before=old.fixed,
                            target_tokens=len(item.target_ids), straddles=item.straddles)
                for item, old, now in zip(encoded, before, after)]
    details = dict(outcome.details)
    details.setdefault("located_layers", outcome.layers)
    result = RepairResult(method=method, case_outcomes=outcomes, seconds=seconds, patch=patch,
                          options=config_to_dict(config), details=details,
                          gave_up=list(outcome.gave_up))
    if keep_cases:
        result.keep = {"cases": len(keep_cases), "right_before": len(kept_right),
                       "kept": sum(score.fixed for score in keep_after),
                       "broken": [keep_cases[index].id for index, score
                                  in zip(kept_right, keep_after) if not score.fixed]}
    if evaluated is not None:
        result.generalization = evaluated.generalization
        result.generalization_before = evaluated.generalization_before
        result.generalization_failing = evaluated.generalization_failing
        result.specificity = evaluated.specificity
        result.specificity_token = evaluated.specificity_token
        result.eval_cases = evaluated.per_case
    patch.info.update({"effectiveness": result.effectiveness, "fixed": result.fixed,
                       "specificity": result.specificity,
                       "generalization": result.generalization})
    return result


__all__ = [
    "REPORT_FIELDS",
    "CaseOutcome",
    "CaseSet",
    "MethodOutcome",
    "RepairResult",
    "get_method",
    "repair",
    "repair_methods",
]
