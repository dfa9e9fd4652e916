"""The write path: temporary file, fsync, parse-back check, then an atomic swap into place.

A crash at any step leaves either the old file or the new one, never half of one
(Taskwarrior #1420, #2264; Timewarrior #480). `CCOS_FAILPOINT` names a step at which the
process kills itself, so tests can prove that claim: `CCOS_FAILPOINT=before-replace` dies the
first time the step is reached, `CCOS_FAILPOINT=before-replace:2` the second time (the
second file a command writes). The steps, in the order a write reaches them:

- `after-backup`: the previous version was copied to `.ccos/backups/` (storage/backups.py);
- `after-journal`: the journal of a command's writes was updated (storage/journal.py);
- `after-temp-write`, `before-replace`, `after-replace`: this module;
- `before-journal-remove`: every write of the command is done, its journal not yet removed;
- `journal-rollback`: recovery is restoring an interrupted command's files.

No write follows a link: the temporary file has an unguessable name
(`.NAME.PID.HEX.ccos-tmp`) and is created with `O_CREAT | O_EXCL | O_NOFOLLOW`; every
folder from the workspace down to the file must be a real folder; a link (or a FIFO, a
folder...) where the file belongs is refused, naming it.

"Your edit wins": the file on disk must still be exactly what ccos read, checked when the
write starts and again after the fsync, immediately before the swap. On Linux the swap is
`renameat2(RENAME_EXCHANGE)`: the displaced file lands on the temporary name, so ccos sees
exactly what it replaced. If that is not what it read (an editor saved in the last
microseconds), the person's version is swapped back, also kept in the backups
(`on_displaced`), and the command stops with exit 3: nothing is lost. Elsewhere (another
system, a file system without the exchange) it is a plain `os.replace`, and a save that
lands between the last check and the replace (a few microseconds) is the one case not
caught. A new file is put in place with no-replace semantics (`RENAME_NOREPLACE` or a
hard link), so a file that appears meanwhile is never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccos.errors import CcosError, ChangedOnDisk, InvalidFile, from_os_error
from ccos.i18n import tr
from ccos.storage.safe_paths import (
    DIRECTORY,
    NOFOLLOW,
    READ_FLAGS,
    check_folders,
    check_kind,
    create_exclusive,
    read_fd,
    write_fd,
)

TEMP_SUFFIX = ".ccos-tmp"
FAILPOINTS = ("after-temp-write", "before-replace", "after-replace")
ALL_FAILPOINTS = (
    "after-backup",
    "after-journal",
    *FAILPOINTS,
    "before-journal-remove",
    "journal-rollback",
)
_reached: dict[str, int] = {}

# For tests: called as hook(step, path) at "after-temp-write" and at "replace-window" (after
# the last check, immediately before the swap), so a test can save the file as an editor
# would at exactly that moment.
test_hook: Callable[[str, Path], None] | None = None

Identity = tuple[int, int, int, int]  # device, inode, size, modification time (ns)


def failpoint(name: str) -> None:
    """Die here, as a kill -9 would, when `CCOS_FAILPOINT` names this step (and its count)."""
    wanted = os.environ.get("CCOS_FAILPOINT")
    if not wanted:
        return
    step, _, nth = wanted.partition(":")
    if step != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == (int(nth) if nth.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)


def _no_failpoint(name: str) -> None:
    return None


def _hook(step: str, path: Path) -> None:
    hook = test_hook
    if hook is not None:
        hook(step, path)


def temp_path_for(path: Path) -> Path:
    """A fresh, unguessable temporary name next to `path` (the pid tells doctor whose it is)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(8).hex()}{TEMP_SUFFIX}")


def _identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _full_identity(info: os.stat_result) -> tuple[int, ...]:
    return (*_identity(info), info.st_ctime_ns)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | DIRECTORY | NOFOLLOW)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise InvalidFile(str(path), tr("a folder on its path is a file")) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None


def _read_same(path: Path, info: os.stat_result, limit: int) -> bytes | None:
    """The bytes of `path` if it is still the file `info` describes (at most `limit`), else None."""
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise
    try:
        opened = os.fstat(fd)
        if _identity(opened) != _identity(info):
            return None
        return read_fd(fd, limit)
    finally:
        os.close(fd)


def _changed(path: Path) -> ChangedOnDisk:
    return ChangedOnDisk(
        tr("{path}: file changed on disk since ccos read it (an editor saved it?)").format(path=path),
        tr("your edit is kept; run the command again"),
    )


def _appeared(path: Path) -> ChangedOnDisk:
    return ChangedOnDisk(
        tr("{path}: file appeared on disk while ccos was working").format(path=path), tr("run the command again")
    )


def _check_unchanged(path: Path, expected: bytes | None) -> os.stat_result | None:
    """What is at `path` must be what ccos read (`expected`; None: nothing). Its lstat, or None."""
    info = _lstat(path)
    if info is None:
        if expected is not None:
            raise _changed(path)
        return None
    check_kind(info, str(path))
    if expected is None:
        raise _appeared(path)
    if info.st_size != len(expected):
        raise _changed(path)
    try:
        current = _read_same(path, info, len(expected))
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if current != expected:
        raise _changed(path)
    return info


def write_atomically(
    path: Path,
    data: bytes,
    *,
    expected: bytes | None,
    verify: Callable[[bytes], None] | None = None,
    failpoints: bool = True,
    root: Path | None = None,
    on_displaced: Callable[[bytes], Any] | None = None,
) -> None:
    """Replace `path` with `data`.

    `expected` is what ccos read (None: the file must not exist yet). If the file on disk
    differs, somebody saved it underneath us: refuse (exit 3) and keep their edit.
    `root`: the workspace; every folder from it down to `path` must be a real folder (made
    when missing). `on_displaced(bytes)` keeps a person's save that the swap displaced (the
    backups). `failpoints=False` for ccos's own bookkeeping (the journal), so a failpoint
    names a data write.
    """
    step = failpoint if failpoints else _no_failpoint
    try:
        if root is not None:
            check_folders(root, path, create=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise from_os_error(exc, path) from None
    before = _check_unchanged(path, expected)
    mode = (before.st_mode & 0o7777) if before is not None else None
    temp = temp_path_for(path)
    try:
        fd = create_exclusive(temp, 0o666 if mode is None else mode)
    except OSError as exc:
        raise from_os_error(exc, path) from None
    ours: list[bool] = [True]  # the temporary name still holds ccos's own bytes (remove it on failure)
    try:
        try:
            write_fd(fd, data)
            if mode is not None:  # the file's own mode, whatever the umask
                os.fchmod(fd, mode) if hasattr(os, "fchmod") else os.chmod(temp, mode)
            os.fsync(fd)
            written = _identity(os.fstat(fd))
        finally:
            os.close(fd)
        step("after-temp-write")
        _hook("after-temp-write", path)
        if verify is not None:
            verify(_read_temp(temp, len(data)))
        step("before-replace")
        _swap_into_place(temp, path, before, expected, written, on_displaced, ours)
        step("after-replace")
        _fsync_dir(path.parent)
    except OSError as exc:
        _remove_temp(temp, ours)
        raise from_os_error(exc, path) from None
    except BaseException:
        _remove_temp(temp, ours)
        raise


def _remove_temp(temp: Path, ours: list[bool]) -> None:
    if ours[0]:
        with contextlib.suppress(OSError):
            temp.unlink()


def _read_temp(temp: Path, size: int) -> bytes:
    fd = os.open(temp, READ_FLAGS)
    try:
        return read_fd(fd, size) or b""
    finally:
        os.close(fd)


def _swap_into_place(
    temp: Path,
    path: Path,
    before: os.stat_result | None,
    expected: bytes | None,
    written: Identity,
    on_displaced: Callable[[bytes], Any] | None,
    ours: list[bool],
) -> None:
    # the last check, as late as possible: the file must still be the one ccos read
    _check_unchanged(path, expected)
    final = _lstat(path)
    if before is not None and (final is None or _full_identity(final) != _full_identity(before)):
        raise _changed(path)
    if before is None and final is not None:
        raise _appeared(path)
    _hook("replace-window", path)
    if before is None:
        _place_new(temp, path)
        ours[0] = False
        return
    if not _rename2(temp, path, _RENAME_EXCHANGE):
        os.replace(temp, path)  # best effort: a save in the microseconds since the last check is not seen
        ours[0] = False
        return
    ours[0] = False  # the temporary name now holds what the swap displaced
    displaced = _displaced(temp, expected)
    if displaced is None:
        os.unlink(temp)
        return
    _give_back(temp, path, displaced, written, on_displaced)


def _displaced(temp: Path, expected: bytes | None) -> bytes | None:
    """None when the swap displaced what ccos read (the same bytes); else the displaced bytes."""
    try:
        fd = os.open(temp, READ_FLAGS)
    except OSError:
        return b""
    try:
        info = os.fstat(fd)
        check_kind(info, str(temp))
        data = read_fd(fd, info.st_size + (1 << 20)) or b""
    except (OSError, CcosError):
        return b""
    finally:
        os.close(fd)
    return None if data == expected else data


def _give_back(
    temp: Path, path: Path, displaced: bytes, written: Identity, on_displaced: Callable[[bytes], Any] | None
) -> None:
    """An editor saved in the last moment: its version goes back in place (and into the backups)."""
    kept = False
    if on_displaced is not None and displaced:
        with contextlib.suppress(CcosError, OSError):
            on_displaced(displaced)
            kept = True
    now = _lstat(path)
    if now is not None and (now.st_dev, now.st_ino) == written[:2] and _rename2(temp, path, _RENAME_EXCHANGE):
        back = _lstat(temp)
        if back is not None and (back.st_dev, back.st_ino) == written[:2]:
            os.unlink(temp)  # ccos's own version: the person's is in place again
        # else: an even newer save was displaced meanwhile; it stays on the temporary name
    elif kept:
        os.unlink(temp)  # a newer save is in place already; the displaced one is in the backups
    raise ChangedOnDisk(
        tr("{path}: changed on disk while ccos was writing it (an editor saved it?)").format(path=path),
        tr(
            "your version is kept and ccos changed nothing in it (it is also in `ccos restore FILE "
            "--list`); run the command again"
        ),
    )


def _place_new(temp: Path, path: Path) -> None:
    """Put a new file in place without ever replacing one that appeared meanwhile."""
    try:
        if _rename2(temp, path, _RENAME_NOREPLACE):
            return
        try:
            os.link(temp, path, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: the last check above is all there is
            os.replace(temp, path)
            return
        os.unlink(temp)
    except FileExistsError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _appeared(path) from None


_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2: Any = None


def _rename2(source: Path, target: Path, flags: int) -> bool:
    """Linux renameat2(2); False where it (or the flag, on this file system) is not available."""
    global _renameat2  # noqa: PLW0603 - loaded once, on the first write
    if _renameat2 is None:
        _renameat2 = _load_renameat2()
    if _renameat2 is False:
        return False
    import ctypes

    if _renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(target))


def _load_renameat2() -> Any:
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, ImportError):
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
