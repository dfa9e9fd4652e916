"""`ccos status`: every source's progress for this week, month and quarter, the week's
budget gauge and every warning, through the same seam as the planner."""

from __future__ import annotations

from datetime import date

from ccos.dates import PERIOD_KINDS, Period
from ccos.models.plan import PeriodInfo, ProgressRow, Warning
from ccos.models.status import PeriodStatus, Status
from ccos.services.planning import build_plan, dedupe
from ccos.services.sources import SourceContext, load_sources
from ccos.storage.workspace import Workspace

LOAD_WEEKS = 8
# The guide's roles (§5) switch on the targets of the capability they own; rows of other
# sources (checklists, check-ins) are shown whatever the roles.
ROLE_OF_SOURCE = {"sharing": "contributor", "mentoring": "mentor", "mentees": "mentor", "events": "organizer"}


def _role_taken(row: ProgressRow, roles: set[str]) -> bool:
    role = ROLE_OF_SOURCE.get(row.source)
    return role is None or role in roles


def build_status(workspace: Workspace, today: date) -> Status:
    config = workspace.config()
    ctx = SourceContext(workspace=workspace, config=config, today=today)
    sources = load_sources()
    periods = []
    warnings: list[Warning] = []
    week_plan = None
    now: dict[str, ProgressRow] = {}
    for kind in PERIOD_KINDS:
        period = Period.containing(kind, today)
        plan = build_plan(ctx, period, sources)
        if kind == "week":
            week_plan = plan
            warnings.extend(plan.warnings)
        else:
            warnings.extend(w for w in plan.warnings if w.code not in ("over_budget", "near_budget"))
        rows = []
        for source in sources:
            for row in source.progress(ctx, period):
                if row.period == "now":
                    now.setdefault(row.key, row)  # period-independent rows are shown once
                else:
                    rows.append(row)
        periods.append(
            PeriodStatus(period=PeriodInfo(kind=kind, id=period.id, start=period.start, end=period.end), rows=rows)
        )
    assert week_plan is not None
    from ccos.services.history import last_weeks, week_loads

    load = week_loads(ctx, last_weeks(today, LOAD_WEEKS), sources)
    roles: set[str] = set(config.profile.roles)
    periods = [PeriodStatus(period=p.period, rows=[r for r in p.rows if _role_taken(r, roles)]) for p in periods]
    now = {key: row for key, row in now.items() if _role_taken(row, roles)}
    return Status(
        today=today,
        name=config.profile.name,
        budget=week_plan.budget,
        periods=periods,
        now=list(now.values()),
        load=load,
        warnings=dedupe(warnings),
    )
