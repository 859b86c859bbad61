"""The learning hook for any stage: a plugin stage that asks a backend through
``spf.pipeline.ask_backend`` gets its corrections learned, chained on the implement
stage's lesson of the same run, and the next run's model answers that stage itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spf import hookimpl

from .conftest import HF_OPTIONS, TRIPLE

pytest.importorskip("torch")


class _Unit:
    id = "mathy/extras.py::triple"
    path = "mathy/extras.py"  # not written: no user edit to look for


class ExtraStage:
    """A plugin stage after implement that asks the configured backend for one function."""

    name, after, before, description = "extras", ("implement",), (), "one more function"

    def __init__(self):
        self.results = []

    def run(self, state):
        from spf.backends import get_backend
        from spf.loop import task_from_function
        from spf.pipeline import ask_backend
        from spf.spec import parse_spec

        [function] = parse_spec("# Project: extras\nMore.\n" + TRIPLE).functions
        backend = get_backend(state.options.backend, state.options.backend_options)
        self.results.append(ask_backend(state, _Unit(), task_from_function(function), backend))

    def summary(self, state):
        return ""


class ExtraPlugin:
    def __init__(self):
        self.stage = ExtraStage()

    @hookimpl
    def register_stages(self, register):
        register(self.stage)


@pytest.fixture
def extra():
    from spf.plugins import add_plugin, remove_plugin

    plugin = ExtraPlugin()
    add_plugin(plugin, "test-extra-stage")
    yield plugin.stage
    remove_plugin("test-extra-stage")


def _run(project, model_dir, **learn_options):
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    with learning(**learn_options) as session:
        generate(project, out=project / "out", backend=f"hf:{model_dir}",
                 backend_options=HF_OPTIONS, verify=False)
    return session.report


def test_a_plugin_stage_asking_through_ask_backend_learns_for_free(wider_model_dir, project,
                                                                   extra):
    first = _run(project, wider_model_dir, enabled=True, teacher="symbolic")
    [result] = extra.results
    assert result.status == "implemented" and result.backend == "symbolic"  # the teacher's
    units = [correction["unit"] for correction in first["corrections"]]
    assert units == ["mathy/functions.py::double", "mathy/extras.py::triple"]
    implement_lesson, stage_lesson = (Path(path) for path in first["patches"])
    assert implement_lesson.name.startswith("0001-") and stage_lesson.name.startswith("0002-")
    learned = json.loads(stage_lesson.with_suffix(".json").read_text())["info"]["learn"]
    assert learned["units"] == ["mathy/extras.py::triple"]
    assert learned["base_learned"] == [implement_lesson.name]  # chained on the first

    second = _run(project, wider_model_dir)
    assert second["loaded_patches"] == [str(implement_lesson), str(stage_lesson)]
    latest = extra.results[-1]
    assert latest.status == "implemented" and latest.attempts == 1
    assert latest.backend.startswith(f"hf:{wider_model_dir}+")  # the model itself, now
    assert second["corrections"] == []
