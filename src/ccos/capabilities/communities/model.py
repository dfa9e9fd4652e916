"""Communities (seed 000 §3.3, §4.3, §5; seeds 001-003): `communities/<id>.toml`, `members/<id>.toml`
and the stage playbooks `templates/<lang>/stages/<name>.toml`.

A community file keeps my role history, its stage history, the tasks copied from each
stage's playbook (dated from the stage's start, so a later change of a playbook never
rewrites history) and metric snapshots. A member file keeps the member's level history,
honours, notes and the events they came to.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator

from ccos.i18n import tr
from ccos.models.base import Model

# My place in a community: the ladder of seed 000 §3.3, and the standard-setter of §5.4.
MyRole = Literal["participant", "contributor", "organizer", "leader", "standard-setter"]
# A member's level: the same ladder (seed 000 §3.3).
Level = Literal["participant", "contributor", "organizer", "leader"]
# The five stages of building a community (seed 003).
Stage = Literal["need", "structure", "first-members", "launch", "scaling"]
TRACK = "standard-setter"  # the standard-setter's own playbook (seed 000 §5.4), beside the stages

MY_ROLES: tuple[str, ...] = get_args(MyRole)
LEVELS: tuple[str, ...] = get_args(Level)
STAGES: tuple[str, ...] = get_args(Stage)
LEADING: frozenset[str] = frozenset({"organizer", "leader"})  # roles that lead a community
MAX_COUNT = 10_000_000
MAX_TASK_DAYS = 730


def _visible(value: str) -> str:
    if not value.strip():
        raise ValueError(tr("the text is empty"))
    return value


class _Strict(Model):
    model_config = ConfigDict(extra="allow")


class RoleStep(_Strict):
    role: MyRole
    on: date
    note: str | None = Field(default=None, max_length=500)


class StageStep(_Strict):
    stage: Stage
    on: date
    note: str | None = Field(default=None, max_length=500)


class PlaybookTask(_Strict):
    """One task of a stage playbook: what to do, from which day of the stage, how long."""

    text: str = Field(min_length=1, max_length=500)
    day: int = Field(default=0, ge=0, le=MAX_TASK_DAYS)  # days after the stage's start
    until: int | None = Field(default=None, ge=0, le=MAX_TASK_DAYS)  # a window: spread from `day` to `until`
    hours: float = Field(default=1, ge=0, le=1000)

    @field_validator("text")
    @classmethod
    def _text_visible(cls, value: str) -> str:
        return _visible(value)

    @model_validator(mode="after")
    def _window(self) -> PlaybookTask:
        if self.until is not None and self.until < self.day:
            raise ValueError(tr("until {until} is before day {day}").format(until=self.until, day=self.day))
        return self


class StageTask(PlaybookTask):
    """A playbook task copied into a community: which stage (or track) it belongs to, when it
    starts, whether it is done."""

    track: str  # a stage, or "standard-setter"
    start: date  # the stage's (or track's) first day: the task's day counts from it
    done: bool = False
    done_on: date | None = None


class Snapshot(_Strict):
    """Members and active members on one day (seed 002: activity and growth; seed 003: metrics)."""

    on: date
    members: int = Field(ge=0, le=MAX_COUNT)
    active: int = Field(ge=0, le=MAX_COUNT)
    new: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _active_within(self) -> Snapshot:
        if self.active > self.members:
            raise ValueError(
                tr("active ({active}) is more than members ({members})").format(
                    active=self.active, members=self.members
                )
            )
        return self


class Community(_Strict):
    """`communities/<id>.toml`: where I stand in it and, when I build it, its stage."""

    name: str = Field(min_length=1, max_length=200)
    platform: str | None = Field(default=None, max_length=100)
    created: date
    roles: list[RoleStep] = Field(min_length=1)
    stages: list[StageStep] = Field(default_factory=list)  # empty: one I take part in, not one I build
    tasks: list[StageTask] = Field(default_factory=list)
    metrics: list[Snapshot] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_visible(cls, value: str) -> str:
        return _visible(value)

    @property
    def role(self) -> str:
        return self.roles[-1].role

    @property
    def stage(self) -> str | None:
        return self.stages[-1].stage if self.stages else None

    @property
    def building(self) -> bool:
        return bool(self.stages)


class LevelStep(_Strict):
    level: Level
    on: date
    why: str | None = Field(default=None, max_length=500)


class Honour(_Strict):
    title: str = Field(min_length=1, max_length=100)
    on: date


class Member(_Strict):
    """`members/<id>.toml`: one person in one of my communities, and their way up the ladder."""

    name: str = Field(min_length=1, max_length=200)
    community: str = Field(min_length=1, max_length=200)  # the community's id
    levels: list[LevelStep] = Field(min_length=1)
    honours: list[Honour] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)  # the events they came to (ids or names)
    mentee: str | None = None  # their mentee record, once they become one

    @property
    def level(self) -> str:
        return self.levels[-1].level


class StagePlaybook(_Strict):
    """`templates/<lang>/stages/<name>.toml`, or the workspace's own under templates/stages/."""

    stage: str
    title: str = ""
    goal: str = ""
    tasks: list[PlaybookTask] = Field(default_factory=list)

    @field_validator("stage")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in (*STAGES, TRACK):
            raise ValueError(
                tr("unknown stage {stage}; use one of: {choices}").format(
                    stage=repr(value), choices=", ".join((*STAGES, TRACK))
                )
            )
        return value
