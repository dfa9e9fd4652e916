"""Session facts (capabilities/mentoring/store.py `session_facts`): plan and status read a
mentee's history from the derived index (`Workspace.facts`), and the answers always equal a
full strict read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ccos.capabilities.mentoring.store import SessionFact, actions_of, load_sessions, session_facts
from ccos.errors import InvalidFile
from ccos.storage.workspace import Workspace
from tests.conftest import Ccos

MENTEE = (
    'name = "Ana"\nformat = "one-on-one"\ncadence = "2/month"\nstatus = "active"\n'
    'since = 2025-01-06\ngoals = []\ncontact = ""\n'
)


def session(day: str, status: str = "held", actions: str = "", minutes: int = 60) -> str:
    return f'+++\ndate = {day}\ntime = "10:00"\nstatus = "{status}"\nminutes = {minutes}\n{actions}+++\n\nnotes\n'


OPEN = '[[actions]]\ntext = "send the draft"\nstate = "open"\n'


def age(path: Path, seconds_ago: float = 3600) -> None:
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


@pytest.fixture
def sessions(ccos: Ccos) -> Path:
    folder = ccos.root / "mentees" / "ana" / "sessions"
    folder.mkdir(parents=True)
    (folder.parent / "mentee.toml").write_text(MENTEE, encoding="utf-8")
    files = {
        "2026-09-02-1000-aaaa.md": session("2026-09-02", actions=OPEN),
        "2026-10-07-1000-bbbb.md": session("2026-10-07"),
        "2026-11-04-1000-cccc.md": session("2026-11-04", actions=OPEN),
        "2026-11-25-1000-dddd.md": session("2026-11-25", status="planned"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    for path in [folder.parent / "mentee.toml", *folder.iterdir()]:
        age(path)
    return folder


def indexed(root: Path) -> tuple[list[SessionFact], list[object], Workspace]:
    """session_facts through the index, saved as a command's exit would."""
    workspace = Workspace.open(root)
    facts, actions = session_facts(workspace, "ana")
    workspace.close()
    return facts, actions, workspace


def strict(root: Path) -> tuple[list[SessionFact], list[object]]:
    workspace = Workspace.open(root)
    workspace.use_cache = False
    records = load_sessions(workspace, "ana")
    facts, actions = session_facts(workspace, "ana")
    assert [f.stem for f in facts] == [r.stem for r in records]
    assert actions == actions_of(records)
    return facts, actions


def same(root: Path) -> list[SessionFact]:
    facts, actions, _ws = indexed(root)
    assert (facts, actions) == strict(root)
    return facts


def test_the_index_is_built_then_used_without_reading_the_files(ccos: Ccos, sessions: Path) -> None:
    first = same(ccos.root)
    assert (ccos.root / ".ccos" / "index.sqlite").is_file()
    facts, actions, workspace = indexed(ccos.root)
    assert facts == first and len(actions) == 2
    read = {path.name for path in workspace._read}
    assert "2026-10-07-1000-bbbb.md" not in read and "2026-11-25-1000-dddd.md" not in read
    assert {f.path for f in facts} <= workspace.seen


def test_a_hand_edit_is_seen(ccos: Ccos, sessions: Path) -> None:
    same(ccos.root)
    path = sessions / "2026-10-07-1000-bbbb.md"
    path.write_text(session("2026-10-08", actions=OPEN, minutes=45), encoding="utf-8")  # date moved in place
    age(path, 1800)
    facts = same(ccos.root)
    moved = next(f for f in facts if f.stem == "2026-10-07-1000-bbbb")
    assert (moved.date.isoformat(), moved.minutes, moved.open_items) == ("2026-10-08", 45, 1)


def test_a_file_that_appears_without_ccos_is_seen(ccos: Ccos, sessions: Path) -> None:
    """As after `git pull`: a new session file, and ccos did not write it."""
    same(ccos.root)
    path = sessions / "2026-11-11-1000-eeee.md"
    path.write_text(session("2026-11-11", actions=OPEN), encoding="utf-8")
    age(path, 1800)
    facts = same(ccos.root)
    assert "2026-11-11-1000-eeee" in [f.stem for f in facts]


def test_a_deleted_session_is_gone(ccos: Ccos, sessions: Path) -> None:
    same(ccos.root)
    (sessions / "2026-11-04-1000-cccc.md").unlink()
    facts = same(ccos.root)
    assert "2026-11-04-1000-cccc" not in [f.stem for f in facts]


def test_facts_of_another_shape_are_read_again(ccos: Ccos, sessions: Path) -> None:
    """An entry whose value is not what the extractor makes now (another ccos wrote it, or a
    hand) is replaced from the file, never trusted."""
    import sqlite3

    same(ccos.root)
    db = ccos.root / ".ccos" / "index.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE records SET record = ? WHERE kind LIKE '%#%'", (b"not a pickle",))
    connection.close()
    same(ccos.root)


def test_a_broken_new_file_is_still_an_error(ccos: Ccos, sessions: Path) -> None:
    same(ccos.root)
    path = sessions / "2026-11-12-1000-ffff.md"
    path.write_text("+++\ndate = 2026-11-12\nminutes = -5\n+++\n", encoding="utf-8")
    age(path, 1800)
    with pytest.raises(InvalidFile):
        indexed(ccos.root)


def test_plan_and_status_equal_a_run_without_caches(
    ccos: Ccos, sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed(ccos.root)  # the index is in place
    path = sessions / "2026-11-18-1000-gggg.md"
    path.write_text(session("2026-11-18", actions=OPEN), encoding="utf-8")
    age(path, 1800)
    with_index = [ccos.json("status"), ccos.json("plan", "week"), ccos.json("mentee", "list")]
    (ccos.root / ".ccos" / "index.sqlite").unlink()
    monkeypatch.setenv("CCOS_NO_CACHE", "1")
    without = [ccos.json("status"), ccos.json("plan", "week"), ccos.json("mentee", "list")]
    assert with_index == without
    assert any(c["id"] == "session:ana:2026-11-18-1000-gggg" for c in with_index[1]["items"])


def test_the_index_keeps_facts_beside_the_record(ccos: Ccos, sessions: Path) -> None:
    import sqlite3

    same(ccos.root)
    with sqlite3.connect(ccos.root / ".ccos" / "index.sqlite") as connection:
        kinds = {kind for (kind,) in connection.execute("SELECT kind FROM records WHERE path LIKE '%aaaa.md'")}
    connection.close()
    assert any(kind.endswith("#ccos.capabilities.mentoring.store:session_fact") for kind in kinds)
