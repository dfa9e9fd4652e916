"""Event times: the readable --repeat, DST gaps and folds, and the same dates under any machine TZ."""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ccos.capabilities.events.repeat import parse_repeat
from ccos.errors import InvalidInput
from tests.conftest import Ccos, run_ccos, snapshot

MACHINE_ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "Europe/Berlin"]


@pytest.mark.parametrize(
    ("text", "rule", "at"),
    [
        ("daily", "FREQ=DAILY", None),
        ("every day at 07:15", "FREQ=DAILY", (7, 15)),
        ("every 3 days", "FREQ=DAILY;INTERVAL=3", None),
        ("weekly", "FREQ=WEEKLY", None),
        ("weekly on thu at 20:00", "FREQ=WEEKLY;BYDAY=TH", (20, 0)),
        ("Weekly on Thursday at 20:00", "FREQ=WEEKLY;BYDAY=TH", (20, 0)),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", None),
        ("fortnightly on tue", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", None),
        ("every other week on mon and thu", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", None),
        ("every week on mondays, fridays", "FREQ=WEEKLY;BYDAY=MO,FR", None),
        ("monthly on the 2nd sat", "FREQ=MONTHLY;BYDAY=+2SA", None),
        ("monthly on the last fri at 19:00", "FREQ=MONTHLY;BYDAY=-1FR", (19, 0)),
        ("monthly on day 15", "FREQ=MONTHLY;BYMONTHDAY=15", None),
        ("every 3 months on the 1st", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", None),
        ("yearly", "FREQ=YEARLY", None),
        ("FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;BYDAY=TH", None),
        ("RRULE:FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=1MO", None),
    ],
)
def test_readable_repeat_becomes_an_rrule(text: str, rule: str, at: tuple[int, int] | None) -> None:
    parsed = parse_repeat(text)
    assert (parsed.rule, parsed.at) == (rule, at)


@pytest.mark.parametrize(
    "text",
    ["", "sometimes", "weekly on funday", "monthly on the 9th sat", "monthly on day 40", "daily on mon",
     "weekly at 25:00", "every 0 days", "FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;UNTIL=20270101T000000Z"],
)  # fmt: skip
def test_unparsable_repeat_lists_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_repeat(text)
    assert "--repeat" in caught.value.message
    assert "weekly on thu at 20:00" in (caught.value.hint or "")


@pytest.fixture
def machine_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def set_tz(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_tz
    monkeypatch.undo()
    time.tzset()


# zone, --repeat, --from, today, expected upcoming starts (wall-clock stays put, the offset follows DST)
CASES: dict[str, tuple[str, str, str, str, list[str]]] = {
    "berlin-spring-gap": (
        "Europe/Berlin", "weekly on sun at 02:30", "2027-03-14", "2027-03-13",
        ["2027-03-14T02:30:00+01:00", "2027-03-21T02:30:00+01:00",
         "2027-03-28T03:30:00+02:00",  # 02:30 does not exist that day: moved on by the gap (RFC 5545)
         "2027-04-04T02:30:00+02:00"],
    ),
    "berlin-autumn": (
        "Europe/Berlin", "weekly on thu at 20:00", "2027-10-21", "2027-10-20",
        ["2027-10-21T20:00:00+02:00", "2027-10-28T20:00:00+02:00", "2027-11-04T20:00:00+01:00",
         "2027-11-11T20:00:00+01:00"],
    ),
    "berlin-fold": (
        "Europe/Berlin", "weekly on sun at 02:30", "2027-10-24", "2027-10-23",
        ["2027-10-24T02:30:00+02:00", "2027-10-31T02:30:00+02:00", "2027-11-07T02:30:00+01:00"],
    ),
    "sao-paulo-gap": (
        "America/Sao_Paulo", "daily at 00:30", "2018-11-02", "2018-11-01",
        ["2018-11-02T00:30:00-03:00", "2018-11-03T00:30:00-03:00",
         "2018-11-04T01:30:00-02:00",  # midnight was skipped in Brazil in 2018
         "2018-11-05T00:30:00-02:00"],
    ),
    "sao-paulo-fold": (
        "America/Sao_Paulo", "daily at 23:30", "2019-02-15", "2019-02-14",
        ["2019-02-15T23:30:00-02:00", "2019-02-16T23:30:00-02:00", "2019-02-17T23:30:00-03:00"],
    ),
    "shanghai": (
        "Asia/Shanghai", "weekly on thu at 20:00", "2027-03-18", "2027-03-17",
        ["2027-03-18T20:00:00+08:00", "2027-03-25T20:00:00+08:00", "2027-04-01T20:00:00+08:00"],
    ),
    "shanghai-monthly": (
        "Asia/Shanghai", "monthly on the 2nd sat at 14:00", "2026-12-01", "2026-11-30",
        ["2026-12-12T14:00:00+08:00", "2027-01-09T14:00:00+08:00", "2027-02-13T14:00:00+08:00"],
    ),
}  # fmt: skip


def _upcoming(ccos: Ccos, case: str) -> list[str]:
    zone, repeat, first, today, _ = CASES[case]
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    if tomllib.loads(text)["profile"].get("timezone") != zone:
        lines = [line for line in text.splitlines() if not line.lstrip("# ").startswith("timezone")]
        at = lines.index("[profile]") + 1
        lines.insert(at, f'timezone = "{zone}"')
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not (ccos.root / "events" / f"{case}.toml").exists():
        ccos.ok(
            "event",
            "add",
            "--over-budget",
            case,
            "--kind",
            "livestream",
            "--repeat",
            repeat,
            "--from",
            first,
            today=today,
        )
    shown: Any = ccos.json("event", "show", case, today=today)
    return list(shown["upcoming"])


@pytest.mark.parametrize("case", sorted(CASES))
def test_recurrences_across_dst_are_the_same_under_any_machine_tz(
    make_workspace: Callable[..., Ccos], machine_tz: Callable[[str], None], case: str
) -> None:
    ccos = make_workspace()
    expected = CASES[case][4]
    seen = {}
    for name in MACHINE_ZONES:
        machine_tz(name)
        seen[name] = _upcoming(ccos, case)[: len(expected)]
    assert all(value == expected for value in seen.values()), seen


def test_a_real_process_under_other_tz_values_agrees(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace()
    _upcoming(ccos, "berlin-spring-gap")
    outputs = set()
    for name in ("Pacific/Kiritimati", "America/Adak"):
        result = run_ccos(
            "-w", str(ccos.root), "event", "show", "berlin-spring-gap", "--json",
            env={"TZ": name, "CCOS_TODAY": "2027-03-13"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.add(json.dumps(json.loads(result.stdout)["upcoming"]))
    assert outputs == {json.dumps(_upcoming(ccos, "berlin-spring-gap"))}


def test_plan_weeks_hold_the_occurrences_whatever_the_machine_tz(
    make_workspace: Callable[..., Ccos], machine_tz: Callable[[str], None]
) -> None:
    ccos = make_workspace()
    _upcoming(ccos, "sao-paulo-gap")
    results = set()
    for name in MACHINE_ZONES:
        machine_tz(name)
        plan: Any = ccos.json("plan", "week", "--week", "2018-W44", today="2018-11-01")
        days = tuple(i["date"] for i in plan["items"] if i["type"] == "event")
        results.add(days)
    assert results == {("2018-11-02", "2018-11-03", "2018-11-04")}


def test_the_machine_zone_is_used_when_the_workspace_names_none(
    make_workspace: Callable[..., Ccos], machine_tz: Callable[[str], None]
) -> None:
    ccos = make_workspace()
    machine_tz("America/Sao_Paulo")
    ccos.ok("event", "add", "--over-budget", "Local", "--kind", "meetup", "--date", "2026-12-12 10:00")
    assert 'timezone = "America/Sao_Paulo"' in (ccos.root / "events" / "local.toml").read_text(encoding="utf-8")
    gap = ccos("event", "add", "--over-budget", "Gap", "--kind", "meetup", "--date", "2018-11-04 00:30")
    assert gap.exit_code == 2
    assert "does not exist" in gap.stderr and "2018-11-03 23:59" in gap.stderr and "2018-11-04 01:00" in gap.stderr
    before = snapshot(ccos.root)
    machine_tz("Not/AZone")
    bad = ccos("event", "add", "--over-budget", "Nowhere", "--kind", "meetup", "--date", "2026-12-12 10:00")
    assert bad.exit_code == 2 and "timezone" in bad.stderr
    assert snapshot(ccos.root) == before


def test_the_event_keeps_its_zone_when_the_workspace_changes_zone(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace("--timezone", "Asia/Shanghai")
    ccos.ok("event", "add", "--over-budget", "Stream", "--kind", "livestream", "--repeat", "weekly on thu at 20:00")
    config = ccos.root / "ccos.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("Asia/Shanghai", "Europe/Berlin"))
    shown: Any = ccos.json("event", "show", "stream")
    assert shown["upcoming"][0] == "2026-11-19T20:00:00+08:00"


def test_the_machine_zone_comes_from_the_environment_given(tmp_path: Path) -> None:
    """TZ from the mapping passed in (never os.environ), else /etc/localtime's link, else /etc/timezone."""
    from ccos.capabilities.events.machine import machine_zone

    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Sao_Paulo").write_bytes(b"TZif")
    localtime, timezone_file = tmp_path / "localtime", tmp_path / "timezone"
    nothing = {"localtime": tmp_path / "none", "timezone_file": tmp_path / "none"}
    assert machine_zone({"TZ": ":Asia/Kolkata"}, **nothing) == "Asia/Kolkata"
    assert machine_zone({"TZ": "Not/AZone"}, **nothing) is None  # TZ set wrongly: no guess behind it
    assert machine_zone({}, **nothing) is None
    localtime.symlink_to(zoneinfo / "Sao_Paulo")
    assert machine_zone({}, localtime, timezone_file) == "America/Sao_Paulo"
    timezone_file.write_text("Europe/Berlin\n", encoding="utf-8")
    assert machine_zone({}, tmp_path / "none", timezone_file) == "Europe/Berlin"
    timezone_file.write_text("Mars/Olympus\n", encoding="utf-8")
    assert machine_zone({}, tmp_path / "none", timezone_file) is None
