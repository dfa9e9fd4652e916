"""The README's promise in one test: init, see the week's plan, tick an item."""

from __future__ import annotations

from tests.conftest import Ccos


def test_init_plan_and_tick(ccos: Ccos) -> None:
    plan = ccos.json("plan", "week")
    assert plan["period"]["id"] == "2026-W47"
    assert plan["budget"]["hours"] == 6
    ccos.ok("checklist", "check", "1")
    views = ccos.json("checklist", "show", "week")
    assert views["checklists"][0]["items"][0]["done"] is True
