"""The sharing pipeline's values in words: stages, kinds and marks as a person reads them.

The values themselves (`drafting`, `case-study`) stay English in files, options and
`--json`; only the screen says them in the workspace's language. Functions, not tables:
a text is translated when it is shown, never at import time.
"""

from __future__ import annotations

from ccos.i18n import tr


def stage_words() -> dict[str, str]:
    """Each stage as a word on screen ("drafting" -> 撰写中 / в работе)."""
    return {
        "idea": tr("idea"),
        "drafting": tr("drafting"),
        "ready": tr("ready"),
        "published": tr("published"),
        "dropped": tr("dropped"),
    }


def stage_word(stage: str) -> str:
    return stage_words().get(stage, stage)


def kind_word(kind: str) -> str:
    """A piece's kind on screen (the value typed after --kind stays English)."""
    words = {
        "article": tr("article"),
        "case-study": tr("case-study"),
        "tutorial": tr("tutorial"),
        "observation": tr("observation"),
        "talk": tr("talk"),
        "podcast": tr("podcast"),
        "open-source": tr("open-source"),
        "answers": tr("answers"),
        "other": tr("other"),
    }
    return words.get(kind, kind)


def stage_titles() -> dict[str, str]:
    """The heading of each stage's group in `share list`."""
    return {
        "idea": tr("Ideas"),
        "drafting": tr("Drafting"),
        "ready": tr("Ready"),
        "published": tr("Published"),
        "dropped": tr("Dropped"),
    }
