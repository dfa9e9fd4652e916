"""`ccos review`: a markdown review per period, pre-filled from what was logged.

The generated part sits between two HTML-comment markers. Running the review again
rewrites only that part (and the front matter's `updated`); everything the person wrote
outside the markers is kept byte for byte. A file whose markers are damaged is refused
with the line to look at, so a person's reflection is never lost.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ccos.capabilities.sharing.source import piece_urls
from ccos.dates import Period
from ccos.errors import InvalidFile, InvalidInput
from ccos.models.review import ReviewHeader, ReviewResult, ReviewTemplate
from ccos.services.checkins import recent_checkins
from ccos.services.planning import build_plan
from ccos.services.sources import SourceContext, load_sources
from ccos.storage.markdown import escape_inline, join_front_matter, link_inline, split_front_matter
from ccos.storage.strict_read import parse_toml
from ccos.storage.templates import find_template
from ccos.storage.workspace import Workspace

FOLDER = "reviews"
BEGIN = "<!-- ccos:begin generated: `ccos review` rewrites this part; write your own notes outside it -->"
END = "<!-- ccos:end generated -->"
_BEGIN_RE = re.compile(r"^<!-- ccos:begin generated\b.*-->\s*$")
_END_RE = re.compile(r"^<!-- ccos:end generated\b.*-->\s*$")
_TYPE_NAMES = {
    "checklist": "checklist",
    "sharing": "published",
    "session": "mentoring session",
    "event": "event",
    "event_task": "event task",
}


def review_path(workspace: Workspace, period: Period) -> Path:
    return workspace.folder(FOLDER) / f"{period.id}.md"


def _template(workspace: Workspace) -> ReviewTemplate:
    language = workspace.config().profile.language
    return workspace.load(find_template("review.toml", language, workspace.root), ReviewTemplate)


def generated_section(ctx: SourceContext, period: Period, template: ReviewTemplate) -> str:
    """The generated part. Every piece of user text (titles, names, notes, labels of the
    template, URLs) goes through `escape_inline`/`link_inline`: literal text, never markup."""
    labels = template.labels.model_copy(
        update={key: escape_inline(value) for key, value in template.labels.model_dump().items()}
    )
    plan = build_plan(ctx, period, load_sources())
    urls = piece_urls(ctx)
    lines = [BEGIN, "", f"## {labels.summary}", ""]
    budget = plan.budget
    lines.append(f"**{labels.budget}:** {budget.planned_hours:g} h / {budget.hours:g} h ({budget.state})")
    lines.append("")
    done = [item for item in plan.items if item.status == "done"]
    lines.append(f"### {labels.done}")
    lines.append("")
    if done:
        for item in done:
            when = item.date.isoformat() if item.date else ""
            kind = _TYPE_NAMES.get(item.type, item.type)
            url = urls.get(item.ref or "") if item.type == "sharing" else None
            title = link_inline(item.title, url) if url else escape_inline(item.title)
            lines.append(f"- {when} {kind}: {title} ({item.hours:g} h)".replace("-  ", "- "))
    else:
        lines.append(f"- {labels.nothing}")
    open_items = [item for item in plan.items if item.status in ("open", "overdue") and period.end < ctx.today]
    if open_items:
        lines += ["", f"### {labels.open}", ""]
        lines += [f"- {escape_inline(item.title)} ({item.status})" for item in open_items]
    rows = [row for source in load_sources() for row in source.progress(ctx, period) if row.period == period.kind]
    if rows:
        lines += ["", f"### {labels.targets}", "", "| | actual | target |", "|---|---:|---:|"]
        for row in rows:
            target = f"{row.target:g}" if row.target is not None else ""
            unit = escape_inline(row.unit)
            lines.append(f"| {escape_inline(row.label)} | {row.actual:g} {unit} | {target} |")
    checkins = [c for c in recent_checkins(ctx) if period.overlap_days(*_week_bounds(c.week)) > 0]
    if checkins:
        lines += ["", f"### {labels.checkins}", ""]
        for checkin in checkins:
            note = f" — {escape_inline(checkin.note)}" if checkin.note.strip() else ""
            lines.append(
                f"- {checkin.week}: energy {checkin.energy}, duty {checkin.duty}, "
                f"main job {checkin.main_job}, avoid {checkin.avoid} (risk {checkin.risk:g}){note}"
            )
    if plan.warnings:
        lines += ["", f"### {labels.warnings}", ""]
        lines += [f"- `{w.code}` {escape_inline(w.message)}" for w in plan.warnings]
    lines += ["", END]
    return "\n".join(lines)


def _week_bounds(week_id: str) -> tuple[date, date]:
    week = Period.from_id(week_id)
    assert week is not None
    return week.start, week.end


def _reflection(template: ReviewTemplate) -> str:
    lines = [f"## {escape_inline(template.labels.reflection)}", ""]
    for question in template.questions:
        lines += [f"### {escape_inline(question.text)}", "", ""]
    return "\n".join(lines)


def _markers(path: str, body: str, body_first_line: int) -> tuple[int, int]:
    lines = body.split("\n")
    begins = [i for i, line in enumerate(lines) if _BEGIN_RE.match(line.strip())]
    ends = [i for i, line in enumerate(lines) if _END_RE.match(line.strip())]
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        where = (begins or ends or [0])[0] + body_first_line
        raise InvalidFile(
            path,
            "the generated part's markers are missing, doubled or out of order",
            line=where,
            hint="restore the two `<!-- ccos:... generated -->` lines (or move your notes to a new "
            "file and delete this one); nothing was changed",
        )
    return begins[0], ends[0]


def write_review(workspace: Workspace, period: Period, today: date) -> ReviewResult:
    import tomlkit

    if period.start > today:
        raise InvalidInput(f"{period.id} has not started yet", "review this period or an earlier one")
    ctx = SourceContext(workspace=workspace, config=workspace.config(), today=today)
    template = _template(workspace)
    path = review_path(workspace, period)
    with workspace.locked("review"):
        section = generated_section(ctx, period, template)
        if path.is_file():
            text = workspace.read_text(path)
            shown = Path(workspace.display(path))
            front, body, _ = split_front_matter(shown, text)
            header = parse_toml(shown, front, first_line=2) if front.strip() else {}
            workspace.validate(path, text, header, ReviewHeader, first_line=2)
            body_first_line = text[: len(text) - len(body)].count("\n") + 1
            begin, end = _markers(workspace.display(path), body, body_first_line)
            lines = body.split("\n")
            new_body = "\n".join([*lines[:begin], section, *lines[end + 1 :]])
            doc = tomlkit.parse(front)
            doc["updated"] = today
            new_text = join_front_matter(tomlkit.dumps(doc), new_body)
            created = False
        else:
            title = escape_inline(getattr(template.labels, period.kind))
            doc = tomlkit.document()
            doc.add("period", period.id)
            doc.add("kind", period.kind)
            doc.add("updated", today)
            body = (
                f"# {title} · {period.id}\n\n_{period.start.isoformat()} – {period.end.isoformat()}_\n\n"
                f"{section}\n\n{_reflection(template)}"
            )
            new_text = join_front_matter(tomlkit.dumps(doc), body)
            created = True
        workspace.write_text(path, new_text)
    return ReviewResult(path=workspace.display(path), period=period.id, created=created)
