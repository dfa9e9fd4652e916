"""Checklists: the week's, month's and quarter's lists of things to do."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="checklists",
    folder="checklists",
    folders=("templates/checklists",),
    commands=(("checklist", "ccos.capabilities.checklists.commands"),),
    source="ccos.capabilities.checklists.source:ChecklistSource",
    files=(
        FileKind("checklists/*.toml", "ccos.capabilities.checklists.model:Checklist", "checklist {stem}", "checklist"),
        FileKind(
            "templates/checklists/*.toml",
            "ccos.capabilities.checklists.model:ChecklistTemplate",
            "{stem} checklist template",
            "checklist-template",
        ),
    ),
)
