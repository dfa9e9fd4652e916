"""Machine-local state: the `.ccos/` folder, and `.ccos/state.json` (the last sync time).

Git ignores `.ccos/`, yet a pushed commit can still put anything there (git checks out
what a commit adds, `.gitignore` or not). So every folder of it is checked before ccos
uses it (`safe_state_dir`): it must be a real folder owned by the person running ccos.
Anything else is set aside and the folder made anew, and the person is told (a note on
stderr): a symbolic link is removed as a link (what it points to is never touched); a
file, a pipe or a folder owned by someone else is renamed `NAME.set-aside-<time>` (inside
`.ccos/`, where git and ccos ignore it).

`state.json` is a cache of this machine's history, not a person's data: an unreadable file
is read as empty and rewritten.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any, Literal

from ccos.errors import from_os_error
from ccos.i18n import tr
from ccos.storage.atomic_write import write_atomically
from ccos.storage.safe_paths import read_local, what_it_is

STATE_DIR = ".ccos"
STATE_FILE = "state.json"
MAX_STATE_BYTES = 1024 * 1024
ASIDE = ".set-aside-"

_notes: dict[str, list[str]] = {}
_unclaimed: dict[str, list[str]] = {}


def register_notes(root: Path, notes: list[str]) -> None:
    """Where to tell the person what happened to the state folders of `root` (Workspace.notes)."""
    key = os.path.abspath(root)
    _notes[key] = notes
    notes.extend(_unclaimed.pop(key, []))


def note(root: Path, text: str) -> None:
    key = os.path.abspath(root)
    target = _notes.get(key)
    if target is None:
        _unclaimed.setdefault(key, []).append(text)
    else:
        target.append(text)


def _problem(info: os.stat_result) -> str | None:
    """Why a state folder cannot be used as it is, or None."""
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return tr("{what}, not a folder").format(what=what_it_is(info.st_mode))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return tr("a folder owned by another user (uid {uid})").format(uid=info.st_uid)
    return None


Mode = Literal["repair", "create", "check"]


def _walk(root: Path, parts: tuple[str, ...], mode: Mode) -> Path | None:
    """`.ccos/<parts>` as a chain of real folders; what to do with a missing or wrong one is `mode`."""
    current = Path(os.path.abspath(root))
    for name in (STATE_DIR, *parts):
        current = current / name
        try:
            info: os.stat_result | None = os.lstat(current)
        except FileNotFoundError:
            info = None
        if info is None:
            if mode == "check":
                return None
            try:
                os.mkdir(current)
                continue
            except FileExistsError:  # made at the same moment by another ccos
                info = os.lstat(current)
        problem = _problem(info)
        if problem is None:
            continue
        if mode != "repair":
            return None
        _set_aside(root, current, info, problem)
    return current


def _set_aside(root: Path, path: Path, info: os.stat_result, problem: str) -> None:
    """Move a wrong state folder out of the way (a link is only unlinked) and make a new one."""
    shown = path.relative_to(os.path.abspath(root)).as_posix()
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        os.unlink(path)
        os.mkdir(path)
        note(
            root,
            tr(
                "{path} was a symbolic link (to {target}); ccos removed the link (without touching what it "
                "points to) and made a new folder"
            ).format(path=shown, target=target),
        )
        return
    aside = path.with_name(f"{path.name}{ASIDE}{time.time_ns()}")
    os.rename(path, aside)
    os.mkdir(path)
    if path.name == STATE_DIR and path.parent == Path(os.path.abspath(root)):
        inner = path / aside.name.lstrip(".")
        try:
            os.rename(aside, inner)  # inside .ccos/, where git and ccos ignore it
            aside = inner
        except OSError:
            pass
    note(
        root,
        tr("{path} was {problem}; ccos set it aside as {aside} and made a new folder").format(
            path=shown, problem=problem, aside=aside.relative_to(os.path.abspath(root)).as_posix()
        ),
    )


def safe_state_dir(root: Path, *parts: str) -> Path:
    """`root/.ccos/<parts>` as real folders owned by this user: made when missing, repaired when wrong."""
    try:
        folder = _walk(root, parts, "repair")
    except OSError as exc:
        raise from_os_error(exc, Path(root, STATE_DIR, *parts)) from None
    assert folder is not None
    return folder


STATE_FOLDERS = (("journal",), ("backups",), ("import",))


def repair_state_dirs(root: Path) -> None:
    """Each folder of `.ccos/` that ccos uses and that exists, made sound (set aside with a note
    when wrong): write commands do this under the lock, before anything else."""
    base = Path(os.path.abspath(root), STATE_DIR)
    for parts in STATE_FOLDERS:
        if os.path.lexists(base.joinpath(*parts)):
            safe_state_dir(root, *parts)


def existing_state_dir(root: Path, *parts: str) -> Path | None:
    """The folder if it and every folder above it (up to `.ccos`) are sound; changes nothing."""
    try:
        return _walk(root, parts, "check")
    except OSError:
        return None


def quiet_state_dir(root: Path, *parts: str) -> Path | None:
    """For caches: the folder (made when missing), or None when something there is wrong.

    Caches are written at exit, after the person was told everything; a wrong folder is
    left for the next write command to repair (and tell).
    """
    try:
        return _walk(root, parts, "create")
    except OSError:
        return None


def read_state(state_dir: Path) -> dict[str, Any]:
    folder = existing_state_dir(state_dir.parent)
    raw = read_local(folder / STATE_FILE, MAX_STATE_BYTES) if folder is not None else None
    if raw is None:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def update_state(state_dir: Path, **values: Any) -> None:
    root = state_dir.parent
    folder = safe_state_dir(root)
    path = folder / STATE_FILE
    state = read_state(state_dir)
    state.update(values)
    current = read_local(path, MAX_STATE_BYTES)
    if current is None and os.path.lexists(path):
        try:  # not a regular file (or unreadable): set aside, and written anew
            os.rename(path, path.with_name(f"{path.name}{ASIDE}{time.time_ns()}"))
        except OSError as exc:
            raise from_os_error(exc, path) from None
    data = (json.dumps(state, indent=2, sort_keys=True) + "\n").encode("utf-8")
    write_atomically(path, data, expected=current, root=root)
