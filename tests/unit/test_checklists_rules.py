"""The checklist rules, directly: no workspace, no disk, `today` given."""

from __future__ import annotations

from datetime import date

import pytest

from ccos.capabilities.checklists import rules
from ccos.capabilities.checklists.model import Checklist, ChecklistItem, ChecklistTemplate
from ccos.dates import Period
from ccos.errors import Ambiguous, InvalidInput, NotFound

TODAY = date(2026, 11, 18)
WEEK = Period.containing("week", TODAY)  # 2026-W47


def item(text: str, done: bool = False, **fields: object) -> ChecklistItem:
    return ChecklistItem(text=text, done=done, **fields)  # type: ignore[arg-type]


def test_each_scope_has_its_own_template() -> None:
    assert [rules.template_name(kind) for kind in ("week", "month", "quarter")] == [
        "checklists/week.toml",
        "checklists/month.toml",
        "checklists/quarter.toml",
    ]


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        (WEEK, True),  # the current week
        (WEEK.shift(1), True),  # a future one
        (WEEK.shift(-1), False),  # over: a past period without a file has no list
        (Period.containing("month", TODAY), True),
        (Period.containing("quarter", date(2026, 9, 30)), False),
    ],
)
def test_a_period_without_a_file_shows_its_template_until_it_is_over(period: Period, shown: bool) -> None:
    assert rules.shows_template(period, TODAY) is shown


def test_the_last_day_of_a_period_still_shows_its_template() -> None:
    assert rules.shows_template(WEEK, WEEK.end)
    assert not rules.shows_template(WEEK, WEEK.end.replace(day=WEEK.end.day + 1))


def test_a_file_must_name_its_own_period_and_scope() -> None:
    assert rules.disagreement(Checklist(period="2026-W47", scope="week"), WEEK) is None
    wrong_period = rules.disagreement(Checklist(period="2026-W46", scope="week"), WEEK)
    assert wrong_period == "says period '2026-W46' (week) but the file name says 2026-W47"
    assert rules.disagreement(Checklist(period="2026-W47", scope="month"), WEEK) is not None


def test_item_ids_and_refs_use_the_number_shown() -> None:
    assert rules.item_id("2026-W47", 1) == "checklist:2026-W47:1"
    assert rules.item_ref("month", 3) == "month 3"
    assert rules.PRIORITY["week"] > rules.PRIORITY["month"] > rules.PRIORITY["quarter"]


def test_item_status() -> None:
    assert rules.item_status(item("a", done=True), WEEK.start, TODAY) == "done"  # done wins over late
    assert rules.item_status(item("a"), WEEK.end, TODAY) == "open"
    assert rules.item_status(item("a"), WEEK.end, WEEK.end) == "open"
    assert rules.item_status(item("a"), WEEK.shift(-1).end, TODAY) == "overdue"


def test_counts() -> None:
    items = [item("a", done=True), item("b"), item("c", done=True)]
    assert (rules.done_count(items), rules.open_count(items)) == (2, 1)
    assert (rules.done_count([]), rules.open_count([])) == (0, 0)


ITEMS = [item("Answer 3 questions"), item("Review talk slides"), item("Review PR"), item("review")]


@pytest.mark.parametrize(
    ("ref", "index"),
    [
        ("1", 0),
        (" 2 ", 1),
        ("4", 3),
        ("answer", 0),  # a unique, case-insensitive prefix
        ("ANSWER 3 QUESTIONS", 0),
        ("review", 3),  # an exact text wins over the prefixes it shares
        ("review t", 1),
    ],
)
def test_find_item_by_number_or_text(ref: str, index: int) -> None:
    assert rules.find_item(ITEMS, ref, WEEK) == index


def test_find_item_refuses_what_it_cannot_name() -> None:
    with pytest.raises(NotFound, match=r"no item 5 in the checklist of week 2026-W47 \(it has 4 items\)"):
        rules.find_item(ITEMS, "5", WEEK)
    with pytest.raises(NotFound, match="no item 0"):
        rules.find_item(ITEMS, "0", WEEK)
    with pytest.raises(NotFound, match="no item of week 2026-W47 starts with 'zzz'"):
        rules.find_item(ITEMS, "zzz", WEEK)
    with pytest.raises(InvalidInput, match="empty ITEM"):
        rules.find_item(ITEMS, "   ", WEEK)
    with pytest.raises(Ambiguous) as ambiguous:
        rules.find_item([*ITEMS[:3]], "rev", WEEK)
    assert "2. Review talk slides; 3. Review PR" in str(ambiguous.value)


def test_new_item_input() -> None:
    assert rules.check_new_item("  Plan the budget ", 45, "events") == ("Plan the budget", "events")
    assert rules.check_new_item("x", None, "other") == ("x", "other")
    assert rules.check_new_item("x", 0, "other")[0] == "x"
    with pytest.raises(InvalidInput, match="--minutes must be from 0 to 100000"):
        rules.check_new_item("x", -5, "other")
    with pytest.raises(InvalidInput, match="--minutes"):
        rules.check_new_item("x", 100_001, "other")
    with pytest.raises(InvalidInput, match="--stream"):
        rules.check_new_item("x", None, "fun")
    with pytest.raises(InvalidInput, match="empty"):
        rules.check_new_item("   ", None, "fun")  # the text is checked first


def test_carry_over_copies_unfinished_items_once() -> None:
    previous = [
        item("Done already", done=True),
        item("Finish the outline", minutes=90, stream="sharing"),
        item("Call Ada"),
        item("finish the OUTLINE"),  # the same text again: carried once
    ]
    present = [item("call ada")]  # already in this week's list
    carried = rules.carry_over(previous, present, "2026-W46")
    assert [(c.text, c.minutes, c.stream, c.done, c.carried_from) for c in carried] == [
        ("Finish the outline", 90, "sharing", False, "2026-W46")
    ]
    assert rules.carry_over(previous, [*present, *carried], "2026-W46") == []  # a rerun carries nothing


def test_carry_over_forgets_the_tick_date_and_keys_it_does_not_know() -> None:
    previous = [item("Write", done=False, done_on=date(2026, 11, 10), mood="good")]
    (carried,) = rules.carry_over(previous, [], "2026-W46")
    assert carried.done_on is None and carried.model_extra == {}


# --- templates sized to the roles and the budget ---------------------------------------


def _template(share: float | None, *items: ChecklistItem) -> ChecklistTemplate:
    return ChecklistTemplate(share=share, items=list(items))


def test_template_items_follow_the_roles() -> None:
    template = _template(
        None,
        item("for all"),
        item("writing", roles=["contributor"]),
        item("event", roles=["organizer"]),
        item("both", roles=["mentor", "organizer"]),
    )
    assert [i.text for i in rules.fit_template(template, ["contributor"], 100)] == ["for all", "writing"]
    assert [i.text for i in rules.fit_template(template, ["organizer"], 100)] == ["for all", "event", "both"]


def test_a_share_keeps_what_fits_and_always_the_first_item_cut_to_fit() -> None:
    template = _template(0.1, item("a", minutes=30), item("b", minutes=30), item("c", minutes=15))
    # 10 h: 60 minutes of room: a, then b; c no longer fits
    assert [(i.text, i.minutes) for i in rules.fit_template(template, ["mentor"], 10)] == [("a", 30), ("b", 30)]
    # 8 h: 48 minutes: a, then c (b does not fit)
    assert [(i.text, i.minutes) for i in rules.fit_template(template, ["mentor"], 8)] == [("a", 30), ("c", 15)]
    # 2 h: 12 minutes: the first item alone, cut to 10 (a multiple of 5)
    assert [(i.text, i.minutes) for i in rules.fit_template(template, ["mentor"], 2)] == [("a", 10)]
    assert template.items[0].minutes == 30, "the template itself is not changed"
    assert rules.fit_template(template, ["mentor"], 0) == []
    assert len(rules.fit_template(_template(None, *template.items), ["mentor"], 0)) == 3, "no share: used whole"


def test_period_hours() -> None:
    assert rules.period_hours(6, WEEK) == 6
    assert rules.period_hours(7, Period.containing("month", TODAY)) == 30  # November: 30 days
    assert rules.period_hours(7, Period.containing("quarter", TODAY)) == 92


# --- the kick-off schedule -------------------------------------------------------------


def test_kickoff_items_follow_one_another_within_the_weekly_share() -> None:
    items = [
        item("small", minutes=20),
        item("done", done=True, minutes=600),
        item("another small", minutes=30),
        item("big", minutes=300),
        item("after", minutes=10),
    ]
    slots = rules.kickoff_schedule(items, 0.3, 10, WEEK)  # 3 h a week
    spans = [(s.index, s.first.id, s.last.id) for s in slots]
    assert spans == [
        (0, "2026-W47", "2026-W47"),
        (2, "2026-W47", "2026-W47"),  # shares the week: 50 minutes of 3 h
        (3, "2026-W48", "2026-W49"),  # 5 h: two whole weeks of 2.5 h
        (4, "2026-W50", "2026-W50"),
    ]
    for slot in slots:
        weeks = (slot.last.start - slot.first.start).days // 7 + 1
        assert items[slot.index].minutes / 60 / weeks <= 3 + 1e-9


def test_kickoff_with_no_hours_puts_everything_in_the_first_week() -> None:
    slots = rules.kickoff_schedule([item("a", minutes=20), item("b", minutes=0)], 0.3, 0, WEEK)
    assert [(s.first.id, s.last.id) for s in slots] == [("2026-W47", "2026-W47")] * 2


def test_carry_reason() -> None:
    assert rules.carry_reason([], saved=False, carried=0) == "unsaved"
    assert rules.carry_reason([], saved=True, carried=0) == "empty"
    assert rules.carry_reason([item("a", done=True)], saved=True, carried=0) == "done"
    assert rules.carry_reason([item("a")], saved=True, carried=0) == "present"
    assert rules.carry_reason([item("a")], saved=True, carried=1) == "carried"


@pytest.mark.parametrize(
    "about", ["sharing:", "sharing:my-piece", "event:", "event:meetup:", "session:", "session:ann-lee:"]
)
def test_about_accepts_the_kinds_the_planner_sees(about: str) -> None:
    assert item("x", about=about).about == about


@pytest.mark.parametrize("about", ["blog", "sharing", "share:x", "event: x", ""])
def test_about_refuses_anything_else(about: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        item("x", about=about)


def test_kickoff_schedule_stops_at_its_horizon() -> None:
    """A tiny budget and huge items never run past the calendar (a fuzzed ccos.toml)."""
    items = [item(f"i{n}", minutes=100_000) for n in range(50)]
    slots = rules.kickoff_schedule(items, 0.01, 0.01, WEEK)
    last = WEEK.shift(rules.KICKOFF_HORIZON_WEEKS)
    assert len(slots) == 50 and all(s.last.start <= last.start for s in slots)
    assert slots[-1].first == last
