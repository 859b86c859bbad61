"""The built-in ``core`` plugin: the taxonomy, the templates, classification, ``spf plan`` and ``spf taxonomy``.

Written exactly as a third-party plugin would be: it registers the taxonomy folder
(package ``spf_taxonomy``) and the templates folder (package ``spf_templates``),
answers ``classify_item`` last (any other plugin's answer wins), and adds two
commands. Nothing heavy is imported at module level.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from spf import hookimpl


def taxonomy_folder() -> Path:
    import spf_taxonomy

    return Path(spf_taxonomy.__file__).parent


def templates_folder() -> Path:
    import spf_templates

    return Path(spf_templates.__file__).parent


@hookimpl
def register_taxonomy(register):
    register(taxonomy_folder())


@hookimpl
def register_templates(register):
    register(templates_folder())


@hookimpl(trylast=True)
def classify_item(item, taxonomy):
    """The default classification: the taxonomy's keyword and match rules."""
    return taxonomy.classify(item)


@hookimpl
def register_commands(cli):
    cli.add_command(plan_command)
    cli.add_command(taxonomy_command)
    cli.add_command(backends_command)


# ---------------------------------------------------------------- spf plan


@click.command(name="plan")
@click.argument("project", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True, help="How to print the pyramid.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
def plan_command(project: Path, output_format: str, output: Path | None):
    """Print the semantic pyramid of PROJECT (a folder with spec.md, or a spec file).

    \b
    Layer 1: the requirement items, each with its line in the spec.
    Layer 2: design units with taxonomy categories, interfaces, dependencies, tests.
    Layer 3: planned files and code units in dependency order, traced back.
    The JSON form is the stable contract documented in docs/pyramid.md.
    """
    if output is not None:
        from spf.files import check_writable_file

        check_writable_file(output)  # before the (possibly long) planning
    pyramid = plan_project(project)
    if output_format == "json":
        text = pyramid.to_json() + "\n"
    elif output_format == "markdown":
        text = render_markdown(pyramid)
    else:
        text = None
    if output is not None:
        from spf.files import atomic_write_text

        atomic_write_text(output, text if text is not None else render_text(pyramid, width=100))
        click.echo(f"wrote {output}", err=True)
    elif text is not None:
        click.echo(text, nl=False)
    else:
        print_text(pyramid)


def plan_project(project: Path):
    """Load a project's spec and build its pyramid with its spf.toml extensions and plugins."""
    from spf.pyramid import build_pyramid
    from spf.spec import load_spec

    project_dir = project if project.is_dir() else project.parent
    return build_pyramid(load_spec(project), project_dir=project_dir)


def print_text(pyramid) -> None:
    from rich.console import Console

    console = Console()
    for renderable in _text_renderables(pyramid):
        console.print(renderable)


def render_text(pyramid, width: int = 100) -> str:
    """The text form as a plain string (no colour), e.g. for a file."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    for renderable in _text_renderables(pyramid):
        console.print(renderable)
    return console.export_text()


def _text_renderables(pyramid):
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    from spf.pyramid import trace_link

    project = pyramid.project
    heading = Text()
    heading.append(f"{project.name}", style="bold")
    if _first_line(project.description):
        heading.append(f" — {_first_line(project.description)}")
    yield heading
    yield Text(f"spec: {project.source_file}   package: {project.package}", style="dim")

    requirements = Table(title="Layer 1 · requirements (what the user expresses)",
                         title_justify="left", title_style="bold")
    requirements.add_column("trace", style="cyan", no_wrap=True)
    requirements.add_column("item", no_wrap=True)
    requirements.add_column("requirement text")
    for item in [project, *project.items()]:
        kind = getattr(item, "kind", "project")
        requirements.add_row(Text(trace_link(item.span)), Text(f"{kind}:{item.name}"),
                             Text(item.span.text or _first_line(item.description)))
    yield requirements

    design = Tree(Text("Layer 2 · design (units in dependency order)", style="bold"))
    for index, unit in enumerate(pyramid.design_units.values(), 1):
        branch = design.add(Text.assemble(
            f"{index:>2}. ", (unit.id, "bold"), "  ", (" < ".join(unit.categories), "magenta"),
            "  ", (trace_link(unit.trace), "cyan"), (f"  ({unit.evidence})", "dim")))
        summary = _interface_summary(unit)
        if summary:
            branch.add(Text.assemble(("interface: ", "dim"), summary))
        meaning = unit.interface.get("interpretation") if unit.kind == "command" else None
        if meaning:
            branch.add(Text.assemble(("means: ", "dim"), (f"{unit.name}: {meaning['words']}", "yellow")))
            others = len(unit.interface.get("candidates", [])) - 1
            if others > 0:
                checked = f"{others} other readings are checked against the spec's examples at generate"
                branch.add(Text.assemble(("", "dim"), (checked, "dim")))
        if unit.depends_on:
            branch.add(Text.assemble(("depends on: ", "dim"), ", ".join(unit.depends_on)))
        for test in unit.tests:
            branch.add(Text.assemble(("test: ", "dim"), test.name,
                                     f"  {test.source}" if test.source else f"  [{test.kind}]",
                                     "  ", (trace_link(test.trace), "cyan")))
    yield design

    tree = Tree(Text("Layer 3 · executables (files in dependency order)", style="bold"))
    for planned in pyramid.files:
        branch = tree.add(Text.assemble((planned.path, "bold"), f"  [{planned.kind}]"))
        for unit_id in planned.units:
            unit = pyramid.code_units[unit_id]
            template = unit.template or "(body from a backend)"
            branch.add(Text.assemble(
                (unit.name, "green"), f" {unit.kind}  ", (template, "dim"),
                "  ← ", unit.design_unit, " · ", (trace_link(unit.trace), "cyan")))
    yield tree
    yield Text(f"{len(project.items()) + 1} requirement items · {len(pyramid.design_units)} "
               f"design units · {len(pyramid.files)} files · {len(pyramid.code_units)} code units",
               style="dim")


def _interface_summary(unit) -> str:
    interface = unit.interface
    kind = unit.kind
    if kind == "entity":
        return ", ".join(f"{f['name']}: {f['type']}" for f in interface.get("fields", []))
    if kind == "store":
        return f"{interface.get('class_name')}({interface.get('entity')}) " \
               f"{interface.get('format')} {interface.get('path')}"
    if kind == "function":
        return interface.get("signature", "")
    if kind == "command":
        params = " ".join(f"{p['name']}:{p['cli']}" for p in interface.get("params", []))
        store = interface.get("store")
        return f"{interface.get('function_name')}({params})" + (f" on {store}" if store else "")
    if kind == "project":
        return f"package {interface.get('package')}"
    if kind == "runtime":
        return f"group {interface.get('group', interface.get('name', ''))}"
    return ""


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text and text.strip() else ""


def render_markdown(pyramid) -> str:
    """The pyramid as Markdown: three sections, tables, trace links."""
    from spf.pyramid import trace_link

    project = pyramid.project

    def cell(text) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = [f"# Semantic pyramid: {project.name}", "",
             _first_line(project.description), "",
             f"Spec: `{project.source_file}` · package: `{project.package}`", "",
             "## Layer 1 · requirements", "", "| trace | item | requirement text |",
             "|---|---|---|"]
    for item in [project, *project.items()]:
        kind = getattr(item, "kind", "project")
        lines.append(f"| {trace_link(item.span)} | `{kind}:{item.name}` | "
                     f"{cell(item.span.text or _first_line(item.description))} |")
    lines += ["", "## Layer 2 · design (dependency order)", "",
              "| # | unit | category | interface | depends on | tests | trace |",
              "|---|---|---|---|---|---|---|"]
    for index, unit in enumerate(pyramid.design_units.values(), 1):
        tests = "<br>".join(f"`{test.name}`" for test in unit.tests) or "-"
        depends = ", ".join(f"`{dependency}`" for dependency in unit.depends_on) or "-"
        lines.append(f"| {index} | `{unit.id}` | {unit.category} | "
                     f"{cell(_interface_summary(unit))} | {depends} | {tests} | "
                     f"{trace_link(unit.trace)} |")
    meanings = [(unit.name, unit.interface["interpretation"]["words"])
                for unit in pyramid.design_units.values()
                if unit.kind == "command" and unit.interface.get("interpretation")]
    if meanings:
        lines += ["", "### What each command will do", ""]
        lines += [f"- `{name}`: {cell(words)}" for name, words in meanings]
    lines += ["", "## Layer 3 · executables (dependency order)", ""]
    for planned in pyramid.files:
        lines.append(f"- `{planned.path}` ({planned.kind})")
        for unit_id in planned.units:
            unit = pyramid.code_units[unit_id]
            template = f"`{unit.template}`" if unit.template else "body from a backend"
            lines.append(f"  - `{unit.name}` {unit.kind}, {template} ← `{unit.design_unit}` · "
                         f"{trace_link(unit.trace)}")
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- spf taxonomy


@click.command(name="taxonomy")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "dot"]),
              default="text", show_default=True, help="How to print the taxonomy.")
@click.option("--project", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also load this project's spf.toml taxonomy, templates and plugins.")
def taxonomy_command(output_format: str, project: Path | None):
    """Show the code taxonomy: categories, their is_a tree, keywords, requires and produces."""
    from spf.plugins import plugin_manager, use_project
    from spf.taxonomy import load_taxonomy

    manager = use_project(project) if project is not None else plugin_manager()
    taxonomy = load_taxonomy(project_dir=project, manager=manager)
    if output_format == "json":
        click.echo(json.dumps(taxonomy.to_dict(), indent=2))
    elif output_format == "dot":
        click.echo(taxonomy.to_dot(), nl=False)
    else:
        _print_taxonomy(taxonomy)


def _print_taxonomy(taxonomy) -> None:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    def label(name: str) -> Text:
        category = taxonomy[name]
        text = Text.assemble((name, "bold magenta"))
        if category.description:
            text.append(f"  {category.description}", style="dim")
        details = []
        if category.keywords:
            details.append("keywords: " + ", ".join(category.keywords))
        if category.match:
            details.append("match: " + ", ".join(f"{k}={v}" for k, v in category.match.items()))
        if category.requires:
            details.append("requires: " + ", ".join(category.requires))
        for produced in category.produces:
            details.append(f"produces {produced.kind} {produced.name} in {produced.path}"
                           + (f" ({produced.template})" if produced.template else ""))
        for detail in details:
            text.append(f"\n  {detail}")
        return text

    def grow(branch, name: str) -> None:
        for child in taxonomy.children(name):
            grow(branch.add(label(child)), child)

    roots = [name for name, category in taxonomy.categories.items() if not category.is_a]
    console = Console()
    for root in sorted(roots):
        tree = Tree(label(root))
        grow(tree, root)
        console.print(tree)
    console.print(Text(f"{len(taxonomy.categories)} categories from "
                       f"{len(taxonomy.sources)} files", style="dim"))


# ---------------------------------------------------------------- spf backends


def backend_descriptions() -> list[dict]:
    """Every registered backend with its prompt style and documented options."""
    import dataclasses
    import typing

    from spf.backends import available_backends

    described = []
    for name, backend_class in sorted(available_backends().items()):
        hints = typing.get_type_hints(backend_class.Options)
        options = []
        for option in dataclasses.fields(backend_class.Options):
            default = option.default
            if default is dataclasses.MISSING and option.default_factory is not dataclasses.MISSING:
                default = option.default_factory()
            annotation = hints.get(option.name, option.type)
            if typing.get_origin(annotation) is typing.Literal:
                type_name = "|".join(str(choice) for choice in typing.get_args(annotation))
            else:
                type_name = getattr(annotation, "__name__", None) or str(annotation)
            options.append({
                "name": option.name,
                "type": type_name.replace("typing.", ""),
                "default": None if default is dataclasses.MISSING else default,
                "help": option.metadata.get("help", ""),
            })
        described.append({
            "name": name,
            "prompt_style": backend_class.prompt_style,
            "needs_argument": backend_class.needs_argument,
            "description": (backend_class.__doc__ or "").strip().splitlines()[0]
            if backend_class.__doc__ else "",
            "options": options,
        })
    return described


@click.command(name="backends")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def backends_command(as_json):
    """List the language-model backends and their options (use with --backend NAME[:ARG])."""
    described = backend_descriptions()
    if as_json:
        click.echo(json.dumps(described, indent=2, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for backend in described:
        usage = f"{backend['name']}:ARG" if backend["needs_argument"] else backend["name"]
        table = Table("option", "type", "default", "help", title=f"--backend {usage}  "
                      f"[dim]({backend['prompt_style']})[/dim]  {backend['description']}",
                      title_justify="left")
        for option in backend["options"]:
            table.add_row(option["name"], option["type"], repr(option["default"]), option["help"])
        console.print(table)
