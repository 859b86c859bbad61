"""The error boundary: bad paths, missing extras and bad settings are one line and exit 2.

One test per case of issue 15's "Why" list. Each asserts the exit status, that the
message is one line naming the place, that no traceback is printed, and (for outputs)
that nothing was written: the check runs before the stages, not after them.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from core_builders import REPO

from spf.cli import cli

SPF = str(Path(sys.executable).parent / "spf")


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def assert_one_line_error(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = error_lines(result)
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def todo(tmp_path) -> Path:
    project = tmp_path / "todo"
    project.mkdir()
    shutil.copy(REPO / "examples/todo/spec.md", project / "spec.md")
    return project


def tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# ---------------------------------------------------------------- unwritable outputs


def test_generate_out_under_a_file_is_refused_before_any_stage(runner, todo, tmp_path):
    (tmp_path / "afile").write_text("mine\n")
    before = tree(tmp_path)
    result = runner.invoke(cli, ["generate", str(todo), "--out", str(tmp_path / "afile/sub"),
                                 "--no-verify"])
    line = assert_one_line_error(result, "afile/sub", "is a file, not a folder")
    assert "scaffold" not in result.output  # refused before the first stage
    assert tree(tmp_path) == before and (tmp_path / "afile").read_text() == "mine\n", line


def test_generate_out_in_proc_is_refused(runner, todo):
    result = runner.invoke(cli, ["generate", str(todo), "--out", "/proc/spf-x", "--no-verify"])
    assert_one_line_error(result, "/proc/spf-x", "not writable")
    assert "scaffold" not in result.output


def test_plan_output_in_proc_and_under_a_file_are_refused(runner, todo, tmp_path):
    result = runner.invoke(cli, ["plan", str(todo), "-o", "/proc/spf-x.txt"])
    assert_one_line_error(result, "/proc", "not writable")
    (tmp_path / "afile").write_text("")
    result = runner.invoke(cli, ["plan", str(todo), "-o", str(tmp_path / "afile/x.txt")])
    assert_one_line_error(result, "afile", "is a file, not a folder")


@pytest.fixture
def shared_folder():
    """A temporary folder an unprivileged user can read (tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="spf-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def run_unprivileged(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run spf as an ordinary user: root ignores folder permissions."""
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {**os.environ, "SPF_CACHE_DIR": str(cwd / "cache"), "HOME": str(cwd)}
    return subprocess.run([*prefix, SPF, *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120, check=False)


def test_read_only_outputs_are_refused_for_generate_and_plan(shared_folder):
    shutil.copytree(REPO / "examples/todo", shared_folder / "todo",
                    ignore=shutil.ignore_patterns("generated", ".spf"))
    for path in [shared_folder / "todo", *(shared_folder / "todo").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    readonly = shared_folder / "ro"
    readonly.mkdir()
    readonly.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH
                   | stat.S_IXOTH)
    for args in (["generate", "todo", "--out", "ro/out", "--no-verify"],
                 ["generate", "todo", "--out", "ro", "--no-verify"],
                 ["plan", "todo", "-o", "ro/x.txt"]):
        result = run_unprivileged(args, shared_folder)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "not writable" in errors[0] and "ro" in errors[0], errors
        assert "Permission denied" in errors[0] or "Read-only" in errors[0]
    assert list(readonly.iterdir()) == []


# ---------------------------------------------------------------- missing extras


def run_without(modules: list[str], args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """spf in a subprocess where importing ``modules`` fails, as after a core-only install."""
    code = ("import sys\n"
            f"for name in {modules!r}: sys.modules[name] = None\n"
            "from spf.cli import main\n"
            f"sys.argv = ['spf', *{args!r}]\n"
            "main()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd,
                          timeout=120, check=False)


@pytest.mark.parametrize("args, command", [
    (["inspect", "model", "--prompt", "def f("], "spf inspect"),
    (["model", "build-tiny", "tiny"], "spf model build-tiny"),
    (["repair", "model", "--cases", "cases.jsonl", "--out", "o"], "spf repair"),
    (["patch", "show", "p.safetensors"], "spf patch show"),
    (["finetune", "model", "--data", "d.txt", "--out", "o"], "spf finetune"),
    (["freeze-plan", "model", "--data", "d.txt"], "spf freeze-plan"),
    (["serve", "model"], "spf serve"),
])
def test_model_commands_without_torch_name_the_neural_extra(tmp_path, args, command):
    result = run_without(["torch"], args, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    expected = (f"error: {command}: needs the neural extra (torch is not installed) "
                "(hint: pip install 'spf[neural]')")
    assert result.stderr.strip().splitlines() == [expected]
    assert list(tmp_path.iterdir()) == []


def test_openai_backend_without_httpx_names_the_openai_extra(todo, tmp_path):
    out = tmp_path / "out"
    result = run_without(["httpx"], ["generate", str(todo), "--backend", "openai:m", "--out",
                                     str(out)], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "error: --backend openai: needs the openai extra (httpx is not installed) " \
           "(hint: pip install 'spf[openai]')" in result.stderr
    assert not out.exists()


def test_a_missing_extra_module_anywhere_in_a_command_is_caught_at_the_boundary():
    """Even without an up-front check, ModuleNotFoundError for an extra's module is one line."""
    from spf.cli import boundary_error

    error = boundary_error(ModuleNotFoundError("No module named 'peft'", name="peft"),
                           "spf finetune")
    assert error.one_line() == ("spf finetune: needs the neural extra (peft is not installed) "
                                "(hint: pip install 'spf[neural]')")
    assert boundary_error(ModuleNotFoundError("x", name="spf_missing_bug"), "spf x") is None


# ---------------------------------------------------------------- invalid settings


@pytest.mark.parametrize("toml, key, needle", [
    ('verify_timeout = "soon"', "verify_timeout", "must be a number, not str 'soon'"),
    ('backend_options = "x"', "backend_options", "must be a table, not str 'x'"),
    ("verify_timeout = -1", "verify_timeout", "must be > 0"),
    ('plugins = "p.py"', "plugins", "must be a list of strings"),
    ("out = 3", "out", "must be a string or absent"),
])
@pytest.mark.parametrize("command", ["generate", "plan"])
def test_wrong_setting_types_name_the_file_and_key(runner, todo, tmp_path, toml, key, needle,
                                                   command):
    (todo / "spf.toml").write_text(f"[spf]\n{toml}\n")
    args = [command, str(todo)] + (["--out", str(tmp_path / "out")] if command == "generate" else [])
    result = runner.invoke(cli, args)
    assert_one_line_error(result, f"{todo / 'spf.toml'} [spf] {key}: ", needle)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("toml, needle", [
    ('max_target_tokens = "x"', "[learn] max_target_tokens: must be an integer, not str 'x'"),
    ('enabled = "yes"', "[learn] enabled: must be true or false, not str 'yes'"),
])
def test_wrong_learn_setting_types_name_the_file_and_key(runner, todo, tmp_path, toml, needle):
    (todo / "spf.toml").write_text(f"[learn]\n{toml}\n")
    result = runner.invoke(cli, ["generate", str(todo), "--out", str(tmp_path / "out"),
                                 "--no-verify"])
    assert_one_line_error(result, f"{todo / 'spf.toml'} {needle}")
    assert not (tmp_path / "out" / "todo").exists()


def test_user_config_is_validated_and_merged_under_the_project(todo, tmp_path, monkeypatch):
    from spf.errors import SpfError
    from spf.settings import load_settings

    config = tmp_path / "xdg" / "spf" / "config.toml"
    config.parent.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    config.write_text('[spf]\nbackend = "hf:models/mine"\nverify_timeout = 30\n')
    (todo / "spf.toml").write_text('[spf]\nbackend = "symbolic"\n')
    settings = load_settings(todo)
    assert (settings.backend, settings.verify_timeout) == ("symbolic", 30)
    config.write_text('[spf]\nout = "elsewhere"\n')  # paths belong to a project
    with pytest.raises(SpfError, match=r"config.toml \[spf\]: unknown setting 'out'"):
        load_settings(todo)


# ---------------------------------------------------------------- bad input silently accepted


def test_negative_verify_timeout_is_refused(runner, todo, tmp_path):
    result = runner.invoke(cli, ["generate", str(todo), "--verify-timeout", "-1", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 2 and "--verify-timeout" in result.output
    assert not (tmp_path / "out").exists()
    from spf.errors import SpfError
    from spf.pipeline import generate

    with pytest.raises(SpfError, match="verify_timeout must be > 0"):
        generate(todo, out=tmp_path / "out", verify_timeout=0)
    assert not (tmp_path / "out").exists()


def test_unknown_learn_method_is_refused(runner, todo, tmp_path):
    pytest.importorskip("torch")
    result = runner.invoke(cli, ["generate", str(todo), "--learn-method", "bogus", "--out",
                                 str(tmp_path / "out"), "--no-verify"])
    assert_one_line_error(result, "--learn-method: unknown repair method 'bogus'", "star")
    assert not (tmp_path / "out").exists()


def test_unknown_no_plugin_name_is_refused(runner, todo):
    result = runner.invoke(cli, ["--no-plugin", "nosuch", "plan", str(todo)])
    assert_one_line_error(result, "--no-plugin nosuch: no plugin is named 'nosuch'", "core")
    assert runner.invoke(cli, ["--no-plugin", "learn", "plan", str(todo)]).exit_code == 0


def test_cache_dir_that_is_a_file_is_refused(runner, todo, tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("")
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "afile"))
    result = runner.invoke(cli, ["generate", str(todo), "--out", str(tmp_path / "out"),
                                 "--no-verify"])
    assert_one_line_error(result, f"SPF_CACHE_DIR={tmp_path / 'afile'}", "not a folder")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["plan", "generate"])
@pytest.mark.parametrize("given", ["project", "project/spec.md"])
def test_spec_md_that_is_a_folder_is_named_once(runner, tmp_path, given, command):
    (tmp_path / "project" / "spec.md").mkdir(parents=True)
    result = runner.invoke(cli, [command, str(tmp_path / given)])
    line = assert_one_line_error(result, "spec.md is a folder, not a file")
    assert "spec.md/spec.md" not in line, line
    assert line.startswith(f"error: {tmp_path / 'project' / 'spec.md'}: "), line


# ---------------------------------------------------------------- locations


def test_cache_dir_follows_xdg_and_spf_cache_dir(monkeypatch, tmp_path):
    from spf import cache
    from spf.locations import cache_dir

    monkeypatch.delenv("SPF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "spf" == cache.default_cache_dir()
    monkeypatch.setenv("SPF_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("SPF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: ignore relative
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() in (tmp_path / "home" / ".cache" / "spf",)


# ---------------------------------------------------------------- logging


def test_verbose_logs_stage_progress_and_quiet_default_does_not(runner, todo, tmp_path):
    out = tmp_path / "out"
    quiet = runner.invoke(cli, ["generate", str(todo), "--out", str(out), "--no-verify", "-q"])
    assert quiet.exit_code == 0 and "spf: INFO" not in quiet.output
    verbose = runner.invoke(cli, ["-v", "generate", str(todo), "--out", str(out), "--no-verify",
                                  "-q"])
    assert verbose.exit_code == 0
    assert "spf: INFO: stage scaffold: started" in verbose.output
    assert "spf: INFO: stage write: done in" in verbose.output
    assert "spf: INFO: normalize_title: implemented by symbolic" in verbose.output
    assert "DEBUG" not in verbose.output
    debug = runner.invoke(cli, ["-vv", "plan", str(todo)])
    assert debug.exit_code == 0
    again = runner.invoke(cli, ["plan", str(todo)])  # the level resets with each invocation
    assert "spf: INFO" not in again.output


def test_shell_completion_lists_plugin_commands_and_options(todo):
    env = {**os.environ, "_SPF_COMPLETE": "bash_complete", "COMP_WORDS": "spf gen",
           "COMP_CWORD": "1"}
    done = subprocess.run([SPF], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.stdout.split() == ["plain,generate"]
    env.update(COMP_WORDS=f"spf generate {todo} --confl", COMP_CWORD="3")
    done = subprocess.run([SPF], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.stdout.split() == ["plain,--conflict"]


@pytest.mark.parametrize("args, needle", [
    (["model", "build-tiny", "/proc/spf-x"], "/proc/spf-x: the output folder is not writable"),
    (["repair", "m", "--cases", "cases.jsonl", "--out", "/proc/spf-x"],
     "/proc: the folder of the output is not writable"),
    (["patch", "apply", "m", "p.safetensors", "--out", "/proc/spf-x"], None),
    (["finetune", "m", "--data", "cases.jsonl", "--out", "/proc/spf-x"],
     "/proc/spf-x: the output folder is not writable"),
    (["inspect", "m", "--prompt", "x", "--plot", "/proc/spf-x.png"],
     "/proc: the folder of the plot file is not writable"),
    (["freeze-plan", "m", "--data", "cases.jsonl", "--plot", "/proc/spf-x.png"],
     "/proc: the folder of the plot file is not writable"),
])
def test_model_command_outputs_are_refused_before_loading(runner, tmp_path, monkeypatch, args,
                                                          needle):
    pytest.importorskip("torch")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases.jsonl").write_text('{"id": "a", "prompt": "def f(", "target": "x)"}\n')
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    if needle:
        assert_one_line_error(result, needle)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cases.jsonl"]
