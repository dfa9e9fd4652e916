"""The VTIMEZONE rule inference: the RRULE form only where one yearly rule explains every
transition of the span the calendar needs; the library's form (None here) otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ccos.operations.ics_zones import infer, vtimezone


def test_rules_where_they_hold_and_none_where_they_changed() -> None:
    berlin = infer(ZoneInfo("Europe/Berlin"), 1997, 2040)
    assert berlin is not None and berlin.to_daylight is not None and berlin.to_standard is not None
    assert (berlin.to_daylight.month, berlin.to_daylight.byday()) == (3, "-1SU")
    assert (berlin.to_standard.month, berlin.to_standard.byday()) == (10, "-1SU")
    new_york = infer(ZoneInfo("America/New_York"), 2008, 2040)
    assert new_york is not None and new_york.to_daylight is not None and new_york.to_daylight.byday() == "2SU"
    assert infer(ZoneInfo("America/New_York"), 2006, 2040) is None  # the US rules changed in 2007
    assert infer(ZoneInfo("Europe/Moscow"), 2010, 2040) is None  # DST, then a fixed +04, then +03
    moscow = infer(ZoneInfo("Europe/Moscow"), 2015, 2040)
    assert moscow is not None and moscow.daylight is None
    assert infer(ZoneInfo("Asia/Jerusalem"), 2026, 2040) is None  # Friday before the last Sunday


def test_the_written_zone_gives_every_instant_back() -> None:
    """vobject, which reads the VTIMEZONE itself (icalendar would use zoneinfo for a known
    TZID), puts each time at zoneinfo's instant, in winter and summer."""
    import vobject

    for tzid in ("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Shanghai"):
        tz = ZoneInfo(tzid)
        rules = infer(tz, 2025, 2040)
        assert rules is not None, tzid
        calendar = Calendar()
        calendar.add_component(vtimezone(tzid, rules))
        text = calendar.to_ical().decode()
        assert "RDATE" not in text
        for month in range(1, 13):
            local = datetime(2031, month, 15, 12, 0)
            event = Event()
            event.add("uid", f"x{month}")
            event.add("dtstart", local.replace(tzinfo=tz))
            calendar.add_component(event)
        parsed = vobject.readOne(calendar.to_ical().decode())
        custom = {e.uid.value: e.dtstart.value.astimezone(UTC) for e in parsed.vevent_list}
        for month in range(1, 13):
            expected = datetime(2031, month, 15, 12, 0, tzinfo=tz).astimezone(UTC)
            assert custom[f"x{month}"] == expected, (tzid, month)
