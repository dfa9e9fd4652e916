"""Sharing: the pieces a person writes and gives (posts, talks, videos)."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="sharing",
    folder="sharing",
    commands=(("share", "ccos.capabilities.sharing.commands"),),
    source="ccos.capabilities.sharing.source:SharingSource",
    files=(
        FileKind("sharing/*.toml", "ccos.capabilities.sharing.model:SharingFile", "piece {stem}", "sharing-piece"),
        FileKind("sharing/*.md", None, "notes of piece {stem}", "sharing-notes"),
    ),
    role="contributor",
    warnings=("no_update_this_week", "no_deep_content_this_month", "personal_mix_off", "sharing_overdue"),
)
