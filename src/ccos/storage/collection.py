"""A collection: the files of one kind in one folder, as every capability keeps them.

One rule for finding an entry by what a person types, one way to make a new id, and one
way to change a file: read it once, parse it round-trip (comments and layout kept), change
the document, validate the result with the file's model, write it once.

    pieces = Collection(workspace, "sharing", SharingFile, what="piece", name=lambda f: f.title,
                        closed=lambda f: f.stage == "dropped")
    entry = pieces.find("operator")             # Entry(id, path, record)
    pieces.edit(entry.id, lambda doc, file: doc.update(stage="ready"))
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from pydantic import BaseModel

from ccos.errors import InvalidFile, NotFound
from ccos.models.naming import Named, exact, make_id, resolve, unique_id
from ccos.storage.strict_read import parse_toml

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

M = TypeVar("M", bound=BaseModel)

UNCHANGED: Final = object()  # what an edit's `change` returns when there is nothing to write


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One file of a collection: its id (the file or folder name), where it is, what it holds."""

    id: str
    path: Path
    record: M


class Collection(Generic[M]):
    """`folder/<id>.toml` files (or, with `layout="{id}/mentee.toml"`, one folder per entry).

    `name`: what a person calls an entry (its title or name), for `find`. `closed`: the
    entries that are over (a dropped piece), which never make a reference ambiguous; without
    it every entry is open. `what` and `list_command` word the errors of an unknown or
    ambiguous reference.

    The one rule for finding an entry by reference (`find`; docs/sharing.md, events.md and
    mentees.md say it in these words): an exact id always wins, open or closed; otherwise a
    name or a case-insensitive unique prefix of the id or the name, looked for among the open
    entries first and among all of them only when no open one matches (models/naming.py
    `resolve`, asked at most twice).
    """

    def __init__(
        self,
        workspace: Workspace,
        folder: str,
        model: type[M],
        *,
        what: str,
        name: Callable[[M], str],
        layout: str = "{id}.toml",
        list_command: str | None = None,
        closed: Callable[[M], bool] | None = None,
    ) -> None:
        self.workspace = workspace
        self.folder = workspace.folder(folder)
        self.model = model
        self.what = what
        self.name = name
        self.closed = closed
        self.layout = layout
        self.list_command = list_command
        self._entries: list[Entry[M]] | None = None

    def path(self, entry_id: str) -> Path:
        return self.folder / self.layout.format(id=entry_id)

    def ids(self) -> list[str]:
        """Every entry's id, sorted; names starting with a dot (temporary files) are not entries."""
        try:
            names = sorted(entry.name for entry in os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            from ccos.errors import from_os_error

            raise from_os_error(exc, self.workspace.display(self.folder)) from None
        head, _, tail = self.layout.partition("{id}")
        found: list[str] = []
        for name in names:
            if name.startswith("."):
                continue
            if "/" in tail:  # one folder per entry: the entry exists when its file does
                if os.path.lexists(self.path(name)):
                    found.append(name)
            elif name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
                found.append(name[len(head) : len(name) - len(tail)])
        return found

    def entries(self) -> list[Entry[M]]:
        """Every entry, strictly read (a broken file stops the command, named), once per collection."""
        if self._entries is None:
            head, _, tail = self.layout.partition("{id}")
            if not head and "/" not in tail:  # flat: one scan and one index query for the folder
                self._entries = [
                    Entry(name[: -len(tail)], self.folder / name, record)
                    for name, record in self.workspace.records_in(self.folder, tail, self.model)
                    if len(name) > len(tail)
                ]
            else:
                self._entries = [self.load(entry_id) for entry_id in self.ids()]
        return self._entries

    def load(self, entry_id: str) -> Entry[M]:
        """One entry, strictly read (a broken or missing file stops the command, named)."""
        path = self.path(entry_id)
        return Entry(entry_id, path, self.workspace.load(path, self.model))

    def find(self, ref: str) -> Entry[M]:
        """The entry `ref` names, by the collection's one rule (see the class): an exact id,
        else a name or unique prefix among the open entries, else among all (exit 2 with
        candidates or suggestions otherwise)."""
        entries = {entry.id: entry for entry in self.entries()}
        named = [Named(entry.id, self.name(entry.record)) for entry in entries.values()]
        closed = self.closed
        if closed is not None and exact(ref, named) is None:
            still_open = [thing for thing in named if not closed(entries[thing.id].record)]
            try:
                return entries[resolve(ref, still_open, self.what, self.list_command).id]
            except NotFound:
                pass  # no open entry matches: the closed ones may
        return entries[resolve(ref, named, self.what, self.list_command).id]

    def new_id(self, name: str) -> str:
        """An id made from `name` that no entry has (`talk`, `talk-2`, ...)."""
        return unique_id(make_id(name), set(self.ids()))

    def validate_text(self, entry_id: str, text: str) -> M:
        """What `text` would hold as this entry's file (exit 2 naming the key when invalid)."""
        path = self.path(entry_id)
        data = parse_toml(Path(self.workspace.display(path)), text)
        return self.workspace.validate(path, text, data, self.model)

    def edit(self, entry_id: str, change: Callable[[Any, M], object]) -> M:
        """Change an entry's file round-trip, reading it once: `change(doc, record)` gets the
        tomlkit document and what the file holds, validated from the same bytes (a broken
        file stops the command, named, and is not overwritten). `change` may raise to refuse
        (nothing is written) or return `UNCHANGED` (nothing to do: nothing is written, the
        record as read is returned); otherwise the document is validated, then written once."""
        import tomlkit

        text = self.workspace.read_text(self.path(entry_id))
        record = self.validate_text(entry_id, text)
        doc = tomlkit.parse(text)
        if change(doc, record) is UNCHANGED:
            return record
        return self.write(entry_id, tomlkit.dumps(doc))

    def write(self, entry_id: str, text: str) -> M:
        """Validate `text` as the entry's file, then write it (new or replacing what was read)."""
        record = self.validate_text(entry_id, text)
        self.workspace.write_text(self.path(entry_id), text)
        self._entries = None
        return record

    def create(self, entry_id: str, text: str) -> M:
        """A new entry's file; refused when one is there already (another command made it)."""
        path = self.path(entry_id)
        if os.path.lexists(path):
            raise InvalidFile(self.workspace.display(path), f"a {self.what} with id {entry_id!r} exists already")
        return self.write(entry_id, text)
