"""The document rules: how Markdown structure becomes items (docs/spec-language.md)."""

from __future__ import annotations

import pytest

from spf.errors import SpecError
from spf.spec import parse_spec


def test_prose_sections_sub_headings_and_code_fences_are_kept_as_prose():
    project = parse_spec(
        "<!-- a badge -->\n"
        "# Project: kit\n"
        "A kit.\n"
        "\n\n\n"
        "More about it.\n"
        "\n"
        "## Entity: Thing\n"
        "A thing.\n"
        "\n"
        "```python\n"
        "## Entity: NotAnEntity\n"
        "- not: a field\n"
        "```\n"
        "\n"
        "### Details\n"
        "Detail prose.\n"
        "- a: int\n"
        "\n"
        "## Notes\n"
        "- a bullet in notes\n"
        "## Usage: quick start\n"
        "Run it.\n")
    assert [entity.name for entity in project.entities] == ["Thing"]
    thing = project.entities[0]
    assert [field.name for field in thing.fields] == ["a"]
    assert thing.description == (
        "A thing.\n\n```python\n## Entity: NotAnEntity\n- not: a field\n```\n\n"
        "### Details\nDetail prose.")
    assert (thing.span.line, thing.span.end_line) == (9, 19)
    assert project.description == (
        "<!-- a badge -->\n\nA kit.\n\nMore about it.\n\n## Notes\n- a bullet in notes\n\n"
        "## Usage: quick start\nRun it.")


def test_an_unclosed_fence_runs_to_the_end_of_the_file():
    project = parse_spec("# Project: kit\n\n~~~\n## Entity: Hidden\n- a: int\n")
    assert project.entities == []
    assert "## Entity: Hidden" in project.description


@pytest.mark.parametrize("separator", ["—", "–", "--", "-"])
def test_field_description_separators(separator):
    project = parse_spec(f"# Project: kit\n\n## Entity: T\n- n: int = -1 {separator} a count\n")
    (field,) = project.entities[0].fields
    assert (field.default, field.description) == ("-1", "a count")


def test_string_defaults_may_contain_separators_and_hashes():
    project = parse_spec('# Project: kit\n\n## Entity: T\n- s: str = " - # — " — the separator\n')
    (field,) = project.entities[0].fields
    assert (field.default, field.description) == ('" - # — "', "the separator")


def test_continuation_lines_join_a_bullet_and_keep_spans():
    project = parse_spec("# Project: kit\n\n## Entity: T\n- note: str — one\n  two\n\tthree\n"
                         "\nNot a continuation.\n")
    entity = project.entities[0]
    (field,) = entity.fields
    assert field.description == "one two three"
    assert (field.span.line, field.span.end_line) == (4, 6)
    assert entity.description == "Not a continuation."


def test_an_unindented_line_right_under_a_bullet_continues_it_as_in_commonmark():
    # A paragraph's lazy continuation line: a code host renders it inside the bullet.
    project = parse_spec("# Project: kit\n\n## Entity: T\n- note: str — one\ntwo\n")
    (field,) = project.entities[0].fields
    assert (field.description, field.span.end_line) == ("one two", 5)


def test_constants_are_normalised_to_python():
    project = parse_spec("# Project: kit\n\n## Entity: T\n- a: bool = true\n- b: bool = FALSE\n"
                         "- c: str | None = null\n- d: list[bool | None] = [true, None]\n"
                         "- e: dict[str, bool] = {'x': false}\n- f: tuple[int] = (1)\n")
    defaults = [field.default for field in project.entities[0].fields]
    assert defaults == ["True", "False", "None", "[True, None]", "{'x': False}", "(1,)"]


def test_types_keep_canonical_text_and_structure():
    project = parse_spec("# Project: kit\n\n## Entity: T\n- a: list[ str ]\n- b: str|None\n"
                         "- c: Optional[int]\n- d: int | str\n- e: dict[str, list[int]]\n"
                         "- f: tuple[int, ...]\n")
    types = [field.type for field in project.entities[0].fields]
    assert [ref.text for ref in types] == [
        "list[str]", "str | None", "Optional[int]", "int | str", "dict[str, list[int]]",
        "tuple[int, ...]"]
    assert (types[1].name, types[1].args[0].name) == ("Optional", "str")
    assert (types[2].name, types[2].args[0].name) == ("Optional", "int")
    assert (types[3].name, [arg.name for arg in types[3].args]) == ("Union", ["int", "str"])
    assert types[4].args[1].args[0].name == "int"


def test_code_spans_render_on_a_code_host_and_parse_the_same():
    project = parse_spec("# Project: `kit`\n\n## Entity: `Task`\n- `title: str` — with `code`\n"
                         "- `done`: bool = false\n\n## Function: `f(x: int) -> int`\n"
                         "- `f(1) == 2`\n- `f(x=2) == 3` — a keyword\n")
    assert project.name == "kit"
    assert [(f.name, f.description) for f in project.entities[0].fields] == [
        ("title", "with `code`"), ("done", "")]
    function = project.functions[0]
    assert function.signature == "f(x: int) -> int"
    assert [(e.call, e.expected, e.note) for e in function.examples] == [
        ("f(1)", "2", ""), ("f(x=2)", "3", "a keyword")]
    assert function.examples[0].span.column == 4  # the call inside the backticks


def test_function_bullets_examples_attributes_and_prose():
    project = parse_spec("# Project: kit\n\n## Function: f(x: int, y: int = 2) -> int\n"
                         "- imports: math, re\n- f(1) == 3\n- f(y=1, x=1) == 2\n"
                         "- f(-1) raises ValueError — negative\n- mind the sign\n")
    function = project.functions[0]
    assert function.attributes == {"imports": "math, re"}
    assert [(e.call, e.expected, e.raises) for e in function.examples] == [
        ("f(1)", "3", None), ("f(y=1, x=1)", "2", None), ("f(-1)", None, "ValueError")]
    assert function.description == "- mind the sign"


def test_a_doctest_session_in_a_function_gives_its_examples():
    """A Python developer writes examples as a doctest session: each ``>>> f(...)`` with the
    value shown under it, or a traceback's last line, is an example at its own line; setup
    lines, calls of the session's own names and outputs of several lines are left out, and a
    block with examples is not prose. A block of another language (```text) stays prose."""
    project = parse_spec("# Project: kit\n\n## Function: half(n: int) -> int\nHalf of n.\n\n"
                         "```python\n>>> half(4)\n2\n>>> half(-1)\nTraceback (most recent call last):\n"
                         "  ...\nValueError: negative\n>>> x = 3\n>>> half(x)\n1\n>>> half(2)\n1\n2\n```\n\n"
                         "```text\n>>> half(8)\n4\n```\n")
    function = project.functions[0]
    assert [(e.call, e.expected, e.raises, e.span.line, e.span.column) for e in function.examples] == [
        ("half(4)", "2", None, 7, 5), ("half(-1)", None, "ValueError", 9, 5)]
    assert function.description.startswith("Half of n.\n\n```text")
    with pytest.raises(SpecError, match="spec.md:7"):  # a value that does not fit the return type
        parse_spec("# Project: kit\n\n## Function: half(n: int) -> int\nHalf.\n\n```python\n"
                   ">>> half(4)\n'two'\n```\n")


def test_example_values_may_construct_entities_and_sets():
    project = parse_spec("# Project: kit\n\n## Entity: Task\n- a: int\n\n"
                         "## Function: f(x: int) -> Task\n- f(1) == Task(a=1)\n\n"
                         "## Function: g(x: list[int]) -> set[int]\n- g([]) == set()\n")
    assert project.functions[0].examples[0].expected == "Task(a=1)"
    assert project.functions[1].examples[0].expected == "set()"


STORE_HEAD = "# Project: kit\n\n## Entity: Task\n- a: int\n\n## Store: tasks\n"


@pytest.mark.parametrize(("store_body", "path", "format_"), [
    ("- holds: Task\n- format: json\n- path: data/my tasks.json\n", "data/my tasks.json", "json"),
    ("Kept in `todo.csv` and backed up to `old.csv`.\n- holds: Task\n- format: csv\n",
     "todo.csv", "csv"),
    ("- holds: Task\n- format: SQLite\n", "tasks.sqlite", "sqlite"),
    ("Kept in `tasks.db`.\n- holds: Task\n", "tasks.db", "sqlite"),
    ("- path: `t.json`\n", "t.json", "json"),  # entity inferred from the store name
])
def test_store_path_format_and_entity_rules(store_body, path, format_):
    project = parse_spec(STORE_HEAD + store_body)
    (store,) = project.stores
    assert (store.path, store.format, store.entity) == (path, format_, "Task")


def test_a_store_section_naming_no_file_takes_the_one_the_words_give_elsewhere():
    """corpus43/laundry: "The tickets are kept in `tickets.csv`." in the project's words, and a
    store section with only `- holds: Ticket`: before, refused as a store with no format."""
    told = "# Project: kit\nMy tasks, kept in `tasks.csv` (a copy goes to `notes.txt`).\n\n"
    project = parse_spec(told + STORE_HEAD.split("\n", 2)[2] + "- holds: Task\n")
    assert (project.stores[0].path, project.stores[0].format) == ("tasks.csv", "csv")
    # two stores: each takes the file named like it, in its entity's words or the project's
    two = ("# Project: kit\nTasks go in `data/tasks.json`, notes in `notes.db`.\n\n## Entity: Task\n- a: int\n\n"
           "## Entity: Note\nEach one is a line of `jot.csv`.\n- b: int\n\n## Store: tasks\n- holds: Task\n\n"
           "## Store: notes\n- holds: Note\n")
    assert [(s.path, s.format) for s in parse_spec(two).stores] == [("data/tasks.json", "json"), ("jot.csv", "csv")]
    with pytest.raises(SpecError, match="does not say its format"):  # two files, neither named like it
        parse_spec("# Project: kit\nIn `a.json` or `b.json`.\n\n" + STORE_HEAD.split("\n", 2)[2] + "- holds: Task\n")


def test_store_keeps_other_attributes():
    project = parse_spec(STORE_HEAD + '- holds: Task\n- format: csv\n- delimiter: ";"\n')
    assert project.stores[0].attributes == {"delimiter": ";"}


def test_command_store_rules():
    text = ("# Project: kit\n\n## Entity: Task\n- a: int\n\n## Entity: Note\n- b: int\n\n"
            "## Store: tasks\n- holds: Task\n- format: json\n\n"
            "## Store: notes\n- holds: Note\n- format: json\n\n"
            "## Command: add_task(a: int)\nAdd a task.\n\n"
            "## Command: jot(b: int)\nWrite down a note.\n\n"
            "## Command: export()\nExport everything.\n- store: tasks\n\n"
            "## Command: version\nPrint the version.\n\n"
            "## Command: about_tasks()\nTalks about a task but uses none.\n- store: none\n")
    project = parse_spec(text)
    assert [(command.name, command.store) for command in project.commands] == [
        ("add_task", "tasks"), ("jot", "notes"), ("export", "tasks"), ("version", None),
        ("about_tasks", None)]
    assert project.commands[3].params == []  # parentheses may be left out


def test_command_bullets_errors_examples_and_attributes():
    project = parse_spec(
        "# Project: kit\n\n## Command: add(name: str, n: int = 0, verbose: bool = false)\n"
        "Add.\n"
        '- error: a duplicate name prints \'item exists\'\n'
        '- error: a negative count prints "n must be >= 0" and exits with code 3.\n'
        '- `add pen --n 2` prints "added pen"\n'
        '- example: `add` prints "missing name" and exits with status 2\n'
        "- alias: a\n"
        "- a plain bullet\n")
    command = project.commands[0]
    assert [(e.condition, e.message, e.status) for e in command.errors] == [
        ("a duplicate name", "item exists", 1), ("a negative count", "n must be >= 0", 3)]
    assert [(e.call, e.expected, e.status) for e in command.examples] == [
        ("add pen --n 2", '"added pen"', 0), ("add", '"missing name"', 2)]
    assert command.attributes == {"alias": "a"}
    assert command.description == "Add.\n- a plain bullet"
    assert [(p.name, p.default) for p in command.params] == [
        ("name", None), ("n", "0"), ("verbose", "False")]


def test_an_error_written_with_an_arrow_keeps_its_condition_message_and_status():
    """"- error: unknown item -> "no item NAME", exit 1": a terse user's error bullet; a note in
    brackets after it stays with the condition, a status left out is 1, and one out of range is
    still refused with its line."""
    project = parse_spec(
        "# Project: kit\n\n## Command: lend(name: str, friend: str)\nLend it.\n"
        '- error: unknown item -> "no item NAME", exit 1\n'
        '- error: item already out => "NAME is with FRIEND", exit code 3 (FRIEND = who has it)\n'
        '- error: friend is me → `not to yourself`\n')
    assert [(e.condition, e.message, e.status) for e in project.commands[0].errors] == [
        ("unknown item", "no item NAME", 1), ("item already out (FRIEND = who has it)", "NAME is with FRIEND", 3),
        ("friend is me", "not to yourself", 1)]
    with pytest.raises(SpecError, match=r"exit status 300 is out of range") as raised:
        parse_spec('# Project: kit\n\n## Command: lend(name: str)\nLend it.\n- error: unknown -> "no", exit 300\n')
    assert raised.value.location.endswith(":5:10")


def test_a_bullet_that_starts_with_an_option_and_prints_nothing_is_prose():
    """"* `--student NAME` keeps only that student's lessons": a user's list of options, not a
    command example missing its "prints"; one with a quoted output still must parse as one."""
    project = parse_spec(
        "# Project: kit\n\n## Command: list(student: str | None = none)\nEvery lesson.\n"
        "* `--student NAME` keeps only that student's lessons.\n")
    assert project.commands[0].examples == []
    assert "`--student NAME` keeps only that student's lessons." in project.commands[0].description
    with pytest.raises(SpecError, match="expected 'prints"):
        parse_spec('# Project: kit\n\n## Command: list()\nAll.\n- `list` shows "nothing"\n')


def test_project_attributes_kinds_case_and_star_bullets():
    project = parse_spec("# Project: shop-kit\n- version: 0.2.0\n- python: \">=3.10\"\n\n"
                         "## entity: Item\n* name: str\n+ price: float = 0\n")
    assert project.package == "shop_kit"
    assert project.attributes == {"version": "0.2.0", "python": ">=3.10"}
    assert [f.name for f in project.entities[0].fields] == ["name", "price"]


def test_byte_order_mark_and_crlf_are_accepted():
    project = parse_spec("\ufeff# Project: kit\r\n\r\n## Entity: T\r\n- a: int — x\r\n")
    assert project.entities[0].fields[0].description == "x"
    assert project.entities[0].span.line == 3


def test_items_come_back_in_source_order_with_hash():
    text = "# Project: kit\n\n## Function: f() -> int\n\n## Entity: T\n- a: int\n"
    project = parse_spec(text)
    assert [item.name for item in project.items()] == ["f", "T"]
    import hashlib

    assert project.spec_hash == hashlib.sha256(text.encode()).hexdigest()


# ---- the block structure is CommonMark (read with markdown-it-py) ---------------------------


def test_a_heading_inside_a_four_backtick_fence_is_prose():
    text = ("# Project: kit\n\n## Entity: Thing\nA thing.\n\n"
            "````markdown\n```\n## Entity: Hidden\n- a: int\n```\n````\n- b: int\n")
    project = parse_spec(text)
    assert [entity.name for entity in project.entities] == ["Thing"]
    thing = project.entities[0]
    assert [field.name for field in thing.fields] == ["b"]
    assert thing.description == (
        "A thing.\n\n````markdown\n```\n## Entity: Hidden\n- a: int\n```\n````")


def test_longer_tilde_fences_close_only_on_a_fence_as_long():
    project = parse_spec("# Project: kit\n\n~~~~\n~~~\n## Entity: Hidden\n~~~~\n\n"
                         "## Entity: Shown\n- a: int\n")
    assert [entity.name for entity in project.entities] == ["Shown"]


def test_an_item_inside_an_html_comment_is_not_an_item():
    text = ("# Project: kit\n\n<!--\n## Entity: Hidden\n- a: int\n\n## Function: f() -> int\n"
            "-->\n\n## Entity: Shown\n- b: int\n")
    project = parse_spec(text)
    assert [entity.name for entity in project.entities] == ["Shown"]
    assert project.functions == []
    assert project.description.startswith("<!--\n## Entity: Hidden\n- a: int\n\n## Function")


def test_setext_headings_open_the_project_and_items():
    text = ("Project: kit\n============\nA kit.\n\n"
            "Entity: Task\n------------\nA task.\n- title: str — what to do\n\n"
            "Notes\n-----\nPlain prose.\n")
    project = parse_spec(text)
    assert project.name == "kit"
    (task,) = project.entities
    assert (task.name, task.span.line, task.span.end_line) == ("Task", 5, 8)
    assert [field.name for field in task.fields] == ["title"]
    assert task.description == "A task."
    assert project.description == "A kit.\n\nNotes\n-----\nPlain prose."


def test_errors_in_a_setext_heading_keep_their_line_and_column():
    with pytest.raises(SpecError) as caught:
        parse_spec("Project: kit\n===\n\nEntity: my task\n---\n")
    assert (caught.value.line, caught.value.column) == (4, 9)
    assert caught.value.message == "entity name 'my task' is not a valid Python identifier"
    with pytest.raises(SpecError) as caught:
        parse_spec("# Project: kit\n\n  Function: f(x: int -> int\n  ---\n")
    assert (caught.value.line, caught.value.column) == (3, 22)


def test_indented_code_quotes_and_nested_lists_are_prose():
    text = ("# Project: kit\n\n## Entity: T\n- a: int\n  - a nested bullet\n\n"
            "    ## Entity: IndentedCode\n\n> - quoted: int\n\n1. numbered: int\n")
    project = parse_spec(text)
    assert [entity.name for entity in project.entities] == ["T"]
    entity = project.entities[0]
    assert [field.name for field in entity.fields] == ["a"]
    assert entity.description == (
        "  - a nested bullet\n\n    ## Entity: IndentedCode\n\n> - quoted: int\n\n1. numbered: int")


def test_a_heading_inside_a_bullet_is_not_an_item():
    project = parse_spec("# Project: kit\n\n## Entity: T\n- a: int\n  ## Entity: Inner\n")
    assert [entity.name for entity in project.entities] == ["T"]
    assert [field.name for field in project.entities[0].fields] == ["a"]


def test_fenced_blocks_keep_their_info_string_and_lines():
    from spf.spec.blocks import fenced_blocks

    text = ("# Project: kit\n\n```console\n$ kit add x\nadded x\n```\n\n"
            "- a bullet\n\n  ~~~~ python\n  x = 1\n  ~~~~\n")
    assert [(block.info, block.line, block.end_line, block.code)
            for block in fenced_blocks(text)] == [
        ("console", 3, 6, "$ kit add x\nadded x\n"), ("python", 10, 12, "x = 1\n")]


def test_a_command_whose_arguments_are_another_records_fields_uses_that_store():
    """corpus43/hives: `harvest(hive, day, kg)` says "Honey taken off a hive", but its
    arguments are a Visit's fields (hive, day), not a Hive's (number, place); `## Command:
    visits` is the store of that name, though its words name hives too."""
    text = ("# Project: bees\n\n## Entity: Hive\n- number: int\n- place: str\n\n"
            "## Entity: Visit\n- hive: int\n- day: str\n- honey: float = 0.0\n\n"
            "## Store: hives\n- holds: Hive\n- format: csv\n\n## Store: visits\n- holds: Visit\n- format: csv\n\n"
            "## Command: hive(number: int, place: str)\nA new hive.\n\n"
            "## Command: harvest(hive: int, day: str, kg: float)\nHoney taken off a hive.\n\n"
            "## Command: visits\nEverything done at the hives.\n\n"
            "## Command: mark(hive: int)\nMarks a hive.\n")
    stores = {command.name: command.store for command in parse_spec(text).commands}
    # one argument named like a field is no evidence: `mark` stays with the hive its words name
    assert stores == {"hive": "hives", "harvest": "visits", "visits": "visits", "mark": "hives"}
