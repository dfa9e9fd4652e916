"""Day one fits (issue 14): a new workspace's first plans are within the stated budget.

For every language, weekly hours from 2 to 40, several start dates (a year's first day, a
quarter's last day, mid-month, the year's last day: weeks that straddle two months and two
quarters carry two months' and two quarters' lists) and the roles chosen, `plan week`,
`plan month` and `plan quarter` are not over; the lists follow the roles; the kick-off list
is done once.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccos.cli import app
from tests.conftest import Ccos, snapshot

runner = CliRunner()
START = "2026-01-01"  # init's day; a later CCOS_TODAY plans as a workspace made that day would
DAYS = ("2026-01-01", "2026-03-31", "2026-06-15", "2026-12-31")
KINDS = ("week", "month", "quarter")
# What each role's lists may plan (the templates' streams): another role's work never shows.
STREAMS = {
    "contributor": {"sharing"},
    "mentor": {"sharing", "mentoring"},
    "organizer": {"events"},
    "standard-setter": {"other", "sharing"},
}


def _init(root: Path, lang: str, hours: int, roles: str | None = None) -> None:
    args = ["init", str(root), "--no-git", "--lang", lang, "--weekly-hours", str(hours)]
    if roles is not None:
        args += ["--roles", roles]
    result = runner.invoke(app, args, env={"CCOS_TODAY": START})
    assert result.exit_code == 0, result.stderr


def _plan(root: Path, kind: str, day: str) -> dict[str, object]:
    result = runner.invoke(app, ["-w", str(root), "plan", kind, "--json"], env={"CCOS_TODAY": day})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _assert_fits(root: Path, days: tuple[str, ...], allowed: set[str] | None = None) -> None:
    for day in days:
        for kind in KINDS:
            plan = _plan(root, kind, day)
            budget = plan["budget"]
            assert isinstance(budget, dict)
            assert budget["state"] != "over", f"{kind} of {day}: {budget['planned_hours']} h of {budget['hours']} h"
            assert plan["deferred"] == []
            if allowed is not None:
                items = plan["items"]
                assert isinstance(items, list)
                assert {item["stream"] for item in items} <= allowed, (kind, day, items)


@pytest.mark.parametrize(
    ("lang", "hours"),
    [("en", h) for h in (2, 3, 4, 6, 10, 20, 40)] + [(lang, h) for lang in ("zh", "ru") for h in (2, 4, 10, 40)],
)
def test_first_plans_fit_the_budget(tmp_path: Path, lang: str, hours: int) -> None:
    root = tmp_path / "ws"
    _init(root, lang, hours)
    _assert_fits(root, DAYS)


@pytest.mark.parametrize("roles", ["contributor", "mentor", "organizer", "standard-setter", ",".join(STREAMS)])
@pytest.mark.parametrize("hours", [2, 40])
def test_first_plans_fit_and_follow_the_roles(tmp_path: Path, roles: str, hours: int) -> None:
    root = tmp_path / "ws"
    _init(root, "en", hours, roles)
    allowed = set().union(*(STREAMS[role] for role in roles.split(",")))
    _assert_fits(root, ("2026-03-31", "2026-12-31"), allowed)


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_a_contributor_is_not_asked_to_organise_or_mentor(tmp_path: Path, lang: str) -> None:
    root = tmp_path / "ws"
    _init(root, lang, 40, "contributor")
    seen = set()
    for kind in KINDS:
        seen |= {(item["type"], item["stream"]) for item in _plan(root, kind, "2026-12-31")["items"]}  # type: ignore[attr-defined]
    assert seen and all(stream == "sharing" for _type, stream in seen)
    kickoff = tomllib.loads((root / "checklists" / "kickoff.toml").read_text(encoding="utf-8"))
    assert {item["stream"] for item in kickoff["items"]} == {"sharing"}


def test_lists_are_sized_to_the_budget(tmp_path: Path) -> None:
    """More hours, more of the guide's ongoing actions: 2 h a week keeps one short item a week."""
    small, large = tmp_path / "small", tmp_path / "large"
    _init(small, "en", 2)
    _init(large, "en", 40)

    def week(root: Path) -> list[dict[str, object]]:
        result = runner.invoke(app, ["-w", str(root), "checklist", "show", "--json"], env={"CCOS_TODAY": START})
        return json.loads(result.stdout)["checklists"][0]["items"]  # type: ignore[no-any-return]

    assert [(i["text"], i["minutes"]) for i in week(small)] == [("Take part in community discussion", 15)]
    assert [i["text"] for i in week(large)] == [
        "Take part in community discussion",
        "Keep in touch with your mentees",
        "Answer questions in the community",
        "Move your next event one step forward",
    ]


def test_the_kickoff_list_is_done_once(make_workspace: object) -> None:
    ccos: Ccos = make_workspace()  # type: ignore[operator]
    shown = ccos.json("checklist", "show", "kickoff")["kickoff"]  # type: ignore[index]
    assert shown["total"] == 9 and shown["weeks"][0] == "2026-W47"
    ccos.ok("checklist", "check", "Start mentoring", "--scope", "kickoff")
    ccos.ok("checklist", "check", "1", "--scope", "kickoff")

    def items(kind: str, **options: str) -> list[dict[str, str]]:
        return ccos.json("plan", kind, **options)["items"]  # type: ignore[index,no-any-return]

    # the ticked items count on the day they were ticked, once, then never come back
    ticked = [i for i in items("week") if i["title"] == "Start mentoring 1-2 people"]
    assert [(i["status"], i["date"]) for i in ticked] == [("done", "2026-11-18")]
    for later in ("2026-11-25", "2027-01-20", "2027-06-01"):
        for kind in KINDS:
            plan = ccos.json("plan", kind, today=later)
            again = [i for i in plan["items"] if i["title"] == "Start mentoring 1-2 people"]  # type: ignore[index]
            start, end = plan["period"]["start"], plan["period"]["end"]  # type: ignore[index]
            if start <= "2026-11-18" <= end:  # the period it was done in keeps it, as done
                assert [(i["status"], i["date"]) for i in again] == [("done", "2026-11-18")]
            else:
                assert again == [], (kind, later)
        lists = ccos.json("checklist", today=later)
        texts = [i["text"] for c in lists["checklists"] for i in c["items"]]  # type: ignore[index]
        assert "Start mentoring 1-2 people" not in texts  # never in a recurring list
        kickoff = lists["kickoff"]  # type: ignore[index]
        assert kickoff["items"][7]["done"] is True and kickoff["items"][7]["done_on"] == "2026-11-18"
        assert kickoff["weeks"][7] is None and kickoff["weeks"][1] is not None
    # the open items start from the current week, whenever that is
    assert ccos.json("checklist", "show", "kickoff", today="2027-01-20")["kickoff"]["weeks"][1] == "2027-W03"  # type: ignore[index]
    out = ccos.ok("checklist", "show", "kickoff").stdout
    assert "[x]" in out and "Kick-off" in out and "2/9" in out


def test_kickoff_bad_input_and_hand_edits(make_workspace: object) -> None:
    ccos: Ccos = make_workspace()  # type: ignore[operator]
    path = ccos.root / "checklists" / "kickoff.toml"
    before = snapshot(ccos.root)
    for args, message in (
        (("check", "42", "--scope", "kickoff"), "no item 42 in the checklist of the kick-off list"),
        (("check", "1", "--scope", "kickoff", "--week", "next"), "kickoff takes no --week"),
        (("carry", "--scope", "kickoff"), "--scope"),
        (("show", "kickoff", "--month", "next"), "kickoff takes no --month"),
    ):
        result = ccos("checklist", *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert snapshot(ccos.root) == before

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('about = "sharing:"', 'about = "blog"', 1), encoding="utf-8")
    for args in (("checklist",), ("plan", "week"), ("checklist", "check", "2", "--scope", "kickoff")):
        result = ccos(*args)
        assert result.exit_code == 2, args
        assert re.search(r"checklists/kickoff\.toml:\d+: items\.0\.about", result.stderr), result.stderr
    path.write_text(text.replace("share = 0.3", "share = 3"), encoding="utf-8")
    result = ccos("plan", "week")
    assert result.exit_code == 2 and "share" in result.stderr

    # a hand-written list with a comment and a key of its own survives a tick
    path.write_text(
        '# mine\nstarted = 2026-11-01\nmood = "keen"\n\n[[items]]\ntext = "Say hello in the forum"\nminutes = 10\n',
        encoding="utf-8",
    )
    ccos.ok("checklist", "check", "say", "--scope", "kickoff")
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# mine\n") and 'mood = "keen"' in after and "done = true" in after


def test_a_workspace_without_a_kickoff_list_still_works(make_workspace: object) -> None:
    ccos: Ccos = make_workspace()  # type: ignore[operator]
    (ccos.root / "checklists" / "kickoff.toml").unlink()
    data = ccos.json("checklist")
    assert data["kickoff"] is None  # type: ignore[index]
    assert "no kick-off list" in ccos.ok("checklist", "show", "kickoff").stdout
    result = ccos("checklist", "check", "1", "--scope", "kickoff")
    assert result.exit_code == 2 and "kickoff.toml" in result.stderr
