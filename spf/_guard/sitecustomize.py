"""spf's in-child guard: resource limits and an audit hook, loaded before any other code.

``spf.sandbox.run`` puts this folder first on the child's ``PYTHONPATH``, so Python
imports it at start-up (``site`` imports ``sitecustomize``). It reads its settings
from ``SPF_SANDBOX_*`` variables, sets the resource limits (soft = hard), then
installs a ``sys.addaudithook`` hook that refuses, for everything that runs after it:

- opening, creating, renaming, deleting or changing a path outside the working
  folder for writing (symlinks and ``..`` resolved first);
- reading or listing a path under a hidden folder (the user's real home) other
  than the interpreter's own folders;
- creating processes (``os.system``, ``subprocess``, ``os.fork``, ``os.exec*``,
  ``os.posix_spawn``, ``pty``, the ``_posixsubprocess`` primitive), sending signals
  to other processes, opening sockets, loading native code with ``ctypes``,
  raising resource limits, and walking the garbage collector (to reach this hook).

A refusal is written to the violation pipe (so the parent rejects the run even
when the code catches the exception) and raised as ``PermissionError``.

This is defence in depth, not the boundary: Python's audit hooks can be defeated
by code that patches the functions they rely on. The operating-system sandbox
(bubblewrap) is the boundary where it exists. Standard library only.
"""

import os
import sys


def _python_child(args, env, root, guard_folder, python):
    """Whether a ``subprocess.Popen`` starts this interpreter with the guard kept on."""
    import os

    program = args[0] if args else None
    if isinstance(args, (str, bytes)) or program is None:
        return False
    try:
        if os.path.realpath(os.fsdecode(program)) != python:
            return False
    except (TypeError, ValueError):
        return False
    for argument in list(args)[1:]:
        argument = os.fsdecode(argument)
        if argument in ("-m", "-c") or not argument.startswith("-") or argument == "-":
            break
        if not argument.startswith("--") and any(flag in argument[1:] for flag in "SIE"):
            return False  # -S (no site), -I / -E (no PYTHONPATH): no guard
    if env is None:
        return True
    search = os.fsdecode(env.get("PYTHONPATH", env.get(b"PYTHONPATH", ""))).split(os.pathsep)
    return os.fsdecode(env.get("SPF_SANDBOX_ROOT", env.get(b"SPF_SANDBOX_ROOT", ""))) == root \
        and guard_folder in search


def _install_hook(root, hidden, visible, fd, posixsubprocess, writable=(), pythons=False):
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    spawning = {
        "os.system": "os.system", "subprocess.Popen": "subprocess", "os.fork": "os.fork",
        "os.forkpty": "os.forkpty", "os.exec": "os.exec", "os.posix_spawn": "os.posix_spawn",
        "os.spawn": "os.spawn", "os.startfile": "os.startfile", "pty.spawn": "pty.spawn",
    }
    changing = {
        "os.remove": "delete", "os.rmdir": "delete", "shutil.rmtree": "delete",
        "os.mkdir": "create", "os.rename": "rename", "os.symlink": "create a link at",
        "os.link": "create a link at", "os.chmod": "change", "os.chown": "change",
        "os.utime": "change", "os.truncate": "change", "os.chflags": "change",
        "os.setxattr": "change", "os.removexattr": "change", "os.lchflags": "change",
    }
    refused = {
        "socket.__new__": "opened a socket", "socket.connect": "opened a socket",
        "socket.bind": "opened a socket", "socket.getaddrinfo": "opened a socket (a name lookup)",
        "ctypes.dlopen": "loaded native code (ctypes)",
        "ctypes.dlsym": "loaded native code (ctypes)",
        "ctypes.call_function": "called native code (ctypes)",
        "resource.setrlimit": "changed its resource limits",
        "resource.prlimit": "changed its resource limits",
        "gc.get_objects": "walked the interpreter's objects (gc)",
        "gc.get_referrers": "walked the interpreter's objects (gc)",
        "gc.get_referents": "walked the interpreter's objects (gc)",
        "sqlite3.enable_load_extension": "loaded native code (sqlite3 extension)",
        "sqlite3.load_extension": "loaded native code (sqlite3 extension)",
    }
    dir_fd_at = {"os.remove": 1, "os.rmdir": 1, "shutil.rmtree": 1, "os.mkdir": 2,
                 "os.chmod": 2, "os.chown": 3, "os.utime": 3}
    watched = frozenset(spawning) | frozenset(changing) | frozenset(refused) | frozenset(
        {"open", "os.listdir", "os.scandir", "os.kill", "os.killpg", "signal.pthread_kill",
         "import", "object.__setattr__", "sqlite3.connect"})
    own_pid = os.getpid()
    permits = []
    original = posixsubprocess.fork_exec
    raw_root = os.environ.get("SPF_SANDBOX_ROOT", "")
    guard_folder = os.path.dirname(os.path.abspath(__file__))
    python = os.path.realpath(sys.executable)

    def guard(event, args, watched=watched, spawning=spawning, changing=changing,
              refused=refused, dir_fd_at=dir_fd_at, root=root, hidden=hidden, visible=visible,
              fd=fd, writable=writable, pythons=pythons, permits=permits,
              python_child=_python_child, raw_root=raw_root, guard_folder=guard_folder,
              python=python,
              write_flags=write_flags, own_pid=own_pid, realpath=os.path.realpath,
              fspath=os.fsdecode, write=os.write, readlink=os.readlink, join=os.path.join,
              getpid=os.getpid, isdir=os.path.isdir, isinstance=isinstance, str=str,
              bytes=bytes, int=int):
        if event not in watched:
            return

        def resolve(path, dir_fd=None):
            try:
                if isinstance(path, int):
                    return realpath(readlink(f"/proc/self/fd/{path}"))
                path = fspath(path)
                if isinstance(dir_fd, int) and dir_fd >= 0 and not path.startswith("/"):
                    path = join(readlink(f"/proc/self/fd/{dir_fd}"), path)
            except OSError:
                return None  # an already-open descriptor: what opened it was checked
            return realpath(path)

        def inside(path, folder):
            return path == folder or path.startswith(folder.rstrip("/") + "/")

        def refuse(reason):
            try:
                write(fd, (reason.replace("\n", " ") + "\n").encode("utf-8", "replace"))
            except OSError:
                pass
            raise PermissionError(f"spf sandbox: refused: {reason}")

        def check_write(path, dir_fd=None, verb="open", suffix=" for writing"):
            if path in ("/dev/null", b"/dev/null"):
                return
            where = resolve(path, dir_fd)
            if where is not None and not inside(where, root) and \
                    not any(inside(where, folder) for folder in writable):
                refuse(f"tried to {verb} {where}{suffix}")

        def check_read(path, dir_fd=None):
            if not hidden or isinstance(path, int):
                return
            where = resolve(path, dir_fd)
            for folder in hidden if where is not None else ():
                if inside(where, folder) and not inside(where, root) and \
                        not any(inside(where, seen) for seen in visible + writable):
                    refuse(f"tried to read {where} (outside the sandbox)")

        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            if path is None or isinstance(path, int):
                return
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                (isinstance(flags, int) and flags & write_flags)
            if writes:
                check_write(path)
            else:
                check_read(path)
                if mode is None:  # os.open: a folder's descriptor would let dir_fd= write there
                    where = resolve(path)
                    if where is not None and not inside(where, root) and isdir(where):
                        refuse(f"opened the folder {where} (outside the sandbox)")
        elif event == "sqlite3.connect":
            database = args[0] if args else None
            if database is not None and fspath(database) not in (":memory:", ""):
                check_write(database, None, "open", " as a database")
        elif event in changing:
            verb = changing[event]
            if event in ("os.rename", "os.link"):
                check_write(args[0], args[2] if len(args) > 2 else None, verb, "")
                check_write(args[1], args[3] if len(args) > 3 else None, verb, "")
            elif event == "os.symlink":
                check_write(args[1], args[2] if len(args) > 2 else None, verb, "")
            elif event == "os.truncate" and isinstance(args[0], int):
                check_write(args[0], None, verb, "")
            else:
                at = dir_fd_at.get(event)
                dir_fd = args[at] if at is not None and len(args) > at else None
                check_write(args[0], dir_fd, verb, "")
        elif event in ("os.listdir", "os.scandir"):
            if args and args[0] is not None:
                check_read(args[0])
        elif event in spawning:
            if event == "subprocess.Popen" and pythons and \
                    python_child(args[1], args[3], raw_root, guard_folder, python):
                permits.append(1)  # fork_exec below may run once
                return
            refuse(f"spawned a process ({spawning[event]})")
        elif event in ("os.kill", "os.killpg", "signal.pthread_kill"):
            if event == "os.kill" and args[0] == getpid():
                return
            if event == "signal.pthread_kill":
                return  # a thread of this process
            refuse(f"sent a signal to process {args[0]}")
        elif event == "import":
            if args[0] == "_posixsubprocess":
                refuse("spawned a process (_posixsubprocess)")
        elif event == "object.__setattr__":
            if args[0] is guard:
                refuse("tried to change the sandbox's guard")
        else:
            refuse(refused[event])

    def fork_exec(*args, **kwargs):
        if permits:
            permits.pop()
            return original(*args, **kwargs)
        guard("subprocess.Popen", (None, None, None, None))

    sys.addaudithook(guard)
    posixsubprocess.fork_exec = fork_exec
    if "subprocess" in sys.modules:  # imported by a .pth file before us: it holds the original
        sys.modules["subprocess"]._fork_exec = fork_exec


def _install():
    environ = os.environ
    root = environ.get("SPF_SANDBOX_ROOT")
    if not root:
        return
    import resource

    limits = environ.get("SPF_SANDBOX_LIMITS", "")
    names = ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_NPROC")
    for name, text in zip(names, limits.split(",")):
        if text and text != "-" and hasattr(resource, name):
            value = int(text)
            hard = value + 1 if name == "RLIMIT_CPU" else value  # SIGXCPU at soft, SIGKILL at hard
            try:
                resource.setrlimit(getattr(resource, name), (value, hard))
            except (ValueError, OSError):
                pass  # a limit above the current hard limit stays at the hard limit
    fd = int(environ.get("SPF_SANDBOX_FD", "-1"))
    split = environ.get("SPF_SANDBOX_HIDDEN", "")
    hidden = tuple(path for path in split.split(os.pathsep) if path)
    visible = tuple(path for path in environ.get("SPF_SANDBOX_VISIBLE", "").split(os.pathsep)
                    if path)
    import _posixsubprocess  # imported now (and wrapped below) so a later import is refused

    writable = tuple(os.path.realpath(path) for path in
                     environ.get("SPF_SANDBOX_WRITABLE", "").split(os.pathsep) if path)
    pythons = environ.get("SPF_SANDBOX_PYTHON") == "1"  # may start this interpreter, guarded
    _install_hook(os.path.realpath(root), hidden, visible, fd, _posixsubprocess, writable,
                  pythons)


try:
    _install()
except BaseException as error:  # noqa: BLE001 -- fail closed: no guard, no run
    os.write(2, f"spf sandbox: the guard could not start: {error!r}\n".encode())
    os._exit(70)
