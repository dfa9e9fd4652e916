"""What interrupted writes leave behind: `.NAME.PID.HEX.ccos-tmp` files (see atomic_write.py;
older versions named them `.NAME.PID.ccos-tmp`).

A temporary file is stale when the process that wrote it is gone (a crash, a kill, a full
disk); removing it is always safe, because the real file was never touched by it until
the final swap, which consumes the temporary file. A symbolic link with such a name is
never ccos's (it creates regular files only): it is stale whatever pid it names, and
removing it removes the link only.
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
    foreign: bool = False  # not a regular file: never one of ccos's

    @property
    def stale(self) -> bool:
        return self.foreign or self.pid is None or not pid_alive(self.pid)


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


HEX_LENGTH = 16  # the random part of a temporary name (atomic_write.temp_path_for)


def owner_pid(name: str) -> int | None:
    stem = name[: -len(TEMP_SUFFIX)] if name.endswith(TEMP_SUFFIX) else name
    rest, _, last = stem.rpartition(".")
    if len(last) == HEX_LENGTH and all(c in "0123456789abcdef" for c in last):
        _rest, _, pid = rest.rpartition(".")
        if pid.isdigit():
            return int(pid)
    return int(last) if last.isdigit() else None


def find_temp_files(root: Path) -> list[TempFile]:
    found = []
    skipped = {root / ".git", root / ".ccos" / "backups"}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if Path(folder) / d not in skipped)
        for name in sorted(names):
            if name.endswith(TEMP_SUFFIX):
                path = Path(folder) / name
                found.append(TempFile(path, owner_pid(name), not path.is_file() or path.is_symlink()))
    return found
