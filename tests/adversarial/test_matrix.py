"""Every command, from the Typer app: in the table, valid arguments work, writes are classified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.adversarial.workspace import (
    READ_COMMANDS,
    SPECIAL_COMMANDS,
    WRITE_COMMANDS,
    all_commands,
    argv,
    invoke,
)
from tests.conftest import snapshot


def test_every_command_is_in_the_table() -> None:
    known = set(WRITE_COMMANDS) | set(READ_COMMANDS) | set(SPECIAL_COMMANDS)
    missing = sorted(set(all_commands()) - known)
    assert not missing, (
        f"commands without valid arguments in tests/adversarial/workspace.py: {missing}; "
        "add each to WRITE_COMMANDS or READ_COMMANDS so the adversarial suite runs it"
    )
    assert not (set(WRITE_COMMANDS) & set(READ_COMMANDS))
    assert not (known - set(all_commands())), "the table names commands that no longer exist"


@pytest.mark.parametrize("command", sorted(WRITE_COMMANDS), ids=" ".join)
def test_write_command_changes_the_workspace(ws: Path, command: tuple[str, ...]) -> None:
    before = snapshot(ws)
    result = invoke(ws, *argv(command, WRITE_COMMANDS[command]))
    assert result.exit_code == 0, result.stderr
    after = snapshot(ws)
    assert after != before, f"{command} is listed as a write command but changed nothing"
    assert not list((ws / ".ccos" / "journal").glob("*.json")), "a finished command left its journal"
    assert invoke(ws, "doctor").exit_code == 0, invoke(ws, "doctor").stdout


@pytest.mark.parametrize("command", sorted(READ_COMMANDS), ids=" ".join)
def test_read_command_changes_nothing(ws: Path, command: tuple[str, ...]) -> None:
    before = snapshot(ws)
    result = invoke(ws, *argv(command, READ_COMMANDS[command]))
    assert result.exit_code == 0, result.stderr
    if command == ("export", "ics"):
        assert result.stdout.startswith("BEGIN:VCALENDAR")
    elif command == ("export", "markdown"):
        assert result.stdout.startswith("#")
    else:
        json.loads(result.stdout)
    assert snapshot(ws) == before
