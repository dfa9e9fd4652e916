"""What the communities' services return (frozen dataclasses: `--json` prints their fields in order)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccos.capabilities.communities.rules import TaskView


@dataclass(frozen=True)
class CommunityRow:
    """One line of `ccos community list`."""

    id: str
    name: str
    role: str
    stage: str | None
    platform: str | None
    members: int | None  # the latest snapshot's
    active: int | None
    people: int  # member records
    tasks_done: int
    tasks: int


@dataclass(frozen=True)
class Step:
    """One step of a history: a role, a stage or a level, on a day, with its note."""

    to: str
    on: str
    note: str | None = None


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    community: str
    community_name: str
    level: str
    since: str
    honours: list[str] = field(default_factory=list)
    events: int = 0


@dataclass(frozen=True)
class Growth:
    """Metrics at personal scale, from the person's own records."""

    quarter: str
    trend: list[tuple[str, int, int]]  # (day, members, active)
    members_change: int | None
    moved_up: list[str]  # names of members who stepped up this quarter
    came_back: list[str]  # names of members who came to two events or more
    successors: list[str]  # members at organizer level or above
    honours: int


@dataclass(frozen=True)
class CommunityDetail:
    """`ccos community show`."""

    id: str
    name: str
    platform: str | None
    role: str
    stage: str | None
    stage_goal: str | None
    tasks: list[TaskView]
    roles: list[Step]
    stages: list[Step]
    growth: Growth
    people: list[MemberRow]


@dataclass(frozen=True)
class MemberDetail:
    """`ccos member show`."""

    id: str
    name: str
    community: str
    community_name: str
    level: str
    levels: list[Step]
    honours: list[Step]
    notes: list[str]
    events: list[str]
    mentee: str | None


@dataclass(frozen=True)
class Changed:
    """What a write did, in a line, and the notes it leaves (a skipped stage, a step back)."""

    id: str
    name: str
    what: str  # the new role, stage, level, or honour
    on: str
    notes: list[str] = field(default_factory=list)
    tasks: int = 0  # tasks copied from a playbook
    where: str = ""  # the community, for a member
