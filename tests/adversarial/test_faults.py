"""Faults: a kill at every step of the write path, a full disk, read-only files and folders,
a lock left by a killed process, an editor saving mid-command.

Promise: a command killed at any step leaves every file old or new (never half), and after
recovery (`ccos doctor --fix`, or simply the next write command) the workspace is exactly
as before the killed command (Taskwarrior #1420, #2264; Timewarrior #480); a full disk or a
read-only file gives exit 5 with nothing changed; an edit saved mid-command is kept (exit 3).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccos.storage.atomic_write import ALL_FAILPOINTS
from tests.adversarial.workspace import WRITE_COMMANDS, argv, copy_workspace, invoke
from tests.conftest import TODAY, run_ccos, snapshot

# one command per way of writing: replace a TOML file, create a session, rewrite a session's
# front matter, replace ccos.toml, create a piece
FAULT_COMMANDS = [
    ("checklist", "check"),
    ("mentee", "log"),
    ("mentee", "done"),
    ("config", "set"),
    ("share", "add"),
]
KILL_STEPS = [step for step in ALL_FAILPOINTS if step != "journal-rollback"]
FULL = os.environ.get("CCOS_ADVERSARIAL_FULL", "") not in ("", "0")
# every step with two of the commands in rotation (all five with CCOS_ADVERSARIAL_FULL=1)
KILL_CASES = [
    (step, command)
    for index, step in enumerate(KILL_STEPS)
    for number, command in enumerate(FAULT_COMMANDS)
    if FULL or number in (index % len(FAULT_COMMANDS), (index + 2) % len(FAULT_COMMANDS))
]


def _killed(root: Path, command: tuple[str, ...], step: str) -> subprocess.CompletedProcess[str]:
    return run_ccos(
        "-w", str(root), *argv(command, WRITE_COMMANDS[command]), env={"CCOS_TODAY": TODAY, "CCOS_FAILPOINT": step}
    )


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.ccos-tmp") if ".ccos" not in p.relative_to(root).parts[:1]]


@pytest.mark.parametrize(("step", "command"), KILL_CASES, ids=[f"{s}-{' '.join(c)}" for s, c in KILL_CASES])
def test_kill_at_every_step(ws: Path, step: str, command: tuple[str, ...]) -> None:
    before = snapshot(ws)
    originals = list(before)
    result = _killed(ws, command, step)
    creates = command in (("mentee", "log"), ("share", "add"))
    if step == "after-backup" and creates:
        assert result.returncode == 0, result.stderr  # nothing to back up: the step is never reached
        return
    assert result.returncode == -signal.SIGKILL, f"{step} not reached: {result.returncode} {result.stderr}"
    # old or new, never half: nothing vanished, and doctor finds no broken file
    for path in originals:
        assert (ws / path).exists(), f"{path} vanished"
    report = invoke(ws, "doctor", "--json")
    problems = json.loads(report.stdout)["problems"]
    assert all(p["fixable"] for p in problems), problems
    assert all(p["code"] != "invalid_file" for p in problems)
    fixed = invoke(ws, "doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert snapshot(ws) == before, f"{step}: the killed command was not rolled back"
    assert not _temp_files(ws)
    again = invoke(ws, *argv(command, WRITE_COMMANDS[command]))
    assert again.exit_code == 0, again.stderr
    assert invoke(ws, "doctor").exit_code == 0


def test_the_next_command_rolls_back_without_doctor(ws: Path) -> None:
    before = snapshot(ws)
    assert _killed(ws, ("checklist", "check"), "after-replace").returncode == -signal.SIGKILL
    assert snapshot(ws) != before
    result = invoke(ws, "checklist", "add", "--over-budget", "Another item")
    assert result.exit_code == 0, result.stderr
    assert "rolled back an interrupted `ccos checklist check`" in result.stderr
    shown = invoke(ws, "checklist", "show", "--json").stdout
    assert '"Another item"' in shown
    assert not list((ws / ".ccos" / "journal").glob("*.json"))


def test_kill_during_rollback_then_recover(ws: Path) -> None:
    before = snapshot(ws)
    assert _killed(ws, ("mentee", "done"), "before-journal-remove").returncode == -signal.SIGKILL
    interrupted = run_ccos(
        "-w", str(ws), "doctor", "--fix", env={"CCOS_TODAY": TODAY, "CCOS_FAILPOINT": "journal-rollback"}
    )
    assert interrupted.returncode == -signal.SIGKILL
    assert invoke(ws, "doctor", "--fix").exit_code == 0
    assert snapshot(ws) == before


MULTI_WRITER = """
import sys
from pathlib import Path
from ccos.storage.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
a, b, c = ws.root / "checklists" / "2026-W47.toml", ws.root / "ccos.toml", ws.root / "sharing" / "new.toml"
with ws.locked("test multi-file"):
    for path in (a, b):
        ws.read_bytes(path)
        ws.write_text(path, ws.read_text(path) + "\\n# changed by a multi-file write\\n")
    ws.write_text(c, 'title = "New"\\nkind = "article"\\nstage = "idea"\\n')
"""


@pytest.mark.parametrize(
    "step", ["after-journal:2", "after-replace:1", "before-replace:2", "after-replace:2", "before-replace:3"]
)
def test_a_multi_file_write_completes_or_is_rolled_back(ws: Path, step: str) -> None:
    """The journal: a command changing several files is killed between them (as `ccos import` will)."""
    before = snapshot(ws)
    killed = subprocess.run(
        [sys.executable, "-c", MULTI_WRITER, str(ws)],
        env={**os.environ, "CCOS_FAILPOINT": step},
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list((ws / ".ccos" / "journal").glob("*.json"))
    result = invoke(ws, "doctor", "--fix")
    assert result.exit_code == 0, result.stdout
    assert "rolled back an interrupted `ccos test multi-file`" in result.stdout
    assert snapshot(ws) == before
    complete = subprocess.run(
        [sys.executable, "-c", MULTI_WRITER, str(ws)], capture_output=True, text=True, check=False
    )
    assert complete.returncode == 0, complete.stderr
    after = snapshot(ws)
    assert {k for k in after if after.get(k) != before.get(k)} == {
        "checklists/2026-W47.toml",
        "ccos.toml",
        "sharing/new.toml",
    }


def test_a_failing_multi_file_write_rolls_back_in_process(ws: Path) -> None:
    from ccos.errors import ChangedOnDisk
    from ccos.storage.workspace import Workspace

    before = snapshot(ws)
    workspace = Workspace.open(ws)
    target = ws / "checklists" / "2026-W47.toml"
    with pytest.raises(ChangedOnDisk), workspace.locked("test"):
        workspace.read_bytes(target)
        workspace.write_text(target, workspace.read_text(target) + "\n# one\n")
        (ws / "sharing" / "new.toml").write_text('title = "X"\n', encoding="utf-8")  # appears underneath
        workspace.write_text(ws / "sharing" / "new.toml", 'title = "Y"\n')
    (ws / "sharing" / "new.toml").unlink()
    assert snapshot(ws) == before
    assert any("rolled back" in note for note in workspace.notes)


# --- a full disk, read-only files --------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str = "512k", options: str = "") -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real full disk needs root to mount a small tmpfs; the ENOSPC simulation covers it")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}{options}", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0")
    finally:
        os.close(fd)
    return filler


def test_a_real_full_disk(populated_template: Path, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk") as disk:
        root = copy_workspace(populated_template, disk / "ws")
        invoke(root, "status")  # the lock file exists before the disk fills
        before = snapshot(root)
        filler = _fill(disk)
        results = {}
        for command in sorted(WRITE_COMMANDS):
            result = invoke(root, *argv(command, WRITE_COMMANDS[command]))
            results[command] = result.exit_code
            assert result.exit_code in (0, 5), f"{command}: {result.exit_code} {result.stderr}"
            if result.exit_code == 5:
                assert "disk full" in result.stderr
        assert snapshot(root) == before, "a full disk changed the workspace"
        assert set(results.values()) == {5}
        filler.unlink()
        assert invoke(root, "doctor").exit_code == 0
        assert not _temp_files(root)
        assert invoke(root, "checklist", "check", "2").exit_code == 0


def test_simulated_enospc_at_each_write(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no tmpfs can be mounted: os.write fails with ENOSPC after N calls."""
    import errno

    real_write = os.write
    for allowed in range(4):
        calls = {"n": 0}

        def failing(fd: int, data: bytes, _allowed: int = allowed, _calls: dict[str, int] = calls) -> int:
            _calls["n"] += 1
            if _calls["n"] > _allowed:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)

        before = snapshot(ws)
        monkeypatch.setattr(os, "write", failing)
        result = invoke(ws, "checklist", "check", "2")
        monkeypatch.setattr(os, "write", real_write)
        assert result.exit_code in (0, 5), result.stderr
        if result.exit_code == 5:
            assert "disk full" in result.stderr
            assert snapshot(ws) == before
        assert not _temp_files(ws)
        assert invoke(ws, "doctor").exit_code == 0
        if result.exit_code == 0:
            break


def test_a_read_only_folder(populated_template: Path, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        root = copy_workspace(populated_template, disk / "ws")
        invoke(root, "status")
        before = snapshot(root)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, check=False)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only")
        for command in sorted(WRITE_COMMANDS):
            result = invoke(root, *argv(command, WRITE_COMMANDS[command]))
            assert result.exit_code == 5, f"{command}: {result.exit_code} {result.stderr}"
            assert "read-only file system" in result.stderr, f"{command}: {result.stderr}"
            assert "permission denied" not in result.stderr and "remount" in result.stderr
        assert snapshot(root) == before
        assert invoke(root, "doctor").exit_code == 0


def test_a_read_only_file(ws: Path) -> None:
    target = ws / "checklists" / "2026-W47.toml"
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip("as root, chmod does not stop writes and chattr +i is not available here")
        undo = ["chattr", "-i", str(target)]
    else:
        target.parent.chmod(0o555)
        undo = ["chmod", "755", str(target.parent)]
    try:
        before = snapshot(ws)
        result = invoke(ws, "checklist", "check", "2")
        assert result.exit_code == 5, result.stderr
        assert "permission denied" in result.stderr and "2026-W47.toml" in result.stderr
        assert snapshot(ws) == before
        assert invoke(ws, "share", "add", "--over-budget", "Elsewhere").exit_code == 0  # other files still work
    finally:
        subprocess.run(undo, capture_output=True, check=False)
    assert invoke(ws, "doctor").exit_code == 0


# --- the lock, an editor --------------------------------------------------------------------

HOLDER = (
    "import sys, time; from pathlib import Path; from ccos.storage.lock import hold_lock\n"
    "with hold_lock(Path(sys.argv[1]), 'checklist check'):\n"
    "    print('locked', flush=True); time.sleep(60)\n"
)


def test_a_lock_left_by_a_killed_process(ws: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(ws / ".ccos")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = snapshot(ws)
        busy = invoke(ws, "checklist", "check", "2", env={"CCOS_LOCK_TIMEOUT": "0.3"})
        assert busy.exit_code == 3
        assert f"pid {holder.pid}" in busy.stderr and "checklist check" in busy.stderr
        assert snapshot(ws) == before
    finally:
        holder.kill()
        holder.wait()
    assert (ws / ".ccos" / "lock.json").exists()  # left behind by the kill
    start = time.monotonic()
    result = invoke(ws, "checklist", "check", "2", env={"CCOS_LOCK_TIMEOUT": "5"})
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - start < 3, "waited for a dead process's lock"


REPLACING = [
    c
    for c in sorted(WRITE_COMMANDS)
    if c
    not in {
        ("share", "add"),
        ("mentee", "add"),
        ("mentee", "log"),
        ("event", "add"),
        ("community", "add"),
        ("member", "add"),
        ("review", "week"),
        ("review", "month"),
        ("review", "quarter"),
        ("checkin",),
    }
]


@pytest.mark.parametrize("command", REPLACING, ids=" ".join)
def test_an_editor_saves_mid_command(ws: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]) -> None:
    """The file changes between ccos reading and writing it: exit 3, the person's edit kept."""
    import ccos.storage.workspace as workspace_module

    real = workspace_module.write_atomically
    edited: dict[Path, bytes] = {}

    def editor_saves_first(path: Path, data: bytes, **kwargs: object) -> None:
        if not edited and path.exists() and ".ccos" not in path.parts:
            edited[path] = path.read_bytes() + b"\n# saved by an editor\n"
            path.write_bytes(edited[path])
        real(path, data, **kwargs)  # type: ignore[arg-type]

    before = snapshot(ws)
    monkeypatch.setattr(workspace_module, "write_atomically", editor_saves_first)
    result = invoke(ws, *argv(command, WRITE_COMMANDS[command]))
    monkeypatch.setattr(workspace_module, "write_atomically", real)
    assert result.exit_code == 3, result.stderr
    assert "changed on disk" in result.stderr and "your edit is kept" in result.stderr
    ((path, data),) = edited.items()
    assert path.read_bytes() == data
    after = snapshot(ws)
    assert {k for k in after if after[k] != before.get(k)} == {path.relative_to(ws).as_posix()}
    assert not list((ws / ".ccos" / "journal").glob("*.json"))
