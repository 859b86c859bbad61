"""Commands mapped to store operations, symbolically, from their names and descriptions.

The taxonomy says *what kind* of command it is (add, list, update, remove, search or
custom); this module works out *how*: which store and entity it acts on, which
parameters fill which fields, how a record is found (1-based position or key), how a
line is printed (the backticked pattern in the description, e.g. ``name: grade``),
which documented errors become which checks, and the CliRunner tests that pin all of
that down. Anything it cannot work out is reported (``status`` "partial" or
"unimplemented" with a reason) rather than guessed silently.
"""

from __future__ import annotations

import re
from typing import Any

from spf_plugins.stages.views import (
    base_type,
    default_source,
    docstring_body,
    entity_sample_call,
    is_optional,
    key_field,
    literal_value,
    python_name,
    same_word,
    sample_value,
    snake,
    stem_match,
    store_class_name,
    trace_of,
    type_name,
    words_of,
)

BUILT_IN_KINDS = ("add", "list", "update", "remove", "search")
CLICK_TYPES = {"str": "str", "int": "int", "float": "float", "bool": "bool"}
INDEX_NAMES = {"index", "position", "number", "id", "n", "num", "pos"}
LOOKUP_WORDS = re.compile(r"out of range|not in|no such|not found|does not exist|doesn't exist|"
                          r"unknown|missing|not exist|nonexistent")
DUPLICATE_WORDS = re.compile(r"already|duplicate|exists")


# ---------------------------------------------------------------- parameters


def is_list(type_ref) -> bool:
    return type_name(type_ref) in ("list", "List", "tuple", "Tuple", "set", "Set")


def param_decorator(param) -> str:
    """A click argument (no default) or option (default); bool false -> flag; list -> repeatable."""
    name = param.name
    variable = python_name(name)
    ref = base_type(param.type)
    kind = ref.name
    option = "--" + name.replace("_", "-")
    if is_list(param.type):
        inner = ref.args[0].name if ref.args else "str"
        click_type = CLICK_TYPES.get(inner, "str")
        if param.default is None:
            return f'@click.argument("{variable}", nargs=-1, required=True, type={click_type})'
        return (f'@click.option("{option}", "{variable}", multiple=True, type={click_type}, '
                f'help="May be given more than once.")')
    click_type = CLICK_TYPES.get(kind, "str")
    if param.default is None:
        return f'@click.argument("{variable}", type={click_type})'
    default = default_source(param.default)
    if kind == "bool":
        if literal_value(param.default):
            return f'@click.option("{option}/--no-{name.replace("_", "-")}", "{variable}", default=True)'
        return f'@click.option("{option}", "{variable}", is_flag=True, default=False)'
    return f'@click.option("{option}", "{variable}", type={click_type}, default={default}, show_default=True)'


def param_annotation(param) -> str:
    if is_list(param.type):
        inner = base_type(param.type).args
        return f"tuple[{inner[0].text if inner else 'str'}, ...]"
    return param.type.text


def cli_arguments(command, values: dict[str, Any]) -> list[str]:
    """The argv for ``command`` with ``values`` (options first, then ``--`` if needed)."""
    options: list[str] = []
    positional: list[str] = []
    for param in command.params:
        if param.name not in values:
            continue
        value = values[param.name]
        option = "--" + param.name.replace("_", "-")
        if param.default is None:
            if isinstance(value, (list, tuple)):
                positional += [str(element) for element in value]
            else:
                positional.append(_cli_text(value))
        elif type_name(param.type) == "bool":
            default = bool(literal_value(param.default))
            if bool(value) != default:
                options.append(option if value else f"--no-{param.name.replace('_', '-')}")
        elif isinstance(value, (list, tuple)):
            for element in value:
                options += [option, _cli_text(element)]
        else:
            options += [option, _cli_text(value)]
    separator = ["--"] if any(text.startswith("-") for text in positional) else []
    return [command.name, *options, *separator, *positional]


def _cli_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---------------------------------------------------------------- line formats


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text or "")


def line_pattern(description: str, entity) -> str | None:
    """The first backticked text that names a field of the entity (the list's line format)."""
    names = {field.name for field in entity.fields}
    for text in backticked(description):
        tokens = set(re.findall(r"[A-Za-z_]\w*", text))
        if tokens & names or any(same_word(token, name) for token in tokens for name in names):
            return text
    return None


def pattern_parts(pattern: str, description: str, entity) -> list[tuple]:
    """Split a line format into parts: literal text, the position, fields, markers, joined lists."""
    fields = {field.name: field for field in entity.fields}
    bools = [field for field in entity.fields if type_name(field.type) == "bool"]
    described = words_of(description)
    marker_field = next((field for field in bools if field.name in described), bools[0] if bools else None)
    parts: list[tuple] = []
    for index, match in enumerate(re.finditer(r"\[[xX ]\]|[#@]?[A-Za-z_]\w*|\d+|.", pattern)):
        token = match.group(0)
        if re.fullmatch(r"\[[xX ]\]", token) and marker_field is not None:
            parts.append(("marker", marker_field.name))
        elif token.isdigit() and index == 0:
            parts.append(("position",))
        elif re.fullmatch(r"[#@]?[A-Za-z_]\w*", token):
            prefix, name = (token[0], token[1:]) if token[0] in "#@" else ("", token)
            field = fields.get(name) or next(
                (candidate for candidate in entity.fields if same_word(candidate.name, name)), None)
            if field is None:
                parts.append(("literal", token))
            elif is_list(field.type):
                parts.append(("joined", field.name, prefix))
            else:
                if prefix:
                    parts.append(("literal", prefix))
                parts.append(("field", field.name))
        else:
            parts.append(("literal", token))
    return parts


def _fstring_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("{", "{{").replace("}", "}}")


def formatter_expression(parts: list[tuple]) -> str:
    """Python source (an f-string) producing one line from ``position`` and ``item``."""
    pieces = []
    has_list = False
    for part in parts:
        if part[0] == "literal":
            pieces.append(_fstring_literal(part[1]))
        elif part[0] == "position":
            pieces.append("{position}")
        elif part[0] == "field":
            pieces.append(f"{{item.{part[1]}}}")
        elif part[0] == "marker":
            pieces.append(f"{{'[x]' if item.{part[1]} else '[ ]'}}")
        elif part[0] == "joined":
            has_list = True
            pieces.append(f"{{' '.join({part[2]!r} + str(value) for value in item.{part[1]})}}")
    expression = 'f"' + "".join(pieces) + '"'
    return f"{expression}.rstrip()" if has_list else expression


def format_line(parts: list[tuple], position: int, values: dict[str, Any]) -> str:
    """What the formatter prints for a record with ``values``: the tests' expectation."""
    text = ""
    has_list = False
    for part in parts:
        if part[0] == "literal":
            text += part[1]
        elif part[0] == "position":
            text += str(position)
        elif part[0] == "field":
            text += str(values[part[1]])
        elif part[0] == "marker":
            text += "[x]" if values[part[1]] else "[ ]"
        elif part[0] == "joined":
            has_list = True
            text += " ".join(part[2] + str(value) for value in values[part[1]])
    return text.rstrip() if has_list else text


def default_parts(entity) -> list[tuple]:
    parts: list[tuple] = [("position",), ("literal", ". ")]
    for index, field in enumerate(entity.fields):
        if index:
            parts.append(("literal", ", "))
        parts.append(("literal", f"{field.name}="))
        parts.append(("joined", field.name, "") if is_list(field.type) else ("field", field.name))
    return parts


# ---------------------------------------------------------------- the project's command plan


class ProjectCommands:
    """Per-project facts the command plans share: stores, formatters, the add command."""

    def __init__(self, project):
        self.project = project
        self.entities = {entity.name: entity for entity in project.entities}
        self.stores = {store.name: store for store in project.stores}
        self.functions = {function.name: function for function in project.functions}
        self.commands = {command.name: command for command in project.commands}
        self.categories: dict[str, str] = {}
        self.formatters: dict[str, dict[str, Any]] = {}
        self.plans: dict[str, CommandPlan] = {}
        self.unimplemented_functions: set[str] = set()

    def set_categories(self, categories: dict[str, str]) -> None:
        self.categories = categories
        for store in self.project.stores:
            self.formatters[store.name] = self._formatter(store)

    def store_for(self, command):
        if command.store and command.store in self.stores:
            return self.stores[command.store]
        if len(self.stores) == 1:
            return next(iter(self.stores.values()))
        described = words_of(command.description)
        for store in self.stores.values():
            if same_word(store.name, command.name) or any(
                    same_word(word, store.name) or same_word(word, store.entity.lower())
                    for word in described):
                return store
        return None

    def commands_of(self, store, kind: str) -> list:
        return [command for command in self.project.commands
                if self.categories.get(command.name, "command") == f"command.{kind}"
                and self.store_for(command) is store]

    def _formatter(self, store) -> dict[str, Any]:
        entity = self.entities[store.entity]
        pattern, description, trace = None, "", trace_of(store.span)
        for command in self.commands_of(store, "list"):
            pattern = line_pattern(command.description, entity)
            if pattern:
                description, trace = command.description, trace_of(command.span)
                break
        parts = pattern_parts(pattern, description, entity) if pattern else default_parts(entity)
        return {
            "name": f"format_{snake(entity.name)}", "entity": entity.name,
            "entity_class": entity.name, "store": store.name, "parts": parts,
            "description": f"`{pattern}`" if pattern else "position, then every field",
            "expression": formatter_expression(parts), "trace": trace,
        }

    def formatter_views(self) -> list[dict[str, Any]]:
        seen, views = set(), []
        for formatter in self.formatters.values():
            if formatter["name"] not in seen:
                seen.add(formatter["name"])
                views.append({key: value for key, value in formatter.items() if key != "parts"})
        return views


# ---------------------------------------------------------------- one command


class CommandPlan:
    """How one command works: the view its template renders and the tests that check it."""

    def __init__(self, command, kind: str, facts: ProjectCommands):
        self.command = command
        self.kind = kind  # add | list | update | remove | search | custom
        self.facts = facts
        self.reasons: list[str] = []
        self.store = facts.store_for(command) if kind != "custom" else None
        self.entity = facts.entities.get(self.store.entity) if self.store else None
        self.view: dict[str, Any] = self._base_view()
        if kind != "custom" and self.store is None:
            self.reasons.append("no store to act on (add '- store: NAME' to the command)")
        elif kind in BUILT_IN_KINDS:
            getattr(self, f"_plan_{kind}")()
        elif kind != "custom":  # a plugin's category: its own template does the work
            self.uses_functions = []
            self._error_plan()
        else:
            self._plan_custom()
        self.view["tests"] = []  # filled by plan_commands once every plan exists

    @property
    def unimplemented(self) -> bool:
        return self.kind == "custom" and not self.view.get("echo_expression") or (
            self.kind != "custom" and self.store is None)

    @property
    def status(self) -> str:
        if self.unimplemented:
            return "unimplemented"
        return "partial" if self.reasons else "implemented"

    # -- the interface ------------------------------------------------------

    def _base_view(self) -> dict[str, Any]:
        command = self.command
        params = command.params
        conversions = [f"{python_name(param.name)} = list({python_name(param.name)})"
                       for param in params if is_list(param.type)]
        view = {
            "name": command.name, "snake": snake(command.name),
            "function_name": f"{snake(command.name)}_command",
            "decorators": [param_decorator(param) for param in params],
            "signature": ", ".join(f"{python_name(param.name)}: {param_annotation(param)}"
                                   for param in params),
            "docstring": docstring_body(command.description or command.name),
            "trace": trace_of(command.span), "conversions": conversions, "checks": [],
            "preprocess": [], "duplicate": None, "lookup_error": None, "assignments": [],
            "filters": "", "sort_field": None, "echo_expression": None,
            "stub_message": f"{command.name}: not implemented yet (no store operation or "
                            f"function matches its description; write the body)",
        }
        if self.store is not None:
            formatter = self.facts.formatters[self.store.name]
            view.update({"store_class": store_class_name(self.store),
                         "entity_class": self.entity.name, "entity": self.entity.name.lower(),
                         "formatter": formatter["name"]})
        return view

    def usage(self) -> str:
        parts = [self.command.name]
        for param in self.command.params:
            if param.default is None:
                parts.append(param.name.upper() + ("..." if is_list(param.type) else ""))
            else:
                parts.append(f"[--{param.name.replace('_', '-')}"
                             + ("" if type_name(param.type) == "bool" else " VALUE") + "]")
        return " ".join(parts)

    # -- errors -------------------------------------------------------------

    def _error_plan(self) -> None:
        """Turn each documented error into a check, a lookup failure or a duplicate test."""
        self.error_tests: list[dict[str, Any]] = []
        for error in self.command.errors:
            condition = error.condition.lower()
            mentioned = [param for param in self.command.params
                         if re.search(rf"\b{re.escape(param.name.lower())}\b", condition)]
            check = self._range_check(condition, mentioned)
            if check is not None:
                expression, param, bad_value = check
                self.view["checks"].append({"condition": expression, "message": error.message,
                                            "status": error.status})
                self.error_tests.append({"error": error, "kind": "check", "param": param,
                                         "value": bad_value})
            elif LOOKUP_WORDS.search(condition) and self.kind in ("update", "remove"):
                self.view["lookup_error"] = {"message": error.message, "status": error.status}
                self.error_tests.append({"error": error, "kind": "lookup"})
            elif DUPLICATE_WORDS.search(condition) and self.kind == "add" and self._key_param():
                self.view["duplicate"] = {"key_param": python_name(self._key_param().name),
                                          "message": error.message, "status": error.status}
                self.error_tests.append({"error": error, "kind": "duplicate"})
            else:
                self.reasons.append(f"error not understood: {error.condition!r}")

    def _range_check(self, condition: str, mentioned: list) -> tuple[str, Any, Any] | None:
        if len(mentioned) != 1:
            return None
        param = mentioned[0]
        name = python_name(param.name)
        kind = type_name(param.type)
        number = r"(-?\d+(?:\.\d+)?)"
        clauses, bad = [], None
        if kind in ("int", "float"):
            for words, operator in (("below|under|less than|smaller than|lower than", "<"),
                                    ("above|over|greater than|more than|larger than|higher than", ">")):
                found = re.search(rf"\b(?:{words})\s+{number}", condition)
                if found:
                    limit = found.group(1)
                    clauses.append(f"{name} {operator} {limit}")
                    if bad is None:
                        step = 1 if kind == "int" else 0.5
                        value = float(limit) if "." in limit else int(limit)
                        bad = value - step if operator == "<" else value + step
            if re.search(r"\bnegative\b", condition):
                clauses.append(f"{name} < 0")
                bad = -1 if bad is None else bad
            if re.search(r"\b(zero or negative|not positive|non-positive)\b", condition):
                clauses = [f"{name} <= 0"]
                bad = 0
        elif kind == "str" and re.search(r"\b(empty|blank)\b", condition):
            clauses.append(f"not {name}.strip()")
            bad = "   "
        elif is_list(param.type) and re.search(r"\b(empty|no)\b", condition):
            clauses.append(f"not {name}")
            bad = []
        if not clauses:
            return None
        return " or ".join(clauses), param, bad

    def _key_param(self):
        key = key_field(self.entity, self.store) if self.entity else None
        if key is None:
            return None
        return next((param for param in self.command.params if param.name == key.name), None)

    # -- the kinds ----------------------------------------------------------

    def _field_for(self, param):
        return next((field for field in self.entity.fields if same_word(field.name, param.name)), None)

    def _preprocess(self) -> None:
        """Apply a function the description names to a parameter (``the normalized title``)."""
        described = words_of(self.command.description)
        for function in self.facts.functions.values():
            if len(function.params) != 1 or function.returns is None:
                continue
            if not all(stem_match(word, described) for word in function.name.split("_") if word):
                continue
            target = next((param for param in self.command.params
                           if param.name == function.params[0].name
                           and param.type.text == function.returns.text), None)
            if target is not None:
                name = python_name(target.name)
                self.view["preprocess"].append(f"{name} = {function.name}({name})")
                self.uses_functions.append(function.name)

    uses_functions: list[str]

    def _plan_add(self) -> None:
        self.uses_functions = []
        self._preprocess()
        self._error_plan()
        arguments, covered = [], set()
        for param in self.command.params:
            field = self._field_for(param)
            if field is None:
                self.reasons.append(f"parameter {param.name!r} matches no field of {self.entity.name}")
                continue
            covered.add(field.name)
            arguments.append(f"{field.name}={python_name(param.name)}")
        for field in self.entity.fields:
            if field.default is None and field.name not in covered:
                self.reasons.append(f"required field {field.name!r} has no parameter")
        self.view["constructor_arguments"] = ", ".join(arguments)

    def _plan_list(self) -> None:
        self.uses_functions = []
        self._error_plan()
        filters = []
        for param in self.command.params:
            field = self._field_for(param)
            if field is None:
                self.reasons.append(f"parameter {param.name!r} matches no field to filter on")
                continue
            name = python_name(param.name)
            if param.default is not None and type_name(param.type) == "bool" \
                    and not literal_value(param.default):
                filters.append(f"(not {name} or item.{field.name})")
            elif param.default is not None:
                filters.append(f"({name} == {default_source(param.default)} or item.{field.name} == {name})")
            else:
                filters.append(f"item.{field.name} == {name}")
        self.view["filters"] = " and ".join(filters)
        sorted_by = re.search(r"sorted by (\w+)", self.command.description or "")
        if sorted_by:
            field = next((field for field in self.entity.fields
                          if same_word(field.name, sorted_by.group(1))), None)
            if field is not None:
                self.view["sort_field"] = field.name

    def _locate(self) -> None:
        key = self._key_param()
        index = next((param for param in self.command.params
                      if param.name.lower() in INDEX_NAMES and type_name(param.type) == "int"), None)
        if index is not None:
            self.view.update(locate_by="index", locate_param=python_name(index.name))
            self.locate = index
        elif key is not None:
            self.view.update(locate_by="key", locate_param=python_name(key.name))
            self.locate = key
        else:
            self.view.update(locate_by="index", locate_param="index")
            self.locate = None
            self.reasons.append("no parameter identifies the record (an index or the key field)")

    def _plan_update(self) -> None:
        self.uses_functions = []
        self._preprocess()
        self._locate()
        self._error_plan()
        assignments = []
        for param in self.command.params:
            if self.locate is not None and param.name == self.locate.name:
                continue
            field = self._field_for(param)
            if field is None:
                self.reasons.append(f"parameter {param.name!r} matches no field of {self.entity.name}")
                continue
            assignments.append({"field": field.name, "value": python_name(param.name)})
        if not assignments:
            described = words_of(f"{self.command.name} {self.command.description}")
            for field in self.entity.fields:
                if type_name(field.type) == "bool" and any(stem_match(field.name, [word])
                                                           for word in described):
                    value = not any(word in described for word in ("undo", "reopen", "unmark", "not"))
                    assignments.append({"field": field.name, "value": repr(value)})
                    break
        if not assignments:
            self.reasons.append("nothing to change: no parameter or flag field matches")
        self.view["assignments"] = assignments

    def _plan_remove(self) -> None:
        self.uses_functions = []
        self._locate()
        self._error_plan()

    def _plan_search(self) -> None:
        self.uses_functions = []
        self._error_plan()
        query = next((param for param in self.command.params if type_name(param.type) == "str"), None)
        if query is None:
            self.reasons.append("no text parameter to search for")
            query_name = "text"
        else:
            query_name = python_name(query.name)
        described = words_of(self.command.description)
        text_fields = [field for field in self.entity.fields if type_name(field.type) == "str"]
        named = [field for field in text_fields if field.name in described]
        self.search_fields = named or text_fields
        ignore_case = "case" in described and ("ignoring" in described or "insensitive" in described
                                               or "ignore" in described)
        fold = ".casefold()" if ignore_case else ""
        self.ignore_case = ignore_case
        self.view["query_expression"] = f"{query_name}{fold}"
        self.view["match_expression"] = " or ".join(
            f"needle in item.{field.name}{fold}" for field in self.search_fields) or "False"

    def _plan_custom(self) -> None:
        """A command no store operation fits: print a backticked pattern whose values
        come from functions applied to the parameters (``words: N, vowels: M``)."""
        self.uses_functions = []
        self._error_plan()
        params = {param.name: param for param in self.command.params}
        for pattern in backticked(self.command.description):
            pieces = re.split(r"\b([A-Z])\b", pattern)
            if len(pieces) < 3:
                continue
            expression, regex, calls = "", "", []
            ok = True
            for index, piece in enumerate(pieces):
                if index % 2 == 0:
                    expression += _fstring_literal(piece)
                    regex += re.escape(piece)
                    continue
                label_words = words_of(pieces[index - 1])
                call = self._function_call(label_words[-1] if label_words else "", params)
                if call is None:
                    ok = False
                    break
                expression += "{" + call + "}"
                regex += ".+?"
                calls.append(call)
            if ok and calls:
                self.view["echo_expression"] = 'f"' + expression + '"'
                self.output_regex = regex
                return

    def _function_call(self, label: str, params: dict[str, Any]) -> str | None:
        if not label:
            return None
        for function in self.facts.functions.values():
            name_words = function.name.split("_")
            if not any(same_word(word, label) or stem_match(word, [label]) for word in name_words):
                continue
            arguments = []
            for param in function.params:
                if param.name in params:
                    arguments.append(python_name(param.name))
                elif param.default is None:
                    break
            else:
                self.uses_functions.append(function.name)
                return f"{function.name}({', '.join(arguments)})"
        return None

    # -- tests --------------------------------------------------------------

    def _sample_values(self, command, variant: int) -> dict[str, Any]:
        values = {}
        for param in command.params:
            plain_option = (param.default is not None and not is_list(param.type)
                            and type_name(param.type) != "bool")
            if plain_option and variant == 0:
                continue  # options keep their default in the basic sample; variant 1 sets them
            value = sample_value(param.type, variant, self.facts.entities)
            if param.name.lower() in INDEX_NAMES and type_name(param.type) == "int":
                value = 1
            values[param.name] = value
        return values

    def _record_values(self, add_command, values: dict[str, Any]) -> dict[str, Any]:
        """The field values a record created by ``add`` with ``values`` has."""
        record = {}
        for field in self.entity.fields:
            param = next((param for param in add_command.params if same_word(field.name, param.name)),
                         None)
            if param is not None and param.name in values:
                record[field.name] = values[param.name]
            elif param is not None and param.default is not None:
                record[field.name] = literal_value(param.default)
            else:
                record[field.name] = literal_value(field.default)
        return record

    def _xfail(self, invoked: list[str]) -> str | None:
        """Why a test that runs these commands is expected to fail (an unimplemented function)."""
        used: set[str] = set()
        for name in invoked:
            plan = self.facts.plans.get(name)
            if plan is not None:
                used |= set(getattr(plan, "uses_functions", []))
                if plan.unimplemented:
                    return f"{name} is not implemented yet"
        missing = self.facts.unimplemented_functions & used
        return f"uses unimplemented {', '.join(sorted(missing))}" if missing else None

    def _test(self, name: str, args: list[str], *, status: int = 0, setup=(), stdout=None,
              pattern=None, contains=None, stderr=None, trace=None) -> dict[str, Any]:
        return {"name": name, "args": args, "status": status, "setup": list(setup),
                "stdout": stdout, "stdout_pattern": pattern, "stdout_contains": contains,
                "stderr": stderr, "trace": trace or self.view["trace"],
                "xfail": self._xfail([args[0], *(step[0] for step in setup)])}

    def _tests(self) -> list[dict[str, Any]]:
        command = self.command
        tests = []
        adds = self.facts.commands_of(self.store, "add") if self.store else []
        lists = self.facts.commands_of(self.store, "list") if self.store else []
        add = adds[0] if adds else None
        formatter = self.facts.formatters[self.store.name] if self.store else None
        add_argv = []
        records = []
        if add is not None:
            for variant in (0, 1):
                values = self._sample_values(add, variant)
                add_argv.append(cli_arguments(add, values))
                records.append(self._record_values(add, values))
        if self.kind == "add":
            values = self._sample_values(command, 0)
            tests.append(self._test("succeeds", cli_arguments(command, values), contains="added"))
            if lists and not self.reasons:
                expected = [format_line(formatter["parts"], 1, records[0]),
                            format_line(formatter["parts"], 2, records[1])]
                if lists[0] is not None and self.facts.plans.get(lists[0].name) and \
                        self.facts.plans[lists[0].name].view.get("sort_field"):
                    field = self.facts.plans[lists[0].name].view["sort_field"]
                    pairs = sorted(zip(records, expected), key=lambda pair: pair[0][field])
                    expected = [line for _, line in pairs]
                tests.append(self._test("then_list_shows_records", [lists[0].name], setup=add_argv,
                                        stdout=expected))
        elif self.kind == "list":
            tests.append(self._test("empty_store_prints_nothing", [command.name], stdout=[]))
            if add is not None and not self.reasons:
                order = [0, 1]
                if self.view.get("sort_field"):  # add in reverse so that sorting shows
                    order = sorted(order, key=lambda index: records[index][self.view["sort_field"]],
                                   reverse=True)
                lines = [(records[index], format_line(formatter["parts"], position, records[index]))
                         for position, index in enumerate(order, start=1)]
                if self.view.get("sort_field"):
                    lines.sort(key=lambda pair: pair[0][self.view["sort_field"]])
                tests.append(self._test("prints_each_record", [command.name],
                                        setup=[add_argv[index] for index in order],
                                        stdout=[line for _, line in lines]))
        elif self.kind in ("update", "remove") and add is not None and self.locate is not None:
            values = self._sample_values(command, 1)
            if self.view["locate_by"] == "index":
                values[self.locate.name] = 1
            else:
                values[self.locate.name] = records[0][self._field_for(self.locate).name]
            tests.append(self._test("succeeds", cli_arguments(command, values), setup=add_argv[:1],
                                    contains="updated" if self.kind == "update" else "removed"))
            if lists:
                if self.kind == "remove":
                    expected = []
                else:
                    record = dict(records[0])
                    for assignment in self.view["assignments"]:
                        param = next((param for param in command.params
                                      if python_name(param.name) == assignment["value"]), None)
                        record[assignment["field"]] = (values[param.name] if param is not None
                                                       else literal_value(assignment["value"]))
                    expected = [format_line(formatter["parts"], 1, record)]
                tests.append(self._test("changes_the_store", [lists[0].name],
                                        setup=[*add_argv[:1], cli_arguments(command, values)],
                                        stdout=expected))
        elif self.kind == "search" and add is not None:
            probe_field = self.search_fields[0].name if self.search_fields else None
            if probe_field is not None and isinstance(records[1].get(probe_field), str):
                text = records[1][probe_field][:3]
                probe = text.upper() if self.ignore_case else text
                query = next(param for param in command.params if type_name(param.type) == "str")
                tests.append(self._test(
                    "finds_matching_records", cli_arguments(command, {query.name: probe}),
                    setup=add_argv, stdout=[format_line(formatter["parts"], 2, records[1])]))
                tests.append(self._test("no_match_prints_nothing",
                                        cli_arguments(command, {query.name: "zzz-none"}),
                                        setup=add_argv, stdout=[]))
        elif self.kind not in BUILT_IN_KINDS and self.kind != "custom":
            values = self._sample_values(command, 0)
            tests.append(self._test("runs", cli_arguments(command, values), setup=add_argv[:1]))
        elif self.kind == "custom" and self.view.get("echo_expression"):
            values = self._sample_values(command, 0)
            tests.append(self._test("prints_its_line", cli_arguments(command, values),
                                    pattern=self.output_regex))
        tests += self._error_tests(add_argv, records)
        return tests

    def _error_tests(self, add_argv, records) -> list[dict[str, Any]]:
        command = self.command
        tests = []
        for index, planned in enumerate(getattr(self, "error_tests", []), start=1):
            error = planned["error"]
            trace = trace_of(error.span)
            values = self._sample_values(command, 0)
            setup: list[list[str]] = []
            if planned["kind"] == "check":
                values[planned["param"].name] = planned["value"]
            elif planned["kind"] == "lookup":
                if self.locate is None:
                    continue
                values[self.locate.name] = 99 if self.view["locate_by"] == "index" else (
                    "nobody" if type_name(self.locate.type) == "str" else 999)
            elif planned["kind"] == "duplicate":
                values = self._sample_values(command, 0)
                setup = [cli_arguments(command, values)]
            tests.append(self._test(f"error_{index}", cli_arguments(command, values),
                                    status=error.status, setup=setup, stderr=error.message,
                                    trace=trace))
        return tests

    def _stub_tests(self) -> list[dict[str, Any]]:
        values = self._sample_values(self.command, 0)
        test = self._test("runs", cli_arguments(self.command, values))
        test["xfail"] = f"{self.command.name} is not implemented yet"
        return [test]


def plan_commands(project, categories: dict[str, str],
                  unimplemented_functions: set[str]) -> dict[str, CommandPlan]:
    """A plan for every command; ``categories`` maps a command name to its category."""
    facts = ProjectCommands(project)
    facts.set_categories(categories)
    facts.unimplemented_functions = set(unimplemented_functions)
    facts.plans = {}
    for command in project.commands:
        kind = categories.get(command.name, "command")
        kind = kind.split(".", 1)[1] if "." in kind else "custom"
        facts.plans[command.name] = CommandPlan(command, kind, facts)
    # Tests reference other plans (add, list): build them once every plan exists.
    for plan in facts.plans.values():
        plan.view["tests"] = plan._tests() if not plan.unimplemented else plan._stub_tests()
    return facts.plans


def formatters(project, categories: dict[str, str]) -> list[dict[str, Any]]:
    facts = ProjectCommands(project)
    facts.set_categories(categories)
    return facts.formatter_views()


__all__ = [
    "CommandPlan",
    "cli_arguments",
    "entity_sample_call",
    "formatters",
    "is_optional",
    "plan_commands",
]
