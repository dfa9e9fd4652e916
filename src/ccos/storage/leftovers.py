"""What interrupted writes leave behind: `.NAME.PID.ccos-tmp` files (see atomic_write.py).

A temporary file is stale when the process that wrote it is gone (a crash, a kill, a full
disk); removing it is always safe, because the real file was never touched by it until
the final `os.replace`, which consumes the temporary file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ccos.storage.atomic_write import TEMP_SUFFIX


@dataclass(frozen=True)
class TempFile:
    path: Path
    pid: int | None

    @property
    def stale(self) -> bool:
        return self.pid is None or not pid_alive(self.pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def owner_pid(name: str) -> int | None:
    stem = name[: -len(TEMP_SUFFIX)] if name.endswith(TEMP_SUFFIX) else name
    _rest, _, pid = stem.rpartition(".")
    return int(pid) if pid.isdigit() else None


def find_temp_files(root: Path) -> list[TempFile]:
    found = []
    skipped = {root / ".git", root / ".ccos" / "backups"}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if Path(folder) / d not in skipped)
        for name in sorted(names):
            if name.endswith(TEMP_SUFFIX):
                found.append(TempFile(Path(folder) / name, owner_pid(name)))
    return found
