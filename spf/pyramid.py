"""Layers 2 and 3 of the semantic pyramid: design units and planned code units.

Layer 2 (specification): every Layer-1 item classified into taxonomy categories,
turned into a ``DesignUnit`` with an interface, dependencies (a networkx DAG) and
the tests its examples imply. Layer 3 (executables): ``PlannedFile`` and
``CodeUnit`` objects in dependency order, each linked to its design unit and,
through it, to the requirement text.

The JSON form (``Pyramid.to_dict``) is the stable contract that ``spf plan
--format json``, the generation stages and plugins consume; see docs/pyramid.md.

Design-unit ids: ``project:<name>``, ``entity:<Name>``, ``store:<name>``,
``function:<name>``, ``command:<name>``, ``runtime:cli``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spf.spec.model import Item, Project, Span


@dataclass
class PlannedTest:
    """A test that a design unit implies (from a spec example or a category template)."""

    name: str  # test function name, e.g. test_normalize_title_1
    kind: str  # "example", "raises", "roundtrip", "command", ...
    source: str | None  # for examples: the example source text
    trace: Span


@dataclass
class DesignUnit:
    """Layer 2: one unit of the design."""

    id: str
    categories: list[str]  # taxonomy categories, most specific first (e.g. ["store.json", "store"])
    item: Item | Project  # the Layer-1 item it came from
    interface: dict[str, Any]  # JSON-able: signature / fields / params, as the category defines
    depends_on: list[str]  # ids of design units it needs
    tests: list[PlannedTest]
    trace: Span

    @property
    def category(self) -> str:
        return self.categories[0]


@dataclass
class CodeUnit:
    """Layer 3: a module, class, function, test or config unit inside a planned file."""

    id: str  # "<path>::<name>", e.g. "todo/models.py::Task"
    kind: str  # "module" | "class" | "function" | "test" | "config" | "doc"
    name: str
    path: str  # the file it lives in, relative to the output folder
    design_unit: str  # DesignUnit.id
    template: str | None  # template name (relative to a template folder), None = needs a backend
    trace: Span


@dataclass
class PlannedFile:
    """Layer 3: one file of the generated project and the code units in it, in order."""

    path: str
    kind: str  # "python" | "test" | "toml" | "markdown"
    units: list[str]  # CodeUnit ids
    design_units: list[str]


@dataclass
class Pyramid:
    """The three layers together, with trace links and the design DAG."""

    project: Project  # Layer 1
    design_units: dict[str, DesignUnit]  # Layer 2, keyed by id, in dependency order
    graph: Any  # networkx.DiGraph over design-unit ids; edge a -> b means a depends on b
    files: list[PlannedFile]  # Layer 3, in dependency order
    code_units: dict[str, CodeUnit] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON contract (documented in docs/pyramid.md)."""
        raise NotImplementedError("Pyramid.to_dict is implemented with the pyramid builder")


def build_pyramid(project: Project, taxonomy=None) -> Pyramid:
    """Build Layers 2 and 3 for a parsed project."""
    raise NotImplementedError("build_pyramid: the pyramid builder has not landed yet")
