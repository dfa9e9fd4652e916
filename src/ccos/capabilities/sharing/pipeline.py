"""Reading the pipeline: `share list`, `share ideas` and `share show`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ccos.capabilities.sharing import rules
from ccos.capabilities.sharing.results import PieceDetail, Pipeline
from ccos.capabilities.sharing.store import SharingStore

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def pipeline(workspace: Workspace, today: dt.date, stage: str | None = None, include_dropped: bool = False) -> Pipeline:
    """The pieces of one stage, or of every stage (dropped ones with `include_dropped`)."""
    pieces = SharingStore(workspace).pieces(today)
    shown = rules.pipeline_order(pieces, stage, include_dropped)
    return Pipeline(today=today, counts=rules.counts(pieces), pieces=tuple(shown))


def ideas(workspace: Workspace, today: dt.date) -> Pipeline:
    """The backlog of ideas, oldest first."""
    pieces = SharingStore(workspace).pieces(today)
    return Pipeline(today=today, counts=rules.counts(pieces), pieces=tuple(rules.backlog(pieces)))


def show(workspace: Workspace, ref: str, today: dt.date) -> PieceDetail:
    """One piece and its notes."""
    store = SharingStore(workspace)
    entry = store.find(ref)
    return PieceDetail(piece=store.piece(entry.id, entry.record, today), body=store.read_body(entry.id))
