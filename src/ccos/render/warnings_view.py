"""Warnings as a short list: the stable code first, then the message."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from ccos.i18n import tr
from ccos.models.plan import Warning
from ccos.render.text import printable


def print_warnings(console: Console, warnings: Sequence[Warning]) -> None:
    if not warnings:
        return
    console.print(Text(tr("Warnings"), style="heading"))
    for warning in warnings:
        line = Text("  ⚠ ", style="warning")
        line.append(warning.code, style="code")
        line.append("  " + printable(warning.message))
        console.print(line)
