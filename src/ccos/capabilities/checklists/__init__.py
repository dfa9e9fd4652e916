"""Checklists: the kick-off list (done once) and the week's, month's and quarter's lists."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="checklists",
    folder="checklists",
    folders=("templates/checklists",),
    commands=(("checklist", "ccos.capabilities.checklists.commands"),),
    source="ccos.capabilities.checklists.source:ChecklistSource",
    files=(
        # Before `checklists/*.toml`: the first matching kind wins.
        FileKind(
            "checklists/kickoff.toml", "ccos.capabilities.checklists.model:Kickoff", "kick-off checklist", "kickoff"
        ),
        FileKind("checklists/*.toml", "ccos.capabilities.checklists.model:Checklist", "checklist {stem}", "checklist"),
        FileKind(
            "templates/checklists/*.toml",
            "ccos.capabilities.checklists.model:ChecklistTemplate",
            "{stem} checklist template",
            "checklist-template",
        ),
    ),
)
