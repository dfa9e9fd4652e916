"""Checking what a person typed (options and titles), before any lock is taken or file read.

Each check returns the cleaned value or raises `InvalidInput` naming the option (exit 2)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from ccos.capabilities.sharing.model import KINDS, MAX_HOURS, STAGES, Kind, Stage
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, name_key


def check_kind(kind: str, option: str = "--kind") -> Kind:
    value = kind.strip().lower()
    for known in KINDS:
        if value == known:
            return known
    raise InvalidInput(
        tr("invalid value for {option}: {value}").format(option=option, value=repr(kind)),
        tr("use one of: {choices}").format(choices=", ".join(KINDS)),
    )


def check_stage(stage: str, option: str = "--stage", allowed: Iterable[Stage] = STAGES) -> Stage:
    value = stage.strip().lower()
    accepted = tuple(allowed)
    for known in accepted:
        if value == known:
            return known
    raise InvalidInput(
        tr("invalid value for {option}: {value}").format(option=option, value=repr(stage)),
        tr("use one of: {choices}").format(choices=", ".join(accepted)),
    )


def check_hours(hours: float | None, option: str) -> float | None:
    if hours is None:
        return None
    if math.isnan(hours) or math.isinf(hours) or hours < 0:
        raise InvalidInput(
            tr("invalid value for {option}: {hours} (hours must be 0 or more)").format(
                option=option, hours=f"{hours:g}"
            ),
            tr("e.g. {example}").format(example=f"{option} 2.5"),
        )
    if hours > MAX_HOURS:
        raise InvalidInput(
            tr("invalid value for {option}: {hours} hours is more than {max}").format(
                option=option, hours=f"{hours:g}", max=f"{MAX_HOURS:g}"
            ),
            tr("check the number"),
        )
    return float(hours)


def check_url(url: str | None, option: str = "--url") -> str | None:
    """An http(s) address with a host; nothing else is a link a reader can open."""
    if url is None:
        return None
    from urllib.parse import urlsplit

    text = url.strip()
    hint = tr("give the full address, e.g. {example}").format(example="https://example.org/posts/my-piece")
    shown = text if len(text) <= 60 else text[:60] + "..."
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InvalidInput(
            tr("invalid value for {option}: {value} is not a URL").format(option=option, value=repr(shown)), hint
        )
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise InvalidInput(
            tr("invalid value for {option}: {value} is not a URL").format(option=option, value=repr(shown)), hint
        ) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidInput(
            tr("invalid value for {option}: {value} is not an http(s) URL with a host").format(
                option=option, value=repr(shown)
            ),
            hint,
        )
    return text


def check_title(title: str) -> str:
    return clean_name(title, "title")


def check_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    return clean_name(platform, "platform")


def check_tags(tags: Iterable[str]) -> list[str]:
    """Each tag cleaned; a tag given twice (up to case and width) kept once, first spelling."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        value = clean_name(tag, "tag")
        if name_key(value) not in seen:
            seen.add(name_key(value))
            cleaned.append(value)
    return cleaned
