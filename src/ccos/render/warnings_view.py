"""Warnings as a short list: what it is about first, then the message.

On screen a warning is named by its stable code in English (what `--json` and scripts
use) and by a short label in the person's language otherwise: a Chinese or Russian
screen does not show `no_update_this_week`; `--json` always carries the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from ccos.i18n import tr
from ccos.models.plan import Warning
from ccos.render.text import printable


def label(code: str) -> str:
    """The warning's name on screen: the code itself in English, a short label elsewhere."""
    # i18n: a warning's short name on screen; the msgid carries the code, English shows the code.
    labels = {
        "over_budget": tr("warning|over_budget"),
        "near_budget": tr("warning|near_budget"),
        "stream_over_budget": tr("warning|stream_over_budget"),
        "no_update_this_week": tr("warning|no_update_this_week"),
        "no_deep_content_this_month": tr("warning|no_deep_content_this_month"),
        "personal_mix_off": tr("warning|personal_mix_off"),
        "sharing_overdue": tr("warning|sharing_overdue"),
        "too_many_mentees": tr("warning|too_many_mentees"),
        "mentee_overdue": tr("warning|mentee_overdue"),
        "no_event_this_quarter": tr("warning|no_event_this_quarter"),
        "event_task_overdue": tr("warning|event_task_overdue"),
        "stage_task_overdue": tr("warning|stage_task_overdue"),
        "no_successor": tr("warning|no_successor"),
        "metrics_stale": tr("warning|metrics_stale"),
        "burnout_risk": tr("warning|burnout_risk"),
    }
    return labels.get(code, code).split("|", 1)[-1]


def print_warnings(console: Console, warnings: Sequence[Warning]) -> None:
    if not warnings:
        return
    console.print(Text(tr("Warnings"), style="heading"))
    for warning in warnings:
        line = Text("  ⚠ ", style="warning")
        line.append(label(warning.code), style="code")
        line.append("  " + printable(warning.message))
        console.print(line)
