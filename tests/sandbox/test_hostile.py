"""Hostile candidates: each is contained, reported as a rejection, and harms nothing.

Through the real generate-and-test loop (a real OpenAI-compatible server on
localhost answers with the hostile body first and an honest one second: the loop
must reject the first with the sandbox's reason and accept the second), and
through verify as generated tests. The ``canary`` fixture checks after each test
that a canary tree and a fake home are byte-for-byte unchanged, that nothing
appeared beside the sandbox folder and that no process carrying the test's token
is alive.
"""

from __future__ import annotations

import sys
import tempfile
import textwrap

import pytest

from spf import sandbox
from spf.backends import get_backend
from spf.loop import FunctionTask, implement_function
from spf.spec.model import Example, Span

OS = '__builtins__["__import__"]("os")'  # gets past the loop's static import check

# name -> (body lines run before `return n * 2`, what the rejection must say)
HOSTILE = {
    "write_absolute": ('open("{tree}/pwned.txt", "w").write("x")',
                       "tried to open {tree}/pwned.txt for writing"),
    "write_dotdot": ('open("../pwned-{token}.txt", "w").write("x")',
                     "/pwned-{token}.txt for writing"),
    "write_symlink": (f'{OS}.symlink("{{tree}}/a.txt", "link")\nopen("link", "w").write("x")',
                      "tried to open {tree}/a.txt for writing"),
    "sqlite_outside": (('__builtins__["__import__"]("sqlite3").connect("{tree}/evil.db")'
                       '.execute("create table t (x)")'),
                       "tried to open {tree}/evil.db as a database"),
    "dir_fd": (f'folder = {OS}.open("/usr", 0)\n{OS}.open("x", 65, dir_fd=folder)',
               "opened the folder /usr (outside the sandbox)"),
    "read_home": ('n = n + 0 * len(open("{home}/secret.txt").read())',
                  "tried to read {home}/secret.txt (outside the sandbox)"),
    "os_system": (f'{OS}.system("sleep 30 # {{token}}")', "spawned a process (os.system)"),
    "survivor": (('__builtins__["__import__"]("subprocess").Popen('
                 '["sh", "-c", "sleep 30; : {token}"], start_new_session=True)'),
                 "spawned a process (subprocess)"),
    "fork_bomb": (f"while True:\n    {OS}.fork()", "spawned a process (os.fork)"),
    "memory_bomb": ("hog = bytes(2 ** 40)",
                    "exceeded 256 MiB of memory"),
    "big_file": ('open("big", "wb").write(b"x" * (64 * 2 ** 20))',
                 "exceeded the 4 MiB file size limit"),
    "fill_disk": ('for i in range(64):\n    open(f"fill{{i}}", "wb").write(b"x" * 2 ** 20)',
                  "wrote more than 8 MiB to its folder"),
    "socket": ('__builtins__["__import__"]("socket").socket().connect(("127.0.0.1", {port}))',
               "opened a socket"),
    "infinite_loop": ("while True:\n    pass", "timed out after 2 s on example 1"),
    "million_lines": ('for i in range(1_000_000):\n    print("line", i)',
                      "printed more than 1 MiB of output"),
    "delete_parent": ('__builtins__["__import__"]("shutil").rmtree("..")', "tried to delete /"),
}

# The ones verify meets as generated tests in one pytest run (each test fails, the run goes on).
VERIFIED = ("write_absolute", "write_dotdot", "write_symlink", "sqlite_outside", "dir_fd",
            "read_home", "os_system", "survivor", "fork_bomb", "socket", "delete_parent",
            "memory_bomb")

HONEST = "```python\ndef double(n: int) -> int:\n    return n * 2\n```"


def double_task() -> FunctionTask:
    span = Span("spec.md", 3, text="## Function: double(n: int) -> int")
    return FunctionTask(
        name="double", params=[("n", "int")], returns="int",
        signature="def double(n: int) -> int:", docstring="Twice n.",
        requirement="## Function: double(n: int) -> int\nTwice n.",
        examples=[Example("double(2)", "4", None, span), Example("double(0)", "0", None, span)],
        trace="spec.md:3")


def fill(text: str, canary: dict, port: int) -> str:
    return text.format(tree=canary["tree"], home=canary["home"], token=canary["token"],
                       port=port)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_loop_rejects_a_hostile_candidate_and_moves_on(name, mode, canary, scripted):
    server, base_url = scripted
    port = int(base_url.rsplit(":", 1)[1].split("/")[0])
    body, expected = (fill(text, canary, port) for text in HOSTILE[name])
    hostile = ("```python\ndef double(n: int) -> int:\n" + textwrap.indent(body, "    ")
               + "\n    return n * 2\n```")
    server.replies = [hostile, HONEST]
    backend = get_backend("openai:scripted", {"base_url": base_url, "endpoint": "chat",
                                              "retries": 0})
    result = implement_function(double_task(), backend, k=2, max_attempts=1, cache=False,
                                timeout=2.0)
    print(f"[{mode}] {name}: {result.rejections}")
    assert result.candidates == 2 and len(result.rejections) == 1
    assert expected in result.rejections[0], result.rejections
    assert result.violations and expected in result.violations[0]
    assert result.status == "implemented" and "return n * 2" in result.source  # it moved on


def test_a_candidate_that_swallows_the_refusal_is_still_rejected(mode, canary, scripted):
    server, base_url = scripted
    hostile = ("def double(n: int) -> int:\n    try:\n"
               f"        {OS}.system('true')\n    except BaseException:\n        pass\n"
               "    return n * 2\n")
    server.replies = [hostile]
    backend = get_backend("openai:scripted", {"base_url": base_url, "endpoint": "chat"})
    result = implement_function(double_task(), backend, k=1, max_attempts=1, cache=False,
                                timeout=2.0)
    assert result.status == "unimplemented"
    assert result.rejections == ["sandbox: spawned a process (os.system)"]


def hostile_tests(canary: dict, port: int) -> str:
    """A generated test file whose every test tries one refused thing."""
    tests = {name: HOSTILE[name] for name in VERIFIED}
    parts = ["import os\nimport shutil\nimport socket\nimport subprocess\n"]
    for name, (body, _) in tests.items():
        code = fill(body, canary, port).replace(OS, "os")
        parts.append(f"def test_{name}():\n    n = 1\n" + textwrap.indent(code, "    ") + "\n")
    parts.append("def test_honest(tmp_path):\n    (tmp_path / 'x').write_text('ok')\n"
                 "    assert (tmp_path / 'x').read_text() == 'ok'\n")
    return "\n\n".join(parts)


def test_verify_contains_hostile_generated_tests(mode, canary, scripted):
    from spf_plugins.stages.verify import run_generated_tests

    _, base_url = scripted
    port = int(base_url.rsplit(":", 1)[1].split("/")[0])
    files = {"tests/test_hostile.py": hostile_tests(canary, port)}
    report = run_generated_tests(files, timeout=60)
    print(f"[{mode}] verify: {report}")
    assert report["ok"] is False and not report["timed_out"]
    assert "spf sandbox: refused" in report["output"]
    failed = " ".join(report["failures"])
    for name in VERIFIED:
        assert f"test_{name}" in failed
    assert "test_honest" not in failed  # pytest itself, tmp_path and the folder still work


@pytest.mark.parametrize("name", ["infinite_loop", "million_lines", "fill_disk"])
def test_verify_stops_a_generated_test_that_runs_away(name, strongest_mode, canary):
    from spf_plugins.stages.verify import run_generated_tests

    body = fill(HOSTILE[name][0], canary, 0)
    if name == "million_lines":  # in one write: printing line by line under capture is slow
        body = 'import sys\nsys.stdout.write("x\\n" * 1_000_000)'
    files = {"tests/test_runaway.py": "def test_runaway():\n" + textwrap.indent(body, "    ")}
    report = run_generated_tests(files, timeout=3 if name == "infinite_loop" else 60)
    print(f"[{strongest_mode}] verify {name}: {report['returncode']} {report['timed_out']}")
    assert report["timed_out"] is (name == "infinite_loop")
    if name == "million_lines":  # pytest captures the lines in memory (bounded): nothing floods spf
        assert len(report["output"]) <= 6000
    else:
        assert report["ok"] is False


def test_a_process_that_escapes_the_group_does_not_outlive_the_run(mode, canary):
    """Without the guard (a shell, not Python): the PID namespace or the marker scan."""
    token = canary["token"]
    script = f"setsid sh -c 'sleep 30; : {token}' </dev/null >/dev/null 2>&1 & sleep 0.5; echo started"
    with tempfile.TemporaryDirectory() as work:
        result = sandbox.run(["/bin/sh", "-c", script], cwd=work, timeout=10,
                             env=sandbox.scrubbed_environment({"SPF_TEST_TOKEN": token}))
    assert result.stdout.strip() == "started"
    if mode == "basic":  # no PID namespace: found by its marker, killed and reported
        assert result.violation == "left 2 process(es) running after it ended (killed)"  # sh, sleep
    else:  # the PID namespace died with its first process, taking the sleeper along
        assert result.violation is None and result.kind == "bwrap"
    # the canary fixture checks that no process with the token is alive


@pytest.mark.skipif("bwrap" not in sandbox.available_kinds(),
                    reason="bubblewrap (bwrap) is not available: this checks its own layer")
def test_bubblewrap_alone_contains_code_that_gets_past_the_guard(canary, scripted, tmp_path):
    """``python -S`` skips the guard: the read-only file system and the network cut remain."""
    _, base_url = scripted
    port = int(base_url.rsplit(":", 1)[1].split("/")[0])
    work = tmp_path / "work"  # its siblings (the canary tree, the home) are hidden too
    work.mkdir()
    code = textwrap.dedent(f"""
        import os, socket
        for target in ["{canary['tree']}/pwned.txt", "../pwned-{canary['token']}",
                       "{canary['home']}/new.txt"]:
            try:
                open(target, "w").write("x")
                print("WROTE", target)
            except OSError as error:
                print("refused", error.errno)
        try:
            print("READ", open("{canary['home']}/secret.txt").read())
        except OSError as error:
            print("hidden", error.errno)
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=2)
            print("CONNECTED")
        except OSError as error:
            print("offline", error.errno)
        open("inside.txt", "w").write("fine")
        print("inside", open("inside.txt").read())
        """)
    policy = sandbox.SandboxPolicy(mode="strict", limits=sandbox.SandboxLimits())
    with sandbox.sandbox_policy(policy):
        result = sandbox.run([sys.executable, "-S", "-c", code], cwd=work, timeout=20)
    assert result.kind == "bwrap" and result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["refused 2", "refused 30", "refused 30"]  # hidden: ENOENT; EROFS
    assert lines[3] == "hidden 2"  # the home is an empty, read-only tmpfs: ENOENT
    assert lines[4].startswith("offline")
    assert lines[5] == "inside fine"
