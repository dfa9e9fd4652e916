"""Machine-local state in `.ccos/state.json` (git ignores `.ccos/`): the last sync time.

It is a cache of this machine's history, not a person's data: an unreadable file is read
as empty and rewritten.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from ccos.storage.atomic_write import write_atomically

STATE_FILE = "state.json"


def read_state(state_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def update_state(state_dir: Path, **values: Any) -> None:
    path = state_dir / STATE_FILE
    state = read_state(state_dir)
    state.update(values)
    try:
        current: bytes | None = path.read_bytes()
    except OSError:
        current = None
    with contextlib.suppress(OSError):
        state_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(state, indent=2, sort_keys=True) + "\n").encode("utf-8"), expected=current)
