"""`ccos export markdown`: a readable summary of a period, from the same seam as `ccos review`.

The body is `reviews.generated_section` (what was done, time against budget, targets,
check-ins, warnings) without the markers that `ccos review` rewrites between, under a
title in the workspace's language; for a period that is not over yet, the events,
sessions and pieces still planned in it follow ("Coming up"). Nothing is written to the workspace.
"""

from __future__ import annotations

from datetime import date

from ccos.capabilities.reviews.model import ReviewTemplate
from ccos.capabilities.reviews.rules import BEGIN, END
from ccos.capabilities.reviews.summary import generated_section
from ccos.dates import Period
from ccos.i18n import tr
from ccos.planning.seam import SourceContext
from ccos.storage.markdown import escape_inline
from ccos.storage.templates import find_template
from ccos.storage.workspace import Workspace

_OPEN = ("open", "planned", "due", "overdue")
_DATED = ("event", "session", "sharing")  # things with a day of their own (not spread checklist work or tasks)


def period_summary(workspace: Workspace, period: Period, today: date) -> str:
    config = workspace.config()
    template = workspace.load(find_template("review.toml", config.profile.language, workspace.root), ReviewTemplate)
    ctx = SourceContext(workspace=workspace, config=config, today=today)
    section = [line for line in generated_section(ctx, period, template).split("\n") if line not in (BEGIN, END)]
    while section and not section[0].strip():
        section.pop(0)
    while section and not section[-1].strip():
        section.pop()
    title = escape_inline(getattr(template.labels, period.kind))
    who = f" · {escape_inline(config.profile.name)}" if config.profile.name.strip() else ""
    lines = [f"# {title} · {period.id}{who}", "", f"_{period.start.isoformat()} – {period.end.isoformat()}_", ""]
    lines += section
    if period.end >= today:
        plan = ctx.plan(period, warnings=False)
        ahead = {
            item.id: item
            for item in reversed(plan.items)
            if item.type in _DATED and item.status in _OPEN and item.date is not None and item.date >= today
        }
        ahead = dict(sorted(ahead.items(), key=lambda pair: (pair[1].date, pair[1].type, pair[0])))
        if ahead:
            lines += ["", f"### {escape_inline(template.labels.upcoming)}", ""]
            said = {"open": tr("open"), "planned": tr("planned"), "due": tr("due"), "overdue": tr("overdue")}
            for item in ahead.values():
                hours = tr("{hours} h").format(hours=f"{item.hours:g}")
                status = said.get(item.status, item.status)
                lines.append(f"- {item.date} {escape_inline(item.title)} ({hours}, {status})")
    return "\n".join(lines) + "\n"
