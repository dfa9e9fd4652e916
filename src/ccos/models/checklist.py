"""A period's action checklist (seed 000 §8): `checklists/2026-W47.toml` and friends."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field, field_validator

from ccos.dates import Period, PeriodKind
from ccos.models.base import Model
from ccos.models.config import Stream


class ChecklistItem(Model):
    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1)
    minutes: int = Field(default=30, ge=0, le=100_000)
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
    model_config = ConfigDict(extra="allow")

    items: list[ChecklistItem] = Field(default_factory=list)


class Checklist(Model):
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


class ChecklistView(Model):
    """A checklist as shown: saved to its file, or still only its template."""

    model_config = ConfigDict(frozen=True)

    scope: PeriodKind
    period: str
    start: date
    end: date
    path: str
    saved: bool
    items: list[ChecklistItem]

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def total(self) -> int:
        return len(self.items)
