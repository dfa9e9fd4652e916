"""A weekly burnout check-in (`checkins/2026-W47.toml`): the four signals of the guide (§7.1).

Each answer is 1-5. `energy` reads the natural way (5 = full of energy); the other three
are the strength of a warning sign (5 = strongly). `risk` turns all four into one score
where 5 is the worst.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field, field_validator

from ccos.dates import Period
from ccos.models.base import Model

SIGNALS = ("energy", "duty", "main_job", "avoid")


class Checkin(Model):
    model_config = ConfigDict(extra="allow")

    week: str
    date: dt.date
    energy: int = Field(ge=1, le=5)  # 1 exhausted .. 5 full of energy
    duty: int = Field(ge=1, le=5)  # 1 passion .. 5 only out of duty
    main_job: int = Field(ge=1, le=5)  # 1 no effect .. 5 hurting my main job
    avoid: int = Field(ge=1, le=5)  # 1 looking forward .. 5 avoiding community activities
    note: str = ""

    @field_validator("week")
    @classmethod
    def _week_id(cls, value: str) -> str:
        period = Period.from_id(value)
        if period is None or period.kind != "week":
            raise ValueError("not an ISO week; use 2026-W47")
        return value

    def strengths(self) -> dict[str, int]:
        """Each signal as a warning strength, 1 (fine) .. 5 (strong)."""
        return {"energy": 6 - self.energy, "duty": self.duty, "main_job": self.main_job, "avoid": self.avoid}

    @property
    def risk(self) -> float:
        return round(sum(self.strengths().values()) / 4, 2)
