"""`ccos plan`: hours against the budget, spreading, deferral, warnings."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ccos.dates import Period
from ccos.models.plan import Commitment, Plan
from ccos.planning import planner
from ccos.planning.budget import budget_state, period_budget
from ccos.planning.planner import hours_in_period
from ccos.planning.seam import SourceContext
from tests.conftest import Ccos

# The shipped lists at 6 h a week and the default roles, each within its share (docs/checklists.md).
WEEK_TEMPLATE_HOURS = (30 + 15) / 60
MONTH_TEMPLATE_HOURS = (180 + 45) / 60
QUARTER_TEMPLATE_HOURS = (240 + 60 + 45) / 60


def test_plan_week_json_has_the_contract_keys(ccos: Ccos) -> None:
    plan = ccos.json("plan", "week")
    assert plan["period"] == {"kind": "week", "id": "2026-W47", "start": "2026-11-16", "end": "2026-11-22"}
    assert set(plan["budget"]) >= {"hours", "planned_hours", "state"}
    assert set(plan) >= {"period", "budget", "items", "deferred", "warnings"}
    for item in plan["items"]:
        assert set(item) >= {"type", "id", "title", "date", "hours", "status"}
    week_items = [i for i in plan["items"] if i["id"].startswith("checklist:2026-W47:")]
    assert sum(i["hours"] for i in week_items) == pytest.approx(WEEK_TEMPLATE_HOURS, abs=0.02)


def test_month_and_quarter_items_spread_over_their_weeks(ccos: Ccos) -> None:
    plan = ccos.json("plan", "week")
    month_share = sum(i["hours"] for i in plan["items"] if i["id"].startswith("checklist:2026-11:"))
    # November 2026 touches 6 ISO weeks (W44..W49); W47 lies wholly inside it.
    assert month_share == pytest.approx(MONTH_TEMPLATE_HOURS / 6, abs=0.03)
    month = ccos.json("plan", "month")
    assert sum(i["hours"] for i in month["items"] if i["id"].startswith("checklist:2026-11:")) == pytest.approx(
        MONTH_TEMPLATE_HOURS, abs=0.03
    )
    assert month["budget"]["hours"] == pytest.approx(6 * 30 / 7, abs=0.01)
    quarter = ccos.json("plan", "quarter")
    assert quarter["budget"]["hours"] == pytest.approx(6 * 92 / 7, abs=0.01)


def test_budget_states_and_warnings(ccos: Ccos) -> None:
    plan = ccos.json("plan", "week")
    assert plan["budget"]["state"] == "ok"  # a new workspace's first week fits (tests/test_day_one.py)
    planned = plan["budget"]["planned_hours"]
    ccos.ok("checklist", "add", "--over-budget", "Fill the week", "--minutes", str(int((5.6 - planned) * 60)))
    plan = ccos.json("plan", "week")
    assert plan["budget"]["state"] == "near"
    assert [w["code"] for w in plan["warnings"] if w["code"].endswith("_budget")] == ["near_budget"]
    ccos.ok("checklist", "add", "--over-budget", "Prepare the year-end talk", "--minutes", "240")
    plan = ccos.json("plan", "week")
    assert plan["budget"]["state"] == "over"
    assert "over_budget" in [w["code"] for w in plan["warnings"]]
    assert plan["deferred"], "an over-budget plan says what to defer"
    kept = sum(i["hours"] for i in plan["items"] if i["fits"])
    assert kept <= plan["budget"]["hours"] + 1e-6
    out = ccos.ok("plan", "week").stdout
    assert "OVER" in out and "defer" in out and "over_budget" in out


def test_done_items_are_kept_and_counted(ccos: Ccos) -> None:
    ccos.ok("checklist", "add", "--over-budget", "Big item", "--minutes", "600")
    ccos.ok("checklist", "check", "Big item")
    plan = ccos.json("plan", "week")
    big = next(i for i in plan["items"] if i["title"] == "Big item")
    assert big["status"] == "done" and big["fits"] is True
    assert all(i["title"] != "Big item" for i in plan["deferred"])


def test_generous_budget_is_ok(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--weekly-hours", "12")
    plan = ccos.json("plan", "week")
    codes = [w["code"] for w in plan["warnings"]]
    assert plan["budget"]["state"] == "ok" and plan["deferred"] == []
    assert "over_budget" not in codes and "near_budget" not in codes


def test_next_week_and_named_weeks(ccos: Ccos) -> None:
    assert ccos.json("plan", "week", "--week", "next")["period"]["id"] == "2026-W48"
    assert ccos.json("plan", "week", "--week", "2026-12-31")["period"]["id"] == "2026-W53"
    assert ccos.json("plan", "month", "--month", "+2")["period"]["id"] == "2027-01"
    assert ccos.json("plan", "quarter", "--quarter", "last")["period"]["id"] == "2026-Q3"


def test_stream_budgets(ccos: Ccos) -> None:
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\n[budget.streams]\nsharing = 2\nmentoring = 1\n", encoding="utf-8")
    plan = ccos.json("plan", "week")
    streams = {s["stream"]: s for s in plan["budget"]["streams"]}
    assert streams["sharing"]["hours"] == 2 and streams["sharing"]["state"] == "over"
    assert streams["mentoring"]["state"] in ("ok", "near")


def test_plan_output_reads_in_80_columns(ccos: Ccos) -> None:
    out = ccos.ok("plan", "week", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "Plan for week 2026-W47" in out and "Budget" in out


# --- the planner's arithmetic, on plain values ----------------------------------------

W47 = Period.containing("week", date(2026, 11, 18))


def test_dated_commitment_counts_on_its_day_only() -> None:
    item = Commitment(type="session", id="s", title="s", hours=1, date=date(2026, 11, 20))
    assert hours_in_period(item, W47) == 1
    assert hours_in_period(item, W47.shift(1)) == 0


def test_window_spreads_evenly_over_weeks_and_sums_back() -> None:
    item = Commitment(type="sharing", id="p", title="p", hours=6, start=date(2026, 11, 18), end=date(2026, 12, 4))
    weeks = [W47, W47.shift(1), W47.shift(2)]
    shares = [hours_in_period(item, w) for w in weeks]
    assert shares == pytest.approx([2, 2, 2])
    assert hours_in_period(item, W47.shift(3)) == 0
    assert hours_in_period(item, Period.containing("month", date(2026, 11, 1))) + hours_in_period(
        item, Period.containing("month", date(2026, 12, 1))
    ) == pytest.approx(6)


def test_budget_arithmetic() -> None:
    assert period_budget(6, W47) == 6
    assert period_budget(7, Period.containing("month", date(2026, 2, 1))) == 28
    assert budget_state(5.5, 6, 0.9) == "near"
    assert budget_state(5.0, 6, 0.9) == "ok"
    assert budget_state(6.01, 6, 0.9) == "over"
    assert budget_state(0, 0, 0.9) == "ok"
    assert budget_state(1, 0, 0.9) == "over"


# --- one plan per period per command ---------------------------------------------------
# `plan week` and `status` build each period's plan once, however many parts of ccos
# (check-ins, capacity notes, reviews, the dashboard) ask for it.


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()
    build = planner.build_plan

    def counting(ctx: SourceContext, period: Period) -> Plan:
        counted[period.id] += 1
        return build(ctx, period)

    monkeypatch.setattr(planner, "build_plan", counting)
    return counted


@pytest.fixture
def busy(make_workspace) -> Ccos:  # type: ignore[no-untyped-def]
    """Over budget for weeks on end, and a tired check-in: both burnout triggers ask for plans."""
    ccos = make_workspace("--weekly-hours", "3")
    for day in ("2026-10-28", "2026-11-04", "2026-11-11", "2026-11-18"):
        ccos.ok("checklist", "add", "--over-budget", "extra", "--minutes", "200", today=day)
    ccos.ok("checkin", "--energy", "1", "--duty", "4", "--main-job", "3", "--avoid", "4")
    ccos.ok("mentee", "add", "Ada Lovelace", "--cadence", "2/month")
    return ccos


def test_plan_week_builds_its_plan_once(busy: Ccos, builds: Counter[str]) -> None:
    data = busy.json("plan", "week")
    assert [w for w in data["warnings"] if w["code"] == "burnout_risk"], "both triggers ran"
    assert builds == {"2026-W47": 1}
    builds.clear()
    busy.ok("plan", "week")
    assert builds == {"2026-W47": 1}


def test_status_builds_each_period_once(busy: Ccos, builds: Counter[str]) -> None:
    data = busy.json("status")
    assert {w["subject"] for w in data["warnings"] if w["code"] == "burnout_risk"} == {"2026-W47", "over_budget_run"}
    assert builds == {"2026-W47": 1, "2026-11": 1, "2026-Q4": 1}
    builds.clear()
    busy.ok("status")
    assert builds == {"2026-W47": 1, "2026-11": 1, "2026-Q4": 1}


def test_a_review_and_a_capacity_note_build_once(busy: Ccos, builds: Counter[str]) -> None:
    busy.ok("review", "week")
    assert builds == {"2026-W47": 1}
    builds.clear()
    busy.ok("mentee", "add", "Grace Hopper", "--cadence", "2/month")
    busy.ok("mentee", "add", "Edsger", "--cadence", "2/month")
    refused = busy("mentee", "add", "Barbara", "--cadence", "2/month")  # a fourth: the capacity note
    assert refused.exit_code == 2 and "you already plan" in refused.stderr
    assert builds == {"2026-W47": 1}


def test_the_week_plan_says_when_and_what_in_words(ccos: Ccos) -> None:
    ccos.ok(
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
    out = ccos.ok("plan", "week", env={"COLUMNS": "100"}).stdout
    rows = [r for r in out.splitlines() if not r.startswith("  ")]  # the table, not the defer advice
    month_rows = [r for r in rows if "month list" in r]
    quarter_rows = [r for r in rows if "quarter list" in r]
    assert month_rows and all(r.startswith("this month") for r in month_rows)
    assert quarter_rows and all(r.startswith("this quarter") for r in quarter_rows)
    assert any(r.startswith("by Sun 11-22") and "week list" in r for r in rows)
    assert "Mon 11-30" not in out and "Thu 12-31" not in out  # no period end outside the week
    table = "\n".join(rows).split("Warnings")[0]  # the warning codes stay codes
    assert "event task" in table and "event_task" not in table and " checklist " not in table
    month = ccos.ok("plan", "month", env={"COLUMNS": "100"}).stdout
    assert any(r.startswith("by Mon 11-30") and "month list" in r for r in month.splitlines())
