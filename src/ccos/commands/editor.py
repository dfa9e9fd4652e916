"""Open a file in the person's editor ($VISUAL, then $EDITOR, else a sensible default)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path


def editor_command() -> list[str]:
    from ccos.errors import EnvironmentFailure

    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise EnvironmentFailure("no editor found", "set $EDITOR, for example export EDITOR=nano")


def open_in_editor(path: Path) -> None:
    """Run the editor on `path` and wait; a failing editor is an environment failure (exit 5)."""
    from ccos.errors import EnvironmentFailure

    command = [*editor_command(), str(path)]
    try:
        result = subprocess.run(command, check=False)
    except OSError as exc:
        raise EnvironmentFailure(
            f"could not start the editor {command[0]!r}: {exc.strerror}", "check $EDITOR"
        ) from None
    if result.returncode != 0:
        raise EnvironmentFailure(
            f"the editor {command[0]!r} exited with {result.returncode}", f"your file is kept at {path}"
        )
