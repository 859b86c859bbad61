"""Names never escape the output folder; a killed run never leaves half a file; output is deterministic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from spf.errors import SpfError
from spf.files import check_relative_path, safe_join

from .conftest import TINY_SPEC, files_of

SPF = str(Path(sys.executable).parent / "spf")


@pytest.mark.parametrize("bad", ["../x.py", "a/../../x.py", "/etc/passwd", "", "a//b", "./a"])
def test_escaping_paths_are_refused(bad, tmp_path):
    with pytest.raises(SpfError):
        check_relative_path(bad)
    if bad.startswith(("/", "..", "a/..")):
        with pytest.raises(SpfError):
            safe_join(tmp_path, bad)


def test_an_escaping_spec_name_is_refused_before_anything_is_written(tiny):
    from spf_plugins.stages.scaffold import ScaffoldStage

    from spf.pipeline import GenerateOptions, PipelineState
    from spf.pyramid import build_pyramid
    from spf.spec import parse_spec

    project = parse_spec(TINY_SPEC)
    project.entities[0].name = "../../Evil"
    state = PipelineState(project_dir=str(tiny), out_dir=str(tiny), spec_file="spec.md",
                          spec_hash="x", options=GenerateOptions())
    state.project = project
    state.pyramid = build_pyramid(parse_spec(TINY_SPEC))
    with pytest.raises(SpfError, match="outside the output folder"):
        ScaffoldStage().run(state)


def test_an_escaping_project_name_is_bad_input_on_the_command_line(spf_cli, tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "spec.md").write_text(TINY_SPEC.replace("# Project: notes", "# Project: ../../pwned"))
    result = spf_cli("generate", folder, "--no-verify")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "pwned").exists() and not (tmp_path.parent / "pwned").exists()
    assert files_of(folder) == {}


def test_generation_is_deterministic(spf_cli, example, tmp_path):
    folder = example("gradebook")
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = spf_cli("generate", folder, "--out", out, "--no-verify")
        assert result.exit_code in (0, 3)
    assert files_of(first) == files_of(second) and files_of(first)
    assert (first / ".spf" / "manifest.json").read_bytes() == \
        (second / ".spf" / "manifest.json").read_bytes()
    assert files_of(folder) == {}  # --out leaves the project folder alone


SLOW_WRITES = textwrap.dedent('''
    """Test plugin: announce each write stage step and slow it down so a test can kill the run."""
    import os
    import sys
    import time

    from spf import hookimpl

    MODE = os.environ["SPF_TEST_KILL_MODE"]


    @hookimpl
    def before_stage(stage, state):
        if stage.name != "write":
            return
        if MODE == "between":
            print("BEFORE-WRITE", flush=True)
            time.sleep(60)
        real_replace = os.replace

        def slow_replace(source, target):
            real_replace(source, target)
            print("WROTE", target, flush=True)
            time.sleep(0.4)

        os.replace = slow_replace
''')


def _run_and_kill(folder: Path, plugin: Path, mode: str, wait_for: str, count: int) -> None:
    env = {**os.environ, "SPF_TEST_KILL_MODE": mode}
    process = subprocess.Popen([SPF, "--plugin", str(plugin), "generate", str(folder), "--no-verify"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    seen = 0
    deadline = time.monotonic() + 60
    try:
        while seen < count and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen += line.startswith(wait_for)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert seen == count, f"the run ended before {count} x {wait_for}"


@pytest.mark.parametrize("mode, wait_for, count", [("between", "BEFORE-WRITE", 1),
                                                   ("partway", "WROTE", 3)])
def test_a_killed_run_leaves_every_file_absent_or_complete(tmp_path, spf_cli, mode, wait_for, count):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "spec.md").write_text(TINY_SPEC)
    spf_cli("generate", reference, "--no-verify")
    expected = files_of(reference)
    folder = tmp_path / "killed"
    folder.mkdir()
    (folder / "spec.md").write_text(TINY_SPEC)
    plugin = tmp_path / "slow_writes.py"
    plugin.write_text(SLOW_WRITES)
    _run_and_kill(folder, plugin, mode, wait_for, count)
    written = files_of(folder)
    stray = [path for path in written if path not in expected]
    assert all(Path(path).name.startswith(".") and path.endswith(".tmp") for path in stray)
    for path, data in written.items():
        if path in expected:
            assert data == expected[path], f"{path} is half-written"
    complete = [path for path in expected if path in written]
    if mode == "between":
        assert complete == []
    else:
        assert 1 <= len(complete) < len(expected)
    assert not (folder / ".spf" / "manifest.json").exists()  # the manifest comes last
    # The next run finishes the job and cleans up.
    result = spf_cli("generate", folder, "--no-verify")
    assert result.exit_code in (0, 3)
    assert files_of(folder) == expected


@pytest.mark.parametrize("old, new, message", [
    ("# Project: notes", "# Project: json", "would shadow"),
    ("# Project: notes", "# Project: tests", "would shadow"),
    ("## Function: shorten(text: str) -> str", "## Function: main(text: str) -> str", "clashes"),
])
def test_names_that_would_break_the_generated_code_are_refused(spf_cli, tiny, old, new, message):
    spec = tiny / "spec.md"
    text = spec.read_text().replace(old, new)
    if "main(" in new:
        text = text.replace('shorten("abc")', 'main("abc")')
    spec.write_text(text)
    result = spf_cli("generate", tiny, "--no-verify")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert files_of(tiny) == {}
