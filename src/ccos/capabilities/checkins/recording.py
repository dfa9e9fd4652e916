"""`ccos checkin`: write (or update, keeping a person's own lines) the check-in of a week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ccos.capabilities.checkins.model import SIGNALS, Checkin
from ccos.capabilities.checkins.rules import check_answers, checkin_day
from ccos.capabilities.checkins.store import collection
from ccos.dates import Period
from ccos.i18n import tr

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def header() -> str:
    """The comment at the top of a check-in file, in the workspace's language (the keys stay English)."""
    return tr(
        "Weekly check-in (guide §7.1). 1-5: energy 5 = full of energy; duty, main_job, avoid 5 = a strong warning sign."
    )


@dataclass(frozen=True)
class CheckinResult:
    checkin: Checkin
    updated: bool
    path: str  # for the person (workspace.display)


def record_checkin(
    workspace: Workspace, week: Period, today: date, answers: dict[str, int], note: str
) -> CheckinResult:
    import tomlkit

    check_answers(week, today, answers, note)
    day = checkin_day(week, today)

    def fill(doc: Any) -> None:
        doc["date"] = day
        for name in SIGNALS:
            doc[name] = answers[name]
        doc["note"] = note

    checkins = collection(workspace)
    path = checkins.path(week.id)
    with workspace.locked("checkin"):
        updated = path.is_file()
        if updated:
            checkin = checkins.edit(week.id, lambda doc, _read: fill(doc))  # a damaged file is named, not overwritten
        else:
            doc = tomlkit.document()
            doc.add(tomlkit.comment(header()))
            doc.add("week", week.id)
            fill(doc)
            checkin = checkins.write(week.id, tomlkit.dumps(doc))
    return CheckinResult(checkin=checkin, updated=updated, path=workspace.display(path))
