"""Communities: the ones a person takes part in or builds, the five stages, the people they grow."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="communities",
    folder="communities",
    folders=("members", "templates/stages"),
    commands=(
        ("community", "ccos.capabilities.communities.commands"),
        ("member", "ccos.capabilities.communities.commands"),
    ),
    source="ccos.capabilities.communities.source:CommunitySource",
    files=(
        FileKind(
            "communities/*.toml", "ccos.capabilities.communities.model:Community", "community {stem}", "community"
        ),
        FileKind("members/*.toml", "ccos.capabilities.communities.model:Member", "member {stem}", "member"),
        FileKind(
            "templates/stages/*.toml", "ccos.capabilities.communities.model:StagePlaybook", "{stem} stage", "stage"
        ),
    ),
    role=None,
    warnings=("stage_task_overdue", "no_successor", "metrics_stale"),
    completions=(
        ("community", "ccos.capabilities.communities.store:community_refs"),
        ("member", "ccos.capabilities.communities.store:member_refs"),
    ),
    calendar="ccos.capabilities.communities.source:calendar_entries",
)
