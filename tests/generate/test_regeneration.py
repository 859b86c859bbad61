"""Safe regeneration: the user's edits survive, overlaps are conflicts, nothing silent."""

from __future__ import annotations

import json

from spf.merge import merge3

from .conftest import files_of

# ---------------------------------------------------------------- the merge itself


def test_merge_keeps_both_sides_when_they_do_not_overlap():
    base = "a\nb\nc\nd\ne\n"
    result = merge3(base, ours="a\nB\nc\nd\ne\n", theirs="a\nb\nc\nd\nE\n")
    assert result.clean and result.text == "a\nB\nc\nd\nE\n"


def test_merge_takes_identical_changes_once_and_keeps_insertions():
    base = "a\nb\nc\n"
    assert merge3(base, "a\nX\nc\n", "a\nX\nc\n").text == "a\nX\nc\n"
    result = merge3(base, "top\na\nb\nc\n", "a\nb\nc\nbottom\n")
    assert result.clean and result.text == "top\na\nb\nc\nbottom\n"


def test_merge_reports_overlapping_changes_as_conflicts():
    base = "a\nb\nc\n"
    result = merge3(base, "a\nmine\nc\n", "a\ntheirs\nc\n")
    assert not result.clean and len(result.conflicts) == 1
    assert result.conflicts[0].ours_lines == ["mine\n"]
    assert result.conflicts[0].theirs_lines == ["theirs\n"]
    assert "<<<<<<< yours (on disk)\nmine\n=======\ntheirs\n>>>>>>> generated now\n" in result.text


# ---------------------------------------------------------------- regenerating a project


def _generate(spf_cli, folder, *options):
    result = spf_cli("generate", folder, "--no-verify", "--json", *options)
    return result, json.loads(result.stdout)


def _actions(report):
    return {entry["path"]: entry["action"] for entry in report["files"]}


def test_rerun_without_changes_writes_nothing(spf_cli, tiny):
    _generate(spf_cli, tiny)
    before = {path: (tiny / path).stat().st_mtime_ns for path in files_of(tiny)}
    _, report = _generate(spf_cli, tiny)
    assert set(_actions(report).values()) == {"unchanged"}
    assert {path: (tiny / path).stat().st_mtime_ns for path in files_of(tiny)} == before


def test_user_edit_survives_a_spec_change(spf_cli, tiny):
    _generate(spf_cli, tiny)
    cli_path = tiny / "notes" / "cli.py"
    edited = cli_path.read_text() + "\n\ndef my_helper() -> str:\n    return 'mine'\n"
    cli_path.write_text(edited)
    spec = tiny / "spec.md"
    spec.write_text(spec.read_text().replace("Delete the note at", "Delete for good the note at"))
    result, report = _generate(spf_cli, tiny)
    assert result.exit_code in (0, 3)
    assert _actions(report)["notes/cli.py"] == "merged"
    text = cli_path.read_text()
    assert "def my_helper() -> str:\n    return 'mine'" in text  # the edit survived
    assert "Delete for good the note at" in text  # and the spec change arrived
    # Only what changed was touched: the models did not change.
    assert _actions(report)["notes/models.py"] == "unchanged"


def test_overlapping_edit_is_a_conflict_and_the_file_is_untouched(spf_cli, tiny):
    _generate(spf_cli, tiny)
    cli_path = tiny / "notes" / "cli.py"
    edited = cli_path.read_text().replace("Delete the note at", "Erase the note at")
    cli_path.write_text(edited)
    spec = tiny / "spec.md"
    spec.write_text(spec.read_text().replace("Delete the note at", "Remove the note at"))
    result, report = _generate(spf_cli, tiny)
    assert result.exit_code == 4
    assert _actions(report)["notes/cli.py"] == "conflict"
    assert cli_path.read_text() == edited
    conflict = report["conflicts"][0]
    assert conflict["path"] == "notes/cli.py"
    assert "<<<<<<< yours (on disk)\n     \"\"\"Erase the note at" in conflict["diff"]
    assert "+    \"\"\"Remove the note at" in conflict["diff"]
    # The human-readable run shows the diff too.
    result = spf_cli("generate", tiny, "--no-verify")
    assert result.exit_code == 4 and "conflict" in result.stdout and "Erase the note" in result.stdout
    # --force overwrites.
    result, report = _generate(spf_cli, tiny, "--force")
    assert _actions(report)["notes/cli.py"] == "overwritten"
    assert "Remove the note at" in cli_path.read_text()


def test_existing_file_spf_never_wrote_is_not_overwritten(spf_cli, tiny):
    (tiny / "README.md").write_text("# my own readme\n")
    result, report = _generate(spf_cli, tiny)
    assert result.exit_code == 4
    assert _actions(report)["README.md"] == "conflict"
    assert (tiny / "README.md").read_text() == "# my own readme\n"


def test_pretend_shows_diffs_and_writes_nothing(spf_cli, tiny):
    result, report = _generate(spf_cli, tiny, "--pretend")
    assert files_of(tiny) == {}
    assert not (tiny / ".spf").exists()
    assert report["pretend"] is True
    assert all(entry["action"] == "created" and entry["diff"] for entry in report["files"])
    _generate(spf_cli, tiny)
    before = files_of(tiny)
    manifest = (tiny / ".spf" / "manifest.json").read_bytes()
    spec = tiny / "spec.md"
    spec.write_text(spec.read_text().replace("Add a note.", "Add a note to the file."))
    result = spf_cli("generate", tiny, "--no-verify", "--pretend")
    assert "+    \"\"\"Add a note to the file." in result.stdout
    assert files_of(tiny) == before
    assert (tiny / ".spf" / "manifest.json").read_bytes() == manifest


def test_removed_units_are_reported_and_deleted_only_with_prune(spf_cli, tiny):
    _generate(spf_cli, tiny)
    spec = tiny / "spec.md"
    text = spec.read_text()
    start = text.index("## Function: shorten")
    end = text.index("## Command: add")
    spec.write_text(text[:start] + text[end:])
    _, report = _generate(spf_cli, tiny)
    removed = {entry["path"]: entry["action"] for entry in report["removed"]}
    assert removed == {"notes/functions.py": "kept (use --prune to delete)",
                       "tests/test_functions.py": "kept (use --prune to delete)"}
    assert (tiny / "notes" / "functions.py").exists()
    _, report = _generate(spf_cli, tiny, "--prune")
    removed = {entry["path"]: entry["action"] for entry in report["removed"]}
    assert removed == {"notes/functions.py": "deleted", "tests/test_functions.py": "deleted"}
    assert not (tiny / "notes" / "functions.py").exists()
    manifest = json.loads((tiny / ".spf" / "manifest.json").read_text())
    assert "notes/functions.py" not in manifest["files"]


def test_prune_keeps_a_removed_file_the_user_edited(spf_cli, tiny):
    _generate(spf_cli, tiny)
    functions = tiny / "notes" / "functions.py"
    functions.write_text(functions.read_text() + "\n# my notes\n")
    spec = tiny / "spec.md"
    text = spec.read_text()
    spec.write_text(text[:text.index("## Function: shorten")] + text[text.index("## Command: add"):])
    _, report = _generate(spf_cli, tiny, "--prune")
    removed = {entry["path"]: entry["action"] for entry in report["removed"]}
    assert removed["notes/functions.py"] == "kept (edited; --force deletes)"
    assert functions.exists()
