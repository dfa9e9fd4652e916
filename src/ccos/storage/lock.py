"""The workspace lock: an OS-level lock (it dies with the process), held for a command's
whole read-change-write, so two ccos at once never lose each other's entries (jrnl #502).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from ccos.errors import WorkspaceBusy, from_os_error

DEFAULT_TIMEOUT = 10.0


def _timeout() -> float:
    try:
        return float(os.environ.get("CCOS_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def _describe_holder(info_path: Path) -> str:
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        return f"ccos {info.get('command', '?')!s} (pid {info.get('pid')}, on {info.get('host')})"
    except (OSError, ValueError):
        return "another ccos"


@contextlib.contextmanager
def hold_lock(state_dir: Path, command: str) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock_path = state_dir / "lock"
    info_path = state_dir / "lock.json"
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=_timeout())
        lock.acquire()
    except Timeout:
        raise WorkspaceBusy(
            f"workspace busy: {_describe_holder(info_path)} holds {lock_path}",
            "wait for it to finish and run again",
        ) from None
    except OSError as exc:
        raise from_os_error(exc, state_dir) from None
    try:
        with contextlib.suppress(OSError):
            info_path.write_text(
                json.dumps(
                    {"pid": os.getpid(), "host": socket.gethostname(), "command": command, "since": time.time()}
                ),
                encoding="utf-8",
            )
        yield
    finally:
        with contextlib.suppress(OSError):
            info_path.unlink()
        lock.release()
