"""Advice a person can follow (issue 14): what `ccos plan` says to defer, and what a past
period reports, through the real CLI. The planner's rules on plain values are in
tests/unit/test_planner.py; the rules themselves in docs/planning.md."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from tests.conftest import Ccos

MEETUP = (
    "event",
    "add",
    "--over-budget",
    "Meetup",
    "--kind",
    "meetup",
    "--format",
    "offline",
    "--date",
    "2026-11-21 14:00",
)


@pytest.fixture
def full(make_workspace) -> Ccos:  # type: ignore[no-untyped-def]
    """An over-full W47: a meetup on Saturday, a session at a set time, a deep piece, a long list item."""
    ccos = make_workspace("--weekly-hours", "8")
    ccos.ok("checklist", "add", "--over-budget", "Prepare the year-end talk", "--minutes", "150")
    ccos.ok(*MEETUP, "--hours", "3")
    ccos.ok("mentee", "add", "Grace", "--cadence", "2/month")
    ccos.ok("mentee", "log", "Grace", "--planned", "--over-budget", "--date", "2026-11-20 15:00")
    ccos.ok("share", "add", "--over-budget", "Deep dive", "--deep", "--due", "2026-11-27", "--stage", "drafting")
    return ccos


def test_nothing_fixed_in_time_is_deferred(full: Ccos) -> None:
    plan: Any = full.json("plan", "week")
    assert plan["budget"]["state"] == "over" and plan["deferred"]
    items = {i["id"]: i for i in plan["items"]}
    event = next(i for i in plan["items"] if i["type"] == "event")
    session = next(i for i in plan["items"] if i["type"] == "session")
    assert event["fixed"] and event["fits"] and session["fixed"] and session["fits"]  # 15:00 on Friday
    for item in plan["deferred"]:
        assert not item["fixed"] and item["status"] != "done"
        assert items[item["id"]]["fits"] is False and items[item["id"]]["defer_to"] == item["defer_to"]
    hours = [i["hours"] for i in plan["deferred"]]
    assert hours == sorted(hours, reverse=True)  # biggest first


def test_what_keeps_a_target_met_is_kept_and_says_why(full: Ccos) -> None:
    plan: Any = full.json("plan", "week")
    deep = next(i for i in plan["items"] if i["type"] == "sharing")
    assert deep["keeps"] == "the only deep piece of 2026-11 and the only update of 2026-W48"
    assert deep["fits"] and deep["id"] not in {i["id"] for i in plan["deferred"]}  # other items can go


def test_only_the_items_that_bring_the_plan_within_budget(full: Ccos) -> None:
    plan: Any = full.json("plan", "week")
    budget = plan["budget"]
    moved = sum(i["hours"] for i in plan["deferred"])
    assert budget["planned_hours"] - moved <= budget["hours"] + 1e-6
    smallest = min(i["hours"] for i in plan["deferred"])
    assert budget["planned_hours"] - (moved - smallest) > budget["hours"]  # none of them is one too many
    out = full.ok("plan", "week", env={"COLUMNS": "80"}).stdout
    assert f"defer {len(plan['deferred'])} items to fit 8 h" in out and "defer these" not in out
    shown = min(len(plan["deferred"]), 5)  # a short list; --json carries them all
    assert out.count("  • ") == shown and ("more item" in out) == (len(plan["deferred"]) > 5)


def test_the_suggested_week_has_room(full: Ccos) -> None:
    plan: Any = full.json("plan", "week")
    sent: dict[str, float] = defaultdict(float)
    for item in plan["deferred"]:
        if item["defer_to"] is not None:
            sent[item["defer_to"]] += item["hours"]
    assert sent, "some deferred item has a week with room"
    for week, hours in sent.items():
        later: Any = full.json("plan", "week", "--week", week)
        assert later["budget"]["planned_hours"] + hours <= later["budget"]["hours"] + 1e-6
        assert week > plan["period"]["id"]


def test_when_fixed_work_alone_is_over_the_plan_says_so(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--weekly-hours", "4")
    ccos.ok(*MEETUP, "--hours", "6")
    plan: Any = ccos.json("plan", "week")
    assert plan["fixed_over"] and plan["fixed_hours"] >= 6
    assert all(not i["fixed"] for i in plan["deferred"])
    warning = next(w for w in plan["warnings"] if w["code"] == "over_budget")
    assert "deferring cannot make it fit; say no to anything new" in warning["message"]
    out = ccos.ok("plan", "week").stdout
    assert "Fixed alone:" in " ".join(out.split()) and "Take on nothing new this week" in " ".join(out.split())


def test_a_stream_over_its_own_budget_is_warned(ccos: Ccos) -> None:
    ccos.ok("config", "set", "budget.streams.sharing", "1")
    plan: Any = ccos.json("plan", "week")
    sharing = next(s for s in plan["budget"]["streams"] if s["stream"] == "sharing")
    warning = next(w for w in plan["warnings"] if w["code"] == "stream_over_budget")
    assert warning["subject"] == "sharing"
    assert f"sharing has {sharing['planned_hours']:g} h of 1 h in 2026-W47" in warning["message"]


# --- a past week reports what happened ------------------------------------------------


@pytest.fixture
def lived(ccos: Ccos) -> Ccos:
    """W47 as it was lived: two ticks on their days, a publication, a session held."""
    ccos.ok("checklist", "check", "1", today="2026-11-16")
    ccos.ok("checklist", "check", "2", "--scope", "month", today="2026-11-19")
    ccos.ok("share", "add", "--over-budget", "Operator notes", "--stage", "drafting")
    ccos.ok("share", "publish", "operator", "--hours", "3", today="2026-11-20")
    ccos.ok("mentee", "add", "Grace", "--cadence", "2/month")
    ccos.ok("mentee", "log", "Grace", "--date", "2026-11-17", "--minutes", "45")
    return ccos


def lived_hours(ccos: Ccos) -> float:
    """What W47 held: the two ticked items (as the templates size them), the piece, the session."""
    week: Any = ccos.json("checklist", "show", "week", today="2026-11-16")
    month: Any = ccos.json("checklist", "show", "month", today="2026-11-19")
    ticked = week["checklists"][0]["items"][0]["minutes"] + month["checklists"][0]["items"][1]["minutes"]
    return ticked / 60 + 3 + 0.75


def test_a_past_week_is_what_was_done_and_stays_so(lived: Ccos) -> None:
    figures = []
    for today in ("2026-11-25", "2026-12-20", "2027-04-02"):
        plan: Any = lived.json("plan", "week", "--week", "2026-W47", today=today)
        assert plan["past"] and plan["deferred"] == []
        assert {i["status"] for i in plan["items"]} == {"done"}
        assert plan["budget"]["planned_hours"] == pytest.approx(sum(i["hours"] for i in plan["items"]), abs=1e-9)
        assert {i["date"] for i in plan["items"]} == {"2026-11-16", "2026-11-17", "2026-11-19", "2026-11-20"}
        assert plan["left_open"], "what was not done is listed, not counted"
        assert not [w for w in plan["warnings"] if "defer" in w["message"]]
        figures.append(plan["budget"]["planned_hours"])
    assert figures[0] == figures[1] == figures[2] == pytest.approx(lived_hours(lived))
    out = lived.ok("plan", "week", "--week", "2026-W47", today="2026-12-20").stdout
    assert "What was done in week 2026-W47" in out and "Left open (not counted)" in out and "defer" not in out


def test_a_review_adds_up_to_its_figure(lived: Ccos) -> None:
    sums = []
    for today in ("2026-11-25", "2026-12-20"):
        lived.ok("review", "week", "--week", "2026-W47", today=today)
        text = (lived.root / "reviews" / "2026-W47.md").read_text(encoding="utf-8")
        figure = float(re.search(r"\*\*Time against budget:\*\* ([\d.]+) h / 6 h", text).group(1))  # type: ignore[union-attr]
        done = text.split("### Done\n\n")[1].split("\n\n")[0].splitlines()
        listed = sum(float(m.group(1)) for line in done if (m := re.search(r"\(([\d.]+) h", line)))
        assert listed == pytest.approx(figure, abs=1e-9) and figure == pytest.approx(lived_hours(lived), abs=0.01)
        assert "### Still open" in text
        sums.append(figure)
    assert sums[0] == sums[1]
