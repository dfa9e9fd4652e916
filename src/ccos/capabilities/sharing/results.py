"""What the sharing services return (results, not files): `--json` prints them field by field,
in this order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ccos.capabilities.sharing.model import OPEN_STAGES, Kind, Stage


@dataclass(frozen=True)
class Piece:
    """A piece as the commands and the planner see it. `path` and `body_path` are
    workspace-relative and `/`-separated, whatever the current folder."""

    id: str
    title: str
    kind: Kind
    stage: Stage
    deep: bool
    personal: bool
    platform: str | None
    due: dt.date | None
    estimate_hours: float
    actual_hours: float
    remaining_hours: float
    overdue: bool
    created: dt.date | None
    started_on: dt.date | None
    ready_on: dt.date | None
    published_on: dt.date | None
    dropped_on: dt.date | None
    url: str | None
    tags: tuple[str, ...]
    path: str
    body_path: str | None = None

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


@dataclass(frozen=True)
class PieceDetail:
    """`ccos share show`: the piece and its body (the outline or draft notes)."""

    piece: Piece
    body: str | None


@dataclass(frozen=True)
class Pipeline:
    """`ccos share list` / `ideas`: pieces in stage order, with counts by stage."""

    today: dt.date
    counts: dict[str, int]
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Change:
    """What a write command did: the piece after the change, and whether anything changed."""

    action: str
    piece: Piece
    changed: bool = True
    note: str | None = None
