"""Mentoring: mentees, their sessions and the actions agreed in them."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="mentoring",
    folder="mentees",
    folders=("mentees/*", "mentees/*/sessions"),
    commands=(("mentee", "ccos.commands.mentee"),),
    source="ccos.services.mentees:MenteeSource",
    files=(
        FileKind("mentees/*/mentee.toml", "ccos.models.mentee:Mentee", "mentee {parent}", "mentee"),
        FileKind(
            "mentees/*/sessions/*.md",
            "ccos.models.mentee:Session",
            "session {parent2}/{stem}",
            "session",
            front_matter=True,
        ),
    ),
    role="mentor",
    warnings=("too_many_mentees", "mentee_overdue"),
)
