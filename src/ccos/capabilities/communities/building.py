"""The communities a person takes part in and builds: add, stage, step, metrics, tasks.

Every write checks what it can before the lock (a typo costs nothing), then reads the
community once under the lock, validates the result and writes it once. Decisions (docs/
communities.md): a stage may be skipped (recorded with a note naming the stages jumped) and
a community may go back a stage; my own role may step back on the ladder (recorded, said).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ccos.capabilities.communities import rules, store
from ccos.capabilities.communities.model import LEVELS, MY_ROLES, STAGES, TRACK, PlaybookTask
from ccos.capabilities.communities.results import Changed
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """`value` as one of `choices` (case-insensitive), or exit 2 naming the option."""
    key = value.strip().lower()
    if key not in choices:
        raise InvalidInput(
            tr("invalid value for {option}: {value}").format(option=option, value=repr(value)),
            tr("use one of: {choices}").format(choices=", ".join(choices)),
        )
    return key


def count_of(value: int | None, option: str) -> int | None:
    if value is not None and value < 0:
        raise InvalidInput(
            tr("invalid value for {option}: {value} (a count is 0 or more)").format(option=option, value=value),
            tr("give the number as you counted it, for example {option} 12").format(option=option),
        )
    return value


def _table(values: dict[str, Any]) -> Any:
    import tomlkit

    table = tomlkit.table()
    for key, value in values.items():
        if value is not None:
            table.add(key, value)
    return table


def _task_tables(tasks: list[PlaybookTask], track: str, start: date) -> list[Any]:
    return [
        _table({"text": t.text, "track": track, "start": start, "day": t.day, "until": t.until, "hours": t.hours,
                "done": False})
        for t in tasks
    ]  # fmt: skip


def _append(doc: Any, key: str, tables: list[Any]) -> None:
    import tomlkit

    if key not in doc:
        doc.add(key, tomlkit.aot())
    for table in tables:
        doc[key].append(table)


def add_community(
    workspace: Workspace, today: date, *, name: str, role: str, platform: str | None, stage: str | None, on: date
) -> Changed:
    """A community I take part in (no stage) or build (a stage: its playbook's tasks from `on`)."""
    import tomlkit

    title = clean_name(name, "community name")
    with workspace.locked("community add"):
        found = store.communities(workspace)
        if any(name_key(e.record.name) == name_key(title) for e in found.entries()):
            raise InvalidInput(
                tr("a community named {name} exists already").format(name=repr(title)),
                tr("see it with `{command}`").format(command=f'ccos community show "{title}"'),
            )
        community_id = found.new_id(title)
        doc = tomlkit.document()
        doc.add("name", title)
        if platform:
            doc.add("platform", clean_name(platform, "platform"))
        doc.add("created", on)
        _append(doc, "roles", [_table({"role": role, "on": on})])
        copied = 0
        if stage is not None:
            _append(doc, "stages", [_table({"stage": stage, "on": on})])
            tasks = store.load_playbook(workspace, stage).tasks
            _append(doc, "tasks", _task_tables(tasks, stage, on))
            copied += len(tasks)
        if role == TRACK:
            track = store.load_playbook(workspace, TRACK).tasks
            _append(doc, "tasks", _task_tables(track, TRACK, on))
            copied += len(track)
        found.create(community_id, tomlkit.dumps(doc))
    return Changed(community_id, title, role, on.isoformat(), tasks=copied)


def set_stage(workspace: Workspace, ref: str, stage: str, on: date, note: str | None) -> Changed:
    """Move a community I build to `stage`: the stage's playbook tasks, dated from `on`."""
    with workspace.locked("community stage"):
        loaded = store.find_community(workspace, ref)
        before = loaded.community.stage
        if before == stage:
            raise InvalidInput(
                tr("{name} is in stage {stage} already").format(name=loaded.community.name, stage=stage),
                tr("see its tasks with `{command}`").format(command=f"ccos community show {loaded.id}"),
            )
        if loaded.community.stages and on < loaded.community.stages[-1].on:
            raise InvalidInput(
                tr("invalid value for {option}: {day} is before the current stage began ({start})").format(
                    option="--date", day=on, start=loaded.community.stages[-1].on
                ),
                tr("give a date on or after {start}").format(start=loaded.community.stages[-1].on),
            )
        notes: list[str] = []
        skipped = rules.stage_skipped(before, stage)
        if skipped:
            notes.append(tr("skipped: {stages}").format(stages=", ".join(skipped)))
        elif before is not None and STAGES.index(stage) < STAGES.index(before):
            notes.append(tr("back from {stage}").format(stage=before))
        if note:
            notes.append(note)
        tasks = store.load_playbook(workspace, stage).tasks

        def change(doc: Any, _community: object) -> None:
            _append(doc, "stages", [_table({"stage": stage, "on": on, "note": "; ".join(notes) or None})])
            _append(doc, "tasks", _task_tables(tasks, stage, on))

        store.communities(workspace).edit(loaded.id, change)
    return Changed(loaded.id, loaded.community.name, stage, on.isoformat(), notes=notes, tasks=len(tasks))


def step_role(workspace: Workspace, ref: str, role: str, on: date, note: str | None) -> Changed:
    """My own step on a community's ladder (a step back is recorded and said)."""
    with workspace.locked("community step"):
        loaded = store.find_community(workspace, ref)
        community = loaded.community
        if community.role == role:
            raise InvalidInput(
                tr("you are {role} in {name} already").format(role=role, name=community.name),
                tr("give another role: {choices}").format(choices=", ".join(MY_ROLES)),
            )
        if on < community.roles[-1].on:
            raise InvalidInput(
                tr("invalid value for {option}: {day} is before your last step ({start})").format(
                    option="--date", day=on, start=community.roles[-1].on
                ),
                tr("give a date on or after {start}").format(start=community.roles[-1].on),
            )
        notes = []
        if role in LEVELS and community.role in LEVELS and LEVELS.index(role) < LEVELS.index(community.role):
            notes.append(tr("a step back, from {role}").format(role=community.role))
        if note:
            notes.append(note)
        track = store.load_playbook(workspace, TRACK).tasks if role == TRACK else []

        def change(doc: Any, _community: object) -> None:
            _append(doc, "roles", [_table({"role": role, "on": on, "note": "; ".join(notes) or None})])
            if track:
                _append(doc, "tasks", _task_tables(track, TRACK, on))

        store.communities(workspace).edit(loaded.id, change)
    return Changed(loaded.id, community.name, role, on.isoformat(), notes=notes, tasks=len(track))


def add_metrics(
    workspace: Workspace, ref: str, *, members: int, active: int, new: int | None, on: date, note: str | None
) -> Changed:
    """A snapshot of members and active members (one a day: a second one replaces it)."""
    if active > members:
        raise InvalidInput(
            tr("invalid value for {option}: {active} is more than --members {members}").format(
                option="--active", active=active, members=members
            ),
            tr("active members are some of the members: give at most {members}").format(members=members),
        )
    with workspace.locked("community metrics"):
        loaded = store.find_community(workspace, ref)
        replaced = any(s.on == on for s in loaded.community.metrics)

        def change(doc: Any, _community: object) -> None:
            import tomlkit

            kept = [t for t in doc.get("metrics", []) if t.get("on") != on]
            doc["metrics"] = tomlkit.aot()
            for table in kept:
                doc["metrics"].append(table)
            doc["metrics"].append(_table({"on": on, "members": members, "active": active, "new": new, "note": note}))

        store.communities(workspace).edit(loaded.id, change)
    notes = [tr("replaced the snapshot of {day}").format(day=on)] if replaced else []
    return Changed(loaded.id, loaded.community.name, f"{members}/{active}", on.isoformat(), notes=notes)


def tick_task(workspace: Workspace, today: date, ref: str, number: int, on: date) -> Changed:
    """Tick task `number` of the community's current stage."""
    with workspace.locked("community done"):
        loaded = store.find_community(workspace, ref)
        views = {v.number: v for v in rules.task_views(loaded.community, today)}
        if number not in views:
            raise InvalidInput(
                tr("invalid value for {option}: {name} has no open stage task {number}").format(
                    option="N", name=loaded.community.name, number=number
                ),
                tr("see its tasks and their numbers with `{command}`").format(
                    command=f"ccos community show {loaded.id}"
                ),
            )
        if views[number].done:
            raise InvalidInput(
                tr("task {number} of {name} is done already").format(number=number, name=loaded.community.name),
                tr("see its tasks with `{command}`").format(command=f"ccos community show {loaded.id}"),
            )

        def change(doc: Any, _community: object) -> None:
            table = doc["tasks"][number - 1]
            table["done"] = True
            table["done_on"] = on

        store.communities(workspace).edit(loaded.id, change)
    return Changed(loaded.id, loaded.community.name, views[number].text, on.isoformat())
