"""Where the pieces are: `sharing/<id>.toml`, one file per piece (a `Collection`), and the
optional notes `sharing/<id>.md` (the outline or draft notes, free markdown).

Changes go through the collection: the file is edited round-trip with tomlkit (a person's
comments, unknown keys and key order survive), validated, then written once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccos.capabilities.sharing import rules
from ccos.capabilities.sharing.results import Piece
from ccos.errors import InvalidInput
from ccos.models.naming import make_id, unique_id

if TYPE_CHECKING:
    from ccos.capabilities.sharing.model import SharingFile
    from ccos.storage.collection import Collection, Entry
    from ccos.storage.workspace import Workspace

FOLDER = "sharing"
WHAT = "sharing piece"
LIST_COMMAND = "ccos share list"


def _title(file: SharingFile) -> str:
    return file.title


def _dropped(file: SharingFile) -> bool:
    return file.stage == "dropped"


class SharingStore:
    """The pieces of one workspace, read once per store (make one inside the lock to write)."""

    def __init__(self, workspace: Workspace) -> None:
        from ccos.capabilities.sharing.model import SharingFile
        from ccos.storage.collection import Collection

        self.workspace = workspace
        self.files: Collection[SharingFile] = Collection(
            workspace, FOLDER, SharingFile, what=WHAT, name=_title, list_command=LIST_COMMAND, closed=_dropped
        )

    @property
    def folder(self) -> Path:
        return self.files.folder

    def body_path(self, piece_id: str) -> Path:
        return self.folder / f"{piece_id}.md"

    # --- reading --------------------------------------------------------------------------

    def piece(self, piece_id: str, file: SharingFile, today: dt.date, has_body: bool | None = None) -> Piece:
        """The piece as commands and the planner see it (paths workspace-relative).
        `has_body`: whether its notes file exists, when the caller knows already."""
        body = self.body_path(piece_id)
        if has_body is None:
            has_body = body.is_file()
        return Piece(
            id=piece_id,
            title=file.title,
            kind=file.kind,
            stage=file.stage,
            deep=file.deep,
            personal=file.personal,
            platform=file.platform or None,
            due=file.due,
            estimate_hours=file.estimate_hours,
            actual_hours=file.actual_hours,
            remaining_hours=rules.open_hours(file.stage, file.estimate_hours, file.actual_hours),
            overdue=rules.is_overdue(file.stage, file.due, today),
            created=file.created,
            started_on=file.started_on,
            ready_on=file.ready_on,
            published_on=file.published_on,
            dropped_on=file.dropped_on,
            url=file.url or None,
            tags=tuple(file.tags),
            path=self.workspace.relative(self.files.path(piece_id)),
            body_path=self.workspace.relative(body) if has_body else None,
        )

    def pieces(self, today: dt.date) -> list[Piece]:
        """Every piece, strictly read (a broken file stops the command, named)."""
        entries = self.files.entries()
        try:  # one scan for every piece's notes file, not a stat per piece
            with os.scandir(self.folder) as scan:
                bodies = {entry.name for entry in scan if entry.name.endswith(".md") and entry.is_file()}
        except OSError:
            bodies = set()
        return [self.piece(entry.id, entry.record, today, f"{entry.id}.md" in bodies) for entry in entries]

    def find(self, ref: str) -> Entry[SharingFile]:
        """A piece by the collection's one rule for references: its exact id (dropped or not),
        else its title or a unique prefix, among the live pieces first (a dropped draft never
        makes a live one ambiguous)."""
        return self.files.find(ref)

    def read_body(self, piece_id: str) -> str | None:
        """The notes, "" when the file is blank, None when there is none."""
        path = self.body_path(piece_id)
        if not path.is_file():
            return None
        data = self.workspace.read_bytes(path)
        if not data.strip():
            return ""
        return self.workspace.read_text(path)

    # --- writing (inside the workspace lock) ----------------------------------------------

    def new_id(self, title: str) -> str:
        """An id from the title that no file in `sharing/` has, notes included, up to case
        (`operator`, `operator-2`): a new piece never adopts orphaned notes, nor collides with a
        hand-named file on a case-insensitive disk."""
        folder = self.folder
        taken = {path.stem.casefold() for path in folder.glob("*")} if folder.is_dir() else set()
        piece_id = unique_id(make_id(title), taken)
        path = self.files.path(piece_id)
        if not self.workspace.contains(path) or path.parent != folder:  # pragma: no cover - make_id guarantees it
            from ccos.i18n import tr

            raise InvalidInput(
                tr("the title {title} gives an unsafe file name").format(title=repr(title)), tr("choose another title")
            )
        return piece_id

    def create(self, piece_id: str, text: str, today: dt.date) -> Piece:
        return self.piece(piece_id, self.files.create(piece_id, text), today)

    def edit(self, piece_id: str, change: Callable[[Any], None], today: dt.date) -> Piece:
        """Change the piece's file round-trip (`change` gets the tomlkit document)."""
        return self.piece(piece_id, self.files.edit(piece_id, lambda doc, _file: change(doc)), today)

    def write_body(self, piece_id: str, text: str) -> Path:
        path = self.body_path(piece_id)
        self.workspace.write_text(path, text)
        return path


def load_pieces(workspace: Workspace, today: dt.date) -> list[Piece]:
    """Every piece in `sharing/` (for the planner, the dashboard and the calendar export)."""
    return SharingStore(workspace).pieces(today)
