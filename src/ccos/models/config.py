"""`ccos.toml`: the profile, the time budget, targets and default estimates.

Defaults are the numbers of the co-building guide (seed 000), so a person who deletes a
key gets the guide's value back, not zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from ccos.models.base import Model

SCHEMA_VERSION = 1
WORKSPACE_ID_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z-]{3,63}$"
LANGUAGES = ("en", "zh", "ru")
ROLES = ("contributor", "mentor", "organizer", "standard-setter")
STREAMS = ("sharing", "mentoring", "events", "other")

Language = Literal["en", "zh", "ru"]
Role = Literal["contributor", "mentor", "organizer", "standard-setter"]
Stream = Literal["sharing", "mentoring", "events", "other"]
DEFAULT_ROLES: tuple[Role, ...] = ("contributor", "mentor", "organizer")
# The weekly hours `ccos init` accepts: enough for one small action a week, and no more than
# a second full-time job (ccos.toml itself takes 0 to 168, for a person who edits it).
INIT_HOURS_MIN = 1
INIT_HOURS_MAX = 80


class _Section(Model):
    # Unknown keys are allowed: the file is the person's; edits go through tomlkit and keep them.
    model_config = ConfigDict(extra="allow", frozen=True)


class Profile(_Section):
    name: str = ""
    language: Language = "en"
    timezone: str | None = None
    roles: list[Role] = Field(default_factory=lambda: list(DEFAULT_ROLES))
    platforms: list[str] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Asia/Shanghai") from None
        return value


class StreamBudget(_Section):
    sharing: float | None = Field(default=None, ge=0)
    mentoring: float | None = Field(default=None, ge=0)
    events: float | None = Field(default=None, ge=0)
    other: float | None = Field(default=None, ge=0)

    def as_dict(self) -> dict[str, float]:
        return {name: value for name in STREAMS if (value := getattr(self, name)) is not None}


class Budget(_Section):
    weekly_hours: float = Field(default=6, ge=0, le=168)
    warn_ratio: float = Field(default=0.9, gt=0, le=1)
    streams: StreamBudget = Field(default_factory=StreamBudget)


class Targets(_Section):
    updates_per_week: int = Field(default=1, ge=0)
    deep_pieces_per_month: int = Field(default=1, ge=0)
    mentees_min: int = Field(default=1, ge=0)
    mentees_max: int = Field(default=3, ge=0)
    sessions_per_mentee_per_month: int = Field(default=1, ge=0)
    events_per_quarter: int = Field(default=1, ge=0)
    personal_share: float = Field(default=0.2, ge=0, le=1)
    personal_share_tolerance: float = Field(default=0.1, ge=0, le=1)
    personal_mix_window: int = Field(default=10, ge=1)
    main_platforms_max: int = Field(default=2, ge=1)
    group_size_min: int = Field(default=3, ge=1)
    group_size_max: int = Field(default=5, ge=1)
    checkin_risk_threshold: float = Field(default=3.5, ge=1, le=5)
    over_budget_weeks_for_risk: int = Field(default=3, ge=1, le=4)
    successor_after_weeks: int = Field(default=26, ge=0, le=520)  # no_successor: weeks of leading alone (0: off)
    community_metrics_weeks: int = Field(default=4, ge=0, le=520)  # metrics_stale: weeks without a count (0: off)


def _sharing_defaults() -> dict[str, float]:
    return {
        "article": 3, "case-study": 4, "tutorial": 4, "observation": 2, "talk": 6,
        "podcast": 2, "open-source": 6, "answers": 1, "other": 2,
    }  # fmt: skip


def _event_defaults() -> dict[str, float]:
    return {
        "meetup": 4, "workshop": 6, "hackathon": 16, "ama": 2, "livestream": 1.5,
        "talk": 2, "training": 8, "contest": 4, "summit": 8,
    }  # fmt: skip


# The largest estimate each kind of record accepts: a default above it would make every new
# record invalid (and `checklist add` fail after the fact), so the settings stop there too.
MAX_ITEM_MINUTES = 100_000  # models.checklist.ChecklistItem.minutes
MAX_SESSION_MINUTES = 24 * 60  # models.mentee.Session.minutes
MAX_PIECE_HOURS = 10_000.0  # models.sharing.MAX_HOURS
MAX_EVENT_HOURS = 1000.0  # capabilities.events.model.Event.hours


class Estimates(_Section):
    checklist_item_minutes: int = Field(default=30, ge=0, le=MAX_ITEM_MINUTES)
    session_minutes: int = Field(default=60, gt=0, le=MAX_SESSION_MINUTES)
    sharing: dict[str, float] = Field(default_factory=_sharing_defaults)
    events: dict[str, float] = Field(default_factory=_event_defaults)

    @field_validator("sharing", "events")
    @classmethod
    def _in_range(cls, value: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        most = MAX_PIECE_HOURS if info.field_name == "sharing" else MAX_EVENT_HOURS
        for key, hours in value.items():
            if not 0 <= hours <= most:  # NaN too
                raise ValueError(f"{key} must be 0 to {most:g} hours")
        return value

    def sharing_hours(self, kind: str) -> float:
        return self.sharing.get(kind, _sharing_defaults().get(kind, 2.0))

    def event_hours(self, kind: str) -> float:
        return self.events.get(kind, _event_defaults().get(kind, 4.0))


class SyncSettings(_Section):
    autocommit: bool = False
    # git hooks and the fsmonitor of the repository run during sync/autocommit only when true
    # (off by default: a pushed file could otherwise become a program that runs; docs/sync.md)
    allow_hooks: bool = False


class Privacy(_Section):
    # private: new notes are encrypted (age) to `recipients`; docs/privacy.md
    notes: Literal["clear", "private"] = "clear"
    recipients: list[str] = Field(default_factory=list)

    @field_validator("recipients")
    @classmethod
    def _age_keys(cls, value: list[str]) -> list[str]:
        import re

        for item in value:
            if not re.match(r"^age1[02-9ac-hj-np-z]{58}$", item.strip()):
                raise ValueError(f"{item[:70]!r} is not an age recipient (age1...)")
        return [item.strip() for item in value]


class Config(_Section):
    schema_version: int = Field(ge=1)
    # made at `ccos init` (`doctor --fix` adds it to an older workspace); calendar UIDs carry it
    workspace_id: str | None = Field(default=None, pattern=WORKSPACE_ID_PATTERN)
    profile: Profile = Field(default_factory=Profile)
    budget: Budget = Field(default_factory=Budget)
    targets: Targets = Field(default_factory=Targets)
    estimates: Estimates = Field(default_factory=Estimates)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    privacy: Privacy = Field(default_factory=Privacy)
