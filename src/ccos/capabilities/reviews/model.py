"""A period's review: `reviews/2026-W47.md`, markdown with TOML front matter; and the
template (`templates/review.toml`, per language) its headings and questions come from."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from ccos.dates import PeriodKind
from ccos.models.base import Model


class ReviewHeader(Model):
    model_config = ConfigDict(extra="allow")

    period: str
    kind: PeriodKind
    updated: dt.date


class ReviewLabels(Model):
    model_config = ConfigDict(extra="allow")

    week: str = "Weekly review"
    month: str = "Monthly review"
    quarter: str = "Quarterly review"
    summary: str = "What happened"
    budget: str = "Time against budget"
    done: str = "Done"
    open: str = "Still open"
    targets: str = "Targets"
    checkins: str = "Check-ins"
    warnings: str = "Warnings"
    nothing: str = "nothing logged"
    reflection: str = "Reflection"
    upcoming: str = "Coming up"  # `ccos export markdown`: what is still planned


class ReviewQuestion(Model):
    text: str = Field(min_length=1)


class ReviewTemplate(Model):
    model_config = ConfigDict(extra="allow")

    labels: ReviewLabels = Field(default_factory=ReviewLabels)
    questions: list[ReviewQuestion] = Field(default_factory=list)
