"""A collection: the files of one kind in one folder, as every capability keeps them.

One rule for finding an entry by what a person types (models/naming.py `resolve`: an exact
id always wins, then a name, then a case-insensitive unique prefix of either), one way to
make a new id, and one way to change a file: parse it round-trip (comments and layout
kept), change the document, validate the result with the file's model, write it once.

    pieces = Collection(workspace, "sharing", SharingFile, what="piece", name=lambda f: f.title)
    entry = pieces.find("operator")             # Entry(id, path, record)
    pieces.edit(entry.id, lambda doc: doc.update(stage="ready"))
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from ccos.errors import InvalidFile
from ccos.models.naming import Named, make_id, resolve, unique_id
from ccos.storage.strict_read import parse_toml

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One file of a collection: its id (the file or folder name), where it is, what it holds."""

    id: str
    path: Path
    record: M


class Collection(Generic[M]):
    """`folder/<id>.toml` files (or, with `layout="{id}/mentee.toml"`, one folder per entry).

    `name`: what a person calls an entry (its title or name), for `find`. `what` and
    `list_command` word the errors of an unknown or ambiguous reference.
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
    ) -> None:
        self.workspace = workspace
        self.folder = workspace.folder(folder)
        self.model = model
        self.what = what
        self.name = name
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
                self._entries = [self._load(entry_id) for entry_id in self.ids()]
        return self._entries

    def _load(self, entry_id: str) -> Entry[M]:
        path = self.path(entry_id)
        return Entry(entry_id, path, self.workspace.load(path, self.model))

    def find(self, ref: str) -> Entry[M]:
        """The entry `ref` names (exit 2 with candidates or suggestions otherwise)."""
        entries = {entry.id: entry for entry in self.entries()}
        named = [Named(entry.id, self.name(entry.record)) for entry in entries.values()]
        return entries[resolve(ref, named, self.what, self.list_command).id]

    def new_id(self, name: str) -> str:
        """An id made from `name` that no entry has (`talk`, `talk-2`, ...)."""
        return unique_id(make_id(name), set(self.ids()))

    def validate_text(self, entry_id: str, text: str) -> M:
        """What `text` would hold as this entry's file (exit 2 naming the key when invalid)."""
        path = self.path(entry_id)
        data = parse_toml(Path(self.workspace.display(path)), text)
        return self.workspace.validate(path, text, data, self.model)

    def edit(self, entry_id: str, change: Callable[[Any], None]) -> M:
        """Change an entry's file round-trip: `change` gets the tomlkit document."""
        import tomlkit

        path = self.path(entry_id)
        doc = tomlkit.parse(self.workspace.read_text(path))
        change(doc)
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
