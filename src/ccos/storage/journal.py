"""The journal of a command's writes: a command that changes several files either completes
or is rolled back.

Before a write command (one that holds the workspace lock) changes its first file, it
records in `.ccos/journal/<pid>-<time>.json` the file's previous bytes (or that it did not
exist) and a hash of the new bytes; each further file is added before it is written. When
the command finishes, the journal is removed. So a journal that exists while nobody holds
the lock belongs to a command that was killed (or crashed) half-way: the next write command
(under the lock) or `ccos doctor --fix` rolls it back, file by file:

- the file still holds what the interrupted command wrote: the previous bytes come back
  (or the file goes, if the command created it);
- the file already holds the previous bytes: nothing to do;
- anything else (a person edited it since): it is kept as it is, and the journal's previous
  version is put in the backups (`ccos restore FILE --list`).

A command that fails with an error after writing some of its files rolls back the same way
before it exits, so "nothing written" holds for multi-file commands too.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccos.errors import from_os_error
from ccos.storage.atomic_write import failpoint, write_atomically

JOURNAL_FOLDER = "journal"


def sha256(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class Journal:
    """The undo log of one command, written before each of its file changes."""

    state_dir: Path
    command: str
    path: Path = field(init=False)
    entries: list[dict[str, Any]] = field(default_factory=list)
    _written: bytes | None = None

    def __post_init__(self) -> None:
        self.path = self.state_dir / JOURNAL_FOLDER / f"{os.getpid()}-{time.time_ns()}.json"

    def record(self, relative: str, old: bytes | None, new: bytes | None) -> None:
        """Note a change before it is made (a file already noted keeps its first previous bytes)."""
        for entry in self.entries:
            if entry["path"] == relative:
                entry["new"] = sha256(new)
                break
        else:
            self.entries.append(
                {
                    "path": relative,
                    "old": None if old is None else base64.b64encode(old).decode("ascii"),
                    "new": sha256(new),
                }
            )
        document = {"command": self.command, "pid": os.getpid(), "started": time.time(), "files": self.entries}
        data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise from_os_error(exc, self.path.parent) from None
        write_atomically(self.path, data, expected=self._written, failpoints=False)
        self._written = data
        failpoint("after-journal")

    def finish(self) -> None:
        failpoint("before-journal-remove")
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


@dataclass(frozen=True)
class Outcome:
    """What recovery did with one file."""

    path: str
    action: str  # "restored", "removed", "unchanged", "kept" (edited since; previous version backed up)


@dataclass(frozen=True)
class Recovery:
    journal: Path
    command: str
    outcomes: list[Outcome]

    def summary(self) -> str:
        restored = [o.path for o in self.outcomes if o.action in ("restored", "removed")]
        kept = [o.path for o in self.outcomes if o.action == "kept"]
        text = f"rolled back an interrupted `ccos {self.command}`"
        text += f": restored {', '.join(restored)}" if restored else ": nothing to restore"
        if kept:
            text += f"; kept {', '.join(kept)} (edited since; the earlier version is in `ccos restore FILE --list`)"
        return text


def pending(state_dir: Path) -> list[Path]:
    """Journals left behind (only meaningful while holding the lock, or with nobody running)."""
    try:
        return sorted(p for p in (state_dir / JOURNAL_FOLDER).iterdir() if p.suffix == ".json")
    except OSError:
        return []


def describe(journal: Path) -> tuple[str, list[str], int | None]:
    """(command, files, pid) of a journal, for doctor; an unreadable journal names no files."""
    try:
        document = json.loads(journal.read_text(encoding="utf-8"))
        return (
            str(document.get("command", "?")),
            [str(e["path"]) for e in document.get("files", [])],
            document.get("pid") if isinstance(document.get("pid"), int) else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "?", [], None


def roll_back(root: Path, state_dir: Path, journal: Path) -> Recovery:
    """Undo the changes an interrupted command recorded, newest first, then drop the journal."""
    from ccos.storage.backups import save_backup

    command, _files, _pid = describe(journal)
    try:
        document = json.loads(journal.read_text(encoding="utf-8"))
        entries = list(document.get("files", []))
    except (OSError, ValueError):
        entries = []  # killed while the first version of the journal was written: nothing changed yet
    outcomes = []
    for entry in reversed(entries):
        relative = str(entry["path"])
        old = None if entry.get("old") is None else base64.b64decode(entry["old"])
        target = root / relative
        try:
            current: bytes | None = target.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise from_os_error(exc, target) from None
        if current == old:
            outcomes.append(Outcome(relative, "unchanged"))
        elif sha256(current) == entry.get("new"):
            failpoint("journal-rollback")
            if current is not None:
                save_backup(state_dir, relative, current)
            if old is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                outcomes.append(Outcome(relative, "removed"))
            else:
                write_atomically(target, old, expected=current, failpoints=False)
                outcomes.append(Outcome(relative, "restored"))
        else:
            if old is not None:
                save_backup(state_dir, relative, old)
            outcomes.append(Outcome(relative, "kept"))
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
    return Recovery(journal, command, outcomes)
