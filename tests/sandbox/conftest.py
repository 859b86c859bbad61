"""Fixtures for the hostile-code suite: a canary tree, a fake home, a scripted model server.

Every test runs under tight limits (256 MiB, 8 MiB of disk, 1 MiB of output, 1 s)
so the suite stays fast; the modes it runs in are printed in pytest's header and
named in every test id (``basic`` always; ``strict``, i.e. bubblewrap, where it works).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import pytest

from spf import sandbox

TIGHT = sandbox.SandboxLimits(cpu_seconds=5, memory_mb=256, file_size_mb=4, open_files=64,
                              processes=32, disk_mb=8, output_mb=1)


def modes_line() -> str:
    kinds = sandbox.available_kinds()
    modes = "basic and strict (bubblewrap)" if "bwrap" in kinds else \
        "basic only (strict tests skip: bubblewrap is not available)"
    return f"spf sandbox: available {', '.join(kinds)}; tests/sandbox ran in {modes}"


def pytest_report_header(config):
    return modes_line()  # shown when pytest starts in tests/sandbox


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(modes_line())  # shown however pytest was started


MODES = [
    "basic",
    pytest.param("strict", marks=pytest.mark.skipif(
        "bwrap" not in sandbox.available_kinds(),
        reason="bubblewrap (bwrap) is not installed or cannot create namespaces here; "
               "the strict mode is tested where it is (apt-get install bubblewrap)")),
]


@pytest.fixture(params=MODES)
def mode(request):
    """The sandbox mode under test, with the tight limits in force."""
    with sandbox.sandbox_policy(sandbox.SandboxPolicy(mode=request.param, limits=TIGHT)) as how:
        assert how.kind == ("bwrap" if request.param == "strict" else "basic")
        yield request.param


@pytest.fixture
def strongest_mode():
    """The strongest mode this machine has (strict where bubblewrap works), tight limits.

    For checks whose containment is the parent's (timeouts, disk, output), which do
    not depend on the mode: run once, not per mode.
    """
    name = "strict" if "bwrap" in sandbox.available_kinds() else "basic"
    with sandbox.sandbox_policy(sandbox.SandboxPolicy(mode=name, limits=TIGHT)):
        yield name


def tree_digest(root: Path) -> str:
    """A hash of every path, link target, mode and file content under ``root``."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(folders + files):
            path = Path(folder) / name
            info = path.lstat()
            digest.update(f"{path.relative_to(root)}|{info.st_mode:o}".encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def canary(tmp_path, monkeypatch):
    """A canary tree and a fake real home (HOME points there); unchanged at the end."""
    tree = tmp_path / "canary"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("canary a\n")
    (tree / "sub" / "b.txt").write_text("canary b\n")
    home = tmp_path / "home"
    home.mkdir()
    (home / "secret.txt").write_text("the user's secret\n")
    monkeypatch.setenv("HOME", str(home))
    parent_listing = sorted(os.listdir(tempfile_parent()))
    before = tree_digest(tree) + tree_digest(home)
    token = secrets.token_hex(6)
    yield {"tree": tree.resolve(), "home": home.resolve(), "token": token}
    assert tree_digest(tree) + tree_digest(home) == before, "something outside the folder changed"
    assert not [name for name in os.listdir(tempfile_parent())
                if name not in parent_listing and token in name], "a file appeared beside it"
    assert processes_with(token) == [], "a process outlived the run"


def tempfile_parent() -> str:
    import tempfile

    return tempfile.gettempdir()


def processes_with(token: str) -> list[int]:
    """Live processes whose command line or environment mentions ``token``."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
            if stat.rsplit(")", 1)[-1].split()[0] == "Z":
                continue  # a zombie is already dead
            text = Path(f"/proc/{name}/cmdline").read_bytes() + \
                Path(f"/proc/{name}/environ").read_bytes()
        except OSError:
            continue
        if token.encode() in text:
            found.append(int(name))
    return found


class ScriptedServer:
    """An OpenAI-compatible chat endpoint that answers every request with ``replies``."""

    def __init__(self):
        self.replies: list[str] = []
        self.requests: list[dict] = []

    def app(self):
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        async def chat(request: Request):
            body = await request.json()
            self.requests.append(body)
            return JSONResponse({"choices": [
                {"index": index, "message": {"role": "assistant", "content": text}}
                for index, text in enumerate(self.replies[:body.get("n", 1)])]})

        return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])


@pytest.fixture(scope="module")
def scripted():
    """``(server, base_url)``: a real uvicorn server on localhost in a thread."""
    from spf.serving import serve_in_thread

    server = ScriptedServer()
    with serve_in_thread(server.app()) as base_url:
        yield server, base_url


@pytest.fixture(name="processes_with")
def processes_with_fixture():
    """``processes_with(token)``: live processes that mention ``token``."""
    return processes_with


@pytest.fixture
def no_os_sandbox(monkeypatch):
    """Pretend this machine has no bubblewrap and no unshare (only basic containment)."""
    monkeypatch.setattr(sandbox, "_AVAILABLE", ["basic"])
    monkeypatch.setattr(sandbox, "_NOTICED", set())
