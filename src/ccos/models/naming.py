"""Ids from display names, and references by id, name or unique prefix.

Names may be in any script (王小明, Zoë, Алексей). Ids are derived deterministically,
safe as one path component on every OS, and never escape the workspace folder.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ccos.errors import Ambiguous, InvalidInput, NotFound

MAX_ID_LENGTH = 48
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_NOT_ID = re.compile(r"[^\w]+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def name_key(name: str) -> str:
    """What makes two names the same person: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_name(name: str, what: str = "name") -> str:
    """A display name or title: NFC, trimmed, one line, not empty."""
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise InvalidInput(f"the {what} is empty", f"give a {what} with at least one visible character")
    if _CONTROL.search(text):
        raise InvalidInput(f"the {what} holds a newline or control character", f"write the {what} on one line")
    if len(text) > 200:
        raise InvalidInput(f"the {what} is {len(text)} characters long", "keep it under 200 characters")
    return text


def make_id(name: str) -> str:
    """`王小明` -> `王小明`, `Zoë Ann` -> `zoë-ann`, `../etc` -> `etc`."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _NOT_ID.sub("-", text).strip("-_")
    text = text[:MAX_ID_LENGTH].strip("-_")
    if not text:
        text = "item"
    if text in _RESERVED:
        text += "-"
    return text


def unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@dataclass(frozen=True)
class Named:
    """Something a person can refer to."""

    id: str
    name: str


def exact(ref: str, things: Sequence[Named]) -> Named | None:
    """The thing whose id is `ref` (as written, else ignoring case and width), or None.

    An exact id always wins over names and prefixes: `talk` names the piece `talk` even
    when `talk-2` exists or a piece is titled "Talk", so every entry can always be named.
    """
    for thing in things:
        if thing.id == ref:
            return thing
    wanted = name_key(ref)
    for thing in things:
        if name_key(thing.id) == wanted:
            return thing
    return None


def resolve(ref: str, things: Sequence[Named], what: str, list_command: str | None = None) -> Named:
    """An id (which always wins), a name, or a case-insensitive unique prefix of either."""
    wanted = name_key(ref)
    if not wanted:
        raise InvalidInput(f"empty {what} reference", f"name a {what} by id, name or prefix")
    found = exact(ref, things)
    if found is not None:
        return found
    for thing in things:
        if name_key(thing.name) == wanted:
            return thing
    matches = [t for t in things if name_key(t.id).startswith(wanted) or name_key(t.name).startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{t.id} ({t.name})" if t.name != t.id else t.id for t in matches[:8])
        raise Ambiguous(f"{what} {ref!r} is ambiguous: {listed}", "give more of the name, or the id")
    close = difflib.get_close_matches(
        wanted, [name_key(t.name) for t in things] + [t.id for t in things], n=3, cutoff=0.5
    )
    hint = (
        f"did you mean: {', '.join(dict.fromkeys(close))}?"
        if close
        else f"list them with `{list_command or f'ccos {what} list'}`"
    )
    raise NotFound(f"no {what} matches {ref!r}", hint)
