"""`ccos checkin` and the `burnout_risk` warning from each trigger."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import Ccos, snapshot

CALM = ("--energy", "4", "--duty", "2", "--main-job", "1", "--avoid", "1")
TIRED = ("--energy", "1", "--duty", "4", "--main-job", "3", "--avoid", "4")


def codes(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [w["code"] for w in data["warnings"]]


def test_checkin_writes_one_file_per_week(ccos: Ccos) -> None:
    result = ccos.ok("checkin", *CALM, "--note", "年底项目忙")
    assert "risk 1.5/5" in result.stdout
    data = tomllib.loads((ccos.root / "checkins" / "2026-W47.toml").read_text(encoding="utf-8"))
    assert data == {
        "week": "2026-W47",
        "date": data["date"],
        "energy": 4,
        "duty": 2,
        "main_job": 1,
        "avoid": 1,
        "note": "年底项目忙",
    }
    assert str(data["date"]) == "2026-11-18"


def test_second_checkin_in_a_week_updates_with_a_notice(ccos: Ccos) -> None:
    ccos.ok("checkin", *CALM)
    path = ccos.root / "checkins" / "2026-W47.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# my own line\n", encoding="utf-8")
    result = ccos.ok("checkin", *TIRED, today="2026-11-20")
    assert "updated the check-in of 2026-W47" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "# my own line" in text and "energy = 1" in text
    assert len(list((ccos.root / "checkins").glob("*.toml"))) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--energy", "6", "--duty", "1", "--main-job", "1", "--avoid", "1"), "--energy"),
        (("--energy", "3", "--duty", "0", "--main-job", "1", "--avoid", "1"), "--duty"),
        (("--energy", "3", "--duty", "1", "--main-job", "1"), "missing answers: --avoid"),
        ((*CALM, "--week", "next"), "future"),
        ((*CALM, "--week", "2026-W99"), "--week"),
    ],
)
def test_bad_checkins(ccos: Ccos, args: tuple[str, ...], message: str) -> None:
    before = snapshot(ccos.root)
    result = ccos("checkin", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(ccos.root) == before


def test_burnout_risk_from_checkin_signals(ccos: Ccos) -> None:
    ccos.ok("checkin", *CALM)
    assert "burnout_risk" not in codes(ccos.json("status"))
    result = ccos.ok("checkin", *TIRED)
    assert "burnout risk" in result.stdout
    warning = next(w for w in ccos.json("status")["warnings"] if w["code"] == "burnout_risk")
    assert "3.5" in warning["message"] and "rest and recover" in warning["message"]  # energy is the worst signal
    # a check-in from last week still counts; one from three weeks ago does not
    assert "burnout_risk" in codes(ccos.json("plan", "week", today="2026-11-25"))
    assert "burnout_risk" not in codes(ccos.json("plan", "week", today="2026-12-09"))


def test_burnout_risk_from_a_run_of_over_budget_weeks(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--weekly-hours", "3")
    # A new workspace's weeks fit (tests/test_day_one.py): 200 minutes more make each one over 3 h.
    for day in ("2026-10-28", "2026-11-04", "2026-11-11"):
        ccos.ok("checklist", "add", "--over-budget", "extra", "--minutes", "200", "--over-budget", today=day)
    status = ccos.json("status")
    warning = next(w for w in status["warnings"] if w["code"] == "burnout_risk")
    assert "of the last 4 weeks" in warning["message"] and "defer" in warning["message"]


def test_one_strong_signal_raises_burnout_risk_with_a_step(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--weekly-hours", "20")
    ccos.ok(
        "share",
        "add",
        "--over-budget",
        "Operator 开发踩坑记录",
        "--stage",
        "drafting",
        "--due",
        "2026-11-20",
        "--hours",
        "9",
    )
    # A second update due the same week: the big piece is then not the week's only update
    # (which the advice would protect), so it is the one to say no to.
    ccos.ok("share", "add", "--over-budget", "Short note", "--stage", "drafting", "--due", "2026-11-20", "--hours", "1")
    # The check-in: a mean of 3.25, under the 3.5 threshold, but the main job at 5.
    result = ccos.ok("checkin", "--energy", "4", "--duty", "2", "--main-job", "5", "--avoid", "4")
    assert "burnout risk" in result.stdout
    warning = next(w for w in ccos.json("status")["warnings"] if w["code"] == "burnout_risk")
    message = warning["message"]
    assert "main job 5/5" in message and "put your main job first" in message  # main job before avoiding (4)
    assert message.endswith("say no to 'Operator 开发踩坑记录' this week")  # the week's biggest deferrable item
    # Avoiding community work alone: a co-organiser for the next event, by title.
    ccos.ok(
        "event",
        "add",
        "--over-budget",
        "Rust Meetup",
        "--kind",
        "meetup",
        "--date",
        "2026-11-28 14:00",
        "--over-budget",
    )
    ccos.ok("checkin", "--energy", "4", "--duty", "1", "--main-job", "1", "--avoid", "4")
    warning = next(w for w in ccos.json("plan", "week")["warnings"] if w["code"] == "burnout_risk")
    assert "has 1 strong signal (avoiding 4/5; risk 2/5)" in warning["message"]
    assert "find a co-organiser for 'Rust Meetup' (Sat 11-28)" in warning["message"]


def test_no_burnout_risk_when_weeks_fit(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--weekly-hours", "20")
    ccos.ok("checkin", *CALM)
    assert "burnout_risk" not in codes(ccos.json("status"))


def test_damaged_checkin_file_is_named(ccos: Ccos) -> None:
    ccos.ok("checkin", *CALM)
    path = ccos.root / "checkins" / "2026-W47.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("energy = 4", "energy = 9"), encoding="utf-8")
    result = ccos("status")
    assert result.exit_code == 2 and "2026-W47.toml" in result.stderr and "energy" in result.stderr
