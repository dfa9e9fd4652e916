"""The review's rules, on plain values: what the generated part says, where it sits.

The generated part sits between two HTML-comment markers. Running the review again
rewrites only that part (and the front matter's `updated`); everything the person wrote
outside the markers is kept byte for byte. A body whose markers are damaged is refused
with the line to look at, so a person's reflection is never lost.

Every piece of user text (titles, names, notes, the template's labels, URLs) goes through
`escape_inline`/`link_inline`: literal text, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ccos.dates import Period, period_label, short_day
from ccos.errors import InvalidFile
from ccos.i18n import tr
from ccos.storage.markdown import escape_inline, link_inline
from ccos.words import number, status_words

if TYPE_CHECKING:
    from ccos.capabilities.checkins.model import Checkin
    from ccos.capabilities.reviews.model import ReviewTemplate
    from ccos.models.plan import Plan, ProgressRow

BEGIN = "<!-- ccos:begin generated: `ccos review` rewrites this part; write your own notes outside it -->"
END = "<!-- ccos:end generated -->"
_BEGIN_RE = re.compile(r"^<!-- ccos:begin generated\b.*-->\s*$")
_END_RE = re.compile(r"^<!-- ccos:end generated\b.*-->\s*$")


def type_names() -> dict[str, str]:
    """What each kind of done item is called in the Done list, in the current language."""
    return {
        "checklist": _bare(tr("kind|checklist")),
        "sharing": tr("published"),
        "session": tr("mentoring session"),
        "event": _bare(tr("kind|event")),
        "event_task": tr("event task"),
        "stage_task": tr("stage task"),
    }


def _bare(translated: str) -> str:
    """A word whose msgid carries a context ("kind|event": the bare "event" is the singular of a
    counted noun, and gettext keeps one entry per msgid): English drops it."""
    return translated.split("|", 1)[-1]


def budget_words() -> dict[str, str]:
    """The budget's state (ok, near, over) in words."""
    return {"ok": tr("within budget"), "near": tr("near the budget"), "over": tr("over budget")}


def _week_bounds(week_id: str) -> tuple[date, date]:
    week = Period.from_id(week_id)
    assert week is not None  # the model checks that a check-in names a week
    return week.start, week.end


def generated_text(
    period: Period,
    today: date,
    template: ReviewTemplate,
    plan: Plan,
    rows: Sequence[ProgressRow],
    checkins: Sequence[Checkin],
    urls: Mapping[str, str],
) -> str:
    """The generated part, markers included. `rows`: the period's targets; `checkins`: every
    check-in (those of weeks touching the period are listed); `urls`: piece id -> its URL."""

    def label(name: str) -> str:
        return escape_inline(str(getattr(template.labels, name)))

    lines = [BEGIN, "", f"## {label('summary')}", ""]
    budget = plan.budget
    # A past period's figure is what was done (planning/planner.py): the Done list adds up to it.
    figure = tr("{planned} h / {budget} h ({state})").format(
        planned=f"{budget.planned_hours:g}",
        budget=f"{budget.hours:g}",
        state=budget_words().get(budget.state, budget.state),
    )
    lines.append(tr("**{label}:** {figure}").format(label=label("budget"), figure=figure))
    lines.append("")
    done = [item for item in plan.items if item.status == "done"]
    titles = {item.id: item.title for item in plan.items}
    lines.append(f"### {label('done')}")
    lines.append("")
    kinds, statuses = type_names(), status_words()
    if done:
        for item in done:
            when = short_day(item.date, today) if item.date else ""
            kind = kinds.get(item.type, item.type)
            url = urls.get(item.ref or "") if item.type == "sharing" else None
            title = link_inline(item.title, url) if url else escape_inline(item.title)
            hours = tr("{hours} h").format(hours=number(item.hours))
            if item.counted_with is not None:
                hours = tr("{hours}, with {title}").format(
                    hours=hours, title=escape_inline(titles.get(item.counted_with, item.counted_with))
                )
            said = tr("{kind}: {title} ({hours})").format(kind=kind, title=title, hours=hours)
            lines.append(f"- {when} {said}".replace("-  ", "- "))
    else:
        lines.append(f"- {label('nothing')}")
    open_items = plan.left_open if plan.past else []
    if open_items:
        lines += ["", f"### {label('open')}", ""]
        for item in open_items:
            lines.append(f"- {escape_inline(item.title)} ({statuses.get(item.status, item.status)})")
    if rows:
        head = "| | {actual} | {target} |".format(actual=tr("actual"), target=tr("target"))
        lines += ["", f"### {label('targets')}", "", head, "|---|---:|---:|"]
        for row in rows:
            # The unit goes with the larger number (a source names it for max(actual, target)):
            # "| sessions | 1 | 3 sessions |", never "1 sessions" or "0 встречи".
            unit = escape_inline(row.unit)
            if row.target is not None:
                figures = f"{row.actual:g} | {row.target:g} {unit}".rstrip()
            else:
                figures = f"{row.actual:g} {unit}".rstrip() + " |"
            lines.append(f"| {escape_inline(row.label)} | {figures} |")
    within = [c for c in checkins if period.overlap_days(*_week_bounds(c.week)) > 0]
    if within:
        lines += ["", f"### {label('checkins')}", ""]
        for checkin in within:
            note = f" — {escape_inline(checkin.note)}" if checkin.note.strip() else ""
            scores = tr("energy {energy}, duty {duty}, main job {main_job}, avoid {avoid} (risk {risk})").format(
                energy=checkin.energy,
                duty=checkin.duty,
                main_job=checkin.main_job,
                avoid=checkin.avoid,
                risk=f"{checkin.risk:g}",
            )
            lines.append(f"- {checkin.week}: {scores}{note}")
    if plan.warnings:
        lines += ["", f"### {label('warnings')}", ""]
        lines += [f"- `{w.code}` {escape_inline(w.message)}" for w in plan.warnings]
    lines += ["", END]
    return "\n".join(lines)


def reflection(template: ReviewTemplate) -> str:
    lines = [f"## {escape_inline(template.labels.reflection)}", ""]
    for question in template.questions:
        lines += [f"### {escape_inline(question.text)}", "", ""]
    return "\n".join(lines)


def new_body(period: Period, template: ReviewTemplate, section: str) -> str:
    """The body of a review written for the first time: title, dates, the generated part, the questions."""
    title = escape_inline(getattr(template.labels, period.kind))
    return (
        f"# {title} · {period_label(period)}\n\n_{short_day(period.start)} – {short_day(period.end)}_\n\n"
        f"{section}\n\n{reflection(template)}"
    )


def markers(path: str, body: str, body_first_line: int) -> tuple[int, int]:
    """The lines (0-based, in `body`) of the two markers; a body without exactly one of each,
    in order, is refused naming the file and the line (`body_first_line`: the file's line of
    the body's first)."""
    lines = body.split("\n")
    begins = [i for i, line in enumerate(lines) if _BEGIN_RE.match(line.strip())]
    ends = [i for i, line in enumerate(lines) if _END_RE.match(line.strip())]
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        where = (begins or ends or [0])[0] + body_first_line
        raise InvalidFile(
            path,
            tr("the generated part's markers are missing, doubled or out of order"),
            line=where,
            hint=tr(
                "restore the two {markers} lines (or move your notes to a new file and delete this one); "
                "nothing was changed"
            ).format(markers="`<!-- ccos:... generated -->`"),
        )
    return begins[0], ends[0]


def refreshed_body(path: str, body: str, body_first_line: int, section: str) -> str:
    """`body` with its generated part replaced by `section`, every other line kept."""
    begin, end = markers(path, body, body_first_line)
    lines = body.split("\n")
    return "\n".join([*lines[:begin], section, *lines[end + 1 :]])
