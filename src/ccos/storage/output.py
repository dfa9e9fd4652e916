"""Where an export goes: `-o FILE`, written atomically, never over the workspace's own files."""

from __future__ import annotations

from pathlib import Path

from ccos.errors import InvalidInput
from ccos.storage.atomic_write import TEMP_SUFFIX, write_atomically
from ccos.storage.file_kinds import kind_of
from ccos.storage.workspace import STATE_DIR


def check_output(workspace_root: Path, path: Path, option: str = "-o", *, cwd: Path) -> Path:
    """The absolute path to write (a relative `path` is relative to `cwd`, the folder the
    command was run from), or exit 2 before anything is computed.

    Refused: a folder, a missing parent folder, anything inside `.ccos/` or `.git/`, and a
    path that is a workspace file kind (an export must never overwrite `ccos.toml` or an entry).
    """
    target = cwd / path.expanduser()  # an absolute path stays as it is
    _refuse_special(target, path, option)
    if target.is_dir() or str(path).endswith(("/", "\\")):
        raise InvalidInput(f"{option} {path}: is a folder", f"give a file name, e.g. {option} {path}/ccos.ics")
    if not target.parent.is_dir():
        raise InvalidInput(f"{option} {path}: folder {target.parent} does not exist", "create it first")
    if target.name.endswith(TEMP_SUFFIX):
        raise InvalidInput(f"{option} {path}: names a ccos temporary file", "choose another name")
    root = workspace_root.resolve()
    try:
        relative = target.parent.resolve().joinpath(target.name).relative_to(root)
    except ValueError:
        return target
    parts = relative.parts
    if parts and parts[0] in (STATE_DIR, ".git"):
        raise InvalidInput(
            f"{option} {path}: inside the workspace's {parts[0]}/ folder", "write the export somewhere else"
        )
    if kind_of(relative.as_posix()) is not None:
        raise InvalidInput(
            f"{option} {path}: would overwrite a workspace file ({relative.as_posix()})",
            "write the export somewhere else",
        )
    return target


def _refuse_special(target: Path, path: Path, option: str) -> None:
    """A link, pipe or device at the target: refused before anything is computed (reading one
    to compare would block, writing one would go wherever it points)."""
    import os
    import stat

    from ccos.storage.safe_paths import what_it_is

    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InvalidInput(
            f"{option} {path}: is {what_it_is(mode)}, not a regular file",
            "give the name of a regular file (it is replaced atomically)",
        )


def write_output(target: Path, data: bytes) -> None:
    """Temporary file + fsync + `os.replace`: a reader sees the old export or the new one."""
    try:
        current: bytes | None = target.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError:
        current = None
    write_atomically(target, data, expected=current)


def read_input(path: Path, option: str = "FILE", *, cwd: Path) -> bytes:
    """A document to import, read whole (exit 2 when it cannot be read); a relative `path`
    is relative to `cwd`."""
    from ccos.errors import from_os_error

    try:
        return (cwd / path.expanduser()).read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{option} {path}: no such file", "give the path of a `ccos export json` document") from None
    except IsADirectoryError:
        raise InvalidInput(f"{option} {path}: is a folder", "give the path of a `ccos export json` document") from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
