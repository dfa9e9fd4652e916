"""AppContext: the only reader of the environment (variables, clock, time zone, the folder
ccos runs from, the terminal); what sits below the commands is handed what it needs."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from ccos.cli import app
from ccos.context import AppContext
from tests.conftest import Ccos


def _status(ccos: Ccos, cwd: Path, *global_args: str) -> str:
    """`ccos status` run as if from `cwd` (the process stays in its own folder); its stderr."""
    context = AppContext(cwd=cwd, environ={**os.environ, "CCOS_TODAY": ccos.today})
    result = CliRunner().invoke(app, [*global_args, "status"], obj=context)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_messages_show_paths_from_the_context_folder(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("checklist", "check", "1")
    week = ccos.root / "checklists" / "2026-W47.toml"
    week.write_text("surprise = 1\n" + week.read_text(encoding="utf-8"), encoding="utf-8")
    assert Path.cwd() not in (ccos.root, *ccos.root.parents)  # the process runs elsewhere
    assert "note: checklists/2026-W47.toml:1: unknown key surprise" in _status(ccos, ccos.root, "-w", str(ccos.root))
    assert "note: 2026-W47.toml:1: unknown key surprise" in _status(ccos, ccos.root / "checklists")  # found upwards
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert f"note: {week}:1: unknown key surprise" in _status(ccos, elsewhere, "-w", str(ccos.root))  # outside
    # a relative --workspace is relative to the context's folder, not the process's
    relative = os.path.relpath(ccos.root, ccos.root.parent.parent)
    stderr = _status(ccos, ccos.root.parent.parent, "-w", relative)
    assert f"note: {relative}/checklists/2026-W47.toml:1: unknown key surprise" in stderr


def test_now_is_in_the_workspace_zone_on_ccos_today(make_workspace) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    ws: Ccos = make_workspace("--timezone", "Pacific/Kiritimati")
    zone = ZoneInfo("Pacific/Kiritimati")
    overridden = AppContext(workspace_option=str(ws.root), environ={"CCOS_TODAY": "2026-11-18"})
    now = overridden.now()
    assert now.tzinfo == zone and now.date() == date(2026, 11, 18) == overridden.today()
    assert now is overridden.now()  # one moment per invocation
    clock = AppContext(workspace_option=str(ws.root), environ={}).now()
    assert clock.tzinfo == zone and abs(clock - datetime.now(zone)) < timedelta(minutes=1)
    assert clock.date() == AppContext(workspace_option=str(ws.root), environ={}).today()


def test_now_without_a_readable_workspace_is_the_machine_clock(ccos: Ccos) -> None:
    (ccos.root / "ccos.toml").write_text("[oops\n", encoding="utf-8")
    context = AppContext(workspace_option=str(ccos.root), environ={"CCOS_TODAY": "2026-11-18"})
    now = context.now()
    assert now.tzinfo is not None and now.date() == date(2026, 11, 18)
