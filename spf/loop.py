"""The generate-and-test loop: ask a backend for function bodies, keep the first that passes.

For one function (a ``FunctionTask`` built by the implement stage from the pyramid):

1. build the prompt the backend prefers: a completion prompt ending in the
   signature and docstring, chat messages, or the structured task itself (the
   symbolic synthesizer);
2. ask for ``k`` candidates (through the completion cache: a rerun asks nobody);
3. reject a candidate that does not parse, has no function of that name, changes
   the signature, is a stub, imports a module outside the safe standard-library
   set plus ``task.allowed_imports``, or calls ``eval``/``exec``/``__import__``;
4. run the function's examples in the sandbox (``spf.sandbox``: a contained subprocess
   with a timeout and resource limits, so an infinite loop, a memory bomb or an attempt
   to write outside its folder, spawn a process or open a socket is a rejection with
   the reason, not a hang or harm); keep the first candidate that passes;
5. otherwise retry with the first error in the prompt, up to ``max_attempts``.

Everything that happened is recorded in the ``ImplementResult``: attempts,
candidates examined, one reason per rejection, the final status and why.
"""

from __future__ import annotations

import ast
import json
import logging
import re
import textwrap
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from spf.backends import Backend, Prompt
from spf.cache import CompletionCache

logger = logging.getLogger(__name__)
from spf.sandbox import current_policy, run_python

# Standard-library modules a generated function may import without the project declaring them:
# pure computation only (no files, processes, network or interpreter internals).
SAFE_IMPORTS = frozenset({
    "math", "cmath", "re", "string", "itertools", "functools", "operator", "collections",
    "statistics", "decimal", "fractions", "datetime", "calendar", "json", "textwrap",
    "unicodedata", "heapq", "bisect", "copy", "enum", "typing", "dataclasses", "numbers",
    "difflib", "__future__",
})
FORBIDDEN_CALLS = frozenset({"eval", "exec", "compile", "__import__", "breakpoint", "input",
                             "globals", "locals", "vars"})
COMPLETION_STOPS = ["\ndef ", "\nclass ", "\nif __name__", "\n@", "\n#", "\nprint(", "\n```"]
CHAT_SYSTEM = ("You write Python functions. Reply with exactly one function definition in a "
               "```python code block: the given signature unchanged, a body that satisfies the "
               "requirement and every example, and no other text.")


@dataclass
class FunctionTask:
    """One function to implement, with everything a backend may use (contract 5)."""

    name: str                              # "normalize_title"
    params: list[tuple[str, str]]          # [("title", "str")]
    returns: str | None                    # "str"
    signature: str                         # "def normalize_title(title: str) -> str:"
    docstring: str                         # description from the spec
    requirement: str                       # the requirement text (heading + prose) for the prompt
    examples: list                         # spf.spec.model.Example objects
    context_source: str = ""               # source of what it may call (entities, other functions)
    allowed_imports: tuple[str, ...] = ()  # stdlib modules it may import beyond SAFE_IMPORTS
    trace: str = ""                        # "spec.md:14"


def task_from_function(function: Any, *, context_source: str = "",
                       allowed_imports: tuple[str, ...] = (), file: str | None = None) -> FunctionTask:
    """A ``FunctionTask`` for a Layer-1 ``Function`` (the CLI's and the tests' shortcut).

    The implement stage builds its own from the pyramid, with the entity context.
    """
    returns = function.returns.text if function.returns is not None else None
    span = function.span
    heading = span.text or f"## Function: {function.signature}"
    return FunctionTask(
        name=function.name,
        params=[(param.name, param.type.text) for param in function.params],
        returns=returns,
        signature=f"def {function.signature}:",
        docstring=" ".join((function.description or "").split()),
        requirement=f"{heading}\n{function.description}".strip(),
        examples=list(function.examples),
        context_source=context_source,
        allowed_imports=tuple(allowed_imports),
        trace=f"{file or span.file}:{span.line}")


@dataclass
class ImplementResult:
    """What the loop did for one function (contract 5; extra fields have defaults)."""

    status: str                  # "implemented" | "unimplemented"
    source: str | None           # the full `def ...:` function source when implemented
    backend: str                 # backend model_id
    attempts: int                # prompts sent (1 = first try)
    candidates: int              # candidates examined
    rejections: list[str]        # one short reason per rejected candidate
    reason: str | None           # why unimplemented
    seconds: float
    cache_hits: int = 0          # prompts answered from the completion cache
    accepted_attempt: int | None = None  # which attempt produced the accepted candidate
    violations: list[str] = field(default_factory=list)  # what the sandbox refused or stopped

    @property
    def body(self) -> str | None:
        """The accepted function's body (after its docstring), dedented; None if unimplemented."""
        if self.source is None:
            return None
        return function_body(self.source)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CandidateRejected(Exception):
    """A candidate failed a static check; ``str(error)`` is the short reason."""


class NoCandidates(Exception):
    """A backend has nothing to offer for this prompt, and says why.

    ``final=True`` means asking again cannot help (the symbolic synthesizer's
    search is deterministic), so the loop stops retrying.
    """

    def __init__(self, reason: str, *, final: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.final = final


# ---------------------------------------------------------------- prompts


def _example_lines(task: FunctionTask) -> list[str]:
    lines = []
    for example in task.examples:
        if getattr(example, "raises", None):
            lines.append(f">>> {example.call}")
            lines.append("Traceback (most recent call last):")
            lines.append(f"{example.raises}")
        else:
            lines.append(f">>> {example.call}")
            lines.append(f"{example.expected}")
    return lines


def _docstring_block(task: FunctionTask, with_examples: bool = True) -> str:
    text = (task.docstring or "").strip().replace('"""', "'''")
    lines = text.splitlines() or [""]
    if with_examples and task.examples:
        lines += [""] + _example_lines(task)
    elif len(lines) == 1:
        return f'    """{lines[0]}"""\n'
    body = "\n".join(("    " + line) if line.strip() else "" for line in lines)
    return f'    """{body.lstrip()}\n    """\n'


def _signature_line(task: FunctionTask) -> str:
    signature = task.signature.strip()
    if not signature.startswith("def "):
        signature = "def " + signature
    if not signature.endswith(":"):
        signature += ":"
    return signature


def _strip_future(source: str) -> str:
    return "\n".join(line for line in source.splitlines()
                     if not line.startswith("from __future__ import"))


def _commented(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.strip().splitlines())


def build_prompt(task: FunctionTask, style: str = "completion",
                 feedback: tuple[str, str] | None = None) -> Prompt:
    """The prompt for ``task`` in a backend's preferred ``style``.

    ``feedback`` is ``(previous candidate source, its error)`` on a retry. Every
    prompt carries the completion text and the task; chat prompts add messages.
    """
    requirement = task.requirement.strip() or task.docstring.strip()
    context = _strip_future(task.context_source).strip()
    imports = sorted(set(task.allowed_imports))
    where = f" ({task.trace})" if task.trace else ""
    parts = [f"# Implement the function at the end of this file. Requirement{where}:",
             _commented(requirement)]
    if imports:
        parts.append(f"# It may import: {', '.join(imports)} (and pure standard-library modules).")
    if context:
        parts.append("# It may use these definitions:\n" + context)
    if feedback is not None:
        previous, error = feedback
        parts.append("# A previous attempt failed with: " + " ".join(error.split()) + "\n"
                     + _commented(previous))
    text = "\n\n".join(parts) + "\n\n\n" + _signature_line(task) + "\n" + _docstring_block(task)
    prompt = Prompt(text=text, stop=list(COMPLETION_STOPS), task=task)
    if style == "chat":
        user = [f"Requirement{' (' + task.trace + ')' if task.trace else ''}:\n{requirement}",
                "Write this function:\n```python\n" + _signature_line(task) + "\n"
                + _docstring_block(task) + "    ...\n```"]
        if context:
            user.append("It may use these definitions (already defined, do not repeat them):\n"
                        "```python\n" + context + "\n```")
        allowed = sorted(SAFE_IMPORTS - {"__future__"} | set(imports))
        user.append("Allowed imports: " + ", ".join(allowed) + ".")
        if feedback is not None:
            previous, error = feedback
            user.append("Your previous answer:\n```python\n" + previous.strip() + "\n```\n"
                        "failed: " + error + "\nFix it.")
        prompt.system = CHAT_SYSTEM
        prompt.messages = [{"role": "system", "content": CHAT_SYSTEM},
                           {"role": "user", "content": "\n\n".join(user)}]
        prompt.stop = []
    return prompt


# ---------------------------------------------------------------- candidate post-processing


_FENCE = re.compile(r"```[ \t]*(?:python|py|python3)?[ \t]*\n(.*?)(?:```|\Z)", re.DOTALL | re.IGNORECASE)


def apply_stops(text: str, stops: list[str]) -> str:
    """Cut ``text`` at the first stop sequence (backends may ignore them)."""
    cut = len(text)
    for stop in stops:
        position = text.find(stop)
        if position != -1:
            cut = min(cut, position)
    return text[:cut]


def extract_function(text: str, task: FunctionTask, *, stops: list[str] | None = None) -> str:
    """The candidate function's full source from a backend's raw text.

    Handles a chat reply (the fenced block that defines the function), a complete
    ``def`` (with module-level imports before it, moved into the body), and a bare
    completion that continues the prompt's signature and docstring.
    """
    blocks = _FENCE.findall(text)
    if blocks:
        defining = [block for block in blocks if re.search(rf"\bdef\s+{task.name}\s*\(", block)]
        text = (defining or blocks)[0]
    match = re.search(rf"^([ \t]*)def\s+{re.escape(task.name)}\s*\(", text, re.MULTILINE)
    if match is not None:
        prefix = text[:match.start()]
        imports = [line.strip() for line in prefix.splitlines()
                   if re.match(r"\s*(import|from)\s+\w", line)]
        rest = textwrap.dedent(text[match.start():])
        lines = rest.splitlines()
        kept = [lines[0]]
        for line in lines[1:]:
            if line.strip() and not line[0].isspace():
                break  # the next top-level statement ends the function
            kept.append(line)
        source = "\n".join(kept).rstrip() + "\n"
        return _hoist_imports(source, imports)
    # A completion: the text continues after the docstring with an indented body.
    body_text = apply_stops(text, stops or COMPLETION_STOPS)
    kept = []
    for line in body_text.splitlines():
        if line.strip() and not line[0].isspace():
            break
        kept.append(line)
    body = textwrap.dedent("\n".join(kept)).strip("\n")
    if not body.strip():
        raise CandidateRejected("empty completion")
    return (_signature_line(task) + "\n" + _docstring_block(task, with_examples=False)
            + textwrap.indent(body, "    ") + "\n")


def _hoist_imports(source: str, imports: list[str]) -> str:
    """Put module-level imports that preceded the function inside its body."""
    if not imports:
        return source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # the syntax check reports it
    function = tree.body[0]
    lines = source.splitlines()
    first = function.body[0]
    if _is_docstring(first) and len(function.body) > 1:
        first = function.body[1]
    indent = " " * first.col_offset
    insert_at = first.lineno - 1
    return "\n".join(lines[:insert_at] + [indent + line for line in imports]
                     + lines[insert_at:]) + "\n"


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and \
        isinstance(node.value.value, str)


def _signature_parts(function: ast.FunctionDef) -> str:
    copy = ast.FunctionDef(name=function.name, args=function.args, body=[ast.Pass()],
                           decorator_list=[], returns=function.returns, type_comment=None,
                           **({"type_params": []} if hasattr(function, "type_params") else {}))
    return ast.unparse(ast.fix_missing_locations(ast.Module(body=[copy], type_ignores=[])))


def check_candidate(source: str, task: FunctionTask) -> str:
    """Static checks; returns the normalized function source or raises ``CandidateRejected``.

    The normalized source has the task's exact signature line and docstring and the
    candidate's body statements.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise CandidateRejected(f"syntax error: {error.msg} (line {error.lineno})") from None
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                 and node.name == task.name]
    if not functions:
        raise CandidateRejected(f"no function named {task.name}")
    function = functions[0]
    expected = ast.parse(_signature_line(task) + "\n    pass\n").body[0]
    if _signature_parts(function) != _signature_parts(expected):
        got = _signature_parts(function).splitlines()[0]
        raise CandidateRejected(f"signature changed: {got}")
    allowed = SAFE_IMPORTS | set(task.allowed_imports)
    for node in ast.walk(function):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in allowed:
                    raise CandidateRejected(f"forbidden import: {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            if node.level or module not in allowed:
                raise CandidateRejected(f"forbidden import: {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in FORBIDDEN_CALLS:
            raise CandidateRejected(f"forbidden call: {node.func.id}()")
    statements = function.body[1:] if _is_docstring(function.body[0]) else function.body
    if not statements or all(_is_stub(statement) for statement in statements):
        raise CandidateRejected("stub body (pass, ... or NotImplementedError)")
    lines = source.splitlines()
    body_lines = lines[statements[0].lineno - 1:function.end_lineno]
    body = textwrap.dedent("\n".join(body_lines)).strip("\n")
    return (_signature_line(task) + "\n" + _docstring_block(task, with_examples=False)
            + textwrap.indent(body, "    ") + "\n")


def _is_stub(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True  # `...` or a stray string
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        target = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(target, ast.Name) and target.id == "NotImplementedError"
    return False


def function_body(source: str) -> str:
    """The statements after the signature and docstring of a one-function source, dedented."""
    tree = ast.parse(source)
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    statements = function.body[1:] if _is_docstring(function.body[0]) and \
        len(function.body) > 1 else function.body
    lines = source.splitlines()
    return textwrap.dedent("\n".join(lines[statements[0].lineno - 1:function.end_lineno])) \
        .strip("\n") + "\n"


# ---------------------------------------------------------------- running the examples


SANDBOX_PREFIX = "sandbox: "  # a rejection the sandbox caused: "sandbox: spawned a process ..."
_RESULT_MARK = "@@spf-result@@"
_START_MARK = "@@spf-start@@"

_RUNNER = '''
import json, sys
EXAMPLES = json.loads({examples!r})
def _describe(value):
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
try:
    import _spf_candidate as _module
except BaseException as error:
    print({result!r} + json.dumps({{"error": "cannot import the candidate: "
                                  + type(error).__name__ + ": " + str(error)[:200]}}))
    sys.exit(0)
_namespace = dict(vars(_module))
failures = []
for index, (call, expected, raises) in enumerate(EXAMPLES, 1):
    print({start!r} + str(index), flush=True)
    try:
        actual = eval(call, _namespace)
    except BaseException as error:
        names = [cls.__name__ for cls in type(error).__mro__]
        if raises is not None and raises.split(".")[-1] in names:
            continue
        failures.append("example %d failed: %s raised %s: %s"
                        % (index, call, type(error).__name__, str(error)[:200]))
        continue
    if raises is not None:
        failures.append("example %d failed: %s returned %s, expected %s"
                        % (index, call, _describe(actual), raises))
        continue
    try:
        wanted = eval(expected, _namespace)
        same = bool(actual == wanted)
    except BaseException as error:
        failures.append("example %d cannot be checked: %s" % (index, error))
        continue
    if not same:
        failures.append("example %d failed: %s returned %s, expected %s"
                        % (index, call, _describe(actual), _describe(wanted)))
print({result!r} + json.dumps({{"failures": failures}}))
'''


def candidate_module(source: str, task: FunctionTask) -> str:
    """The module the examples run against: the context, then the candidate."""
    context = _strip_future(task.context_source).strip()
    parts = ["from __future__ import annotations"]
    if context:
        parts.append(context)
    parts.append(source.strip())
    return "\n\n\n".join(parts) + "\n"


def run_examples(source: str, task: FunctionTask, *, timeout: float = 10.0,
                 cache: CompletionCache | None = None) -> str | None:
    """Run ``task``'s examples against ``source`` in the sandbox; the first error, or None."""
    module = candidate_module(source, task)
    examples = [[example.call, example.expected, example.raises] for example in task.examples]
    policy = current_policy()
    key = cache.verdict_key(module, examples, timeout, sandbox=[policy.mode, policy.limits]) \
        if cache is not None else None
    if cache is not None:
        entry = cache.get("verdicts", key)
        if entry is not None and "error" in entry:
            return entry["error"]
    runner = _RUNNER.format(examples=json.dumps(examples), result=_RESULT_MARK, start=_START_MARK)
    outcome = run_python(runner, timeout=timeout, files={"_spf_candidate.py": module})
    if outcome.violation is not None and not outcome.violation.startswith("timed out"):
        error = SANDBOX_PREFIX + outcome.violation
        if cache is not None:
            cache.put("verdicts", key, {"error": error})
        return error
    if outcome.timed_out:
        started = [line[len(_START_MARK):] for line in outcome.stdout.splitlines()
                   if line.startswith(_START_MARK)]
        where = f" on example {started[-1]}" if started else ""
        return f"timed out after {timeout:g} s{where} (an infinite loop?)"
    result_lines = [line for line in outcome.stdout.splitlines() if line.startswith(_RESULT_MARK)]
    if not result_lines:
        tail = (outcome.stderr.strip().splitlines() or ["no output"])[-1]
        error = f"the example runner crashed (exit status {outcome.returncode}): {tail[:200]}"
    else:
        report = json.loads(result_lines[-1][len(_RESULT_MARK):])
        if "error" in report:
            error = report["error"]
        else:
            error = report["failures"][0] if report["failures"] else None
    if cache is not None:
        cache.put("verdicts", key, {"error": error})
    return error


# ---------------------------------------------------------------- the loop


def _resolve_cache(cache: Any) -> CompletionCache | None:
    if cache is False:
        return None
    if cache is None or cache is True:
        return CompletionCache()
    if isinstance(cache, CompletionCache):
        return cache
    return CompletionCache(cache)  # a folder


def implement_function(task: FunctionTask, backend: Backend, *, k: int = 4, max_attempts: int = 3,
                       cache: Any = None, timeout: float = 10.0,
                       check: Any = None) -> ImplementResult:
    """Generate, check and test candidates for ``task`` until one passes (contract 5).

    ``cache``: None uses the default on-disk cache (``$SPF_CACHE_DIR``), a
    ``CompletionCache`` or a folder uses that one, ``False`` disables caching.
    ``check(source) -> error or None`` replaces running the examples (a command's
    candidates run the spec's command-line cases instead).
    """
    if k < 1 or max_attempts < 1:
        raise ValueError("k and max_attempts must be at least 1")
    started = time.perf_counter()
    store = _resolve_cache(cache)
    style = getattr(backend, "prompt_style", "completion")
    rejections: list[str] = []
    examined = 0
    attempts = 0
    cache_hits = 0
    feedback: tuple[str, str] | None = None
    seen_sources: set[str] = set()
    reason: str | None = None

    def result(status: str, source: str | None, why: str | None,
               accepted: int | None = None) -> ImplementResult:
        logger.info("%s: %s by %s after %d attempt(s), %d candidate(s), %d cache hit(s)%s",
                    task.name, status, backend.model_id, attempts, examined, cache_hits,
                    f" ({why})" if why else "")
        return ImplementResult(status=status, source=source, backend=backend.model_id,
                               attempts=attempts, candidates=examined, rejections=rejections,
                               reason=why, seconds=round(time.perf_counter() - started, 4),
                               cache_hits=cache_hits, accepted_attempt=accepted,
                               violations=[reason.removeprefix(SANDBOX_PREFIX)
                                           for reason in rejections
                                           if reason.startswith((SANDBOX_PREFIX, "timed out"))])

    for attempt in range(1, max_attempts + 1):
        prompt = build_prompt(task, style, feedback)
        attempts = attempt
        texts, no_candidates_reason, final, from_cache = _ask(backend, prompt, k, attempt - 1,
                                                              store)
        cache_hits += from_cache
        if not texts:
            reason = no_candidates_reason or "the backend returned no candidates"
            if final:
                break
            continue
        for text in texts:
            examined += 1
            try:
                raw = extract_function(text, task, stops=prompt.stop)
                source = check_candidate(raw, task)
            except CandidateRejected as rejection:
                logger.debug("%s: candidate rejected: %s", task.name, rejection)
                rejections.append(str(rejection))
                feedback = (text.strip()[:2000] or "(empty)", str(rejection))
                continue
            if source in seen_sources:
                rejections.append("duplicate of an earlier candidate")
                continue
            seen_sources.add(source)
            error = check(source) if check is not None else \
                run_examples(source, task, timeout=timeout, cache=store)
            if error is None:
                return result("implemented", source, None, accepted=attempt)
            logger.debug("%s: candidate failed its examples: %s", task.name, error)
            rejections.append(error)
            feedback = (source, error)
        reason = None
    if rejections:
        summary = (f"no candidate passed after {attempts} attempt(s) and {examined} "
                   f"candidate(s); last rejection: {rejections[-1]}")
        reason = f"{summary}; then: {reason}" if reason else summary
    return result("unimplemented", None, reason or "the backend returned no candidates")


def _ask(backend: Backend, prompt: Prompt, n: int, seed: int, store: CompletionCache | None):
    """``(texts, no-candidates reason, final, from_cache)``: through the cache when possible."""
    key = store.completion_key(backend, prompt, n=n, seed=seed) if store is not None else None
    if store is not None:
        entry = store.get_completion(key)
        if entry is not None:
            return (list(entry.get("candidates") or []), entry.get("reason"),
                    bool(entry.get("final")), True)
    started = time.perf_counter()
    try:
        texts = [str(text) for text in backend.generate(prompt, n=n, seed=seed)]
        reason, final = None, False
    except NoCandidates as nothing:
        texts, reason, final = [], nothing.reason, nothing.final
    if store is not None:
        store.put_completion(key, texts, reason=reason, final=final, backend=backend.model_id,
                             seconds=time.perf_counter() - started)
    return texts, reason, final, False
