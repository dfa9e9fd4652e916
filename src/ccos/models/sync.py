"""What `ccos sync` and `ccos sync --status` return."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from ccos.models.base import Model


class FileChange(Model):
    model_config = ConfigDict(frozen=True)

    status: str  # A (added), M (modified), D (deleted)
    path: str


class SyncResult(Model):
    model_config = ConfigDict(frozen=True)

    branch: str
    remote: str | None = None  # "origin/main"; None when the repository has no remote
    commit: str | None = None  # the commit made of local changes (short id)
    message: str | None = None
    committed: list[FileChange] = Field(default_factory=list)
    pulled: int = 0  # commits taken from the remote
    pushed: int = 0  # commits sent to the remote
    merged: list[str] = Field(default_factory=list)  # files merged by ccos (checklists: union of ticks)
    push_skipped: bool = False  # --no-push
    add_remote_hint: str | None = None
    ignored: list[str] = Field(default_factory=list)  # ccos files that .gitignore keeps out of sync


class SyncStatus(Model):
    model_config = ConfigDict(frozen=True)

    branch: str | None
    remote: str | None
    online: bool | None  # None: no remote to ask; False: the fetch failed ("offline")
    offline_reason: str | None = None
    ahead: int | None = None
    behind: int | None = None
    uncommitted: list[FileChange] = Field(default_factory=list)
    in_progress: str | None = None  # "a rebase", "a merge", ... left unfinished
    last_sync: datetime | None = None
