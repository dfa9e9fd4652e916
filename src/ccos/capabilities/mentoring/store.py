"""Where mentoring's files are, and how they are read and written.

`mentees/<id>/mentee.toml` are the profiles: one `Collection` (find by id, name or unique
prefix; round-trip edit; validate, then write). `mentees/<id>/sessions/*.md` are the
sessions, one file each (TOML front matter + notes). `session_facts` reads their facts
from the derived index (`Workspace.facts_in`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ccos.capabilities.mentoring.model import Mentee, Session
from ccos.capabilities.mentoring.rules import OpenAction, open_actions
from ccos.errors import ChangedOnDisk
from ccos.i18n import tr
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
    """What plan and status need of one session file (its facts come from the derived index)."""

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
        tr("{folder}: no free session file name").format(folder=workspace.display(folder)), tr("run again")
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


def kept_note(workspace: Workspace, note: str) -> str:
    """A new note as it is written to disk: sealed to the recipients when ccos.toml says
    `privacy.notes = "private"` (docs/privacy.md), else as given."""
    privacy = workspace.config().privacy
    if privacy.notes != "private" or not note.strip():
        return note
    if not privacy.recipients:
        from ccos.errors import InvalidInput

        raise InvalidInput(
            tr("{file}: privacy.notes is private but no recipients are listed").format(file="ccos.toml"),
            tr("run {command} first; nothing was logged").format(command="`ccos privacy init`"),
        )
    from ccos.storage.sealed import seal

    return seal(note, privacy.recipients)


# --- session facts (kept in the derived index) -----------------------------------------------


FactRow = tuple[date, "str | None", str, int, int]  # date, time, status, minutes, open action items


def session_fact(session: Session, body: str | None) -> FactRow:
    """What plan and status need of a session file, as plain values (kept in the index
    beside its record, cheap to decode)."""
    open_items = sum(1 for item in session.actions if item.state == "open")
    return (session.date, session.time, session.status, session.minutes, open_items)


def session_facts(workspace: Workspace, mentee_id: str) -> tuple[list[SessionFact], list[OpenAction]]:
    """A mentee's sessions as facts (sorted like `load_sessions`) and the open action items.

    Each file's facts come from the derived index while the file is unchanged
    (`Workspace.facts_in`: one scan and one query for the folder; neither the file nor its
    record is read); any other file (new, edited, pulled) is read strictly as usual. Only
    the files that still hold an open action item are loaded in full. The answer equals
    `load_sessions` + `actions_of`.
    """
    folder = sessions_folder(workspace, mentee_id)
    facts = [
        SessionFact(name[: -len(".md")], folder / name, *row)
        for name, row in workspace.facts_in(folder, ".md", Session, session_fact)
    ]
    facts.sort(key=_sort_key)
    pairs = [(fact.stem, workspace.load_markdown(fact.path, Session)[0]) for fact in facts if fact.open_items]
    return facts, open_actions(pairs)
