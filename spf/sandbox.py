"""Running generated and model-written code, contained.

The verify stage (the generated project's pytest run) and the generate-and-test
loop (every candidate body a backend proposes, run against its examples) go
through ``run``. Every run gets, whatever the machine:

- its own session and process group; on timeout, interrupt or exit the whole group
  is killed, and (without a PID namespace) any process still carrying the run's
  marker is found in /proc and killed: no process outlives the run;
- resource limits (CPU time, address space, file size, open files, processes), a
  cap on the output and on what it writes to its folder (``SandboxLimits``,
  ``[spf.sandbox]`` in spf.toml);
- its working folder (``cwd``) as the only writable place: it is HOME and TMPDIR
  (the XDG folders inside it); a scrubbed environment (no credentials, no proxies);
- a guard inside the child (``spf/_guard/sitecustomize.py``): an audit hook that
  refuses process creation, sockets, ctypes and writes outside the folder, so
  ``__import__("os").system(...)`` is refused even when the loop's static check
  misses it.

Where the machine has one, an operating-system sandbox is the boundary:

- ``bwrap`` (bubblewrap): the whole file system read-only, the real home and the
  folder's siblings hidden, no network (own network namespace), own PID namespace;
- ``unshare`` (util-linux, when bubblewrap is missing): no network, own PID
  namespace; the file system is only guarded by the audit hook;
- ``basic``: the containment above without namespaces.

``--sandbox auto`` (the default) takes the strongest available and says once, on
stderr and in the report, when that is not bubblewrap; ``strict`` refuses to run
without bubblewrap; ``basic`` skips the namespaces. A refused action is a result,
not a crash: ``SandboxResult.violation`` says what happened ("tried to open /etc/x
for writing", "spawned a process (os.system)", "exceeded 64 MiB of memory",
"timed out after 1 s").
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from spf.errors import SpfError

# Variables a child keeps; everything else (tokens, keys, proxies) is dropped.
# HOME, TMPDIR and the XDG folders are set by ``run`` to folders inside the run's folder.
KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "TZ")
MODES = ("auto", "strict", "basic")
KINDS = ("bwrap", "unshare", "basic")
GUARD_FOLDER = Path(__file__).parent / "_guard"
MIB = 1024 * 1024


@dataclass(frozen=True)
class SandboxLimits:
    """Per-run limits (``[spf.sandbox]`` in spf.toml); each is documented in docs/generate.md."""

    cpu_seconds: int = 120     # CPU time of each process (SIGXCPU, then SIGKILL)
    memory_mb: int = 1024      # address space of each process (allocations fail: MemoryError)
    file_size_mb: int = 64     # largest file it may write
    open_files: int = 256      # file descriptors per process
    processes: int = 64        # processes beyond those the user already runs (not for root)
    disk_mb: int = 256         # everything it writes to its folder, together
    output_mb: int = 8         # stdout and stderr, each

    def child_spec(self) -> str:
        """The ``SPF_SANDBOX_LIMITS`` value the guard reads: cpu, as, fsize, nofile, nproc."""
        # RLIMIT_NPROC counts all the user's processes, and the kernel ignores it for root.
        processes = None if os.name != "posix" or os.getuid() == 0 else \
            _user_processes() + self.processes
        values = [self.cpu_seconds, self.memory_mb * MIB, self.file_size_mb * MIB,
                  self.open_files, processes]
        return ",".join("-" if value is None else str(int(value)) for value in values)


@dataclass(frozen=True)
class SandboxPolicy:
    """How runs are contained: the requested mode and the limits."""

    mode: str = "auto"
    limits: SandboxLimits = field(default_factory=SandboxLimits)


@dataclass
class SandboxResult:
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool
    seconds: float
    violation: str | None = None  # what the sandbox refused or stopped, in words
    kind: str = "basic"           # the containment it ran under: bwrap | unshare | basic

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.violation is None


@dataclass(frozen=True)
class Containment:
    """What a policy resolves to on this machine: the kind and, for a fallback, why."""

    mode: str
    kind: str
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_POLICY: contextvars.ContextVar[SandboxPolicy | None] = contextvars.ContextVar(
    "spf_sandbox_policy", default=None)
_PROCESS_POLICY: list[SandboxPolicy] = []  # the same for threads (a ContextVar is per thread)
_AVAILABLE: list[str] | None = None
_NOTICED: set[str] = set()

NOTICES = {
    "unshare": "sandbox: bubblewrap (bwrap) is not available here; generated code runs in "
               "Linux namespaces through unshare (no network, no surviving processes), but the "
               "file system is only guarded by spf's audit hook and resource limits, not made "
               "read-only (install bubblewrap, or run spf in a container; see docs/generate.md)",
    "basic": "sandbox: no operating-system sandbox (bubblewrap or unshare) works here; "
             "generated code runs with resource limits, a private folder, a process group and "
             "spf's audit hook only, which is not a security boundary (install bubblewrap, or "
             "run spf in a container; see docs/generate.md)",
}


# ---------------------------------------------------------------- policy and detection


def limits_from_settings(table: dict[str, Any], location: str | None = None) -> SandboxPolicy:
    """A ``SandboxPolicy`` from spf.toml's ``[spf.sandbox]`` table, checked."""
    known = {item.name for item in fields(SandboxLimits)} | {"mode"}
    unknown = set(table) - known
    if unknown:
        raise SpfError(f"unknown sandbox setting {min(unknown)!r}", location=location,
                       hint=f"known: {', '.join(sorted(known))}")
    mode = table.get("mode", "auto")
    check_mode(mode, location)
    values = {}
    for name, value in table.items():
        if name == "mode":
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SpfError(f"sandbox setting {name!r} must be a whole number of at least 1, "
                           f"not {value!r}", location=location)
        values[name] = value
    return SandboxPolicy(mode=mode, limits=SandboxLimits(**values))


def check_mode(mode: Any, location: str | None = None) -> str:
    if mode not in MODES:
        raise SpfError(f"unknown sandbox mode {mode!r}", location=location,
                       hint="auto (the strongest available), strict (bubblewrap or fail) or basic")
    return mode


def available_kinds() -> list[str]:
    """The containments that work on this machine, strongest first (probed once)."""
    global _AVAILABLE
    if _AVAILABLE is None:
        found = []
        if sys.platform.startswith("linux"):
            probes = {
                "bwrap": [shutil.which("bwrap") or "bwrap", "--ro-bind", "/", "/",
                          "--unshare-all", "--die-with-parent", "--", "/bin/true"],
                "unshare": [shutil.which("unshare") or "unshare", *_UNSHARE_FLAGS, "/bin/true"],
            }
            for kind, argv in probes.items():
                try:
                    done = subprocess.run(argv, capture_output=True, timeout=10, check=False)
                except (OSError, subprocess.SubprocessError):
                    continue
                if done.returncode == 0:
                    found.append(kind)
        found.append("basic")
        _AVAILABLE = found
    return list(_AVAILABLE)


def resolve(mode: str = "auto", *, announce: bool = True) -> Containment:
    """The containment ``mode`` gets here; strict without bubblewrap is an ``SpfError``.

    A fallback in auto mode is said once per process on stderr (``announce``).
    """
    check_mode(mode)
    if mode == "basic":
        return Containment(mode, "basic")
    kinds = available_kinds()
    if mode == "strict":
        if "bwrap" not in kinds:
            raise SpfError("--sandbox strict needs bubblewrap (bwrap), which is not installed or "
                           "cannot create namespaces here",
                           hint="apt-get install bubblewrap, or --sandbox auto to fall back")
        return Containment(mode, "bwrap")
    kind = kinds[0]
    notice = NOTICES.get(kind)
    if notice and announce and kind not in _NOTICED:
        _NOTICED.add(kind)
        print(f"spf: {notice}", file=sys.stderr)
    return Containment(mode, kind, notice)


def current_policy() -> SandboxPolicy:
    """The policy ``sandbox_policy`` set for this block; auto with the default limits outside."""
    return _POLICY.get() or (_PROCESS_POLICY[-1] if _PROCESS_POLICY else SandboxPolicy())


@contextlib.contextmanager
def sandbox_policy(policy: SandboxPolicy) -> Iterator[Containment]:
    """Run the block with ``policy`` for every ``run``; yields what it resolved to."""
    containment = resolve(policy.mode)  # strict fails here, before anything runs
    token = _POLICY.set(policy)
    _PROCESS_POLICY.append(policy)  # worker threads (the implement stage's --jobs) see it too
    try:
        yield containment
    finally:
        _PROCESS_POLICY.remove(policy)
        _POLICY.reset(token)


# ---------------------------------------------------------------- running


def scrubbed_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A minimal environment: no credentials, no proxies, no user site-packages, offline hubs."""
    environment = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    environment.update({
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONHASHSEED": "0",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "NO_PROXY": "*",
    })
    if extra:
        environment.update(extra)
    return environment


def run(argv: list[str], *, cwd: str | Path, timeout: float = 60.0,
        env: dict[str, str] | None = None, stdin: str | None = None,
        python_children: bool = True) -> SandboxResult:
    """Run ``argv`` contained (see the module docstring), with ``cwd`` its only writable folder.

    ``env`` is the child's environment before the sandbox's own variables (HOME,
    TMPDIR, XDG_*, the guard on PYTHONPATH) are set; default ``scrubbed_environment()``.
    The folder of a report named by ``--junit-xml=/abs/path`` in ``argv`` is writable too.
    ``python_children``: the child may start this same interpreter (guarded in turn, with
    the guard's variables kept: generated tests run the generated CLI that way); any other
    process is refused. ``run_python`` (candidate code) allows none.
    """
    policy = current_policy()
    kind = resolve(policy.mode).kind
    limits = policy.limits
    root = os.path.realpath(cwd)
    hidden = _hidden_folders(root)
    visible = _visible_folders(hidden, argv)
    reports = _report_folders(argv)
    environment = _child_environment(env, root, hidden, visible, limits)
    environment["SPF_SANDBOX_WRITABLE"] = os.pathsep.join(reports)
    environment["SPF_SANDBOX_PYTHON"] = "1" if python_children else "0"
    marker = environment["SPF_SANDBOX_RUN"]
    read_end, write_end = os.pipe()
    environment["SPF_SANDBOX_FD"] = str(write_end)
    command = _wrap(kind, list(argv), root, hidden, visible, reports)
    start = time.perf_counter()
    try:
        with contextlib.nullcontext() if stdin is None else tempfile.TemporaryFile() \
                as stdin_file:
            if stdin is not None:
                stdin_file.write(stdin.encode("utf-8"))
                stdin_file.seek(0)
            process = subprocess.Popen(
                command, cwd=root, env=environment,
                stdin=stdin_file if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(write_end,),
                start_new_session=True)
    except OSError as error:
        os.close(read_end)
        raise SpfError(f"cannot start {command[0]}: {error.strerror or error}",
                       location=str(cwd)) from error
    finally:
        os.close(write_end)
    try:
        watched = _watch(process, read_end, root, timeout, limits)
    except BaseException:
        _kill(process)
        raise
    finally:
        os.close(read_end)
    stdout, stderr, violation, timed_out = watched
    _kill(process)
    # Every process still carrying the run's marker (started after the child: PIDs grow
    # until they wrap) is killed, and run returns only once they are gone. With a PID
    # namespace these are only the dying remains of a killed run (the namespace empties
    # when its first process ends); without one, a process that left the group.
    survivors = _kill_marked(marker, process.pid)
    returncode = None if timed_out else process.returncode
    out = stdout.decode("utf-8", "replace")
    err = stderr.decode("utf-8", "replace")
    if kind == "bwrap" and returncode == 1 and err.startswith("bwrap:"):
        raise SpfError(f"the bubblewrap sandbox could not start: {err.strip().splitlines()[0]}",
                       hint="--sandbox basic runs without it")
    if violation is None and survivors and kind == "basic":
        violation = f"left {survivors} process(es) running after it ended (killed)"
    if violation is None:
        violation = _limit_hit(returncode, out, err, limits)
    return SandboxResult(returncode, out, err, timed_out, time.perf_counter() - start,
                         violation=violation, kind=kind)


def run_python(code: str, *, timeout: float = 10.0, files: dict[str, str] | None = None) -> SandboxResult:
    """Run a Python snippet in a fresh temporary folder holding ``files`` (relative path -> text)."""
    with tempfile.TemporaryDirectory(prefix="spf-sandbox-") as folder:
        for relative, text in (files or {}).items():
            target = Path(folder) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        script = Path(folder) / "_spf_snippet.py"
        script.write_text(code, encoding="utf-8")
        return run([sys.executable, str(script)], cwd=folder, timeout=timeout,
                   env=scrubbed_environment({"PYTHONPATH": folder}), python_children=False)


def copy_tree(source: str | Path, destination: str | Path) -> Path:
    """Copy a generated project into ``destination`` (ignoring caches and .spf state)."""
    ignore = shutil.ignore_patterns(".spf", "__pycache__", ".pytest_cache", "*.egg-info", ".venv")
    shutil.copytree(source, destination, ignore=ignore, dirs_exist_ok=True)
    return Path(destination)


# ---------------------------------------------------------------- the pieces of run


_UNSHARE_FLAGS = ("--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child",
                  "--mount-proc", "--ipc", "--uts", "--")


def _hidden_folders(root: str) -> tuple[str, ...]:
    """Folders the child may not read: the real home and the run folder's siblings."""
    home = os.path.realpath(os.path.expanduser("~"))
    hidden = []
    for path in (home, os.path.dirname(root)):
        if path not in ("", "/") and os.path.isdir(path) and not _inside(path, root) \
                and path not in hidden:
            hidden.append(path)
    return tuple(sorted(hidden, key=len))


def _visible_folders(hidden: tuple[str, ...], argv: list[str]) -> tuple[str, ...]:
    """What under a hidden folder the child still needs: the interpreter, its libraries."""
    program = argv[0] if argv and os.path.isabs(argv[0]) else None
    return _visible_for(hidden, program, tuple(sys.path))


@functools.lru_cache(maxsize=64)
def _visible_for(hidden: tuple[str, ...], program: str | None,
                 search_path: tuple[str, ...]) -> tuple[str, ...]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             str(GUARD_FOLDER), os.path.dirname(os.path.realpath(sys.executable))}
    paths.update(entry for entry in search_path if entry)
    if program is not None:
        paths.add(os.path.dirname(os.path.realpath(program)))
    visible = set()
    for path in paths:
        real = os.path.realpath(path)
        if not os.path.isdir(real):
            continue
        if any(_inside(real, folder) and real != folder for folder in hidden):
            visible.add(real)
    # Keep the outermost of nested folders.
    return tuple(sorted(path for path in visible
                        if not any(other != path and _inside(path, other) for other in visible)))


def _child_environment(env: dict[str, str] | None, root: str, hidden: tuple[str, ...],
                       visible: tuple[str, ...], limits: SandboxLimits) -> dict[str, str]:
    environment = dict(scrubbed_environment() if env is None else env)
    home = temp = root  # the folder itself: no extra folders to make and remove per run
    python_path = [str(GUARD_FOLDER)] + [entry for entry in
                                         environment.get("PYTHONPATH", "").split(os.pathsep) if entry]
    environment.update({
        "HOME": home, "USERPROFILE": home, "TMPDIR": temp, "TEMP": temp, "TMP": temp,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "XDG_STATE_HOME": os.path.join(home, ".local", "state"),
        "XDG_RUNTIME_DIR": temp,
        "PYTHONPATH": os.pathsep.join(python_path),
        "SPF_SANDBOX_ROOT": root,
        "SPF_SANDBOX_HIDDEN": os.pathsep.join(hidden),
        "SPF_SANDBOX_VISIBLE": os.pathsep.join(visible),
        "SPF_SANDBOX_LIMITS": limits.child_spec(),
        "SPF_SANDBOX_RUN": secrets.token_hex(8),
    })
    return environment


def _report_folders(argv: list[str]) -> tuple[str, ...]:
    """Folders of report files named on the command line (pytest's ``--junit-xml=PATH``):
    writable too, so a caller may keep its report outside the run's folder."""
    folders = []
    for argument in argv:
        for option in ("--junit-xml=", "--junitxml="):
            if argument.startswith(option) and os.path.isabs(argument[len(option):]):
                folder = os.path.realpath(os.path.dirname(argument[len(option):]))
                if os.path.isdir(folder) and folder not in folders and folder != "/":
                    folders.append(folder)
    return tuple(folders)


def _wrap(kind: str, argv: list[str], root: str, hidden: tuple[str, ...],
          visible: tuple[str, ...], reports: tuple[str, ...] = ()) -> list[str]:
    if kind == "unshare":
        return [shutil.which("unshare") or "unshare", *_UNSHARE_FLAGS, *argv]
    if kind != "bwrap":
        return argv
    command = [shutil.which("bwrap") or "bwrap", "--ro-bind", "/", "/",
               "--dev", "/dev", "--remount-ro", "/dev", "--proc", "/proc"]
    for folder in hidden:
        command += ["--tmpfs", folder]
    for folder in visible:
        command += ["--ro-bind", folder, folder]
    command += ["--bind", root, root]
    for folder in reports:
        command += ["--bind", folder, folder]
    for folder in hidden:
        command += ["--remount-ro", folder]
    command += ["--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
                "--chdir", root, "--", *argv]
    return command


def _watch(process: subprocess.Popen, violations_fd: int, root: str, timeout: float,
           limits: SandboxLimits) -> tuple[bytes, bytes, str | None, bool]:
    """Read the child's output and violations until it ends; enforce timeout, output, disk."""
    selector = selectors.DefaultSelector()
    buffers = {"stdout": bytearray(), "stderr": bytearray(), "violations": bytearray()}
    selector.register(process.stdout, selectors.EVENT_READ, "stdout")
    selector.register(process.stderr, selectors.EVENT_READ, "stderr")
    os.set_blocking(violations_fd, False)
    selector.register(violations_fd, selectors.EVENT_READ, "violations")
    deadline = time.monotonic() + timeout
    next_disk_check = time.monotonic() + 0.1
    output_cap = limits.output_mb * MIB
    violation = None
    timed_out = False
    open_streams = 2
    try:
        while True:
            now = time.monotonic()
            if now >= deadline:
                timed_out = True
                violation = f"timed out after {timeout:g} s"
                break
            events = selector.select(timeout=min(0.1, deadline - now))
            for key, _ in events:
                fd = key.fileobj if isinstance(key.fileobj, int) else key.fileobj.fileno()
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    selector.unregister(key.fileobj)
                    if key.data != "violations":
                        open_streams -= 1
                    continue
                buffer = buffers[key.data]
                if len(buffer) < output_cap:
                    buffer += chunk[:output_cap - len(buffer)]
                elif key.data != "violations":
                    violation = f"printed more than {limits.output_mb} MiB of output"
            if violation is not None:  # a limit the parent enforces: stop the run now
                break
            if time.monotonic() >= next_disk_check:
                next_disk_check = time.monotonic() + 0.1
                if _disk_usage(root) > limits.disk_mb * MIB:
                    violation = f"wrote more than {limits.disk_mb} MiB to its folder"
                    break
            if open_streams == 0:
                if not _exited(process, deadline):
                    timed_out = True
                    violation = f"timed out after {timeout:g} s"
                break
        if violation is not None:
            _kill(process)
        # What is still in the pipes (the child is gone or killed).
        for key in list(selector.get_map().values()):
            fd = key.fileobj if isinstance(key.fileobj, int) else key.fileobj.fileno()
            os.set_blocking(fd, False)
            with contextlib.suppress(OSError):
                chunk = os.read(fd, 65536)
                buffer = buffers[key.data]
                buffer += chunk[:max(0, output_cap - len(buffer))]
    finally:
        selector.close()
        process.stdout.close()
        process.stderr.close()
    if violation is None and _disk_usage(root) > limits.disk_mb * MIB:  # wrote it all quickly
        violation = f"wrote more than {limits.disk_mb} MiB to its folder"
    if buffers["violations"]:  # the guard's refusals come first: they say what it tried
        violation = buffers["violations"].decode("utf-8", "replace").splitlines()[0]
    return bytes(buffers["stdout"]), bytes(buffers["stderr"]), violation, timed_out


def _exited(process: subprocess.Popen, deadline: float) -> bool:
    """Wait until the child has exited, without reaping it (so its group id stays its own)."""
    if not hasattr(os, "waitid"):  # not on every Unix: reap it, then
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return False
        return True
    while True:
        try:
            if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG):
                return True
        except ChildProcessError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def _kill(process: subprocess.Popen) -> None:
    """Kill the run's whole process group (its session) and reap the child."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.wait()


def _kill_marked(marker: str, first_pid: int = 0, patience: float = 2.0) -> int:
    """Kill every live process (from ``first_pid`` on) whose environment carries ``marker``
    and wait, up to ``patience`` seconds, until none is left; how many there were."""
    if not os.path.isdir("/proc"):
        return 0
    needle = f"SPF_SANDBOX_RUN={marker}".encode()
    deadline = time.monotonic() + patience
    first = None
    while True:
        alive = []
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) < first_pid:
                continue
            try:
                with open(f"/proc/{name}/environ", "rb") as handle:
                    if needle in handle.read():  # empty for a zombie: already dead
                        alive.append(int(name))
            except OSError:
                continue
        if first is None:
            first = len(alive)
        if not alive or time.monotonic() >= deadline:
            return first
        for pid in alive:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _disk_usage(root: str) -> int:
    total = 0
    for folder, _, files in os.walk(root):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def _limit_hit(returncode: int | None, stdout: str, stderr: str, limits: SandboxLimits) -> str | None:
    """A resource limit the child ran into, read from how it ended."""
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL) and returncode is not None:
        return f"exceeded {limits.cpu_seconds} s of CPU time" if returncode == -signal.SIGXCPU \
            else "was killed (SIGKILL)"
    if "MemoryError" in stdout or "MemoryError" in stderr:
        return f"exceeded {limits.memory_mb} MiB of memory"
    if "File too large" in stdout or "File too large" in stderr:
        return f"exceeded the {limits.file_size_mb} MiB file size limit"
    return None


def _user_processes() -> int:
    """How many processes and threads this user runs now (RLIMIT_NPROC counts them all)."""
    if not os.path.isdir("/proc"):
        return 0
    uid = os.getuid()
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            with contextlib.suppress(OSError):
                if os.stat(f"/proc/{name}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{name}/task"))
    return count


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
