"""Every hook spf offers to plugins, one documented function each.

Hooks hand plugins a ``register`` callback instead of collecting return values (the
style of simonw/llm): an implementation may accept only the arguments it needs.
Built-in behaviour lives in ``plugins/`` and uses exactly these hooks.
"""

from __future__ import annotations

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("spf")
hookimpl = HookimplMarker("spf")


# ---------------------------------------------------------------- command line


@hookspec
def register_commands(cli):
    """Add click commands or groups to the ``spf`` command line.

    Called once per CLI invocation, after plugins are loaded, with the root
    ``click.Group``. Import heavy libraries inside the command bodies, never at
    module level: ``spf --help`` must stay fast and must not import torch.
    """


# ---------------------------------------------------------------- code taxonomy and templates


@hookspec
def register_taxonomy(register):
    """Add code-taxonomy data: ``register(path)`` with a TOML file or a folder of them.

    Categories from every registered path are merged into one graph; a category may
    name a parent (``is_a``) defined by another plugin.
    """


@hookspec
def register_templates(register):
    """Add a folder of jinja2 templates: ``register(path)``.

    Folders registered later take precedence for the same template name, so a
    plugin can override a built-in template.
    """


@hookspec(firstresult=True)
def classify_item(item, taxonomy):
    """Classify one Layer-1 requirement item into taxonomy categories.

    Return a list of category names (most specific first) to override the
    built-in keyword rules, or None to let the next implementation decide.
    The first non-None result wins.
    """


# ---------------------------------------------------------------- generation


@hookspec
def register_stages(register):
    """Add generation stages: ``register(stage)``.

    A stage (subclass ``spf.pipeline.Stage``) has a ``name``, the names of the stages
    it runs ``after`` (and optionally ``before``), a ``run(state)`` method and a
    ``summary(state)`` line for the progress display; the pipeline orders stages by
    those dependencies, a plugin's stage right after what it depends on.
    """


@hookspec
def before_stage(stage, state):
    """Called before ``stage`` runs; may inspect or change the pipeline ``state``."""


@hookspec
def after_stage(stage, state):
    """Called after ``stage`` has run; may inspect or change its result in ``state``.

    Later work inserts model repair here: a plugin sees which candidates failed
    and which correction was accepted.
    """


@hookspec(firstresult=True)
def implement_fallback(task, result, backend, state, check):
    """Called when a stage's backend could not implement a task (``spf.pipeline.ask_backend``).

    ``task`` is the ``spf.loop.FunctionTask``, ``result`` the configured backend's
    ``ImplementResult`` (None when the loop could not run), ``backend`` that backend,
    ``check`` the stage's acceptance test for a candidate's source (None for a function,
    whose examples are the test; a command body's spec cases, say). Return an
    ``ImplementResult`` from another source (a teacher backend) to use it instead, or None.
    The first non-None result wins; an unimplemented one is reported as the reason.
    """


@hookspec
def function_outcome(unit, task, backend, result, fallback, state, check):
    """Called once per task a stage asked a backend for, after its body is settled.

    The implement stage calls it for every function and for every command body it asks a
    backend for; a plugin stage gets the same by asking through ``spf.pipeline.ask_backend``
    (or calling ``spf.pipeline.settle_with_hooks`` after its own loop). ``result`` is the
    configured backend's ``ImplementResult`` (None when the loop could not run),
    ``fallback`` what ``implement_fallback`` returned (None if it was not needed or nobody
    answered), ``check`` the stage's acceptance test (None: the task's examples).
    Corrections are visible here: the backend's candidates were rejected and the accepted
    body came from a later attempt or from the fallback. Observe only.
    """


@hookspec
def register_backends(register):
    """Add language-model backends: ``register(backend_class)``.

    ``backend_class`` subclasses ``spf.backends.Backend`` and has a unique
    ``name``; users select it with ``--backend NAME[:ARG]``.
    """


# ---------------------------------------------------------------- neural toolkit


@hookspec
def register_architectures(register):
    """Teach the neural adapters a new model family: ``register(model_type, adapter_factory)``.

    ``model_type`` is the Hugging Face ``config.model_type``; see
    ``spf.neural.adapters`` for what the factory returns.
    """


@hookspec
def register_repair_methods(register):
    """Add model-repair methods: ``register(name, method_function, config_class)``.

    ``method_function(model, tokenizer, cases, config)`` returns a
    ``spf.neural.repair.RepairResult``; ``config_class`` is a dataclass of its options.
    """


@hookspec
def register_freeze_policies(register):
    """Add layer-freezing policies for fine-tuning: ``register(name, policy_function)``.

    ``policy_function(model, argument, context)`` returns the list of frozen block indices.
    """
