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
  failing to save it is silent too. The cache is never an error.

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


def file_stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)


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
            try:
                with open(self.path, "rb") as handle:
                    stored = marshal.loads(handle.read())
                if (
                    isinstance(stored, tuple)
                    and len(stored) == 3
                    and stored[:2] == (FORMAT, self.version)
                    and isinstance(stored[2], dict)
                ):
                    data = stored[2]
            except (OSError, EOFError, ValueError, TypeError, IndexError):
                data = {}
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
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(temp, "wb") as handle:
                marshal.dump((FORMAT, self.version, self._data), handle)
            os.replace(temp, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temp.unlink()
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
            try:
                with open(self.folder / f"records-{name}.marshal", "rb") as handle:
                    stored = marshal.loads(handle.read())
                if isinstance(stored, tuple) and stored[:2] == (FORMAT, self.version) and isinstance(stored[2], dict):
                    shard = stored[2]
            except (OSError, EOFError, ValueError, TypeError, IndexError):
                shard = {}
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
        if entry is None or entry[:4] != stat:
            return None
        try:
            return decode(entry[4]), entry[5]
        except (TypeError, ValueError):
            return None

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
            target = self.folder / f"records-{name}.marshal"
            temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                shard = {key: entry for key, entry in self._shards[name].items() if self._exists(key)}
                with open(temp, "wb") as handle:
                    marshal.dump((FORMAT, self.version, shard), handle)
                os.replace(temp, target)
            except (OSError, ValueError):
                with contextlib.suppress(OSError):
                    temp.unlink()
        self._dirty.clear()

    def _exists(self, key: str) -> bool:
        return os.path.exists(self.root / key.rsplit("|", 1)[0])
