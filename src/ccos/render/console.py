"""Consoles are made per command (never at import time), with one theme."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ccos.dates import decimal
from ccos.i18n import tr
from ccos.render.text import printable

THEME = Theme(
    {
        "ok": "green",
        "near": "yellow",
        "over": "bold red",
        "behind": "yellow",
        "done": "green",
        "overdue": "bold red",
        "muted": "dim",
        "heading": "bold",
        "code": "cyan",
        "info": "default",
        "warning": "yellow",
    }
)


class _Console(Console):
    """A Rich console that leaves a closed pipe to the error boundary (commands/base.py).

    Rich's own answer is exit 1 (SystemExit), which would tell a retry loop that a command
    whose change is already saved has failed. Text the stream cannot encode is handled by
    the stream itself (render/streams.py); Rich sees its encoding and draws ASCII boxes.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        error = sys.exc_info()[1]
        if error is not None:
            raise error
        raise BrokenPipeError


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    return _Console(
        file=sys.stderr if stderr else sys.stdout,
        theme=THEME,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=False,
    )


def user_text(value: Any, style: str = "") -> Text:
    """A name, title or note: shown as written, never as markup."""
    return Text(printable(str(value)), style=style)


def bar(done: float, total: float, width: int = 20) -> Text:
    """A progress bar that still reads with colour off."""
    ratio = 0.0 if total <= 0 else max(0.0, min(1.0, done / total))
    filled = round(ratio * width)
    style = "done" if ratio >= 1 else ("behind" if ratio < 0.5 else "near")
    text = Text("█" * filled, style=style)
    text.append("░" * (width - filled), style="muted")
    return text


def gauge(planned: float, available: float, state: str, width: int = 20) -> Text:
    """The budget gauge: filled up to the planned share, red past the budget."""
    ratio = 0.0 if available <= 0 else planned / available
    filled = min(width, round(min(ratio, 1.0) * width))
    text = Text("█" * filled, style=state)
    text.append("░" * (width - filled), style="muted")
    if ratio > 1:
        text.append(" +" + "▮" * min(10, round((ratio - 1) * width)), style="over")
    return text


def hours(value: float) -> str:
    """Hours with their unit: "3 h", "1.5 h" (zh "3 小时", ru "3 ч")."""
    number = decimal(f"{value:.1f}") if value % 1 else f"{value:.0f}"
    # i18n: hours with their unit, everywhere a figure of time is shown ("3 h", "1.5 h")
    return tr("{hours} h").format(hours=number)


def name_column(table: Table, header: str, *, min_width: int = 8) -> None:
    """A column of names or titles that is never broken inside a word.

    The other columns of a table are short and `no_wrap`; this one takes the width left
    and, when even that is too narrow, ends in an ellipsis instead of folding a name
    (`云原生 / 学习小 / 组`) or a path across lines. Widths are display cells (a CJK
    character is two), which Rich measures.
    """
    table.add_column(header, no_wrap=True, overflow="ellipsis", ratio=1, min_width=min_width)


SEPARATORS = (" · ", "; ", ", ")


def fit_words(text: Text, width: int) -> tuple[Text, bool]:
    """`text` cut to `width` cells between words, with an ellipsis, and whether it was cut.

    The cut falls at the last separator that fits (` · `, `; `, `, `) when that keeps two
    thirds of the line, so a list loses whole entries ("Ann 1/2 · …", not "Ann 1/2 · Rust
    …"); else at the last space. Every word stays whole (a CJK name, a path,
    `rust-北京-meetup-12`); only a first word wider than the line is cut inside itself.
    """
    if text.cell_len <= width:
        return text, False
    plain = text.plain

    def head(end: int) -> Text | None:
        kept = text[:end]
        kept.rstrip()
        if not kept.plain or kept.cell_len + 2 > width:
            return None
        kept.append(" …", style="muted")
        return kept

    separators = sorted({i for sep in SEPARATORS for i in range(1, len(plain)) if plain.startswith(sep, i)})
    for end in reversed(separators):
        kept = head(end)
        if kept is not None:
            if kept.cell_len * 3 >= width * 2:
                return kept, True
            break
    for end in range(len(plain) - 1, 0, -1):
        if plain[end] == " " and plain[end - 1] != " " and (kept := head(end)) is not None:
            return kept, True
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut, True
