"""What the templates see: Layer-1 items turned into small, precomputed views.

The templates stay readable (no type logic in jinja2): every expression a template
prints, such as how a field serializes or which sample value a test uses, is
computed here from the spec item and its taxonomy category. The stages call these
builders; nothing here writes files.
"""

from __future__ import annotations

import ast
import contextvars
import functools
import keyword
from pathlib import Path
from typing import Any

from spf import regex as re

SCALARS = {"str", "int", "float", "bool"}


# ---------------------------------------------------------------- names and traces


def trace_of(span: Any) -> str:
    """``spec.md:14: ## Command: done(index: int)``: the unit's link to its requirement."""
    if span is None:
        return "spec.md"
    text = " ".join((getattr(span, "text", "") or "").split())
    where = f"{file_name(span.file)}:{span.line}"
    return f"{where}: {text}" if text else where


def trace_location(span: Any) -> str:
    return f"{file_name(span.file)}:{span.line}" if span is not None else "spec.md"


@functools.lru_cache(maxsize=64)
def file_name(path: str) -> str:
    """``Path(path).name``, worked out once per spec file (every unit's trace asks)."""
    return Path(path).name


@functools.lru_cache(maxsize=1 << 16)  # asked for every rendered unit
def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)


@functools.lru_cache(maxsize=1 << 16)
def snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"\W+", "_", text).strip("_").lower()


#: names a command parameter must not take in the generated module: the spec functions it
#: calls (an option ``--level`` beside a function ``level()`` becomes ``level_``); set while
#: one project's commands are planned (``plan_commands``)
RESERVED: contextvars.ContextVar[frozenset] = contextvars.ContextVar("reserved", default=frozenset())


#: builtins a generated command calls or may call: a parameter named so would hide them
#: (`regulars(min: int = 3)` and ``min(members)``), so it takes a trailing underscore too
SHADOWED = frozenset({"min", "max", "sum", "len", "sorted", "round", "abs", "any", "all", "next", "enumerate",
                      "list", "str", "int", "float", "dict", "set", "range", "zip", "reversed", "isinstance",
                      "bool", "format", "id", "type", "filter", "map", "iter", "open", "print", "input",
                      # and the generated body's own names: `bring(owner, item)` compared `item` with itself
                      "item", "store", "rows", "position"})


def python_name(name: str) -> str:
    """A parameter name safe as a Python identifier (``class`` -> ``class_``) that does not
    hide a builtin or a spec function the module calls."""
    return f"{name}_" if keyword.iskeyword(name) or name in SHADOWED or name in RESERVED.get() else name


def sentence(text: str) -> str:
    cleaned = " ".join((text or "").split())
    return cleaned or "No description."


def docstring_body(text: str) -> str:
    """The text on one line, safe inside a double-quoted docstring."""
    return sentence(text).replace("\\", "\\\\").replace('"', '\\"')


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def same_word(a: str, b: str) -> bool:
    """Whether two names denote the same thing up to a plural (``tag``/``tags``)."""
    return a == b or singular(a) == singular(b)


def stem_match(name_word: str, text_words: list[str]) -> bool:
    """``normalize`` matches ``normalized``; ``word`` matches ``words``."""
    size = max(3, min(len(name_word), 6) - 1)
    stem = name_word[:size]
    return any(word.startswith(stem) and abs(len(word) - len(name_word)) <= 3 for word in text_words)


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


# ---------------------------------------------------------------- types


def base_type(type_ref: Any) -> Any:
    """``str | None`` / ``Optional[str]`` -> the ``str`` TypeRef; others unchanged."""
    name = type_ref.name
    if name in ("Optional", "optional") and type_ref.args:
        return type_ref.args[0]
    if name in ("Union", "|", "union") and type_ref.args:
        rest = [arg for arg in type_ref.args if arg.name not in ("None", "NoneType")]
        if len(rest) == 1:
            return rest[0]
    return type_ref


def is_optional(type_ref: Any) -> bool:
    return base_type(type_ref) is not type_ref or "None" in type_ref.text.replace(" ", "").split("|")


def type_name(type_ref: Any) -> str:
    return base_type(type_ref).name


def element_type(type_ref: Any) -> Any | None:
    ref = base_type(type_ref)
    return ref.args[0] if ref.args else None


def literal_value(source: str | None) -> Any:
    """A default's Python value (``false`` and ``true`` as written in specs included)."""
    from spf.interpretation import default_value

    return default_value(source)


def default_source(source: str | None) -> str | None:
    if source is None:
        return None
    return {"true": "True", "false": "False", "none": "None", "null": "None"}.get(source.strip(), source)


# ---------------------------------------------------------------- samples (for tests)


def sample_value(type_ref: Any, variant: int, entities: dict[str, Any], depth: int = 0) -> Any:
    """A deterministic value of the type; ``variant`` 0, 1, 2 give distinct values."""
    ref = base_type(type_ref)
    name = ref.name
    if name == "str":
        return ("alpha", "beta", "gamma")[variant % 3]
    if name == "int":
        return (3, 7, 11)[variant % 3]
    if name == "float":
        return (2.5, 4.0, 1.25)[variant % 3]
    if name == "bool":
        return (False, True, False)[variant % 3]
    if name in ("list", "set", "tuple", "List", "Set", "Tuple"):
        inner = ref.args[0] if ref.args else None
        if inner is None or inner.name in entities:
            return []
        values = [sample_value(inner, variant + index, entities, depth + 1)
                  for index in range(1 + variant % 2)]
        return values
    if name in ("dict", "Dict"):
        return {"key": ("one", "two", "three")[variant % 3]}
    return None


def sample_source(type_ref: Any, variant: int, entities: dict[str, Any]) -> str:
    """The Python source of a sample value (``Task(title='alpha')`` for entities)."""
    ref = base_type(type_ref)
    if ref.name in entities:
        return entity_sample_call(entities[ref.name], variant, entities)
    value = sample_value(ref, variant, entities)
    if ref.name in ("set", "Set"):
        return f"set({value!r})" if value else "set()"
    if ref.name in ("tuple", "Tuple"):
        return repr(tuple(value))
    return repr(value)


def entity_sample_call(entity: Any, variant: int, entities: dict[str, Any]) -> str:
    arguments = ", ".join(f"{field.name}={sample_source(field.type, variant, entities)}"
                          for field in entity.fields)
    return f"{entity.name}({arguments})"


# ---------------------------------------------------------------- entities


def key_field(entity: Any, store: Any = None) -> Any | None:
    """The field that identifies a record: ``- key: name`` on the store, else a field called unique."""
    wanted = (getattr(store, "attributes", {}) or {}).get("key") if store is not None else None
    for field in entity.fields:
        if wanted and field.name == wanted:
            return field
    if wanted:
        return None
    for field in entity.fields:
        if "unique" in words_of(field.description) and type_name(field.type) in ("str", "int"):
            return field
    return None


def _to_expression(value: str, type_ref: Any, entities: dict[str, Any]) -> str:
    ref = base_type(type_ref)
    optional = ref is not type_ref
    name = ref.name
    if name in entities:
        expression = f"{value}.to_dict()"
    elif name in ("list", "List", "tuple", "Tuple"):
        inner = ref.args[0] if ref.args else None
        expression = (f"[element.to_dict() for element in {value}]"
                      if inner is not None and inner.name in entities else f"list({value})")
    elif name in ("set", "Set"):
        expression = f"sorted({value})"
    elif name in ("dict", "Dict"):
        expression = f"dict({value})"
    else:
        return value
    return f"None if {value} is None else {expression}" if optional else expression


def converter(type_ref: Any, entities: dict[str, Any]) -> str:
    """The checking converter ``from_dict`` applies to a field's JSON value (models.py helpers).

    ``_text``, ``_integer``, ``_number``, ``_flag``, ``_mapping``, ``_anything``;
    ``_items(INNER[, tuple|set])``, ``_record(Entity)`` and ``_optional(INNER)`` wrap others.
    Nothing is coerced: ``"no"`` is not a bool, ``"12abc"`` not an int, ``3.5`` not an int.
    """
    ref = base_type(type_ref)
    name = ref.name
    if name in entities:
        expression = f"_record({name})"
    elif name in ("list", "List", "tuple", "Tuple", "set", "Set"):
        inner = converter(ref.args[0], entities) if ref.args else "_anything"
        kind = {"tuple": ", tuple", "Tuple": ", tuple", "set": ", set", "Set": ", set"}.get(name, "")
        expression = f"_items({inner}{kind})"
    elif name in ("dict", "Dict"):
        expression = "_mapping"
    else:
        expression = {"int": "_integer", "float": "_number", "bool": "_flag",
                      "str": "_text"}.get(name, "_anything")
    return f"_optional({expression})" if is_optional(type_ref) else expression


def record_helpers(project: Any) -> list[str]:
    """The converter helpers models.py needs for every entity's fields, sorted."""
    entities = {item.name: item for item in project.entities}
    used: set[str] = set()
    for entity in project.entities:
        for field in entity.fields:
            used |= set(re.findall(r"_[a-z]+", converter(field.type, entities)))
    return sorted(used)


def bad_value(type_ref: Any, entities: dict[str, Any]) -> Any:
    """A JSON value of the wrong type for the field (what ``from_dict`` must refuse)."""
    ref = base_type(type_ref)
    if ref.name in entities:
        return 5
    return {"str": 5, "int": "12abc", "float": "x", "bool": "no"}.get(
        ref.name, "x" if ref.name in ("list", "List", "tuple", "Tuple", "set", "Set", "dict", "Dict")
        else None)


_ENTITY_INDEX: list[Any] = [None, {}]  # [the entities list indexed, name -> entity]


def entities_by_name(project: Any) -> dict[str, Any]:
    """The project's entities by name, built once per project rather than once per view
    (a view is built for every entity and store: rebuilding it each time is quadratic)."""
    entities = project.entities
    if _ENTITY_INDEX[0] is not entities or len(_ENTITY_INDEX[1]) != len(entities):
        _ENTITY_INDEX[:] = [entities, {item.name: item for item in entities}]
    return _ENTITY_INDEX[1]


def entity_view(entity: Any, project: Any) -> dict[str, Any]:
    entities = entities_by_name(project)
    fields = []
    seen_default = False
    kw_only = False
    for field in entity.fields:
        default = default_source(field.default)
        if default is None and seen_default:
            kw_only = True
        seen_default = seen_default or default is not None
        value = literal_value(field.default)
        if default is not None and isinstance(value, (list, dict, set)):
            factory = {list: "list", dict: "dict", set: "set"}[type(value)]
            default_expr = (f"field(default_factory={factory})" if not value
                            else f"field(default_factory=lambda: {default})")
        else:
            default_expr = default
        check = converter(field.type, entities)
        from_expr = (f'_get(data, "{field.name}", {check})' if default is None
                     else f'_get(data, "{field.name}", {check}, {default})')
        fields.append({
            "name": field.name, "annotation": field.type.text, "required": default is None,
            "default_expr": default_expr, "default_source": default,
            "to_expr": _to_expression(f"self.{field.name}", field.type, entities),
            "from_expr": from_expr, "bad_value": bad_value(field.type, entities),
            "trace": trace_of(field.span), "description": field.description,
        })
    required = [field for field in entity.fields if field.default is None]
    defaults_call = None
    if any(field.default is not None for field in entity.fields):
        arguments = ", ".join(f"{field.name}={sample_source(field.type, 0, entities)}"
                              for field in required)
        defaults_call = f"{entity.name}({arguments})"
    return {
        "name": entity.name, "class_name": entity.name, "snake": snake(entity.name),
        "docline": docstring_body(entity.description or entity.name),
        "trace": trace_of(entity.span), "fields": fields, "kw_only": kw_only,
        "sample_call": entity_sample_call(entity, 0, entities),
        "defaults_call": defaults_call, "required_fields": [field.name for field in required],
        "field_names": tuple(field.name for field in entity.fields),
        "bad_values": [(view["name"], view["bad_value"]) for view in fields
                       if view["bad_value"] is not None],
    }


# ---------------------------------------------------------------- stores


def store_class_name(store: Any) -> str:
    return f"{camel(store.name)}Store"


def store_path(store: Any) -> str:
    extension = {"json": "json", "csv": "csv", "sqlite": "db"}.get(store.format, store.format)
    return store.path or f"{store.name}.{extension}"


def store_view(store: Any, project: Any) -> dict[str, Any]:
    from spf.interpretation import kept_order

    entities = entities_by_name(project)
    entity = entities[store.entity]
    key = key_field(entity, store)
    fields = []
    for field in entity.fields:
        name = type_name(field.type)
        text = name == "str" and not is_optional(field.type)
        if name == "bool" and not is_optional(field.type):
            sql_kind, sql_type = "bool", "INTEGER"
        elif name in ("int", "float", "str"):
            sql_kind, sql_type = "plain", {"int": "INTEGER", "float": "REAL", "str": "TEXT"}[name]
        else:
            sql_kind, sql_type = "json", "TEXT"
        fields.append({"name": field.name, "is_text": text, "sql_kind": sql_kind,
                       "sql_type": sql_type, "text_or_null": name == "str" and not text})
    search_fields = [field.name for field in entity.fields if type_name(field.type) == "str"]
    column_list = ", ".join(f'"{field.name}"' for field in entity.fields)
    path = store_path(store)
    second = entity_sample_call(entity, 1, entities)
    kept_by = kept_order(project, store)  # "The log is kept in day order"
    row_id = "_rowid" if any(field.name.lower() == "id" for field in entity.fields) else "id"
    probe = str(sample_value(_field(entity, search_fields[0]).type, 1, entities))[:3].upper() \
        if search_fields else ""
    return {
        "bad": bad_record(entity), "required_field": next(
            (field.name for field in entity.fields if field.default is None), None),
        "name": store.name, "snake": snake(store.name), "class_name": store_class_name(store),
        "entity": entity.name, "entity_class": entity.name, "format": store.format,
        "docline": docstring_body(store.description or f"The {store.name} store."),
        "trace": trace_of(store.span), "path": path, "path_name": Path(path).name,
        "table": re.sub(r"\W", "_", store.name), "fields": fields,
        "column_list": column_list,
        # the table's own row id: `id` unless the entity has a field of that name (then `_rowid`)
        "row_id": row_id, "kept_by": kept_by,
        "order_sql": f'"{kept_by}", "{row_id}"' if kept_by else f'"{row_id}"',
        "order_words": f"in {kept_by} order (the same {kept_by}: in the order they were added)" if kept_by
        else "in the order they were added",
        "placeholders": ", ".join("?" for _ in entity.fields),
        "assignments": ", ".join(f'"{field.name}" = ?' for field in entity.fields),
        "key_field": key.name if key else None,
        "key_annotation": key.type.text if key else None,
        "missing_key": "nobody" if key is None or type_name(key.type) == "str" else 999,
        "search_fields": search_fields,
        "search_fields_text": ", ".join(f"``{name}``" for name in search_fields) or "text fields",
        "search_probe": probe,
        "sample_call": entity_sample_call(entity, 0, entities), "sample_call_2": second,
    }


def bad_record(entity: Any) -> dict[str, Any] | None:
    """How the store tests spoil a stored record: the field, a wrong value as JSON, as a CSV
    cell and as an SQLite value (``None``: that format cannot hold a wrong one), the problem."""
    for field in entity.fields:
        kind = type_name(field.type)
        if kind in ("bool", "int", "float") and not is_optional(field.type):
            text = {"bool": "no", "int": "12abc", "float": "x"}[kind]
            problem = {"bool": "expected true or false", "int": "expected an integer",
                       "float": "expected a number"}[kind]
            return {"field": field.name, "json": text, "csv": text, "sql": text, "problem": problem}
    for field in entity.fields:
        if type_name(field.type) == "str" and not is_optional(field.type):
            return {"field": field.name, "json": 5, "csv": None, "sql": None,
                    "problem": "expected a string"}
    return None


def _field(entity: Any, name: str) -> Any:
    return next(field for field in entity.fields if field.name == name)


# ---------------------------------------------------------------- functions


def function_signature(function: Any) -> str:
    params = []
    for param in function.params:
        text = f"{python_name(param.name)}: {param.type.text}"
        default = default_source(param.default)
        if default is not None:
            text += f" = {default}"
        params.append(text)
    returns = f" -> {function.returns.text}" if function.returns else " -> None"
    return f"def {function.name}({', '.join(params)}){returns}:"


def function_view(function: Any, *, body: str | None, interface: dict[str, Any] | None = None,
                  unimplemented: bool = False) -> dict[str, Any]:
    signature = (interface or {}).get("signature") or function_signature(function)
    return {
        "name": function.name, "signature": signature,
        "docstring": docstring_body(function.description or function.name),
        "trace": trace_of(function.span), "body": body,
        "stub_message": f"{function.name}: not implemented yet (spf found no implementation; "
                        f"write the body or use --backend)",
        "unimplemented": unimplemented,
        "examples": [{"name": None, "call": example.call, "expected": example.expected,
                      "raises": example.raises, "trace": trace_of(example.span)}
                     for example in function.examples],
    }


def function_body(source: str, name: str) -> str:
    """The body of ``def name`` in ``source`` (docstring dropped), indented by four spaces.

    The stage renders the signature and docstring itself, so a backend's output can
    never change the interface other files were written against. A body written the
    usual way (a top-level ``def``, four-space indentation) is kept verbatim, comments
    included; anything else is re-emitted through ``ast.unparse``, which never
    re-indents the inside of a multi-line string.
    """
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            statements = node.body
            docstring_end = None
            if (len(statements) > 1 and isinstance(statements[0], ast.Expr)
                    and isinstance(statements[0].value, ast.Constant)
                    and isinstance(statements[0].value.value, str)):
                docstring_end = statements[0].end_lineno
                statements = statements[1:]
            first = statements[0]
            decorators = getattr(first, "decorator_list", [])
            start = min([first.lineno, *(decorator.lineno for decorator in decorators)]) - 1
            end = max(getattr(statement, "end_lineno", statement.lineno) for statement in statements)
            if node.col_offset == 0 and first.col_offset == 4 and first.lineno > node.lineno:
                lines = source.splitlines()
                floor = docstring_end if docstring_end is not None else node.lineno
                while start - 1 >= floor and lines[start - 1].startswith("    #"):
                    start -= 1  # keep the comments just above the first statement
                return "\n".join(lines[start:end]).rstrip()
            return "\n".join("    " + line if line else line
                             for statement in statements
                             for line in ast.unparse(statement).splitlines())
    raise ValueError(f"no function {name!r} in the source")


def referenced_modules(source: str, candidates: tuple[str, ...]) -> list[str]:
    """Which of ``candidates`` (stdlib modules) ``source`` uses as ``module.attribute``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    used = {node.value.id for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)}
    return [module for module in candidates if module in used]


def module_imports(source: str) -> list[str]:
    """The module-level import statements of a backend's output (``import re``, ``from x import y``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            lines.append(ast.unparse(node))
    return lines
