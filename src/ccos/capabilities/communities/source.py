"""Communities in `plan` and `status` (the seam): stage tasks as commitments, three warnings,
one status row per community; and the dated stage tasks for `ccos export ics`.

- `stage_task_overdue`: a task of a community's current stage is past its last day.
- `no_successor`: I have led a community (organizer or leader) for
  `targets.successor_after_weeks` weeks (default 26) and no member is at organizer level
  or above (seed 000 §4.3: grow successors).
- `metrics_stale`: a community I build has no snapshot for `targets.community_metrics_weeks`
  weeks (default 4; 0 turns it off).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ccos.capabilities.communities import rules, store
from ccos.capabilities.communities.overview import growth, people_of
from ccos.capabilities.communities.rules import Loaded, Person
from ccos.capabilities.communities.words import stage_word
from ccos.dates import Period
from ccos.i18n import ntr, tr
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.words import plural

if TYPE_CHECKING:
    from ccos.planning.seam import SourceContext
    from ccos.storage.workspace import Workspace


def _loaded(ctx: SourceContext) -> tuple[list[Loaded], list[Person]]:
    if "communities" not in ctx.memo:
        ctx.memo["communities"] = (store.load_communities(ctx.workspace), store.load_members(ctx.workspace))
    found: tuple[list[Loaded], list[Person]] = ctx.memo["communities"]
    return found


class CommunitySource:
    """Communities in `plan` and `status`."""

    name = "communities"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        communities, _ = _loaded(ctx)
        for loaded in communities:
            for view in rules.task_views(loaded.community, ctx.today):
                start, last = date.fromisoformat(view.date), rules.last_day(view)
                on_done = loaded.community.tasks[view.number - 1].done_on
                if on_done is not None:
                    start = last = on_done
                if last < period.start or start > period.end:
                    continue
                spread = start != last
                yield Commitment(
                    type="stage_task",
                    id=f"community:{loaded.id}:task:{view.number}",
                    title=f"{view.text} · {loaded.community.name}",
                    stream="other",
                    hours=view.hours,
                    status="done" if view.done else ("overdue" if view.status == "overdue" else "open"),
                    priority=1,
                    ref=f"{loaded.id} {view.number}",
                    date=None if spread else start,
                    start=start if spread else None,
                    end=last if spread else None,
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        if not period.contains(ctx.today):
            return
        communities, people = _loaded(ctx)
        targets = ctx.config.targets
        for loaded in communities:
            community = loaded.community
            late = [v for v in rules.task_views(community, ctx.today) if v.status == "overdue"]
            if late:
                listed = "; ".join(f"{v.number}. {v.text} ({v.end or v.date})" for v in late[:3])
                more = tr(" and {n} more").format(n=len(late) - 3) if len(late) > 3 else ""
                message = ntr(
                    "{name}: {n} stage task is past its date: {tasks}; tick with `{command}`",
                    "{name}: {n} stage tasks are past their date: {tasks}; tick with `{command}`",
                    len(late),
                )
                yield Warning(
                    code="stage_task_overdue",
                    message=message.format(
                        name=community.name, n=len(late), tasks=listed + more,
                        command=f"ccos community done {loaded.id} N",
                    ),
                    subject=loaded.id,
                )  # fmt: skip
            since = rules.led_since(community)
            weeks = targets.successor_after_weeks
            if (
                since is not None and weeks > 0 and (ctx.today - since).days >= weeks * 7
                and not rules.successors(people_of(people, loaded.id))
            ):  # fmt: skip
                yield Warning(
                    code="no_successor",
                    message=tr(
                        "{name}: you have led it since {since} and nobody is at organizer level yet; "
                        "help someone up with `{command}`"
                    ).format(name=community.name, since=since, command="ccos member step NAME organizer"),
                    subject=loaded.id,
                )
            stale = targets.community_metrics_weeks
            age = rules.metrics_age_weeks(community, ctx.today)
            started = (ctx.today - community.created).days >= stale * 7
            if community.building and stale > 0 and started and (age is None or age >= stale):
                if age is None:
                    message = tr("{name}: no members count yet; record one with `{command}`")
                else:
                    message = ntr(
                        "{name}: members last counted {n} week ago; record a count with `{command}`",
                        "{name}: members last counted {n} weeks ago; record a count with `{command}`",
                        age,
                    )
                yield Warning(
                    code="metrics_stale",
                    message=message.format(
                        name=community.name, n=age,
                        command=f"ccos community metrics {loaded.id} --members N --active N",
                    ),
                    subject=loaded.id,
                )  # fmt: skip

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        return ()

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        """One row per community: stage progress, my role, the members trend, moved up this quarter."""
        communities, people = _loaded(ctx)
        for loaded in communities:
            community = loaded.community
            views = rules.task_views(community, ctx.today)
            done = sum(1 for v in views if v.done)
            overdue = sum(1 for v in views if v.status == "overdue")
            grown = growth(community, people_of(people, loaded.id), ctx.today)
            parts = [stage_word(community.role)]
            if community.stage is not None:
                parts.insert(0, tr("stage: {stage}").format(stage=stage_word(community.stage)))
            if grown.trend:
                members = grown.trend[-1][1]
                change = grown.members_change
                parts.append(tr("{n} members").format(n=members) + (f" ({change:+d})" if change else ""))
            if grown.moved_up:
                parts.append(tr("{n} moved up").format(n=len(grown.moved_up)))
            if overdue:
                parts.append(tr("{n} overdue").format(n=overdue))
            yield ProgressRow(
                source=self.name,
                key=f"community:{loaded.id}",
                label=community.name,
                actual=done,
                target=len(views) if views else None,
                unit=plural(len(views), "task", "tasks"),
                state="behind" if overdue else ("ok" if views and done == len(views) else "info"),
                detail=" · ".join(parts),
            )


def calendar_entries(workspace: Workspace) -> list[dict[str, Any]]:
    """The dated tasks of every community's current stage, for `ccos export ics`: all-day
    entries `{uid, summary, start, end, done, description, sources}` (`end` exclusive; `uid`
    the local part, `sources` the files whose change moves the entry's DTSTAMP)."""
    entries: list[dict[str, Any]] = []
    for loaded in store.load_communities(workspace):
        community = loaded.community
        for view in rules.task_views(community, date.min):  # the dates, whatever the day
            first = date.fromisoformat(view.date)
            entries.append(
                {
                    "uid": f"stage-task-{loaded.id}-{view.number}",
                    "summary": f"{view.text} · {community.name}",
                    "start": first,
                    "end": rules.last_day(view) + timedelta(days=1),
                    "done": view.done,
                    "description": tr("stage: {stage}").format(stage=stage_word(view.track)),
                    "sources": [loaded.path],
                }
            )
    return entries
