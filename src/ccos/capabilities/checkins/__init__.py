"""Check-ins: the weekly energy, duty and main-job scores that watch for burnout."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="checkins",
    folder="checkins",
    commands=(("checkin", "ccos.commands.checkin"),),
    source="ccos.services.checkins:CheckinSource",
    files=(FileKind("checkins/*.toml", "ccos.models.checkin:Checkin", "check-in {stem}", "checkin"),),
    warnings=("burnout_risk",),
)
