"""The exported calendar read by clients no one here wrote: Radicale (through `caldav`),
khal, vobject, recurring-ical-events and icalendar must agree with ccos, instant for instant,
across DST changes, a fold (the second 02:30 of 2027-10-31 in Europe/Berlin) and several zones.

Marked `clients` (`pytest -m "not clients"` leaves it out); the whole file runs in seconds.
`ics.py` is not installed in the project's environment, so it is not tested here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Ccos

pytestmark = pytest.mark.clients

FOLD_UTC = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)  # 02:30 CET, the second of the two
SUMMER_UTC = datetime(2027, 7, 10, 12, 0, tzinfo=UTC)  # 14:00 CEST
NEW_YORK_UTC = datetime(2027, 3, 20, 22, 0, tzinfo=UTC)  # 18:00 EDT (after the US change, before the EU one)
SHANGHAI_UTC = datetime(2027, 1, 5, 11, 0, tzinfo=UTC)  # 19:00 CST


def _set_zone(ws: Ccos, event: str, tzid: str) -> None:
    path = ws.root / "events" / f"{event}.toml"
    text = path.read_text(encoding="utf-8").replace('timezone = "Europe/Berlin"', f'timezone = "{tzid}"')
    path.write_text(text, encoding="utf-8")


def _workspace(ws: Ccos) -> Ccos:
    ws.ok("config", "set", "profile.timezone", "Europe/Berlin")
    add = ("event", "add", "--over-budget", "--kind", "meetup", "--hours", "1")
    ws.ok(*add, "Fold", "--date", "2027-10-31 02:30+01:00")
    ws.ok(*add, "Summer", "--date", "2027-07-10 14:00")
    ws.ok(*add, "New York", "--date", "2027-03-20 18:00")
    _set_zone(ws, "new-york", "America/New_York")
    ws.ok(*add, "Shanghai", "--date", "2027-01-05 19:00")
    _set_zone(ws, "shanghai", "Asia/Shanghai")
    ws.ok(
        "event", "add", "--over-budget", "Weekly", "--kind", "livestream", "--hours", "1",
        "--repeat", "weekly on sat at 20:00", "--from", "2027-03-01", "--until", "2027-11-30",
    )  # fmt: skip
    ws.ok("event", "cancel", "Weekly", "--on", "2027-04-03")
    ws.ok("mentee", "add", "Bob")
    ws.ok("mentee", "log", "Bob", "--date", "2027-03-27 19:30", "--planned", "--over-budget")
    return ws


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    from typer.testing import CliRunner

    from ccos.cli import app

    base = tmp_path_factory.mktemp("clients")
    datas = []
    for name in ("ada", "bea"):
        root = base / name
        result = CliRunner().invoke(app, ["init", str(root), "--lang", "en", "--name", name, "--no-git"])
        assert result.exit_code == 0, result.stderr
        ws = _workspace(Ccos(root))
        data = ws.ok("export", "ics").stdout
        assert ws.ok("export", "ics").stdout == data  # several zones, same bytes
        datas.append(data.encode("utf-8"))
    return base, datas[0], datas[1]


def _uid(data: bytes, prefix: str) -> str:
    from icalendar import Calendar

    return next(str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT") if str(e["uid"]).startswith(prefix))


def _ccos_occurrences(root: Path, event: str) -> list[datetime]:
    from ccos.capabilities.events.store import load_events
    from ccos.storage.workspace import Workspace

    loaded = next(e for e in load_events(Workspace(root)) if e.id == event)
    found = loaded.schedule.between(date(2027, 1, 1), date(2027, 12, 31))
    return sorted(o.instant.astimezone(UTC) for o in found if o.instant is not None)


def test_the_file_itself(exported: tuple[Path, bytes, bytes]) -> None:
    _, ada, bea = exported
    text = ada.decode("utf-8")
    assert "X-WR-TIMEZONE" not in text and "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text and "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text
    zones = [line for line in text.splitlines() if line.startswith("TZID:")]
    assert zones == sorted(zones) == ["TZID:America/New_York", "TZID:Asia/Shanghai", "TZID:Europe/Berlin"]
    assert "DTSTART:20271031T013000Z" in text  # the fold in UTC, as it was written
    assert _uid(ada, "event-fold@") != _uid(bea, "event-fold@")  # two people, two UIDs


def test_vobject_and_recurring_ical_events_agree_with_ccos(exported: tuple[Path, bytes, bytes]) -> None:
    import recurring_ical_events
    import vobject
    from icalendar import Calendar

    base, ada, _ = exported
    expected = _ccos_occurrences(base / "ada", "weekly")
    assert len(expected) > 30 and datetime(2027, 4, 3, 18, 0, tzinfo=UTC) not in expected
    assert datetime(2027, 3, 27, 19, 0, tzinfo=UTC) in expected and datetime(2027, 4, 10, 18, 0, tzinfo=UTC) in expected
    start, end = datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)

    parsed = vobject.readOne(ada.decode("utf-8"))
    by_uid = {v.uid.value: v for v in parsed.vevent_list}
    weekly = by_uid[_uid(ada, "event-weekly@")]
    seen = sorted(d.astimezone(UTC) for d in weekly.getrruleset().between(start, end, inc=True))
    assert seen == expected
    singles = {
        "event-fold@": FOLD_UTC, "event-summer@": SUMMER_UTC, "event-new-york@": NEW_YORK_UTC,
        "event-shanghai@": SHANGHAI_UTC,
    }  # fmt: skip
    for prefix, instant in singles.items():
        assert by_uid[_uid(ada, prefix)].dtstart.value.astimezone(UTC) == instant, prefix

    calendar = Calendar.from_ical(ada)
    found = recurring_ical_events.of(calendar).between(start, end)
    weekly_seen = sorted(
        e.decoded("dtstart").astimezone(UTC) for e in found if str(e["uid"]).startswith("event-weekly@")
    )
    assert weekly_seen == expected
    for prefix, instant in singles.items():
        got = [e.decoded("dtstart").astimezone(UTC) for e in found if str(e["uid"]).startswith(prefix)]
        assert got == [instant], prefix
        direct = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(prefix))
        assert direct.decoded("dtstart").astimezone(UTC) == instant  # icalendar itself


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_radicale_finds_each_event_at_its_instant(exported: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    import caldav
    from icalendar import Calendar

    _, ada, bea = exported
    port = _free_port()
    config = tmp_path / "radicale.conf"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\n[rights]\ntype = owner_only\n"
        f"[storage]\nfilesystem_folder = {tmp_path / 'collections'}\n[logging]\nlevel = warning\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "radicale did not start"
                time.sleep(0.05)
        client = caldav.DAVClient(url=f"http://127.0.0.1:{port}/", username="ada", password="x")
        calendar = client.principal().make_calendar(name="ccos", cal_id="ccos")
        for data in (ada, bea):
            whole = Calendar.from_ical(data)
            zones = whole.walk("VTIMEZONE")
            for event in whole.walk("VEVENT"):
                one = Calendar()
                one.add("prodid", "-//test//EN")
                one.add("version", "2.0")
                for tz in zones:
                    one.add_component(tz)
                one.add_component(event)
                calendar.save_event(one.to_ical().decode("utf-8"))
        assert len(calendar.events()) == 2 * len(Calendar.from_ical(ada).walk("VEVENT"))  # no UID collides

        def uids(start: datetime, minutes: int) -> set[str]:
            hits = calendar.search(start=start, end=start + timedelta(minutes=minutes), event=True)
            return {str(hit.icalendar_component["uid"]) for hit in hits}

        for prefix, instant in (
            ("event-fold@", FOLD_UTC), ("event-summer@", SUMMER_UTC), ("event-new-york@", NEW_YORK_UTC),
            ("event-shanghai@", SHANGHAI_UTC),
        ):  # fmt: skip
            uid = _uid(ada, prefix)
            assert uid in uids(instant + timedelta(minutes=10), 20), prefix
            assert uid not in uids(instant - timedelta(minutes=50), 40), prefix  # not an hour early
            assert uid not in uids(instant + timedelta(minutes=70), 40), prefix  # nor an hour late
        weekly = _uid(ada, "event-weekly@")
        for instant in (datetime(2027, 3, 27, 19, 0, tzinfo=UTC), datetime(2027, 7, 17, 18, 0, tzinfo=UTC)):
            assert weekly in uids(instant + timedelta(minutes=10), 20), instant  # winter and summer
            assert weekly not in uids(instant + timedelta(minutes=70), 40), instant
        assert weekly not in uids(datetime(2027, 4, 3, 18, 10, tzinfo=UTC), 20)  # the cancelled one
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(shutil.which("khal", path=str(Path(sys.executable).parent)) is None, reason="khal not installed")
def test_khal_imports_both_people_and_lists_utc_times(exported: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    _, ada, bea = exported
    khal = str(Path(sys.executable).parent / "khal")
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    fmt = "\n".join(
        f"{key} = {value}"
        for key, value in (
            ("timeformat", "%H:%M"), ("dateformat", "%Y-%m-%d"), ("longdateformat", "%Y-%m-%d"),
            ("datetimeformat", "%Y-%m-%d %H:%M"), ("longdatetimeformat", "%Y-%m-%d %H:%M"),
            ("default_timezone", "UTC"), ("local_timezone", "UTC"),
        )
    )  # fmt: skip
    config.write_text(
        f"[calendars]\n[[ccos]]\npath = {tmp_path / 'cal'}\ntype = calendar\n"
        f"[locale]\n{fmt}\n[sqlite]\npath = {tmp_path / 'khal.db'}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TZ": "UTC"}  # fmt: skip
    for name, data in (("ada", ada), ("bea", bea)):
        path = tmp_path / f"{name}.ics"
        path.write_bytes(data)
        run = subprocess.run(
            [khal, "-c", str(config), "import", "--batch", "-a", "ccos", str(path)],
            check=False, env=env, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
    listed = subprocess.run(
        [khal, "-c", str(config), "list", "--format", "{start} {title}", "2027-10-31", "1d"],
        check=False, env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    folds = [line for line in listed.stdout.splitlines() if line.endswith(" Fold")]
    assert folds == ["2027-10-31 01:30 Fold"] * 2, listed.stdout  # both people's, at the second 02:30
    summer = subprocess.run(
        [khal, "-c", str(config), "list", "--format", "{start} {title}", "2027-07-10", "1d"],
        check=False, env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert [line for line in summer.stdout.splitlines() if line.endswith(" Summer")] == ["2027-07-10 12:00 Summer"] * 2
