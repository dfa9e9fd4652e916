"""The derived index: `.ccos/index.sqlite`, what ccos learned from the files, kept so
that a command re-reads only what changed.

The files stay the only truth. The index is machine-local (never committed, never
synced: `.ccos/` is git-ignored and refused in anything a remote pushes), can be deleted
at any time (`rm .ccos/index.sqlite`) and is rebuilt from the files as commands read them.

What it holds:
- `records`: for each workspace file a command read strictly, the validated record (and
  a markdown file's body), keyed by the file's path and the model that read it, used
  only while the file's `lstat` (modification and change time in ns, size, inode) is
  exactly the recorded one. A file changed less than `RACY_SECONDS` before it was read
  also carries a hash of its bytes (a second same-size edit in the same clock tick keeps
  the stat): such an entry is used only when the bytes still hash the same.
- facts: what a capability draws from a record for planning (a session's date, minutes
  and open items), kept as an entry of its own beside the record (`Workspace.facts`), so an
  unchanged file's record is not even decoded.

Never trusted over a file, never an error:
- a missing, corrupt, foreign (made by another machine or copied with the workspace) or
  newer-format index is dropped and rebuilt, with one note; a busy or read-only one is
  simply not used by this command;
- the index file records its own inode when ccos creates it (`O_EXCL | O_NOFOLLOW`,
  then renamed into place, which keeps the inode): a file that git, an archive or a copy
  put there cannot know it, so it is never decoded;
- it also records which ccos (version and a fingerprint of its modules) wrote it: records
  are pickled models, read back only by the same code, with an unpickler that can build
  nothing but ccos models, pydantic's and the standard library's plain values;
- `doctor` checks every entry against a fresh strict read of its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat as stat_module
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccos.i18n import tr

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

SCHEMA_VERSION = 1  # a change of the tables below: a new number (an index of another is rebuilt)
FILE_NAME = "index.sqlite"
RACY_SECONDS = 2.0
MAX_INDEX_BYTES = 1 << 30

Stat = tuple[int, int, int, int]  # mtime_ns, size, ctime_ns, inode
MISSING: Any = object()

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    path TEXT NOT NULL, kind TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
    digest BLOB, record BLOB NOT NULL, body TEXT, note TEXT,
    PRIMARY KEY (path, kind)
) WITHOUT ROWID;
"""

_SAFE_MODULES = ("ccos.", "pydantic.", "pydantic_core.")
_SAFE_GLOBALS = {
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
    ("datetime", "timezone"), ("zoneinfo", "ZoneInfo"), ("zoneinfo._zoneinfo", "ZoneInfo"),
    ("copyreg", "_reconstructor"), ("builtins", "object"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "tuple"), ("builtins", "list"), ("builtins", "dict"), ("collections", "OrderedDict"),
    ("pathlib", "PosixPath"), ("pathlib", "PurePosixPath"),
}  # fmt: skip


def file_stat(path: Path | str) -> Stat | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat_module.S_ISREG(st.st_mode):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)


def is_racy(stat: Stat) -> bool:
    """Changed so recently that a same-size edit in the same clock tick would keep the stat."""
    return max(stat[0], stat[2]) >= time.time_ns() - int(RACY_SECONDS * 1e9)


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def code_fingerprint() -> str:
    """Which ccos wrote the index: its version, and the size and time of each of its modules
    (an editable install changes code without changing the version)."""
    from ccos import __version__

    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    pending = [str(package)]
    while pending:
        folder = pending.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    pending.append(entry.path)
                elif entry.name.endswith(".py"):
                    info = entry.stat(follow_symlinks=False)
                    parts.append(f"{entry.path[len(str(package)) :]}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module.startswith(_SAFE_MODULES) or module in ("ccos",) or (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not something ccos keeps in its index")


def loads(raw: bytes) -> Any:
    return _Unpickler(io.BytesIO(raw)).load()


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Index:
    """The index of one workspace, opened on first use; changes are written by `flush()`."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.path = state_dir / FILE_NAME
        self.notes: list[str] = []
        self._db: Any = None
        self._unusable = False
        self._pending: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._folders: dict[tuple[str, str], dict[tuple[str, str], tuple[Any, ...]]] = {}
        self._gone: set[tuple[str, str]] = set()
        self.hits = 0
        self.misses = 0

    # opening ---------------------------------------------------------------------------
    def _connect(self) -> Any:
        if self._db is not None or self._unusable:
            return self._db
        try:
            self._db = self._open()
        except Exception:  # sqlite3.Error, OSError, anything odd: this command reads the files
            self._db = None
        if self._db is None:
            self._unusable = True
        return self._db

    def _open(self) -> Any:
        from ccos.storage.local_state import STATE_DIR, existing_state_dir

        if existing_state_dir(self.state_dir.parent) is None and os.path.lexists(self.state_dir):
            return None  # `.ccos` is a link or a stranger's: the next write command repairs it
        if os.path.basename(self.state_dir) != STATE_DIR:
            return None
        info = _lstat(self.path)
        if info is None:
            return self._create()
        problem = _why_not(info)
        if problem is None:
            import sqlite3

            db = None
            try:
                db = _connect(self.path)
                problem = self._check_meta(db, info)
            except sqlite3.Error:
                problem = tr("unreadable")
            if problem is None:
                return db
            if db is not None:
                db.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError:  # a folder, say: this command reads every file
            self.notes.append(
                tr(
                    "the derived index .ccos/{file} is {problem} and cannot be replaced; "
                    "ccos reads every file instead (`ccos doctor` says what to do)"
                ).format(file=FILE_NAME, problem=problem)
            )
            return None
        self.notes.append(
            tr("the derived index .ccos/{file} was {problem}; it is rebuilt from your files (nothing is lost)").format(
                file=FILE_NAME, problem=problem
            )
        )
        return self._create()

    def _check_meta(self, db: Any, info: os.stat_result) -> str | None:
        problem = _meta_problem(db, info)
        if problem is None and _meta(db).get("code") != code_fingerprint():
            with db:  # another ccos: its records may not fit this one's models
                db.execute("DELETE FROM records")
                db.execute("UPDATE meta SET value = ? WHERE key = 'code'", (code_fingerprint(),))
        return problem

    def _create(self) -> Any:
        from ccos.storage.local_state import quiet_state_dir

        if quiet_state_dir(self.state_dir.parent) is None:
            return None
        temp = self.state_dir / f".{FILE_NAME}.{os.getpid()}.{os.urandom(8).hex()}.tmp"
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            inode = os.fstat(fd).st_ino
        finally:
            os.close(fd)
        try:
            db = _connect(temp)
            with db:
                db.executescript(_SCHEMA)
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("inode", str(inode)), ("code", code_fingerprint())],
                )
            db.close()
            os.rename(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _remove_old_caches(self.state_dir)
        return _connect(self.path)

    # records ---------------------------------------------------------------------------
    def record(self, relative: str, kind: str, stat: Stat, path: Path) -> tuple[Any, str | None, str | None] | None:
        """(record, body, unknown-key note) as validated when the file last had exactly this
        stat (and, for a racy entry, these bytes), else None."""
        rows = self._folder(relative.rpartition("/")[0], kind)
        if rows is None:
            return None
        row = rows.get((relative, kind))
        if row is None or tuple(row[:4]) != stat:
            self.misses += 1
            return None
        if row[4] is not None:
            try:
                with open(path, "rb", opener=_nofollow) as handle:
                    same = digest_of(handle.read(stat[1] + 1)) == row[4]
            except OSError:
                same = False
            if not same:
                self.misses += 1
                return None
        try:
            record = loads(row[5])
        except Exception:  # a model changed shape since: read the file instead
            self.misses += 1
            return None
        self.hits += 1
        return record, row[6], row[7]

    def _folder(self, folder: str, kind: str) -> dict[tuple[str, str], tuple[Any, ...]] | None:
        """Every entry of `kind` for the files directly in `folder`, in one query (a command
        reads a folder's files together: one mentee's session facts, all pieces)."""
        rows = self._folders.get((folder, kind))
        if rows is not None:
            return rows
        db = self._connect()
        if db is None:
            return None
        if folder:
            query = (
                "SELECT path, kind, mtime_ns, size, ctime_ns, inode, digest, record, body, note FROM records"
                " WHERE path > ? AND path < ? AND instr(substr(path, ?), '/') = 0 AND kind = ?"
            )
            arguments: tuple[Any, ...] = (f"{folder}/", f"{folder}0", len(folder) + 2, kind)
        else:
            query = (
                "SELECT path, kind, mtime_ns, size, ctime_ns, inode, digest, record, body, note FROM records"
                " WHERE instr(path, '/') = 0 AND kind = ?"
            )
            arguments = (kind,)
        try:
            found = {(row[0], row[1]): tuple(row[2:]) for row in db.execute(query, arguments)}
        except Exception:
            return None
        self._folders[(folder, kind)] = found
        return found

    def known_in(self, folder: str, kind: str) -> dict[str, tuple[Stat, bytes, str | None]]:
        """The entries of `kind` for the files directly in `folder`: name -> (stat, value as
        stored, unknown-key note), racy ones left out (their bytes need hashing: `record`)."""
        rows = self._folder(folder, kind) or {}
        start = len(folder) + 1
        return {path[start:]: (tuple(row[:4]), row[5], row[7]) for (path, _kind), row in rows.items() if row[4] is None}

    def decode(self, blob: bytes) -> Any:
        """A stored value, or `MISSING` when it cannot be one of ccos's (then read the file)."""
        try:
            value = loads(blob)
        except Exception:
            return MISSING
        self.hits += 1
        return value

    def put(
        self, relative: str, kind: str, stat: Stat, raw: bytes, record: Any, body: str | None, note: str | None = None
    ) -> None:
        if self._unusable:
            return
        try:
            blob = dumps(record)
        except Exception:
            return
        digest = digest_of(raw) if is_racy(stat) else None
        self._pending[(relative, kind)] = (relative, kind, *stat, digest, blob, body, note)

    def forget(self, relative: str) -> None:
        """A file ccos wrote or deleted: its entries go (the next read records it anew)."""
        for key in [key for key in self._pending if key[0] == relative]:
            del self._pending[key]
        self._gone.add((relative, ""))

    # writing ---------------------------------------------------------------------------
    def flush(self) -> None:
        """Write what this command learned, in one transaction; silent on any failure."""
        if not (self._pending or self._gone):
            return
        db = self._connect()
        if db is not None:
            with contextlib.suppress(Exception), db:
                db.executemany("DELETE FROM records WHERE path = ?", [(path,) for path, _ in self._gone])
                db.executemany(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._pending.values()
                )
        self._pending.clear()
        self._folders.clear()
        self._gone.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None

    def entries(self) -> Iterator[tuple[str, str, Stat, bytes | None]]:
        """Every record entry (path, kind, stat, digest), for doctor."""
        db = self._connect()
        if db is None:
            return
        for row in db.execute("SELECT path, kind, mtime_ns, size, ctime_ns, inode, digest FROM records ORDER BY path"):
            yield row[0], row[1], (row[2], row[3], row[4], row[5]), row[6]


def _why_not(info: os.stat_result) -> str | None:
    """What makes the file at the index's place unusable before it is even opened."""
    if not stat_module.S_ISREG(info.st_mode):
        return tr("not a regular file")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return tr("another user's")
    if info.st_size > MAX_INDEX_BYTES:
        return tr("too large")
    return None


def _meta(db: Any) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta").fetchall())


def _meta_problem(db: Any, info: os.stat_result) -> str | None:
    """What makes an open index unusable: not the file ccos made here, or another format."""
    import sqlite3

    try:
        meta = _meta(db)
    except sqlite3.Error:
        return tr("unreadable")
    if meta.get("inode") != str(info.st_ino):
        return tr("not made here (copied, or checked out)")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        return tr("unreadable")
    if version != SCHEMA_VERSION:
        return tr("of format {version} (this ccos writes {current})").format(version=version, current=SCHEMA_VERSION)
    return None


@dataclass(frozen=True)
class Unusable:
    """Why the index file cannot be used as it is (for `doctor`)."""

    problem: str  # "not a regular file", "another user's", "unreadable", ...
    removable: bool  # anything but a folder: `remove()` takes it away (a command replaces it too)


def unusable(state_dir: Path) -> Unusable | None:
    """What is wrong with the index file of `state_dir`, without changing anything: the
    next command drops such a file and rebuilds the index (or, when it cannot, reads every
    file strictly). None when it is sound, missing, or `.ccos` itself is not used."""
    import sqlite3

    from ccos.storage.local_state import existing_state_dir

    if existing_state_dir(state_dir.parent) is None:
        return None
    path = state_dir / FILE_NAME
    try:
        info = _lstat(path)
    except OSError:
        return Unusable("unreadable", removable=False)
    if info is None:
        return None
    problem = _why_not(info)
    if problem is None:
        db = None
        try:
            db = _connect(path, read_only=True)
            problem = _meta_problem(db, info)
        except sqlite3.Error:
            problem = tr("unreadable")
        finally:
            if db is not None:
                db.close()
    if problem is None:
        return None
    return Unusable(problem, removable=not stat_module.S_ISDIR(info.st_mode))


def remove(state_dir: Path) -> bool:
    """Delete the index file (never a folder, never through a link: a link itself goes) and
    what SQLite may have left beside it; the next command rebuilds it. True when it was there."""
    from ccos.storage.local_state import existing_state_dir

    if existing_state_dir(state_dir.parent) is None:
        return False
    removed = False
    for name in (FILE_NAME, f"{FILE_NAME}-journal", f"{FILE_NAME}-wal", f"{FILE_NAME}-shm"):
        info = _lstat(state_dir / name)
        if info is None or stat_module.S_ISDIR(info.st_mode):
            continue
        os.unlink(state_dir / name)
        removed = removed or name == FILE_NAME
    return removed


def _remove_old_caches(state_dir: Path) -> None:
    """`.ccos/cache/` held the caches this index replaces (record and answer caches of an older ccos): removed when
    it is a real folder of this user's (never through a link)."""
    import shutil

    from ccos.storage.local_state import existing_state_dir

    folder = existing_state_dir(state_dir.parent, "cache")
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _nofollow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def _connect(path: Path, read_only: bool = False) -> Any:
    import sqlite3

    if read_only:
        from urllib.parse import quote

        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=1.0, check_same_thread=False)
    else:
        db = sqlite3.connect(path, timeout=1.0, check_same_thread=False)  # `with db:` is one transaction
    db.execute("PRAGMA synchronous = OFF")  # a lost index is rebuilt, never data
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA cell_size_check = ON")
    return db


def verify(workspace: Workspace) -> list[tuple[str, str]]:
    """Every record of the index against a fresh strict read of its file (for `doctor`):
    (path, what is wrong) for each entry that would answer differently from the file."""
    from pydantic import BaseModel

    from ccos.registry import load
    from ccos.storage.local_state import register_notes
    from ccos.storage.workspace import Workspace

    db = workspace.derived_index()
    if db is None or _lstat(db.path) is None:
        return []
    fresh = Workspace(workspace.root, use_index=False, cwd=workspace.cwd)
    register_notes(workspace.root, workspace.notes)  # what happens to `.ccos` is still told by this one
    wrong: list[tuple[str, str]] = []
    for relative, kind, stat, _digest in list(db.entries()):
        path = workspace.root / relative
        if file_stat(path) != stat:
            continue  # changed since: never used, replaced on the next read
        found = db.record(relative, kind, stat, path)
        if found is None:
            continue
        model_kind, _, extract = kind.partition("#")
        if not all(spec.startswith(_SAFE_MODULES) for spec in filter(None, (model_kind, extract))):
            wrong.append(
                (relative, tr("the derived index names {kind}, which is not a ccos model").format(kind=repr(kind)))
            )
            continue
        try:
            model = load(model_kind)
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                raise TypeError(f"{model_kind} is not a model")
            if relative.endswith(".md"):
                record, body = fresh.load_markdown(path, model)
            else:
                record, body = fresh.load(path, model), None
            if extract:  # a facts entry: what the capability draws from the record
                record, body = load(extract)(record, body), None
        except Exception as exc:  # the file no longer reads: the index must not answer for it
            wrong.append(
                (relative, tr("the derived index holds a record the file no longer gives ({why})").format(why=exc))
            )
            continue
        if record != found[0] or (body is not None and body != found[1]):
            wrong.append((relative, tr("the derived index holds a record that differs from the file")))
    return wrong
