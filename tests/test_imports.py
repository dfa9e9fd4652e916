"""Import discipline: what each command imports stays within its allow-list.

Start-up time is a feature (benchmarks/README.md), and the cheapest way to lose it is one
stray top-level import. A stopwatch in CI would flake; the set of imported modules does
not. Each command runs in a real process (the `ccos` entry point) and reports
`sys.modules` at exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import TODAY, Ccos

DRIVER = """
import sys
out = sys.argv[1]
sys.argv = ["ccos", *sys.argv[2:]]

def dump():
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\\n".join(sorted(sys.modules)))

import atexit
atexit.register(dump)
from ccos.entry import main
main()
"""

# Never, in any command: click (Typer vendors what it needs), icalendar (only an export would).
NEVER = {"click", "icalendar"}
# The heavy libraries, and where they may appear.
HEAVY = {"typer", "rich", "pydantic", "pydantic_core", "tomlkit", "filelock", "dateutil"}
READ_COMMANDS = [
    ("plan", "week"),
    ("status",),
    ("checklist",),
    ("mentee", "list"),
    ("share", "list"),
    ("event", "list"),
]


def imported(tmp_path: Path, *args: str, env: dict[str, str] | None = None, cache: bool = False) -> set[str]:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    out = tmp_path / "modules.txt"
    environment = {**os.environ, "CCOS_TODAY": TODAY, **(env or {})}
    if not cache:
        environment["CCOS_NO_CACHE"] = "1"
    src = str(Path(__file__).resolve().parents[1] / "src")
    environment["PYTHONPATH"] = os.pathsep.join([src, environment.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, str(driver), str(out), *args], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(out.read_text(encoding="utf-8").split("\n"))


def tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.fixture
def workspace(make_workspace: Callable[..., Ccos]) -> Ccos:
    ccos = make_workspace()
    ccos.ok("mentee", "add", "Ada Lovelace", "--cadence", "2/month")
    ccos.ok("mentee", "log", "Ada", "--minutes", "45", "--date", "2026-11-16")
    ccos.ok("share", "add", "--over-budget", "Why plain files", "--kind", "article")
    ccos.ok("event", "add", "--over-budget", "Autumn meetup", "--kind", "meetup", "--date", "2026-11-28 18:00")
    ccos.ok("event", "add", "--over-budget", "Stream", "--kind", "livestream", "--repeat", "weekly on thu at 20:00")
    ccos.ok("checklist", "check", "1")
    ccos.ok("checkin", "--energy", "3", "--duty", "2", "--main-job", "2", "--avoid", "1")
    return ccos


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert not tops(modules) & (HEAVY | NEVER)
    assert {m for m in modules if m.startswith("ccos.")} <= {"ccos.entry"}


def test_help_imports_no_entity_models_and_no_pydantic(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--help")
    assert not tops(modules) & (NEVER | {"pydantic", "pydantic_core", "tomlkit", "filelock", "dateutil", "tomllib"})
    assert not {m for m in modules if m.startswith(("ccos.models", "ccos.operations", "ccos.storage.workspace"))}


def test_read_commands_stay_within_their_imports(tmp_path: Path, workspace: Ccos) -> None:
    for command in READ_COMMANDS:
        every = imported(tmp_path, "-w", str(workspace.root), *command)
        # ccos uses no pydantic plugins: validating never scans the installed packages' metadata.
        assert "importlib.metadata" not in every, command
        modules = tops(every)
        assert not modules & NEVER, command
        # Reading never needs the round-trip TOML editor or the lock.
        assert not modules & {"tomlkit", "filelock"}, command
        assert {"typer", "pydantic", "rich"} <= modules, command  # the test sees real commands


def test_json_output_imports_no_rich(tmp_path: Path, workspace: Ccos) -> None:
    for command in READ_COMMANDS:
        modules = tops(imported(tmp_path, "-w", str(workspace.root), *command, "--json"))
        assert "rich" not in modules, command
        assert not modules & (NEVER | {"tomlkit", "filelock"}), command


def test_write_command_imports(tmp_path: Path, workspace: Ccos) -> None:
    modules = tops(
        imported(tmp_path, "-w", str(workspace.root), "mentee", "log", "Ada", "--minutes", "30", "--note", "ok")
    )
    assert not modules & NEVER
    assert {"tomlkit", "filelock"} & modules  # it does write, through the safe write path


def test_help_of_each_command_imports_no_services(tmp_path: Path) -> None:
    modules = imported(tmp_path, "plan", "--help")
    assert not {m for m in modules if m.startswith(("ccos.operations", "ccos.models", "ccos.planning"))}
    # a capability's declaration (its package's __init__) only: none of its code
    assert not {m for m in modules if m.startswith("ccos.capabilities.") and m.count(".") > 2}
    assert not tops(modules) & (NEVER | {"pydantic"})
