"""Stage 1, scaffold: the project layout, its config files and every module's header.

Plans one ``FileRecord`` per file of the layout contract (pyproject.toml, README.md,
the package's ``__init__/models/stores/functions/cli`` and the four test modules),
skipping modules with nothing in them, and one ``UnitRecord`` per code unit, each
traced to its requirement line. Config and docs are complete after this stage; the
code units are only planned.
"""

from __future__ import annotations

import re

from spf_plugins.stages.views import snake, trace_of

from spf import hookimpl
from spf.errors import SpfError
from spf.pipeline import PipelineState, Stage, UnitRecord

# Names the generated modules define or import themselves: a spec item must not shadow them.
RESERVED = {
    "function": {"cli", "main", "fail", "click", "annotations"},
    "entity": {"StoreError", "NotFoundError", "Any", "Path", "NoReturn", "CliRunner"},
    "store": set(),
    "command": set(),
}
RESERVED_PACKAGES = {"tests", "click", "pytest", "setuptools", "spf"}

PROJECT_TEMPLATES = {
    "pyproject.toml": "project/pyproject.toml.j2",
    "README.md": "project/README.md.j2",
}


def check_name(name: str, what: str, span) -> None:
    """Spec names become file and Python names: refuse paths and non-identifiers early."""
    location = f"{span.file}:{span.line}" if span is not None else None
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise SpfError(f"{what} name {name!r} would make a path outside the output folder",
                       location=location, hint="use a plain name: letters, digits, underscores")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
        raise SpfError(f"{what} name {name!r} is not a valid Python name", location=location,
                       hint="use letters, digits and underscores, starting with a letter")


def check_package(package: str, span) -> None:
    """The package must not shadow the standard library or what the project depends on."""
    import sys

    if package in RESERVED_PACKAGES or package in sys.stdlib_module_names:
        raise SpfError(f"project name {package!r} would shadow the module of the same name",
                       location=f"{span.file}:{span.line}" if span is not None else None,
                       hint="choose another project name")


class ScaffoldStage(Stage):
    name = "scaffold"
    after = ()
    description = "project layout, config files, module headers"

    def run(self, state: PipelineState) -> None:
        from spf_plugins.stages.render import (
            module_header,
            project_context,
            render_template,
            test_header,
        )

        project = state.project
        pyramid = state.pyramid
        check_name(project.name, "project", project.span)
        check_package(project.package, project.span)
        formatters = {f"format_{snake(entity.name)}" for entity in project.entities}  # `format_task`, one per record
        for item in project.items():
            check_name(item.name, item.kind, item.span)
            if item.name in RESERVED.get(item.kind, set()) or (
                    item.kind == "function" and item.name in formatters):
                raise SpfError(f"{item.kind} name {item.name!r} clashes with a name the generated "
                               f"code uses", location=f"{item.span.file}:{item.span.line}",
                               hint="choose another name")
        package = project.package
        context = project_context(state)
        trace = trace_of(project.span)
        project_unit = f"project:{project.name}"

        for path, template in PROJECT_TEMPLATES.items():
            state.add_file(path, "toml" if path.endswith(".toml") else "markdown")
            unit = state.add_unit(UnitRecord(
                id=f"{path}::{'pyproject' if path.endswith('.toml') else 'readme'}", path=path,
                name=path, kind="config" if path.endswith(".toml") else "doc",
                design_unit=project_unit, category="project", template=template, trace=trace))
            self._complete(unit, render_template(state, template, **context, trace=trace))

        init_path = f"{package}/__init__.py"
        state.add_file(init_path, "python")
        unit = state.add_unit(UnitRecord(
            id=f"{init_path}::{package}", path=init_path, name=package, kind="module",
            design_unit=project_unit, category="project", template="project/__init__.py.j2",
            trace=trace))
        self._complete(unit, render_template(state, "project/__init__.py.j2", **context, trace=trace))

        main_path = f"{package}/__main__.py"  # `python -m PACKAGE`, how acceptance tests run it
        state.add_file(main_path, "python")
        unit = state.add_unit(UnitRecord(
            id=f"{main_path}::__main__", path=main_path, name="__main__", kind="module",
            design_unit=project_unit, category="project", template="project/__main__.py.j2",
            trace=trace))
        self._complete(unit, render_template(state, "project/__main__.py.j2", **context,
                                             trace=trace))

        state.add_file("tests/test_acceptance.py", "test")  # the spec's examples: the tests stage

        groups = {
            "entity": (f"{package}/models.py", "tests/test_models.py", "class"),
            "store": (f"{package}/stores.py", "tests/test_stores.py", "class"),
            "function": (f"{package}/functions.py", "tests/test_functions.py", "function"),
        }
        for design in pyramid.design_units.values():
            kind = design.id.split(":", 1)[0]
            name = design.id.split(":", 1)[1]
            if kind in groups:
                path, test_path, unit_kind = groups[kind]
                unit_name = design.interface.get("class_name") or name
            elif kind in ("command", "runtime"):
                path, test_path, unit_kind = f"{package}/cli.py", "tests/test_cli.py", "function"
                unit_name = design.interface.get("function_name") or design.interface.get("group") \
                    or f"{name}_command"
            else:
                continue
            if path not in state.files:
                state.add_file(path, "python", module_header(state, path))
            state.add_unit(UnitRecord(
                id=f"{path}::{unit_name}", path=path, name=unit_name, kind=unit_kind,
                design_unit=design.id, category=design.category, template=None,
                trace=trace_of(design.trace), interface=dict(design.interface)))
            if kind == "runtime":
                continue
            if test_path not in state.files:
                state.add_file(test_path, "test", test_header(state, test_path))
            state.add_unit(UnitRecord(
                id=f"{test_path}::tests_of_{name}", path=test_path, name=f"tests_of_{name}",
                kind="tests", design_unit=design.id, category=design.category, template=None,
                trace=trace_of(design.trace)))
        cli_path = f"{package}/cli.py"
        if cli_path not in state.files:  # no commands: the console script still needs a group
            state.add_file(cli_path, "python", module_header(state, cli_path))
            state.add_unit(UnitRecord(
                id=f"{cli_path}::cli", path=cli_path, name="cli", kind="function",
                design_unit="runtime:cli", category="runtime.cli", template=None, trace=trace))
        # Python files in a stable order: package modules as planned, tests last.
        state.files = dict(sorted(state.files.items(), key=lambda pair: _file_rank(pair[0], package)))

    @staticmethod
    def _complete(unit: UnitRecord, source: str) -> None:
        unit.source = source
        unit.status = "generated"
        unit.stage = "scaffold"
        unit.backend = "template"

    def summary(self, state: PipelineState) -> str:
        return f"{len(state.files)} files planned, {len(state.units)} units"


def _file_rank(path: str, package: str) -> tuple[int, str]:
    order = ["pyproject.toml", "README.md", f"{package}/__init__.py", f"{package}/__main__.py",
             f"{package}/models.py",
             f"{package}/stores.py", f"{package}/functions.py", f"{package}/cli.py",
             "tests/test_acceptance.py", "tests/test_models.py", "tests/test_stores.py",
             "tests/test_functions.py", "tests/test_cli.py"]
    return (order.index(path) if path in order else len(order), path)


@hookimpl
def register_stages(register):
    register(ScaffoldStage())
