"""Markdown files with TOML front matter between `+++` lines (as Hugo writes them).

Why TOML front matter: one syntax across the workspace, parsed by the same strict
reader, so an error in a session note's header is reported like one in `ccos.toml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccos.errors import InvalidFile
from ccos.storage.strict_read import parse_toml

FENCE = "+++"


def split_front_matter(path: Path, text: str) -> tuple[str, str, int]:
    """(front matter text, body, line number where the front matter starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise InvalidFile(path, f"expected a '{FENCE}' line that opens the front matter", line=1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body.lstrip("\n"), 2
    raise InvalidFile(path, f"front matter is not closed by a '{FENCE}' line", line=len(lines))


def parse_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    front, body, first_line = split_front_matter(path, text)
    return parse_toml(path, front, first_line=first_line), body


def join_front_matter(front_toml: str, body: str) -> str:
    front = front_toml if front_toml.endswith("\n") else front_toml + "\n"
    body = body if body.endswith("\n") or not body else body + "\n"
    return f"{FENCE}\n{front}{FENCE}\n\n{body}"
