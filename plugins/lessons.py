"""Built-in plugin: ``spf lessons list|show|revert|export``, the user-level lesson store.

What ``spf generate --learn`` learned is kept per base-model fingerprint in the user's lesson
store (``spf.lessons``; ``$SPF_LESSONS_DIR`` or the data folder, ``--store`` here). These
commands read and manage it without loading a model (nothing here imports torch). A lesson
is named ``FINGERPRINT/NUMBER`` (a unique prefix of the fingerprint is enough), as ``list``
prints it. Bad input (an unknown or malformed id, an export folder that is not empty) is one
line and exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from spf import hookimpl


def _root(store: str | None) -> Path:
    from spf.lessons import store_root

    return store_root(store or "user")


def _store_option(function):
    return click.option("--store", metavar="DIR", default=None,
                        help="The lesson store [default: $SPF_LESSONS_DIR, else the user's data "
                             "folder]/lessons.")(function)


@click.group(name="lessons")
def lessons_command():
    """See and manage what models learned (the user-level lesson store).

    \b
    spf lessons list               every model fingerprint and its lessons
    spf lessons show ID            one lesson: what it taught, its guards, its chain
    spf lessons revert ID          remove it (and later lessons made on it)
    spf lessons export ID DEST     copy it, with the lessons it was made on, to DEST
    """


@lessons_command.command(name="list")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_command(store, as_json):
    """Every base model in the store and its lessons, in chain order."""
    from spf.lessons import lesson_id, store_models

    root = _root(store)
    models = store_models(root)
    data = {"store": str(root), "models": [
        {"fingerprint": item["fingerprint"], "model": item["model"],
         "lessons": [{"id": lesson_id(item["folder"], lesson), **lesson.summary()}
                     for lesson in item["lessons"]]} for item in models]}
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"lesson store: {root}")
    if not models:
        click.echo("no lessons yet (spf generate --learn saves them here)")
    for item in data["models"]:
        click.echo(f"{item['fingerprint']}  {item['model']}")
        for lesson in item["lessons"]:
            units = ", ".join(unit.rsplit("::", 1)[-1] for unit in lesson["units"])
            click.echo(f"  {lesson['id']}  {lesson['method']:<8} {lesson['kind']:<7} "
                       f"{lesson['fixed']}/{lesson['corrections']} fixed  "
                       f"{lesson['project'] or '-'}  {lesson['created'] or '-'}  {units}")


@lessons_command.command(name="show")
@click.argument("lesson")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the lesson's metadata as JSON.")
def show_command(lesson, store, as_json):
    """One lesson: the corrections it taught, its guards and the lessons it was made on."""
    from spf.lessons import find_lesson, lesson_id

    folder, found = find_lesson(_root(store), lesson)
    summary = {"id": lesson_id(folder, found), "path": str(found.path), **found.summary()}
    if as_json:
        click.echo(json.dumps({**summary, "metadata": found.metadata}, indent=2))
        return
    for key in ("id", "path", "method", "kind", "project", "created", "model", "fingerprint"):
        click.echo(f"{key}: {summary[key]}")
    click.echo(f"made on: {', '.join(summary['base_learned']) or 'the base model'}")
    for case in found.learn.get("cases", []):
        mark = "fixed" if case.get("fixed") else "not fixed"
        click.echo(f"  {case.get('unit')}: {mark}: {case.get('target', '')!r}")
    guards = found.learn.get("guards") or {}
    if guards:
        click.echo(f"guards: {guards.get('bodies', 0)} bodies, {guards.get('broken', 0)} broken")


@lessons_command.command(name="revert")
@click.argument("lesson")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the removed lessons as JSON.")
def revert_command(lesson, store, as_json):
    """Remove LESSON and the later lessons made on it: the next run loads the model without
    them (bit for bit the model it was before)."""
    from spf.lessons import revert_lesson

    removed = revert_lesson(_root(store), lesson)
    if as_json:
        click.echo(json.dumps({"removed": removed}))
        return
    click.echo(f"reverted: {', '.join(removed)}")


@lessons_command.command(name="export")
@click.argument("lesson")
@click.argument("destination", type=click.Path(path_type=Path))
@_store_option
def export_command(lesson, destination, store):
    """Copy LESSON (with the lessons it was made on, and their sidecars) into DESTINATION, a new
    folder: another store's model folder or a project's .spf/patches/ loads them."""
    from spf.lessons import export_lesson

    written = export_lesson(_root(store), lesson, destination)
    click.echo(f"exported {len(written)} lesson(s) to {destination}")


@hookimpl
def register_commands(cli):
    cli.add_command(lessons_command)
