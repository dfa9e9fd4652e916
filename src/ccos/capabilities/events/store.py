"""Where events and playbooks are, and the one way an event file is changed.

Events: `events/<id>.toml`, a `Collection` (storage/collection.py): found by the one rule
for references (an id, a title, or a unique prefix of either: models/naming.resolve),
changed round-trip (comments and layout kept) and validated before the single write.
Playbooks: the packaged `templates/<lang>/playbooks/<name>.toml`, each overridden by the
workspace's own `templates/playbooks/<name>.toml`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events.model import Event, EventTask, Playbook
from ccos.capabilities.events.rules import Loaded
from ccos.errors import InvalidInput
from ccos.storage.collection import Collection
from ccos.storage.templates import list_templates

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

FOLDER = "events"
LIST_COMMAND = "ccos event list --all"


def collection(workspace: Workspace) -> Collection[Event]:
    return Collection(workspace, FOLDER, Event, what="event", name=lambda event: event.title, list_command=LIST_COMMAND)


def event_path(workspace: Workspace, event_id: str) -> Path:
    return collection(workspace).path(event_id)


def load_events(workspace: Workspace) -> list[Loaded]:
    """Every event, by id."""
    return [Loaded(entry.id, entry.path, entry.record) for entry in collection(workspace).entries()]


def find_event(workspace: Workspace, ref: str) -> Loaded:
    """The event `ref` names: its id, its title, or a unique prefix of either (exit 2 otherwise)."""
    entry = collection(workspace).find(ref)
    return Loaded(entry.id, entry.path, entry.record)


def reread(workspace: Workspace, event_id: str) -> Loaded:
    """The event as it is on disk now, read strictly (under the lock: no cache)."""
    path = event_path(workspace, event_id)
    return Loaded(event_id, path, workspace.load(path, Event))


def edit_event(workspace: Workspace, loaded: Loaded, change: Callable[[Any], None]) -> Loaded:
    """Change an event's file: `change` edits its TOML document; validated, then written once."""
    saved = collection(workspace).edit(loaded.id, change)
    return Loaded(loaded.id, loaded.path, saved)


def create_event(workspace: Workspace, event_id: str, text: str) -> Loaded:
    """A new event's file (refused when one with this id appeared meanwhile)."""
    events = collection(workspace)
    return Loaded(event_id, events.path(event_id), events.create(event_id, text))


def task_table(task: EventTask) -> Any:
    """A task as a `[[tasks]]` table of an event file."""
    import tomlkit

    table = tomlkit.table()
    table.add("text", task.text)
    table.add("phase", task.phase)
    table.add("offset", task.offset)
    if task.until is not None:
        table.add("until", task.until)
    table.add("hours", task.hours)
    if task.role is not None:
        table.add("role", task.role)
    if task.each:
        table.add("each", True)
    table.add("done", task.done)
    return table


# --- playbooks ---------------------------------------------------------------------------


def playbook_files(workspace: Workspace) -> dict[str, Path]:
    """Every playbook by name, the workspace's own first."""
    language = workspace.config().profile.language
    return list_templates("playbooks", language, workspace.root)


def read_playbook(workspace: Workspace, path: Path) -> Playbook:
    return workspace.load(path, Playbook)


def load_playbook(workspace: Workspace, name: str) -> tuple[str, Playbook]:
    """`--playbook NAME` (or the kind's own): its name and its tasks."""
    available = playbook_files(workspace)
    key = name.strip().lower()
    if key not in available:
        raise InvalidInput(
            f"invalid value for --playbook: unknown playbook {name!r}",
            f"use one of: {', '.join(sorted(available))} (see `ccos event playbooks`), "
            "or add your own as WORKSPACE/templates/playbooks/NAME.toml",
        )
    return key, read_playbook(workspace, available[key])
