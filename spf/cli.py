"""The ``spf`` command line: a click group whose commands come from plugins.

Only ``spf plugins`` lives here; every other command is added by a plugin through
the ``register_commands`` hook, the built-in ones included. Nothing here imports
torch: ``spf --help`` must stay fast.
"""

from __future__ import annotations

import json
import logging
import sys

import click

from spf import __version__
from spf.errors import EXIT_BAD_INPUT, SpecError, SpfError
from spf.plugins import load_plugins


def _pre_scan(args: list[str]) -> tuple[list[str], list[str]]:
    """Read ``--plugin``/``--no-plugin`` before click parses: they decide which commands exist."""
    extra, blocked = [], []
    index = 0
    while index < len(args):
        arg = args[index]
        if not arg.startswith("-"):
            break  # global options stop at the sub-command
        for option, target in (("--plugin", extra), ("--no-plugin", blocked)):
            if arg == option and index + 1 < len(args):
                target.append(args[index + 1])
                index += 1
            elif arg.startswith(option + "="):
                target.append(arg.split("=", 1)[1])
        index += 1
    return extra, blocked


def report_error(error: SpfError) -> None:
    """Print a user error as one line (plus the offending source line for spec errors)."""
    click.echo(f"error: {error.one_line()}", err=True)
    if isinstance(error, SpecError) and error.excerpt():
        click.echo(error.excerpt(), err=True)


def command_path(group: click.Group, args: list[str]) -> str:
    """``spf model build-tiny`` from the command-line arguments (for error locations)."""
    names, command, index = ["spf"], group, 0
    while index < len(args) and isinstance(command, click.Group):
        arg = args[index]
        index += 1
        if arg in ("--plugin", "--no-plugin"):
            index += 1  # skip the option's value
        elif not arg.startswith("-") and arg in command.commands:
            command = command.commands[arg]
            names.append(arg)
        elif not arg.startswith("-"):
            break
    return " ".join(names)


def boundary_error(error: BaseException, where: str) -> SpfError | None:
    """The user error for an ``OSError`` or a missing optional dependency; None for a bug."""
    from spf.extras import error_for_missing_module

    if isinstance(error, ModuleNotFoundError):
        return error_for_missing_module(error, where)
    if isinstance(error, OSError):
        path = error.filename or where
        message = error.strerror or str(error) or type(error).__name__
        return SpfError(message, location=str(path),
                        hint="check the path, that its folders exist, and its permissions")
    return None


class _StderrHandler(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is at emit time (click's test runner swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def setup_logging(verbosity: int) -> None:
    """``-v``: progress (INFO) on stderr; ``-vv``: DEBUG; default: warnings only."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logger = logging.getLogger("spf")
    logger.setLevel(level)
    if not any(getattr(handler, "_spf", False) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("spf: %(levelname)s: %(message)s"))
        handler._spf = True
        logger.addHandler(handler)
        logger.propagate = False


class SpfGroup(click.Group):
    """Loads plugins before parsing, then turns ``SpfError`` into one line and an exit status.

    The error boundary: an ``OSError`` (a path that cannot be read or written) and a
    ``ModuleNotFoundError`` for an optional extra's module become one-line errors with
    exit status 2 too, never tracebacks.
    """

    def main(self, args=None, prog_name=None, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        self._args = args
        extra, blocked = _pre_scan(args)
        self.commands = {name: command for name, command in CORE_COMMANDS.items()}
        try:
            manager = load_plugins(extra=extra, blocked=blocked)
            manager.hook.register_commands(cli=self)
        except SpfError as error:
            report_error(error)
            sys.exit(error.exit_code)
        return super().main(args=args, prog_name=prog_name or "spf", **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SpfError as error:
            report_error(error)
            ctx.exit(error.exit_code)
        except (OSError, ModuleNotFoundError) as error:
            converted = boundary_error(error, command_path(self, getattr(self, "_args", [])))
            if converted is None:
                raise
            report_error(converted)
            ctx.exit(converted.exit_code)


@click.group(cls=SpfGroup)
@click.version_option(__version__, prog_name="spf")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE",
              help="Also load this plugin (dotted module name or .py file).")
@click.option("--no-plugin", "no_plugins", multiple=True, metavar="NAME",
              help="Do not load the plugin of this name.")
@click.option("--verbose", "-v", count=True, help="Log progress (-v) or debug detail (-vv) "
              "on stderr.")
def cli(plugins, no_plugins, verbose):
    """spf, the Semantic Pyramid Framework: from a requirements text to a tested project.

    \b
    Exit statuses: 0 success, 1 failure, 2 bad input, 3 verification failed or
    units failing, partial or unimplemented, 4 merge conflicts.
    """
    setup_logging(verbose)


@click.command(name="plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--project", type=click.Path(exists=True, file_okay=False),
              help="Also load this project's local plugin files (spf.toml).")
def plugins_command(as_json, project):
    """List the loaded plugins: name, version, source and hooks."""
    from spf.plugins import plugin_manager, use_project

    manager = use_project(project) if project else plugin_manager()
    infos = manager.describe()
    if as_json:
        click.echo(json.dumps([info.to_dict() for info in infos], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "version", "source", "hooks")
    for info in infos:
        table.add_row(info.name, info.version or "-", info.source, ", ".join(info.hooks))
    Console().print(table)
    if not infos:
        click.echo("no plugins loaded (is SPF_LOAD_PLUGINS set to an empty value?)")


CORE_COMMANDS = {"plugins": plugins_command}


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main()
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


__all__ = ["EXIT_BAD_INPUT", "cli", "main"]
