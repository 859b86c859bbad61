"""Built-in plugin: inside the generation loop, corrections become repairs.

When ``spf generate`` asks a local model (the ``hf`` backend) for a function body and
every candidate is rejected, the function still gets a verified body from somewhere:
a later attempt of the same model, or a *teacher* backend (``--teacher symbolic``: the
offline synthesizer, which is usually right). That pair — the completion prompt the
model was given, and the body that passed the function's examples — is a
*correction*. With learning on (``--learn`` or ``[learn] enabled = true`` in
``spf.toml``), after the implement stage this plugin turns the corrections into repair
cases, repairs the model that failed (``spf.neural.repair.repair``, STAR by default),
and saves the patch under the output folder's ``.spf/patches/``. The next run with the
same model loads those patches automatically (the ``hf`` backend's ``patches`` option),
so the model stops repeating the mistake: it now writes the body itself.

Why the pieces look the way they do:

- The case is encoded exactly as the backend will see it: the prompt through the
  loaded model's own prompt encoder (same truncation, same special tokens), then the
  target tokenized on its own. Encoding ``prompt + target`` together would let a
  byte-level BPE merge the prompt's final newline with the body's indentation into one
  token the backend never sees, and the repaired model would still fail at generation
  time (``CaseTokenizer``).
- The default target is the whole body followed by the end of the function (blank
  lines and a top-level ``#``, which is one of the loop's stop sequences): teaching only
  the first line leaves the rest of the body, and where it ends, to chance. It is cut
  into windows of at most ``max_target_tokens`` (16) tokens, each a case whose prompt
  is the original prompt plus the target's earlier tokens; with every window fixed under
  teacher forcing, greedy decoding writes the whole body.
- Learned patches form a chain (each was made on the model with the earlier ones
  applied): the patch metadata records the model folder, its fingerprint and the
  patches it was made on, and only an unbroken chain for the same model is loaded.
- The in-memory model is reverted after saving, so a process that loaded the base
  model keeps the base model.

The neural package never imports the pipeline; this plugin is where the two meet.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spf import hookimpl
from spf.errors import SpfError
from spf.lessons import LESSON_NAME, PROJECT_FOLDER

SETTINGS_TABLE = "learn"  # the [learn] table of spf.toml
PATCH_FOLDER = PROJECT_FOLDER  # the output folder's lessons: .spf/patches/
PATCH_NAME = LESSON_NAME  # NNNN-METHOD-DIGEST.safetensors, or .adapter (a fine-tune's folder)
END_OF_FUNCTION = "\n\n\n#"  # what follows a taught body: "\n#" is one of the loop's stops
METHODS_HINT = "built-in methods: star, mint, sgd, finetune"
FINETUNE_DETAILS = ("trained_blocks", "steps", "lora", "case_rows", "replay_rows",
                    "replay_tokens")


# ---------------------------------------------------------------- configuration


@dataclass
class LearnConfig:
    """How the generation loop learns from its corrections (``[learn]`` in spf.toml).

    ``enabled``: repair the model after the implement stage. ``teacher``: a backend
    (``NAME[:ARG]``) that implements what the configured backend could not. ``method``
    and ``method_options``: the repair method and its options. ``target``: ``body``
    (the whole body and the end of the function, up to ``max_body_tokens``) or ``line``
    (the first line); either is taught as cases of at most ``max_target_tokens`` tokens. ``use_patches``: load the learned patches found under
    the output's ``.spf/patches/`` (also when learning is off). ``guard``: the bodies the
    model already writes right this run (earlier lessons included) join the repair as
    cases, so fixing a new mistake cannot silently undo an old one. ``reference``: text whose
    predictions the repair protects (hold rows): ``stdlib`` (a ``reference_bytes``
    sample of the standard library's Python sources), ``none``, or a file, folder or
    JSONL path (``spf.neural.corpus.read_texts``), relative to the project. ``store``:
    where lessons are loaded from and saved to: ``user`` (the user-level lesson store,
    ``$SPF_LESSONS_DIR`` or the data folder, one folder per base-model fingerprint: what the
    model learned on one project is used on the next), ``project`` (the output folder's
    ``.spf/patches/``), or a store folder (relative to the project). ``method`` may be
    ``finetune``: a semantic-frozen LoRA fine-tune saved as a peft adapter.
    """

    enabled: bool = False
    teacher: str | None = None
    teacher_options: dict[str, Any] = field(default_factory=dict)
    method: str = "star"
    method_options: dict[str, Any] = field(default_factory=dict)
    target: str = "body"
    max_target_tokens: int = 16
    min_target_tokens: int = 2
    max_body_tokens: int = 128
    use_patches: bool = True
    guard: bool = True
    reference: str | None = "stdlib"
    reference_bytes: int = 20_000
    store: str = "user"

    def validate(self, location: str = "learn") -> LearnConfig:
        if self.target not in ("body", "line"):
            raise SpfError(f"target must be 'body' or 'line', not {self.target!r}",
                           location=location)
        if not 1 <= self.min_target_tokens <= self.max_target_tokens <= self.max_body_tokens:
            raise SpfError("need 1 <= min_target_tokens <= max_target_tokens <= max_body_tokens",
                           location=location)
        if not isinstance(self.method, str) or not self.method:
            raise SpfError("method must be a repair method name", location=location,
                           hint=METHODS_HINT)
        if self.teacher is not None and (not isinstance(self.teacher, str) or not self.teacher):
            raise SpfError("teacher must be a backend NAME[:ARG]", location=location,
                           hint="e.g. teacher = \"symbolic\"")
        if self.reference_bytes < 0:
            raise SpfError("reference_bytes must be >= 0", location=location)
        if not isinstance(self.store, str) or not self.store:
            raise SpfError("store must be 'user', 'project' or a folder", location=location)
        for name in ("teacher_options", "method_options"):
            if not isinstance(getattr(self, name), dict):
                raise SpfError(f"{name} must be a table", location=location)
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def settings_config(project_dir: str | Path) -> dict[str, Any]:
    """The ``[learn]`` table of the project's spf.toml (empty without one), checked."""
    from spf.settings import tomllib

    path = Path(project_dir) / "spf.toml"
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get(SETTINGS_TABLE, {})
    except tomllib.TOMLDecodeError as error:
        raise SpfError(f"invalid TOML: {error}", location=str(path)) from error
    if not isinstance(table, dict):
        raise SpfError("[learn] must be a table", location=str(path))
    known = {item.name for item in dataclasses.fields(LearnConfig)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise SpfError(f"unknown learn setting {unknown[0]!r}", location=f"{path} [learn]",
                       hint=f"known: {', '.join(sorted(known))}")
    from spf.settings import validate_table

    return validate_table(table, LearnConfig, location=f"{path} [learn]")  # types, per key


def resolve_config(project_dir: str | Path, overrides: dict[str, Any] | None = None) -> LearnConfig:
    """spf.toml's ``[learn]`` table, then the command line's (or API's) overrides."""
    values = settings_config(project_dir)
    values.update({key: value for key, value in (overrides or {}).items() if value is not None})
    location = str(Path(project_dir) / "spf.toml [learn]")
    try:
        config = LearnConfig(**values)
    except TypeError as error:
        raise SpfError(f"invalid learn settings: {error}", location=location) from None
    return config.validate(location)


def parse_method_options(values: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` strings into repair options; values are JSON when they parse (1, 0.5, [1])."""
    options: dict[str, Any] = {}
    for value in values:
        key, separator, text = value.partition("=")
        if not separator or not key.strip():
            raise SpfError(f"learn option {value!r} is not KEY=VALUE", hint="e.g. --learn-option margin=1.0")
        try:
            options[key.strip()] = json.loads(text)
        except json.JSONDecodeError:
            options[key.strip()] = text
    return options


@dataclass
class LearningSession:
    """One ``spf generate`` run's learning: the overrides it was started with, its report."""

    overrides: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] | None = None


_session: contextvars.ContextVar[LearningSession | None] = contextvars.ContextVar(
    "spf_learning_session", default=None)


@contextlib.contextmanager
def learning(**overrides: Any) -> Iterator[LearningSession]:
    """Run ``spf.pipeline.generate`` with learning options; the session receives the report.

        with learning(enabled=True, teacher="symbolic") as session:
            generate(project, backend="hf:models/tiny")
        session.report["patch"]
    """
    known = {item.name for item in dataclasses.fields(LearnConfig)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise SpfError(f"unknown learn option {unknown[0]!r}", hint=f"known: {', '.join(sorted(known))}")
    session = LearningSession(overrides=dict(overrides))
    token = _session.set(session)
    try:
        yield session
    finally:
        _session.reset(token)


# ---------------------------------------------------------------- corrections


@dataclass
class Correction:
    """A prompt the model answered wrongly and the body that passed the examples instead."""

    unit: str  # the code unit id, "mathy/functions.py::double"
    function: str
    trace: str  # the spec line, "spec.md:4"
    kind: str  # "fallback" (the teacher's body) or "retry" (a later candidate of the model)
    model: str  # the backend model id that failed
    corrected_by: str  # the backend model id whose body was accepted
    prompt: str  # the completion prompt the model was given first
    body: str  # the accepted body, dedented
    rejections: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"unit": self.unit, "function": self.function, "trace": self.trace,
                "kind": self.kind, "model": self.model, "corrected_by": self.corrected_by,
                "rejections": self.rejections[:3]}


def correction_target(body: str, scope: str) -> str:
    """The continuation to teach: the indented body and the end of the function, or its first line."""
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.strip("\n")
                         .splitlines())
    if scope == "line":
        return next(line for line in indented.splitlines() if line.strip())
    return indented + END_OF_FUNCTION


# ---------------------------------------------------------------- encoding cases like the backend


class CaseTokenizer:
    """A tokenizer that encodes registered (prompt, target) pairs exactly as generation sees them.

    ``repair`` tokenizes ``prompt + target`` together; this wrapper answers for the
    registered texts with the prompt's ids from the loaded model's own prompt encoder
    (``encode_prompt``) followed by the target tokenized alone, and reports itself as a
    slow tokenizer so the prompt/target boundary is the common prefix of the two
    encodings. Any other text (reference texts) goes to the real tokenizer.
    """

    is_fast = False

    def __init__(self, tokenizer: Any, encode_prompt):
        self.tokenizer = tokenizer
        self.encode_prompt = encode_prompt
        self.texts: dict[str, list[int]] = {}

    def register(self, prompt: str, target: str) -> tuple[list[int], list[int]]:
        prompt_ids = list(self.encode_prompt(prompt))
        target_ids = list(self.tokenizer(target, add_special_tokens=False)["input_ids"])
        self.texts[prompt] = prompt_ids
        self.texts[prompt + target] = prompt_ids + target_ids
        return prompt_ids, target_ids

    def register_ids(self, prompt: str, prompt_ids: list[int], target: str,
                     target_ids: list[int]) -> None:
        """Register a case whose ids are already known (a window inside a longer target)."""
        self.texts[prompt] = list(prompt_ids)
        self.texts[prompt + target] = list(prompt_ids) + list(target_ids)

    def __call__(self, text: str, **options: Any) -> dict[str, list[int]]:
        if text in self.texts and not options.get("return_offsets_mapping"):
            return {"input_ids": list(self.texts[text])}
        return self.tokenizer(text, **options)

    def __getattr__(self, name: str) -> Any:  # eos_token_id, decode, all_special_ids, ...
        return getattr(self.tokenizer, name)


def prompt_encoder(loaded: Any, max_new_tokens: int):
    """How the loaded model encodes a generation prompt (its truncation included)."""
    encode = getattr(loaded, "_prompt_ids", None)
    if callable(encode):
        return lambda prompt: encode(prompt, max_new_tokens)[0]
    return lambda prompt: loaded.tokenizer(prompt, add_special_tokens=True)["input_ids"]


# ---------------------------------------------------------------- learned lessons on disk


def patch_folder(out_dir: str | Path) -> Path:
    """The output folder's own lesson folder (``[learn] store = "project"``)."""
    return Path(out_dir) / PATCH_FOLDER


def _as_lesson_folder(folder: str | Path) -> Path:
    """A lesson folder as given, or an output folder's ``.spf/patches/`` when it has one."""
    folder = Path(folder)
    return folder / PATCH_FOLDER if (folder / PATCH_FOLDER).is_dir() else folder


def lesson_folder_for(config: LearnConfig, backend: Any, out_dir: str | Path,
                      project_dir: str | Path) -> Path:
    """Where this run loads and saves lessons: ``.spf/patches/`` or the store's model folder."""
    from spf.lessons import lesson_folder

    fingerprint = None
    if config.store != "project":
        fingerprint = model_identity(backend, fingerprint=True).get("fingerprint")
    return lesson_folder(config.store, out_dir=out_dir, project_dir=project_dir,
                         fingerprint=fingerprint)


def learned_patches(folder: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every lesson in a lesson folder (or an output folder's ``.spf/patches/``), in order,
    with its metadata (JSON sidecar)."""
    from spf.lessons import lessons_in

    return [(lesson.path, lesson.metadata) for lesson in lessons_in(_as_lesson_folder(folder))]


def model_identity(backend: Any, *, fingerprint: bool = False) -> dict[str, str]:
    """Which model a lesson belongs to: the folder, its version, and (for the store) the
    fingerprint of its contents."""
    folder = getattr(backend, "folder", None) or getattr(backend, "argument", None) or ""
    version = getattr(backend, "base_version", None) or getattr(backend, "cache_version", "")
    identity = {"model": str(folder), "model_version": str(version or "")}
    if fingerprint:
        value = getattr(backend, "fingerprint", None)
        if value is None and folder and (Path(str(folder)) / "config.json").is_file():
            from spf.lessons import model_fingerprint

            value = model_fingerprint(folder)
        if value:
            identity["fingerprint"] = str(value)
    return identity


def select_lessons(folder: str | Path, backend: Any, user_patches: list[str], *,
                   by_fingerprint: bool = False) -> tuple[list[Path], list[str]]:
    """The unbroken chain of lessons in ``folder`` for this model and these user patches.

    In a project folder a lesson belongs to the model folder it was made for (and its
    version); in the store (``by_fingerprint``) to the model with the same fingerprint,
    wherever it lives. Returns (paths to load in order, notes about lessons left out).
    """
    identity = model_identity(backend, fingerprint=by_fingerprint)
    user = list(user_patches)
    chosen: list[Path] = []
    notes: list[str] = []
    for path, metadata in learned_patches(folder):
        learn = (metadata.get("info") or {}).get("learn") or {}
        if by_fingerprint:
            if learn.get("fingerprint") != identity.get("fingerprint"):
                notes.append(f"{path.name}: made for another model, not loaded")
                continue
        else:
            if learn.get("model") != identity["model"]:
                continue  # made for another model: not ours to judge
            if learn.get("model_version") != identity["model_version"]:
                notes.append(f"{path.name}: made for an earlier version of the model, not loaded")
                continue
        if learn.get("base_user_patches", []) != user or \
                learn.get("base_learned", []) != [item.name for item in chosen]:
            notes.append(f"{path.name}: made on other patches than those loaded now, not loaded")
            continue
        chosen.append(path)
    return chosen, notes


def store_lessons(model_dir: str | Path, store: str = "user", project_dir: str | Path = "."
                  ) -> list[Path]:
    """The chain of lessons the store holds for the base model in ``model_dir``, in order:
    what ``spf generate`` loads for it (``spf.hf_model.load_causal_lm(model_dir,
    patches=...)`` applies them). ``store``: ``user`` or a store folder."""
    from types import SimpleNamespace

    from spf.lessons import lesson_folder, model_fingerprint

    folder = Path(model_dir).expanduser().resolve()
    identity = SimpleNamespace(folder=folder, base_version="",
                               fingerprint=model_fingerprint(folder))
    lessons = lesson_folder(store, out_dir=project_dir, project_dir=project_dir,
                            fingerprint=identity.fingerprint)
    return select_lessons(lessons, identity, [], by_fingerprint=True)[0]


def select_patches(out_dir: str | Path, backend: Any, user_patches: list[str]
                   ) -> tuple[list[Path], list[str]]:
    """:func:`select_lessons` for an output folder's ``.spf/patches/``."""
    return select_lessons(patch_folder(out_dir), backend, user_patches)


def split_patches(patches: list[str], folder: str | Path) -> tuple[list[str], list[str]]:
    """(the user's patches, the learned ones from this lesson folder), as resolved paths.

    ``folder`` is a lesson folder, or an output folder (its ``.spf/patches/``).
    """
    folder = _as_lesson_folder(folder).resolve()
    user, learned = [], []
    for item in patches:
        path = Path(item).expanduser().resolve()
        (learned if path.parent == folder else user).append(str(path))
    return user, learned


def next_patch_path(folder: str | Path, method: str, digest: str = "", *,
                    adapter: bool = False) -> Path:
    """``NNNN-METHOD-DIGEST.safetensors`` (``.adapter`` for a fine-tune's adapter folder)
    in a lesson folder (or an output folder's ``.spf/patches/``): numbered in order,
    named by content (see ``spf.lessons.next_lesson_path``)."""
    from spf.lessons import next_lesson_path

    return next_lesson_path(_as_lesson_folder(folder), method, digest, adapter=adapter)


# ---------------------------------------------------------------- learning


def reference_texts(config: LearnConfig, project_dir: str | Path) -> list[str]:
    """The texts whose predictions the repair protects, from ``config.reference``."""
    from spf.neural.corpus import read_texts, stdlib_folder

    if config.reference in (None, "", "none") or config.reference_bytes == 0:
        return []
    if config.reference == "stdlib":
        return list(read_texts(stdlib_folder(), max_bytes=config.reference_bytes))
    path = Path(config.reference).expanduser()
    if not path.is_absolute():
        path = Path(project_dir) / path
    if not path.exists():
        raise SpfError("learn reference not found", location=str(path),
                       hint="reference is 'stdlib', 'none', or a text file, folder or JSONL")
    return list(read_texts(path, max_bytes=config.reference_bytes))


@dataclass
class PlannedCorrection:
    """A correction as repair cases: its target cut into windows of at most ``max_target_tokens``.

    Window ``k`` is the case "after the prompt and the target's first tokens, write the
    next ones"; with every window fixed, greedy decoding reproduces the whole target.
    """

    correction: Correction
    target: str  # the whole taught text (decoded from ``target_ids``)
    target_ids: list[int]
    prompt_tokens: int
    truncated: bool  # the body was longer than the budget: only its start is taught
    cases: list[Any] = field(default_factory=list)  # spf.neural.cases.RepairCase


def _windows(length: int, size: int, minimum: int) -> list[tuple[int, int]]:
    """[start, end) token windows of at most ``size``; a tail below ``minimum`` joins the last."""
    windows = [(start, min(start + size, length)) for start in range(0, length, size)]
    if len(windows) > 1 and windows[-1][1] - windows[-1][0] < minimum:
        (start, _), (_, end) = windows[-2], windows[-1]
        windows[-2:] = [(start, end)]
    return windows


def plan_cases(corrections: list[Correction], tokenizer: CaseTokenizer, config: LearnConfig,
               max_new_tokens: int = 256) -> tuple[list[PlannedCorrection], list[dict[str, Any]]]:
    """The repair cases of every correction (registered with ``tokenizer``), and the skipped ones."""
    planned, skipped = [], []
    for correction in corrections:
        text = correction_target(correction.body, config.target)
        item = _plan_one(correction, text, tokenizer, config, max_new_tokens)
        if item is None:
            skipped.append({"unit": correction.unit, "reason": "target below "
                            f"min_target_tokens={config.min_target_tokens}"})
            continue
        planned.append(item)
    return planned, skipped


def _plan_one(correction: Correction, text: str, tokenizer: CaseTokenizer, config: LearnConfig,
              max_new_tokens: int) -> PlannedCorrection | None:
    """``text`` after the correction's prompt, as window cases (None when too short)."""
    from spf.neural.cases import RepairCase

    budget = min(config.max_body_tokens, max_new_tokens)
    prompt_ids = list(tokenizer.encode_prompt(correction.prompt))
    target_ids = list(tokenizer.tokenizer(text, add_special_tokens=False)["input_ids"])
    truncated = len(target_ids) > budget
    target_ids = target_ids[:budget]
    if len(target_ids) < config.min_target_tokens:
        return None
    item = PlannedCorrection(correction, tokenizer.decode(target_ids), target_ids,
                             len(prompt_ids), truncated)
    windows = _windows(len(target_ids), config.max_target_tokens, config.min_target_tokens)
    for number, (start, end) in enumerate(windows, start=1):
        prompt = correction.prompt + tokenizer.decode(target_ids[:start])
        piece = tokenizer.decode(target_ids[start:end])
        tokenizer.register_ids(prompt, prompt_ids + target_ids[:start], piece,
                               target_ids[start:end])
        case_id = correction.unit if len(windows) == 1 else f"{correction.unit}#{number}"
        item.cases.append(RepairCase(id=case_id, prompt=prompt, target=piece))
    return item


def learn_from_corrections(loaded: Any, corrections: list[Correction], config: LearnConfig, *,
                           max_new_tokens: int = 256, keep: list[tuple[str, ...]] = (),
                           reference: list[str] = ()) -> tuple[dict[str, Any], Any]:
    """Repair ``loaded.model`` (in place) so it continues each correction's prompt with its target.

    ``keep`` are (prompt, continuation[, unit id]) the model already gets right: specificity
    cases. ``reference`` texts add hold rows. Returns (report, RepairResult or None); the
    model is left patched when something was fixed (the caller saves, then reverts).
    """
    from spf.neural.cases import encode_cases, score_cases
    from spf.neural.repair import repair

    tokenizer = CaseTokenizer(loaded.tokenizer, prompt_encoder(loaded, max_new_tokens))
    planned, skipped = plan_cases(corrections, tokenizer, config, max_new_tokens)
    report: dict[str, Any] = {"cases": [], "skipped": skipped, "repair": None}
    to_repair = []
    for item in planned:
        scores = score_cases(loaded.model, encode_cases(tokenizer, item.cases, model=loaded.model))
        if all(score.fixed for score in scores):
            skipped.append({"unit": item.correction.unit, "reason": "the model already predicts "
                            "the corrected body under teacher forcing (a sampling miss)"})
        else:
            to_repair.append(item)
    if not to_repair:
        return report, None
    # What the model already writes right (earlier lessons included) is protected: as hold
    # rows, and with ``guard`` as repair cases too, so the repair must keep them right.
    eval_cases, kept_texts, guards = [], [], []
    guard_plan: list[PlannedCorrection] = []
    if keep:
        kept, names = [], {item.correction.unit for item in to_repair}
        for number, entry in enumerate(keep, start=1):
            name = entry[2] if len(entry) > 2 and entry[2] else f"keep{number}"
            name = name if name not in names else f"{name}~{number}"
            names.add(name)
            kept.append(Correction(unit=name, function="", trace="", kind="keep", model="",
                                   corrected_by="", prompt=entry[0], body=""))
        for correction, (prompt, continuation, *_) in zip(kept, keep):
            item = _plan_one(correction, continuation, tokenizer, config, max_new_tokens)
            if item is None:
                continue
            guard_plan.append(item)
            eval_cases.append({"id": correction.unit, "prompt": prompt, "target": item.target,
                               "kind": "specificity"})
            tokenizer.register_ids(prompt, list(tokenizer.encode_prompt(prompt)), item.target,
                                   item.target_ids)
            kept_texts.append(prompt + item.target)
        if config.guard:
            guards = [case for item in guard_plan for case in item.cases]
    cases = [case for item in to_repair for case in item.cases]
    result = repair(loaded.model, tokenizer, cases + guards, method=config.method,
                    eval_cases=eval_cases or None,
                    reference=kept_texts + list(reference) or None, **config.method_options)
    guard_ids = {case.id for case in guards}
    outcomes = {outcome.id: outcome for outcome in result.case_outcomes}
    broken = [item.correction.unit for item in (guard_plan if guards else [])
              if all(outcomes[case.id].fixed_before for case in item.cases)
              and not all(outcomes[case.id].fixed for case in item.cases)]
    report["guards"] = {"cases": len(guards), "kept": sum(
        outcome.fixed for outcome in result.case_outcomes if outcome.id in guard_ids),
        "bodies": len(guard_plan) if guards else 0, "broken": len(broken),
        "broken_units": broken}
    for item in to_repair:
        mine = [outcomes[case.id] for case in item.cases]
        report["cases"].append({
            "unit": item.correction.unit, "function": item.correction.function,
            "trace": item.correction.trace, "kind": item.correction.kind,
            "target": item.target, "target_tokens": len(item.target_ids),
            "prompt": item.correction.prompt,
            "windows": len(item.cases), "truncated": item.truncated,
            "prompt_tokens": item.prompt_tokens,
            "fixed": all(outcome.fixed for outcome in mine),
            "windows_fixed": sum(outcome.fixed for outcome in mine),
            "rank_before": max(outcome.rank_before for outcome in mine),
            "rank_after": max(outcome.rank_after for outcome in mine),
            "greedy_starts_with_target": None})
    if result.fixed:
        greedy_check(loaded, report["cases"],
                     {item.correction.unit: item.correction.prompt for item in to_repair},
                     max_new_tokens)
    report["repair"] = {
        "method": result.method, "cases": result.cases, "fixed": result.fixed,
        "corrections": len(to_repair),
        "corrections_fixed": sum(case["fixed"] for case in report["cases"]),
        "effectiveness": result.effectiveness, "specificity": result.specificity,
        "neurons_changed": result.neurons_changed, "params_changed": result.params_changed,
        "layers": result.layers, "seconds": round(result.seconds, 3), "gave_up": result.gave_up,
        "details": {key: result.details[key] for key in FINETUNE_DETAILS
                    if key in result.details}}
    return report, result


def greedy_check(loaded: Any, cases: list[dict[str, Any]], prompts: dict[str, str],
                 max_new_tokens: int) -> None:
    """Does greedy generation now write each target? Asked as the backend asks.

    Same ``max_new_tokens`` (it decides how the prompt is truncated) and the loop's stop
    sequences, so the text is what the backend would return (cut before the final ``#``).
    """
    complete = getattr(loaded, "complete", None)
    if not callable(complete):
        return
    from spf.hf_model import GenerationSettings
    from spf.loop import COMPLETION_STOPS, apply_stops

    for case in cases:
        settings = GenerationSettings(temperature=0.0, max_new_tokens=max_new_tokens,
                                      stop=list(COMPLETION_STOPS))
        [completion] = complete(prompts[case["unit"]], 1, settings)
        case["greedy_text"] = completion.text
        case["greedy_starts_with_target"] = completion.text.startswith(
            apply_stops(case["target"], COMPLETION_STOPS))


# ---------------------------------------------------------------- hooks


def _learning_state(state) -> dict[str, Any] | None:
    return state.cache.get("learn")


@hookimpl
def before_stage(stage, state):
    """Before the run's first stage: resolve the learn settings and load this model's lessons.

    Any stage may ask a backend (``spf.pipeline.ask_backend``), so learning is set up before
    the first one, whichever it is (a resumed run sets up again: state.cache is per process).
    """
    if _learning_state(state) is not None:
        return
    session = _session.get()
    config = resolve_config(state.project_dir, session.overrides if session else None)
    learn = state.cache["learn"] = {
        "config": config, "corrections": [], "keep": [], "prompts": [], "teacher": None,
        "report": {"enabled": config.enabled, "teacher": config.teacher,
                   "method": config.method, "loaded_patches": [], "corrections": [],
                   "cases": [], "skipped": [], "repair": None, "guards": None, "patch": None,
                   "notes": []}}
    if session is not None:
        session.report = learn["report"]
    if config.teacher:  # a wrong teacher is bad input: say so before any function is asked
        from spf.backends import get_backend

        learn["teacher"] = get_backend(config.teacher, config.teacher_options,
                                       state.cache.get("manager"))
    if config.use_patches:
        _load_learned_patches(state, learn)


def _load_learned_patches(state, learn: dict[str, Any]) -> None:
    from spf.backends import available_backends, get_backend, parse_backend_spec

    manager = state.cache.get("manager")
    name, _ = parse_backend_spec(state.options.backend)
    backend_class = available_backends(manager).get(name)
    if backend_class is None or "patches" not in {item.name for item in
                                                  dataclasses.fields(backend_class.Options)}:
        return
    config = learn["config"]
    if config.store == "project" and not patch_folder(state.out_dir).is_dir():
        return
    backend = get_backend(state.options.backend, state.options.backend_options, manager)
    folder = lesson_folder_for(config, backend, state.out_dir, state.project_dir)
    if not folder.is_dir():
        return
    user_patches, learned_now = split_patches(backend.options.patches, folder)
    if learned_now:  # given explicitly, or a resumed run whose saved options carry them
        return
    chosen, notes = select_lessons(folder, backend, user_patches,
                                   by_fingerprint=config.store != "project")
    learn["report"]["notes"].extend(notes)
    if not chosen:
        return
    options = dict(state.options.backend_options)
    options["patches"] = list(backend.options.patches) + [str(path.resolve()) for path in chosen]
    state.options.backend_options = options
    learn["report"]["loaded_patches"] = [_shown(path, state.out_dir) for path in chosen]
    learn["earlier"] = earlier_lessons(chosen)
    state.notes.append(f"learned patches loaded: {', '.join(path.name for path in chosen)}")


def _shown(path: Path, out_dir: str | Path) -> str:
    """A lesson path as reports show it: ``.spf/patches/NAME`` in the output folder, else absolute."""
    try:
        return str(Path(path).resolve().relative_to(Path(out_dir).resolve()))
    except ValueError:
        return str(Path(path).resolve())


def earlier_lessons(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(prompt, target, unit) of every correction the loaded lessons fixed: guards for the
    next lesson."""
    found = []
    for path in paths:
        try:
            metadata = json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        for case in ((metadata.get("info") or {}).get("learn") or {}).get("cases", []):
            if case.get("fixed") and case.get("prompt") and case.get("target"):
                found.append((case["prompt"], case["target"], case.get("unit", "")))
    return found


@hookimpl
def implement_fallback(task, result, backend, state, check):
    """The teacher backend implements what the configured backend could not."""
    learn = _learning_state(state)
    if learn is None or not learn["config"].teacher:
        return None
    config = learn["config"]
    from spf.backends import get_backend
    from spf.loop import implement_function

    if learn["teacher"] is None:
        learn["teacher"] = get_backend(config.teacher, config.teacher_options,
                                       state.cache.get("manager"))
    teacher = learn["teacher"]
    if teacher.model_id == backend.model_id:
        return None
    return implement_function(task, teacher, check=check)


@hookimpl
def function_outcome(unit, task, backend, result, fallback, state, check):
    """Record a correction: the model failed and a verified body came from elsewhere."""
    learn = _learning_state(state)
    if learn is None or result is None:
        return
    from spf.loop import build_prompt

    if getattr(backend, "prompt_style", "completion") != "completion":
        return
    config = learn["config"]
    prompt = build_prompt(task, "completion").text
    learn["prompts"].append(prompt)
    produced = fallback if fallback is not None and fallback.status == "implemented" else result
    edited = user_edit(state, unit, task, produced.body if produced.status == "implemented"
                       else None, check)
    if edited is not None:
        learn["report"]["notes"].extend(edited.get("notes", []))
    if edited is not None and edited.get("body"):
        correction = Correction(unit=unit.id, function=task.name, trace=task.trace, kind="edit",
                                model=backend.model_id, corrected_by="user", prompt=prompt,
                                body=edited["body"], rejections=list(result.rejections))
        learn["corrections"].append(correction)
        learn["report"]["corrections"].append(correction.summary())
        learn["backend"] = backend
        return
    if fallback is not None and fallback.status == "implemented" and result.status != "implemented":
        kind, accepted = "fallback", fallback
    elif result.status == "implemented" and result.rejections:
        kind, accepted = "retry", result
    else:
        if result.status == "implemented" and result.body:
            learn["keep"].append((prompt, correction_target(result.body, config.target),
                                  unit.id))
        return
    correction = Correction(unit=unit.id, function=task.name, trace=task.trace, kind=kind,
                            model=backend.model_id, corrected_by=accepted.backend, prompt=prompt,
                            body=accepted.body or "", rejections=list(result.rejections))
    learn["corrections"].append(correction)
    learn["report"]["corrections"].append(correction.summary())
    learn["backend"] = backend


def _function_body(text: str | None, name: str) -> str | None:
    """The body of module-level function ``name`` in ``text`` (dedented), or None."""
    import ast

    from spf.loop import function_body

    if not text:
        return None
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            segment = ast.get_source_segment(text, node)
            return function_body(segment) if segment else None
    return None


def user_edit(state, unit, task, produced_body: str | None, check=None
              ) -> dict[str, Any] | None:
    """The user's edited body of this function, when it is a correction worth learning.

    The write stage keeps what spf last generated (``.spf/base/``, the merge base): a body
    in the user's file that differs from the base's is the user's edit. It is a correction
    when this run did not already produce it and it passes the function's examples.
    Returns None (no edit), ``{"body": ...}``, or ``{"notes": [...]}`` (an edit not learned).
    """
    from spf.files import read_base
    from spf.loop import CandidateRejected, check_candidate, run_examples

    path = Path(state.out_dir) / unit.path
    if not path.is_file():
        return None
    current = _function_body(path.read_text(encoding="utf-8"), task.name)
    base = _function_body(read_base(state.out_dir, unit.path), task.name)
    if current is None or base is None or current.strip() == base.strip():
        return None
    if produced_body is not None and produced_body.strip() == current.strip():
        return None  # the backend writes the user's body already
    source = task.signature.rstrip() + "\n" + "\n".join(
        ("    " + line) if line.strip() else "" for line in current.splitlines()) + "\n"
    try:
        source = check_candidate(source, task)
    except CandidateRejected as rejection:
        return {"notes": [f"your edit of {task.name} is not learned: {rejection}"]}
    error = run_examples(source, task) if check is None else check(source)
    if error is not None:
        return {"notes": [f"your edit of {task.name} is not learned: {error}"]}
    return {"body": current}


@hookimpl
def after_stage(stage, state):
    """After a stage that recorded corrections: learn them and save the lesson.

    The implement stage records them for functions and command bodies; a plugin stage that
    asks through ``spf.pipeline.ask_backend`` records them the same way, and learns after
    its own stage. A second lesson in one run is made on the first (applied in memory
    while it learns), so the chain stays unbroken.
    """
    learn = _learning_state(state)
    if learn is None or not learn["corrections"]:
        return
    report = learn["report"]
    config = learn["config"]
    corrections, learn["corrections"] = learn["corrections"], []
    if not config.enabled:
        report["notes"].append(f"{len(corrections)} correction(s) not learned: learning is off "
                               "(--learn)")
        return
    if state.options.pretend:
        report["notes"].append("--pretend: corrections not learned, nothing written")
        return
    backend = learn["backend"]
    loaded = getattr(backend, "loaded", None)
    if loaded is None or not hasattr(loaded, "model"):
        report["notes"].append(f"backend {backend.model_id} has no local model to repair")
        return
    saved = learn.setdefault("saved", [])  # [(path, patch)]: lessons this run saved, in order
    for _, patch in saved:
        patch.apply(loaded.model)
    try:
        _learn_and_save(state, learn, backend, loaded, corrections, saved)
    finally:
        for _, patch in reversed(saved):
            if not patch.is_noop:
                patch.revert(loaded.model)  # the process keeps the model it loaded


def _learn_and_save(state, learn: dict[str, Any], backend: Any, loaded: Any,
                    corrections: list[Correction], saved: list) -> None:
    report, config = learn["report"], learn["config"]
    started = time.perf_counter()
    max_new_tokens = getattr(backend.options, "max_new_tokens", 256)
    folder = lesson_folder_for(config, backend, state.out_dir, state.project_dir)
    prompts = {correction.prompt for correction in corrections}
    keep = list(learn["keep"])
    kept_prompts = {entry[0] for entry in keep}
    earlier = list(learn.get("earlier", [])) + earlier_lessons([path for path, _ in saved])
    for prompt, target, unit in earlier:  # the loaded lessons (and this run's) stay learned
        if prompt not in prompts and prompt not in kept_prompts:
            keep.append((prompt, target, unit))
            kept_prompts.add(prompt)
    outcome, result = learn_from_corrections(loaded, corrections, config,
                                             max_new_tokens=max_new_tokens, keep=keep,
                                             reference=learn["prompts"]
                                             + reference_texts(config, state.project_dir))
    report["cases"], report["repair"] = outcome["cases"], outcome["repair"]
    report["guards"] = outcome.get("guards")
    report["skipped"].extend(outcome["skipped"])
    if result is None:
        return
    adapter_dir = result.details.get("adapter_dir")
    try:
        learned = outcome["repair"]["corrections_fixed"]
        broken = (outcome.get("guards") or {}).get("broken", 0)
        if learned == 0 or result.patch.is_noop:
            report["notes"].append(f"the {config.method} lesson fixed no correction completely "
                                   f"({result.fixed} of {result.cases} case windows): "
                                   "no lesson saved")
            return
        if broken >= learned:
            report["refused"] = {"fixed": learned, "broken": broken,
                                 "broken_units": outcome["guards"]["broken_units"]}
            report["notes"].append(f"the {config.method} lesson fixed {learned} correction(s) "
                                   f"but broke {broken} body(ies) the model wrote right "
                                   "(this run's or earlier lessons'): no lesson saved")
            return
        user_patches, learned_before = split_patches(backend.options.patches, folder)
        identity = model_identity(backend, fingerprint=config.store != "project")
        result.patch.info["learn"] = {
            **identity,
            "base_user_patches": user_patches,
            "base_learned": [Path(item).name for item in learned_before]
            + [path.name for path, _ in saved],
            "units": [case["unit"] for case in outcome["cases"] if case["fixed"]],
            "spec_lines": [case["trace"] for case in outcome["cases"] if case["fixed"]],
            "cases": [{"unit": case["unit"], "target": case["target"], "fixed": case["fixed"],
                       "windows": case["windows"], "prompt": case["prompt"]}
                      for case in outcome["cases"]],
            "guards": outcome.get("guards"),
            "project": state.project.name if state.project else "",
            "max_new_tokens": max_new_tokens,  # decides how a long prompt was truncated
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        path = save_lesson(result.patch, folder, config.method, adapter_dir=adapter_dir)
        adapter_dir = None  # moved into the lesson
        if config.store != "project":
            from spf.lessons import write_model_file

            write_model_file(folder, identity["model"], identity.get("fingerprint", ""))
        report["patch"] = _shown(path, state.out_dir)
        report.setdefault("patches", []).append(report["patch"])
        state.notes.append(f"learned {learned} of {len(outcome['cases'])} correction(s) "
                           f"({config.method}, {result.params_changed} parameters): "
                           f"{report['patch']}")
        saved.append((path, result.patch))  # reverted (with the others) by the caller
    finally:
        if adapter_dir:
            import shutil

            shutil.rmtree(adapter_dir, ignore_errors=True)
        if not result.patch.is_noop and not (saved and saved[-1][1] is result.patch):
            result.patch.revert(loaded.model)  # the process keeps the model it loaded
        report["seconds"] = round(report.get("seconds", 0) + time.perf_counter() - started, 3)


def save_lesson(patch: Any, folder: str | Path, method: str, *,
                adapter_dir: str | Path | None = None) -> Path:
    """Write a lesson into a lesson folder: the patch file, or (a fine-tune with LoRA) the
    peft adapter folder as ``NNNN-METHOD-DIGEST.adapter/``, each with its JSON sidecar.

    The adapter is moved in whole (staged beside the target and renamed), so a reader never
    sees half a lesson.
    """
    import shutil

    from spf.files import atomic_write_text

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = next_patch_path(folder, method, patch.patched_hash, adapter=adapter_dir is not None)
    if adapter_dir is None:
        return patch.save(path)
    staging = folder / f".{path.name}.partial"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(adapter_dir, staging)
    atomic_write_text(path.with_suffix(".json"), json.dumps(patch.metadata(), indent=2) + "\n")
    staging.rename(path)
    shutil.rmtree(adapter_dir, ignore_errors=True)
    return path
