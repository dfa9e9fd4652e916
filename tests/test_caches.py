"""The record cache and the answer cache: faster, and never trusted over the files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ccos.capabilities.checkins.model import Checkin
from ccos.errors import InvalidFile
from ccos.models.mentee import Session
from ccos.storage.answer_cache import command_of
from ccos.storage.workspace import Workspace
from tests.conftest import TODAY, Ccos, run_ccos

CHECKIN = 'week = "2026-W46"\ndate = 2026-11-15\nenergy = 4\nduty = 2\nmain_job = 1\navoid = 1\nnote = "fine"\n'


def age(path: Path, seconds_ago: float = 3600) -> None:
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


@pytest.fixture
def checkin(ccos: Ccos) -> Path:
    path = ccos.root / "checkins" / "2026-W46.toml"
    path.write_text(CHECKIN, encoding="utf-8")
    age(path)
    return path


def cached_once(root: Path, path: Path) -> Checkin:
    first = Workspace.open(root)
    value = first.load(path, Checkin)
    first._records().save()
    return value


def test_a_cached_record_is_used_while_the_file_is_unchanged(ccos: Ccos, checkin: Path) -> None:
    fresh = cached_once(ccos.root, checkin)
    again = Workspace.open(ccos.root)
    assert again.load(checkin, Checkin) == fresh
    assert again.was_read(checkin) is None  # from the cache: the file was not read
    assert checkin in again.seen


def test_a_hand_edit_is_read_strictly(ccos: Ccos, checkin: Path) -> None:
    cached_once(ccos.root, checkin)
    checkin.write_text(CHECKIN.replace("energy = 4", "energy = 2"), encoding="utf-8")
    age(checkin, 1800)
    assert Workspace.open(ccos.root).load(checkin, Checkin).energy == 2


def test_a_broken_file_with_the_same_size_and_time_still_fails(ccos: Ccos, checkin: Path) -> None:
    """Same size, modification time put back: the change time and inode still tell."""
    cached_once(ccos.root, checkin)
    before = checkin.stat()
    checkin.write_text(CHECKIN.replace("energy = 4", "energy = x"), encoding="utf-8")
    os.utime(checkin, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert checkin.stat().st_size == before.st_size
    with pytest.raises(InvalidFile, match=r"2026-W46\.toml:3"):
        Workspace.open(ccos.root).load(checkin, Checkin)


def test_a_corrupt_cache_is_rebuilt_silently(ccos: Ccos, checkin: Path) -> None:
    cached_once(ccos.root, checkin)
    shards = list((ccos.root / ".ccos" / "cache").glob("records-*.marshal"))
    assert shards
    for garbage in (b"", b"\x00garbage", b"\xe3" * 40):
        for shard in shards:
            shard.write_bytes(garbage)
        workspace = Workspace.open(ccos.root)
        assert workspace.load(checkin, Checkin).energy == 4
        assert workspace.was_read(checkin) is not None
        workspace._records().save()


def test_fresh_files_and_reads_under_the_lock_skip_the_cache(ccos: Ccos, checkin: Path) -> None:
    checkin.touch()  # modified just now: a second edit in the same clock tick could look unchanged
    cached_once(ccos.root, checkin)
    assert Workspace.open(ccos.root).load(checkin, Checkin).energy == 4
    assert not (ccos.root / ".ccos" / "cache" / "records-checkins.marshal").exists()
    age(checkin)
    cached_once(ccos.root, checkin)
    workspace = Workspace.open(ccos.root)
    with workspace.locked("test"):
        workspace.load(checkin, Checkin)
    assert workspace.was_read(checkin) is not None  # a write command reads strictly


def test_markdown_bodies_come_back_from_the_cache(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ada", "--cadence", "2/month")
    ccos.ok("mentee", "log", "Ada", "--minutes", "30", "--date", "2026-11-16", "--note", "Talked about [red]x[/red]")
    path = next((ccos.root / "mentees" / "ada" / "sessions").glob("*.md"))
    age(path)
    first = Workspace.open(ccos.root)
    session, body = first.load_markdown(path, Session)
    first._records().save()
    again = Workspace.open(ccos.root)
    assert again.load_markdown(path, Session) == (session, body)
    assert again.was_read(path) is None


@pytest.mark.parametrize(
    ("argv", "cacheable"),
    [
        (["status"], True),
        (["-w", "x", "plan", "week", "--json"], True),
        (["checklist"], True),
        (["checklist", "--json"], True),
        (["checklist", "check", "1"], False),
        (["mentee", "log", "Ada"], False),
        (["status", "--help"], False),
        (["--version"], False),
        (["sync"], False),
    ],
)
def test_only_read_commands_keep_answers(argv: list[str], cacheable: bool) -> None:
    assert (command_of(argv)[1] is not None) is cacheable


def age_tree(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".ccos"]
        for name in files:
            age(Path(folder) / name)
        age(Path(folder))


def test_a_kept_answer_follows_every_change(make_workspace: Callable[..., Ccos]) -> None:
    """Replayed while unchanged; a hand edit, a new file, another today or option: computed again."""
    ccos = make_workspace()
    ccos.ok("checklist", "check", "1")
    ccos.ok("checklist", "uncheck", "1")
    age_tree(ccos.root)
    env = {"CCOS_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("CCOS_NO_CACHE", None)

    def checklist(*extra: str) -> str:
        result = run_ccos("-w", str(ccos.root), "checklist", "show", "week", *extra, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = checklist()
    answers = ccos.root / ".ccos" / "cache" / "answers"
    assert len(list(answers.glob("*.marshal"))) == 1
    assert checklist() == first
    path = ccos.root / "checklists" / "2026-W47.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("done = false", "done = true", 1), encoding="utf-8")
    age(path, 1200)
    edited = checklist()
    assert edited != first and "1/" in edited
    (ccos.root / "checklists" / "notes.txt").write_text("a new file\n", encoding="utf-8")
    age_tree(ccos.root)
    assert checklist() == edited
    assert checklist("--json") != edited
    env["CCOS_TODAY"] = "2026-11-25"
    assert "2026-W48" in checklist()
