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

A journal is acted on only if ccos could have written it (`_trusted_entries`): a regular
file with a name ccos gives, not tracked by git (a pushed commit can put files under
`.ccos/`), whose every entry names a plain relative path inside the workspace (no `..`, not
absolute, not in `.git/` or `.ccos/`, no symbolic link on the way or at the end) with valid
base64 and hashes. Any other journal is set aside (renamed `NAME.set-aside-<time>`) with a
note, and nothing in it is acted on.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccos.i18n import tr
from ccos.storage.atomic_write import failpoint, write_atomically
from ccos.storage.safe_paths import UnsafePath, check_relative, read_local, read_regular, what_it_is

JOURNAL_FOLDER = "journal"
MAX_JOURNAL_BYTES = 256 * 1024 * 1024  # previous versions of every file one command changes, in base64
SET_ASIDE = ".set-aside-"


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
        from ccos.storage.local_state import safe_state_dir

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
        root = self.state_dir.parent
        safe_state_dir(root, JOURNAL_FOLDER)
        write_atomically(self.path, data, expected=self._written, failpoints=False, root=root)
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
    set_aside: str | None = None  # why the journal was not trusted (nothing was acted on)

    def summary(self, failed: bool = False) -> str:
        """One line for the person; `failed`: the command that just failed rolled itself back."""
        if self.set_aside is not None:
            return self.set_aside
        restored = [o.path for o in self.outcomes if o.action in ("restored", "removed")]
        kept = [o.path for o in self.outcomes if o.action == "kept"]
        command = f"ccos {self.command[:80]}"
        if failed:
            text = tr("rolled back this failed `{command}`").format(command=command)
        else:
            text = tr("rolled back an interrupted `{command}`").format(command=command)
        text += tr(": restored {files}").format(files=_names(restored)) if restored else tr(": nothing to restore")
        if kept:
            text += tr("; kept {files} (edited since; the earlier version is in `ccos restore FILE --list`)").format(
                files=_names(kept)
            )
        return text


def _names(paths: list[str], shown: int = 5) -> str:
    """The first few paths and a count: a note stays one readable line however long the journal."""
    text = ", ".join(paths[:shown])
    return text + (tr(" and {n} more").format(n=len(paths) - shown) if len(paths) > shown else "")


def pending(state_dir: Path) -> list[Path]:
    """Journals left behind (only meaningful while holding the lock, or with nobody running).

    Every `*.json` entry of a sound journal folder, whatever it is (a link is never followed:
    `roll_back` sets such a journal aside); a journal folder that is a link lists nothing.
    """
    from ccos.storage.local_state import existing_state_dir

    folder = existing_state_dir(state_dir.parent, JOURNAL_FOLDER)
    if folder is None:
        return []
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries if entry.name.endswith(".json"))
    except OSError:
        return []


def _load(journal: Path) -> dict[str, Any] | None:
    raw = read_local(journal, MAX_JOURNAL_BYTES)
    if raw is None:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def describe(journal: Path) -> tuple[str, list[str], int | None]:
    """(command, files, pid) of a journal, for doctor; an unreadable journal names no files."""
    document = _load(journal)
    if document is None:
        return "?", [], None
    files = document.get("files")
    pid = document.get("pid")
    return (
        str(document.get("command", "?")),
        [str(e.get("path")) for e in files if isinstance(e, dict)] if isinstance(files, list) else [],
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
    )


class Untrusted(Exception):
    """A journal ccos did not write (or cannot act on safely); the message says why."""


def _is_journal_name(name: str) -> bool:
    pid, dash, rest = name.removesuffix(".json").partition("-")
    return name.endswith(".json") and bool(dash) and pid.isdigit() and rest.isdigit()


@dataclass(frozen=True)
class _Entry:
    path: str
    old: bytes | None
    new: str | None


def _entry(root: Path, raw: object) -> _Entry:
    if not isinstance(raw, dict):
        raise Untrusted("an entry is not a table")
    try:
        relative = check_relative(raw.get("path"))
    except UnsafePath as why:
        raise Untrusted(str(why)) from None
    old = raw.get("old")
    new = raw.get("new")
    if old is not None:
        if not isinstance(old, str):
            raise Untrusted(f"the previous bytes of {relative!r} are not base64")
        try:
            old = base64.b64decode(old.encode("ascii"), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            raise Untrusted(f"the previous bytes of {relative!r} are not base64") from None
    if new is not None and not (isinstance(new, str) and len(new) == 64 and all(c in "0123456789abcdef" for c in new)):
        raise Untrusted(f"the hash of {relative!r} is not a sha256")
    current = root
    for part in relative.split("/"):
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            break
        except OSError as exc:
            raise Untrusted(f"{relative!r}: {exc.strerror}") from None
        last = current == root / relative
        if stat.S_ISLNK(info.st_mode) or not (stat.S_ISREG(info.st_mode) if last else stat.S_ISDIR(info.st_mode)):
            shown = current.relative_to(root).as_posix()
            raise Untrusted(f"{shown} is {what_it_is(info.st_mode)}")
    return _Entry(relative, old, new)


def _trusted_entries(root: Path, journal: Path) -> tuple[str, list[_Entry]]:
    """(command, entries) of a journal ccos could have written, else Untrusted."""
    if not _is_journal_name(journal.name):
        raise Untrusted("not a name ccos gives its journals")
    try:
        info = os.lstat(journal)
    except OSError as exc:
        raise Untrusted(exc.strerror or "unreadable") from None
    if not stat.S_ISREG(info.st_mode):
        raise Untrusted(f"it is {what_it_is(info.st_mode)}")
    from ccos.storage.backups import GitIndex

    if f".ccos/{JOURNAL_FOLDER}/{journal.name}" in GitIndex(root).entries():
        raise Untrusted("it is tracked by git, so it came with a commit")
    if ever_committed(root, f".ccos/{JOURNAL_FOLDER}/{journal.name}"):
        raise Untrusted("a commit held it, so it came with a pull and was untracked since")
    document = _load(journal)
    if document is None:
        raise Untrusted("it is not a journal ccos reads (not JSON, or too large)")
    files = document.get("files", [])
    if not isinstance(files, list):
        raise Untrusted("its list of files is not a list")
    entries = [_entry(root, raw) for raw in files]
    if len({entry.path for entry in entries}) != len(entries):
        raise Untrusted("it names a file twice; ccos notes each file once")
    return str(document.get("command", "?")), entries


def ever_committed(root: Path, relative: str) -> bool:
    """True when some commit (any ref or reflog entry) holds `relative`.

    ccos never commits a journal, so one that a commit held arrived with a pull, even after
    `git rm --cached` by hand left it on disk untracked. Only asked when a journal is pending.
    """
    from ccos.errors import CcosError
    from ccos.storage.git import git_available, run_git

    if not (root / ".git").exists() or not git_available():
        return False
    try:
        result = run_git(
            root, "log", "--all", "--reflog", "-n1", "--format=%H", "--", relative, check=False, timeout=60
        )
    except CcosError:
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def _set_aside(root: Path, journal: Path, why: str) -> Recovery:
    shown = journal.relative_to(root).as_posix() if journal.is_relative_to(root) else str(journal)
    aside = journal.with_name(f"{journal.name}{SET_ASIDE}{time.time_ns()}")
    try:
        os.rename(journal, aside)
        where = tr("ccos set it aside as {name}").format(name=aside.name)
    except OSError:
        where = tr("ccos left it where it is")
    text = tr("{path} is not a journal ccos wrote ({why}): nothing in it was acted on; {where}").format(
        path=shown, why=why, where=where
    )
    return Recovery(journal, "?", [], set_aside=text)


def roll_back(root: Path, state_dir: Path, journal: Path) -> Recovery:
    """Undo the changes an interrupted command recorded, newest first, then drop the journal."""
    from ccos.storage.backups import save_backup

    try:
        command, entries = _trusted_entries(root, journal)
    except Untrusted as why:
        return _set_aside(root, journal, str(why))
    outcomes = []
    for entry in reversed(entries):
        relative, old = entry.path, entry.old
        target = root / relative
        current: bytes | None = None
        if os.path.lexists(target):
            current = read_regular(target, relative, limit=max(len(old or b""), 64 * 1024 * 1024))[0]
        if current == old:
            outcomes.append(Outcome(relative, "unchanged"))
        elif sha256(current) == entry.new:
            failpoint("journal-rollback")
            if current is not None:
                save_backup(state_dir, relative, current)
            if old is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                outcomes.append(Outcome(relative, "removed"))
            else:
                write_atomically(target, old, expected=current, failpoints=False, root=root)
                outcomes.append(Outcome(relative, "restored"))
        else:
            if old is not None:
                save_backup(state_dir, relative, old)
            outcomes.append(Outcome(relative, "kept"))
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
    return Recovery(journal, command, outcomes)
