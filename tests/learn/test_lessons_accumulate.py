"""Lessons accumulate across runs as a chain of patches, and a new lesson may not undo an old one."""

from __future__ import annotations

import json

import pytest

from .conftest import HF_OPTIONS, TRIPLE

pytest.importorskip("torch")


def _run(project, model_dir, **learn_options):
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    with learning(store="project", **learn_options) as session:
        report = generate(project, out=project / "out", backend=f"hf:{model_dir}",
                          backend_options=HF_OPTIONS, verify=False)
    backends = {unit["id"].split("::")[1]: unit["backend"] for unit in report.units if unit["kind"] == "function"
                and unit["design_unit"].startswith("function:")}
    return session.report, backends


def test_a_second_lesson_is_chained_on_the_first_and_both_are_kept(wider_model_dir, project):
    model = f"hf:{wider_model_dir}"
    first, backends = _run(project, wider_model_dir, enabled=True, teacher="symbolic")
    assert backends["double"] == "symbolic" and first["patch"]

    with (project / "spec.md").open("a") as spec:
        spec.write(TRIPLE)
    second, backends = _run(project, wider_model_dir, enabled=True, teacher="symbolic")
    assert second["loaded_patches"] == [first["patch"]]
    assert backends["double"].startswith(model + "+")  # the first lesson, used
    assert backends["triple"] == "symbolic"  # the new mistake, corrected ...
    assert second["guards"]["bodies"] == 1 and second["guards"]["broken"] == 0  # ... without
    # undoing the first
    assert second["repair"]["corrections_fixed"] == 1 and second["patch"]
    metadata = json.loads((project / "out" / second["patch"]).with_suffix(".json").read_text())
    assert metadata["info"]["learn"]["base_learned"] == [first["patch"].split("/")[-1]]

    third, backends = _run(project, wider_model_dir)
    assert third["loaded_patches"] == [first["patch"], second["patch"]]
    assert backends["double"] == backends["triple"] == \
        f"{model}+" + "+".join(str((project / "out" / patch).resolve())
                               for patch in (first["patch"], second["patch"]))
    assert third["corrections"] == []


def test_a_lesson_that_would_undo_an_earlier_one_is_not_saved(tiny_model_dir, project):
    first, _ = _run(project, tiny_model_dir, enabled=True, teacher="symbolic")
    assert first["patch"]
    with (project / "spec.md").open("a") as spec:
        spec.write(TRIPLE)
    second, backends = _run(project, tiny_model_dir, enabled=True, teacher="symbolic")
    assert backends["triple"] == "symbolic"
    # The 32-wide model cannot hold both bodies: fixing triple breaks double, so nothing is saved.
    assert second["guards"]["bodies"] == 1 and second["guards"]["broken"] == 1
    assert second["patch"] is None
    assert any("broke 1 body" in note for note in second["notes"])
    patches = sorted(path.name for path in (project / "out" / ".spf" / "patches").iterdir())
    assert len(patches) == 2  # the first patch and its sidecar only
