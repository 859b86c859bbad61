"""Layer 1: the requirements language. ``load_spec(path)`` and ``parse_spec(text)``."""

from spf.spec.model import (  # noqa: F401
    Command,
    Entity,
    ErrorCase,
    Example,
    Field,
    Function,
    Item,
    Param,
    Project,
    Span,
    Store,
    Transcript,
    TranscriptStep,
    TypeRef,
)


def load_spec(path):
    """Parse a project folder's ``spec.md`` (or a spec file) into a ``Project``."""
    from spf.spec.parser import load_spec as _load

    return _load(path)


def parse_spec(text, file="spec.md", *, display_path=None):
    """Parse requirements text into a ``Project``; raises ``SpecError`` on bad input.

    ``file`` names the spec in spans, ``display_path`` (default ``file``) in errors.
    """
    from spf.spec.parser import parse_spec as _parse

    return _parse(text, file=file, display_path=display_path)


def render_spec(project):
    """Write a ``Project`` back as spec.md text (``parse_spec`` reads it back unchanged)."""
    from spf.spec.render import render_spec as _render

    return _render(project)
