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
    from pathlib import Path

    from spf.errors import SpfError
    from spf.spec.parser import SPEC_FILE
    from spf.spec.parser import load_spec as _load

    path = Path(path)
    spec_path = path / SPEC_FILE if path.is_dir() and path.name != SPEC_FILE else path
    if spec_path.is_dir():  # a folder named spec.md: say so, once, without a doubled path
        raise SpfError(f"{SPEC_FILE} is a folder, not a file", location=str(spec_path),
                       hint="the requirements go in a file named spec.md")
    return _load(spec_path if spec_path.is_file() else path)


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
