"""Where reviews live (`reviews/<period id>.md`) and the template they are written from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccos.capabilities.reviews.model import ReviewHeader, ReviewTemplate
from ccos.dates import Period
from ccos.storage.markdown import split_front_matter
from ccos.storage.strict_read import parse_toml
from ccos.storage.templates import find_template

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

FOLDER = "reviews"


def review_path(workspace: Workspace, period: Period) -> Path:
    return workspace.folder(FOLDER) / f"{period.id}.md"


def load_template(workspace: Workspace) -> ReviewTemplate:
    """The workspace's `templates/review.toml`, else the one shipped for its language."""
    language = workspace.config().profile.language
    return workspace.load(find_template("review.toml", language, workspace.root), ReviewTemplate)


def read_review(workspace: Workspace, path: Path) -> tuple[str, str, int]:
    """An existing review, strictly read: (its front matter's TOML, its body, the file's line of
    the body's first). A front matter that does not parse or validate stops the command, named."""
    text = workspace.read_text(path)
    shown = Path(workspace.display(path))
    front, body, _ = split_front_matter(shown, text)
    header = parse_toml(shown, front, first_line=2) if front.strip() else {}
    workspace.validate(path, text, header, ReviewHeader, first_line=2)
    body_first_line = text[: len(text) - len(body)].count("\n") + 1
    return front, body, body_first_line
