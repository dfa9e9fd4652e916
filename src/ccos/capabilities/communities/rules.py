"""The pure rules of communities: task dates and states, the ladder, metrics at personal scale.

No disk, no clock: `today` is a parameter.

- A community's open work is the tasks of its current stage (and, while my role is
  standard-setter, of that track): tasks of a stage left behind are history, neither
  planned nor warned about.
- A task is dated `day` days after its stage's start, or spread over the window
  [`day`, `until`]; undone after its last day it is overdue.
- A step on the ladder is "up" when the new level is higher than the one before; a step
  back is allowed and recorded (people step back for good reasons), and said so.
- A successor is a member at organizer level or above in a community I lead.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ccos.capabilities.communities.model import LEADING, LEVELS, STAGES, TRACK, Community, Member, StageTask
from ccos.dates import Period


@dataclass(frozen=True)
class Loaded:
    """One community file as read: its id (the file's stem), where it is, what it holds."""

    id: str
    path: Path
    community: Community


@dataclass(frozen=True)
class Person:
    """One member file as read."""

    id: str
    path: Path
    member: Member


@dataclass(frozen=True)
class TaskView:
    """A stage task as a plan sees it on `today`."""

    number: int
    text: str
    track: str
    date: str
    end: str | None
    hours: float
    done: bool
    status: str  # open | done | overdue


def last_day(view: TaskView) -> date:
    """A task's last day: its window's end, else its day."""
    return date.fromisoformat(view.end or view.date)


def task_days(task: StageTask) -> tuple[date, date | None]:
    start = task.start + timedelta(days=task.day)
    end = None if task.until is None else task.start + timedelta(days=task.until)
    return start, end


def current_tracks(community: Community) -> set[str]:
    """The stage (and track) whose tasks are the community's open work now."""
    tracks: set[str] = set()
    if community.stage is not None:
        tracks.add(community.stage)
    if community.role == TRACK:
        tracks.add(TRACK)
    return tracks


def current_start(community: Community, track: str) -> date | None:
    """The day the current stage (or the standard-setter track) began."""
    if track == TRACK:
        steps = [r.on for r in community.roles if r.role == TRACK]
        return steps[-1] if steps else None
    return community.stages[-1].on if community.stages else None


def task_views(community: Community, today: date) -> list[TaskView]:
    """The current stage's (and track's) tasks, numbered as in the file (1-based)."""
    tracks = current_tracks(community)
    views = []
    for number, task in enumerate(community.tasks, start=1):
        if task.track not in tracks or task.start != current_start(community, task.track):
            continue
        start, end = task_days(task)
        status = "done" if task.done else ("overdue" if (end or start) < today else "open")
        views.append(
            TaskView(
                number=number, text=task.text, track=task.track, date=start.isoformat(),
                end=None if end is None else end.isoformat(), hours=task.hours, done=task.done, status=status,
            )
        )  # fmt: skip
    return views


def stage_skipped(before: str | None, after: str) -> list[str]:
    """The stages jumped over going from `before` to `after` (none going back or from nothing)."""
    if before is None:
        return []
    low, high = STAGES.index(before), STAGES.index(after)
    return list(STAGES[low + 1 : high]) if high > low + 1 else []


def rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def moved_up(member: Member, first: date, last: date) -> bool:
    """Whether the member stepped up the ladder within [first, last]."""
    steps = member.levels
    return any(
        first <= step.on <= last and rank(step.level) > rank(before.level) for before, step in itertools.pairwise(steps)
    )


def leads(community: Community) -> bool:
    return community.role in LEADING


def led_since(community: Community) -> date | None:
    """Since when I have led the community without a break (None: I don't lead it)."""
    if not leads(community):
        return None
    since = community.roles[-1].on
    for step in reversed(community.roles):
        if step.role not in LEADING:
            break
        since = step.on
    return since


def successors(people: list[Person]) -> list[Person]:
    return [p for p in people if p.member.level in LEADING]


def came_back(people: list[Person]) -> list[Person]:
    """Newcomers who came back after a first event: two events or more recorded."""
    return [p for p in people if len(set(p.member.events)) >= 2]


@dataclass(frozen=True)
class Trend:
    """The last few snapshots: members and active members over time."""

    points: list[tuple[str, int, int]]  # (day, members, active)

    @property
    def change(self) -> int | None:
        return self.points[-1][1] - self.points[0][1] if len(self.points) > 1 else None


def trend(community: Community, count: int = 5) -> Trend:
    ordered = sorted(community.metrics, key=lambda s: s.on)[-count:]
    return Trend([(s.on.isoformat(), s.members, s.active) for s in ordered])


def metrics_age_weeks(community: Community, today: date) -> int | None:
    """Whole weeks since the last snapshot (None: never measured)."""
    if not community.metrics:
        return None
    return (today - max(s.on for s in community.metrics)).days // 7


def this_quarter(today: date) -> Period:
    return Period.containing("quarter", today)
