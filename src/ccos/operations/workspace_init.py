"""`ccos init`: a new workspace from the templates, in the person's language.

`ccos.toml` is written last, so an interrupted init leaves no half-workspace behind: the
folder is not a workspace until the profile exists, and `ccos init` can simply run again.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ccos.errors import EnvironmentFailure, InvalidInput, from_os_error
from ccos.i18n import tr
from ccos.models.config import DEFAULT_ROLES, INIT_HOURS_MAX, INIT_HOURS_MIN, LANGUAGES, ROLES, Config
from ccos.registry import folders
from ccos.storage.git import commit_paths, git_available, run_git
from ccos.storage.safe_paths import check_folders, create_exclusive
from ccos.storage.strict_read import parse_toml
from ccos.storage.templates import find_template
from ccos.storage.workspace import CONFIG_FILE, GITIGNORE_LINES, Workspace

KICKOFF_FILE = "checklists/kickoff.toml"


@dataclass(frozen=True)
class InitResult:
    root: Path
    language: str
    git: bool
    git_note: str | None
    roles: tuple[str, ...] = DEFAULT_ROLES
    kickoff_items: int = 0


def parse_roles(given: str | None) -> tuple[str, ...]:
    """`--roles contributor,mentor`: the roles in the guide's order, each once (exit 2 for an
    unknown or empty one, naming the option)."""
    if given is None:
        return DEFAULT_ROLES
    names = [part.strip().lower() for part in given.split(",")]
    if not any(names):
        raise InvalidInput(
            tr("--roles is empty"), tr("give one or more of: {join} (comma-separated)").format(join=", ".join(ROLES))
        )
    unknown = [name for name in names if name not in ROLES]
    if unknown:
        raise InvalidInput(
            tr("invalid value for --roles: {value}").format(value=repr(unknown[0]))
            if unknown[0]
            else tr("--roles has an empty role"),
            tr("use one or more of: {join} (comma-separated)").format(join=", ".join(ROLES)),
        )
    return tuple(role for role in ROLES if role in names)


def render_kickoff(language: str, roles: Sequence[str], today: date) -> tuple[str, int]:
    """The new workspace's kick-off list (the guide's §8, done once): the shipped template's
    items for ROLES, started TODAY; and how many items it holds."""
    from ccos.capabilities.checklists.model import ChecklistTemplate, Kickoff
    from ccos.capabilities.checklists.rules import kickoff_items
    from ccos.capabilities.checklists.store import kickoff_text

    path = find_template(KICKOFF_FILE, language)
    source = path.read_text(encoding="utf-8")
    template = ChecklistTemplate.model_validate(parse_toml(path, source))
    heading = "\n".join(line for line in _leading_comments(source))
    items = kickoff_items(template, roles)
    text = kickoff_text(today, template.share or Kickoff.model_fields["share"].default, items, heading)
    Kickoff.model_validate(parse_toml(Path(KICKOFF_FILE), text))
    return text, len(items)


def _leading_comments(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def new_workspace_id() -> str:
    """16 random hex digits: unique enough that two people's calendar UIDs never meet."""
    import secrets

    return secrets.token_hex(8)


def render_config(
    language: str,
    name: str,
    weekly_hours: float,
    timezone: str | None,
    roles: Sequence[str] = DEFAULT_ROLES,
    workspace_id: str | None = None,
) -> str:
    template = find_template("ccos.toml", language).read_text(encoding="utf-8")
    zone_line = f"timezone = {toml_string(timezone)}" if timezone else '# timezone = "Asia/Shanghai"'
    hours_text = f"{weekly_hours:g}" if weekly_hours != int(weekly_hours) else str(int(weekly_hours))
    return string.Template(template).substitute(
        name=toml_string(name),
        language=toml_string(language),
        weekly_hours=hours_text,
        timezone_line=zone_line,
        roles="[" + ", ".join(toml_string(role) for role in roles) + "]",
        workspace_id=toml_string(workspace_id or new_workspace_id()),
    )


def init_workspace(
    root: Path,
    *,
    language: str,
    name: str,
    weekly_hours: float,
    timezone: str | None,
    use_git: bool,
    cwd: Path | None = None,
    roles: Sequence[str] = DEFAULT_ROLES,
    today: date | None = None,
) -> InitResult:
    """Check every input first (nothing is written for a bad one), then make the workspace."""
    if language not in LANGUAGES:
        raise InvalidInput(
            tr("invalid value for --lang: {language}").format(language=repr(language)),
            tr("use one of: {join}").format(join=", ".join(LANGUAGES)),
        )
    if not INIT_HOURS_MIN <= weekly_hours <= INIT_HOURS_MAX:  # NaN too
        raise InvalidInput(
            tr("invalid value for --weekly-hours: {weekly_hours:g}").format(weekly_hours=weekly_hours),
            tr("give the hours a week you can spare, from {INIT_HOURS_MIN} to {INIT_HOURS_MAX} (e.g. 6)").format(
                INIT_HOURS_MIN=INIT_HOURS_MIN, INIT_HOURS_MAX=INIT_HOURS_MAX
            ),
        )
    unknown = [role for role in roles if role not in ROLES]
    if unknown or not roles:
        raise InvalidInput(
            tr("invalid value for --roles: {value}").format(value=repr(unknown[0] if unknown else "")),
            tr("use one or more of: {join}").format(join=", ".join(ROLES)),
        )
    if "\n" in name or "\r" in name:
        raise InvalidInput(tr("--name holds a newline"), tr("give your name on one line"))
    root = root.expanduser().absolute()
    if (root / CONFIG_FILE).exists():
        raise InvalidInput(
            tr("{root} is already a ccos workspace ({CONFIG_FILE} exists)").format(root=root, CONFIG_FILE=CONFIG_FILE),
            tr("use it as it is, or choose another folder; nothing was changed"),
        )
    if root.exists() and not root.is_dir():
        raise InvalidInput(
            tr("{root} is a file, not a folder").format(root=root), tr("choose a folder path for the workspace")
        )

    text = render_config(language, name, weekly_hours, timezone, roles)
    data = parse_toml(Path(CONFIG_FILE), text)
    workspace = Workspace(root, cwd=cwd)
    workspace.validate(workspace.config_path, text, data, Config)
    kickoff, kickoff_count = render_kickoff(language, roles, today or date.today())
    kickoff_path = root / KICKOFF_FILE

    # The folder may already hold files (a clone, a person's own notes): nothing is written
    # through a link, and an existing .gitignore is read and replaced through the safe path.
    try:
        root.mkdir(parents=True, exist_ok=True)
        for folder in folders():
            keep = root / folder / ".gitkeep"
            check_folders(root, keep, create=True, shown=workspace.display)
            if not os.path.lexists(keep):
                os.close(create_exclusive(keep, 0o644))
    except OSError as exc:
        raise from_os_error(exc, root) from None
    gitignore = root / ".gitignore"
    existing = ""
    if os.path.lexists(gitignore):
        raw = workspace.read_bytes(gitignore)
        existing = workspace.read_text(gitignore) if raw.strip() else raw.decode("ascii", "replace")
    missing = [line for line in GITIGNORE_LINES if line not in existing.splitlines()]
    if missing:
        prefix = "" if not existing or existing.endswith("\n") else "\n"
        workspace.write_text(gitignore, existing + prefix + "\n".join(missing) + "\n")
    kickoff_written = not os.path.lexists(kickoff_path)  # a clone's own list is kept
    if kickoff_written:
        workspace.write_text(kickoff_path, kickoff)
    workspace.write_text(workspace.config_path, text)

    git_note = None
    git_done = False
    if use_git:
        if not git_available():
            git_note = tr("git not found: the workspace has no version control yet (run `git init` there later)")
        else:
            try:
                if not (root / ".git").exists():
                    run_git(root, "init", "-q")
                paths = [CONFIG_FILE, ".gitignore", *(f"{folder}/.gitkeep" for folder in folders())]
                if kickoff_written:
                    paths.append(KICKOFF_FILE)
                commit_paths(root, "ccos init: " + tr("new workspace"), paths, name or "ccos")
                git_done = True
            except EnvironmentFailure as exc:
                git_note = tr("{why}; the workspace is ready, without a first commit").format(why=exc.message)
    return InitResult(
        root=root,
        language=language,
        git=git_done,
        git_note=git_note,
        roles=tuple(roles),
        kickoff_items=kickoff_count if kickoff_written else 0,
    )
