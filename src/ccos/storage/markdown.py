"""Markdown files with TOML front matter between `+++` lines (as Hugo writes them).

Why TOML front matter: one syntax across the workspace, parsed by the same strict
reader, so an error in a session note's header is reported like one in `ccos.toml`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ccos.errors import InvalidFile
from ccos.i18n import tr
from ccos.storage.strict_read import parse_toml

FENCE = "+++"


# A line that is only the fence (str.strip() whitespace around it, as a person may leave).
_FENCE_LINE = re.compile(r"^[^\S\n]*\+\+\+[^\S\n]*$", re.MULTILINE)


def front_matter_bounds(path: Path, text: str) -> tuple[int, int, int]:
    """(end of the opening fence line, start and end of the closing fence line), as offsets.

    Lines end at `\n`. Only the front matter is searched, never the notes after it, so a
    large note costs no more than its bytes (no list of its lines is made).
    """
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    if text[:first_end].strip() != FENCE:
        raise InvalidFile(path, tr("expected a '{FENCE}' line that opens the front matter").format(FENCE=FENCE), line=1)
    closing = _FENCE_LINE.search(text, first_end + 1) if first_end < len(text) else None
    if closing is None:
        raise InvalidFile(
            path, tr("front matter is not closed by a '{FENCE}' line").format(FENCE=FENCE), line=text.count("\n") + 1
        )
    return first_end, closing.start(), closing.end()


def split_front_matter(path: Path, text: str) -> tuple[str, str, int]:
    """(front matter text, body, line number where the front matter starts)."""
    first_end, close_start, close_end = front_matter_bounds(path, text)
    front = text[first_end + 1 : max(first_end + 1, close_start - 1)]
    body = text[close_end + 1 :]
    return front, body.lstrip("\n"), 2


def parse_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    front, body, first_line = split_front_matter(path, text)
    return parse_toml(path, front, first_line=first_line), body


def join_front_matter(front_toml: str, body: str) -> str:
    front = front_toml if front_toml.endswith("\n") else front_toml + "\n"
    body = body if body.endswith("\n") or not body else body + "\n"
    return f"{FENCE}\n{front}{FENCE}\n\n{body}"


# --- user text inside markdown that ccos generates (reviews, `ccos export markdown`) ---------
#
# CommonMark lets any ASCII punctuation be backslash-escaped (§2.4). Escaped everywhere:
# the characters that open or close inline markup in CommonMark or in the extensions common
# renderers add (GFM tables and strikethrough, math, attributes, footnotes). `<`, `>` and
# `&` become entities, so no HTML, autolink or entity survives. Escaped only where they
# start a block (the start of the value): `#`, `-`, `+`, `=`, `1.` and `1)`; and `#` where
# it would close an ATX heading (` #` at the end). Left as they are, because they have no
# inline meaning: `.,:;?!'"/()@%` (`![` is no image once `[` is escaped) and `#` inside text
# ("Meetup #12", "C#"), so the file stays readable as plain text.
_ESCAPE = str.maketrans(
    {
        **{char: "\\" + char for char in "\\`*_{}[]|~$^"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # whitespace controls are collapsed instead
_LEADING_NUMBER = re.compile(r"\d{1,9}(?=[.)])")
_CLOSING_HASHES = re.compile(r"(?:^| )(?=#+$)")
_LINK_SAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def escape_inline(text: str) -> str:
    """User text as literal inline markdown on one line: no link, image, emphasis, code, HTML,
    heading, list, quote, table cell break or setext underline can come out of it.

    Whitespace runs (newlines included) become one space, other control characters U+FFFD.
    """
    flat = " ".join(_CONTROL.sub("\ufffd", text).split())
    escaped = _CLOSING_HASHES.sub(lambda match: match.group() + "\\", flat.translate(_ESCAPE), count=1)
    if escaped[:1] in ("-", "+", "=", "#"):
        return "\\" + escaped
    number = _LEADING_NUMBER.match(escaped)
    if number:
        return escaped[: number.end()] + "\\" + escaped[number.end() :]
    return escaped


def safe_url(url: str | None) -> str | None:
    """The URL as a link destination, or None when it must not become a link.

    Only http and https with a host: `javascript:`, `data:`, `file:` and relative or
    scheme-less text never become links. Characters outside RFC 3986 are percent-encoded,
    and `&` backslash-escaped (no entity), so the `<...>` form cannot be closed early.
    """
    from urllib.parse import quote, urlsplit

    if not url or any(ord(char) <= 32 or ord(char) == 127 for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    encoded = _LINK_SAFE.sub(lambda match: quote(match.group(), safe=""), url)
    return encoded.replace("&", "\\&")


def link_inline(text: str, url: str | None) -> str:
    """`[text](<url>)` for a safe http(s) URL; else the text, then the URL as literal text."""
    destination = safe_url(url)
    if destination is not None:
        return f"[{escape_inline(text)}](<{destination}>)"
    if url and url.strip():
        return f"{escape_inline(text)} ({escape_inline(url)})"
    return escape_inline(text)
