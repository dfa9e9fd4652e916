"""Counted words: the one place a number meets a noun ("1 item", "3 items").

Every text that counts something goes through `count` or `plural`, so that the
translated interface has a single hook (gettext's ngettext) to replace, and no message
says "1 pieces" or "item(s)".
"""

from __future__ import annotations


def _number(n: float) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


def plural(n: float, one: str, many: str) -> str:
    """The noun that goes with `n`: `one` for exactly 1, `many` otherwise (0 items, 2.5 hours)."""
    return one if n == 1 else many


def count(n: float, one: str, many: str) -> str:
    """`n` and its noun: count(1, "piece", "pieces") == "1 piece"."""
    return f"{_number(n)} {plural(n, one, many)}"
