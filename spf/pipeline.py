"""The stage runner: spec -> pyramid -> stages -> files, with state a person can edit.

Generation runs as stages in dependency order (scaffold -> interfaces -> implement ->
tests -> verify -> write). Every stage is a plugin registered through the
``register_stages`` hook; the ``before_stage``/``after_stage`` hooks run around each,
so plugins (model repair, review tools) can inspect or change the state.

The state is a set of *code units* (a class, a function, a test group, a config file)
grouped into *files*. Each unit records its current source, its trace to the
requirement line, and who produced it (stage, backend, attempts). The state saves to
``.spf/state.json`` as readable JSON: ``--stop-after STAGE`` saves it, a person may
edit it (a signature, a body), and ``--resume`` continues from it.

``generate()`` is the Python API behind ``spf generate``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spf.errors import SpfError

STATE_FOLDER = ".spf"
STATE_FILE = "state.json"
STATE_VERSION = 1
STAGE_ORDER_HINT = ("scaffold", "interfaces", "implement", "tests", "verify", "write")


# ---------------------------------------------------------------- options and state


@dataclass
class GenerateOptions:
    """What the user asked for; validated at the edge (the CLI or ``generate()``)."""

    backend: str = "symbolic"
    backend_options: dict[str, Any] = field(default_factory=dict)
    verify: bool = True
    verify_timeout: float = 120.0
    force: bool = False
    pretend: bool = False
    prune: bool = False
    conflict: str = "keep"  # "keep": leave a conflicting file untouched; "inline": write markers
    stop_after: str | None = None
    format_code: bool = True
    templates: list[str] = field(default_factory=list)
    strict: bool = False  # unchecked units (no spec example covers them) fail the run too
    jobs: int | None = None  # units the implement stage sends at once (None: the backend's)
    sandbox: str = "auto"  # spf.sandbox mode: auto | strict | basic
    query: dict[str, Any] = field(default_factory=dict)  # [spf.query]: the query synthesizer's bound


@dataclass
class UnitRecord:
    """One code unit of the generated project and where it came from."""

    id: str  # "<path>::<name>", e.g. "todo/models.py::Task"
    path: str  # the file it lives in, relative to the output folder
    name: str
    kind: str  # "class" | "function" | "tests" | "config" | "doc" | "module"
    design_unit: str  # "entity:Task", "command:add", ...
    category: str  # most specific taxonomy category ("store.json", "command.add")
    template: str | None  # the template that renders it (None: body from a backend)
    trace: str  # "spec.md:14: ## Command: done(index: int)"
    interface: dict[str, Any] = field(default_factory=dict)  # names and signatures, editable
    source: str = ""  # the unit's current text
    status: str = "planned"  # planned | interface | implemented | unimplemented | generated
    stage: str | None = None  # the stage that produced ``source``
    backend: str | None = None  # "template" or a backend model id
    attempts: int = 0
    reason: str | None = None  # why it is unimplemented (or partial)
    # What the unit does, in plain words (a planner sets it); reported for unchecked units.
    interpretation: str | None = None

    @property
    def done(self) -> bool:
        return self.status in ("implemented", "generated")


@dataclass
class FileRecord:
    """One planned file: a header (docstring, imports) and its units in order."""

    path: str
    kind: str  # "python" | "test" | "toml" | "markdown"
    header: str = ""
    units: list[str] = field(default_factory=list)


@dataclass
class PipelineState:
    """Everything the stages share; saved to ``.spf/state.json`` between runs."""

    project_dir: str
    out_dir: str
    spec_file: str
    spec_hash: str
    options: GenerateOptions
    completed: list[str] = field(default_factory=list)
    files: dict[str, FileRecord] = field(default_factory=dict)
    units: dict[str, UnitRecord] = field(default_factory=dict)
    verify: dict[str, Any] | None = None
    write: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)  # warnings for the summary
    # Not saved: rebuilt from the spec on resume.
    project: Any = None
    pyramid: Any = None
    acceptance: Any = None  # spf.acceptance.AcceptanceSuite: the spec's examples as test cases
    cache: dict[str, Any] = field(default_factory=dict)

    # -- units and files --------------------------------------------------

    def add_file(self, path: str, kind: str, header: str = "") -> FileRecord:
        from spf.files import check_relative_path

        check_relative_path(path)
        record = self.files.get(path)
        if record is None:
            record = self.files[path] = FileRecord(path=path, kind=kind, header=header)
        return record

    def add_unit(self, unit: UnitRecord) -> UnitRecord:
        if unit.id in self.units:
            raise SpfError(f"two units are named {unit.id!r}", location=unit.trace.split(": ")[0],
                           hint="names in the spec must be unique within their kind")
        if unit.path not in self.files:
            raise SpfError(f"unit {unit.id} belongs to an unplanned file {unit.path}")
        self.units[unit.id] = unit
        self.files[unit.path].units.append(unit.id)
        return unit

    def units_of(self, design_unit: str) -> list[UnitRecord]:
        return [unit for unit in self.units.values() if unit.design_unit == design_unit]

    def unit_sources(self) -> dict[str, str]:
        """Each file's text as the units stand now (unformatted)."""
        texts = {}
        for path, record in self.files.items():
            parts = [record.header.rstrip("\n")] if record.header.strip() else []
            parts += [self.units[unit_id].source.rstrip("\n") for unit_id in record.units
                      if self.units[unit_id].source.strip()]
            separator = "\n\n\n" if record.kind in ("python", "test") else "\n\n"
            texts[path] = separator.join(parts) + "\n"
        return texts

    # -- JSON ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "project_dir": self.project_dir,
            "out_dir": self.out_dir,
            "spec_file": self.spec_file,
            "spec_hash": self.spec_hash,
            "options": asdict(self.options),
            "completed": list(self.completed),
            "files": {path: _lines_out(asdict(record), "header")
                      for path, record in self.files.items()},
            "units": {unit_id: _lines_out(asdict(unit), "source")
                      for unit_id, unit in self.units.items()},
            "verify": self.verify,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], location: str) -> PipelineState:
        if data.get("version") != STATE_VERSION:
            raise SpfError(f"pipeline state version {data.get('version')!r} is not supported",
                           location=location, hint="run spf generate without --resume")
        try:
            state = cls(
                project_dir=data["project_dir"], out_dir=data["out_dir"],
                spec_file=data["spec_file"], spec_hash=data["spec_hash"],
                options=GenerateOptions(**data["options"]),
                completed=list(data["completed"]),
                files={path: FileRecord(**_lines_in(record, "header"))
                       for path, record in data["files"].items()},
                units={unit_id: UnitRecord(**_lines_in(unit, "source"))
                       for unit_id, unit in data["units"].items()},
                verify=data.get("verify"), notes=list(data.get("notes", [])))
        except (KeyError, TypeError) as error:
            raise SpfError(f"pipeline state is malformed ({error})", location=location,
                           hint="fix the edit or run spf generate without --resume") from None
        for path, record in state.files.items():
            for unit_id in record.units:
                if unit_id not in state.units:
                    raise SpfError(f"file {path} lists unknown unit {unit_id!r}", location=location)
        return state


def _lines_out(record: dict[str, Any], key: str) -> dict[str, Any]:
    """Code as a list of lines in the state file: readable and editable line by line."""
    record[key] = record[key].split("\n")
    return record


def _lines_in(record: dict[str, Any], key: str) -> dict[str, Any]:
    """Accept code as a list of lines (as saved) or as one string (as a person may write it)."""
    value = record.get(key, "")
    if isinstance(value, list):
        if not all(isinstance(line, str) for line in value):
            raise TypeError(f"{key} must be a list of strings")
        value = "\n".join(value)
    return {**record, key: value}


def state_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / STATE_FOLDER / STATE_FILE


def save_state(state: PipelineState) -> Path:
    from spf.files import atomic_write_text

    path = state_path(state.out_dir)
    atomic_write_text(path, json.dumps(state.to_dict(), indent=2, sort_keys=False) + "\n")
    return path


def load_state(out_dir: str | Path) -> PipelineState:
    path = state_path(out_dir)
    if not path.is_file():
        raise SpfError("no saved pipeline state to resume", location=str(path),
                       hint="run spf generate --stop-after STAGE first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SpfError(f"pipeline state is not valid JSON: {error.msg}",
                       location=f"{path}:{error.lineno}:{error.colno}",
                       hint="fix the edit or run spf generate without --resume") from None
    return PipelineState.from_dict(data, str(path))


# ---------------------------------------------------------------- stages


class Stage:
    """Base class of a generation stage: a ``name``, the stages it runs ``after``, ``run``.

    ``before`` optionally names stages that must wait for this one.
    """

    name: str = ""
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    description: str = ""

    def run(self, state: PipelineState) -> None:
        raise NotImplementedError(f"stage {self.name!r} does not implement run()")

    def summary(self, state: PipelineState) -> str:
        """One line saying what this stage produced (for --interactive and progress)."""
        return ""


def available_stages(manager=None) -> list[Stage]:
    """Every registered stage, ordered by their ``after`` dependencies (ties: by name order hint)."""
    from spf.plugins import collect

    stages: dict[str, Stage] = {}
    for (stage,) in collect("register_stages", manager):
        if not getattr(stage, "name", ""):
            raise SpfError(f"a registered stage has no name: {stage!r}")
        stages[stage.name] = stage
    return order_stages(list(stages.values()))


def order_stages(stages: list[Stage]) -> list[Stage]:
    """Topological order over ``after`` (and ``before``); unknown dependencies are errors.

    Among stages ready at the same time, the built-in order wins, and a plugin's stage
    runs right after the latest stage it depends on (a ``review`` stage after
    ``implement`` runs before ``tests``).
    """
    by_name = {stage.name: stage for stage in stages}
    needs: dict[str, set[str]] = {stage.name: set(stage.after) for stage in stages}
    for stage in stages:
        for later in getattr(stage, "before", ()) or ():
            if later in needs:
                needs[later].add(stage.name)
        for dependency in stage.after:
            if dependency not in by_name:
                raise SpfError(f"stage {stage.name!r} runs after unknown stage {dependency!r}",
                               hint="is the plugin that provides it loaded?")

    ranks: dict[str, float] = {}

    def rank(name: str, seen: tuple[str, ...] = ()) -> float:
        if name not in ranks:
            if name in STAGE_ORDER_HINT:
                ranks[name] = float(STAGE_ORDER_HINT.index(name))
            elif name in seen:  # a cycle: reported below
                return float(len(STAGE_ORDER_HINT))
            else:
                ranks[name] = max((rank(dependency, (*seen, name)) for dependency in needs[name]),
                                  default=-1.0) + 0.5
        return ranks[name]

    ordered: list[Stage] = []
    placed: set[str] = set()
    while len(ordered) < len(stages):
        ready = [stage for stage in stages if stage.name not in placed
                 and needs[stage.name] <= placed]
        if not ready:
            cycle = sorted(name for name in by_name if name not in placed)
            raise SpfError(f"stages depend on each other in a cycle: {', '.join(cycle)}")
        ready.sort(key=lambda stage: (rank(stage.name), stage.name))
        ordered.append(ready[0])
        placed.add(ready[0].name)
    return ordered


# ---------------------------------------------------------------- the report


@dataclass
class GenerateReport:
    """What ``spf generate`` did: printed as a table, or as JSON with ``--json``."""

    project: str
    out_dir: str
    spec_hash: str
    stages_run: list[str]
    stopped_after: str | None
    units: list[dict[str, Any]]
    files: list[dict[str, Any]]  # path, action (created/updated/merged/unchanged/conflict/...)
    verify: dict[str, Any] | None
    conflicts: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    notes: list[str]
    pretend: bool
    seconds: float
    exit_code: int = 0
    removed_units: list[str] = field(default_factory=list)  # unit ids that left the spec
    sandbox: dict[str, Any] = field(default_factory=dict)  # mode, kind, notice (spf.sandbox)

    strict: bool = False  # --strict: unchecked units count as problems too

    @property
    def unimplemented(self) -> list[dict[str, Any]]:
        """Units without a real implementation (a stub, or partly implemented)."""
        return [unit for unit in self.units if unit["status"] in ("unimplemented", "partial")]

    @property
    def problems(self) -> list[dict[str, Any]]:
        """Units that make the exit status 3: failing, partial, unimplemented (+ unchecked
        with ``--strict``); after a stop, only those reported unimplemented or partial."""
        if self.stopped_after is not None:
            return self.unimplemented
        bad = ("failing", "partial", "unimplemented") + (("unchecked",) if self.strict else ())
        return [unit for unit in self.units if unit["status"] in bad]

    def by_status(self) -> dict[str, list[str]]:
        """Design units of functions and commands per status (verified, unchecked, ...)."""
        grouped: dict[str, list[str]] = {}
        for unit in self.units:
            if unit.get("checked"):
                grouped.setdefault(unit["status"], []).append(unit["design_unit"])
        return grouped

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["unimplemented"] = [unit["id"] for unit in self.unimplemented]
        data["failing"] = [unit["id"] for unit in self.units if unit["status"] == "failing"]
        data["statuses"] = self.by_status()
        return data


def exit_code_for(conflicts: list, verify: dict | None, unimplemented: list, stopped: bool) -> int:
    """0 all good, 3 verification failed or units failing/partial/unimplemented, 4 conflicts
    (wins). ``unimplemented`` is the list of problem units (``GenerateReport.problems``)."""
    from spf.errors import EXIT_CONFLICTS, EXIT_OK, EXIT_VERIFY_FAILED

    if conflicts:
        return EXIT_CONFLICTS
    if stopped:
        return EXIT_OK
    if unimplemented or (verify is not None and not verify.get("ok", False)):
        return EXIT_VERIFY_FAILED
    return EXIT_OK


# ---------------------------------------------------------------- running


StageCallback = Callable[[str, str, PipelineState], None]  # (event, stage name, state)


def settle_with_hooks(state: PipelineState, unit: Any, task: Any, backend: Any, result: Any,
                      *, check: Callable[[str], str | None] | None = None) -> tuple[Any, Any]:
    """After a stage asked ``backend`` for ``task``: the learning hook, for any stage.

    Asks ``implement_fallback`` when the backend did not implement the task (a teacher may
    answer; ``check`` is the stage's own acceptance test, None for a function's examples)
    and tells ``function_outcome`` what happened, so a plugin like ``learn`` records the
    correction. Returns ``(result to use, the fallback's result or None)``: the fallback's
    result when it implemented the task, else ``result``.
    """
    manager = state.cache.get("manager")
    if manager is None:
        from spf.plugins import plugin_manager

        manager = plugin_manager()
    fallback = None
    if result is None or result.status != "implemented":
        fallback = manager.hook.implement_fallback(task=task, result=result, backend=backend,
                                                   state=state, check=check)
    manager.hook.function_outcome(unit=unit, task=task, backend=backend, result=result,
                                  fallback=fallback, state=state, check=check)
    if fallback is not None and fallback.status == "implemented":
        return fallback, fallback
    return result, fallback


def ask_backend(state: PipelineState, unit: Any, task: Any, backend: Any, *,
                check: Callable[[str], str | None] | None = None) -> Any:
    """Ask ``backend`` for ``task`` through the generate-and-test loop, with learning for free.

    The way a stage (built-in or a plugin's) asks a backend for a body: ``task`` is a
    ``spf.loop.FunctionTask``, ``check(source)`` an optional acceptance test (an error
    message, or None when the candidate passes; the task's examples always run). The
    corrections (rejected candidates, a teacher's body, the user's edit) reach the learning
    hooks exactly as the implement stage's do (:func:`settle_with_hooks`). Returns the
    ``ImplementResult`` to use (the teacher's, when it answered for a failing backend).
    """
    from spf.loop import implement_function

    result = implement_function(task, backend, check=check)
    return settle_with_hooks(state, unit, task, backend, result, check=check)[0]


def run_stages(state: PipelineState, stages: list[Stage], *, manager=None,
               on_event: StageCallback | None = None,
               pause: Callable[[Stage, PipelineState], bool] | None = None) -> list[str]:
    """Run the stages not yet completed, in order, with hooks; returns the names run.

    ``pause(stage, state)`` is called after each stage (``--interactive``); returning
    False stops the run there, with the state saved for ``--resume``.
    """
    from spf.plugins import plugin_manager

    manager = manager or plugin_manager()
    stop_after = state.options.stop_after
    ran: list[str] = []
    for stage in stages:
        if stage.name in state.completed:
            continue
        if stage.name == "verify" and not state.options.verify:
            state.verify = {"ok": True, "skipped": True, "passed": 0, "failed": 0, "errors": 0}
            state.completed.append(stage.name)
            if stop_after == stage.name:
                break
            continue
        if on_event:
            on_event("start", stage.name, state)
        manager.hook.before_stage(stage=stage, state=state)
        stage.run(state)
        manager.hook.after_stage(stage=stage, state=state)
        state.completed.append(stage.name)
        ran.append(stage.name)
        if on_event:
            on_event("done", stage.name, state)
        if stop_after == stage.name:
            break
        if pause is not None and stage is not stages[-1] and not pause(stage, state):
            state.options.stop_after = stage.name
            break
    return ran


def prepare_state(project_dir: str | Path, *, out_dir: str | Path | None,
                  options: GenerateOptions, resume: bool, manager=None) -> PipelineState:
    """Parse the spec, build the pyramid, and start (or reload) the pipeline state."""
    from spf.settings import load_settings
    from spf.spec import load_spec

    project_path = Path(project_dir)
    if not project_path.exists():
        raise SpfError(f"no such project folder or spec file: {project_dir}",
                       hint="give a folder holding spec.md")
    if project_path.is_file():
        spec_file = project_path
        project_path = project_path.parent
    elif project_path.name == "spec.md":  # a folder named spec.md: load_spec says so, once
        load_spec(project_path)
    else:
        spec_file = project_path / "spec.md"
    settings = load_settings(project_path)
    if out_dir is None:
        out_dir = project_path / settings.out if settings.out else project_path
    out_path = Path(out_dir)
    if out_path.exists() and not out_path.is_dir():
        raise SpfError(f"output path is not a folder: {out_path}")
    if not options.pretend:  # refuse an unwritable --out now, not after every stage ran
        from spf.files import check_writable_folder

        check_writable_folder(out_path)
    project = load_spec(spec_file)
    spec_hash = project.spec_hash or hashlib.sha256(spec_file.read_bytes()).hexdigest()
    if resume:
        state = load_state(out_path)
        if state.spec_hash != spec_hash:
            raise SpfError("the spec changed since the state was saved",
                           location=str(state_path(out_path)),
                           hint="run spf generate without --resume to start over")
        # Options given now win for what is still to run; what ran stays as it was.
        state.options.stop_after = options.stop_after
        state.options.force = options.force
        state.options.pretend = options.pretend
        state.options.prune = options.prune
        state.options.conflict = options.conflict
        state.options.verify = options.verify
        state.options.strict = options.strict
        state.out_dir = str(out_path)
    else:
        options.templates = [str(project_path / folder) for folder in settings.templates] + \
            list(options.templates)
        state = PipelineState(project_dir=str(project_path), out_dir=str(out_path),
                              spec_file=spec_file.name, spec_hash=spec_hash, options=options)
    state.project = project
    state.cache["manager"] = manager
    from spf.acceptance import AcceptanceSuite, cases_from_project

    state.acceptance = AcceptanceSuite(cases_from_project(project))
    state.pyramid = build_design(project, project_path, manager)
    return state


def build_design(project, project_dir: Path, manager=None) -> Any:
    """The pyramid for the project (Layers 2 and 3), with the project's taxonomy extensions."""
    from spf.pyramid import build_pyramid

    return build_pyramid(project, manager=manager, project_dir=project_dir)


def generate(project_dir: str | Path, *, out: str | Path | None = None, backend: str | None = None,
             backend_options: dict[str, Any] | None = None, verify: bool = True,
             verify_timeout: float | None = None, force: bool = False, pretend: bool = False,
             prune: bool = False, stop_after: str | None = None, resume: bool = False,
             format_code: bool = True, conflict: str = "keep", manager=None,
             on_event: StageCallback | None = None,
             pause: Callable[[Stage, PipelineState], bool] | None = None,
             strict: bool = False, jobs: int | None = None,
             sandbox: str | None = None) -> GenerateReport:
    """Generate (or regenerate) the project whose spec is in ``project_dir``.

    Returns a ``GenerateReport``; its ``exit_code`` follows the documented statuses
    (0 all good, 3 verification failed or units failing, partial or unimplemented, and
    with ``strict`` unchecked too, 4 conflicts). Bad input
    raises ``SpfError`` (exit status 2) before anything is written. ``sandbox`` (auto,
    strict, basic; default spf.toml's ``[spf.sandbox] mode``, else auto) is how generated
    code runs (``spf.sandbox``); strict without bubblewrap is an ``SpfError``.
    """
    from spf.backends import available_backends, parse_backend_spec
    from spf.plugins import load_project_plugins, plugin_manager
    from spf.sandbox import sandbox_policy
    from spf.settings import SETTINGS_FILE, load_settings

    started = time.perf_counter()
    project_path = Path(project_dir)
    if not project_path.exists():
        raise SpfError(f"no such project folder or spec file: {project_dir}",
                       hint="give a folder holding spec.md")
    project_folder = project_path if project_path.is_dir() else project_path.parent
    manager = manager or plugin_manager()
    load_project_plugins(manager, project_folder)  # spf.toml's local plugins (stages, hooks)
    stages = available_stages(manager)
    names = [stage.name for stage in stages]
    if not stages:
        raise SpfError("no generation stages are registered", hint="are the built-in plugins loaded?")
    if stop_after is not None and stop_after not in names:
        raise SpfError(f"unknown stage {stop_after!r}", hint=f"stages: {', '.join(names)}")
    settings = load_settings(project_folder)
    policy = settings.sandbox_policy(sandbox, location=str(project_folder / SETTINGS_FILE))
    options = GenerateOptions(
        backend=backend or settings.backend,
        backend_options=dict(settings.backend_options if backend_options is None else backend_options),
        verify=verify,
        verify_timeout=settings.verify_timeout if verify_timeout is None else verify_timeout,
        force=force, pretend=pretend, prune=prune, stop_after=stop_after, format_code=format_code,
        conflict=conflict, strict=strict, jobs=jobs, sandbox=policy.mode,
        query=query_budget(settings.query, str(project_folder / SETTINGS_FILE)).settings())
    if conflict not in ("keep", "inline"):
        raise SpfError(f"conflict must be 'keep' or 'inline', not {conflict!r}", location="conflict")
    if not options.verify_timeout > 0:
        raise SpfError(f"verify_timeout must be > 0, not {options.verify_timeout!r}",
                       location="verify_timeout", hint="seconds the generated tests may run")
    if jobs is not None and jobs < 1:
        raise SpfError(f"--jobs must be at least 1, got {jobs}", location="--jobs")
    backend_name = parse_backend_spec(options.backend)[0]
    if backend_name != "symbolic" and backend_name not in available_backends(manager):
        raise SpfError(f"unknown backend {backend_name!r}",
                       hint=f"available: {', '.join(sorted(available_backends(manager))) or 'none'}")
    from spf.extras import require_extra  # a backend's missing extra: refused before any stage

    require_extra(getattr(available_backends(manager).get(backend_name), "extra", None),
                  f"--backend {backend_name}")
    from spf.collect import fewer_collections

    with sandbox_policy(policy) as containment, fewer_collections():  # strict without bwrap fails here
        state = prepare_state(project_dir, out_dir=out, options=options, resume=resume,
                              manager=manager)
        if containment.notice and containment.notice not in state.notes:
            state.notes.append(containment.notice)
        ran = run_stages(state, stages, manager=manager, on_event=on_event, pause=pause)
    stopped = "write" not in state.completed
    if stopped and not state.options.pretend:
        save_state(state)
    elif not stopped and not state.options.pretend:
        stale = state_path(state.out_dir)
        if stale.exists():
            stale.unlink()
    report = build_report(state, ran, stopped, time.perf_counter() - started)
    report.sandbox = containment.to_dict()
    return report


def query_budget(table: dict[str, Any], location: str):
    from spf.synthesis.query import budget_from_settings

    return budget_from_settings(table, location)


def build_report(state: PipelineState, ran: list[str], stopped: bool, seconds: float) -> GenerateReport:
    verified_units = (state.verify or {}).get("units") or {}
    units = []
    for unit in state.units.values():
        entry = {
            "id": unit.id, "design_unit": unit.design_unit, "category": unit.category,
            "kind": unit.kind, "status": unit.status, "stage": unit.stage, "backend": unit.backend,
            "attempts": unit.attempts, "reason": unit.reason, "trace": unit.trace,
            "implementation": unit.status,
        }
        if isinstance(unit.interface, dict) and unit.interface.get("query"):
            entry["query"] = unit.interface["query"]  # what the query synthesizer tried
        checked = verified_units.get(unit.design_unit) if unit.kind in ("class", "function") \
            else None
        if checked is not None:
            entry.update(unit_verdict(state, unit, checked))
        units.append(entry)
    write = state.write or {}
    conflicts = write.get("conflicts", [])
    removed = write.get("removed", [])
    report = GenerateReport(
        project=state.project.name if state.project else "", out_dir=state.out_dir,
        spec_hash=state.spec_hash, stages_run=ran,
        stopped_after=state.completed[-1] if stopped and state.completed else None,
        units=units, files=write.get("files", []), verify=state.verify, conflicts=conflicts,
        removed=removed, notes=list(state.notes), pretend=state.options.pretend,
        seconds=round(seconds, 3), removed_units=list(write.get("removed_units", [])),
        strict=state.options.strict)
    report.exit_code = exit_code_for(conflicts, state.verify, report.problems, stopped)
    return report


def unit_verdict(state: PipelineState, unit: UnitRecord, checked: dict[str, Any]) -> dict[str, Any]:
    """The report fields of a verified unit: its status (verified, unchecked, partial,
    unimplemented, failing), why, what it was taken to mean, and its tests."""
    from spf.acceptance import (
        BLANK_HINT,
        BLANK_WHY,
        REFUSALS_HINT,
        REFUSALS_WHY,
        UNCHECKED_HINT,
        UNREACHED_HINT,
        UNREACHED_WHY,
    )

    status = checked["status"]
    entry: dict[str, Any] = {"status": status, "tests": checked.get("tests", {}),
                             "acceptance_cases": checked.get("acceptance_cases", []),
                             "failures": checked.get("failures", [])}
    kind = unit.design_unit.split(":", 1)[0]
    entry["checked"] = kind in ("function", "command")
    if checked.get("why"):
        entry["reason"] = checked["why"] if status != "partial" or not unit.reason else unit.reason
    interpretation = unit.interpretation or _planned_words(unit) or \
        _described(state, unit.design_unit)
    if interpretation:
        entry["interpretation"] = interpretation
    if status == "unchecked":
        why = checked.get("why") or ""
        entry["hint"] = UNREACHED_HINT if why.startswith(UNREACHED_WHY) else \
            REFUSALS_HINT if why == REFUSALS_WHY else BLANK_HINT if why == BLANK_WHY else UNCHECKED_HINT
    return entry


def _planned_words(unit: UnitRecord) -> str | None:
    """What a planner wrote in the unit's interface: ``interpretation`` as words (or a dict
    with ``words``)."""
    planned = unit.interface.get("interpretation") if isinstance(unit.interface, dict) else None
    if isinstance(planned, dict):
        planned = planned.get("words")
    return planned if isinstance(planned, str) and planned.strip() else None


def _described(state: PipelineState, design_unit: str) -> str | None:
    """The spec's own words for a unit (its description), on one line."""
    kind, _, name = design_unit.partition(":")
    project = state.project
    items = {"function": getattr(project, "functions", []),
             "command": getattr(project, "commands", [])}.get(kind, [])
    for item in items:
        if item.name == name:
            text = " ".join((item.description or "").split())
            return text or None
    return None


# ---------------------------------------------------------------- the files, formatted


def rendered_files(state: PipelineState) -> dict[str, str]:
    """Every planned file's final text: units assembled, Python formatted with ruff.

    Cached on the state by content, so verify and write see (and test) the same bytes.
    """
    texts = state.unit_sources()
    from spf.files import files_key

    key = files_key(texts, state.options.format_code)
    cached = state.cache.get("rendered")
    if cached and cached[0] == key:
        return dict(cached[1])
    if state.options.format_code:
        python = {path: text for path, text in texts.items() if path.endswith(".py")}
        texts.update(format_python(python))
    state.cache["rendered"] = (key, dict(texts))
    return texts


def format_python(sources: dict[str, str], line_length: int = 100) -> dict[str, str]:
    """Format Python files with ``ruff format`` in one call (a temporary folder).

    A file ruff cannot parse is a bug in a template or a backend's output; it is kept
    unformatted and its syntax error surfaces in verify.
    """
    if not sources:
        return {}
    with tempfile.TemporaryDirectory(prefix="spf-format-") as folder:
        root = Path(folder)
        for relative, text in sources.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        command = [*ruff_command(), "format", "--isolated", "--quiet",
                   f"--line-length={line_length}", "."]
        completed = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120,
                                   check=False)
        if completed.returncode not in (0, 2):
            raise SpfError(f"ruff format failed: {completed.stderr.strip()[:200]}",
                           hint="is ruff installed? (pip install ruff)")
        return {relative: (root / relative).read_text(encoding="utf-8") for relative in sources}


def ruff_command() -> list[str]:
    """How to run ruff: the binary shipped by the ``ruff`` package, else ``python -m ruff``."""
    try:
        from ruff.__main__ import find_ruff_bin

        return [str(find_ruff_bin())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "ruff"]


__all__ = [
    "FileRecord",
    "GenerateOptions",
    "GenerateReport",
    "PipelineState",
    "Stage",
    "UnitRecord",
    "available_stages",
    "format_python",
    "generate",
    "load_state",
    "order_stages",
    "rendered_files",
    "run_stages",
    "save_state",
    "state_path",
]
