"""`ccos privacy`: this machine's identity, the recipients in ccos.toml, and sealing the notes
written before `privacy.notes = "private"` (docs/privacy.md).

The crypto itself is `storage.sealed` (seal / reveal); this module is the use cases.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.storage import sealed
from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class InitResult:
    identity: str  # the identity file's path, as shown
    recipient: str
    created: bool  # False: this machine had an identity already
    added: bool  # False: ccos.toml listed its recipient already
    private: bool  # privacy.notes is "private" already


@dataclass(frozen=True)
class EncryptResult:
    files: list[str]  # the session files sealed now, workspace-relative
    backups_removed: int  # clear-text backups of session files removed from .ccos/backups
    in_history: bool  # an earlier git commit holds one of these files (in clear text)


def add_recipients(workspace: Workspace, recipients: list[str], command: str) -> bool:
    """List `recipients` in ccos.toml's [privacy] (round-trip edit); False when all were listed."""
    import tomlkit

    wanted = [sealed.check_recipient(r) for r in recipients]
    with workspace.locked(command):
        listed = workspace.config().privacy.recipients
        new = [r for r in wanted if r not in listed]
        if not new:
            return False
        text = workspace.read_text(workspace.config_path)
        doc = tomlkit.parse(text)
        table = doc.get("privacy")
        if table is None:
            table = tomlkit.table()
            doc.add("privacy", table)
        if "recipients" not in table:
            table["recipients"] = tomlkit.array()
        for recipient in new:
            table["recipients"].append(recipient)
        new_text = tomlkit.dumps(doc)
        from ccos.models.config import Config

        workspace.validate(workspace.config_path, new_text, tomllib.loads(new_text), Config)
        workspace.write_text(workspace.config_path, new_text)
    return True


def init(workspace: Workspace, identity_path: Path) -> InitResult:
    """Make this machine's identity (unless it has one) and list its recipient in ccos.toml."""
    workspace.config()
    _outside(workspace, identity_path)
    secret = sealed.read_identity(identity_path)
    created = secret is None
    if secret is None:
        secret, _ = sealed.new_identity()
        sealed.write_identity(identity_path, secret)
    recipient = sealed.recipient_of(secret)
    added = add_recipients(workspace, [recipient], "privacy init")
    private = workspace.config().privacy.notes == "private"
    return InitResult(str(identity_path), recipient, created, added, private)


def _outside(workspace: Workspace, path: Path) -> None:
    """An identity inside the workspace would be synced: refused."""
    try:
        path.resolve().relative_to(workspace.root.resolve())
    except ValueError:
        return
    raise InvalidInput(
        tr("{path} is inside the workspace, which is synced").format(path=path),
        tr("keep the identity outside the workspace (set XDG_CONFIG_HOME or HOME elsewhere)"),
    )


def backup_identity(workspace: Workspace, identity_path: Path, target: Path) -> str:
    """Copy this machine's identity to `target` (mode 600, a new file outside the workspace)."""
    secret = sealed.read_identity(identity_path)
    if secret is None:
        raise InvalidInput(
            tr("no identity at {path}").format(path=identity_path),
            tr("run {command} first").format(command="`ccos privacy init`"),
        )
    _outside(workspace, target)
    sealed.write_identity(target, secret)
    return str(target)


def encrypt_existing(workspace: Workspace) -> EncryptResult:
    """Seal the clear notes of every session file, in one write transaction (all or nothing);
    then remove the clear-text backups ccos kept of session files."""
    from ccos.capabilities.mentoring.store import load_mentees, load_sessions, write_session_file

    recipients = workspace.config().privacy.recipients
    if not recipients:
        raise InvalidInput(
            tr("{file}: no recipients are listed in [privacy]").format(file="ccos.toml"),
            tr("run {command} first; nothing was changed").format(command="`ccos privacy init`"),
        )
    done: list[str] = []
    every: list[str] = []
    with workspace.locked("privacy encrypt-existing"):
        for mentee in load_mentees(workspace):
            for record in load_sessions(workspace, mentee.id):
                every.append(workspace.relative(record.path))
                if not sealed.clear_parts(record.body).strip():
                    continue
                text = workspace.read_text(record.path)
                head = text[: len(text) - len(record.body)]
                write_session_file(workspace, record.path, head + sealed.seal_body(record.body, recipients))
                done.append(workspace.relative(record.path))
    removed = _forget_backups(workspace, every)
    from ccos.storage.journal import ever_committed

    return EncryptResult(done, removed, any(ever_committed(workspace.root, relative) for relative in done))


def _forget_backups(workspace: Workspace, relatives: list[str]) -> int:
    """Remove the backups of these files (they may hold clear text)."""
    import contextlib

    from ccos.storage.backups import list_backups

    removed = 0
    for relative in relatives:
        for backup in list_backups(workspace.state_dir, relative):
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed += 1
    return removed
