"""Backups: before ccos replaces or deletes a file, its previous version stays recoverable.

When git can give the version back (the workspace is a repository and the file's bytes
are exactly what its index holds, so `git checkout -- FILE` restores them), that is
enough. Otherwise the previous bytes are copied to `.ccos/backups/<path>/` (machine-local,
git-ignored): the last `MAX_VERSIONS` versions of each file, and at most `MAX_TOTAL_BYTES`
altogether (the oldest versions go first; checked at most once a day). A version that is
empty or does not read strictly is never stored, so a broken file never pushes a good
version out, and a backup file is never overwritten: each one has a new name.

The index check reads `.git/index` (formats 2 and 3) instead of starting `git`, so a write
stays fast; anything unusual (format 4, a split index, a worktree, filters) means "back up".

A pushed commit can put anything under `.ccos/backups/`, so nothing there is followed: the
folder of a file is `check_relative`-checked and made of real folders (`safe_state_dir`:
a link is removed as a link, with a note), versions are created with `O_EXCL | O_NOFOLLOW`,
and listing, pruning and counting look at regular files only, never through a link (a link
found while pruning is removed as a link).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import struct
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ccos.errors import InvalidInput, from_os_error
from ccos.i18n import tr
from ccos.storage.atomic_write import failpoint
from ccos.storage.safe_paths import UnsafePath, check_relative, create_exclusive, write_fd

BACKUP_FOLDER = "backups"
MAX_VERSIONS = 20
MAX_TOTAL_BYTES = 50 * 1024 * 1024
PRUNE_EVERY_SECONDS = 24 * 3600
_PRUNED_MARK = ".pruned"


@dataclass(frozen=True)
class Backup:
    """One stored version: newest is number 1."""

    number: int
    path: Path
    taken: float  # seconds since the epoch
    size: int
    sha256: str


def backup_root(state_dir: Path) -> Path:
    return state_dir / BACKUP_FOLDER


def _parts(relative: str) -> tuple[str, ...]:
    try:
        return tuple(check_relative(relative).split("/"))
    except UnsafePath as why:
        raise InvalidInput(
            tr("no backups for {relative}: {why}").format(relative=repr(relative), why=why),
            tr("give a path inside the workspace"),
        ) from None


def folder_for(state_dir: Path, relative: str) -> Path:
    return backup_root(state_dir).joinpath(*_parts(relative))


def _existing_folder(state_dir: Path, relative: str) -> Path | None:
    from ccos.storage.local_state import existing_state_dir

    return existing_state_dir(state_dir.parent, BACKUP_FOLDER, *_parts(relative))


def is_sound(relative: str, data: bytes) -> bool:
    """Worth keeping: not empty, strict UTF-8 without NUL or conflict markers, parses if TOML."""
    from ccos.errors import InvalidFile
    from ccos.storage.strict_read import decode_strict, parse_toml

    try:
        text = decode_strict(Path(relative), data)
        if relative.endswith(".toml"):
            parse_toml(Path(relative), text)
    except InvalidFile:
        return False
    return True


class GitIndex:
    """The blob ids `.git/index` holds for each path (stage 0), read once per command."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._entries: dict[str, bytes] | None = None

    def entries(self) -> dict[str, bytes]:
        if self._entries is None:
            self._entries = _read_index(self.root / ".git" / "index")
        return self._entries

    def holds(self, relative: str, data: bytes) -> bool:
        """True when `git checkout -- relative` would give exactly `data` back."""
        blob = self.entries().get(relative)
        if blob is None:
            return False
        return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).digest() == blob


def _read_index(index: Path) -> dict[str, bytes]:
    try:
        raw = index.read_bytes()
    except OSError:
        return {}
    if len(raw) < 12 or raw[:4] != b"DIRC":
        return {}
    version, count = struct.unpack(">II", raw[4:12])
    if version not in (2, 3):
        return {}
    entries: dict[str, bytes] = {}
    offset = 12
    try:
        for _ in range(count):
            start = offset
            sha = raw[offset + 40 : offset + 60]
            (flags,) = struct.unpack(">H", raw[offset + 60 : offset + 62])
            offset += 62
            if flags & 0x4000:  # extended flags (version 3)
                offset += 2
            end = raw.index(b"\x00", offset)
            name = raw[offset:end].decode("utf-8")
            offset = start + ((end - start) // 8 + 1) * 8
            if (flags >> 12) & 0x3 == 0:
                entries[name] = sha
    except (ValueError, struct.error, UnicodeDecodeError):
        return {}
    return entries


def list_backups(state_dir: Path, relative: str) -> list[Backup]:
    """Stored versions of one file, newest first."""
    folder = _existing_folder(state_dir, relative)
    if folder is None:
        return []
    try:
        with os.scandir(folder) as scan:
            names = sorted(
                (entry for entry in scan if entry.is_file(follow_symlinks=False)), key=lambda e: e.name, reverse=True
            )
    except OSError:
        return []
    found: list[Backup] = []
    for entry in names:
        stamp, _, rest = entry.name.partition("-")
        try:
            taken = int(stamp) / 1e6
            size = entry.stat(follow_symlinks=False).st_size
        except (ValueError, OSError):
            continue
        found.append(Backup(len(found) + 1, Path(entry.path), taken, size, rest.split(".", 1)[0]))
    return found


def save_backup(
    state_dir: Path, relative: str, data: bytes, *, now: float | None = None, keep_unsound: bool = False
) -> Path | None:
    """Store `data` as the newest version of `relative` (unless unsound or already the newest).

    `keep_unsound`: a person's save that a write displaced is kept whatever it holds."""
    from ccos.storage.local_state import safe_state_dir

    parts = _parts(relative)
    if not data or (not keep_unsound and not is_sound(relative, data)):
        return None
    digest = hashlib.sha256(data).hexdigest()[:16]
    folder = safe_state_dir(state_dir.parent, BACKUP_FOLDER, *parts)
    existing = list_backups(state_dir, relative)
    if existing and existing[0].sha256 == digest:
        return existing[0].path
    stamp = int((now if now is not None else time.time()) * 1e6)
    if existing:
        stamp = max(stamp, int(existing[0].taken * 1e6) + 1)
    target = folder / f"{stamp:017d}-{digest}{PurePosixPath(relative).suffix}"
    try:
        fd = create_exclusive(target)
    except OSError as exc:
        raise from_os_error(exc, target) from None
    try:
        try:
            write_fd(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise from_os_error(exc, target) from None
    for old in existing[MAX_VERSIONS - 1 :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    _prune_now_and_then(state_dir)
    failpoint("after-backup")
    return target


def _prune_now_and_then(state_dir: Path) -> None:
    mark = backup_root(state_dir) / _PRUNED_MARK
    try:
        info = os.lstat(mark)
        if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime < PRUNE_EVERY_SECONDS:
            return
    except OSError:
        pass
    prune(state_dir)
    with contextlib.suppress(OSError):
        if os.path.islink(mark) or (os.path.lexists(mark) and not os.path.isfile(mark)):
            os.unlink(mark)
        with contextlib.suppress(FileExistsError):
            os.close(create_exclusive(mark))
        os.utime(mark, follow_symlinks=False)


def _versions(state_dir: Path, remove_links: bool = False) -> list[tuple[str, int, Path]]:
    """(name, size, path) of every stored version: regular files only, no link followed."""
    from ccos.storage.local_state import existing_state_dir

    root = existing_state_dir(state_dir.parent, BACKUP_FOLDER)
    if root is None:
        return []
    files: list[tuple[str, int, Path]] = []
    for folder, _dirs, names in os.walk(root):  # never descends into a link to a folder
        for name in names:
            if name == _PRUNED_MARK:
                continue
            path = Path(folder) / name
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                files.append((name, info.st_size, path))
            elif stat.S_ISLNK(info.st_mode) and remove_links:
                with contextlib.suppress(OSError):
                    os.unlink(path)  # never ccos's: removed as a link, nothing it points to is touched
    return files


def prune(state_dir: Path, limit: int = MAX_TOTAL_BYTES) -> int:
    """Delete the oldest versions until all backups fit in `limit` bytes; how many went."""
    files = _versions(state_dir, remove_links=True)
    total = sum(size for _name, size, _path in files)
    removed = 0
    for _name, size, path in sorted(files):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
            removed += 1
    return removed


def total_size(state_dir: Path) -> tuple[int, int]:
    """(versions, bytes) stored."""
    files = _versions(state_dir)
    return len(files), sum(size for _name, size, _path in files)
