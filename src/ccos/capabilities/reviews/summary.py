"""The generated part of a review (and of `ccos export markdown`): what the period's plan,
targets and check-ins say, gathered through the seam and written by rules.py."""

from __future__ import annotations

from ccos.capabilities.checkins.burnout import recent_checkins
from ccos.capabilities.reviews.model import ReviewTemplate
from ccos.capabilities.reviews.rules import generated_text
from ccos.capabilities.sharing.source import piece_urls
from ccos.dates import Period
from ccos.planning.seam import SourceContext


def generated_section(ctx: SourceContext, period: Period, template: ReviewTemplate) -> str:
    plan = ctx.plan(period)  # built once for the command, whoever else asks for it
    rows = [row for source in ctx.sources for row in source.progress(ctx, period) if row.period == period.kind]
    return generated_text(period, ctx.today, template, plan, rows, recent_checkins(ctx), piece_urls(ctx))
