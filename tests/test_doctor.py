"""`ccos doctor`, backups and `ccos restore`."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from ccos.storage import backups
from ccos.storage.journal import Journal
from ccos.storage.workspace import Workspace
from tests.conftest import Ccos, snapshot


def _codes(ccos: Ccos) -> list[tuple[str, str | None, int | None]]:
    result = ccos("doctor", "--json")
    assert result.exit_code == 2, result.stdout
    return [(p["code"], p["file"], p["line"]) for p in json.loads(result.stdout)["problems"]]


def test_a_healthy_workspace(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    result = ccos.ok("doctor")
    assert "workspace healthy" in result.stdout
    data = ccos.json("doctor")
    assert data["healthy"] is True and data["problems"] == [] and data["files_checked"] >= 8


def test_every_problem_in_one_pass_with_file_and_line(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    ccos.ok("mentee", "add", "Ada")
    ccos.ok("mentee", "log", "ada", "--minutes", "30")
    ccos.ok("checklist", "add", "--over-budget", "x", "--week", "last")
    root = ccos.root
    (root / "checklists" / "2026-W47.toml").write_text(
        (root / "checklists" / "2026-W47.toml").read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8"
    )
    w46 = root / "checklists" / "2026-W46.toml"
    w46.write_text(w46.read_text(encoding="utf-8").replace('"2026-W46"', '"2026-W45"'), encoding="utf-8")
    (root / "mentees" / "ghost" / "sessions").mkdir(parents=True)
    (root / "mentees" / "ghost" / "sessions" / "a.md").write_text("+++\n+++\n", encoding="utf-8")
    (root / "sharing" / "lonely.md").write_text("notes\n", encoding="utf-8")
    (root / "sharing" / ".lonely.toml.999999999.ccos-tmp").write_text("x", encoding="utf-8")
    (root / "events" / "bad.toml").write_bytes(b"")
    before = snapshot(root)
    codes = _codes(ccos)
    assert ("invalid_file", "checklists/2026-W47.toml", codes[0][2]) in codes and codes[0][2]
    assert ("invalid_file", "events/bad.toml", None) in codes
    assert any(c[:2] == ("mismatched_name", "checklists/2026-W46.toml") and c[2] for c in codes)
    assert ("orphan_file", "mentees/ghost", None) in codes
    assert ("orphan_file", "sharing/lonely.md", None) in codes
    assert ("stale_temp_file", "sharing/.lonely.toml.999999999.ccos-tmp", None) in codes
    shown = ccos("doctor")
    assert shown.exit_code == 2
    assert "checklists/2026-W47.toml:" in shown.stdout and "→" in shown.stdout
    assert "6 problems" in shown.stdout or "7 problems" in shown.stdout
    assert snapshot(root) == before  # doctor alone changes nothing


def test_fix_removes_only_stale_temp_files(ccos: Ccos) -> None:
    stale = ccos.root / "checklists" / ".2026-W47.toml.999999999.ccos-tmp"
    live = ccos.root / "checklists" / f".2026-W48.toml.{os.getpid()}.ccos-tmp"
    stale.write_text("half", encoding="utf-8")
    live.write_text("in use", encoding="utf-8")
    result = ccos("doctor", "--fix")
    assert result.exit_code == 2  # the live one remains a problem
    assert "fixed: removed the stale temporary file checklists/.2026-W47.toml.999999999.ccos-tmp" in result.stdout
    assert not stale.exists() and live.exists()
    assert "temp_file_in_use" in ccos("doctor", "--json").stdout
    live.unlink()
    assert ccos("doctor", "--fix").exit_code == 0


def test_fix_rolls_back_an_interrupted_journal(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    old = path.read_bytes()
    journal = Journal(ccos.root / ".ccos", "checklist check")
    new = old.replace(b"done = false", b"done = true", 1)
    journal.record("checklists/2026-W47.toml", old, new)
    path.write_bytes(new)  # the command got this far, then died
    journal.entries[0]["pid"] = 999999999
    assert ("interrupted_write", journal.path.relative_to(ccos.root).as_posix(), None) in _codes(ccos)
    result = ccos("doctor", "--fix")
    assert result.exit_code == 0, result.stdout
    assert "rolled back an interrupted `ccos checklist check`: restored checklists/2026-W47.toml" in result.stdout
    assert path.read_bytes() == old


def test_git_state(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace(git=True)
    git_dir = ccos.root / ".git"
    (git_dir / "index.lock").write_text("", encoding="utf-8")
    (git_dir / "MERGE_HEAD").write_text("0" * 40 + "\n", encoding="utf-8")
    codes = {code for code, _f, _l in _codes(ccos)}
    assert {"git_index_lock", "git_in_progress"} <= codes
    text = ccos("doctor").stdout
    assert "index.lock" in text and "merge" in text


# --- backups --------------------------------------------------------------------------------


def test_a_replace_keeps_the_previous_version(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    first = path.read_bytes()
    ccos.ok("checklist", "check", "2")
    listed = ccos.json("restore", "checklists/2026-W47.toml", "--list")
    assert [v["version"] for v in listed["versions"]] == ["1"]
    stored = ccos.root / listed["versions"][0]["detail"]
    assert stored.read_bytes() == first
    ccos.ok("restore", "checklists/2026-W47.toml")
    assert path.read_bytes() == first
    # the restore itself is undoable
    assert len(ccos.json("restore", "checklists/2026-W47.toml", "--list")["versions"]) == 2


def test_git_history_suffices_for_a_committed_clean_file(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace(git=True)
    ccos.ok("config", "set", "budget.weekly_hours", "7")  # ccos.toml was committed by init: no backup
    assert not (ccos.root / ".ccos" / "backups" / "ccos.toml").exists()
    ccos.ok("config", "set", "budget.weekly_hours", "8")  # now it differs from git's index: back up
    assert len(backups.list_backups(ccos.root / ".ccos", "ccos.toml")) == 1
    versions = ccos.json("restore", "ccos.toml", "--list")["versions"]
    assert versions[-1]["source"] == "git"
    ccos.ok("restore", "ccos.toml", "--version", versions[-1]["version"])
    assert "weekly_hours = 6" in (ccos.root / "ccos.toml").read_text(encoding="utf-8")


def test_never_backs_up_an_empty_or_invalid_file(tmp_path: Path) -> None:
    state = tmp_path / ".ccos"
    assert backups.save_backup(state, "a.toml", b"x = 1\n") is not None
    assert backups.save_backup(state, "a.toml", b"") is None
    assert backups.save_backup(state, "a.toml", b"x = [\n") is None
    assert backups.save_backup(state, "a.toml", b"<<<<<<< HEAD\nx = 1\n") is None
    assert backups.save_backup(state, "a.toml", b"x = 1\n") is not None  # same as the newest: not stored twice
    assert len(backups.list_backups(state, "a.toml")) == 1


def test_rotation_keeps_the_newest_versions(tmp_path: Path) -> None:
    state = tmp_path / ".ccos"
    for number in range(backups.MAX_VERSIONS + 5):
        backups.save_backup(state, "c/a.toml", f"x = {number}\n".encode(), now=1_000_000 + number)
    kept = backups.list_backups(state, "c/a.toml")
    assert len(kept) == backups.MAX_VERSIONS
    assert kept[0].path.read_bytes() == f"x = {backups.MAX_VERSIONS + 4}\n".encode()
    assert backups.prune(state, limit=30) > 0
    assert backups.total_size(state)[1] <= 30


def test_a_deleted_file_can_be_restored(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Gone soon", "--kind", "article")
    path = ccos.root / "sharing" / "gone-soon.toml"
    data = path.read_bytes()
    workspace = Workspace.open(ccos.root)
    with workspace.locked("test delete"):
        workspace.read_bytes(path)
        workspace.delete(path)
    assert not path.exists()
    listed = ccos.json("restore", "sharing/gone-soon.toml", "--list")
    assert listed["exists"] is False and listed["versions"]
    assert "recreated" in ccos.ok("restore", "sharing/gone-soon.toml").stdout
    assert path.read_bytes() == data


def test_restore_refuses_bad_input(ccos: Ccos) -> None:
    before = snapshot(ccos.root)
    for args, expected in [
        (["restore", "checklists/2026-W47.toml"], "no version 1"),
        (["restore", "../outside.toml"], "not a file of the workspace"),
        (["restore", "ccos.toml", "--version", "zero"], "--version"),
        (["restore", "ccos.toml", "--version", "git:zz"], "--version"),
    ]:
        result = ccos(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert expected in result.stderr
    assert snapshot(ccos.root) == before


def test_a_write_starts_no_git(make_workspace: Callable[..., Ccos], monkeypatch: object) -> None:
    """Backups decide "git suffices" from .git/index, without a git subprocess per write."""
    import pytest

    ccos = make_workspace(git=True)
    ccos.ok("checklist", "check", "1")
    started: list[object] = []
    real = subprocess.Popen.__init__

    def counting(self: object, *args: object, **kwargs: object) -> None:
        started.append(args[0] if args else kwargs.get("args"))
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(subprocess.Popen, "__init__", counting)
    ccos.ok("checklist", "check", "2")
    ccos.ok("config", "set", "budget.weekly_hours", "7")
    assert started == []


def test_an_unknown_key_is_a_warning_beside_real_problems(ccos: Ccos) -> None:
    path = ccos.root / "ccos.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("weekly_hours = 6", "weekly_hour = 10"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("weekly_hour = 10") + 1
    assert ccos.json("config", "get", "budget.weekly_hours")["value"] == 6  # what the typo costs
    healthy = ccos("doctor")
    assert healthy.exit_code == 0  # warnings are success
    assert f"ccos.toml:{line}: unknown key budget.weekly_hour (did you mean weekly_hours?)" in healthy.stdout
    assert "workspace healthy: " in healthy.stdout and "; 1 warning" in healthy.stdout
    (ccos.root / "events" / "bad.toml").write_bytes(b"")
    broken = ccos("doctor", "--json")
    assert broken.exit_code == 2
    report = json.loads(broken.stdout)
    assert report["healthy"] is False
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [
        ("invalid_file", "error"),
        ("unknown_key", "warning"),
    ]
    shown = ccos("doctor").stdout
    assert "1 problem in " in shown and "; 1 warning" in shown


# --- the derived index --------------------------------------------------------------------


def _index(ccos: Ccos) -> Path:
    return ccos.root / ".ccos" / "index.sqlite"


def _indexed_piece(ccos: Ccos) -> str:
    ccos.ok("share", "add", "--over-budget", "A post on queues", "--kind", "article")
    ccos.ok("status")  # reads the piece strictly and records it in the index
    return "sharing/a-post-on-queues.toml"


def test_a_healthy_index_is_no_problem(ccos: Ccos) -> None:
    _indexed_piece(ccos)
    assert _index(ccos).is_file()
    data = ccos.json("doctor")
    assert data["healthy"] is True and data["problems"] == []


def test_a_forged_index_record_is_an_error_and_fix_rebuilds_it(ccos: Ccos) -> None:
    import pickle
    import sqlite3

    from ccos.storage import index

    relative = _indexed_piece(ccos)
    piece = ccos.root / relative
    before = os.lstat(piece)
    db = sqlite3.connect(_index(ccos))
    with db:
        ((raw,),) = db.execute("SELECT record FROM records WHERE path = ?", (relative,)).fetchall()
        record = index.loads(raw)
        forged = type(record).model_validate({**record.model_dump(), "title": "What the file never said"})
        db.execute("UPDATE records SET record = ? WHERE path = ?", (pickle.dumps(forged), relative))
    db.close()
    after = os.lstat(piece)
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (before.st_mtime_ns, before.st_size, before.st_ino)
    # the index now lies: a command takes its record instead of the unchanged file
    assert ccos.json("share", "show", "a-post-on-queues")["piece"]["title"] == "What the file never said"

    result = ccos("doctor", "--json")
    assert result.exit_code == 2, result.stdout
    data = json.loads(result.stdout)
    assert data["healthy"] is False
    stale = [p for p in data["problems"] if p["code"] == "index_stale"]
    assert [(p["file"], p["severity"], p["fixable"]) for p in stale] == [(relative, "error", True)]
    assert "ccos doctor --fix" in stale[0]["hint"]
    shown = ccos("doctor")
    assert shown.exit_code == 2 and f"{relative}: the derived index" in shown.stdout
    assert _index(ccos).is_file()  # doctor alone leaves it as it is

    fixed = ccos("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    said = " ".join(fixed.stdout.split())
    assert "fixed: removed the derived index .ccos/index.sqlite" in said and "the next command rebuilds it" in said
    assert ccos.json("doctor")["problems"] == []
    assert ccos.json("share", "show", "a-post-on-queues")["piece"]["title"] == "A post on queues"


def test_an_index_that_is_a_folder_is_a_warning(ccos: Ccos) -> None:
    _indexed_piece(ccos)
    _index(ccos).unlink()
    _index(ccos).mkdir()
    result = ccos("doctor", "--json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["healthy"] is True
    assert [(p["code"], p["file"], p["severity"]) for p in data["problems"]] == [
        ("index_unusable", ".ccos/index.sqlite", "warning")
    ]
    assert "not a regular file" in data["problems"][0]["message"]
    assert "mv .ccos/index.sqlite" in data["problems"][0]["hint"]
    assert ccos("doctor", "--fix").exit_code == 0
    assert _index(ccos).is_dir()  # never removed: it may hold something of the person's


def test_an_unreadable_index_is_a_warning_and_fix_removes_it(ccos: Ccos) -> None:
    _indexed_piece(ccos)
    _index(ccos).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    data = ccos.json("doctor")
    assert [(p["code"], p["file"], p["fixable"]) for p in data["problems"]] == [
        ("index_unusable", ".ccos/index.sqlite", True)
    ]
    assert "is unreadable" in data["problems"][0]["message"]
    fixed = ccos("doctor", "--fix")
    assert fixed.exit_code == 0 and "fixed: removed the derived index .ccos/index.sqlite" in fixed.stdout
    assert ccos.json("doctor")["problems"] == []
    assert _index(ccos).is_file()  # rebuilt
