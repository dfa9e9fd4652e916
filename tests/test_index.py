"""The derived index (.ccos/index.sqlite): used while a file is unchanged, never trusted
over the files, dropped and rebuilt (with a note) when it is not one this ccos made."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from ccos.errors import InvalidFile
from ccos.models.base import Model
from ccos.storage import index as index_module
from ccos.storage.workspace import Workspace
from tests.conftest import Ccos, run_ccos

TEXT = 'title = "Ready"\nhours = 4\n'


class Note(Model):
    title: str
    hours: int


def age(path: Path, seconds_ago: float = 3600) -> None:
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


@pytest.fixture(autouse=True)
def _test_models_may_be_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "_SAFE_MODULES", (*index_module._SAFE_MODULES, "tests."))


@pytest.fixture
def note(ccos: Ccos) -> Path:
    path = ccos.root / "notes" / "one.toml"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    age(path)
    return path


def indexed_once(root: Path, path: Path) -> Note:
    first = Workspace.open(root)
    value = first.load(path, Note)
    first.close()
    return value


def db_path(ccos: Ccos) -> Path:
    return ccos.root / ".ccos" / "index.sqlite"


def test_a_record_is_taken_from_the_index_while_the_file_is_unchanged(ccos: Ccos, note: Path) -> None:
    fresh = indexed_once(ccos.root, note)
    again = Workspace.open(ccos.root)
    assert again.load(note, Note) == fresh
    assert again.was_read(note) is None  # the file was not read again
    assert again.derived_index().hits == 1


def test_a_hand_edit_is_read_strictly(ccos: Ccos, note: Path) -> None:
    indexed_once(ccos.root, note)
    note.write_text(TEXT.replace("4", "5"), encoding="utf-8")
    age(note, 1800)
    assert Workspace.open(ccos.root).load(note, Note).hours == 5


def test_a_broken_file_with_the_same_size_and_time_still_fails(ccos: Ccos, note: Path) -> None:
    """Same size, modification time put back: the change time and inode still tell."""
    indexed_once(ccos.root, note)
    before = note.stat()
    note.write_text(TEXT.replace("4", "x"), encoding="utf-8")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert note.stat().st_size == before.st_size
    with pytest.raises(InvalidFile, match=r"one\.toml:2"):
        Workspace.open(ccos.root).load(note, Note)


def test_a_racy_entry_is_used_only_while_its_bytes_hash_the_same(
    ccos: Ccos, note: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed within the racy window carries a hash: a same-size edit that keeps
    every stat field (a coarse file system) is still seen."""
    frozen = index_module.file_stat(note)
    assert frozen is not None
    monkeypatch.setattr(index_module, "file_stat", lambda path: frozen)
    monkeypatch.setattr(index_module, "is_racy", lambda stat: True)
    indexed_once(ccos.root, note)
    assert Workspace.open(ccos.root).load(note, Note).hours == 4
    note.write_text(TEXT.replace("4", "7"), encoding="utf-8")
    again = Workspace.open(ccos.root)
    assert again.load(note, Note).hours == 7
    assert again.was_read(note) is not None


def test_markdown_bodies_come_back_from_the_index(ccos: Ccos) -> None:
    path = ccos.root / "notes" / "two.md"
    path.parent.mkdir()
    path.write_text('+++\ntitle = "Body"\nhours = 1\n+++\nsome *body* text\n', encoding="utf-8")
    age(path)
    first = Workspace.open(ccos.root)
    header, body = first.load_markdown(path, Note)
    first.close()
    again = Workspace.open(ccos.root)
    assert again.load_markdown(path, Note) == (header, body)
    assert again.was_read(path) is None


@pytest.mark.parametrize("garbage", [b"", b"\x00garbage", b"SQLite format 3\x00" + b"\xe3" * 400])
def test_a_corrupt_index_is_rebuilt_with_a_note(ccos: Ccos, note: Path, garbage: bytes) -> None:
    indexed_once(ccos.root, note)
    db_path(ccos).write_bytes(garbage)
    workspace = Workspace.open(ccos.root)
    assert workspace.load(note, Note).hours == 4
    assert workspace.was_read(note) is not None
    workspace.close()
    assert any("index.sqlite was unreadable" in text for text in workspace.notes)
    assert Workspace.open(ccos.root).load(note, Note).hours == 4


def test_an_index_copied_from_elsewhere_is_never_decoded(ccos: Ccos, note: Path) -> None:
    """Same bytes, another inode (a copied workspace, a checkout, an archive)."""
    indexed_once(ccos.root, note)
    copy = db_path(ccos).with_name("copy")
    shutil.copy(db_path(ccos), copy)
    os.replace(copy, db_path(ccos))
    workspace = Workspace.open(ccos.root)
    workspace.load(note, Note)
    assert workspace.was_read(note) is not None
    workspace.close()
    assert any("was not made here" in text for text in workspace.notes)


def test_a_forged_record_never_runs_code(ccos: Ccos, note: Path, tmp_path: Path) -> None:
    """Even a record rewritten in place (inode kept) builds nothing but ccos's own values."""
    indexed_once(ccos.root, note)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    with sqlite3.connect(db_path(ccos)) as db:
        db.execute("UPDATE records SET record = ?", (pickle.dumps(Evil()),))
    db.close()
    workspace = Workspace.open(ccos.root)
    assert workspace.load(note, Note).hours == 4
    assert workspace.was_read(note) is not None
    assert not marker.exists()


def test_records_of_another_ccos_are_dropped(ccos: Ccos, note: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    indexed_once(ccos.root, note)
    monkeypatch.setattr(index_module, "code_fingerprint", lambda: "another")
    workspace = Workspace.open(ccos.root)
    workspace.load(note, Note)
    assert workspace.was_read(note) is not None
    workspace.close()
    assert not workspace.notes  # not a problem: simply rebuilt


def test_a_linked_index_is_not_followed(ccos: Ccos, note: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"keep me")
    db_path(ccos).parent.mkdir(exist_ok=True)
    db_path(ccos).symlink_to(outside)
    workspace = Workspace.open(ccos.root)
    workspace.load(note, Note)
    workspace.close()
    assert outside.read_bytes() == b"keep me"
    assert not db_path(ccos).is_symlink()
    assert any("was not a regular file" in text for text in workspace.notes)


def test_the_old_caches_go_but_a_linked_cache_folder_is_left(ccos: Ccos, note: Path, tmp_path: Path) -> None:
    state = ccos.root / ".ccos"
    state.mkdir(exist_ok=True)
    (state / "cache" / "answers").mkdir(parents=True)
    (state / "cache" / "records-checklists.marshal").write_bytes(b"old")
    indexed_once(ccos.root, note)
    assert not (state / "cache").exists()
    db_path(ccos).unlink()
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep").write_text("x")
    (state / "cache").symlink_to(victim)
    indexed_once(ccos.root, note)
    assert (victim / "keep").read_text() == "x"


def test_with_the_index_off_nothing_is_written(ccos: Ccos, note: Path) -> None:
    workspace = Workspace.open(ccos.root, use_index=False)
    workspace.load(note, Note)
    workspace.close()
    assert not db_path(ccos).exists()
    assert workspace.derived_index() is None


def test_a_write_command_reads_strictly_what_it_changes(ccos: Ccos) -> None:
    """A file taken from the index and then changed is read again, and must not have moved."""
    ccos.ok("checklist", "add", "--over-budget", "Write the outline")
    for path in (ccos.root / "checklists").glob("*.toml"):
        age(path)
    ccos.ok("checklist")  # indexes the week's list
    ccos.ok("checklist", "check", "1")
    assert "done = true" in (ccos.root / "checklists" / "2026-W47.toml").read_text(encoding="utf-8")


def test_plan_and_status_are_the_same_with_and_without_the_index(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ada", "--cadence", "2/month")
    ccos.ok("mentee", "log", "Ada", "--minutes", "30", "--date", "2026-11-16", "--note", "first")
    ccos.ok("share", "add", "--over-budget", "A post on queues", "--kind", "article", "--due", "2026-11-27")
    for folder, _dirs, names in os.walk(ccos.root):
        for name in names:
            age(Path(folder) / name)
    for argv in (["plan", "week", "--json"], ["status", "--json"], ["plan", "month"]):
        plain = run_ccos("-w", str(ccos.root), *argv, env={"CCOS_TODAY": ccos.today, "CCOS_NO_CACHE": "1"})
        first = run_ccos("-w", str(ccos.root), *argv, env={"CCOS_TODAY": ccos.today})
        second = run_ccos("-w", str(ccos.root), *argv, env={"CCOS_TODAY": ccos.today})
        assert plain.returncode == first.returncode == second.returncode == 0, second.stderr
        assert plain.stdout == first.stdout == second.stdout
    assert db_path(ccos).is_file()


def test_an_unknown_key_is_told_also_when_the_file_comes_from_the_index(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "A post on queues", "--kind", "article")
    (piece,) = (ccos.root / "sharing").glob("*.toml")
    piece.write_text(piece.read_text(encoding="utf-8") + "titel = 'typo'\n", encoding="utf-8")
    age(piece)
    for _ in range(2):  # the second read takes the piece from the index
        result = ccos.ok("share", "list")
        assert "unknown key titel (did you mean title?)" in result.stderr
