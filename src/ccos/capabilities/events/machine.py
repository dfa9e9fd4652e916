"""The machine's time zone, for an event added in a workspace whose ccos.toml names none.

The environment is a parameter (the command passes its context's `environ`), and so are
the two files consulted after it, so nothing here reads `os.environ` implicitly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def machine_zone(
    environ: Mapping[str, str], localtime: Path = LOCALTIME, timezone_file: Path = TIMEZONE_FILE
) -> str | None:
    """The machine's IANA zone name: TZ if set (None when it names no zone), else what
    `localtime` links to, else the name in `timezone_file`; None when nothing names one."""
    tz = environ.get("TZ", "").lstrip(":").strip()
    if tz:
        return tz if known_zone(tz) else None
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if known_zone(name):
            return name
    try:
        name = timezone_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if name and known_zone(name) else None
