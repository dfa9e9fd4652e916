"""The seam between capabilities and the planner/dashboard.

A capability plugs in by writing a `Source` and naming it in its `Capability.source`
(ccos/registry.py); the planner and the dashboard never import a capability directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ccos.dates import Period
from ccos.models.config import Config
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.storage.workspace import Workspace


@dataclass
class SourceContext:
    """What every source sees: the workspace, its config, today, and a shared memo.

    The memo lets a source load its files once per command even when the planner asks
    about several periods (status asks for a week, a month, a quarter and 8 past weeks).
    """

    workspace: Workspace
    config: Config
    today: date
    memo: dict[str, Any] = field(default_factory=dict)


class Source(Protocol):
    name: str

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        """Everything that costs time in or across `period`."""
        ...

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        """Warnings this capability raises for `period` (codes from the contract)."""
        ...

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        """Targets against actuals for `period`, for the dashboard."""
        ...


def load_sources() -> list[Source]:
    from ccos.registry import sources

    return sources()
