"""A spec off the examples' beaten path: optional and list fields, two stores, a nested
SQLite path, a flag filter, custom exit statuses, and a command nothing can implement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SPEC = Path(__file__).parent / "specs" / "wide.md"


def test_wide_spec_generates_verifies_and_reports_the_stub(spf_cli, tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    shutil.copy(SPEC, folder / "spec.md")
    result = spf_cli("generate", folder, "--json")
    report = json.loads(result.stdout)
    assert report["verify"]["ok"], report["verify"]["output"]
    assert report["verify"]["failed"] == 0 and report["verify"]["passed"] >= 25
    # Only the command no store operation or function fits is unimplemented, and it says so.
    assert report["unimplemented"] == ["club_roster/cli.py::sync_command"]
    assert report["verify"]["xfailed"] == 1
    assert result.exit_code == 3
    cli = (folder / "club_roster" / "cli.py").read_text()
    assert 'raise NotImplementedError(\n        "sync: not implemented yet' in cli
    assert 'fail("age must not be negative", 2)' in cli
    assert 'fail("no such member", 3)' in cli
    assert "rows = [(position, item) for position, item in rows if (not active or item.active)]" in cli
    stores = (folder / "club_roster" / "stores.py").read_text()
    assert 'def __init__(self, path: str | Path = "data/teams.db") -> None:' in stores
    models = (folder / "club_roster" / "models.py").read_text()
    assert "    nickname: str | None = None\n" in models
    assert "    scores: list[int] = field(default_factory=list)\n" in models
