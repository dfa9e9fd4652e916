"""The sharing rules (capabilities/sharing/rules.py), without a workspace: pieces in,
answers out. Today is Wednesday 2026-11-18 (2026-W47: 11-16 .. 11-22)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from ccos.capabilities.sharing import rules
from ccos.capabilities.sharing.results import Piece
from ccos.dates import Period
from ccos.models.config import Targets

TODAY = date(2026, 11, 18)
NOVEMBER = Period.containing("month", TODAY)


def piece(piece_id: str = "p", **fields: Any) -> Piece:
    values: dict[str, Any] = {
        "id": piece_id,
        "title": piece_id.title(),
        "kind": "article",
        "stage": "idea",
        "deep": False,
        "personal": False,
        "platform": None,
        "due": None,
        "estimate_hours": 4.0,
        "actual_hours": 0.0,
        "remaining_hours": 4.0,
        "overdue": False,
        "created": None,
        "started_on": None,
        "ready_on": None,
        "published_on": None,
        "dropped_on": None,
        "url": None,
        "tags": (),
        "path": f"sharing/{piece_id}.toml",
    }
    values.update(fields)
    return Piece(**values)


def out(piece_id: str, day: date, **fields: Any) -> Piece:
    """A piece published on `day`."""
    return piece(piece_id, stage="published", published_on=day, **fields)


# --- one piece ----------------------------------------------------------------------------


def test_remaining_hours_never_below_zero() -> None:
    assert rules.remaining_hours(4, 1.5) == 2.5
    assert rules.remaining_hours(4, 9) == 0.0


@pytest.mark.parametrize(
    ("stage", "expected"), [("idea", 1.33), ("drafting", 1.33), ("ready", 1.33), ("published", 0.0), ("dropped", 0.0)]
)
def test_open_hours_only_for_open_stages_rounded(stage: str, expected: float) -> None:
    assert rules.open_hours(stage, 2.0, 0.666666) == expected


def test_overdue_is_an_open_piece_past_its_due_date() -> None:
    assert rules.is_overdue("drafting", date(2026, 11, 17), TODAY)
    assert not rules.is_overdue("drafting", TODAY, TODAY)  # due today is not late yet
    assert not rules.is_overdue("drafting", None, TODAY)
    assert not rules.is_overdue("published", date(2026, 11, 1), TODAY)
    assert not rules.is_overdue("dropped", date(2026, 11, 1), TODAY)


# --- how a piece spreads its hours ----------------------------------------------------------


def test_published_counts_its_actual_hours_on_the_day() -> None:
    spread = rules.spread(out("p", date(2026, 11, 5), actual_hours=5.0, remaining_hours=0.0), TODAY)
    assert spread == rules.Spread(hours=5.0, status="done", on=date(2026, 11, 5))


def test_dropped_and_undated_ideas_are_in_no_plan() -> None:
    assert rules.spread(piece(stage="dropped", due=date(2026, 11, 30)), TODAY) is None
    assert rules.spread(piece(stage="idea"), TODAY) is None


@pytest.mark.parametrize("stage", ["drafting", "ready"])
def test_started_without_due_date_spreads_over_the_rest_of_the_week(stage: str) -> None:
    spread = rules.spread(piece(stage=stage, remaining_hours=3.0), TODAY)
    assert spread == rules.Spread(hours=3.0, status="open", start=TODAY, end=date(2026, 11, 22))


def test_past_due_lands_today_as_overdue() -> None:
    spread = rules.spread(piece(stage="drafting", due=date(2026, 11, 10), remaining_hours=3.0), TODAY)
    assert spread == rules.Spread(hours=3.0, status="overdue", on=TODAY)
    idea = rules.spread(piece(stage="idea", due=date(2026, 11, 10), remaining_hours=2.0), TODAY)
    assert idea == rules.Spread(hours=2.0, status="overdue", on=TODAY)


def test_dated_work_spreads_from_today_to_the_due_date() -> None:
    due = date(2026, 12, 6)
    assert rules.spread(piece(stage="drafting", due=due), TODAY) == rules.Spread(
        hours=4.0, status="open", start=TODAY, end=due
    )
    assert rules.spread(piece(stage="idea", due=due), TODAY) == rules.Spread(
        hours=4.0, status="planned", start=TODAY, end=due
    )
    assert rules.spread(piece(stage="ready", due=TODAY), TODAY) == rules.Spread(
        hours=4.0, status="open", start=TODAY, end=TODAY
    )


# --- the pipeline ---------------------------------------------------------------------------


def test_pipeline_order_by_stage_then_due_then_age_then_id() -> None:
    pieces = [
        piece("late-idea", due=date(2026, 12, 1)),
        piece("undated-new", created=date(2026, 11, 10)),
        piece("undated-old", created=date(2026, 10, 1)),
        piece("soon-idea", due=date(2026, 11, 20)),
        piece("draft", stage="drafting"),
        out("shipped", date(2026, 11, 2)),
        piece("gone", stage="dropped"),
    ]
    shown = [p.id for p in rules.pipeline_order(pieces)]
    assert shown == ["soon-idea", "late-idea", "undated-old", "undated-new", "draft", "shipped"]
    assert [p.id for p in rules.pipeline_order(pieces, include_dropped=True)][-1] == "gone"
    assert [p.id for p in rules.pipeline_order(pieces, "dropped")] == ["gone"]


def test_published_stage_lists_newest_first() -> None:
    pieces = [out("a", date(2026, 11, 1)), out("b", date(2026, 11, 9)), out("c", date(2026, 11, 9))]
    assert [p.id for p in rules.pipeline_order(pieces, "published")] == ["c", "b", "a"]


def test_backlog_is_ideas_oldest_first() -> None:
    pieces = [
        piece("newer", created=date(2026, 11, 10)),
        piece("oldest", created=date(2026, 10, 1)),
        piece("started", stage="drafting", created=date(2026, 9, 1)),
        piece("unknown-age"),
    ]
    assert [p.id for p in rules.backlog(pieces)] == ["unknown-age", "oldest", "newer"]


def test_counts_every_stage_even_empty_ones() -> None:
    counted = rules.counts([piece("a"), piece("b"), piece("c", stage="dropped")])
    assert counted == {"idea": 2, "drafting": 0, "ready": 0, "published": 0, "dropped": 1}
    assert list(counted) == ["idea", "drafting", "ready", "published", "dropped"]


def test_twin_titles_up_to_case_width_and_spaces_but_not_dropped() -> None:
    pieces = [piece("zoe", title="Zoë's notes"), piece("old", title="Old idea", stage="dropped")]
    twin = rules.twin(pieces, "ZOE\u0308'S   NOTES")
    assert twin is not None and twin.id == "zoe"
    assert rules.twin(pieces, "Zoë's notes", except_id="zoe") is None  # renaming a piece to itself
    assert rules.twin(pieces, "old idea") is None  # a dropped piece's title is free again
    assert rules.twin(pieces, "Zoë's notes!") is None


# --- cadence --------------------------------------------------------------------------------


def test_published_in_is_inclusive_and_only_published() -> None:
    pieces = [out("a", date(2026, 11, 16)), out("b", date(2026, 11, 22)), out("c", date(2026, 11, 23)), piece("d")]
    week = Period.containing("week", TODAY)
    assert [p.id for p in rules.published_in(pieces, week.start, week.end)] == ["a", "b"]


def test_deep_content_published_or_scheduled_in_the_month() -> None:
    assert rules.lacks_deep([], NOVEMBER, TODAY)
    assert rules.lacks_deep([out("shallow", date(2026, 11, 2))], NOVEMBER, TODAY)
    assert not rules.lacks_deep([out("deep", date(2026, 11, 2), deep=True)], NOVEMBER, TODAY)
    scheduled = piece("deep", deep=True, stage="drafting", due=date(2026, 11, 27))
    assert rules.deep_scheduled([scheduled], NOVEMBER, TODAY) == [scheduled]
    assert not rules.lacks_deep([scheduled], NOVEMBER, TODAY)
    # due next month, due before today (missed), or not deep: none of them count for November
    for other in (
        replace(scheduled, due=date(2026, 12, 3)),
        replace(scheduled, due=date(2026, 11, 17)),
        replace(scheduled, deep=False),
        replace(scheduled, stage="dropped"),
    ):
        assert rules.lacks_deep([other], NOVEMBER, TODAY), other


def test_latest_published_newest_first_and_never_in_the_future() -> None:
    pieces = [out(f"p{n}", date(2026, 11, n)) for n in range(1, 8)] + [out("later", date(2026, 11, 30))]
    assert [p.id for p in rules.latest_published(pieces, TODAY, 3)] == ["p7", "p6", "p5"]


def test_mix_needs_enough_pieces_to_judge() -> None:
    targets = Targets()  # 20 % ± 10 % of the last 10
    four = [out(f"p{n}", date(2026, 11, n)) for n in range(1, 5)]
    assert rules.mix(four, TODAY, targets) is None
    assert rules.mix([], TODAY, targets) is None
    small_window = Targets(personal_mix_window=3)  # a sample of min(5, window)
    mix = rules.mix(four, TODAY, small_window)
    assert mix == rules.Mix(share=0.0, personal=0, total=3, state="under")


def test_mix_states_with_the_tolerance_edges_inclusive() -> None:
    targets = Targets()

    def mix_of(personal: int, total: int) -> rules.Mix | None:
        pieces = [out(f"p{n}", date(2026, 11, n + 1), personal=n < personal) for n in range(total)]
        return rules.mix(pieces, TODAY, targets)

    assert mix_of(0, 5) == rules.Mix(share=0.0, personal=0, total=5, state="under")
    assert mix_of(1, 10) == rules.Mix(share=0.1, personal=1, total=10, state="ok")  # 20 % - 10 %, exactly
    assert mix_of(3, 10) == rules.Mix(share=0.3, personal=3, total=10, state="ok")  # 20 % + 10 %, exactly
    assert mix_of(4, 10) == rules.Mix(share=0.4, personal=4, total=10, state="over")
    assert mix_of(4, 12) == rules.Mix(share=0.2, personal=2, total=10, state="ok")  # only the last 10 count


def test_platforms_of_the_last_three_months_in_first_use_order() -> None:
    pieces = [
        out("a", date(2026, 11, 1), platform="blog"),
        out("b", date(2026, 10, 1), platform="WeChat"),
        out("c", date(2026, 10, 2), platform="wechat"),
        out("d", date(2026, 8, 18), platform="zhihu"),  # exactly three months ago: outside
        out("e", date(2026, 8, 19), platform="知乎"),
        out("f", date(2026, 11, 2)),
        piece("g", platform="medium"),
    ]
    assert rules.platforms_used(pieces, TODAY) == ["知乎", "WeChat", "blog"]
