"""The example-driven synthesizer: from a function's signature, description and examples to code.

Search order, smallest program first:

1. a single expression over the parameters, the constants and the library
   (``" ".join(title.split())``), enumerated bottom-up by size (see ``search``),
   including f-string templates read off the examples (``f"{index}. {title}"``; with
   computed numbers, plurals and signs from ``formats``: ``f"{minutes // 60}h{minutes % 60:02d}"``)
   and accumulation loops rendered as statements (counting, running totals, grouping);
2. the same with *raise guards* in front when some examples expect an error and
   the expression does not raise it by itself (``if not scores: raise ValueError``);
3. a chain of early-return guards when no single expression fits
   (``if score >= 90: return "A"`` ...), whose thresholds and results the
   description names (see ``constants`` for why only those);
4. when nothing above fits, a code's shape, an amount in pieces or a number in mixed units
   learned from the examples themselves, the words only ranking what they leave open
   (see ``inferred``).

Everything runs in-process on the example values with the library's own
operations; nothing the user wrote is executed here. The caller (the
generate-and-test loop) still verifies the chosen program in the sandbox.
"""

from __future__ import annotations

import ast
import operator
import re
import time
from dataclasses import dataclass, field
from typing import Any

from spf.synthesis.constants import (
    constant_pool,
    format_templates,
    output_constants,
    stated_numbers,
)
from spf.synthesis.formats import format_programs
from spf.synthesis.idioms import evaluate, idiom_candidates, same_word
from spf.synthesis.inferred import (
    code_shapes,
    counted_letters,
    counted_phrases,
    mixed_units,
    piecewise_amounts,
)
from spf.synthesis.library import COMPARISONS, STRICT_COMPARISONS, library_for
from spf.synthesis.patterns import month_shape, read_required_shape, read_shape, read_words
from spf.synthesis.rules import read_bands, read_points_tables, read_product_set, read_rules
from spf.synthesis.search import (
    Bank,
    BudgetExhausted,
    Clock,
    ComprehensionGenerator,
    SearchDone,
    render_constant,
)
from spf.synthesis.terms import ATOM, COMPARE, NOT, TERNARY, Term, kind_of
from spf.synthesis.values import (
    Case,
    ExampleError,
    Raised,
    build_cases,
    context_classes,
    parameter_defaults,
    parse_signature,
    satisfies,
)


@dataclass
class Budget:
    """How hard the synthesizer tries before it reports failure."""

    milliseconds: int = 20_000   # wall-clock safety net per function (load-dependent)
    max_programs: int = 200_000  # candidate programs evaluated: the limit that binds, so a
    # result does not depend on how busy the machine is (the same spec, the same program)
    max_size: int = 12           # largest expression size tried
    body_size: int = 5           # largest comprehension body / predicate size
    extra_programs: int = 3000   # after the first solution, how long to look for alternatives

    def __post_init__(self) -> None:
        for name in ("milliseconds", "max_programs", "max_size", "body_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"budget {name} must be at least 1")


@dataclass
class Program:
    """A solution: raise guards, then return guards, then the default expression."""

    raise_guards: list[tuple[Term, str]]
    branches: list[tuple[Term, Term]]
    default: Term

    @property
    def size(self) -> int:
        return (self.default.size
                + sum(predicate.size + 1 for predicate, _ in self.raise_guards)
                + sum(predicate.size + term.size + 1 for predicate, term in self.branches))


@dataclass
class SynthesisResult:
    sources: list[str]                 # full ``def`` sources, best first
    reason: str | None                 # why nothing was found (None when found)
    explored: int                      # candidate programs evaluated
    seconds: float
    sizes: list[int] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.sources)


# The level at which a format template larger than this joins the enumeration.
FORMAT_LEVEL = 5

# The predicates a chain of early-return guards may test: comparisons with stated constants.
GUARD_OPERATIONS = frozenset(COMPARISONS) | {"is_multiple"}


class _Search:
    """One synthesis run: the bank, the goal checks, the solutions found so far."""

    MAX_MATCHES_PER_CASE = 40
    MAX_PREDICATES = 4000
    # Guards are tried once single expressions up to this size have failed: a
    # chain of ifs is a worse answer than a short expression.
    DECISION_LIST_LEVEL = 5
    BRANCH_TERM_SIZE = 2

    def __init__(self, task, cases: list[Case], budget: Budget, wanted: int, clock: Clock):
        self.task = task
        self.cases = cases
        self.budget = budget
        self.wanted = wanted
        self.clock = clock
        self.normal = [index for index, case in enumerate(cases) if not case.is_error]
        self.errors = [index for index, case in enumerate(cases) if case.is_error]
        self.solutions: list[Program] = []
        self.rendered: set[str] = set()
        self.pending: list[Term] = []              # solve every normal case, need raise guards
        self.matches: dict[int, list[Term]] = {index: [] for index in self.normal}
        self.predicates: list[Term] = []
        self.best_partial: tuple[int, int, Term] | None = None  # (matched, -size, term)
        self.rounding: list[Term] = []                 # near misses that round: see _rounded_half_up
        self.ever_matched: set[int] = set()            # normal examples some term satisfies
        self.outputs: list[Term] = []                  # constant results the description names
        self.deferred: list[Program] = []              # solutions kept only as a last resort
        self.return_guards: dict[tuple, tuple[int, Term | None]] = {}  # failing -> (scanned, found)
        self.stated_numbers = [number for number in stated_numbers(task.docstring or "")
                               if number not in (0, 1)] \
            if all(isinstance(case.expected, bool) for case in cases if not case.is_error) else []

    # ---------------------------------------------------------------- goal checks

    def on_term(self, term: Term) -> None:
        values = term.values
        matched = [index for index in self.normal if satisfies(values[index], self.cases[index])]
        self.ever_matched.update(matched)
        if len(matched) == len(self.normal):
            self._complete(term)
        elif matched and self.outputs and term.raises:
            self._guard_raising(term, matched)
        if matched and len(matched) < len(self.normal):
            score = (len(matched), -term.size)
            if self.best_partial is None or score > self.best_partial[:2]:
                self.best_partial = (*score, term)
            if 2 * len(matched) >= len(self.normal) and len(self.rounding) < 40 and ROUNDS.search(term.source):
                self.rounding.append(term)
        if term.size <= 4 and not term.lets:
            for index in matched:
                bucket = self.matches[index]
                if len(bucket) < self.MAX_MATCHES_PER_CASE:
                    bucket.append(term)
        if term.kind == "bool" and term.size <= self.budget.body_size + 1 and not term.lets \
                and len(self.predicates) < self.MAX_PREDICATES:
            self.predicates.append(term)

    def _guard_raising(self, term: Term, matched: list[int]) -> None:
        """A term right wherever it does not raise, and a value the description names where it
        does (``0.0 for no points``): ``if not points: return 0.0`` in front of it."""
        failing = [index for index in self.normal if index not in matched]
        if not all(isinstance(term.values[index], Raised) for index in failing):
            return
        results = [output for output in self.outputs
                   if all(satisfies(output.values[index], self.cases[index]) for index in failing)]
        if not results:
            return
        # Predicates are scanned once per set of failing examples (incrementally as the
        # bank grows), so many raising terms cost no more than one scan each.
        key = tuple(failing)
        scanned, found = self.return_guards.get(key, (0, None))
        if found is None:
            for predicate in self.predicates[scanned:]:
                values = predicate.values
                if predicate.trusted and predicate.variables and \
                        all(values[index] is True for index in failing) and \
                        all(values[index] is False for index in self.normal
                            if index not in failing):
                    found = predicate
                    break
            self.return_guards[key] = (len(self.predicates), found)
        if found is not None:
            self._complete_with(term, [(found, results[0])])

    def _complete_with(self, term: Term, branches: list[tuple[Term, Term]]) -> None:
        program = Program([], branches, term)
        if self.errors:
            guards = self._raise_guards(list(self.errors))
            if guards is None:
                return
            program.raise_guards = guards
        self._add(program)

    def _complete(self, term: Term) -> None:
        unmet = [index for index in self.errors
                 if not satisfies(term.values[index], self.cases[index])]
        if not unmet:
            self._add(Program([], [], term))
            return
        guards = self._raise_guards(unmet)
        if guards is None:
            self.pending.append(term)
        else:
            self._add(Program(guards, [], term))

    def _raise_guards(self, unmet: list[int]) -> list[tuple[Term, str]] | None:
        """For each error name, the best predicate true exactly on its raising examples.

        Best: smallest, then one using a constant the description states ("a zero
        whole" gives ``whole == 0``), then a strict comparison (``low > high``:
        errors are usually a strict violation), then trusted constants, then the
        earliest found.
        """
        guards: list[tuple[Term, str]] = []
        by_error: dict[str, list[int]] = {}
        for index in unmet:
            by_error.setdefault(self.cases[index].raises, []).append(index)
        handled: set[int] = set()
        for error, indices in by_error.items():
            later = [index for index in self.errors if index not in handled and index not in indices]
            chosen, chosen_rank = None, None
            for predicate in self.predicates:
                values = predicate.values
                if all(values[index] is True for index in indices) and \
                        all(values[index] is False for index in self.normal) and \
                        not any(isinstance(values[index], Raised) for index in later):
                    rank = (predicate.size, not predicate.described,
                            predicate.operation not in STRICT_COMPARISONS,
                            not predicate.trusted, predicate.serial)
                    if chosen_rank is None or rank < chosen_rank:
                        chosen, chosen_rank = predicate, rank
            if chosen is None:
                return None
            guards.append((chosen, error))
            handled.update(indices)
        return guards

    def _add(self, program: Program, read: bool = False) -> None:
        source = render_function(self.task, program)
        if source in self.rendered:
            return
        self.rendered.add(source)
        if not read and unread_parameters(source):
            # `f"{count} jar{'s' if count != 1 else ''}"` for plural(count, word): two examples
            # that share a word fit a program blind to it; one that reads every argument wins
            self.deferred.append(program)
            return
        if not read and self._echoes_an_argument(source):
            # `min("12 yo"[:age].splitlines())` for age_text(12) == "12 yo": the example's number
            # copied out of a constant, not written from the argument: a last resort
            self.deferred.append(program)
            return
        if self.stated_numbers and not read and not _uses_all(program, self.stated_numbers):
            # A yes/no answer that ignores a number the description states
            # ("between 7 and 15 digits") fits the examples by accident: a last resort
            # (not an idiom the words name: "29 February counts" is a calendar's rule).
            self.deferred.append(program)
            return
        self.solutions.append(program)
        if len(self.solutions) == 1:
            self.clock.stop_at = self.clock.count + self.budget.extra_programs
        if len(self.solutions) >= self.wanted:
            raise SearchDone()

    def _echoes_an_argument(self, source: str) -> bool:
        """Whether a string constant of the program holds a number an example passes in (two
        digits or more) that the same example's value shows too."""
        try:
            body = ast.parse(source)
        except SyntaxError:
            return False
        texts = [node.value for node in ast.walk(body) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        for index in self.normal:
            case = self.cases[index]
            for value in case.arguments.values():
                if isinstance(value, (int, float)) and not isinstance(value, bool) and len(str(value)) >= 2 \
                        and str(value) in str(case.expected) and any(
                            re.search(rf"(?<![\d.]){re.escape(str(value))}(?![\d.])", text) for text in texts):
                    return True
        return False

    # ---------------------------------------------------------------- after each level

    def after_level(self, size: int, outputs: list[Term]) -> None:
        still_pending = []
        for term in self.pending:
            unmet = [index for index in self.errors
                     if not satisfies(term.values[index], self.cases[index])]
            guards = self._raise_guards(unmet)
            if guards is None:
                still_pending.append(term)
            else:
                self._add(Program(guards, [], term))
        self.pending = still_pending
        if not self.solutions and size >= self.DECISION_LIST_LEVEL and len(self.normal) >= 2:
            program = self._decision_list(outputs)
            if program is not None:
                self._add(program)

    def _decision_list(self, outputs: list[Term]) -> Program | None:
        """Early-return guards: peel off groups of examples with trusted predicates."""
        position = {index: bit for bit, index in enumerate(self.normal)}
        everything = (1 << len(self.normal)) - 1

        def mask(term: Term) -> int:
            bits = 0
            for index in self.normal:
                if satisfies(term.values[index], self.cases[index]):
                    bits |= 1 << position[index]
            return bits

        candidates: dict[str, tuple[Term, int]] = {}
        for index in self.normal:
            for term in self.matches[index]:
                if (term.variables or (term.trusted and term.size == 1 and term.kind in ("int", "float"))) \
                        and term.size <= self.BRANCH_TERM_SIZE:  # (a number the words state is a leaf too: "before
                    # 17 costs 4.00; from 17 on it costs 6.00"; a text never is: `12 yo` is an example of a template)
                    candidates.setdefault(term.source, (term, mask(term)))
        for term in outputs:
            candidates.setdefault(term.source, (term, mask(term)))
        branch_terms = [item for item in candidates.values() if item[1]]
        if not branch_terms:
            return None
        predicates = []
        for predicate in self.predicates:
            # Thresholds the description states, never constants picked to fit the examples.
            if not predicate.trusted or not predicate.variables or \
                    predicate.operation not in GUARD_OPERATIONS:
                continue
            true_bits, raised_bits = 0, 0
            for index in self.normal:
                value = predicate.values[index]
                if value is True:
                    true_bits |= 1 << position[index]
                elif isinstance(value, Raised) or value is not False:
                    raised_bits |= 1 << position[index]
            predicates.append((predicate, true_bits, raised_bits))
        last_bit = 1 << (len(self.normal) - 1)
        defaults = sorted(branch_terms, key=lambda item: (
            not item[1] & last_bit, -item[1].bit_count(), item[0].size, item[0].serial))
        best: Program | None = None
        for default, default_bits in defaults[:12]:
            remaining = everything & ~default_bits
            active = everything
            branches: list[tuple[Term, Term]] = []
            while remaining:
                choice = None
                for predicate, true_bits, raised_bits in predicates:
                    if raised_bits & active:
                        continue
                    caught = true_bits & active
                    gain = caught & remaining
                    if not gain:
                        continue
                    for term, term_bits in branch_terms:
                        if caught & ~term_bits:
                            continue
                        score = (gain.bit_count(), -(predicate.size + term.size))
                        if choice is None or score > choice[0]:
                            choice = (score, predicate, term, caught)
                if choice is None:
                    break
                _, predicate, term, caught = choice
                branches.append((predicate, term))
                active &= ~caught
                remaining &= ~caught
            if remaining:
                continue
            program = Program([], branches, default)
            if self.errors:
                unmet = [index for index in self.errors]
                guards = self._raise_guards(unmet)
                if guards is None:
                    continue
                program.raise_guards = guards
            if best is None or program.size < best.size:
                best = program
        return best

    # ---------------------------------------------------------------- failure report

    def failure_reason(self, size: int, exhausted: str | None) -> str:
        if exhausted:
            limit = f"within {exhausted} ({self.clock.count} programs tried)"
        else:
            limit = f"({self.clock.count} programs tried; max_size is {self.budget.max_size})"
        text = f"no program of size <= {size} satisfies all {len(self.cases)} examples {limit}"
        if self.pending:
            term = self.pending[0]
            unmet = [self.cases[index].index for index in self.errors
                     if not satisfies(term.values[index], self.cases[index])]
            text += (f"; `{term.source}` fits the other examples but no guard raises for "
                     f"example {', '.join(map(str, unmet))}")
        elif self.best_partial is not None:
            term = self.best_partial[2]
            failing = next(self.cases[index].index for index in self.normal
                           if not satisfies(term.values[index], self.cases[index]))
            text += f"; closest: `{term.source}` fails example {failing}"
        never = [self.cases[index].index for index in self.normal
                 if index not in self.ever_matched]
        if never:
            text += (f"; no program of that size satisfies example {never[0]} even alone"
                     if len(never) == 1 else
                     f"; no program of that size satisfies examples "
                     f"{', '.join(map(str, never))} even alone")
        return text


def synthesize(task, budget: Budget | None = None, *, count: int = 1,
               skip: int = 0) -> SynthesisResult:
    """Find up to ``count`` programs (after skipping ``skip``) satisfying ``task``'s examples."""
    budget = budget or Budget()
    started = time.perf_counter()
    classes = context_classes(getattr(task, "context_source", "") or "")
    try:
        cases = build_cases(task.name, task.signature, list(task.examples), classes)
    except ExampleError as error:
        return SynthesisResult([], f"cannot use the examples: {error}", 0,
                               time.perf_counter() - started)
    except SyntaxError as error:
        return SynthesisResult([], f"the signature does not parse: {error.msg}", 0,
                               time.perf_counter() - started)
    if not cases:
        return SynthesisResult([], "no examples to synthesize from: add `call == expected` "
                               "examples to the spec", 0, time.perf_counter() - started)
    if all(case.is_error for case in cases):
        return SynthesisResult([], "every example raises: none says what the function "
                               "returns", 0, time.perf_counter() - started)

    tabled = None if skip else (_points_total(task, cases) or _product_membership(task, cases))
    if tabled is not None:  # "Temp part: 35.0 or under = 3; ... Pulse part: ...", the parts added up
        return SynthesisResult([tabled], None, len(cases), time.perf_counter() - started)
    clock = Clock(budget.milliseconds, budget.max_programs)
    search = _Search(task, cases, budget, wanted=skip + count, clock=clock)
    function = parse_signature(task.signature)
    parameters = [argument.arg for argument in function.args.args + function.args.kwonlyargs]
    defaults = parameter_defaults(function, classes)
    description = task.docstring or ""
    pool = constant_pool(description + "\n" + (task.requirement or ""), defaults, cases)
    # The words hint operations; the heading's signature does not (`-> float` is no parse).
    prose = "\n".join(line for line in (task.requirement or "").splitlines()
                      if not line.startswith("#"))
    operations = library_for(description + "\n" + prose, classes,
                             tuple(case.expected for case in cases if not case.is_error),
                             tuple(getattr(task, "allowed_imports", ()) or ()))

    search.predicates += _stated_ranges(description, parameters, cases)
    bank = Bank(len(cases), operations, clock)
    bank.reserved = set(parameters)
    bank.listeners.append(search.on_term)
    outer = {name: tuple(case.arguments[name] for case in cases) for name in parameters}
    constants = [(render_constant(constant.value), constant.value, constant.trusted,
                  constant.origin == "description") for constant in pool]
    outputs = []
    for constant in output_constants(cases, description):
        values = (constant.value,) * len(cases)
        outputs.append(Term(render_constant(constant.value), 1, values, kind_of(values)))
    search.outputs = outputs
    bank.extra_generators.append(ComprehensionGenerator(
        bank, outer, constants, operations, clock, body_size=budget.body_size))
    # Format templates read off the outputs (`f"{minutes // 60}h{minutes % 60:02d}"`) join
    # the search at their own size, or at FORMAT_LEVEL when larger: a smaller enumerated
    # program still wins, a deep one (`str(minutes // 60) + "h" + ...`) does not.
    templates = format_programs(cases, parameters, description)
    clock.count += sum(program.checks for program in templates)
    formats = [Term(program.source, program.size, program.values, "str",
                    variables=frozenset(program.names), trusted=False,
                    precedence=TERNARY if program.conditional else ATOM)
               for program in templates]
    bank.extra_generators.append(lambda level: iter(
        [term for term in formats if min(max(term.size, 2), FORMAT_LEVEL) == level]))

    size = 1
    exhausted = None
    try:
        # A rule list the words state ("`high` when sys is 140 or more; ...; otherwise
        # `normal`") is the first answer when it gives every example's value.
        idiom = _stated_idiom(description, function, cases, _field_words(  # `course_of(word)`: the course's words
            task, parameters + [word for word in function.name.split("_") if word not in parameters]),
            sibling_functions(getattr(task, "context_source", "") or "", function.name))
        idiom = idiom or _stated_cleaner(description, parameters, function, cases)
        ruled = None if idiom else _stated_rules(description, parameters, function, cases)
        checked = None if idiom or ruled else _stated_check(description, parameters, function, cases)
        stated = idiom or ruled or checked
        if stated is not None and (not search.errors or idiom is not None):  # an idiom raises where asked
            search._add(stated, read=idiom is not None or checked is not None)  # a shape the words state is read
            # whole: `205/55 R16` in "Like `205/55 R16`" is an example of it, not a number it must use
        for name, values in outer.items():
            bank.add_terminal(name, values, variables=frozenset({name}))
        for source, value, trusted, described in constants:
            bank.add_terminal(source, (value,) * len(cases), trusted=trusted,
                              described=described)
        bank.grown = 1
        for source, names, values in format_templates(cases, parameters, description):
            if all(value is not None or case.is_error for value, case in zip(values, cases)):
                bank.add(Term(source, 1 + len(names), values, kind_of(values) or "str",
                              variables=frozenset(names), trusted=False,
                              lets=(("calendar", "import calendar"),) if "calendar." in source else ()))
        search.after_level(1, outputs)
        while size < budget.max_size:
            size += 1
            bank.grow(size)
            search.after_level(size, outputs)
    except SearchDone:
        pass
    except BudgetExhausted as error:
        exhausted = str(error)
        if not search.solutions and bank.grown < FORMAT_LEVEL:
            # The budget ran out before the templates' level: they are still answers.
            try:
                for term in formats:
                    bank.add(term)
            except (SearchDone, BudgetExhausted):
                pass
        if not search.solutions and len(search.normal) >= 2:
            try:
                program = search._decision_list(outputs)
            except SearchDone:
                program = None
            if program is not None:
                search.solutions.append(program)
    if not search.solutions and exhausted is None and len(search.normal) >= 2:  # every size tried, none fits:
        try:  # "before 17 costs 4.00; from 17 on it costs 6.00" is guards on a stated threshold
            program = search._decision_list(outputs)
        except SearchDone:
            program = None
        if program is not None:
            search.solutions.append(program)
    seconds = time.perf_counter() - started
    search.solutions.extend(search.deferred)
    if not search.solutions and not skip:  # "...; 0 when the average is 220 or more": that case set apart,
        apart = _set_apart(task, cases, parameters, budget)  # the rest found on the other examples
        if apart is not None:
            return SynthesisResult([apart], None, clock.count, time.perf_counter() - started)
    if not skip:  # `1.26 kg` of 1255 g: Python's rounding misses a half that the examples round up
        halved = _rounded_half_up(search)  # (also ahead of a larger program whose float error happens to
        if halved is not None and (not search.solutions  # fit: `1 / (1000 / grams)` is 1.2550000000000001)
                                   or halved.default.size - 2 < search.solutions[0].size):
            return SynthesisResult([render_function(task, halved)], None, clock.count, time.perf_counter() - started)
    if not search.solutions and not skip:  # "A guest costs 3.00 more": the flag's amount set apart, the rest
        extra = _flag_extra(task, cases, budget)  # found on the examples without it
        if extra is not None:
            return SynthesisResult([extra], None, clock.count, time.perf_counter() - started)
    if not search.solutions and not skip:  # `IP-0042` true, `IP-42` false: a shape the examples share
        learned = _learned(description, function, cases)
        if learned is not None:
            return SynthesisResult([render_function(task, learned)], None, clock.count, time.perf_counter() - started)
    chosen = search.solutions[skip:skip + count]
    if chosen:
        return SynthesisResult([render_function(task, program) for program in chosen], None,
                               clock.count, seconds, [program.size for program in chosen])
    if search.solutions:
        reason = (f"only {len(search.solutions)} distinct program(s) found; "
                  f"all were already tried")
    else:
        reason = search.failure_reason(size, exhausted)
    return SynthesisResult([], reason, clock.count, seconds)


def example_program(function: Any, allowed_imports: tuple[str, ...] = ("datetime", "decimal", "math", "re"),
                    budget: Budget | None = None):
    """A Layer-1 spec function's program as the synthesizer finds it from its own examples,
    defined in-process (our own enumerated code, no model's), or None when none is found.
    For placing values in the examples of the commands that use it: the command itself calls
    the function whatever backend writes it."""
    from types import SimpleNamespace

    task = SimpleNamespace(name=function.name, signature=f"def {function.signature}:",
                           docstring=" ".join((function.description or "").split()),
                           requirement=function.description or "", examples=list(function.examples),
                           context_source="", allowed_imports=allowed_imports)
    result = synthesize(task, budget or Budget(milliseconds=3000))
    if not result.found:
        return None
    namespace: dict[str, Any] = {}
    exec(compile(result.sources[0], f"<{function.name}>", "exec"), namespace)  # noqa: S102 - our own program
    return namespace.get(function.name)


SET_APART = re.compile(r"(?:^|[;,.(]\s*|\bor\s+)(?P<value>-?\d+(?:\.\d+)?|`[^`]*`|\"[^\"]*\") (?:when|if|whenever) "
                       r"(?:the |its |a |an )?(?P<name>\w+) is (?:(?P<bound>-?\d+(?:\.\d+)?) or (?P<way>more|higher|above|"
                       r"over|greater|less|lower|below|under|fewer)|(?P<strict>more than|above|over|greater than|less than|"
                       r"below|under|fewer than) (?P<limit>-?\d+(?:\.\d+)?))\b", re.IGNORECASE)


def _set_apart(task, cases: list[Case], parameters: list[str], budget: Budget) -> str | None:
    """A function whose words set one case apart ("90% of the difference between 220 and the
    average, rounded down; 0 when the average is 220 or more"): the value that case gives first
    (``if average >= 220: return 0``), the rest synthesized from the other examples alone. The
    stated value must be what every example of that case expects; None otherwise."""
    import copy

    for said in SET_APART.finditer(" ".join((task.docstring or "").split())):
        name = next((p for p in parameters if same_word(p, said.group("name"))), None)
        if name is None:
            continue
        if said.group("bound") is not None:
            way = ">=" if said.group("way").lower() in ("more", "higher", "above", "over", "greater") else "<="
            bound = said.group("bound")
        else:
            way = ">" if said.group("strict").lower() in ("more than", "above", "over", "greater than") else "<"
            bound = said.group("limit")
        predicate = f"{name} {way} {bound}"
        value = said.group("value").strip("`\"")
        value = value if re.fullmatch(r"-?\d+(?:\.\d+)?", value) else repr(value)
        compare = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}[way]
        if not all(isinstance(case.arguments.get(name), (int, float)) for case in cases):
            continue  # an argument that does not compare with a number: not this case
        inside = [compare(case.arguments[name], float(bound)) for case in cases]
        held = [case for case, within in zip(cases, inside) if within and not case.is_error]
        if not held or not all(repr(case.expected) == value or str(case.expected) == value for case in held) \
                or all(inside):
            continue
        rest = copy.copy(task)
        rest.examples = [example for example, within in zip(task.examples, inside) if not within]
        result = synthesize(rest, budget)
        if not result.found:
            continue
        source = result.sources[0]
        body = ast.parse(source).body[0].body
        after = body[0].end_lineno if isinstance(body[0], ast.Expr) and isinstance(
            getattr(body[0], "value", None), ast.Constant) else body[0].lineno - 1
        lines = source.splitlines()
        return "\n".join([*lines[:after], f"    if {predicate}:", f"        return {value}", *lines[after:]]) + "\n"
    return None


ROUNDS = re.compile(r"\.\d+f\b|\bround\(")  # a program that rounds: `format(x, ".2f")`, `round(x)`
HALF_UP_IMPORT = (("decimal", "import decimal"),)


def _rounded_half_up(search: _Search) -> Program | None:
    """A near miss that rounds the way Python does where every example rounds a half up:
    ``format(grams / 1000, ".2f")`` gives `1.25` for 1255 g (1.255 is the binary 1.25499...,
    and round() takes a half to even), ``kilos(1255) == "1.26 kg"`` asks for `1.26`. The same
    program with each rounding made decimal's ROUND_HALF_UP is kept when it satisfies every
    example; the examples decide, not the words."""
    for term in search.rounding:
        if term.lets:
            continue
        try:
            tree = ast.parse(term.source, mode="eval")
        except SyntaxError:
            continue
        halved = _HalfUp().visit(tree)
        source = ast.unparse(ast.fix_missing_locations(halved))
        if source == term.source:
            continue
        values = []
        for case in search.cases:
            try:
                values.append(evaluate(source, HALF_UP_IMPORT, dict(case.arguments)))
            except Exception as error:  # noqa: BLE001 - a candidate's own failure is its value
                values.append(Raised(type(error)))
        if not all(satisfies(values[index], search.cases[index]) for index in search.normal):
            continue
        default = Term(source, term.size + 2, tuple(values), term.kind, variables=term.variables,
                       lets=HALF_UP_IMPORT, trusted=False)
        program = Program([], [], default)
        if search.errors:
            guards = search._raise_guards(list(search.errors))
            if guards is None:
                continue
            program.raise_guards = guards
        return program
    return None


def _half_up(value: ast.expr, places: int) -> ast.expr:
    """``decimal.Decimal(str(value)).quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)``
    (two places): the decimal the value reads as, rounded the way it is done by hand."""
    step = "1" if places == 0 else "0." + "0" * (places - 1) + "1"
    tree = ast.parse(f'decimal.Decimal(str(_)).quantize(decimal.Decimal("{step}"), rounding=decimal.ROUND_HALF_UP)',
                     mode="eval").body

    class Put(ast.NodeTransformer):
        def visit_Name(self, node):
            return value if node.id == "_" else node
    return Put().visit(tree)


class _HalfUp(ast.NodeTransformer):
    """Every rounding of a program made half up: ``format(x, ".2f")``, ``f"{x:.1f}"``,
    ``round(x)`` (an int) and ``round(x, n)`` (a float)."""

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        name = getattr(node.func, "id", None)
        if name == "format" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant) \
                and isinstance(node.args[1].value, str) and re.fullmatch(r"[,+]?\.\d+f", node.args[1].value):
            places = int(re.search(r"\d+", node.args[1].value).group(0))
            node.args[0] = _half_up(node.args[0], places)
            return node
        if name == "round" and len(node.args) in (1, 2) and not node.keywords:
            places = node.args[1].value if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) else 0
            if not isinstance(places, int):
                return node
            kind = "int" if len(node.args) == 1 else "float"
            return ast.Call(ast.Name(kind, ast.Load()), [_half_up(node.args[0], places)], [])
        return node

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.FormattedValue:
        self.generic_visit(node)
        spec = node.format_spec
        if isinstance(spec, ast.JoinedStr) and len(spec.values) == 1 and isinstance(spec.values[0], ast.Constant):
            found = re.fullmatch(r"[,+]?\.(\d+)f", str(spec.values[0].value))
            if found:
                node.value = _half_up(node.value, int(found.group(1)))
        return node


def _points_total(task, cases: list[Case]) -> str | None:
    """A number made of points tables, one per argument, as the words state them ("Early
    warning score, temp part + pulse part. Temp part: 35.0 or under = 3; 35.1 to 36.0 = 1; ...
    Pulse part: 40 or under = 3; ..."), added up where there are several; a value in no band
    adds nothing. None unless every number argument has its table and every example agrees."""
    function = parse_signature(task.signature)
    arguments = [a.arg for a in function.args.args + function.args.kwonlyargs]
    numbers = [a.arg for a in function.args.args + function.args.kwonlyargs
               if getattr(a.annotation, "id", "") in ("int", "float")]
    text = " ".join((task.docstring or "").split())
    tables = read_points_tables(text, arguments)
    if not tables or sorted(name for name, _ in tables) != sorted(numbers) or len(numbers) != len(arguments) or (
            len(tables) > 1 and not re.search(r"\+|\bplus\b|\bsum\b|\badded\b|\badd (?:them|up)\b|\btotal\b", text,
                                              flags=re.IGNORECASE)):
        return None

    def value(given: dict) -> object:
        return sum(next((points for comparison, points in bands if comparison.test(given)), 0) for _, bands in tables)
    if not all(not case.is_error and satisfies(value(case.arguments), case) for case in cases):
        return None
    lines = []
    for name, bands in tables:
        part = f"{name}_points"
        lines.append(f"    {part} = 0\n")
        for index, (comparison, points) in enumerate(bands):
            lines.append(f"    {'if' if index == 0 else 'elif'} {comparison.source}:\n        {part} = {points!r}\n")
    total = " + ".join(f"{name}_points" for name, _ in tables)
    return "".join([_def_line(task), render_docstring(task.docstring), *lines, f"    return {total}\n"])


def _product_membership(task, cases: list[Case]) -> str | None:
    """Whether one number is in a set the words state as one list times another ("True when ohms
    is one of the 12 E12 mantissas 10, 12, ... multiplied by 0.1, 1, 10, ... or 100000 ... a match
    within one part in a million counts"), within the tolerance they allow. None unless the
    function takes one number, returns a bool, and every example agrees."""
    function = parse_signature(task.signature)
    arguments = function.args.args + function.args.kwonlyargs
    if len(arguments) != 1 or getattr(arguments[0].annotation, "id", "") not in ("int", "float") \
            or getattr(function.returns, "id", "") != "bool":
        return None
    stated = read_product_set(task.docstring or "")
    if stated is None:
        return None
    first, second, tolerance = stated
    name = arguments[0].arg

    def member(value) -> bool:
        return any(abs(value - a * b) <= tolerance * a * b for a in first for b in second)
    if not all(not case.is_error and satisfies(member(case.arguments[name]), case) for case in cases):
        return None
    return "".join([_def_line(task), render_docstring(task.docstring),
                    f"    return any(abs({name} - a * b) <= {tolerance!r} * a * b\n",
                    f"               for a in {tuple(first)!r} for b in {tuple(second)!r})\n"])


def _flag_extra(task, cases: list[Case], budget: Budget) -> str | None:
    """A number a yes/no argument adds, as the words state it ("A guest costs 3.00 more", "A
    van pays 4.00 more", "plus 2 for a rush job") over ``fee(hour: int, guest: bool = False)``:
    the rest synthesized on the examples with that amount taken off and the flag left out,
    then ``+ (3.0 if guest else 0)`` on what it returns. None unless every example agrees."""
    import copy

    from spf.spec.model import Example

    function = parse_signature(task.signature)
    arguments = function.args.args + function.args.kwonlyargs
    text = " ".join((task.docstring or "").split())
    for flag in [a for a in arguments if getattr(a.annotation, "id", "") == "bool"]:
        name = re.escape(flag.arg)
        said = re.search(rf"\b(?:an? |the |each |every )?{name}s? (?:costs?|pays?|adds?|is|are|gets?|comes? to) "
                         rf"(?:an? (?:extra|further) )?[£$€]?(\d+(?:\.\d+)?) (?:more|extra)\b|"
                         rf"\b(?:plus|and|add|adds|with) [£$€]?(\d+(?:\.\d+)?)(?: more| extra)? (?:for|with|when|if) "
                         rf"(?:an? |the |it is an? |it's an? )?{name}\b", text, flags=re.IGNORECASE)
        if said is None or not all(isinstance(case.arguments.get(flag.arg), bool) for case in cases):
            continue
        amount = float(said.group(1) or said.group(2))
        rest = copy.copy(task)
        others = [a for a in arguments if a is not flag]
        examples = []
        for case, example in zip(cases, task.examples):
            call = ", ".join(f"{a.arg}={case.arguments[a.arg]!r}" for a in others)
            if case.is_error:
                examples.append(Example(call=f"{task.name}({call})", expected=None, raises=example.raises,
                                        span=example.span))
                continue
            if not isinstance(case.expected, (int, float)) or isinstance(case.expected, bool):
                return None
            value = case.expected - (amount if case.arguments[flag.arg] else 0)
            value = int(value) if isinstance(case.expected, int) and value == int(value) else value
            examples.append(Example(call=f"{task.name}({call})", expected=repr(value), raises=None, span=example.span))
        reduced = copy.deepcopy(function)
        reduced.args.args = [a for a in reduced.args.args if a.arg != flag.arg]
        reduced.args.kwonlyargs = [a for a in reduced.args.kwonlyargs if a.arg != flag.arg]
        reduced.args.defaults, reduced.args.kw_defaults = [], []  # (defaults of the others: the examples give them)
        reduced.body = [ast.Pass()]
        rest.signature = ast.unparse(reduced).split("\n")[0]
        rest.examples = examples
        result = synthesize(rest, budget)
        if not result.found:
            continue
        tree = ast.parse(result.sources[0])
        body = tree.body[0]
        body.args = copy.deepcopy(function.args)
        shown = int(amount) if amount == int(amount) and "." not in (said.group(1) or said.group(2)) else amount
        for node in ast.walk(body):
            if isinstance(node, ast.Return) and node.value is not None:
                node.value = ast.BinOp(node.value, ast.Add(), ast.parse(f"({shown!r} if {flag.arg} else 0)",
                                                                         mode="eval").body)
        return ast.unparse(tree) + "\n"
    return None


def _stated_rules(description: str, parameters: list[str], function,
                  cases: list[Case]) -> Program | None:
    """The description's rule list as early-return guards, if it fits every example."""
    returns = getattr(function.returns, "id", None)
    kind = {"str": str, "int": int, "float": float, "bool": bool}.get(returns)
    rules = read_rules(description, parameters, kind)
    if rules is None and len(parameters) == 1 and kind is str:  # "90 and up is gold, 70 and up silver, the rest bronze"
        rules = read_bands(description, parameters[0], {case.expected for case in cases if isinstance(case.expected, str)})
    if rules is None:
        return None
    try:
        values = tuple(rules(case.arguments) for case in cases)
    except TypeError:  # a comparison with a value of another type: not this reading
        return None
    if not all(satisfies(value, case) for value, case in zip(values, cases)):
        return None
    branches = []
    for rule in rules.rules:
        predicate_values = tuple(rule.test(case.arguments) for case in cases)
        predicate = Term(rule.source, rule.size, predicate_values, "bool",
                         variables=rule.names, described=True)
        result = (rule.result,) * len(cases)
        branches.append((predicate, Term(render_constant(rule.result), 1, result,
                                         kind_of(result))))
    default = (rules.default,) * len(cases)
    return Program([], branches, Term(render_constant(rules.default), 1, default,
                                      kind_of(default)))


CLEANINGS = ("{}.strip().upper()", "{}.strip().lower()", "{}.strip()", "' '.join({}.split())",
             "' '.join({}.split()).upper()", "' '.join({}.split()).lower()", "{}.upper()", "{}.lower()", "{}")


def _stated_cleaner(description: str, parameters: list[str], function, cases: list[Case]) -> Program | None:
    """A text cleaned and then held to the one shape the words say it must have, raising where
    it does not: "the blanks around go away and the letters become big letters. What stays must
    be 1, 2 or 3 letters from A to Z ...; when not, it is a ValueError" -> ``initials.strip()
    .upper()`` guarded by ``not re.fullmatch('[A-Za-z]{1,3}', ...)``; the first cleaning that
    gives every example's value and raises exactly where an example raises."""
    if getattr(function.returns, "id", None) != "str" or len(parameters) != 1 \
            or not any(case.is_error for case in cases):
        return None
    name = parameters[0]
    shape = read_required_shape(description)
    if shape is None or not all(isinstance(case.arguments.get(name), str) for case in cases):
        return None
    raised = {case.raises for case in cases if case.is_error}
    if len(raised) != 1:
        return None
    for cleaning in CLEANINGS:
        source = cleaning.format(name)
        cleaned = [evaluate(source, (), dict(case.arguments)) for case in cases]
        refused = tuple(re.fullmatch(shape, text) is None for text in cleaned)
        if all(refused[index] == case.is_error and (case.is_error or cleaned[index] == case.expected)
               for index, case in enumerate(cases)):
            guard = Term(f"re.fullmatch({render_constant(shape)}, {source}) is None", 4, refused, "bool",
                         precedence=COMPARE, variables=frozenset({name}), lets=(("re", "import re"),), described=True)
            values = tuple(None if case.is_error else text for case, text in zip(cases, cleaned))
            term = Term(source, 3, values, "str", variables=frozenset({name}), described=True)
            return Program([(guard, next(iter(raised)))], [], term)
    return None


def _stated_check(description: str, parameters: list[str], function,
                  cases: list[Case]) -> Program | None:
    """A yes/no check of one text the words state: its shape or the words it may be."""
    if getattr(function.returns, "id", None) != "bool" or len(parameters) != 1:
        return None
    name = parameters[0]
    if not all(isinstance(case.arguments.get(name), str) for case in cases):
        return None
    candidates = []
    shape = read_shape(description)
    if shape is not None:
        candidates.append((f"re.fullmatch({render_constant(shape)}, {name}) is not None",
                           lambda text: re.fullmatch(shape, text) is not None,
                           (("re", "import re"),)))
        candidates.append((f"re.fullmatch({render_constant(shape)}, {name}.strip()) is not None",  # "once its
                           lambda text: re.fullmatch(shape, text.strip()) is not None,  # surrounding blanks are removed"
                           (("re", "import re"),)))
        candidates.append((f"re.fullmatch({render_constant(shape)}, {name}, re.IGNORECASE) is not None",  # "I am not
                           lambda text: re.fullmatch(shape, text, re.IGNORECASE) is not None,  # fussy about whether
                           (("re", "import re"),)))  # it is a capital": the examples show both
    accepted = [case.arguments[name] for case in cases
                if not case.is_error and case.expected is True]
    words = read_words(description, accepted) if accepted else None
    if words is not None:
        listed, ignore_case = words
        subject = f"{name}.lower()" if ignore_case else name
        candidates.append((f"{subject} in {render_constant(listed)}",
                           lambda text: (text.lower() if ignore_case else text) in listed, ()))
        stripped = f"{name}.strip().lower()" if ignore_case else f"{name}.strip()"  # "ignoring surrounding blanks"
        candidates.append((f"{stripped} in {render_constant(listed)}",
                           lambda text: (text.strip().lower() if ignore_case else text.strip()) in listed, ()))
    for source, check, lets in candidates:
        values = tuple(check(case.arguments[name]) for case in cases)
        if all(satisfies(value, case) for value, case in zip(values, cases)):
            return Program([], [], Term(source, 3, values, "bool", precedence=COMPARE,
                                        variables=frozenset({name}), lets=lets,
                                        described=True))
    return None


def _field_words(task, parameters: list[str]) -> str:
    """The spec's words about the fields the parameters are named for, as the entity classes
    carry them (``# spec.md:16: - stage: str = "cut" — cut, pieced, quilted or bound``)."""
    source = getattr(task, "context_source", "") or ""
    return " ".join(match.group(1) for name in parameters
                    for match in re.finditer(rf"#[^\n]*?- {re.escape(name)}: [^\n—]*— ([^\n]*)", source))


def sibling_functions(context_source: str, own: str) -> dict[str, object]:
    """The spec functions the context holds (the symbolic backend's own bodies, see the implement
    stage), defined so a stated call can be checked on the examples: ``{"clock": <function>}``."""
    try:
        tree = ast.parse(context_source)
    except SyntaxError:
        return {}
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name != own:
            namespace: dict[str, object] = {}
            try:
                exec(compile(ast.Module([node], []), "<spec function>", "exec"), namespace)  # noqa: S102 - our own body
            except Exception:  # noqa: BLE001, S112 - one that does not define is left out
                continue
            found[node.name] = namespace[node.name]
    for function in found.values():  # each may call the others
        function.__globals__.update(found)
    return found


def _stated_calls(description: str, parameters: list[str], siblings: dict[str, object]) -> list[tuple[str, tuple]]:
    """A body the words write in backticks as a call of another spec function over the
    arguments: "The split ... that is `clock(seconds * 500 / metres)`"."""
    found = []
    for written in re.findall(r"`([^`]+)`", description):
        try:
            tree = ast.parse(written, mode="eval")
        except SyntaxError:
            continue
        called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        if called and called <= set(siblings) and names <= set(parameters) | set(siblings):
            found.append((written.strip(), ()))
    return found


def _stated_idiom(description: str, function, cases: list[Case], related: str = "",
                  siblings: dict[str, object] | None = None) -> Program | None:
    """A helper the words name in a phrase (``idioms``): a real ISO day, a day of a month, a
    word for a flag, an ordinal, a call of another spec function they write out; the first that
    gives every example's value."""
    arguments = function.args.args + function.args.kwonlyargs
    parameters = [(argument.arg, getattr(argument.annotation, "id", "")) for argument in arguments]
    returns = getattr(function.returns, "id", None) or getattr(getattr(function.returns, "value", None), "id", None)
    # (`tuple[int, int]` is a subscript: its kind is `tuple`)
    siblings = siblings or {}
    stated = _stated_calls(description, [name for name, _ in parameters], siblings)
    return _first_fitting([*stated, *idiom_candidates(description, parameters, returns, cases, related)],
                          description, parameters, returns, cases, siblings)


def _learned(description: str, function, cases: list[Case]) -> Program | None:
    """After the search found nothing: a code's shape, an amount in pieces or a number in
    mixed units learned from the examples, the words ranking what they leave open (``inferred``)."""
    arguments = function.args.args + function.args.kwonlyargs
    parameters = [(argument.arg, getattr(argument.annotation, "id", "")) for argument in arguments]
    returns = getattr(function.returns, "id", None)
    kinds = [kind for _, kind in parameters]
    lower = " ".join((description or "").split()).lower()
    found = piecewise_amounts(lower, parameters, returns, cases)  # "each of the first 3 hours 1250, after that 800"
    if returns == "bool" and kinds == ["str"]:
        found += code_shapes(lower, parameters[0][0], cases)  # "the letters IP, a hyphen, then exactly 4 digits"
    if returns == "str" and kinds == ["int"]:  # "under a minute: `9.05`; a minute or more: `1:05.20`"
        found += mixed_units(parameters[0][0], cases)
        found += counted_phrases(lower, parameters[0][0], cases)  # "`1 ball`, `2 balls` ... ` and a bit`"
    if returns == "int" and kinds == ["str"]:  # "the number of maximal runs of the vowel letters"
        found += counted_letters(lower, parameters[0][0], cases)
    return _first_fitting(found, description, parameters, returns, cases, {})


def _first_fitting(candidates: list[tuple[str, tuple]], description: str, parameters: list[tuple[str, str]],
                   returns: str | None, cases: list[Case], siblings: dict[str, object]) -> Program | None:
    """The first (source, lets) that gives every example's value, a stated range guarding it
    where only the examples that raise are unmet."""
    for source, lets in candidates:
        values = []
        for case in cases:
            try:
                values.append(evaluate(source, lets, {**siblings, **case.arguments}))
            except Exception as error:  # noqa: BLE001 - an idiom that fails on an example is not it,
                values.append(Raised(type(error)) if case.is_error else _FAILED)  # unless it should raise
        term = Term(source, 4, tuple(values), kind_of(tuple(values)) or returns or "str", precedence=TERNARY,
                    variables=frozenset(name for name, _ in parameters), lets=lets, described=True)
        if all(value is not _FAILED and satisfies(value, case) for value, case in zip(values, cases)):
            return Program([], [], term)
        unmet = [index for index, (value, case) in enumerate(zip(values, cases)) if not satisfies(value, case)]
        if unmet and all(cases[index].is_error for index in unmet) and len({cases[index].raises for index in unmet}) == 1 \
                and all(value is not _FAILED for value, case in zip(values, cases) if not case.is_error):
            for guard in _stated_ranges(description, [name for name, _ in parameters], cases):  # "must be positive"
                if all(guard.values[index] is (index in unmet) for index in range(len(cases))):
                    return Program([(guard, cases[unmet[0]].raises)], [], term)
    return None


_FAILED = object()


# ---------------------------------------------------------------- rendering


def _stated_ranges(description: str, parameters: list[str], cases: list[Case]) -> list[Term]:
    """A raise guard the words state as a range: "Numbers outside 1..9999 raise ValueError" ->
    ``not 1 <= number <= 9999`` over the one number parameter the examples give ints or floats
    (a smaller predicate that happens to split the examples, ``number % 4 == 0``, is a guess)."""
    said = re.search(r"\boutside (?:of )?(?:the range )?(-?\d+(?:\.\d+)?)\s*(?:\.\.|to|-|–|and)\s*(-?\d+(?:\.\d+)?)\b",
                     description.lower()) or re.search(  # "walks under 15 minutes or over 180 minutes ... raise"
        r"\b(?:under|below|less than|fewer than) (-?\d+(?:\.\d+)?)\b[^.;]{0,40}?\bor (?:\w+ ){0,2}"
        r"(?:over|above|more than) (-?\d+(?:\.\d+)?)\b[^.]*\braise", description.lower())
    numeric = [name for name in parameters
               if all(isinstance(case.arguments.get(name), (int, float)) and not isinstance(case.arguments.get(name), bool)
                      for case in cases)]
    signs = _stated_signs(description.lower(), numeric, cases) + _stated_blank(description.lower(), parameters, cases) \
        + _stated_month(description, parameters, cases)
    if said is None or len(numeric) != 1:
        return signs
    low, high, name = said.group(1), said.group(2), numeric[0]
    values = tuple(not float(low) <= case.arguments[name] <= float(high) for case in cases)
    return [Term(f"not {low} <= {name} <= {high}", 1, values, "bool", precedence=COMPARE,
                 variables=frozenset({name}), described=True, operation="<=")]


def _stated_blank(lower: str, parameters: list[str], cases: list[Case]) -> list[Term]:
    """A raise guard on a text with nothing in it: "A title with nothing but blanks raises
    ValueError" -> ``not title.strip()`` over the one text parameter."""
    texts = [name for name in parameters if all(isinstance(case.arguments.get(name), str) for case in cases)]
    if len(texts) != 1 or not re.search(r"\b(?:nothing but|only) (?:blanks|spaces|whitespace)\b|\b(?:blank|empty)\b"
                                        r"[^.;]*\braises?\b", lower):
        return []
    name = texts[0]
    values = tuple(not case.arguments[name].strip() for case in cases)
    return [Term(f"not {name}.strip()", 1, values, "bool", precedence=NOT,
                 variables=frozenset({name}), described=True)]


def _stated_month(description: str, parameters: list[str], cases: list[Case]) -> list[Term]:
    """A raise guard on a month's shape: "A month that is not written YYYY-MM with a month from
    01 to 12 raises ValueError" -> the one text parameter not of that shape."""
    texts = [name for name in parameters if all(isinstance(case.arguments.get(name), str) for case in cases)]
    if len(texts) != 1 or not re.search(r"\bnot (?:written |in the form )?YYYY-MM\b(?!-DD)[^.;]*\braises?\b", description):
        return []
    name, source = texts[0], f"not ({month_shape(texts[0])})"
    values = tuple(evaluate(source, (), case.arguments) for case in cases)
    return [Term(source, 1, values, "bool", precedence=NOT, variables=frozenset({name}), described=True)]


def _stated_signs(lower: str, numeric: list[str], cases: list[Case]) -> list[Term]:
    """A raise guard on a sign the words state: "Negative miles are a ValueError" -> ``miles <
    0`` (the number named, or the one number parameter); "zero or less" -> ``<= 0``."""
    found = []
    for pattern, op in ((r"\bnegative (\w+)|\b(\w+) (?:below|under|less than) (?:zero|0)\b", "<"),
                        ((r"\b(\w+) (?:of )?(?:zero or less|zero or below|0 or less|not positive)\b|"
                          r"\b(\w+) must be (?:positive|greater than (?:zero|0)|above (?:zero|0)|at least 1)\b|"
                          r"\b(?:zero|0) or negative\b()|(?:^|[.;:]\s*)(?:zero|0) or less\b()"), "<=")):
        # "The interval must be positive; zero or negative raises", "Round up ... 0 or less raises ValueError"
        said = re.search(pattern, lower)
        if said is None:
            continue
        word = next((group for group in said.groups() if group), "")
        named = [name for name in numeric if word and same_word(name, word)] or (numeric if len(numeric) == 1 else [])
        if len(named) != 1:
            continue
        name = named[0]
        values = tuple((case.arguments[name] < 0) if op == "<" else (case.arguments[name] <= 0) for case in cases)
        found.append(Term(f"{name} {op} 0", 1, values, "bool", precedence=COMPARE,
                          variables=frozenset({name}), described=True, operation=op))
    return found


def unread_parameters(source: str) -> list[str]:
    """The parameters a function's source never reads (its first ``def``; none when it does
    not parse): a body blind to an argument fits its examples by accident."""
    try:
        function = next(node for node in ast.walk(ast.parse(source))
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))
    except (SyntaxError, StopIteration):
        return []
    arguments = function.args
    names = [argument.arg for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
             if argument.arg not in ("self", "cls")]
    read = {node.id for statement in function.body for node in ast.walk(statement)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return [name for name in names if name not in read]


def copied_values(source: str, calls: list[str]) -> list[str]:
    """Texts an example passes in whole (``parse_rating("4/5")``), with a digit in them, that
    the body writes as a constant (``text.replace("4/5", "4")``): it fits that example by
    naming it, so what it does with any other value is a guess."""
    given = set()
    for call in calls:
        try:
            node = ast.parse(call, mode="eval").body
        except SyntaxError:
            continue
        if isinstance(node, ast.Call):
            given |= {arg.value.strip() for arg in node.args
                      if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    given = {text for text in given if len(text) >= 3 and re.search(r"\d", text)}
    try:
        function = next(node for node in ast.walk(ast.parse(source))
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))
    except (SyntaxError, StopIteration):
        return []
    quoted = {id(node) for statement in ast.walk(function) if isinstance(statement, ast.Raise)
              for node in ast.walk(statement)}  # a message may quote anything
    quoted |= {id(key) for node in ast.walk(function) if isinstance(node, ast.Dict) for key in node.keys if key}
    quoted |= {id(element) for node in ast.walk(function) if isinstance(node, (ast.Set, ast.List, ast.Tuple))
               for element in node.elts}  # a table the words state (`1-0` means ...) is no copy
    body = function.body[1:] if function.body and isinstance(function.body[0], ast.Expr) \
        and isinstance(function.body[0].value, ast.Constant) else function.body  # not the docstring
    found = [node.value for statement in body for node in ast.walk(statement)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in quoted
             and node.value.strip() in given]
    return list(dict.fromkeys(found))


def _uses_all(program: Program, numbers: list) -> bool:
    """Whether the program's code (not its docstring) writes every one of ``numbers``."""
    terms = [program.default, *(term for _, term in program.branches),
             *(predicate for predicate, _ in program.branches),
             *(predicate for predicate, _ in program.raise_guards)]
    code = " ".join([term.source for term in terms]
                    + [block for term in terms for _, block in term.lets])
    return all(re.search(rf"(?<![\w.]){re.escape(repr(number))}(?![\w.])", code)
               for number in numbers)


def render_docstring(docstring: str) -> str:
    text = (docstring or "").strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if not text:
        return ""
    lines = text.splitlines()
    if len(lines) == 1:
        return f'    """{lines[0]}"""\n'
    body = "\n".join(("    " + line) if line.strip() else "" for line in lines[1:])
    return f'    """{lines[0]}\n{body}\n    """\n'


_ERROR_WORDS = ("error", "raise", "invalid", "empty", "negative", "no ", "not ", "must",
                "cannot", "missing", "unknown", "zero")


def _error_message(task, error: str) -> str:
    """A message for a raise guard: the description's clause about the error, when it has one.

    "The arithmetic mean of the scores; an empty list has no average." gives
    "an empty list has no average".
    """
    description = " ".join((task.docstring or "").split())
    clauses = [clause.strip(" .;") for clause in re.split(r"[.;]\s+|;\s*", description)]
    clauses = [clause for clause in clauses if clause]
    for position, clause in enumerate(clauses):
        lowered = clause.lower()
        mentions_error = error.lower() in lowered or "raise" in lowered or "error" in lowered
        if mentions_error or (position > 0 and any(word in lowered for word in _ERROR_WORDS)):
            clause = re.sub(r"^raises?\s+\w+\s+(if|when)\s+", "", clause, flags=re.IGNORECASE)
            return clause[0].lower() + clause[1:]
    return f"invalid arguments for {task.name}()"


def _block(lets: tuple, indent: str) -> list[str]:
    """The statements local variables need (assignments, accumulation loops), indented."""
    return [f"{indent}{line}\n" for _, block in lets for line in block.splitlines()]


def _def_line(task) -> str:
    """The function's ``def`` line, from its signature as the spec writes it."""
    signature = task.signature.strip()
    return ("" if signature.startswith("def ") else "def ") + signature + ("" if signature.endswith(":") else ":") + "\n"


def render_function(task, program: Program) -> str:
    """The full ``def`` source: signature, docstring, guards, lets and returns."""
    signature = _def_line(task).rstrip("\n")
    lines = [signature + "\n", render_docstring(task.docstring)]
    guarded = tuple(dict.fromkeys(let for predicate, _ in program.raise_guards for let in predicate.lets))
    lines.extend(_block(guarded, "    "))  # (what a guard imports comes before it: `re` for a stated shape)
    for predicate, error in program.raise_guards:
        message = _error_message(task, error)
        lines.append(f"    if {predicate.source}:\n"
                     f"        raise {error}({render_constant(message)})\n")
    whole = bool(re.search(r"->\s*int\s*:?\s*$", signature))

    def returned(term) -> str:  # `-> int` where `pieces // hours` gives 125.0: int(...) prints `125`
        floats = whole and any(isinstance(value, float) for value in term.values)
        return f"int({term.source})" if floats else term.source
    for predicate, term in program.branches:
        lines.append(f"    if {predicate.source}:\n")
        lines.extend(_block(term.lets, "        "))
        lines.append(f"        return {returned(term)}\n")
    lines.extend(_block(program.default.lets, "    "))
    lines.append(f"    return {returned(program.default)}\n")
    return "".join(lines)
