"""The people a person grows: members of their communities, their steps up the ladder, honours.

A level step back is allowed and recorded (a leader who hands over and becomes a
contributor again is part of the story, seed 000 §4.3), and the command says so.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ccos.capabilities.communities import store
from ccos.capabilities.communities.building import _append, _table
from ccos.capabilities.communities.model import LEVELS
from ccos.capabilities.communities.results import Changed
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def add_member(
    workspace: Workspace, *, name: str, community: str, level: str, met: str | None, note: str | None, on: date
) -> Changed:
    """A member of one of my communities (the community must exist)."""
    import tomlkit

    title = clean_name(name, "member name")
    with workspace.locked("member add"):
        where = store.find_community(workspace, community)
        people = store.members(workspace)
        for entry in people.entries():
            if entry.record.community == where.id and name_key(entry.record.name) == name_key(title):
                raise InvalidInput(
                    tr("{name} is a member of {community} already").format(name=title, community=where.community.name),
                    tr("see them with `{command}`").format(command=f"ccos member show {entry.id}"),
                )
        member_id = people.new_id(title)
        doc = tomlkit.document()
        doc.add("name", title)
        doc.add("community", where.id)
        _append(doc, "levels", [_table({"level": level, "on": on})])
        if met:
            doc.add("events", [clean_name(met, "event")])
        if note:
            doc.add("notes", [note])
        people.create(member_id, tomlkit.dumps(doc))
    return Changed(member_id, title, level, on.isoformat(), where=where.community.name)


def step_member(workspace: Workspace, ref: str, level: str, on: date, why: str | None) -> Changed:
    """A member's step on the ladder; back down is recorded with a note."""
    with workspace.locked("member step"):
        person = store.find_member(workspace, ref)
        member = person.member
        if member.level == level:
            raise InvalidInput(
                tr("{name} is {level} already").format(name=member.name, level=level),
                tr("give another level: {choices}").format(choices=", ".join(LEVELS)),
            )
        if on < member.levels[-1].on:
            raise InvalidInput(
                tr("invalid value for {option}: {day} is before their last step ({start})").format(
                    option="--date", day=on, start=member.levels[-1].on
                ),
                tr("give a date on or after {start}").format(start=member.levels[-1].on),
            )
        notes = []
        if LEVELS.index(level) < LEVELS.index(member.level):
            notes.append(tr("a step back, from {level}").format(level=member.level))

        def change(doc: Any, _member: object) -> None:
            _append(doc, "levels", [_table({"level": level, "on": on, "why": why})])

        store.members(workspace).edit(person.id, change)
    return Changed(person.id, member.name, level, on.isoformat(), notes=notes)


def honour_member(workspace: Workspace, ref: str, title: str, on: date) -> Changed:
    """An honour title (seed 001: contributor, member, talented speaker, ambassador, or any)."""
    text = clean_name(title, "honour")
    with workspace.locked("member honour"):
        person = store.find_member(workspace, ref)
        if any(name_key(h.title) == name_key(text) for h in person.member.honours):
            raise InvalidInput(
                tr("{name} holds the honour {title} already").format(name=person.member.name, title=repr(text)),
                tr("see their honours with `{command}`").format(command=f"ccos member show {person.id}"),
            )

        def change(doc: Any, _member: object) -> None:
            _append(doc, "honours", [_table({"title": text, "on": on})])

        store.members(workspace).edit(person.id, change)
    return Changed(person.id, person.member.name, text, on.isoformat())


def attended(workspace: Workspace, ref: str, event: str) -> Changed:
    """Record an event the member came to (a newcomer who comes back counts in the metrics)."""
    text = clean_name(event, "event")
    with workspace.locked("member met"):
        person = store.find_member(workspace, ref)
        if text in person.member.events:
            raise InvalidInput(
                tr("{event} is recorded for {name} already").format(event=repr(text), name=person.member.name),
                tr("see their events with `{command}`").format(command=f"ccos member show {person.id}"),
            )

        def change(doc: Any, _member: object) -> None:
            import tomlkit

            if "events" not in doc:
                doc.add("events", tomlkit.array())
            doc["events"].append(text)

        store.members(workspace).edit(person.id, change)
    return Changed(person.id, person.member.name, text, "")
