"""The user-level lesson store: a lesson learned on project A is used on project B with the same
base model (not with another one), a lesson that undoes an earlier one is refused, and
``spf lessons`` lists, shows, exports and reverts lessons (bad input: one line, exit 2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import SPEC, TRIPLE, generate_with_learning

pytest.importorskip("torch")

#: Project B: another project whose ``double`` reads as in project A (same line, same words).
OTHER_SPEC = SPEC.replace("# Project: mathy\nSmall math helpers.", "# Project: calc\nMore helpers.")


def _project(tmp_path, name, spec) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "spec.md").write_text(spec, encoding="utf-8")
    return folder


def _store() -> Path:
    return Path(os.environ["SPF_LESSONS_DIR"])


def test_a_lesson_from_project_a_is_used_for_project_b_with_the_same_base_model(
        tiny_model_dir, wider_model_dir, project, tmp_path):
    from spf.lessons import model_fingerprint

    first, units = generate_with_learning(project, tiny_model_dir, enabled=True, teacher="symbolic")
    assert units["double"]["backend"] == "symbolic"
    fingerprint = model_fingerprint(tiny_model_dir)
    folder = _store() / fingerprint.removeprefix("sha256:")
    patch = Path(first["patch"])
    assert patch.parent == folder and patch.name.startswith("0001-star-") and patch.is_file()
    assert not (project / "out" / ".spf" / "patches").exists()  # the store, not the project
    metadata = json.loads(patch.with_suffix(".json").read_text())["info"]["learn"]
    assert metadata["fingerprint"] == fingerprint and metadata["project"] == "mathy"

    # Project B, the same base model copied elsewhere (same contents, same fingerprint).
    copy = shutil.copytree(tiny_model_dir, tmp_path / "copy-of-the-model")
    other = _project(tmp_path, "calc", OTHER_SPEC)
    second, units = generate_with_learning(other, copy)
    assert second["loaded_patches"] == [str(patch)]
    assert units["double"]["backend"] == f"hf:{copy.resolve()}+{patch}"
    assert units["double"]["status"] == "implemented" and units["double"]["attempts"] == 1
    assert second["corrections"] == []

    # Another base model does not get it.
    third, units = generate_with_learning(_project(tmp_path, "calc2", OTHER_SPEC), wider_model_dir)
    assert third["loaded_patches"] == []
    assert not units["double"]["backend"].startswith(f"hf:{wider_model_dir}+")


def test_a_lesson_that_breaks_an_earlier_lesson_of_the_store_is_refused(
        tiny_model_dir, project, tmp_path):
    first, _ = generate_with_learning(project, tiny_model_dir, enabled=True, teacher="symbolic")
    assert first["patch"]
    # Project B only has triple: its lesson must keep project A's double (the store's guard).
    other = _project(tmp_path, "tripler", "# Project: tripler\nHelpers.\n" + TRIPLE)
    second, units = generate_with_learning(other, tiny_model_dir, enabled=True, teacher="symbolic")
    assert second["loaded_patches"] == [first["patch"]]
    assert units["triple"]["backend"] == "symbolic"
    assert second["guards"]["bodies"] == 1  # A's lesson, guarded in project B
    # The 32-wide model cannot hold both bodies: fixing triple breaks double: refused.
    assert second["guards"]["broken"] == 1 and second["patch"] is None
    assert second["refused"]["broken_units"] == ["mathy/functions.py::double"]
    assert any("broke 1 body" in note for note in second["notes"])
    names = sorted(path.name for path in Path(first["patch"]).parent.iterdir())
    assert [name for name in names if name.startswith("0")] == sorted(
        [Path(first["patch"]).name, Path(first["patch"]).with_suffix(".json").name])


def test_spf_lessons_lists_shows_exports_and_reverts(tiny_model_dir, project, tmp_path):
    from spf.cli import cli

    first, _ = generate_with_learning(project, tiny_model_dir, enabled=True, teacher="symbolic")
    runner = CliRunner()
    listed = runner.invoke(cli, ["lessons", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    [model] = data["models"]
    [lesson] = model["lessons"]
    assert model["model"] == str(tiny_model_dir.resolve())
    assert lesson["name"] == Path(first["patch"]).name and lesson["fixed"] == 1
    assert lesson["units"] == ["mathy/functions.py::double"] and lesson["project"] == "mathy"
    identifier = lesson["id"]
    text = runner.invoke(cli, ["lessons", "list"])
    assert text.exit_code == 0 and identifier in text.output and "double" in text.output

    shown = runner.invoke(cli, ["lessons", "show", identifier, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["metadata"]["info"]["learn"]["units"] == [
        "mathy/functions.py::double"]
    assert "made on: the base model" in runner.invoke(cli, ["lessons", "show", identifier]).output

    exported = tmp_path / "exported"
    result = runner.invoke(cli, ["lessons", "export", identifier, str(exported)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in exported.iterdir()) == sorted(
        [lesson["name"], Path(lesson["name"]).with_suffix(".json").name, "model.json"])

    # Bad input: one line, exit status 2, nothing changed.
    for arguments in (["show", "nonsense"], ["show", "ffffffff/0001"],
                      ["show", identifier.split("/")[0] + "/0042"], ["revert", "x/y"],
                      ["export", identifier, str(exported)],
                      ["list", "--store", str(Path(first["patch"]))]):
        bad = runner.invoke(cli, ["lessons", *arguments])
        assert bad.exit_code == 2, (arguments, bad.output)
        assert len(bad.output.strip().splitlines()) == 1, bad.output  # one line, no traceback
    for arguments in (["show"], ["revert"], ["export", identifier]):  # click's usage errors
        bad = runner.invoke(cli, ["lessons", *arguments])
        assert bad.exit_code == 2 and "Error: Missing argument" in bad.output
    assert Path(first["patch"]).is_file()

    reverted = runner.invoke(cli, ["lessons", "revert", identifier, "--json"])
    assert reverted.exit_code == 0, reverted.output
    assert json.loads(reverted.stdout) == {"removed": [lesson["name"]]}
    assert not Path(first["patch"]).exists()
    # The next run loads nothing: the base model, which fails again.
    again, units = generate_with_learning(project, tiny_model_dir)
    assert again["loaded_patches"] == [] and units["double"]["status"] == "unimplemented"


def test_spf_help_and_spf_lessons_do_not_import_torch(tmp_path):
    import subprocess
    import sys

    for argv in (["spf", "--help"], ["spf", "lessons", "list", "--store", str(tmp_path)]):
        code = (f"import sys\nfrom spf.cli import main\nsys.argv = {argv!r}\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')")
        completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   timeout=120, check=False)
        assert completed.stdout.strip().endswith("NO-TORCH"), completed.stdout + completed.stderr
    assert "lessons" in subprocess.run([sys.executable, "-m", "spf", "--help"],
                                       capture_output=True, text=True, timeout=120).stdout
