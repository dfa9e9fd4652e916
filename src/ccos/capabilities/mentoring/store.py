"""Where mentoring's files are, and how they are read and written.

`mentees/<id>/mentee.toml` are the profiles: one `Collection` (find by id, name or unique
prefix; round-trip edit; validate, then write). `mentees/<id>/sessions/*.md` are the
sessions, one file each (TOML front matter + notes). `session_facts` is the only code
that knows the derived session index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ccos.capabilities.mentoring.model import Mentee, Session
from ccos.capabilities.mentoring.rules import OpenAction, open_actions
from ccos.errors import ChangedOnDisk
from ccos.storage.collection import Collection
from ccos.storage.markdown import parse_front_matter, split_front_matter
from ccos.storage.workspace import Workspace

FOLDER = "mentees"
PROFILE = "mentee.toml"
SESSIONS = "sessions"
LIST_COMMAND = "ccos mentee list --all"


@dataclass(frozen=True)
class MenteeRecord:
    id: str
    path: Path
    mentee: Mentee


@dataclass(frozen=True)
class SessionRecord:
    stem: str
    path: Path
    session: Session
    body: str


@dataclass(frozen=True)
class SessionFact:
    """What plan and status need of one session file (kept in the session index)."""

    stem: str
    path: Path
    date: date
    time: str | None
    status: str
    minutes: int
    open_items: int


def fact_of(record: SessionRecord) -> SessionFact:
    session = record.session
    return SessionFact(
        record.stem,
        record.path,
        session.date,
        session.time,
        session.status,
        session.minutes,
        sum(1 for item in session.actions if item.state == "open"),
    )


# --- profiles ------------------------------------------------------------------------------


def _name(mentee: Mentee) -> str:
    return mentee.name


def profiles(workspace: Workspace) -> Collection[Mentee]:
    """The mentees' profiles (read once per collection: make one per pass, e.g. one under the lock)."""
    return Collection(
        workspace, FOLDER, Mentee, what="mentee", name=_name, layout="{id}/" + PROFILE, list_command=LIST_COMMAND
    )


def records(collection: Collection[Mentee]) -> list[MenteeRecord]:
    return [MenteeRecord(entry.id, entry.path, entry.record) for entry in collection.entries()]


def load_mentees(workspace: Workspace) -> list[MenteeRecord]:
    """Every mentee, by id; a broken profile stops the command, named."""
    return records(profiles(workspace))


def find_mentee(workspace: Workspace, ref: str) -> MenteeRecord:
    """The mentee `ref` names (id, name or a unique prefix; exit 2 with candidates otherwise)."""
    entry = profiles(workspace).find(ref)
    return MenteeRecord(entry.id, entry.path, entry.record)


def taken_ids(collection: Collection[Mentee]) -> set[str]:
    """Ids a new mentee may not have: every mentee's, and every folder's in mentees/ (case-folded,
    for case-insensitive file systems), with or without a profile."""
    taken = set(collection.ids())
    root = collection.folder
    if root.is_dir():
        taken |= {path.name.casefold() for path in root.iterdir()}
    return taken


# --- sessions ------------------------------------------------------------------------------


def sessions_folder(workspace: Workspace, mentee_id: str) -> Path:
    return workspace.folder(FOLDER) / mentee_id / SESSIONS


def _sort_key(fact: SessionFact) -> tuple[date, str, str]:
    return (fact.date, fact.time or "", fact.stem)


def sort_sessions(sessions: list[SessionRecord]) -> None:
    """Oldest first: by date, then time, then file name."""
    sessions.sort(key=lambda r: (r.session.date, r.session.time or "", r.stem))


def load_sessions(workspace: Workspace, mentee_id: str) -> list[SessionRecord]:
    """A mentee's sessions in full (front matter and notes), oldest first."""
    folder = sessions_folder(workspace, mentee_id)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith("."):
            continue
        session, body = workspace.load_markdown(path, Session)
        found.append(SessionRecord(path.stem, path, session, body))
    sort_sessions(found)
    return found


def actions_of(sessions: Sequence[SessionRecord]) -> list[OpenAction]:
    """The open action items of sessions given oldest first, numbered from 1."""
    return open_actions((record.stem, record.session) for record in sessions)


def new_session_path(workspace: Workspace, mentee_id: str, prefix: str, token: Callable[[], str]) -> Path:
    """`sessions/<prefix>-<token>.md` that does not exist yet."""
    folder = sessions_folder(workspace, mentee_id)
    for _attempt in range(50):
        path = folder / f"{prefix}-{token()}.md"
        if not path.exists():
            return path
    raise ChangedOnDisk(  # pragma: no cover - 65536 names for one minute
        f"{workspace.display(folder)}: no free session file name", "run again"
    )


def write_session_file(workspace: Workspace, path: Path, text: str) -> Session:
    """Validate a session file's text (exit 2 naming the key), then write it."""
    data, _body = parse_front_matter(Path(workspace.display(path)), text)
    session = workspace.validate(path, text, data, Session, first_line=2)
    workspace.write_text(path, text)
    return session


def rewrite_front(workspace: Workspace, path: Path, change: Callable[[Any], None], body_extra: str = "") -> Session:
    """Edit a session's front matter round-trip (tomlkit; comments kept): the fences and the notes
    stay byte for byte, `body_extra` is added at the end of the notes. The caller has loaded the
    file (under the lock): only the changed text is validated."""
    import tomlkit

    text = workspace.read_text(path)
    front, body, _line = split_front_matter(Path(workspace.display(path)), text)
    start = text.index("\n") + 1  # after the opening fence line, as written
    closing = text[start + len(front) : len(text) - len(body)]  # the closing fence line, blank lines
    if closing.startswith("\n"):  # the newline that ends the front matter's last line
        front, closing = front + "\n", closing[1:]
    doc = tomlkit.parse(front)
    change(doc)
    new_front = tomlkit.dumps(doc)
    if not new_front.endswith("\n"):
        new_front += "\n"
    new_text = text[:start] + new_front + closing + body
    if body_extra:
        new_text = new_text.rstrip("\n") + "\n\n" + body_extra.rstrip("\n") + "\n"
    return write_session_file(workspace, path, new_text)


# --- the session index -----------------------------------------------------------------------
#
# One entry per session file in machine-local state: the file's stat (the backend uses an
# entry only while the file's stat is exactly the recorded one), then the facts by name.


_FACT_KEYS = ("date", "time", "status", "minutes", "open_items")


def _row(stat: tuple[int, int, int, int], fact: SessionFact) -> tuple[Any, ...]:
    facts = {
        "date": fact.date.isoformat(),
        "time": fact.time,
        "status": fact.status,
        "minutes": fact.minutes,
        "open_items": fact.open_items,
    }
    return (*stat, facts)


def _fact_from_row(path: Path, row: tuple[Any, ...]) -> SessionFact | None:
    """An index entry as a fact; None when it is not one (a corrupt or foreign index)."""
    if len(row) != 5 or not isinstance(row[4], dict):
        return None
    day, clock, status, minutes, open_items = (row[4].get(key) for key in _FACT_KEYS)
    if type(day) is not str or type(minutes) is not int or type(open_items) is not int:
        return None
    if (clock is not None and type(clock) is not str) or status not in ("held", "planned"):
        return None
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return None
    return SessionFact(path.stem, path, when, clock, status, minutes, open_items)


def session_facts(workspace: Workspace, mentee_id: str) -> tuple[list[SessionFact], list[OpenAction]]:
    """A mentee's sessions as facts (sorted like `load_sessions`) and the open action items.

    Outside the lock, the facts come from the session index in machine-local state
    (`workspace.index("sessions")`): one entry per file, used only while the file's stat is
    exactly the recorded one; any other file (new, edited, pulled) is read as usual and its
    entry replaced; entries of deleted files are dropped. Only the files that still hold an
    open action item are loaded in full. The answer equals `load_sessions` + `actions_of`.
    """
    folder = sessions_folder(workspace, mentee_id)
    if not folder.is_dir():
        return [], []
    index = workspace.index("sessions")
    if index is None:  # under the lock (or caching off): read everything strictly
        found = load_sessions(workspace, mentee_id)
        return [fact_of(r) for r in found], actions_of(found)
    from ccos.storage.record_cache import is_racy

    known = index.get(mentee_id)
    keep: dict[str, Any] = {}
    facts: list[SessionFact] = []
    dirty = False
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(".md") and not entry.name.startswith("."))
    for name in names:
        path = folder / name
        try:
            st = os.stat(path)
            stat = (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)
        except OSError:
            stat = None
        row = known.get(name) if stat is not None else None
        fact = _fact_from_row(path, row) if row is not None and row[:4] == stat else None
        if fact is not None:
            workspace.seen.add(path)
        else:
            session, body = workspace.load_markdown(path, Session)
            fact = fact_of(SessionRecord(path.stem, path, session, body))
            dirty = True
            if stat is None or is_racy(stat):
                facts.append(fact)
                continue
            row = _row(stat, fact)
        keep[name] = row
        facts.append(fact)
    if dirty or len(keep) != len(known):
        index.put(mentee_id, keep)
    facts.sort(key=_sort_key)
    pairs = [(fact.stem, workspace.load_markdown(fact.path, Session)[0]) for fact in facts if fact.open_items]
    return facts, open_actions(pairs)
