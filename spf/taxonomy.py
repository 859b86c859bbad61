"""The code taxonomy: categories of code information, loaded from TOML into a networkx graph.

The taxonomy is the bridge between requirement text and code. Each category says
what it ``is_a`` (its parent), which Layer-1 items it ``applies_to``, the ``keywords``
and attribute ``match`` rules that classify an item into it, the categories of the
units it ``requires``, the store ``operations`` it uses or offers, and the code units
and tests it ``produces`` (each with a path pattern and a template). Children inherit
``applies_to``, ``singleton``, ``requires`` (merged), ``operations`` (unless they name
their own) and ``produces`` (merged by ``role``: a child's entry replaces its parent's
entry of the same role).

Data comes from every path registered through the ``register_taxonomy`` hook (the
built-in ``core`` plugin registers ``taxonomy/``), from a project's ``spf.toml``
(``taxonomy = [...]``) and from explicit ``extra_paths``. Loading validates
everything (unknown keys and parents, ``is_a`` cycles, duplicate categories,
``requires`` naming unknown categories, templates missing from every registered
template folder) and raises ``TaxonomyError`` naming the offending file.

The graph (``Taxonomy.graph``) has one node per category and two kinds of edges,
told apart by the ``relation`` attribute: ``child -> parent`` (``is_a``) and
``category -> required category`` (``requires``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from spf import regex as re
from spf.errors import TaxonomyError
from spf.settings import tomllib

ROOT = "unit"
ITEM_KINDS = ("project", "entity", "store", "function", "command", "runtime")
CODE_UNIT_KINDS = ("module", "class", "function", "test", "config", "doc")
FOR_EACH = ("example", "error")
PLACEHOLDERS = ("name", "class_name", "snake", "package", "project", "index")

_CATEGORY_KEYS = {"is_a", "description", "applies_to", "keywords", "match", "requires",
                  "operations", "produces", "singleton"}
_PRODUCED_KEYS = {"role", "kind", "name", "path", "template", "for_each", "test_kind"}
_NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")


@dataclass(frozen=True)
class Produced:
    """One code unit (or test) a category yields, with patterns filled per design unit.

    ``name`` and ``path`` may use ``{name}`` (the item's name), ``{class_name}``,
    ``{snake}``, ``{package}``, ``{project}`` and, with ``for_each``, ``{index}``
    (1-based). ``template`` None means the unit has no template: a backend writes it.
    """

    role: str
    kind: str
    name: str
    path: str
    template: str | None = None
    for_each: str | None = None  # "example" | "error": one unit per example / error case
    test_kind: str | None = None  # for tests: "roundtrip", "command", ... (examples: from the example)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "kind": self.kind, "name": self.name, "path": self.path,
                "template": self.template, "for_each": self.for_each,
                "test_kind": self.test_kind}


@dataclass
class Category:
    """One category as written in its TOML file (inheritance is resolved by ``Taxonomy``)."""

    name: str
    is_a: str | None
    source: str  # the file that defined it
    description: str = ""
    applies_to: str | None = None
    keywords: list[str] = field(default_factory=list)
    match: dict[str, str] = field(default_factory=dict)
    requires: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    produces: list[Produced] = field(default_factory=list)
    singleton: bool | None = None


@dataclass
class Classification:
    """Why an item landed in a category: for ``spf plan`` and debugging classifiers."""

    categories: list[str]  # most specific first, without the root
    evidence: str  # "name: add", "description: delete", "match: format=json", "default", "plugin"


class Taxonomy:
    """The loaded taxonomy: categories, the graph, and the template folders it was checked against."""

    def __init__(self, categories: dict[str, Category], template_folders: list[Path],
                 sources: list[Path]):
        self.categories = categories
        self.template_folders = template_folders
        self.sources = sources
        self._ancestors: dict[str, tuple[str, ...]] = {}  # categories do not change once loaded
        self._descendants: dict[str, tuple[str, ...]] = {}  # (asked for every item classified)
        self._keyword_forms: dict[str, frozenset[str]] = {}
        self.graph = nx.DiGraph()
        for category in categories.values():
            self.graph.add_node(category.name, source=category.source,
                                description=category.description)
        for category in categories.values():
            if category.is_a:
                self.graph.add_edge(category.name, category.is_a, relation="is_a")
            for required in category.requires:
                if not self.graph.has_edge(category.name, required):
                    self.graph.add_edge(category.name, required, relation="requires")

    # ------------------------------------------------------------ hierarchy

    def __contains__(self, name: str) -> bool:
        return name in self.categories

    def __getitem__(self, name: str) -> Category:
        try:
            return self.categories[name]
        except KeyError:
            raise TaxonomyError(f"unknown taxonomy category {name!r}",
                                hint=f"known: {', '.join(sorted(self.categories))}") from None

    def ancestors(self, name: str) -> list[str]:
        """``name`` and its parents up to the root, most specific first."""
        cached = self._ancestors.get(name)
        if cached is None:
            chain = [name]
            while self[chain[-1]].is_a:
                chain.append(self[chain[-1]].is_a)
            cached = self._ancestors[name] = tuple(chain)
        return list(cached)

    def lineage(self, name: str) -> list[str]:
        """``ancestors`` without the root: the ``categories`` list of a design unit."""
        return [category for category in self.ancestors(name) if category != ROOT]

    def children(self, name: str) -> list[str]:
        return sorted(child for child, category in self.categories.items()
                      if category.is_a == name)

    def descendants(self, name: str) -> list[str]:
        """``name`` and every category below it, parents before children."""
        cached = self._descendants.get(name)
        if cached is None:
            found = [name]
            for child in self.children(name):
                found.extend(self.descendants(child))
            cached = self._descendants[name] = tuple(found)
        return list(cached)

    def depth(self, name: str) -> int:
        return len(self.ancestors(name)) - 1

    def is_a(self, name: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(name)

    # ------------------------------------------------------------ inherited values

    def applies_to(self, name: str) -> str | None:
        for category in self.ancestors(name):
            if self[category].applies_to:
                return self[category].applies_to
        return None

    def singleton(self, name: str) -> bool:
        for category in self.ancestors(name):
            if self[category].singleton is not None:
                return self[category].singleton
        return False

    def requires(self, name: str) -> list[str]:
        """Required categories, the category's own first, then its parents' (no repeats)."""
        merged: list[str] = []
        for category in self.ancestors(name):
            merged.extend(required for required in self[category].requires
                          if required not in merged)
        return merged

    def operations(self, name: str) -> list[str]:
        for category in self.ancestors(name):
            if self[category].operations:
                return list(self[category].operations)
        return []

    def produces(self, name: str) -> list[Produced]:
        """Produced units by role: a child's entry replaces the parent's of the same role.

        Order: the most general category's roles first (in file order), so a command's
        implementation comes before its tests whatever child overrides it.
        """
        by_role: dict[str, Produced] = {}
        for category in reversed(self.ancestors(name)):
            for produced in self[category].produces:
                by_role[produced.role] = produced
        return list(by_role.values())

    def base_category(self, kind: str) -> str | None:
        """The most general category that applies to a Layer-1 item kind."""
        candidates = [name for name in self.categories if self[name].applies_to == kind]
        if not candidates:
            return None
        return min(candidates, key=lambda name: (self.depth(name), name))

    def singleton_for(self, required: str) -> str | None:
        """The most specific singleton category at or below ``required`` (``runtime.cli``)."""
        if required not in self.categories or not self.singleton(required):
            return None
        return required

    # ------------------------------------------------------------ classification

    def classify(self, item: Any) -> Classification:
        """Pick the most specific category for a Layer-1 item from keywords and match rules.

        Only categories that apply to the item's kind are candidates, and a category is
        eligible only when every ``match`` rule on its path from the base category holds
        (``store.json`` needs ``format == "json"``). Keywords are compared with the words
        of the item's name first: when some category's keyword is one of them, only such
        name hits (and match-rule categories) compete. Otherwise the description's words
        are used. The deepest category wins; ties go to a match rule, then to the
        earliest word. No evidence at all: the base category.
        """
        kind = item_kind(item)
        base = self.base_category(kind)
        if base is None:
            raise TaxonomyError(f"no taxonomy category applies to {kind} items",
                                hint="a taxonomy file must define a category with "
                                     f"applies_to = \"{kind}\"")
        name_words = words(getattr(item, "name", ""))
        description_words = words(getattr(item, "description", ""))
        name_hits: list[tuple[int, int, str, str]] = []  # (-depth, position, category, word)
        description_hits: list[tuple[int, int, str, str]] = []
        structural: list[tuple[int, int, str, str]] = []
        for candidate in self.descendants(base):
            if not self._eligible(candidate, base, item):
                continue
            category = self[candidate]
            depth = self.depth(candidate)
            if category.keywords:
                forms = self._keyword_forms.get(candidate)
                if forms is None:
                    forms = self._keyword_forms[candidate] = keyword_forms(category.keywords)
                position = _first_hit(forms, name_words)
                if position is not None:
                    name_hits.append((-depth, position, candidate, name_words[position]))
                    continue
                position = _first_hit(forms, description_words)
                if position is not None:
                    description_hits.append(
                        (-depth, position, candidate, description_words[position]))
            elif category.match and candidate != base:
                rule = ", ".join(f"{key}={value}" for key, value in category.match.items())
                structural.append((-depth, -1, candidate, rule))
        for hits, label in ((name_hits, "name"), (description_hits, "description")):
            pool = [*hits, *structural]
            if hits:
                best = min(pool)
                evidence = (f"match: {best[3]}" if best in structural
                            else f"{label}: {best[3]}")
                return Classification(self.lineage(best[2]), evidence)
        if structural:
            best = min(structural)
            return Classification(self.lineage(best[2]), f"match: {best[3]}")
        return Classification(self.lineage(base), "default")

    def _eligible(self, candidate: str, base: str, item: Any) -> bool:
        for category in self.ancestors(candidate):
            for key, expected in self[category].match.items():
                if str(item_attribute(item, key)).lower() != str(expected).lower():
                    return False
            if category == base:
                break
        return True

    # ------------------------------------------------------------ templates

    def template_path(self, template: str) -> Path | None:
        """The file a template name resolves to: the last registered folder that has it wins."""
        for folder in reversed(self.template_folders):
            candidate = folder / template
            if candidate.is_file():
                return candidate
        return None

    # ------------------------------------------------------------ output

    def to_dict(self) -> dict[str, Any]:
        """JSON form for ``spf taxonomy --format json``: each category with inherited values."""
        return {
            "root": ROOT,
            "sources": [str(path) for path in self.sources],
            "template_folders": [str(path) for path in self.template_folders],
            "categories": [
                {
                    "name": name,
                    "is_a": self[name].is_a,
                    "description": self[name].description,
                    "source": self[name].source,
                    "applies_to": self.applies_to(name),
                    "singleton": self.singleton(name),
                    "keywords": list(self[name].keywords),
                    "match": dict(self[name].match),
                    "requires": self.requires(name),
                    "operations": self.operations(name),
                    "produces": [produced.to_dict() for produced in self.produces(name)],
                    "children": self.children(name),
                }
                for name in self.ordered()
            ],
        }

    def ordered(self) -> list[str]:
        """Categories depth-first from the root (then any orphan roots), for display."""
        roots = sorted(name for name, category in self.categories.items() if not category.is_a)
        ordered: list[str] = []
        for root in roots:
            ordered.extend(self.descendants(root))
        return ordered

    def to_dot(self) -> str:
        """Graphviz DOT: solid ``is_a`` edges to the parent, dashed ``requires`` edges."""
        lines = ["digraph taxonomy {", "  rankdir=BT;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for name in self.ordered():
            lines.append(f"  \"{name}\";")
        for source, target, data in sorted(self.graph.edges(data=True)):
            style = "solid" if data["relation"] == "is_a" else "dashed"
            label = data["relation"]
            lines.append(f"  \"{source}\" -> \"{target}\" [style={style}, label=\"{label}\"];")
        lines.append("}")
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- loading


def load_taxonomy(extra_paths: Iterable[str | Path] = (), *, project_dir: str | Path | None = None,
                  template_folders: Iterable[str | Path] | None = None,
                  include_registered: bool = True, check_templates: bool = True,
                  manager=None) -> Taxonomy:
    """Load and validate the taxonomy.

    Paths, in order: those registered through the ``register_taxonomy`` hook (unless
    ``include_registered`` is false), a project's ``spf.toml`` ``taxonomy`` entries
    (relative to ``project_dir``), then ``extra_paths``. A path is a TOML file or a
    folder of them. Templates named by ``produces`` entries must exist in one of
    ``template_folders`` (default: the folders registered through
    ``register_templates`` plus the project's ``templates`` entries). When several
    folders hold a template, the last one wins: a project's folders over plugins',
    a later-registered plugin's over the built-in folder.
    """
    paths: list[Path] = []
    folders: list[Path] = []
    if include_registered:
        from spf.plugins import collect

        paths.extend(Path(args[0]) for args in collect("register_taxonomy", manager))
        if template_folders is None:
            # pluggy calls the latest-registered plugin first; reversed, the list runs from
            # the built-in folder to the latest plugin's, and later entries win.
            registered = [Path(args[0]) for args in collect("register_templates", manager)]
            folders.extend(reversed(registered))
    if project_dir is not None:
        from spf.settings import load_settings

        project_path = Path(project_dir)
        if project_path.is_file():
            project_path = project_path.parent
        settings = load_settings(project_path)
        paths.extend(project_path / relative for relative in settings.taxonomy)
        if template_folders is None:
            folders.extend(project_path / relative for relative in settings.templates)
    paths.extend(Path(path) for path in extra_paths)
    if template_folders is not None:
        folders = [Path(folder) for folder in template_folders]
    if not paths:
        raise TaxonomyError("no taxonomy data registered",
                            hint="load the 'core' plugin (check SPF_LOAD_PLUGINS and "
                                 "--no-plugin) or pass taxonomy paths")
    categories: dict[str, Category] = {}
    files: list[Path] = []
    for path in paths:
        for file in _toml_files(path):
            files.append(file)
            for category in _read_file(file):
                if category.name in categories:
                    raise TaxonomyError(
                        f"duplicate category {category.name!r} "
                        f"(already defined in {categories[category.name].source})",
                        location=str(file), hint="rename the category or remove one definition")
                categories[category.name] = category
    for folder in folders:
        if not folder.is_dir():
            raise TaxonomyError("template folder not found", location=str(folder),
                                hint="check the templates entry in spf.toml or the plugin")
    _validate(categories)
    taxonomy = Taxonomy(categories, folders, files)
    if check_templates:
        _check_templates(taxonomy)
    return taxonomy


def _toml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(path.rglob("*.toml"))
    raise TaxonomyError("taxonomy path not found", location=str(path),
                        hint="a taxonomy path is a .toml file or a folder of them")


def _read_file(file: Path) -> list[Category]:
    where = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"invalid TOML: {error}", location=where) from error
    except OSError as error:
        raise TaxonomyError(f"cannot read: {error.strerror}", location=where) from error
    unknown = set(data) - {"category"}
    if unknown:
        raise TaxonomyError(f"unknown top-level table {min(unknown)!r}", location=where,
                            hint="define categories as [category.NAME] tables")
    tables = data.get("category", {})
    if not isinstance(tables, dict):
        raise TaxonomyError("'category' must be a table of tables", location=where)
    return [_read_category(name, table, where) for name, table in tables.items()]


def _read_category(name: str, table: Any, where: str) -> Category:
    def fail(message: str, hint: str | None = None) -> TaxonomyError:
        return TaxonomyError(f"category {name!r}: {message}", location=where, hint=hint)

    if not _NAME_PATTERN.match(name):
        raise fail("a category name is lower-case words joined by dots",
                   hint="for example \"command.export\"")
    if not isinstance(table, dict):
        raise fail("must be a table")
    unknown = set(table) - _CATEGORY_KEYS
    if unknown:
        raise fail(f"unknown key {min(unknown)!r}",
                   hint=f"known keys: {', '.join(sorted(_CATEGORY_KEYS))}")

    def string(key: str, default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise fail(f"{key!r} must be a string")
        return value

    def string_list(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            raise fail(f"{key!r} must be a list of strings")
        return list(value)

    applies_to = string("applies_to")
    if applies_to is not None and applies_to not in ITEM_KINDS:
        raise fail(f"applies_to {applies_to!r} is not an item kind",
                   hint=f"one of: {', '.join(ITEM_KINDS)}")
    match = table.get("match", {})
    if not isinstance(match, dict) or not all(isinstance(value, (str, int, bool))
                                              for value in match.values()):
        raise fail("'match' must be a table of attribute = value")
    singleton = table.get("singleton")
    if singleton is not None and not isinstance(singleton, bool):
        raise fail("'singleton' must be true or false")
    produces_tables = table.get("produces", [])
    if not isinstance(produces_tables, list):
        raise fail("'produces' must be an array of tables ([[category.NAME.produces]])")
    return Category(
        name=name, is_a=string("is_a"), source=where, description=string("description", ""),
        applies_to=applies_to,
        keywords=[keyword.lower() for keyword in string_list("keywords")],
        match={key: str(value) for key, value in match.items()},
        requires=string_list("requires"), operations=string_list("operations"),
        produces=[_read_produced(entry, fail) for entry in produces_tables],
        singleton=singleton)


def _read_produced(entry: Any, fail) -> Produced:
    if not isinstance(entry, dict):
        raise fail("each 'produces' entry must be a table")
    unknown = set(entry) - _PRODUCED_KEYS
    if unknown:
        raise fail(f"produces: unknown key {min(unknown)!r}",
                   hint=f"known keys: {', '.join(sorted(_PRODUCED_KEYS))}")
    for key in ("role", "kind", "name", "path"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise fail(f"produces: {key!r} is required (a non-empty string)")
    for key in ("template", "for_each", "test_kind"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"produces: {key!r} must be a string")
    if entry["kind"] not in CODE_UNIT_KINDS:
        raise fail(f"produces: kind {entry['kind']!r} is not a code-unit kind",
                   hint=f"one of: {', '.join(CODE_UNIT_KINDS)}")
    if entry.get("for_each") is not None and entry["for_each"] not in FOR_EACH:
        raise fail(f"produces: for_each {entry['for_each']!r} is not supported",
                   hint=f"one of: {', '.join(FOR_EACH)}")
    for key in ("name", "path"):
        for placeholder in re.findall(r"{([^}]*)}", entry[key]):
            if placeholder not in PLACEHOLDERS:
                raise fail(f"produces: unknown placeholder {{{placeholder}}} in {key!r}",
                           hint=f"known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    path_parts = entry["path"].replace("\\", "/").split("/")
    if entry["path"].startswith(("/", "\\")) or ".." in path_parts or ":" in entry["path"]:
        raise fail(f"produces: path {entry['path']!r} must stay inside the output folder",
                   hint="a relative path such as \"{package}/cli.py\"")
    if "{index}" in entry["name"] and entry.get("for_each") is None:
        raise fail("produces: {index} needs for_each")
    return Produced(role=entry["role"], kind=entry["kind"], name=entry["name"],
                    path=entry["path"], template=entry.get("template") or None,
                    for_each=entry.get("for_each"), test_kind=entry.get("test_kind"))


def _validate(categories: dict[str, Category]) -> None:
    """Unknown parents, ``is_a`` cycles, unknown required categories, missing root."""
    for category in categories.values():
        if category.is_a is not None and category.is_a not in categories:
            raise TaxonomyError(f"category {category.name!r}: unknown parent {category.is_a!r}",
                                location=category.source,
                                hint=f"known categories: {', '.join(sorted(categories))}")
    hierarchy = nx.DiGraph()
    hierarchy.add_nodes_from(categories)
    hierarchy.add_edges_from((c.name, c.is_a) for c in categories.values() if c.is_a)
    try:
        cycle = nx.find_cycle(hierarchy)
    except nx.NetworkXNoCycle:
        cycle = None
    if cycle:
        names = [edge[0] for edge in cycle] + [cycle[0][0]]
        first = categories[cycle[0][0]]
        raise TaxonomyError(f"is_a cycle: {' -> '.join(names)}", location=first.source,
                            hint="every category must reach the root 'unit' by its parents")
    for category in categories.values():
        if category.is_a is None and category.name != ROOT:
            raise TaxonomyError(f"category {category.name!r} has no parent",
                                location=category.source,
                                hint=f"add is_a = \"{ROOT}\" (or a more specific parent)")
        for required in category.requires:
            if required not in categories:
                raise TaxonomyError(
                    f"category {category.name!r} requires unknown category {required!r}",
                    location=category.source)
        roles = [produced.role for produced in category.produces]
        duplicated = {role for role in roles if roles.count(role) > 1}
        if duplicated:
            raise TaxonomyError(f"category {category.name!r}: role "
                                f"{min(duplicated)!r} produced twice",
                                location=category.source, hint="give each produced unit its own role")


def _check_templates(taxonomy: Taxonomy) -> None:
    for category in taxonomy.categories.values():
        for produced in category.produces:
            if produced.template and taxonomy.template_path(produced.template) is None:
                folders = ", ".join(str(folder) for folder in taxonomy.template_folders) or "none"
                raise TaxonomyError(
                    f"category {category.name!r}: template {produced.template!r} not found",
                    location=category.source,
                    hint=f"template folders searched: {folders}")


# ---------------------------------------------------------------- item helpers


def item_kind(item: Any) -> str:
    """The Layer-1 kind of an item (``Project`` has no ``kind`` field: it is "project")."""
    return getattr(item, "kind", None) or "project"


def item_attribute(item: Any, key: str) -> Any:
    """An item's field, or else an entry of its free ``attributes`` bullets."""
    value = getattr(item, key, None)
    if value is None:
        value = (getattr(item, "attributes", None) or {}).get(key)
    return value


def words(text: str) -> list[str]:
    """Lower-case words of a name or sentence: ``markDone``/``mark_done`` -> mark, done."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text or "")
    return [word.lower() for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", text)]


_SUFFIXES = ("", "s", "es", "ed", "d", "ing")


def keyword_forms(keywords: list[str]) -> frozenset[str]:
    """The keywords and their simple inflections."""
    return frozenset(keyword + suffix for keyword in keywords for suffix in _SUFFIXES)


def _first_hit(forms: frozenset[str], text_words: list[str]) -> int | None:
    """Position of the first word that is one of ``forms`` (``keyword_forms``)."""
    for position, word in enumerate(text_words):
        if word in forms:
            return position
    return None
