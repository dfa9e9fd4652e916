"""The CLI contract: workspace lookup, CCOS_TODAY, exit codes, help, --json, literal text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccos import __version__
from ccos.cli import app
from tests.conftest import Ccos, snapshot

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"ccos {__version__}\n"


def _commands(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, sub in getattr(command, "commands", {}).items():
        found.append((*prefix, name))
        found.extend(_commands(sub, (*prefix, name)))
    return found


def all_commands() -> list[tuple[str, ...]]:
    import typer.main

    return _commands(typer.main.get_command(app))


ALL_COMMANDS = all_commands()


def test_every_command_has_help_with_an_example() -> None:
    assert ("plan", "week") in ALL_COMMANDS and ("checklist", "check") in ALL_COMMANDS
    for command in ALL_COMMANDS:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example" in result.stdout, f"{' '.join(command)} --help has no example"


def test_every_command_is_in_the_readme() -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in ALL_COMMANDS:
        # a group may take an argument before its subcommand: `ccos event task REF check`
        pattern = r"ccos " + r"(?: [A-Z]+)? ".join(re.escape(word) for word in command)
        assert re.search(pattern, readme), f"`ccos {' '.join(command)}` is not documented in README.md"


def test_workspace_lookup_order(make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    first = make_workspace(name="first")
    second = make_workspace(name="second")
    env = {"CCOS_TODAY": "2026-11-18"}
    # 3. the nearest folder at or above the current directory that holds ccos.toml
    nested = first.root / "sharing"
    monkeypatch.chdir(nested)
    result = runner.invoke(app, ["plan", "week", "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    # 2. CCOS_WORKSPACE beats the current directory
    monkeypatch.setenv("CCOS_WORKSPACE", str(tmp_path / "missing"))
    result = runner.invoke(app, ["plan", "week"], env=env)
    assert result.exit_code == 2 and "missing" in result.stderr
    # 1. --workspace beats everything
    result = runner.invoke(app, ["-w", str(second.root), "plan", "week"], env=env)
    assert result.exit_code == 0


def test_default_workspace_is_home_ccos(isolated_home: Path) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert f"no workspace at {isolated_home / 'ccos'}" in result.stderr
    assert "ccos init" in result.stderr
    assert runner.invoke(app, ["init", "--no-git"]).exit_code == 0
    assert (isolated_home / "ccos" / "ccos.toml").is_file()


def test_bad_ccos_today_is_exit_2(ccos: Ccos) -> None:
    result = ccos("plan", "week", today="2026-02-30")
    assert result.exit_code == 2
    assert "CCOS_TODAY" in result.stderr and result.stdout == ""


def test_malformed_week_names_the_option(ccos: Ccos) -> None:
    before = snapshot(ccos.root)
    result = ccos("plan", "week", "--week", "2026-W99")
    assert result.exit_code == 2
    assert "--week" in result.stderr and "2026-W47" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(ccos.root) == before


def test_json_is_one_clean_document(ccos: Ccos) -> None:
    for args in (
        ("plan", "week"),
        ("plan", "month"),
        ("plan", "quarter"),
        ("status",),
        ("checklist",),
        ("checklist", "show", "month"),
    ):
        result = ccos.ok(*args, "--json", env={"FORCE_COLOR": "1"})
        assert "\x1b[" not in result.stdout
        json.loads(result.stdout)


def test_user_text_is_printed_literally(ccos: Ccos) -> None:
    ccos.ok("checklist", "add", "--over-budget", "[red]not markup[/red] :smile:")
    out = ccos.ok("checklist", "show", env={"FORCE_COLOR": "1"}).stdout
    assert "[red]not markup[/red] :smile:" in out


def test_control_characters_are_not_echoed_raw(ccos: Ccos) -> None:
    result = ccos("checklist", "check", "\x1b[2Jboom")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "x1b" in result.stderr


def test_internal_errors_have_no_traceback(ccos: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccos.planning import planner as planning

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(planning, "plan_period", broken)
    result = ccos("plan", "week")
    assert result.exit_code == 1
    assert "internal error" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_is_exit_2(ccos: Ccos) -> None:
    assert ccos("plan", "week", "--frobnicate").exit_code == 2


# --- paths whatever the folder ccos runs from -------------------------------------------------


@pytest.fixture
def lived_in(make_workspace) -> Ccos:  # type: ignore[no-untyped-def]
    """A git workspace with backups, an uncommitted piece, a warning and a git leftover."""
    ws: Ccos = make_workspace(git=True)
    ws.ok("checklist", "check", "1")
    ws.ok("checklist", "check", "2")  # a backup of the week's list
    ws.ok("config", "set", "budget.weekly_hours", "7")
    ws.ok("config", "set", "budget.weekly_hours", "8")  # a backup of ccos.toml
    (ws.root / "sharing" / "odd.toml").write_text('title = "Odd"\nweekly_hour = 1\n', encoding="utf-8")
    (ws.root / ".git" / "index.lock").write_text("", encoding="utf-8")
    return ws


def _paths(data: Any) -> list[str]:
    """Every string in a JSON document that names a file of the workspace (a key "file",
    "path" or "detail" of a backup)."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key in ("file", "path") or value.startswith(".ccos/")):
                found.append(value)
            else:
                found.extend(_paths(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_paths(item))
    return found


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["doctor", "--json"], {"sharing/odd.toml", ".git/index.lock"}),
        (["sync", "--status", "--json"], {"sharing/odd.toml"}),
        (["export", "json"], {"ccos.toml", "checklists/2026-W47.toml", "sharing/odd.toml"}),
        (["config", "get", "budget.weekly_hours", "--json"], set()),
        (["restore", "checklists/2026-W47.toml", "--list", "--json"], {"checklists/2026-W47.toml"}),
    ],
    ids=["doctor", "sync-status", "export-json", "config-get", "restore-list"],
)
def test_json_paths_are_the_same_from_any_folder(
    lived_in: Ccos, argv: list[str], expected: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every path in `--json` is workspace-relative and `/`-separated: run from a folder of
    the workspace (found as the nearest ccos.toml), from its root, or from outside with -w."""
    outputs = []
    for cwd, global_args in (
        (lived_in.root / "checklists", []),
        (lived_in.root, []),
        (tmp_path, ["-w", str(lived_in.root)]),
    ):
        monkeypatch.chdir(cwd)
        result = runner.invoke(app, [*global_args, *argv], env={"CCOS_TODAY": lived_in.today})
        assert result.exit_code in (0, 2), result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    paths = _paths(json.loads(outputs[0]))
    assert expected <= set(paths)
    assert [path for path in paths if path.startswith("/") or "\\" in path or path.startswith("..")] == []
