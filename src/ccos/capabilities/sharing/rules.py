"""The sharing rules: pure functions of pieces, dates and targets (no disk, no clock).

How a piece costs time in a plan (`spread`):
- drafting or ready, with a due date: the remaining hours (estimate - actual, at least 0)
  spread from today to the due date; past due, they land today as `overdue`;
- drafting or ready, no due date: the remaining hours spread over the rest of this week;
- an idea with a due date: its remaining hours as `planned` work from today to the due date
  (an idea without a due date is not in any plan);
- published: its actual hours, `done`, on the day it was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from ccos.capabilities.sharing.model import OPEN_STAGES, STAGES
from ccos.dates import Period, add_months
from ccos.i18n import tr
from ccos.models.naming import name_key

if TYPE_CHECKING:
    from ccos.capabilities.sharing.results import Piece
    from ccos.models.config import Targets

MIX_MIN_SAMPLE = 5  # fewer published pieces than min(this, window) say nothing about the mix
PLATFORM_WINDOW_MONTHS = 3
STARTED_STAGES = ("drafting", "ready")

# --- one piece ----------------------------------------------------------------------------


def remaining_hours(estimate: float, actual: float) -> float:
    return max(0.0, estimate - actual)


def open_hours(stage: str, estimate: float, actual: float) -> float:
    """What is left to plan: an open piece's remaining hours (to 2 decimals); else 0."""
    return round(remaining_hours(estimate, actual), 2) if stage in OPEN_STAGES else 0.0


def is_overdue(stage: str, due: dt.date | None, today: dt.date) -> bool:
    return stage in OPEN_STAGES and due is not None and due < today


@dataclass(frozen=True)
class Spread:
    """How a piece's hours fall in plans: on one day (`on`), or over [`start`, `end`]."""

    hours: float
    status: Literal["done", "open", "planned", "overdue"]
    on: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def spread(piece: Piece, today: dt.date) -> Spread | None:
    """Where `piece`'s hours go (the module docstring); None when it is in no plan."""
    if piece.stage == "published" and piece.published_on is not None:
        return Spread(hours=piece.actual_hours, status="done", on=piece.published_on)
    if piece.stage not in OPEN_STAGES:
        return None
    started = piece.stage in STARTED_STAGES
    if piece.due is None:
        if not started:
            return None
        week_end = Period.containing("week", today).end
        return Spread(hours=piece.remaining_hours, status="open", start=today, end=week_end)
    if piece.due < today:
        return Spread(hours=piece.remaining_hours, status="overdue", on=today)
    return Spread(hours=piece.remaining_hours, status="open" if started else "planned", start=today, end=piece.due)


def landing_day(spread: Spread) -> dt.date | None:
    """The day a piece's work lands by: the day itself, or the end of its window."""
    return spread.on or spread.end


def kept_targets(
    pieces: Sequence[Piece], landing: Mapping[str, dt.date], updates_per_week: int, deep_per_month: int
) -> dict[str, str]:
    """Piece id -> the target it alone keeps met, in words: the month's only deep piece (no
    deep piece published in that month, no other one landing in it), the week's only update
    (nothing published that week, no other piece landing in it). `landing`: each open piece's
    landing day. The defer advice protects these unless nothing else can go."""
    deep_landing: dict[Period, list[str]] = {}
    week_landing: dict[Period, list[str]] = {}
    for piece in pieces:
        day = landing.get(piece.id)
        if day is None or piece.stage not in OPEN_STAGES:
            continue
        week_landing.setdefault(Period.containing("week", day), []).append(piece.id)
        if piece.deep:
            deep_landing.setdefault(Period.containing("month", day), []).append(piece.id)
    kept: dict[str, list[str]] = {}
    if deep_per_month > 0:
        for month, ids in deep_landing.items():
            if len(ids) == 1 and not deep_published(pieces, month):
                kept.setdefault(ids[0], []).append(tr("the only deep piece of {month}").format(month=month.id))
    if updates_per_week > 0:
        for week, ids in week_landing.items():
            if len(ids) == 1 and not published_in(pieces, week.start, week.end):
                kept.setdefault(ids[0], []).append(tr("the only update of {week}").format(week=week.id))
    both = tr("{first} and {second}")
    return {
        piece_id: reasons[0] if len(reasons) == 1 else both.format(first=reasons[0], second=reasons[1])
        for piece_id, reasons in kept.items()
    }


# --- the pipeline ---------------------------------------------------------------------------


def stage_order(piece: Piece) -> tuple[int, dt.date, dt.date, str]:
    """Stage by stage; within one, by due date (published: by the day), then age, then id."""
    when = piece.published_on if piece.stage == "published" else piece.due
    return (STAGES.index(piece.stage), when or dt.date.max, piece.created or dt.date.min, piece.id)


def pipeline_order(pieces: Iterable[Piece], stage: str | None = None, include_dropped: bool = False) -> list[Piece]:
    """The pieces `share list` shows: one stage (published: newest first), or every stage but
    dropped (unless `include_dropped`) in stage order."""
    if stage == "published":
        shown = [p for p in pieces if p.stage == "published"]
        return sorted(shown, key=lambda p: (p.published_on or dt.date.min, p.id), reverse=True)
    shown = [p for p in pieces if (p.stage == stage if stage else (include_dropped or p.stage != "dropped"))]
    return sorted(shown, key=stage_order)


def backlog(pieces: Iterable[Piece]) -> list[Piece]:
    """The ideas, oldest first."""
    return sorted((p for p in pieces if p.stage == "idea"), key=lambda p: (p.created or dt.date.min, p.id))


def counts(pieces: Iterable[Piece]) -> dict[str, int]:
    result: dict[str, int] = dict.fromkeys(STAGES, 0)
    for piece in pieces:
        result[piece.stage] += 1
    return result


def twin(pieces: Iterable[Piece], title: str, except_id: str | None = None) -> Piece | None:
    """The live piece (not dropped) whose title is `title` up to case, width and spaces."""
    key = name_key(title)
    for piece in pieces:
        if piece.id != except_id and piece.stage != "dropped" and name_key(piece.title) == key:
            return piece
    return None


# --- cadence: updates, deep pieces, the mix, platforms --------------------------------------


def published_in(pieces: Iterable[Piece], start: dt.date, end: dt.date) -> list[Piece]:
    return [
        p for p in pieces if p.stage == "published" and p.published_on is not None and start <= p.published_on <= end
    ]


def deep_published(pieces: Iterable[Piece], period: Period) -> list[Piece]:
    return [p for p in published_in(pieces, period.start, period.end) if p.deep]


def deep_scheduled(pieces: Iterable[Piece], period: Period, today: dt.date) -> list[Piece]:
    """Deep pieces still open and due in `period`, not before today."""
    return [
        p
        for p in pieces
        if p.deep and p.stage in OPEN_STAGES and p.due is not None and period.contains(p.due) and p.due >= today
    ]


def lacks_deep(pieces: Sequence[Piece], period: Period, today: dt.date) -> bool:
    """No deep piece published in `period`, and none scheduled in it."""
    return not deep_published(pieces, period) and not deep_scheduled(pieces, period, today)


def latest_published(pieces: Iterable[Piece], today: dt.date, window: int) -> list[Piece]:
    """The last `window` pieces published up to today, newest first."""
    published = [p for p in pieces if p.stage == "published" and p.published_on and p.published_on <= today]
    published.sort(key=lambda p: (p.published_on or dt.date.min, p.id), reverse=True)
    return published[:window]


@dataclass(frozen=True)
class Mix:
    """The personal share of the last published pieces, against the target."""

    share: float
    personal: int
    total: int
    state: Literal["ok", "over", "under"]


def mix(pieces: Iterable[Piece], today: dt.date, targets: Targets) -> Mix | None:
    """The mix of the last `personal_mix_window` published; None when too few to judge."""
    latest = latest_published(pieces, today, targets.personal_mix_window)
    if not latest or len(latest) < min(MIX_MIN_SAMPLE, targets.personal_mix_window):
        return None
    personal = sum(1 for p in latest if p.personal)
    share = personal / len(latest)
    tolerance = targets.personal_share_tolerance + 1e-9
    state: Literal["ok", "over", "under"] = "ok"
    if share > targets.personal_share + tolerance:
        state = "over"
    elif share < targets.personal_share - tolerance:
        state = "under"
    return Mix(share=share, personal=personal, total=len(latest), state=state)


def platforms_used(pieces: Iterable[Piece], today: dt.date) -> list[str]:
    """Platforms of pieces published in the last three months, in first-use order (the
    first spelling of each, up to case and width)."""
    since = add_months(today, -PLATFORM_WINDOW_MONTHS) + timedelta(days=1)
    seen: dict[str, str] = {}
    for piece in sorted(published_in(pieces, since, today), key=lambda p: (p.published_on or dt.date.min, p.id)):
        if piece.platform:
            seen.setdefault(name_key(piece.platform), piece.platform)
    return list(seen.values())
