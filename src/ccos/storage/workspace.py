"""The workspace: where it is, what is in it, and every read and write of its files.

Reads are strict and remembered; writes go through the atomic write path and refuse to
overwrite a file that changed since it was read. Machine-local state (lock, caches,
backups) lives in `.ccos/`, which git ignores.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ccos.dates import EARLIEST, LATEST
from ccos.errors import InvalidFile, WorkspaceMissing, from_os_error
from ccos.i18n import tr
from ccos.models.config import SCHEMA_VERSION, Config
from ccos.storage.atomic_write import write_atomically
from ccos.storage.index import MISSING
from ccos.storage.local_state import STATE_DIR as _STATE_DIR
from ccos.storage.local_state import register_notes
from ccos.storage.markdown import parse_front_matter
from ccos.storage.safe_paths import check_folders, check_kind, inside, read_regular
from ccos.storage.strict_read import decode_strict, describe_validation_error, find_key_line, parse_toml

if TYPE_CHECKING:
    from ccos.storage.transaction import Transaction

M = TypeVar("M", bound=BaseModel)
F = TypeVar("F")

CONFIG_FILE = "ccos.toml"
STATE_DIR = _STATE_DIR
GITIGNORE_LINES = (
    "# machine-local ccos state: lock, caches, backups",
    ".ccos/",
    "*.ccos-tmp",
)


def find_workspace(override: str | None, env_value: str | None, cwd: Path, home: Path) -> Path:
    """The contract's lookup order: --workspace, CCOS_WORKSPACE, nearest ccos.toml, ~/ccos."""
    if override:
        return Path(override).expanduser()
    if env_value:
        return Path(env_value).expanduser()
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return home / "ccos"


class Workspace:
    """One workspace folder; build it with `Workspace.open(path)` to require ccos.toml."""

    def __init__(self, root: Path, *, use_index: bool = True, cwd: Path | None = None) -> None:
        self.root = root.absolute()
        self.cwd = cwd if cwd is not None else _process_cwd()  # where paths in messages are shown from
        self._read: dict[Path, bytes] = {}
        self._config: Config | None = None
        self.changed: list[Path] = []  # files written or deleted by this command (for autocommit)
        self.notes: list[str] = []  # what the command should tell the person on stderr
        self.transaction: Transaction | None = None  # the write transaction this command is in
        self.seen: set[Path] = set()  # every file this command read (or took from the index)
        self.use_cache = use_index  # the derived index (storage/index.py); off: every read is strict
        self._index_db: Any = None
        self._stats: dict[Path, tuple[int, int, int, int]] = {}  # what each strict read saw
        self._indexed: dict[Path, tuple[int, int, int, int]] = {}  # files taken from the index, by stat
        self._unknown: dict[Path, str] = {}  # the unknown-key note of each file validated
        self._sound_folders: set[Path] = set()  # folders seen to be real folders (reads, this command)
        register_notes(self.root, self.notes)

    @classmethod
    def open(cls, root: Path, *, use_index: bool = True, cwd: Path | None = None) -> Workspace:
        workspace = cls(root, use_index=use_index, cwd=cwd)
        if not os.path.lexists(workspace.config_path):  # a link or a FIFO there: reading it says so
            raise WorkspaceMissing(
                tr("no workspace at {root}").format(root=workspace.root),
                tr("run `ccos init {root}` to create one").format(root=workspace.root),
            )
        return workspace

    # layout ---------------------------------------------------------------------------
    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def folder(self, name: str) -> Path:
        return self.root / name

    def display(self, path: Path) -> str:
        """A path as a person should see it in a message: relative to the folder the command
        was run from when it is below it, else absolute."""
        if self.cwd is None or not path.is_absolute():
            return str(path)
        try:
            relative = os.path.relpath(path, self.cwd)
        except ValueError:
            return str(path)
        return relative if not relative.startswith("..") else str(path)

    def contains(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        return True

    # reading --------------------------------------------------------------------------
    def read_bytes(self, path: Path) -> bytes:
        """A workspace file's bytes: only a regular file, within its size limit, reached
        through real folders (a link, a FIFO or a folder where it belongs: exit 2 naming it)."""
        self._check_folders(path)
        data, info = read_regular(path, self.display(path))
        self._read[path] = data
        self._stats[path] = (info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino)
        self.seen.add(path)
        return data

    def peek_bytes(self, path: Path) -> bytes:
        """A workspace file's bytes, read as strictly as `read_bytes` but not remembered as
        read: the language line of ccos.toml, looked at before the command reads the file
        for real (through the index when it has not changed)."""
        self._check_folders(path)
        data, _info = read_regular(path, self.display(path))
        return data

    def _check_folders(self, path: Path) -> None:
        """No symbolic link between the workspace folder and `path` (checked once per folder)."""
        folder = path.parent
        if folder in self._sound_folders or inside(self.root, path) is None:
            return
        check_folders(self.root, path, shown=self.display)
        self._sound_folders.add(folder)

    def read_text(self, path: Path) -> str:
        return decode_strict(Path(self.display(path)), self.read_bytes(path))

    def read_toml(self, path: Path) -> dict[str, Any]:
        return parse_toml(Path(self.display(path)), self.read_text(path))

    def validate(self, path: Path, text: str, data: dict[str, Any], model: type[M], first_line: int = 1) -> M:
        try:
            validated = model.model_validate(data)
        except ValidationError as exc:
            raise describe_validation_error(Path(self.display(path)), text, exc, first_line=first_line) from None
        far = far_date(data)
        if far is not None:
            loc, value = far
            line = find_key_line(text, loc)
            raise InvalidFile(
                self.display(path),
                f"{value.isoformat()} is out of range: ccos handles dates from {EARLIEST} to {LATEST}",
                key=".".join(str(part) for part in loc),
                line=line + first_line - 1 if line else None,
            )
        self._note_unknown_keys(path, text, data, model, first_line)
        return validated

    def _note_unknown_keys(self, path: Path, text: str, data: dict[str, Any], model: type[M], first_line: int) -> None:
        """`ccos.toml:12: unknown key weekly_hour (did you mean weekly_hours?)`, once per key
        and command; kept with the file's index entry, so a command that takes the file from
        the index says it too."""
        from ccos.storage.unknown_keys import add_note, note_for

        relative = self._relative_or_none(path)
        note = note_for(relative or self.display(path), text, data, model, first_line)
        if note is None:
            self._unknown.pop(path, None)
            return
        self._unknown[path] = note
        add_note(self.notes, self._shown_note(path, relative, note))

    def _shown_note(self, path: Path, relative: str | None, note: str) -> str:
        """A note kept with the workspace-relative path, as the person should see it from here."""
        shown = self.display(path)
        if relative is None or shown == relative:
            return note
        return "\n".join(
            shown + line[len(relative) :] if line.startswith(relative) else line for line in note.splitlines()
        )

    def load(self, path: Path, model: type[M]) -> M:
        """Read, parse and validate one TOML file into its model (or take it from the index)."""
        hit = self._from_index(path, model)
        if hit is not None:
            return hit[0]
        text = self.read_text(path)
        data = parse_toml(Path(self.display(path)), text)
        loaded = self.validate(path, text, data, model)
        self._to_index(path, model, loaded, None)
        return loaded

    def load_markdown(self, path: Path, model: type[M]) -> tuple[M, str]:
        """A markdown file with TOML front matter: (validated header, body)."""
        hit = self._from_index(path, model)
        if hit is not None:
            return hit[0], hit[1] or ""
        text = self.read_text(path)
        data, body = parse_front_matter(Path(self.display(path)), text)
        loaded = self.validate(path, text, data, model, first_line=2)
        self._to_index(path, model, loaded, body)
        return loaded, body

    # The derived index (storage/index.py): a file whose stat is the one recorded when it was
    # last read strictly is not read again. A file ccos then changes is read strictly first.
    def derived_index(self) -> Any:
        """This workspace's Index, or None with the index off."""
        if not self.use_cache:
            return None
        if self._index_db is None:
            from ccos.storage.index import Index

            self._index_db = Index(self.state_dir)
        return self._index_db

    def facts(self, path: Path, model: type[M], extract: Callable[[M, str | None], F]) -> F:
        """What `extract` draws from one file's record (a session's date, minutes and open
        items, say), kept in the index beside the record: for an unchanged file neither the
        file nor its record is read again. `extract` must be a module-level function
        returning plain values or ccos dataclasses (its name is part of the entry's key)."""
        db = self.derived_index()
        kind = f"{_kind(model)}#{extract.__module__}:{extract.__qualname__}"
        relative = self._relative_or_none(path)
        if db is not None and relative is not None and path not in self._read:
            from ccos.storage.index import file_stat

            stat = file_stat(path)
            found = db.record(relative, kind, stat, path) if stat is not None else None
            if found is not None and stat is not None:
                self._check_folders(path)
                self._indexed.setdefault(path, stat)
                self.seen.add(path)
                value: F = found[0]
                return value
        if path.suffix == ".md":
            record, body = self.load_markdown(path, model)
        else:
            record, body = self.load(path, model), None
        value = extract(record, body)
        known = self._stats.get(path) or self._indexed.get(path)
        raw = self._read.get(path)
        if db is not None and relative is not None and known is not None:
            from ccos.storage.index import is_racy

            if raw is not None or not is_racy(known):  # a racy entry needs the bytes' hash
                db.put(relative, kind, known, raw or b"", value, None)
        return value

    def records_in(self, folder: Path, suffix: str, model: type[M]) -> list[tuple[str, M]]:
        """`load` of every `*suffix` file directly in `folder` (not dot-files), by name: one
        directory scan and one index query for the folder (all the pieces, say)."""
        return self.facts_in(folder, suffix, model, None)

    def facts_in(
        self, folder: Path, suffix: str, model: type[M], extract: Callable[[M, str | None], F] | None
    ) -> list[tuple[str, Any]]:
        """`facts` of every `*suffix` file directly in `folder` (not dot-files), by name: one
        directory scan and one index query for the folder, so a mentee's hundred sessions
        cost a hundred `lstat`s when none changed."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(
                    (entry for entry in scan if entry.name.endswith(suffix) and not entry.name.startswith(".")),
                    key=lambda entry: entry.name,
                )
        except (FileNotFoundError, NotADirectoryError):
            return []
        db = self.derived_index()
        relative = self._relative_or_none(folder)
        known = None
        if db is not None and relative is not None and entries:
            self._check_folders(folder / entries[0].name)
            kind = _kind(model) if extract is None else f"{_kind(model)}#{extract.__module__}:{extract.__qualname__}"
            known = db.known_in(relative, kind)
        found: list[tuple[str, Any]] = []
        for entry in entries:
            if known is not None:
                value = known.get(entry.name)
                if value is not None:
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        info = None
                    stat = (info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino) if info else None
                    if stat is not None and value[0] == stat:
                        decoded = db.decode(value[1])
                        if decoded is not MISSING:
                            if extract is None:  # a record: a later write of it checks this stat
                                self._indexed[folder / entry.name] = stat
                                if value[2]:
                                    from ccos.storage.unknown_keys import add_note

                                    path = folder / entry.name
                                    add_note(self.notes, self._shown_note(path, self._relative_or_none(path), value[2]))
                            found.append((entry.name, decoded))
                            continue
            path = folder / entry.name
            if extract is None:
                found.append(
                    (entry.name, self.load_markdown(path, model)[0] if suffix == ".md" else self.load(path, model))
                )
            else:
                found.append((entry.name, self.facts(path, model, extract)))
        return found

    def _from_index(self, path: Path, model: type[M]) -> tuple[M, str | None] | None:
        db = self.derived_index()
        if db is None or path in self._read:
            return None
        from ccos.storage.index import file_stat

        relative = self._relative_or_none(path)
        stat = file_stat(path)
        if relative is None or stat is None:
            return None
        found = db.record(relative, _kind(model), stat, path)
        if found is None or not isinstance(found[0], model):
            return None
        self._check_folders(path)
        if found[2]:
            from ccos.storage.unknown_keys import add_note

            add_note(self.notes, self._shown_note(path, relative, found[2]))
        self._indexed[path] = stat
        self.seen.add(path)
        record: M = found[0]
        return record, found[1]

    def _to_index(self, path: Path, model: type[M], loaded: M, body: str | None) -> None:
        db = self.derived_index()
        stat = self._stats.get(path)
        relative = self._relative_or_none(path)
        if db is not None and stat is not None and relative is not None:
            db.put(relative, _kind(model), stat, self._read[path], loaded, body, self._unknown.get(path))

    def _relative_or_none(self, path: Path) -> str | None:
        """`path` below the workspace, `/`-separated (None when it is not below it)."""
        text = str(path)
        prefix = f"{self.root}{os.sep}"
        if text.startswith(prefix) and f"{os.sep}.." not in text and os.sep == "/":
            return text[len(prefix) :]  # built from root: no need to normalise (the common case)
        parts = inside(self.root, path)
        return "/".join(parts) if parts else None

    def _expected(self, path: Path) -> bytes | None:
        """What ccos last saw at `path`: a file taken from the index is read now, strictly,
        and must still have the stat the index knew (else it changed underneath)."""
        known = self._read.get(path)
        if known is not None or path not in self._indexed:
            return known
        from ccos.errors import ChangedOnDisk

        data = self.read_bytes(path)
        if self._stats.get(path) != self._indexed[path]:
            raise ChangedOnDisk(
                tr("{file}: file changed on disk since ccos read it").format(file=self.display(path)),
                tr("your edit is kept; run the command again"),
            )
        return data

    def close(self) -> None:
        """The end of a command: what the index learned is written (quietly)."""
        if self._index_db is not None:
            self._index_db.close()
            self.notes.extend(note for note in self._index_db.notes if note not in self.notes)
            self._index_db.notes.clear()

    def config(self) -> Config:
        if self._config is None:
            hit = self._from_index(self.config_path, Config)  # validated before, unchanged since
            if hit is not None:
                self._config = hit[0]
                return hit[0]
            text = self.read_text(self.config_path)
            data = parse_toml(Path(self.display(self.config_path)), text)
            version = data.get("schema_version")
            if isinstance(version, int) and version > SCHEMA_VERSION:
                raise InvalidFile(
                    self.display(self.config_path),
                    f"schema_version {version} is newer than this ccos understands ({SCHEMA_VERSION})",
                    key="schema_version",
                    line=find_key_line(text, ("schema_version",)),
                    hint="upgrade ccos (pip install -U ccos); nothing was changed",
                )
            self._config = self.validate(self.config_path, text, data, Config)
            self._to_index(self.config_path, Config, self._config, None)
        return self._config

    def was_read(self, path: Path) -> bytes | None:
        return self._read.get(path)

    # writing --------------------------------------------------------------------------
    def relative(self, path: Path) -> str:
        """`path` below the workspace, `/`-separated (as `--json` and the journal name it)."""
        relative = self._relative_or_none(path)
        if not relative:
            raise InvalidFile(str(path), "refusing to write outside the workspace")
        return relative

    def _before_change(self, path: Path, new: bytes | None) -> None:
        """Keep the previous version recoverable (and journaled, inside a transaction)."""
        old = self._expected(path)
        relative = self.relative(path)
        if self.transaction is not None:
            self.transaction.before_change(relative, old, new)
        elif old is not None:  # a write outside a transaction (init, import) keeps backups too
            from ccos.storage.transaction import Backups

            Backups(self.root, self.state_dir).keep(relative, old)

    def forget_read(self, path: Path) -> None:
        """A file put back by a roll-back: what ccos read of it no longer holds."""
        self._read.pop(path, None)
        self._forget(path)

    def check_target(self, path: Path) -> None:
        """A file ccos may write or delete: inside the workspace, reached through real folders,
        and not itself a link or anything but a regular file (exit 2 naming it)."""
        if inside(self.root, path) is None:
            raise InvalidFile(str(path), "refusing to write outside the workspace")
        check_folders(self.root, path, shown=self.display)
        if not self.contains(path.parent):
            raise InvalidFile(str(path), "refusing to write outside the workspace")
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise from_os_error(exc, self.display(path)) from None
        check_kind(info, self.display(path))

    def write_text(self, path: Path, text: str) -> None:
        """Atomically write a file ccos read before (or a new one), verified by parsing back."""
        self.check_target(path)
        data = text.encode("utf-8")
        self._before_change(path, data)
        display = Path(self.display(path))

        def verify(written: bytes) -> None:
            decoded = decode_strict(display, written)
            if path.suffix == ".toml":
                parse_toml(display, decoded)
            elif path.suffix == ".md" and decoded.startswith("+++"):
                parse_front_matter(display, decoded)

        relative = self.relative(path)

        def keep_displaced(raw: bytes) -> None:
            from ccos.storage.backups import save_backup  # only a write needs it

            save_backup(self.state_dir, relative, raw, keep_unsound=True)

        write_atomically(
            path, data, expected=self._read.get(path), verify=verify, root=self.root, on_displaced=keep_displaced
        )
        self._read[path] = data
        self._forget(path)
        self.changed.append(path)
        if path == self.config_path:
            self._config = None

    def delete(self, path: Path) -> None:
        """Remove a file ccos read, unless it changed underneath."""
        from ccos.errors import ChangedOnDisk

        self.check_target(path)
        if not os.path.lexists(path):
            return
        current, _info = read_regular(path, self.display(path))
        if current != self._expected(path):
            raise ChangedOnDisk(
                tr("{file}: file changed on disk since ccos read it").format(file=self.display(path)),
                tr("your edit is kept; run the command again"),
            )
        self._before_change(path, None)
        try:
            path.unlink()
        except OSError as exc:
            raise from_os_error(exc, self.display(path)) from None
        self._read.pop(path, None)
        self._forget(path)
        self.changed.append(path)

    def _forget(self, path: Path) -> None:
        self._indexed.pop(path, None)
        self._stats.pop(path, None)
        relative = self._relative_or_none(path)
        if self._index_db is not None and relative is not None:
            self._index_db.forget(relative)

    def locked(
        self, command: str, *, autocommit: bool = True, journal: bool = True, check_config: bool = True
    ) -> contextlib.AbstractContextManager[Transaction]:
        """The write transaction of `command` (storage/transaction.py): every write command
        changes the workspace inside one."""
        from ccos.storage.transaction import Transaction

        return Transaction(self, command, autocommit=autocommit, journal=journal, check_config=check_config)

    @property
    def _locked(self) -> bool:
        return self.transaction is not None


MAX_GITFILE_BYTES = 4096


def find_git_dir(root: Path) -> Path | None:
    """The repository folder of a workspace (`.git`, or where a `.git` file's `gitdir:` points)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    from ccos.storage.safe_paths import read_local

    raw = read_local(dot_git, MAX_GITFILE_BYTES)
    if raw is None:
        return None
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("gitdir:"):
            target = Path(line[len("gitdir:") :].strip())
            folder = target if target.is_absolute() else root / target
            return folder if folder.is_dir() else None
    return None


def far_date(value: Any, loc: tuple[int | str, ...] = ()) -> tuple[tuple[int | str, ...], date] | None:
    """The first date in parsed TOML outside what ccos computes with (a hand edit such as
    `start = 9999-12-31` would overflow a playbook offset or a recurrence in every command)."""
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return None if EARLIEST <= day <= LATEST else (loc, day)
    if isinstance(value, dict):
        items: Iterable[tuple[int | str, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = far_date(item, (*loc, key))
        if found is not None:
            return found
    return None


def _process_cwd() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the folder was deleted under the process: paths are shown absolute
        return None


def _kind(model: type[BaseModel]) -> str:
    return f"{model.__module__}:{model.__qualname__}"


def toml_loads(text: str) -> dict[str, Any]:
    """For callers that hold text already checked by the strict reader."""
    return tomllib.loads(text)
