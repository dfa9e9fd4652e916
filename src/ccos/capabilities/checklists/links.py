"""`checklist add --for REF`: what an item is about, found by the one reference rule.

REF names a sharing piece, an event or a mentee (id, name or title, or a unique prefix;
storage/collection.py `find`); `sharing:REF`, `event:REF` or `mentee:REF` looks in one kind
only. The link is stored in the item as `about`, the id (or id prefix) of what the planner
sees of it: `sharing:<id>` for a piece, `event:<id>:` for an event's occurrences and tasks,
`session:<id>:` for a mentee's sessions (capabilities/*/source.py make those ids).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ccos.errors import Ambiguous, InvalidInput, NotFound
from ccos.i18n import tr
from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class Link:
    """An item's link: `about` (Commitment.about), `name` (what it was linked to, in words)."""

    about: str
    name: str
    kind: str  # "sharing piece", "event" or "mentee"


def _piece(workspace: Workspace, ref: str) -> Link:
    from ccos.capabilities.sharing.store import SharingStore

    entry = SharingStore(workspace).find(ref)
    return Link(f"sharing:{entry.id}", entry.record.title, "sharing piece")


def _event(workspace: Workspace, ref: str) -> Link:
    from ccos.capabilities.events.store import find_event

    event = find_event(workspace, ref)
    return Link(f"event:{event.id}:", event.event.title, "event")


def _mentee(workspace: Workspace, ref: str) -> Link:
    from ccos.capabilities.mentoring.store import find_mentee

    mentee = find_mentee(workspace, ref)
    return Link(f"session:{mentee.id}:", mentee.mentee.name, "mentee")


FINDERS: dict[str, Callable[[Workspace, str], Link]] = {"sharing": _piece, "event": _event, "mentee": _mentee}


def _hint() -> str:
    return tr("name a sharing piece, an event or a mentee; prefix it with sharing:, event: or mentee: to pick the kind")


def _named(link: Link) -> str:
    """The kind and the name together (one phrase per kind: word order differs)."""
    phrases = {"sharing piece": tr("sharing piece {name}"), "event": tr("event {name}"), "mentee": tr("mentee {name}")}
    return phrases.get(link.kind, "{name}").format(name=repr(link.name))


def resolve_for(workspace: Workspace, ref: str) -> Link:
    """The thing `--for REF` names (exit 2, one line, when nothing or several things match)."""
    wanted = ref.strip()
    if not wanted:
        raise InvalidInput(tr("--for is empty"), _hint())
    kind, colon, rest = wanted.partition(":")
    if colon and kind in FINDERS:
        if not rest.strip():
            nothing = {
                "sharing": tr("--for {ref} names no sharing piece"),
                "event": tr("--for {ref} names no event"),
                "mentee": tr("--for {ref} names no mentee"),
            }
            raise InvalidInput(nothing[kind].format(ref=repr(wanted)), _hint())
        try:
            return FINDERS[kind](workspace, rest.strip())
        except (NotFound, Ambiguous) as exc:
            raise type(exc)(f"--for: {exc.message}", exc.hint) from None
    found: list[Link] = []
    for find in FINDERS.values():
        try:
            found.append(find(workspace, wanted))
        except NotFound:
            continue
        except Ambiguous as exc:
            raise Ambiguous(f"--for: {exc.message}", exc.hint) from None
    if not found:
        raise NotFound(tr("--for {ref}: no sharing piece, event or mentee matches").format(ref=repr(wanted)), _hint())
    if len(found) > 1:
        listed = "; ".join(_named(link) for link in found)
        raise Ambiguous(
            tr("--for {ref} matches several things: {listed}").format(ref=repr(wanted), listed=listed), _hint()
        )
    return found[0]
