"""The built-in ``generate`` plugin: the ``spf generate PROJECT`` command.

A thin shell over ``spf.pipeline.generate``: options in, a rich progress display on
stderr while the stages run, a summary table (or ``--json``) at the end, and the
documented exit status (0 all good, 2 bad input, 3 verification failed or units
unimplemented, 4 conflicts).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from spf import hookimpl


def _parse_options(values: tuple[str, ...]) -> dict[str, str]:
    from spf.errors import SpfError

    options = {}
    for value in values:
        key, separator, text = value.partition("=")
        if not separator or not key:
            raise SpfError(f"backend option {value!r} is not KEY=VALUE", hint="e.g. --option k=8")
        options[key.strip()] = text
    return options


@click.command(name="generate")
@click.argument("project", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the project here (default: the project folder itself).")
@click.option("--backend", metavar="NAME[:ARG]", help="Backend for function bodies (default: "
              "spf.toml's, else symbolic).")
@click.option("--option", "backend_options", multiple=True, metavar="KEY=VALUE",
              help="A backend option; may be repeated.")
@click.option("--stop-after", metavar="STAGE",
              help="Stop after this stage and save editable state in .spf/state.json.")
@click.option("--resume", is_flag=True, help="Continue from the state saved by --stop-after.")
@click.option("--interactive", is_flag=True, help="Pause after each stage and show what it produced.")
@click.option("--force", is_flag=True, help="Overwrite files you edited instead of merging.")
@click.option("--pretend", is_flag=True, help="Show every change as a diff; write nothing.")
@click.option("--prune", is_flag=True, help="Delete generated files whose units left the spec.")
@click.option("--conflict", "conflict", type=click.Choice(["keep", "inline"]), default="keep",
              show_default=True, help="On a conflict with your edits: keep your file untouched, "
              "or write git-style conflict markers into it (inline).")
@click.option("--no-verify", is_flag=True, help="Skip running the generated tests.")
@click.option("--verify-timeout", type=click.FloatRange(min=0, min_open=True),
              help="Seconds the generated tests may run (> 0).")
@click.option("--jobs", type=int, default=None, help="Functions the implement stage sends to "
              "the backend at once (default: the backend's: 8 for openai, else 1). The "
              "output does not depend on it.")
@click.option("--sandbox", type=click.Choice(["auto", "strict", "basic"]), default=None,
              help="How generated code runs: auto (bubblewrap where it works, else the strongest "
              "fallback, said once), strict (bubblewrap or fail), basic (no OS sandbox). "
              "Default: spf.toml's [spf.sandbox] mode, else auto.")
@click.option("--teacher", metavar="NAME[:ARG]", help="A backend that implements what --backend "
              "could not (e.g. symbolic); its verified bodies are corrections for --learn.")
@click.option("--learn/--no-learn", "learn", default=None, help="Repair the model on its "
              "corrections after the implement stage; the lesson goes to the lesson store and is "
              "loaded by the next run (default: spf.toml's [learn] enabled).")
@click.option("--learn-method", metavar="METHOD", help="Method for --learn: star "
              "(default), mint, sgd, or finetune (a semantic-frozen LoRA fine-tune).")
@click.option("--learn-option", "learn_options", multiple=True, metavar="KEY=VALUE",
              help="An option of the repair method; may be repeated.")
@click.option("--learned-patches/--no-learned-patches", "use_patches", default=None,
              help="Load the patches learned by earlier runs (default: yes).")
@click.option("--lesson-store", "store", metavar="user|project|DIR", default=None,
              help="Where lessons are loaded from and saved to: the user-level store, one "
              "folder per base model (user, the default: $SPF_LESSONS_DIR or the data folder), "
              "the output's .spf/patches/ (project), or a store folder.")
@click.option("--strict", is_flag=True, help="Unchecked units (no spec example covers them) "
              "make the exit status 3 too.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and conflicts.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.pass_context
def generate_command(ctx, project, out, backend, backend_options, stop_after, resume, interactive,
                     force, pretend, prune, conflict, no_verify, verify_timeout, jobs, sandbox,
                     teacher,
                     learn, learn_method, learn_options, use_patches, store, strict, quiet,
                     as_json):
    """Generate a runnable, tested Python project from PROJECT's spec.md.

    \b
    Stages: scaffold -> interfaces -> implement -> tests -> verify -> write.
    Exit statuses: 0 all good, 2 bad input, 3 verification failed or a unit
    failing, partial or unimplemented (--strict: or unchecked), 4 conflicts with
    your edits (files left untouched, or with conflict markers under --conflict inline).
    """
    from rich.console import Console
    from spf_plugins.learn import learning, parse_method_options

    from spf.extras import require_extra
    from spf.pipeline import generate

    if learn_method is not None:
        check_learn_method(learn_method)
    if learn:
        require_extra("neural", "spf generate --learn")
    console = Console(stderr=True, quiet=quiet or as_json, highlight=False)
    progress = _Progress(console)
    pause = _interactive_pause(console) if interactive else None
    overrides = {"enabled": learn, "teacher": teacher, "method": learn_method,
                 "use_patches": use_patches, "store": store,
                 "method_options": parse_method_options(learn_options) if learn_options else None}
    try:
        with learning(**overrides) as session:
            report = generate(
                project, out=out, backend=backend,
                backend_options=_parse_options(backend_options) if backend_options else None,
                verify=not no_verify, verify_timeout=verify_timeout, force=force, pretend=pretend,
                prune=prune, conflict=conflict, stop_after=stop_after, resume=resume,
                on_event=progress.event, pause=pause, strict=strict, jobs=jobs,
                sandbox=sandbox)
    finally:
        progress.stop()
    if as_json:
        data = report.to_dict()
        if session.report is not None:
            data["learning"] = session.report
        click.echo(json.dumps(data, indent=2))
    else:
        output = Console(stderr=False, highlight=False, quiet=quiet)
        print_summary(report, output, quiet=quiet)
        if session.report is not None and not quiet:
            print_learning(session.report, output)
    ctx.exit(report.exit_code)


def check_learn_method(name: str) -> None:
    """Refuse an unknown ``--learn-method`` up front (the methods need the neural extra)."""
    from spf.errors import SpfError
    from spf.extras import require_extra

    require_extra("neural", "spf generate --learn-method")
    from spf.neural.repair import repair_methods

    methods = repair_methods()
    if name not in methods:
        raise SpfError(f"unknown repair method {name!r}", location="--learn-method",
                       hint=f"methods: {', '.join(sorted(methods))}")


class _Progress:
    """A rich status line per stage; finished stages stay as one line each."""

    def __init__(self, console):
        self.console = console
        self.status = None

    def event(self, event: str, stage: str, state) -> None:
        import logging
        import time

        logger = logging.getLogger("spf.generate")
        if event == "start":
            logger.info("stage %s: started", stage)
            self._clock = time.perf_counter()
            self.status = self.console.status(f"[bold]{stage}[/bold] ...")
            self.status.start()
            self._started = stage
        else:
            self.stop()
            from spf.pipeline import available_stages

            summary = next((item.summary(state) for item in available_stages() if item.name == stage), "")
            logger.info("stage %s: done in %.2f s: %s", stage,
                        time.perf_counter() - getattr(self, "_clock", time.perf_counter()), summary)
            self.console.print(f"[green]✓[/green] {stage}: {summary}")

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


def _interactive_pause(console):
    from rich.markup import escape

    def pause(stage, state) -> bool:
        changed = [unit for unit in state.units.values() if unit.stage == stage.name]
        console.rule(f"after {stage.name}")
        for unit in changed[:40]:
            console.print(f"  {unit.status:13} {escape(unit.id)}  [dim]{escape(unit.trace)}[/dim]")
        if len(changed) > 40:
            console.print(f"  ... and {len(changed) - 40} more")
        if stage.name == "verify" and state.verify:
            console.print(f"  tests: {stage.summary(state)}")
        return click.confirm("continue? (no: stop here; edit .spf/state.json, then --resume)",
                             default=True, err=True)

    return pause


def print_summary(report, console, *, quiet: bool = False) -> None:
    """The final table: units by stage/backend/status, files by action, tests, conflicts."""
    from rich.markup import escape
    from rich.table import Table

    for conflict in report.conflicts:
        outcome = ("conflict markers written into the file" if conflict.get("inline")
                   else "file left untouched")
        console.print(f"[red]conflict[/red] {escape(conflict['path'])}: your edits overlap the new "
                      f"version; {outcome}", highlight=False)
        console.print(colored_diff(conflict.get("diff", "")), soft_wrap=True)
    if report.pretend:
        for entry in report.files:
            if entry.get("diff"):
                console.print(colored_diff(entry["diff"]), soft_wrap=True)
    if quiet:
        return
    table = Table(title=escape(f"spf generate {report.project}: {report.out_dir}"))
    for column in ("stage", "backend", "status", "units"):
        table.add_column(column, justify="right" if column == "units" else "left")
    counts: dict[tuple, int] = {}
    for unit in report.units:
        key = (unit["stage"] or "-", unit["backend"] or "-", unit["status"])
        counts[key] = counts.get(key, 0) + 1
    for (stage, backend, status), count in sorted(counts.items()):
        table.add_row(stage, backend, status, str(count))
    console.print(table)
    print_statuses(report, console)
    actions: dict[str, int] = {}
    for entry in report.files:
        actions[entry["action"]] = actions.get(entry["action"], 0) + 1
    if actions:
        prefix = "would be " if report.pretend else ""
        console.print("files: " + ", ".join(f"{count} {prefix}{action}"
                                            for action, count in sorted(actions.items())))
    if report.removed_units:
        console.print("units removed from the spec: " + escape(", ".join(report.removed_units)))
    for entry in report.removed:
        would = "would be " if report.pretend and entry["action"] == "deleted" else ""
        console.print(f"removed from the spec: {escape(entry['path'])} -> {would}"
                      f"{escape(entry['action'])}")
    verify = report.verify
    if verify and not verify.get("skipped"):
        line = (f"tests: {verify.get('passed', 0)} passed, {verify.get('failed', 0)} failed, "
                f"{verify.get('xfailed', 0)} xfailed, {verify.get('xpassed', 0)} xpassed, "
                f"{verify.get('errors', 0)} errors ({verify.get('seconds', 0)} s)")
        acceptance = verify.get("acceptance")
        if acceptance:
            line += (f"; acceptance (from the spec): {acceptance.get('passed', 0)} of "
                     f"{acceptance.get('cases', 0)} passed")
        if verify.get("merged"):
            line += f"; with your edits to {', '.join(verify['merged'])}"
        console.print(("[green]" if verify.get("ok") else "[red]") + line + "[/]")
        if verify.get("timed_out"):
            console.print("[red]the generated tests timed out[/red]")
        for failure in verify.get("failures", [])[:10]:
            console.print(f"  failed: {escape(failure)}", highlight=False)
    sandbox = report.sandbox or {}
    if sandbox.get("notice"):
        console.print(f"[yellow]sandbox: {escape(sandbox['kind'])}[/yellow] (an OS sandbox "
                      f"was not available; see the notice on stderr and docs/generate.md)")
    if report.stopped_after:
        console.print(f"stopped after {report.stopped_after}; state saved in .spf/state.json "
                      f"(continue with --resume)")
    console.print(f"exit status {report.exit_code} ({report.seconds} s)")


def print_statuses(report, console) -> None:
    """One line per unit that is not plainly fine: what is wrong, or what it was taken to mean."""
    from rich.markup import escape

    colours = {"failing": "red", "partial": "yellow", "unimplemented": "yellow",
               "unchecked": "cyan"}
    shown = report.problems + [unit for unit in report.units if unit["status"] == "unchecked"
                               and unit not in report.problems]
    for unit in shown:
        status = unit["status"]
        line = (f"[{colours.get(status, 'yellow')}]{status}[/] {escape(unit['design_unit'])} "
                f"({escape(unit['trace'])})")
        if status == "unchecked":
            meaning = unit.get("interpretation") or "no description"
            line += f": {escape(meaning)} [dim]({escape(unit.get('hint', ''))})[/dim]"
        elif unit.get("reason"):
            line += f": {escape(str(unit['reason']))}"
        console.print(line, highlight=False)
    grouped = report.by_status()
    if grouped:
        console.print("units: " + ", ".join(f"{len(grouped[status])} {status}" for status in
                                             ("verified", "unchecked", "partial", "unimplemented",
                                              "failing") if grouped.get(status)))


def colored_diff(diff: str):
    """A unified diff as rich Text: additions green, deletions red, hunks cyan, markers bold.

    Colour appears on a terminal only; piped output stays the plain diff.
    """
    from rich.text import Text

    text = Text()
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line[1:].startswith(("<<<<<<<", "=======", ">>>>>>>")):
            style = "bold yellow"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = ""
        text.append(line, style=style)
    text.rstrip()
    return text


def print_learning(learning: dict, console) -> None:
    """What the run learned: corrections, the repair, the patch (only when there is news)."""
    from rich.markup import escape

    if learning.get("loaded_patches"):
        console.print("learned patches loaded: " + escape(", ".join(learning["loaded_patches"])))
    for correction in learning.get("corrections", []):
        console.print(f"correction {escape(correction['unit'])} ({escape(correction['trace'])}): "
                      f"{escape(correction['model'])} failed, {escape(correction['corrected_by'])} "
                      f"passed", highlight=False)
    repair = learning.get("repair")
    if repair:
        console.print(f"learned ({repair['method']}): {repair['fixed']}/{repair['cases']} fixed, "
                      f"{repair['neurons_changed']} neurons ({repair['params_changed']} parameters) "
                      f"in layers {repair['layers']}, {repair['seconds']} s"
                      + (f" -> {escape(learning['patch'])}" if learning.get("patch") else ""),
                      highlight=False)
    for skipped in learning.get("skipped", []):
        console.print(f"not learned {escape(skipped['unit'])}: {escape(skipped['reason'])}",
                      highlight=False)
    for note in learning.get("notes", []):
        console.print(f"learning: {escape(note)}", highlight=False)


@hookimpl
def register_commands(cli):
    cli.add_command(generate_command)
