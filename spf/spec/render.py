"""Write a ``Project`` back as ``spec.md`` text: the inverse of the parser.

Scripts that scaffold top-down build or change Layer-1 items in Python and hand
the result on as a readable spec; ``parse_spec(render_spec(project))`` gives
back the same items (spans aside). Inferred values are written out explicitly
(a store's ``holds``/``format``/``path``, a command's ``store``), so the text
means the same thing even if the inference rules change.
"""

from __future__ import annotations

from spf.spec.model import Command, Entity, Example, Function, Project, Store
from spf.spec.transcripts import render_transcript


def render_spec(project: Project) -> str:
    """The whole spec as Markdown, items in source order."""
    # Attributes first: the description may end in prose sections (``## Notes``) whose
    # bullets would otherwise swallow them.
    blocks = ["\n".join([f"# Project: {project.name}", *_attributes(project.attributes)])]
    if project.description:
        blocks.append(project.description)
    blocks.extend(render_transcript(transcript) for transcript in project.transcripts if not transcript.told)
    has_stores = bool(project.stores)
    for item in project.items():
        if isinstance(item, Entity):
            blocks.append(render_entity(item))
        elif isinstance(item, Store):
            blocks.append(render_store(item))
        elif isinstance(item, Function):
            blocks.append(render_function(item))
        else:
            blocks.append(render_command(item, has_stores=has_stores))
    return "\n\n".join(blocks) + "\n"


def render_entity(entity: Entity) -> str:
    lines = []
    for field in entity.fields:
        line = f"- {field.name}: {field.type.text}"
        if field.default is not None:
            line += f" = {field.default}"
        if field.description:
            line += f" — {field.description}"
        lines.append(line)
    return _section(f"## Entity: {entity.name}", entity.description, lines)


def render_store(store: Store) -> str:
    lines = [f"- holds: {store.entity}", f"- format: {store.format}", f"- path: {store.path}"]
    return _section(f"## Store: {store.name}", store.description,
                    lines + _attributes(store.attributes))


def render_function(function: Function) -> str:
    lines = _attributes(function.attributes)
    lines += [_function_example(example) for example in function.examples]
    return _section(f"## Function: {function.signature}", function.description, lines)


def render_command(command: Command, *, has_stores: bool = True) -> str:
    params = ", ".join(_param(param) for param in command.params)
    lines = [f"- store: {command.store}"] if command.store else []
    if command.store is None and has_stores:
        lines = ["- store: none"]  # otherwise the parser would infer one
    lines += _attributes(command.attributes)
    for error in command.errors:
        lines.append(f"- error: {error.condition} prints {_string(error.message)} "
                     f"and exits with status {error.status}")
    for example in command.examples:
        line = f"- `{example.call}` prints {example.expected}"
        if example.status:
            line += f" and exits with status {example.status}"
        lines.append(line)
    section = _section(f"## Command: {command.name}({params})", command.description, lines)
    transcripts = [render_transcript(transcript) for transcript in command.transcripts if not transcript.told]
    return "\n\n".join([section, *transcripts])


def _function_example(example: Example) -> str:
    if example.raises is not None:
        line = f"- {example.call} raises {example.raises}"
    else:
        line = f"- {example.call} == {example.expected}"
    if example.note:
        line += f" — {example.note}"
    return line


def _param(param) -> str:
    text = f"{param.name}: {param.type.text}"
    if param.default is not None:
        text += f" = {param.default}"
    return text


def _attributes(attributes: dict[str, str]) -> list[str]:
    return [f"- {key}: {value}" for key, value in attributes.items()]


def _string(text: str) -> str:
    """A double-quoted Python string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _section(heading: str, description: str, bullets: list[str]) -> str:
    return heading + ("\n" + _join(description, bullets) if description or bullets else "")


def _join(description: str, bullets: list[str]) -> str:
    parts = [description] if description else []
    if bullets:
        parts.append("\n".join(bullets))
    return "\n\n".join(parts)
