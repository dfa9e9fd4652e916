"""Templates are data: `templates/<lang>/...` shipped inside the wheel.

A person may override any template by a file of the same relative path under
`<workspace>/templates/` (without the language folder).
"""

from __future__ import annotations

from pathlib import Path

from ccos.errors import InvalidInput

FALLBACK_LANGUAGE = "en"


def templates_root() -> Path:
    """The packaged `ccos/templates` in a wheel; the repo's `templates/` in a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise InvalidInput(
        "ccos templates are missing from this installation", "reinstall ccos (pip install --force-reinstall ccos)"
    )


def find_template(relative: str, language: str, workspace_root: Path | None = None) -> Path:
    """The file that provides `relative` (for example `checklists/week.toml`)."""
    if workspace_root is not None:
        own = workspace_root / "templates" / relative
        if own.is_file():
            return own
    root = templates_root()
    for lang in (language, FALLBACK_LANGUAGE):
        candidate = root / lang / relative
        if candidate.is_file():
            return candidate
    raise InvalidInput(
        f"no template {relative!r} for language {language!r}",
        "reinstall ccos or add the file under WORKSPACE/templates/",
    )


def list_templates(folder: str, language: str, workspace_root: Path | None = None) -> dict[str, Path]:
    """Template files of one folder by stem, the workspace's own taking precedence."""
    found: dict[str, Path] = {}
    root = templates_root()
    for lang in (FALLBACK_LANGUAGE, language):
        directory = root / lang / folder
        if directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                found[path.stem] = path
    if workspace_root is not None:
        own = workspace_root / "templates" / folder
        if own.is_dir():
            for path in sorted(own.glob("*.toml")):
                found[path.stem] = path
    return found
