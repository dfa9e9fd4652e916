"""The pure rules of communities: skipped stages, the ladder, leading alone, task dates."""

from __future__ import annotations

from datetime import date

from ccos.capabilities.communities import rules
from ccos.capabilities.communities.model import Community, Member


def _community(**extra: object) -> Community:
    data: dict[str, object] = {"name": "Rust Berlin", "created": date(2026, 9, 1),
                               "roles": [{"role": "organizer", "on": date(2026, 9, 1)}]}  # fmt: skip
    data.update(extra)
    return Community.model_validate(data)


def test_stages_skipped_only_going_forward_over_a_gap() -> None:
    assert rules.stage_skipped("need", "launch") == ["structure", "first-members"]
    assert rules.stage_skipped("need", "structure") == []
    assert rules.stage_skipped("launch", "need") == []
    assert rules.stage_skipped(None, "scaling") == []


def test_moved_up_counts_steps_up_within_the_window_only() -> None:
    member = Member.model_validate({
        "name": "Li", "community": "rust-berlin",
        "levels": [{"level": "participant", "on": date(2026, 9, 1)}, {"level": "organizer", "on": date(2026, 10, 5)},
                   {"level": "contributor", "on": date(2026, 11, 1)}],
    })  # fmt: skip
    assert rules.moved_up(member, date(2026, 10, 1), date(2026, 12, 31))
    assert not rules.moved_up(member, date(2026, 11, 1), date(2026, 12, 31))  # a step back is not up


def test_led_since_is_the_start_of_the_unbroken_run_of_leading() -> None:
    community = _community(roles=[
        {"role": "organizer", "on": date(2026, 1, 1)}, {"role": "contributor", "on": date(2026, 3, 1)},
        {"role": "organizer", "on": date(2026, 5, 1)}, {"role": "leader", "on": date(2026, 7, 1)},
    ])  # fmt: skip
    assert rules.led_since(community) == date(2026, 5, 1)
    assert rules.led_since(_community(roles=[{"role": "contributor", "on": date(2026, 1, 1)}])) is None


def test_only_the_current_stage_tasks_are_open_work_dated_from_its_start() -> None:
    task = {"text": "t", "day": 2, "until": 9, "hours": 1}
    community = _community(
        stages=[{"stage": "need", "on": date(2026, 9, 1)}, {"stage": "structure", "on": date(2026, 10, 1)}],
        tasks=[{**task, "track": "need", "start": date(2026, 9, 1)},
               {**task, "track": "structure", "start": date(2026, 10, 1)}],
    )  # fmt: skip
    views = rules.task_views(community, date(2026, 10, 11))
    assert [(v.number, v.date, v.end, v.status) for v in views] == [(2, "2026-10-03", "2026-10-10", "overdue")]
