"""A session's notes: the template opened in `$EDITOR`, and what the person wrote in it."""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from ccos.capabilities.mentoring.rules import carried_item

if TYPE_CHECKING:
    from ccos.capabilities.mentoring.logging import LogDraft
    from ccos.storage.workspace import Workspace


def session_template(workspace: Workspace, draft: LogDraft) -> str:
    """`templates/session.md` (the workspace's, else the packaged one in the workspace's language),
    filled in with the mentee, their goals and their open action items."""
    from ccos.capabilities.mentoring.store import session_facts
    from ccos.storage.templates import find_template

    config = workspace.config()
    path = find_template("session.md", config.profile.language, workspace.root)
    raw = workspace.read_text(path)
    _facts, items = session_facts(workspace, draft.mentee_id)
    listed = "\n".join(f"- [ ] {a.number}. {a.text} ({a.date.isoformat()})" for a in items) or "-"
    goals = "\n".join(f"- {goal}" for goal in draft.goals) or "-"
    values = {
        "name": draft.name,
        "id": draft.mentee_id,
        "date": draft.day.isoformat(),
        "minutes": str(draft.minutes),
        "topics": ", ".join(draft.topics) or "-",
        "goals": goals,
        "open_actions": listed,
    }
    safe = {key: value.replace("-->", "-- >").replace("<!--", "< !--") for key, value in values.items()}
    return string.Template(raw).safe_substitute(safe)


def _without_comments(text: str) -> str:
    """Text without `<!-- ... -->` comments (the template's prompts), in linear time.

    A regex `<!--.*?-->` rescans to the end of the text for every `<!--` left unclosed,
    which is quadratic on a large paste; an unclosed comment is kept as written.
    """
    kept: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            kept.append(text[position:])
            return "".join(kept)
        kept.append(text[position:start])
        position = end + 3


def note_from_edit(template: str, edited: str) -> str | None:
    """The notes a person wrote, without the prompts; None when nothing was written.

    The open items the template listed are left out when they are saved unchanged: they
    belong to the sessions they were agreed in, and a copy would go stale at the next
    `mentee done` (`mentee show` shows them from there). An item the person wrote about
    (ticked, or with a comment on its line) is their note and stays.
    """

    def strip(text: str) -> str:
        text = _without_comments(text.replace("\r\n", "\n"))
        lines = [line.rstrip() for line in text.split("\n")]
        cleaned = "\n".join(lines)
        cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
        return cleaned.strip("\n")

    written = strip(edited)
    if not written.strip() or written == strip(template):
        return None
    copied = {line.strip() for line in template.splitlines() if carried_item(line) is not None}
    kept = [line for line in written.split("\n") if line.strip() not in copied and line.strip() != "-"]
    return _drop_empty_sections("\n".join(kept)) + "\n"


def _drop_empty_sections(text: str) -> str:
    """Leave out `## headings` of the template under which nothing was written."""
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [part for part in parts if not part.startswith("## ") or part.strip().count("\n") > 0]
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip("\n")
