"""Example-driven program synthesis: the engine behind the ``symbolic`` backend.

    from spf.synthesis import synthesize, Budget
    result = synthesize(task, Budget(milliseconds=1000))
    result.sources    # full ``def`` sources, smallest program first
    result.reason     # why nothing was found, e.g. "no program of size <= 7 ..."

``task`` is a ``spf.loop.FunctionTask`` (any object with ``name``, ``signature``,
``docstring``, ``requirement``, ``examples`` and ``context_source`` will do).
Modules: ``values`` (examples to in-process values), ``terms`` (candidate
expressions and their kinds), ``library`` (the operations), ``constants``
(where constants come from), ``search`` (bottom-up enumeration),
``formats`` (format templates read off the outputs: ``f"{minutes // 60}h{minutes % 60:02d}"``),
``synthesizer`` (goals, guards, decision lists, rendering).
"""

from spf.synthesis.synthesizer import Budget, Program, SynthesisResult, synthesize

__all__ = ["Budget", "Program", "SynthesisResult", "synthesize"]
