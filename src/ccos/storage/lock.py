"""The workspace lock: an OS-level lock (it dies with the process), held for a command's
whole read-change-write, so two ccos at once never lose each other's entries (jrnl #502).

`.ccos/lock` and `.ccos/lock.json` (who holds it) are never followed: a link or anything but
a regular file there (a pushed commit can put one) is removed as a link or set aside, with a
note, before the lock is taken; `lock.json` is created with `O_EXCL | O_NOFOLLOW`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from ccos.errors import InvalidInput, WorkspaceBusy, from_os_error
from ccos.i18n import tr
from ccos.storage.local_state import ASIDE, note, safe_state_dir
from ccos.storage.safe_paths import create_exclusive, read_local, what_it_is, write_fd

DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 3600.0
MAX_INFO_BYTES = 64 * 1024


def _timeout() -> float:
    """`CCOS_LOCK_TIMEOUT` in seconds (0 to 3600; unset: 10); anything else is exit 2."""
    raw = os.environ.get("CCOS_LOCK_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= MAX_TIMEOUT:
        raise InvalidInput(
            tr("CCOS_LOCK_TIMEOUT={raw}: CCOS_LOCK_TIMEOUT must be a number of seconds from 0 to 3600").format(
                raw=repr(raw)
            ),
            tr("set it to e.g. 10, or unset it (nothing was changed)"),
        )
    return value


def _describe_holder(info_path: Path) -> str:
    raw = read_local(info_path, MAX_INFO_BYTES)
    try:
        info = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (ValueError, RecursionError):
        info = None
    if not isinstance(info, dict):
        return tr("another ccos")
    return tr("{command} (pid {pid}, on {host})").format(
        command=f"ccos {info.get('command', '?')!s}", pid=info.get("pid"), host=info.get("host")
    )


def _clear(root: Path, path: Path) -> None:
    """Nothing but a regular file may stand at `path`: a link is removed, anything else set aside."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode):
        return
    shown = path.relative_to(root).as_posix()
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISLNK(info.st_mode):
            os.unlink(path)
            note(root, f"{shown} was a symbolic link; ccos removed the link (without touching what it points to)")
        else:
            aside = path.with_name(f"{path.name}{ASIDE}{time.time_ns()}")
            os.rename(path, aside)
            note(root, f"{shown} was {what_it_is(info.st_mode)}; ccos set it aside as {aside.name}")


def _write_info(info_path: Path, command: str) -> None:
    data = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "command": command, "since": time.time()})
    with contextlib.suppress(FileNotFoundError):
        os.unlink(info_path)  # a holder's leftover (we hold the lock now) or a link, removed as a link
    fd = create_exclusive(info_path, 0o644)
    try:
        write_fd(fd, data.encode("utf-8"))
    finally:
        os.close(fd)


@contextlib.contextmanager
def hold_lock(state_dir: Path, command: str) -> Iterator[None]:
    from filelock import FileLock, Timeout

    timeout = _timeout()
    root = state_dir.parent
    lock_path = state_dir / "lock"
    info_path = state_dir / "lock.json"
    try:
        safe_state_dir(root)
        _clear(root, lock_path)
        lock = FileLock(str(lock_path), timeout=timeout)
        lock.acquire()
    except Timeout:
        raise WorkspaceBusy(
            tr("workspace busy: {describe_holder} holds {lock_path}").format(
                describe_holder=_describe_holder(info_path), lock_path=lock_path
            ),
            tr("wait for it to finish and run again"),
        ) from None
    except OSError as exc:
        raise from_os_error(exc, state_dir) from None
    try:
        with contextlib.suppress(OSError):
            _clear(root, info_path)
            _write_info(info_path, command)
        yield
    finally:
        with contextlib.suppress(OSError):
            if os.path.isfile(info_path) and not os.path.islink(info_path):
                os.unlink(info_path)
        lock.release()
