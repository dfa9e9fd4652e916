"""`ccos review`: write a period's review, pre-filled; rerun to refresh the generated part."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ccos.capabilities.reviews.rules import new_body, refreshed_body
from ccos.capabilities.reviews.store import load_template, read_review, review_path
from ccos.capabilities.reviews.summary import generated_section
from ccos.dates import Period
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.planning.seam import SourceContext
from ccos.storage.markdown import join_front_matter

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class ReviewResult:
    path: str  # for the person (workspace.display)
    period: str
    created: bool


def write_review(workspace: Workspace, period: Period, today: date) -> ReviewResult:
    import tomlkit

    if period.start > today:
        raise InvalidInput(
            tr("{period} has not started yet").format(period=period.id), tr("review this period or an earlier one")
        )
    ctx = SourceContext.of(workspace, today)
    template = load_template(workspace)
    path = review_path(workspace, period)
    with workspace.locked("review"):
        section = generated_section(ctx, period, template)
        if path.is_file():
            front, body, body_first_line = read_review(workspace, path)
            new_text_body = refreshed_body(workspace.display(path), body, body_first_line, section)
            doc = tomlkit.parse(front)
            doc["updated"] = today
            new_text = join_front_matter(tomlkit.dumps(doc), new_text_body)
            created = False
        else:
            doc = tomlkit.document()
            doc.add("period", period.id)
            doc.add("kind", period.kind)
            doc.add("updated", today)
            new_text = join_front_matter(tomlkit.dumps(doc), new_body(period, template, section))
            created = True
        workspace.write_text(path, new_text)
    return ReviewResult(path=workspace.display(path), period=period.id, created=created)
