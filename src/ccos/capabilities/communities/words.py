"""Stages, roles and levels in words (the values stay English in files and --json)."""

from __future__ import annotations

from ccos.i18n import tr


def stage_word(stage: str | None) -> str:
    """A stage or my role in words (the value stays English in the file)."""
    words = {
        "need": tr("stage|need"), "structure": tr("stage|structure"), "first-members": tr("stage|first members"),
        "launch": tr("stage|launch"), "scaling": tr("stage|scaling"),
        "participant": tr("ladder|participant"), "contributor": tr("ladder|contributor"),
        "organizer": tr("ladder|organizer"), "leader": tr("ladder|leader"),
        "standard-setter": tr("ladder|standard-setter"),
    }  # fmt: skip
    return words.get(stage or "", stage or "").split("|", 1)[-1]
