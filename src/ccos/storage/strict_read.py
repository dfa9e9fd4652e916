"""Read workspace files strictly: never treat an unreadable file as empty (Watson #499).

Every check names the file and, where it can, the line and column, so a person who
broke a file by hand is told exactly where.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ccos.errors import InvalidFile

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_EOF = re.compile(r"\(at end of document\)")


def decode_strict(path: Path, data: bytes) -> str:
    """Bytes to text, refusing what a person did not mean to save."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidFile(path, "file is UTF-16, not UTF-8", hint="save it as UTF-8 and run again")
    if data.startswith(b"\xef\xbb\xbf"):
        raise InvalidFile(
            path,
            "file starts with a byte-order mark (BOM)",
            line=1,
            column=1,
            hint="save it as UTF-8 without a BOM and run again",
        )
    if not data.strip():
        raise InvalidFile(
            path,
            "file is empty",
            hint="get an earlier version back with `ccos restore FILE --list` (backups and git)",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidFile(
            path,
            "file holds NUL bytes (it may be truncated or damaged)",
            line=line,
            hint="get an earlier version back with `ccos restore FILE --list` (backups and git)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidFile(
            path, "file is not valid UTF-8", line=line, column=column, hint="save it as UTF-8 and run again"
        ) from None
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise InvalidFile(
            path,
            "file holds git conflict markers",
            line=line,
            hint="resolve the conflict (keep the lines you want, delete the markers) and run again",
        )
    return text


def parse_toml(path: Path, text: str, *, first_line: int = 1) -> dict[str, Any]:
    """TOML to a dict; a syntax error becomes FILE:LINE:COLUMN."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        problem = _TOML_POSITION.sub("", message).strip().rstrip(".") or "invalid TOML"
        problem = "TOML syntax error: " + problem[0].lower() + problem[1:]
        if position:
            raise InvalidFile(
                path, problem, line=int(position.group(1)) + first_line - 1, column=int(position.group(2))
            ) from None
        if _TOML_EOF.search(message):
            problem = _TOML_EOF.sub("", problem).strip()
            raise InvalidFile(path, problem, line=text.count("\n") + first_line) from None
        raise InvalidFile(path, problem) from None


def find_key_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best effort: the line where the key at `loc` is written (for validation errors)."""
    if not loc:
        return None
    lines = text.splitlines()
    table: list[str] = []
    array_counts: dict[str, int] = {}
    array_index: dict[str, int] = {}
    header = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    want_path = [str(part) for part in loc if isinstance(part, str)]
    want_indexes = [part for part in loc if isinstance(part, int)]
    best: int | None = None
    for number, raw in enumerate(lines, start=1):
        match = header.match(raw)
        if match:
            name = [p.strip().strip('"') for p in match.group(2).split(".")]
            table = name
            if match.group(1) == "[[":
                key = ".".join(name)
                array_counts[key] = array_counts.get(key, -1) + 1
                array_index[key] = array_counts[key]
            if table == want_path and best is None:
                best = number
            continue
        key_match = re.match(r'^\s*("?)([^="]+)\1\s*=', raw)
        if not key_match:
            continue
        full = [*table, *[p.strip() for p in key_match.group(2).split(".")]]
        if full != want_path:
            if full == want_path[: len(full)] and best is None:
                best = number
            continue
        arrays = [array_index.get(".".join(table[: i + 1])) for i in range(len(table))]
        arrays = [a for a in arrays if a is not None]
        if want_indexes and arrays and arrays[: len(want_indexes)] != want_indexes[: len(arrays)]:
            continue
        return number
    return best


def describe_validation_error(path: Path, text: str, error: Any, *, first_line: int = 1) -> InvalidFile:
    """The first pydantic error as one line: FILE:LINE: key: what is wrong."""
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    key = ".".join(str(p) for p in loc) or None
    line = find_key_line(text, loc)
    message = str(first["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if first["type"] == "literal_error":
        message = f"{message} (found {first.get('input')!r})"
    elif first["type"] in ("missing",):
        message = "this key is required"
    elif first["type"] in ("extra_forbidden",):
        message = "unknown key"
    elif "input" in first and first["type"].endswith(("_type", "_parsing")):
        message = f"{message} (found {first['input']!r})"
    more = len(errors) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
    return InvalidFile(path, message, line=line + first_line - 1 if line else None, key=key)
