"""Sharing through the seam: hours in the right weeks, progress rows and warnings in status.

Today is Wednesday 2026-11-18 (2026-W47: 11-16 .. 11-22).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Ccos


def sharing_items(plan: Any) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in plan["items"] if item["type"] == "sharing"}


def week_hours(ccos: Ccos, week: str) -> dict[str, float]:
    plan: Any = ccos.json("plan", "week", "--week", week)
    return {key: item["hours"] for key, item in sharing_items(plan).items()}


def codes(result: Any) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


def published(ccos: Ccos, title: str, day: str, *flags: str, hours: str = "2", platform: str = "blog") -> None:
    ccos.ok("share", "add", "--over-budget", title, "--platform", platform, *flags)
    ccos.ok("share", "publish", title, "--date", day, "--hours", hours)


def rows(status: Any) -> dict[str, dict[str, Any]]:
    found = {row["key"]: row for period in status["periods"] for row in period["rows"]}
    found.update({row["key"]: row for row in status["now"]})
    return found


def test_drafting_piece_spreads_remaining_hours_over_weeks_until_due(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Operator 开发踩坑记录", "--deep", "--due", "2026-12-06", "--hours", "6")
    ccos.ok("share", "start", "--over-budget", "operator")
    key = "sharing:operator-开发踩坑记录"
    # the window 11-18 .. 12-06 touches W47, W48 and W49: 2 h each
    assert week_hours(ccos, "this")[key] == 2
    assert week_hours(ccos, "next")[key] == 2
    assert week_hours(ccos, "2026-W49")[key] == 2
    assert key not in week_hours(ccos, "2026-W50")
    assert key not in week_hours(ccos, "last")
    # hours already spent come off the estimate
    ccos.ok("share", "edit", "operator", "--spent", "1.5")
    assert week_hours(ccos, "this")[key] == 1.5
    assert week_hours(ccos, "2026-W49")[key] == 1.5
    item = sharing_items(ccos.json("plan", "week"))[key]
    assert item["status"] == "open"
    assert item["date"] == "2026-12-06"
    # a month plan is the sum of its days' shares: November holds W47, W48 and 1 of W49's 7 days
    november: Any = ccos.json("plan", "month")
    assert sharing_items(november)[key]["hours"] == pytest.approx(1.5 + 1.5 + 1.5 / 7, abs=0.01)
    # spent more than the estimate: nothing left to plan
    ccos.ok("share", "edit", "operator", "--spent", "9")
    assert key not in week_hours(ccos, "this")


def test_ready_piece_also_spreads_its_remaining_hours(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Ready piece", "--due", "2026-11-29", "--hours", "4", "--stage", "ready")
    assert week_hours(ccos, "this")["sharing:ready-piece"] == 2
    assert week_hours(ccos, "next")["sharing:ready-piece"] == 2


def test_overdue_piece_lands_today_with_a_warning(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Late piece", "--due", "2026-11-10", "--hours", "3", "--stage", "drafting")
    plan: Any = ccos.json("plan", "week")
    item = sharing_items(plan)["sharing:late-piece"]
    assert (item["date"], item["hours"], item["status"]) == ("2026-11-18", 3, "overdue")
    assert "sharing_overdue" in codes(plan)
    warning = next(w for w in plan["warnings"] if w["code"] == "sharing_overdue")
    assert "Late piece" in warning["message"] and "2026-11-10" in warning["message"]
    assert "sharing:late-piece" not in sharing_items(ccos.json("plan", "week", "--week", "next"))
    assert "sharing_overdue" in codes(ccos.json("status"))
    ccos.ok("share", "publish", "late")
    assert "sharing_overdue" not in codes(ccos.json("status"))


def test_piece_without_due_date_is_planned_only_once_started(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Someday idea", "--hours", "3")
    assert "sharing:someday-idea" not in week_hours(ccos, "this")
    ccos.ok("share", "start", "--over-budget", "someday")
    assert week_hours(ccos, "this")["sharing:someday-idea"] == 3
    assert "sharing:someday-idea" not in week_hours(ccos, "next")


def test_idea_with_due_date_is_planned_work(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "KubeSphere meetup talk", "--kind", "talk", "--due", "2026-11-29")
    item = sharing_items(ccos.json("plan", "week"))["sharing:kubesphere-meetup-talk"]
    assert item["status"] == "planned"
    assert item["hours"] == 3  # talk = 6 h, over W47 and W48
    assert week_hours(ccos, "next")["sharing:kubesphere-meetup-talk"] == 3


def test_published_piece_counts_in_the_week_it_was_published(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Shipped", "--due", "2026-12-20", "--hours", "4")
    ccos.ok("share", "publish", "shipped", "--date", "2026-11-05", "--hours", "5")
    past: Any = ccos.json("plan", "week", "--week", "2026-W45")
    item = sharing_items(past)["sharing:shipped"]
    assert (item["date"], item["hours"], item["status"]) == ("2026-11-05", 5, "done")
    assert "no_update_this_week" not in codes(past)
    assert "sharing:shipped" not in week_hours(ccos, "this")
    assert "sharing:shipped" not in week_hours(ccos, "2026-W51")  # its due week, no longer planned


def test_no_update_this_week_only_for_current_and_past_weeks(ccos: Ccos) -> None:
    assert "no_update_this_week" in codes(ccos.json("plan", "week"))
    assert "no_update_this_week" in codes(ccos.json("plan", "week", "--week", "last"))
    assert "no_update_this_week" not in codes(ccos.json("plan", "week", "--week", "next"))
    assert "no_update_this_week" in codes(ccos.json("status"))
    published(ccos, "A few answers", "today", "--kind", "answers")
    assert "no_update_this_week" not in codes(ccos.json("plan", "week"))
    status: Any = ccos.json("status")
    assert "no_update_this_week" not in codes(status)
    row = rows(status)["sharing_updates"]
    assert (row["period"], row["actual"], row["target"], row["state"]) == ("week", 1, 1, "ok")


def test_update_target_comes_from_config(ccos: Ccos) -> None:
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("updates_per_week = 1", "updates_per_week = 0"), encoding="utf-8")
    assert "no_update_this_week" not in codes(ccos.json("plan", "week"))


def test_deep_content_warning_and_row(ccos: Ccos) -> None:
    status: Any = ccos.json("status")
    assert "no_deep_content_this_month" in codes(status)
    row = rows(status)["sharing_deep"]
    assert (row["period"], row["actual"], row["target"], row["state"]) == ("month", 0, 1, "behind")
    # a deep piece scheduled in the month silences the warning and shows as scheduled
    ccos.ok("share", "add", "--over-budget", "Deep dive", "--deep", "--due", "2026-11-27")
    status = ccos.json("status")
    assert "no_deep_content_this_month" not in codes(status)
    assert rows(status)["sharing_deep"]["detail"] == "1 scheduled"
    # scheduled next month does not count for this one
    ccos.ok("share", "edit", "deep", "--due", "2026-12-03")
    assert "no_deep_content_this_month" in codes(ccos.json("status"))
    assert "no_deep_content_this_month" not in codes(ccos.json("plan", "month", "--month", "next"))
    # published counts as the actual
    ccos.ok("share", "publish", "deep", "--date", "2026-11-02")
    status = ccos.json("status")
    assert "no_deep_content_this_month" not in codes(status)
    row = rows(status)["sharing_deep"]
    assert (row["actual"], row["state"]) == (1, "ok")
    # October had nothing deep
    assert "no_deep_content_this_month" in codes(ccos.json("plan", "month", "--month", "last"))


def test_deep_piece_due_in_a_past_month_and_not_published_does_not_count(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Missed deep piece", "--deep", "--due", "2026-10-20")
    assert "no_deep_content_this_month" in codes(ccos.json("plan", "month", "--month", "2026-10"))


def test_personal_mix(ccos: Ccos) -> None:
    for number in range(4):
        published(ccos, f"Professional {number}", f"2026-11-0{number + 1}")
    status: Any = ccos.json("status")
    row = rows(status)["sharing_mix"]
    assert (row["period"], row["state"]) == ("now", "info")  # 4 pieces: too few to judge
    assert "personal_mix_off" not in codes(status)
    published(ccos, "Professional 4", "2026-11-05")
    status = ccos.json("status")
    assert "personal_mix_off" in codes(status)  # 0 of 5 personal: leans professional
    assert rows(status)["sharing_mix"]["state"] == "behind"
    published(ccos, "我为什么转行做运营", "2026-11-06", "--personal")
    status = ccos.json("status")
    assert "personal_mix_off" not in codes(status)  # 1 of 6 = 17 %, within 20 % ± 10 %
    row = rows(status)["sharing_mix"]
    assert (row["actual"], row["state"]) == (17, "ok")
    for number in range(3):
        published(ccos, f"Personal {number}", f"2026-11-1{number}", "--personal")
    status = ccos.json("status")
    assert "personal_mix_off" in codes(status)  # 4 of 9
    assert rows(status)["sharing_mix"]["state"] == "over"
    warning = next(w for w in status["warnings"] if w["code"] == "personal_mix_off")
    assert "4 of your last 9" in warning["message"]


def test_mix_counts_only_the_last_n_published(ccos: Ccos) -> None:
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("personal_mix_window = 10", "personal_mix_window = 3"), encoding="utf-8")
    published(ccos, "Old personal", "2026-10-01", "--personal")
    for number in range(3):
        published(ccos, f"New {number}", f"2026-11-0{number + 1}")
    status: Any = ccos.json("status")
    assert "personal_mix_off" in codes(status)  # 0 of the last 3
    assert rows(status)["sharing_mix"]["detail"].startswith("0 of the last 3")


def test_pipeline_counts_by_stage(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "One idea")
    ccos.ok("share", "add", "--over-budget", "Two idea")
    ccos.ok("share", "add", "--over-budget", "Draft", "--stage", "drafting")
    ccos.ok("share", "add", "--over-budget", "Gone")
    ccos.ok("share", "drop", "gone")
    published(ccos, "Out", "today")
    row = rows(ccos.json("status"))["sharing_pipeline"]
    assert row["period"] == "now"
    assert row["actual"] == 3
    assert row["detail"] == "idea 2 · drafting 1 · ready 0 · published 1 · dropped 1"
    out = ccos.ok("status", "--all").stdout
    assert "sharing pipeline" in out


def test_platform_focus_note(ccos: Ccos) -> None:
    published(ccos, "On blog", "2026-11-01", platform="blog")
    published(ccos, "On wechat", "2026-10-01", platform="WeChat")
    published(ccos, "On wechat again", "2026-10-02", platform="wechat")
    published(ccos, "Long ago", "2026-07-01", platform="zhihu")  # more than 3 months ago
    row = rows(ccos.json("status"))["sharing_platforms"]
    assert (row["period"], row["actual"], row["target"], row["state"]) == ("now", 2, 2, "ok")
    published(ccos, "On zhihu", "2026-09-01", platform="zhihu")
    row = rows(ccos.json("status"))["sharing_platforms"]
    assert (row["actual"], row["state"]) == (3, "over")
    assert "zhihu" in row["detail"]
    assert "platforms" in ccos.ok("status").stdout


def test_status_human_output_shows_the_sharing_rows(ccos: Ccos) -> None:
    out = ccos.ok("status", "--all").stdout
    assert "updates published" in out
    assert "deep pieces" in out
    assert "personal share" in out
    assert "no_update_this_week" in out
