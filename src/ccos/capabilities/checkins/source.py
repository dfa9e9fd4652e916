"""Check-ins in `plan` and `status`: they cost no planned time; they raise `burnout_risk`
and stand on the dashboard as the latest risk and its trend."""

from __future__ import annotations

from collections.abc import Iterable

from ccos.capabilities.checkins.burnout import burnout_warnings, recent_checkins
from ccos.capabilities.checkins.rules import standing_row
from ccos.dates import Period
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.planning.seam import SourceContext


class CheckinSource:
    name = "checkins"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        return ()

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        if period.kind != "week" or period.start > ctx.today:
            return []
        return burnout_warnings(ctx, period)

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        return ()

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        yield standing_row(recent_checkins(ctx), ctx.today, ctx.config.targets.checkin_risk_threshold, self.name)
