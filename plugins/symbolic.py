"""Built-in plugin: the ``symbolic`` backend, example-driven synthesis that needs no model.

It reads the structured task (``prompt.task``, a ``spf.loop.FunctionTask``) instead
of prompt text, and answers with whole functions found by ``spf.synthesis``:
the smallest programs over a library of common operations that satisfy every
example. When nothing fits within the budget it raises ``NoCandidates`` with the
synthesizer's reason (for example "no program of size <= 7 satisfies all 3
examples within 2000 ms ..."), which the loop reports as the unit's reason.

Also adds ``spf synth SPEC`` to try the synthesizer on a spec's functions, and
``spf cache info|clear`` for the completion cache of the generate-and-test loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from spf import hookimpl
from spf.backends import Backend
from spf.errors import SpfError

_SOURCE_HASH: str | None = None


def synthesizer_version() -> str:
    """A hash of the synthesizer's own source: cached answers of other versions are ignored."""
    global _SOURCE_HASH
    if _SOURCE_HASH is None:
        import hashlib
        from pathlib import Path

        import spf.synthesis

        digest = hashlib.sha256()
        for path in sorted(Path(spf.synthesis.__file__).parent.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _SOURCE_HASH = digest.hexdigest()[:16]
    return _SOURCE_HASH


class SymbolicBackend(Backend):
    """Enumerative, example-driven synthesis (the default backend)."""

    name = "symbolic"
    prompt_style = "structured"

    @property
    def cache_version(self) -> str:
        return synthesizer_version()

    @dataclass
    class Options:
        """The synthesizer's search budget per function."""

        milliseconds: int = field(default=20_000, metadata={
            "help": "wall-clock safety net per function, in milliseconds"})
        max_programs: int = field(default=200_000, metadata={
            "help": "candidate programs evaluated before giving up (a deterministic limit)"})
        max_size: int = field(default=12, metadata={
            "help": "largest program size (operations plus leaves) tried"})
        body_size: int = field(default=5, metadata={
            "help": "largest comprehension body or filter size"})

    def __init__(self, argument: str | None = None, options: dict | None = None):
        super().__init__(argument, options)
        for name in ("milliseconds", "max_programs", "max_size", "body_size"):
            if getattr(self.options, name) < 1:
                raise SpfError(f"option {name!r} of backend 'symbolic' must be at least 1",
                               hint=f"for example spf generate --option {name}=1000")

    def budget(self):
        from spf.synthesis import Budget

        return Budget(milliseconds=self.options.milliseconds,
                      max_programs=self.options.max_programs,
                      max_size=self.options.max_size, body_size=self.options.body_size)

    def generate(self, prompt, n: int = 1, seed: int = 0) -> list[str]:
        """Up to ``n`` programs; ``seed`` = attempt number skips the ones already offered."""
        from spf.loop import NoCandidates
        from spf.synthesis import synthesize

        task = getattr(prompt, "task", None)
        if task is None:
            raise SpfError("the symbolic backend needs a structured prompt with a task",
                           hint="call it through spf.loop.implement_function")
        result = synthesize(task, self.budget(), count=n, skip=seed * n)
        if not result.sources:
            raise NoCandidates(result.reason or "no program found", final=True)
        return result.sources


def entity_context(project) -> str:
    """Plain dataclasses for the spec's entities, so examples may build them (``Book(...)``)."""
    classes = []
    for entity in project.entities:
        lines = ["@dataclass", f"class {entity.name}:"]
        fields = sorted(entity.fields, key=lambda item: item.default is not None)
        for item in fields:
            line = f"    {item.name}: {item.type.text}"
            if item.default is not None:
                default = {"true": "True", "false": "False", "none": "None",
                           "null": "None"}.get(item.default.strip(), item.default)
                if default.strip() in ("[]", "{}"):
                    default = f"field(default_factory={'list' if '[' in default else 'dict'})"
                elif default.strip().startswith(("[", "{")):
                    default = f"field(default_factory=lambda: {default})"
                line += f" = {default}"
            lines.append(line)
        if not fields:
            lines.append("    pass")
        classes.append("\n".join(lines))
    if not classes:
        return ""
    return ("from __future__ import annotations\n\nfrom dataclasses import dataclass, field\n\n\n"
            + "\n\n\n".join(classes) + "\n")


def declared_imports(function) -> tuple[str, ...]:
    """The modules a function's ``- imports:`` bullet names (``datetime, re``)."""
    text = function.attributes.get("imports", "")
    return tuple(name.strip(" `") for name in text.replace(";", ",").split(",") if name.strip(" `"))


@hookimpl
def register_backends(register):
    register(SymbolicBackend)


@hookimpl
def register_commands(cli):
    @cli.command(name="synth")
    @click.argument("spec_path", metavar="SPEC", type=click.Path(exists=True))
    @click.option("--function", "names", multiple=True,
                  help="only this function (repeatable); default: every function of the spec")
    @click.option("--milliseconds", type=click.IntRange(min=1), default=20_000, show_default=True,
                  help="wall-clock safety net per function (the program count binds first)")
    @click.option("--verify/--no-verify", default=True, show_default=True,
                  help="run the examples in the sandbox through the generate-and-test loop")
    @click.option("--json", "as_json", is_flag=True, help="print a JSON report")
    def synth(spec_path, names, milliseconds, verify, as_json):
        """Synthesize the functions of SPEC (a spec.md or its folder) from their examples.

        Prints each function found, or why the search failed. Exit status 3 when
        some function could not be implemented.
        """
        import json

        from rich.console import Console
        from rich.syntax import Syntax

        from spf.errors import EXIT_VERIFY_FAILED
        from spf.loop import implement_function, task_from_function
        from spf.spec import load_spec
        from spf.synthesis import synthesize

        project = load_spec(spec_path)
        functions = [function for function in project.functions
                     if not names or function.name in names]
        unknown = sorted(set(names) - {function.name for function in project.functions})
        if unknown:
            raise SpfError(f"no function named {unknown[0]!r} in the spec", location=spec_path,
                           hint="functions: " + ", ".join(f.name for f in project.functions))
        backend = SymbolicBackend(options={"milliseconds": milliseconds})
        context = entity_context(project)
        report = []
        for function in functions:
            task = task_from_function(function, file=project.source_file,
                                      context_source=context,
                                      allowed_imports=declared_imports(function))
            if verify:
                outcome = implement_function(task, backend, cache=False)
                entry = {"function": function.name, "status": outcome.status,
                         "source": outcome.source, "reason": outcome.reason,
                         "seconds": outcome.seconds, "candidates": outcome.candidates,
                         "rejections": outcome.rejections}
            else:
                found = synthesize(task, backend.budget())
                entry = {"function": function.name,
                         "status": "implemented" if found.sources else "unimplemented",
                         "source": found.sources[0] if found.sources else None,
                         "reason": found.reason, "seconds": round(found.seconds, 4),
                         "candidates": len(found.sources), "rejections": []}
            report.append(entry)
        if as_json:
            click.echo(json.dumps({"functions": report}, indent=2))
        else:
            console = Console()
            for entry in report:
                header = f"{entry['function']}: {entry['status']} ({entry['seconds']:.2f} s)"
                if entry["source"]:
                    console.print(f"[green]{header}[/green]")
                    console.print(Syntax(entry["source"], "python", word_wrap=True))
                else:
                    console.print(f"[red]{header}[/red]: {entry['reason']}")
        if any(entry["status"] != "implemented" for entry in report):
            raise SystemExit(EXIT_VERIFY_FAILED)


@hookimpl(specname="register_commands")
def register_cache_commands(cli):
    @cli.group(name="cache")
    def cache_group():
        """The completion cache of the generate-and-test loop ($SPF_CACHE_DIR)."""

    @cache_group.command(name="info")
    @click.option("--json", "as_json", is_flag=True, help="print JSON")
    def cache_info(as_json):
        """Where the cache is and how many answers and verdicts it holds."""
        import json

        from spf.cache import CompletionCache

        cache = CompletionCache()
        report = {"directory": str(cache.directory)}
        for namespace in ("completions", "verdicts"):
            files = list((cache.directory / namespace).rglob("*.json"))
            report[namespace] = len(files)
            report[f"{namespace}_bytes"] = sum(path.stat().st_size for path in files)
        if as_json:
            click.echo(json.dumps(report, indent=2))
        else:
            click.echo(f"{report['directory']}: {report['completions']} completions, "
                       f"{report['verdicts']} verdicts "
                       f"({report['completions_bytes'] + report['verdicts_bytes']} bytes)")

    @cache_group.command(name="clear")
    def cache_clear():
        """Delete every cached answer and verdict."""
        from spf.cache import CompletionCache

        cache = CompletionCache()
        removed = cache.clear()
        click.echo(f"removed {removed} entries from {cache.directory}")
