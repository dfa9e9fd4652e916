"""`ccos config get|set`: values printed as a person would write them in ccos.toml."""

from __future__ import annotations

import json
from typing import Any

from ccos.i18n import tr
from ccos.render.console import make_console, user_text


def format_value(value: Any) -> str:
    if value is None:
        return tr("(not set)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _lines(prefix: str, value: Any) -> list[str]:
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            lines.extend(_lines(f"{prefix}.{key}" if prefix else str(key), item))
        return lines
    return [f"{prefix} = {format_value(value)}"]


def print_value(key: str, value: Any, section: bool) -> None:
    console = make_console()
    if isinstance(value, dict) and (section or value):
        for line in _lines("" if key == "." else key, value):
            console.print(user_text(line))
        return
    console.print(user_text(format_value(value)))


def print_change(key: str, old: Any, new: Any, changed: bool) -> None:
    console = make_console()
    if not changed:
        console.print(
            user_text(tr("{key} is already {value}; nothing changed").format(key=key, value=format_value(new)), "muted")
        )
        return
    line = user_text(f"{key} = {format_value(new)}", "ok")
    line.append_text(user_text("  " + tr("(was {value})").format(value=format_value(old)), "muted"))
    console.print(line)
