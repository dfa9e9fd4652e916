"""The checklist files (seed 000 §8): `checklists/2026-W47.toml` and friends, and their templates."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field, field_validator

from ccos.dates import Period, PeriodKind
from ccos.models.base import Model
from ccos.models.config import MAX_ITEM_MINUTES, Stream


class ChecklistItem(Model):
    """One `[[items]]` table; keys ccos does not know are kept (and shown by `--json`)."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1)
    minutes: int = Field(default=30, ge=0, le=MAX_ITEM_MINUTES)
    stream: Stream = "other"
    done: bool = False
    done_on: date | None = None
    carried_from: str | None = None

    @field_validator("text")
    @classmethod
    def _visible(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value


class ChecklistTemplate(Model):
    """`templates/checklists/<week|month|quarter>.toml`: the items a new period's list starts with."""

    model_config = ConfigDict(extra="allow")

    items: list[ChecklistItem] = Field(default_factory=list)


class Checklist(Model):
    """One period's list: `period` must be a period id (and, on disk, the file's name)."""

    model_config = ConfigDict(extra="allow")

    period: str
    scope: PeriodKind
    items: list[ChecklistItem] = Field(default_factory=list)

    @field_validator("period")
    @classmethod
    def _known_period(cls, value: str) -> str:
        if Period.from_id(value) is None:
            raise ValueError("not a period id; use 2026-W47, 2026-11 or 2026-Q4")
        return value
