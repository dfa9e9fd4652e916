"""Where an export goes: `-o FILE`, written atomically, never over the workspace's own files."""

from __future__ import annotations

from pathlib import Path

from ccos.errors import InvalidInput
from ccos.i18n import tr
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
        raise InvalidInput(
            tr("{option} {path}: is a folder").format(option=option, path=path),
            tr("give a file name, e.g. {option} {path}/ccos.ics").format(option=option, path=path),
        )
    if not target.parent.is_dir():
        raise InvalidInput(
            tr("{option} {path}: folder {parent} does not exist").format(
                option=option, path=path, parent=target.parent
            ),
            tr("create it first"),
        )
    if target.name.endswith(TEMP_SUFFIX):
        raise InvalidInput(
            tr("{option} {path}: names a ccos temporary file").format(option=option, path=path),
            tr("choose another name"),
        )
    root = workspace_root.resolve()
    try:
        relative = target.parent.resolve().joinpath(target.name).relative_to(root)
    except ValueError:
        return target
    parts = relative.parts
    if parts and parts[0] in (STATE_DIR, ".git"):
        raise InvalidInput(
            tr("{option} {path}: inside the workspace's {parts}/ folder").format(
                option=option, path=path, parts=parts[0]
            ),
            tr("write the export somewhere else"),
        )
    if kind_of(relative.as_posix()) is not None:
        raise InvalidInput(
            tr("{option} {path}: would overwrite a workspace file ({as_posix})").format(
                option=option, path=path, as_posix=relative.as_posix()
            ),
            tr("write the export somewhere else"),
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
            tr("{option} {path}: is {what_it_is}, not a regular file").format(
                option=option, path=path, what_it_is=what_it_is(mode)
            ),
            tr("give the name of a regular file (it is replaced atomically)"),
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
        raise InvalidInput(
            tr("{option} {path}: no such file").format(option=option, path=path),
            tr("give the path of a `ccos export json` document"),
        ) from None
    except IsADirectoryError:
        raise InvalidInput(
            tr("{option} {path}: is a folder").format(option=option, path=path),
            tr("give the path of a `ccos export json` document"),
        ) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
