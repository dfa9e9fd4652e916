"""Mentoring: mentees, their sessions and the actions agreed in them."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="mentoring",
    folder="mentees",
    folders=("mentees/*", "mentees/*/sessions"),
    commands=(("mentee", "ccos.capabilities.mentoring.commands"),),
    source="ccos.capabilities.mentoring.source:MenteeSource",
    files=(
        FileKind("mentees/*/mentee.toml", "ccos.capabilities.mentoring.model:Mentee", "mentee {parent}", "mentee"),
        FileKind(
            "mentees/*/sessions/*.md",
            "ccos.capabilities.mentoring.model:Session",
            "session {parent2}/{stem}",
            "session",
            front_matter=True,
        ),
    ),
    role="mentor",
    warnings=("too_many_mentees", "mentee_overdue"),
)
