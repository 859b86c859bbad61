"""The built-in ``init`` plugin: ``spf init FOLDER`` starts a spec.md.

From a template (``--template cli``: an entity in a JSON store with add/list/remove
commands; ``--template library``: one function with an example) or interactively: click
prompts for the project's name, description, template and (for ``cli``) the entity and
its fields. The answers are checked by parsing the spec before anything is written; the
spec is written atomically, and an existing spec.md is never overwritten.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from spf import hookimpl

TEMPLATES = ("cli", "library")
FIELD_TYPES = {"str": '""', "int": "0", "float": "0.0", "bool": "false"}

CLI_TEMPLATE = """# Project: {name}
{description}

## Entity: {entity}
One {noun} the user keeps.
{fields}

## Store: {store}
{entity} records live in `{store}.json` in the working directory.
- holds: {entity}
- format: json

## Command: add({first}: {first_type})
Add {a_noun} with the given {first}.

## Command: list()
Print every {noun} on its own line as `1. {first}`, numbered from 1.

## Command: remove(index: int)
Delete the {noun} at the given 1-based position.
- error: an index out of range prints "no such {noun}" and exits with status 1
"""

LIBRARY_TEMPLATE = """# Project: {name}
{description}

## Function: greet(name: str) -> str
Say hello to the name, followed by an exclamation mark.
- greet("Ada") == "Hello, Ada!"
"""


def parse_fields(text: str) -> list[tuple[str, str]]:
    """``"title: str, done: bool"`` -> ``[("title", "str"), ("done", "bool")]``, checked."""
    from spf.errors import SpfError

    fields = []
    for part in (piece.strip() for piece in text.split(",")):
        name, separator, kind = (item.strip() for item in part.partition(":"))
        if not separator or not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or kind not in FIELD_TYPES:
            raise SpfError(f"field {part!r} is not NAME: TYPE", location="--fields",
                           hint=f"e.g. 'title: str, done: bool'; types: {', '.join(FIELD_TYPES)}")
        fields.append((name, kind))
    if not fields:
        raise SpfError("give at least one field", location="--fields")
    return fields


def render(template: str, *, name: str, description: str, entity: str = "Item",
           fields: list[tuple[str, str]] | None = None) -> str:
    """The spec text for a template and the answers."""
    if template == "library":
        return LIBRARY_TEMPLATE.format(name=name, description=description)
    fields = fields or [("name", "str")]
    lines = [f"- {fields[0][0]}: {fields[0][1]} — the {fields[0][0]}"]
    lines += [f"- {field}: {kind} = {FIELD_TYPES[kind]} — the {field}" for field, kind in fields[1:]]
    noun = re.sub(r"(?<!^)(?=[A-Z])", " ", entity).lower()
    store = re.sub(r"[^a-z0-9_]", "_", noun) + "s"
    a_noun = ("an " if noun[:1] in "aeiou" else "a ") + noun
    return CLI_TEMPLATE.format(name=name, description=description, entity=entity, noun=noun,
                               a_noun=a_noun,
                               fields="\n".join(lines), store=store, first=fields[0][0],
                               first_type=fields[0][1])


@click.command(name="init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--template", type=click.Choice(TEMPLATES),
              help="cli: an entity in a JSON store with add/list/remove; library: a function.")
@click.option("--name", help="The project's name (default: the folder's name).")
@click.option("--description", help="One line saying what the project does.")
@click.option("--entity", help="cli template: the entity's name (CapWords).")
@click.option("--fields", "fields_text", help="cli template: 'name: type, ...' "
              "(types str, int, float, bool; the first is required, the rest get defaults).")
@click.option("--no-input", is_flag=True, help="Ask nothing: defaults for what is not given.")
def init_command(folder, template, name, description, entity, fields_text, no_input):
    """Start FOLDER/spec.md from a template, asking for what is not given.

    \b
    spf init notes                          # asks: name, description, template, ...
    spf init notes --template cli --no-input
    Then: spf plan notes; spf generate notes.
    """
    from spf.errors import SpfError
    from spf.files import atomic_write_text, check_writable_folder
    from spf.spec import parse_spec

    spec = folder / "spec.md"
    if spec.exists() or spec.is_symlink():
        raise SpfError("a spec already exists; spf init never overwrites it", location=str(spec),
                       hint="edit it, or choose another folder")
    check_writable_folder(folder, what="project folder")

    def ask(value, prompt, default, **options):
        if value is not None or no_input:
            return value if value is not None else default
        return click.prompt(prompt, default=default, **options)

    default_name = re.sub(r"[^a-z0-9_]", "_", folder.resolve().name.lower()).strip("_") or "project"
    name = ask(name, "Project name", default_name)
    description = ask(description, "What it does (one line)", "A small command-line tool.")
    template = ask(template, "Template", "cli", type=click.Choice(TEMPLATES))
    fields = None
    if template == "cli":
        entity = ask(entity, "Entity name", "Item")
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", entity):
            raise SpfError(f"entity name {entity!r} is not CapWords", location="--entity",
                           hint="e.g. Task, Note, Book")
        fields = parse_fields(ask(fields_text, "Fields (name: type, ...)", "title: str, done: bool"))
    text = render(template, name=name, description=description, entity=entity or "Item",
                  fields=fields)
    try:
        project = parse_spec(text, file="spec.md", display_path=str(spec))
    except SpfError as error:
        raise SpfError(f"the answers do not make a valid spec: {error.message}",
                       location=error.location, hint=error.hint) from None
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(spec, text)
    click.echo(f"wrote {spec} ({len(project.items())} items); next: spf plan {folder}", err=True)


@hookimpl
def register_commands(cli):
    cli.add_command(init_command)
