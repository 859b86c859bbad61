"""Stage 4, tests: the generated project's pytest suite.

- every example in the spec becomes a test (``f(x) == y``, ``f(x) raises E``);
- every entity round-trips through ``to_dict``/``from_dict`` (and JSON);
- every store round-trips through its file, updates, removes, searches, and raises
  ``LookupError`` for missing positions;
- every command is run through click's ``CliRunner`` in an empty working directory:
  its exit status, its output (lines in the spec's format), and each documented error
  (message on stderr, exit status).
- ``tests/test_acceptance.py``: the contract, one test per case of ``state.acceptance``
  (the spec's examples and transcripts, built from Layer 1 alone by ``spf.acceptance``,
  plus the cases other stages added), each traced to its spec line.
Tests of units that are not implemented are marked ``xfail(raises=NotImplementedError)``
so the suite stays green while the summary still reports those units as unimplemented.
"""

from __future__ import annotations

import ast

from spf import hookimpl
from spf.errors import SpfError
from spf.pipeline import PipelineState, Stage


def written_elsewhere(state: PipelineState) -> set[str]:
    """Commands whose body is not their interpretation's (a program of the query
    synthesizer, a backend's body): the tests derived from that interpretation do not apply."""
    return {unit.design_unit for unit in state.units.values()
            if unit.design_unit.startswith("command:") and unit.kind == "function"
            and unit.backend not in ("template", None) and unit.status == "implemented"}


class TestsStage(Stage):
    name = "tests"
    after = ("implement",)
    description = "pytest suite from examples and category templates"

    def run(self, state: PipelineState) -> None:
        from spf_plugins.stages.render import _store_class, command_plans, item_of, render_template
        from spf_plugins.stages.views import entity_view, function_view, store_view

        project = state.project
        plans = command_plans(state)
        elsewhere = written_elsewhere(state)
        status = {unit.design_unit: unit.status for unit in state.units.values()
                  if unit.kind in ("class", "function")}
        for unit in state.units.values():
            if unit.kind != "tests":
                continue
            kind = unit.design_unit.split(":", 1)[0]
            item = item_of(state, unit.design_unit)
            if kind == "entity":
                unit.template = "entity/test_entity.py.j2"
                source = render_template(state, unit.template, entity=entity_view(item, project))
            elif kind == "store":
                unit.template = "store/test_store.py.j2"
                view = store_view(item, project)
                view["class_name"] = _store_class(state, item)
                source = render_template(state, unit.template, store=view)
            elif kind == "function":
                unit.template = "function/test_examples.py.j2"
                view = function_view(item, body=None,
                                     unimplemented=status.get(unit.design_unit) != "implemented")
                planned = planned_examples(state, unit.design_unit)
                if planned:
                    view["examples"] = planned
                source = render_template(state, unit.template, function=view)
            else:
                unit.template = "command/test_command.py.j2"
                view = plans[item.name].view
                if unit.design_unit in elsewhere:  # tests of a reading the body does not use
                    view = {**view, "tests": []}
                source = render_template(state, unit.template, command=view)
            unit.source = source
            unit.status = "generated"
            unit.stage = self.name
            unit.backend = "template"
        self.render_acceptance(state)

    def render_acceptance(self, state: PipelineState) -> None:
        """``tests/test_acceptance.py``: one test per case of ``state.acceptance``.

        The cases come from the spec alone (and from stages that made an error clause
        concrete); only which units are stubs (their failures are expected) comes from
        the implementation.
        """
        from spf_plugins.stages.views import trace_of

        from spf.acceptance import TEST_MODULE, render_module
        from spf.pipeline import UnitRecord

        if state.acceptance is None:  # a state built by hand, not by prepare_state
            from spf.acceptance import AcceptanceSuite, cases_from_project

            state.acceptance = AcceptanceSuite(cases_from_project(state.project))
        suite = state.acceptance
        project = state.project
        stubs = {unit.design_unit for unit in state.units.values()
                 if unit.kind in ("class", "function") and unit.status == "unimplemented"}
        source = render_module(
            list(suite), program=project.name, package=project.package,
            functions=[function.name for function in project.functions],
            entities=[entity.name for entity in project.entities], stubs=stubs,
            spec_file=state.spec_file)
        unit_id = f"{TEST_MODULE}::acceptance"
        if TEST_MODULE not in state.files:
            state.add_file(TEST_MODULE, "test")
        unit = state.units.get(unit_id) or state.add_unit(UnitRecord(
            id=unit_id, path=TEST_MODULE, name="acceptance", kind="tests",
            design_unit=f"project:{project.name}", category="acceptance", template=None,
            trace=trace_of(project.span)))
        unit.source = source
        unit.status = "generated"
        unit.stage = self.name
        unit.backend = "spec"

    def summary(self, state: PipelineState) -> str:
        count = sum(unit.source.count("\ndef test_") + unit.source.startswith("def test_")
                    for unit in state.units.values() if unit.kind == "tests")
        return f"{count} tests"


def planned_examples(state: PipelineState, design_id: str) -> list[dict]:
    """The example tests the design (Layer 2) plans for a function, by their planned names.

    The pyramid is the source of truth: a test a person or a plugin added to the design
    unit before this stage is generated too, under the name the plan shows.
    """
    from spf_plugins.stages.views import trace_of

    design = state.pyramid.design_units.get(design_id) if state.pyramid else None
    examples = []
    for test in getattr(design, "tests", None) or []:
        if test.kind not in ("example", "raises") or not test.source:
            continue
        if test.kind == "raises":
            call, _, error = test.source.rpartition(" raises ")
            call, expected, raises = call.strip(), None, error.strip()
        else:
            text = test.source.strip()
            comparison = ast.parse(text, mode="eval").body
            if not (isinstance(comparison, ast.Compare) and len(comparison.ops) == 1
                    and isinstance(comparison.ops[0], ast.Eq)):
                raise SpfError(f"planned test {test.name!r} is not `call == expected`",
                               location=str(test.trace), hint="write it as f(x) == y")
            # the text as written (quotes and spacing kept), not an unparsed copy
            call, raises = ast.get_source_segment(text, comparison.left), None
            expected = ast.get_source_segment(text, comparison.comparators[0])
        examples.append({"name": test.name, "call": call, "expected": expected,
                         "raises": raises, "trace": trace_of(test.trace)})
    return examples


TestsStage.__test__ = False  # not a pytest test class despite its name


@hookimpl
def register_stages(register):
    register(TestsStage())
