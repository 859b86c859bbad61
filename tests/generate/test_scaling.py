"""What keeps generation linear in the spec: work done once per run (or per process) that
was done again per unit. Timings live in benchmarks/generate.py and benchmarks/plan.py;
these tests check the behaviour the caches must keep."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jinja2

from spf.acceptance import AcceptanceCase, AcceptanceSuite
from spf.pipeline import generate

SPEC = """# Project: shelf
Books on a shelf.

## Entity: Book
A book.
- title: str — the unique title of the book
- pages: int = 0 — how many pages it has

## Store: books
Where the books live.
- holds: Book
- format: json
- path: books.json

## Command: add_book(title: str, pages: int = 0)
Add a book.
- store: books
- error: a title already in the store prints "book exists" and exits with status 1

## Command: list_books()
Print every book on its own line as `title: pages`, sorted by title.
- store: books

## Command: remove_book(title: str)
Delete the named book.
- store: books
- error: a title not in the store prints "no such book" and exits with status 1
"""


def test_command_plans_are_built_once_and_again_only_when_a_choice_changes(tmp_path):
    from spf_plugins.stages.render import command_plans

    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    seen: dict[str, object] = {}
    checks: dict[str, bool] = {}

    def on_event(event, stage, state):
        if event != "done" or stage not in ("scaffold", "interfaces", "implement", "tests"):
            return
        seen[stage] = state.cache.get("plans")
        if stage != "tests":
            return
        plans = command_plans(state)
        chosen = state.cache["interpretations"]
        original = plans["list_books"].interpretation
        other = replace(original, limit="1")  # print only the first book
        chosen["list_books"] = other
        changed = command_plans(state)
        checks["rebuilt"] = changed is not plans
        checks["uses the new choice"] = changed["list_books"].interpretation is other
        chosen["list_books"] = original
        restored = command_plans(state)
        checks["back"] = restored["list_books"].interpretation is original

    report = generate(tmp_path, out=tmp_path / "out", verify=False, on_event=on_event)
    assert report.exit_code == 0
    # no spec cases to choose by: the stages' ends changed nothing, the plans were kept
    assert seen["scaffold"] is not None
    assert seen["scaffold"] is seen["interfaces"] is seen["implement"] is seen["tests"]
    assert checks == {"rebuilt": True, "uses the new choice": True, "back": True}


def test_acceptance_suite_replaces_a_case_of_the_same_name_even_after_a_hand_edit():
    def case(name: str, unit: str) -> AcceptanceCase:
        return AcceptanceCase(name=f"test_{name}", kind="function_example", units=(unit,),
                              trace="spec.md:1", call="f(1)", expected="2")

    def listed(suite):
        return [(c.name.removeprefix("test_"), c.units[0]) for c in suite]

    suite = AcceptanceSuite([case("a", "u1"), case("b", "u1"), case("a", "u2")])
    suite.add(case("a", "u3"))  # the first case of that name is the one replaced
    assert listed(suite) == [("a", "u3"), ("b", "u1"), ("a", "u2")]
    suite.cases.append(case("c", "u1"))  # grown by hand: the index notices
    suite.add(case("c", "u4"))
    suite.add(case("d", "u5"))
    assert listed(suite) == [("a", "u3"), ("b", "u1"), ("a", "u2"), ("c", "u4"), ("d", "u5")]
    suite.cases = [case("d", "u6")]  # replaced by hand
    suite.add(case("d", "u7"))
    assert listed(suite) == [("d", "u7")]


def test_templates_compiled_once_per_process_follow_an_edited_file(tmp_path):
    from spf.templating import render, template_environment

    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "note.txt.j2"
    template.write_text("first {{ view.name }}\n", encoding="utf-8")
    assert render(template_environment([folder]), "note.txt.j2", view={"name": "x"}) == "first x\n"
    assert render(template_environment([folder]), "note.txt.j2", view={"name": "y"}) == "first y\n"
    template.write_text("second {{ view.name }}\n", encoding="utf-8")
    assert render(template_environment([folder]), "note.txt.j2", view={"name": "z"}) == "second z\n"


def test_dict_lookups_in_templates_answer_as_jinja2_does(tmp_path):
    from spf.templating import template_environment

    folder = Path(tmp_path)
    source = ("{{ view.name }}|{{ view['name'] }}|{{ view.items() | list | length }}|"
              "{{ view.missing is undefined }}|{{ plain.real }}")
    view = {"name": "n", "items": "a key named like a dict method"}
    ours = template_environment([folder]).from_string(source)
    theirs = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source)
    assert ours.render(view=view, plain=3) == theirs.render(view=view, plain=3) == "n|n|2|True|3"


def test_markdown_it_reads_a_spec_once(tmp_path):
    from spf.spec import parse_spec
    from spf.spec.blocks import block_tokens

    text = SPEC + "\n```console\n$ shelf add_book Dune\n```\n"
    block_tokens.cache_clear()
    project = parse_spec(text)
    info = block_tokens.cache_info()
    assert info.misses == 1 and info.hits >= 1  # the transcripts' pass read the same tokens
    assert len(project.all_transcripts()) == 1


def test_fewer_collections_while_building_and_the_setting_restored_after():
    import gc

    from spf.collect import THRESHOLD, fewer_collections

    old = gc.get_threshold()
    try:
        gc.set_threshold(700, old[1], old[2])
        with fewer_collections():
            assert gc.get_threshold() == (THRESHOLD, old[1], old[2])
        assert gc.get_threshold() == (700, old[1], old[2])
        gc.set_threshold(THRESHOLD * 2, old[1], old[2])  # a caller's own larger setting stays
        with fewer_collections():
            assert gc.get_threshold()[0] == THRESHOLD * 2
        gc.set_threshold(700, old[1], old[2])
        try:
            with fewer_collections():
                raise ValueError("boom")
        except ValueError:
            pass
        assert gc.get_threshold() == (700, old[1], old[2])  # restored on an error too
    finally:
        gc.set_threshold(*old)
