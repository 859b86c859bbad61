"""A user's edit of a generated body, detected at regeneration, is a correction too."""

from __future__ import annotations

import pytest

from .conftest import HF_OPTIONS

pytest.importorskip("torch")


def _run(project, model_dir, **learn_options):
    from spf_plugins.learn import learning

    from spf.pipeline import generate

    with learning(teacher="symbolic", store="project", **learn_options) as session:
        report = generate(project, out=project / "out", backend=f"hf:{model_dir}",
                          backend_options=HF_OPTIONS, verify=False)
    files = {entry["path"]: entry["action"] for entry in report.files}
    [unit] = [unit for unit in report.units if unit["id"] == "mathy/functions.py::double"]
    return session.report, unit, files


def _edit(project, old, new):
    path = project / "out" / "mathy" / "functions.py"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return path


def test_an_edit_that_passes_the_examples_is_learned_and_then_written_by_the_model(
        tiny_model_dir, project):
    _run(project, tiny_model_dir)  # the teacher writes `return x + x`
    path = _edit(project, "    return x + x", "    return 2 * x")

    learned, unit, files = _run(project, tiny_model_dir, enabled=True)
    [correction] = learned["corrections"]
    assert (correction["kind"], correction["corrected_by"]) == ("edit", "user")
    [case] = learned["cases"]
    assert case["target"] == "    return 2 * x\n\n\n#" and case["fixed"]
    assert learned["patch"] and files["mathy/functions.py"] == "kept"  # the edit stays

    after, unit, files = _run(project, tiny_model_dir)
    assert after["loaded_patches"] == [learned["patch"]] and after["corrections"] == []
    assert unit["backend"].startswith(f"hf:{tiny_model_dir}+") and unit["attempts"] == 1
    assert files["mathy/functions.py"] == "unchanged"  # the model now writes the user's body
    assert path.read_text().rstrip().endswith("    return 2 * x")


def test_an_edit_that_fails_an_example_is_not_learned(tiny_model_dir, project):
    _run(project, tiny_model_dir)
    _edit(project, "    return x + x", "    return x * 3")
    learned, _, _ = _run(project, tiny_model_dir, enabled=True)
    assert all(correction["kind"] != "edit" for correction in learned["corrections"])
    assert any("your edit of double is not learned: example 1 failed" in note
               for note in learned["notes"])
