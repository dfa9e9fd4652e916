"""The write path: temporary file, fsync, parse-back check, then `os.replace`.

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
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path

from ccos.errors import CcosError, ChangedOnDisk, from_os_error

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


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(
    path: Path,
    data: bytes,
    *,
    expected: bytes | None,
    verify: Callable[[bytes], None] | None = None,
    failpoints: bool = True,
) -> None:
    """Replace `path` with `data`.

    `expected` is what ccos read (None: the file must not exist yet). If the file on disk
    differs, somebody saved it underneath us: refuse (exit 3) and keep their edit.
    `failpoints=False` for ccos's own bookkeeping (the journal), so a failpoint names a data write.
    """
    step = failpoint if failpoints else _no_failpoint
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if current != expected:
        if expected is None:
            raise ChangedOnDisk(f"{path}: file appeared on disk while ccos was working", "run the command again")
        raise ChangedOnDisk(
            f"{path}: file changed on disk since ccos read it (an editor saved it?)",
            "your edit is kept; run the command again",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = (path.stat().st_mode & 0o7777) if current is not None else None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    temp = temp_path_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp, mode)
        step("after-temp-write")
        if verify is not None:
            verify(temp.read_bytes())
        step("before-replace")
        os.replace(temp, path)
        step("after-replace")
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise from_os_error(exc, path) from None
    except CcosError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
