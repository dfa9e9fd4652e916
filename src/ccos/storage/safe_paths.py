"""Paths and opens that never leave the workspace and never follow a link.

Everything under the workspace may have come from a pushed git commit, a hand edit or an
import, `.ccos/` included (git checks out what a commit adds there, whatever `.gitignore`
says). So before ccos reads, writes or deletes a file:

- a path that comes from a file (a journal, a backup folder) must be a plain relative
  POSIX path (`check_relative`): no `..`, not absolute, no drive, no backslash, not inside
  `.git/` (in any letter case) or `.ccos/`;
- every folder from the workspace down to the file must be a real folder, not a symbolic
  link (`check_folders`), and the file itself is opened with `O_NOFOLLOW`;
- only regular files are read (`read_regular`): a FIFO, a device, a socket or a folder
  where a file belongs is refused from `lstat`, before anything opens it, so nothing can
  block; and each file kind has a size limit (`SIZE_LIMITS`, the one table of them).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ccos.errors import CcosError, InvalidFile, from_os_error
from ccos.i18n import tr

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
READ_FLAGS = os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC

MB = 1024 * 1024
# The largest file ccos reads, per kind (by suffix). A checklist of 1 MB holds some ten
# thousand items; 5 MB of notes is a book. Anything bigger is a mistake or an attack, and
# is refused with its size instead of being parsed for minutes.
SIZE_LIMITS = {".toml": 1 * MB, ".md": 5 * MB, ".json": 64 * MB}
OTHER_SIZE_LIMIT = 64 * MB  # any other file ccos reads (doctor and sync look for conflict markers)


def _link_problem() -> str:
    return tr("is a symbolic link; ccos does not read or write through links")


def _link_hint() -> str:
    return tr("replace the link with the file itself (or remove it), then run again")


Shown = Callable[[Path], str]


def size_limit(path: Path | str) -> int:
    return SIZE_LIMITS.get(os.path.splitext(str(path))[1].lower(), OTHER_SIZE_LIMIT)


def _plain(path: Path) -> str:
    return str(path)


def what_it_is(mode: int) -> str:
    """A file type as a person says it."""
    if stat.S_ISLNK(mode):
        return tr("a symbolic link")
    if stat.S_ISDIR(mode):
        return tr("a folder")
    if stat.S_ISFIFO(mode):
        return tr("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return tr("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("a device")
    if stat.S_ISREG(mode):
        return tr("a file")
    return tr("not a regular file")


class UnsafePath(ValueError):
    """A path from a file that ccos must not act on; the message says why."""


# Code points HFS+ leaves out of a file name when it compares names (the list git uses).
_IGNORABLE = frozenset(
    chr(code) for code in (*range(0x200C, 0x2010), *range(0x202A, 0x202F), *range(0x206A, 0x2070), 0xFEFF)
)


def reserved_folder(part: str, *, top: bool) -> str | None:
    """`.git` (anywhere) or `.ccos` (at the top) as some disk reads `part`, else None.

    Case-insensitive disks read `.GIT` as `.git`; Windows drops trailing dots and spaces and
    reads `.git::$INDEX_ALLOCATION` as `.git`; NTFS and FAT answer to 8.3 short names
    (`GIT~1`); HFS+ ignores some invisible characters (`.g\u200cit`), as git itself checks
    (CVE-2014-9390). The same rules as operations/export_json.py's check of import paths.
    """
    name = "".join(ch for ch in part if ch not in _IGNORABLE).split(":")[0].rstrip(". ").casefold()
    for folder in (".git", ".ccos") if top else (".git",):
        short = folder.lstrip(".")[:6] + "~"
        if name == folder or (name.startswith(short) and name[len(short) :].isdigit()):
            return folder
    return None


def check_relative(relative: object) -> str:
    """`relative` itself if it is a plain path inside the workspace, else UnsafePath."""
    if not isinstance(relative, str) or not relative:
        raise UnsafePath("the path is empty or not text")
    if "\x00" in relative or "\\" in relative:
        raise UnsafePath(f"{relative!r} holds a NUL or a backslash")
    if relative.startswith("/") or (len(relative) > 1 and relative[1] == ":" and relative[0].isalpha()):
        raise UnsafePath(f"{relative!r} is absolute")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafePath(f"{relative!r} is not a plain relative path (empty, '.' or '..' parts)")
    for position, part in enumerate(parts):
        reserved = reserved_folder(part, top=position == 0)
        if reserved:
            raise UnsafePath(f"{relative!r} is inside {part!r} (read as {reserved}/)")
    return relative


def inside(root: Path, path: Path) -> tuple[str, ...] | None:
    """The parts of `path` below `root`, or None when it is not below it (`..` never is)."""
    if ".." in path.parts:
        return None
    absolute = os.path.abspath(path)
    base = os.path.abspath(root)
    if absolute == base:
        return ()
    if not absolute.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return tuple(Path(absolute[len(base.rstrip(os.sep)) + 1 :]).parts)


def check_folders(root: Path, path: Path, *, create: bool = False, shown: Shown = _plain) -> None:
    """Every folder between `root` and `path` is a real folder (made when missing and `create`).

    A symbolic link or a file on the way is refused (exit 2 naming it); without `create`,
    the first missing folder ends the check (nothing below it exists to be followed).
    """
    parts = inside(root, path)
    if parts is None:
        raise InvalidFile(shown(path), tr("refusing a path outside the workspace"))
    current = Path(os.path.abspath(root))
    for part in parts[:-1]:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            if not create:
                return
            try:
                os.mkdir(current)
            except FileExistsError:
                info = os.lstat(current)
            except OSError as exc:
                raise from_os_error(exc, shown(current)) from None
            else:
                continue
        except OSError as exc:
            raise from_os_error(exc, shown(current)) from None
        if stat.S_ISLNK(info.st_mode):
            raise InvalidFile(shown(current), _link_problem(), hint=_link_hint())
        if not stat.S_ISDIR(info.st_mode):
            raise InvalidFile(
                shown(current), tr("is {what_it_is} where a folder belongs").format(what_it_is=what_it_is(info.st_mode))
            )


def check_kind(info: os.stat_result, shown: str, limit: int | None = None) -> None:
    """Refuse anything but a regular file (and one over `limit` bytes), before opening it."""
    if stat.S_ISLNK(info.st_mode):
        raise InvalidFile(shown, _link_problem(), hint=_link_hint())
    if not stat.S_ISREG(info.st_mode):
        raise InvalidFile(
            shown,
            tr("is {what_it_is}, not a regular file; ccos reads only regular files").format(
                what_it_is=what_it_is(info.st_mode)
            ),
            hint=tr("move it away and put the file there (or restore it with git), then run again"),
        )
    if limit is not None and info.st_size > limit:
        raise too_large(shown, info.st_size, limit)


def too_large(shown: str, size: int, limit: int) -> InvalidFile:
    return InvalidFile(
        shown,
        tr("is {value:.1f} MB, over the {value2} MB ccos reads for a file of this kind").format(
            value=size / MB, value2=limit // MB
        ),
        hint=tr("split it or move part of it elsewhere; nothing was changed"),
    )


def read_fd(fd: int, limit: int) -> bytes | None:
    """All of an open file, or None when it holds more than `limit` bytes."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 * MB, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def read_regular(path: Path, shown: str, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat; InvalidFile for anything else (nothing blocks)."""
    limit = size_limit(path) if limit is None else limit
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise InvalidFile(shown, tr("file not found")) from None
    except NotADirectoryError:
        raise InvalidFile(shown, tr("a folder on its path is a file")) from None
    except OSError as exc:
        raise from_os_error(exc, shown) from None
    check_kind(info, shown, limit)
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        raise InvalidFile(shown, tr("file not found")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InvalidFile(shown, _link_problem(), hint=_link_hint()) from None
        raise from_os_error(exc, shown) from None
    try:
        opened = os.fstat(fd)
        check_kind(opened, shown, limit)
        data = read_fd(fd, limit)
    except OSError as exc:
        raise from_os_error(exc, shown) from None
    finally:
        os.close(fd)
    if data is None:
        raise too_large(shown, max(opened.st_size, limit + 1), limit)
    return data, opened


def read_local(path: Path, limit: int) -> bytes | None:
    """A machine-local file (cache, journal, lock info) if it is a regular file within `limit`, else None."""
    try:
        return read_regular(path, str(path), limit)[0]
    except (CcosError, OSError):
        return None


def create_exclusive(path: Path, mode: int = 0o600) -> int:
    """A new file opened for writing; never an existing one, never through a link."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, mode)


def write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
