"""An example third-party spf plugin: a taxonomy category and a CLI command.

spf loads it through the ``spf`` entry-point group declared in this package's
``pyproject.toml``. Like every plugin it imports nothing heavy at module level.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from spf import hookimpl

__version__ = "0.2.0"

HERE = Path(__file__).parent


@hookimpl
def register_taxonomy(register):
    """Adds ``command.export`` under the built-in ``command`` category."""
    register(HERE / "taxonomy")


@hookimpl
def register_templates(register):
    """The template ``command/export.py.j2`` that ``command.export`` names."""
    register(HERE / "templates")


@hookimpl
def register_commands(cli):
    cli.add_command(census)


@click.command()
@click.argument("project", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def census(project: Path, as_json: bool):
    """Count PROJECT's design units per taxonomy category."""
    import spf

    pyramid = spf.build_pyramid(spf.load_spec(project))
    counts = Counter(unit.category for unit in pyramid.design_units.values())
    if as_json:
        click.echo(json.dumps(dict(sorted(counts.items())), indent=2))
        return
    for category, count in sorted(counts.items()):
        click.echo(f"{category:<20} {count}")
