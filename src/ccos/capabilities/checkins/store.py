"""Where check-ins live: `checkins/<week id>.toml`, one file per ISO week."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

from ccos.capabilities.checkins.model import Checkin
from ccos.dates import Period
from ccos.errors import InvalidFile
from ccos.i18n import tr
from ccos.storage.collection import Collection

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

FOLDER = "checkins"


def collection(workspace: Workspace) -> Collection[Checkin]:
    return Collection(workspace, FOLDER, Checkin, what="check-in", name=lambda checkin: checkin.week)


def checkin_path(workspace: Workspace, week: Period) -> Path:
    return collection(workspace).path(week.id)


def load_checkins(workspace: Workspace) -> list[Checkin]:
    """Every check-in, oldest week first; a file whose `week` is not its name stops the command."""
    found = collection(workspace)
    checkins = []
    for entry_id in found.ids():
        if not fnmatchcase(entry_id, "*-W*"):
            continue  # not a week's file: doctor reports it, the check-ins do not read it
        path = found.path(entry_id)
        checkin = workspace.load(path, Checkin)
        if checkin.week != entry_id:
            raise InvalidFile(
                workspace.display(path),
                tr("says week {week} but the file name says {name}").format(week=repr(checkin.week), name=entry_id),
                key="week",
            )
        checkins.append(checkin)
    return checkins
