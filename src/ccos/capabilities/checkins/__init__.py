"""Check-ins: the weekly energy, duty and main-job scores that watch for burnout."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="checkins",
    folder="checkins",
    commands=(("checkin", "ccos.capabilities.checkins.commands"),),
    source="ccos.capabilities.checkins.source:CheckinSource",
    files=(FileKind("checkins/*.toml", "ccos.capabilities.checkins.model:Checkin", "check-in {stem}", "checkin"),),
    warnings=("burnout_risk",),
)
