"""Events: meetups, talks and livestreams a person organises or speaks at, with playbooks."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="events",
    folder="events",
    folders=("templates/playbooks",),
    commands=(("event", "ccos.capabilities.events.commands"),),
    source="ccos.capabilities.events.source:EventSource",
    files=(
        FileKind("events/*.toml", "ccos.capabilities.events.model:Event", "event {stem}", "event"),
        FileKind(
            "templates/playbooks/*.toml", "ccos.capabilities.events.model:Playbook", "{stem} playbook", "playbook"
        ),
    ),
    role="organizer",
    warnings=("no_event_this_quarter", "event_task_overdue"),
)
