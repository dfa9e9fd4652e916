"""Checklists: the week's, month's and quarter's lists of things to do."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="checklists",
    folder="checklists",
    folders=("templates/checklists",),
    commands=(("checklist", "ccos.commands.checklist"),),
    source="ccos.services.checklists:ChecklistSource",
    files=(
        FileKind("checklists/*.toml", "ccos.models.checklist:Checklist", "checklist {stem}", "checklist"),
        FileKind(
            "templates/checklists/*.toml",
            "ccos.models.checklist:ChecklistTemplate",
            "{stem} checklist template",
            "checklist-template",
        ),
    ),
)
