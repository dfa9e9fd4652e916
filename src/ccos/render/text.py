"""User text shown literally: control characters are made visible, never echoed raw."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line/paragraph separators and bidi overrides (Trojan Source).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    return _UNSAFE.sub(_escape, text)
