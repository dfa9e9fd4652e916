"""A piece of knowledge sharing (seed 000 §2.1): `sharing/<id>.toml`, with an optional
markdown body `sharing/<id>.md` for the outline or draft notes."""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator

from ccos.models.base import Model

Kind = Literal["article", "case-study", "tutorial", "observation", "talk", "podcast", "open-source", "answers", "other"]
Stage = Literal["idea", "drafting", "ready", "published", "dropped"]
OpenStage = Literal["idea", "drafting", "ready"]

KINDS: tuple[Kind, ...] = get_args(Kind)
STAGES: tuple[Stage, ...] = get_args(Stage)  # in pipeline order
OPEN_STAGES: tuple[OpenStage, ...] = get_args(OpenStage)  # still to be published
MAX_HOURS = 10_000.0


def _hours(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise ValueError("must be a number of hours")
    return value


class SharingFile(Model):
    """One piece as written on disk. Unknown keys are the person's and are kept."""

    model_config = ConfigDict(extra="allow")

    title: str = Field(min_length=1)
    kind: Kind = "article"
    stage: Stage = "idea"
    deep: bool = False
    personal: bool = False
    platform: str | None = None
    due: dt.date | None = None
    estimate_hours: float = Field(default=0, ge=0, le=MAX_HOURS)
    actual_hours: float = Field(default=0, ge=0, le=MAX_HOURS)
    created: dt.date | None = None
    started_on: dt.date | None = None
    ready_on: dt.date | None = None
    published_on: dt.date | None = None
    dropped_on: dt.date | None = None
    url: str | None = None
    tags: list[str] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _visible(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is empty")
        return value

    @field_validator("estimate_hours", "actual_hours")
    @classmethod
    def _finite(cls, value: float) -> float:
        return _hours(value)

    @model_validator(mode="after")
    def _published_has_date(self) -> SharingFile:
        if self.stage == "published" and self.published_on is None:
            raise ValueError('published_on is required when stage = "published" (the day it went out)')
        return self
