"""Open a file in the person's editor: `$VISUAL`, then `$EDITOR`.

One place for every `--edit` (share notes, session notes, reviews). With neither set, the
command stops (exit 2) and says how to set one, rather than guessing an editor that could
hang a script. An editor that cannot start or exits non-zero is exit 5, the file kept.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ccos.i18n import tr


def editor_command(environ: Mapping[str, str], path: Path) -> list[str]:
    from ccos.errors import InvalidInput

    value = (environ.get("VISUAL") or environ.get("EDITOR") or "").strip()
    if not value:
        raise InvalidInput(
            tr("no editor: neither $VISUAL nor $EDITOR is set"),
            tr("set EDITOR (e.g. export EDITOR=nano), or edit {path} by hand").format(path=path),
        )
    try:
        return [*shlex.split(value), str(path)]
    except ValueError:
        raise InvalidInput(
            tr("cannot read $EDITOR={value}").format(value=repr(value)), tr("set EDITOR to a command, e.g. nano")
        ) from None


def open_in_editor(environ: Mapping[str, str], path: Path, kept: str | None = None) -> None:
    """Run the editor on `path` and wait for it."""
    from ccos.errors import EnvironmentFailure

    command = editor_command(environ, path)
    try:
        result = subprocess.run(command, check=False)
    except OSError as exc:
        raise EnvironmentFailure(
            tr("cannot start the editor {command}: {value}").format(
                command=repr(command[0]), value=exc.strerror or exc
            ),
            tr("set EDITOR to an installed editor"),
        ) from None
    if result.returncode != 0:
        raise EnvironmentFailure(
            tr("the editor {command} exited with status {returncode}").format(
                command=repr(command[0]), returncode=result.returncode
            ),
            kept or tr("your file is kept at {path}").format(path=path),
        )
