"""A cache of parsed, validated workspace files in machine-local state (`.ccos/cache/`).

Ten years of history is thousands of small files; parsing them all with tomllib on every
command would cost more than everything else ccos does. So the first command that reads a
file strictly (UTF-8, TOML, validation) keeps what it parsed here, and later commands reuse
it while the file is unchanged.

Never trusted over the files:
- an entry is used only when the file's stat (modification time in ns, size, change time,
  inode) is exactly the one recorded when the file was read; anything else re-reads the
  file strictly, errors and all;
- only files that passed validation are stored, and a hit is validated again by the model
  (cheap: no decoding or TOML parsing), so a cached record is always what a fresh read
  would give;
- a file modified within the last `RACY_SECONDS` is not stored (file systems keep coarse
  timestamps: a second edit in the same tick with the same size would look unchanged);
- a missing, corrupt, unreadable or foreign cache file is silently ignored and rebuilt;
  failing to save it is silent too. The cache is never an error: anything that goes wrong
  decoding it (marshal's ValueError or EOFError, a RecursionError, a bad shape) means
  "no cache";
- `.ccos/cache` is a real folder (local_state.quiet_state_dir; else nothing is cached),
  cache files are read without following links and written through `O_EXCL | O_NOFOLLOW`
  temporary files; a file's stat is its `lstat`, so a link never matches an entry;
- marshal is not safe against malicious bytes, so only a file that this machine's ccos
  wrote is decoded: it carries its own inode (storage/cache_file.py), which a file put
  there by git cannot.

Format: one `marshal` file per top folder (`records-mentees.marshal`, ...): plain data
only (marshal runs no code), dates tagged as tuples. The whole cache may be deleted at any
time (`rm -r .ccos/cache`).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any

FORMAT = 1
RACY_SECONDS = 2.0
CACHE_DIR = "cache"

Stat = tuple[int, int, int, int]  # mtime_ns, size, ctime_ns, inode
Entry = tuple[int, int, int, int, Any, str | None]  # the stat, the parsed data, the markdown body


MAX_CACHE_BYTES = 256 * 1024 * 1024


def file_stat(path: Path) -> Stat | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)


def _load_marshal(path: Path) -> Any:
    """What a cache file holds, or None: any problem at all means "no cache"."""
    from ccos.storage.cache_file import read_own

    raw = read_own(str(path), MAX_CACHE_BYTES)
    if raw is None:
        return None
    try:
        return marshal.loads(raw)
    except Exception:  # ValueError, EOFError, TypeError, RecursionError, MemoryError...
        return None


def _save_marshal(folder: Path, name: str, value: Any) -> None:
    """Write `folder/name` via a new temporary file (no fsync: it is only a cache); silent on failure."""
    from ccos.storage.cache_file import write_new
    from ccos.storage.local_state import quiet_state_dir

    if quiet_state_dir(folder.parent.parent, folder.name) is None:
        return
    temp = folder / f".{name}.{os.getpid()}.{os.urandom(8).hex()}.tmp"
    try:
        write_new(str(temp), marshal.dumps(value))
        os.replace(temp, folder / name)  # replaces a link at the name itself, never what it points to
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink()


def encode(value: Any) -> Any:
    """TOML data as marshal-able plain data: dates, datetimes and times become tagged tuples."""
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise _Unsupported  # offset datetimes are rare; such a file is simply not cached
        return ("T", value.isoformat())
    if isinstance(value, date):
        return ("D", value.toordinal())
    if isinstance(value, clock):
        return ("H", value.isoformat())
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, tuple):
        tag, payload = value
        if tag == "D":
            return date.fromordinal(payload)
        if tag == "T":
            return datetime.fromisoformat(payload)
        return clock.fromisoformat(payload)
    return value


def is_racy(stat: Stat) -> bool:
    """Modified so recently that a same-size edit in the same clock tick would look unchanged."""
    return stat[0] >= time.time_ns() - int(RACY_SECONDS * 1e9)


class IndexCache:
    """A small derived index (e.g. per mentee: each session file's stat and the facts plan
    and status need), one marshal file `index-<name>.marshal`. Entries carry the stat of the
    file they describe; callers use an entry only when that stat is unchanged. Missing,
    corrupt or foreign files are ignored; it is saved at exit when changed."""

    def __init__(self, folder: Path, name: str, version: str) -> None:
        self.path = folder / f"index-{name}.marshal"
        self.version = version
        self._data: dict[str, dict[str, Any]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            data: dict[str, dict[str, Any]] = {}
            stored = _load_marshal(self.path)
            if (
                isinstance(stored, tuple)
                and len(stored) == 3
                and stored[:2] == (FORMAT, self.version)
                and isinstance(stored[2], dict)
            ):
                data = stored[2]
            self._data = data
        return self._data

    def get(self, key: str) -> dict[str, Any]:
        """The entries under `key` ({} if none or malformed): name -> tuple starting with the stat."""
        entries = self._load().get(key)
        if not isinstance(entries, dict):
            return {}
        return {name: row for name, row in entries.items() if isinstance(row, tuple) and _well_formed(row)}

    def put(self, key: str, entries: dict[str, Any]) -> None:
        self._load()[key] = entries
        if not self._dirty:
            self._dirty = True
            atexit.register(self.save)

    def save(self) -> None:
        if not self._dirty or self._data is None:
            return
        _save_marshal(self.path.parent, self.path.name, (FORMAT, self.version, self._data))
        self._dirty = False


def _well_formed(row: tuple[Any, ...]) -> bool:
    return len(row) >= 4 and all(type(part) is int for part in row[:4])


class _Unsupported(Exception):
    pass


class RecordCache:
    """The cache of one workspace; shards are read on first use and saved at exit if changed."""

    def __init__(self, root: Path, state_dir: Path, version: str) -> None:
        self.root = root
        self._prefix = str(root) + os.sep
        self.folder = state_dir / CACHE_DIR
        self.version = version
        self._shards: dict[str, dict[str, Entry]] = {}
        self._dirty: set[str] = set()
        self._registered = False

    def _relative(self, path: Path) -> str | None:
        text = str(path)
        if not text.startswith(self._prefix):
            return None
        return text[len(self._prefix) :].replace(os.sep, "/")

    def _shard(self, name: str) -> dict[str, Entry]:
        shard = self._shards.get(name)
        if shard is None:
            shard = {}
            stored = _load_marshal(self.folder / f"records-{name}.marshal")
            if (
                isinstance(stored, tuple)
                and len(stored) == 3
                and stored[:2] == (FORMAT, self.version)
                and isinstance(stored[2], dict)
            ):
                shard = stored[2]
            self._shards[name] = shard
        return shard

    @staticmethod
    def _key(relative: str, kind: str) -> tuple[str, str]:
        return relative.split("/", 1)[0] if "/" in relative else "_", f"{relative}|{kind}"

    def get(self, path: Path, kind: str, stat: Stat | None) -> tuple[dict[str, Any], str | None] | None:
        """(data, body) as parsed when the file last had exactly this stat, else None."""
        relative = self._relative(path)
        if relative is None or stat is None:
            return None
        shard, key = self._key(relative, kind)
        entry = self._shard(shard).get(key)
        try:
            if not isinstance(entry, tuple) or len(entry) != 6 or entry[:4] != stat:
                return None
            data, body = decode(entry[4]), entry[5]
        except Exception:  # a foreign or corrupt entry (any shape, any depth): not a hit
            return None
        if not isinstance(data, dict) or not (body is None or isinstance(body, str)):
            return None
        return data, body

    def put(self, path: Path, kind: str, stat: Stat | None, data: dict[str, Any], body: str | None = None) -> None:
        relative = self._relative(path)
        if relative is None or stat is None or stat[0] >= time.time_ns() - int(RACY_SECONDS * 1e9):
            return
        try:
            payload = encode(data)
        except _Unsupported:
            return
        shard, key = self._key(relative, kind)
        self._shard(shard)[key] = (*stat, payload, body)
        self._dirty.add(shard)
        if not self._registered:
            self._registered = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write changed shards (temporary file + rename; no fsync: it is only a cache)."""
        for name in sorted(self._dirty):
            shard = {key: entry for key, entry in self._shards[name].items() if self._exists(key)}
            _save_marshal(self.folder, f"records-{name}.marshal", (FORMAT, self.version, shard))
        self._dirty.clear()

    def _exists(self, key: str) -> bool:
        return os.path.lexists(self.root / key.rsplit("|", 1)[0])
