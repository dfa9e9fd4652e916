"""Write a benchmark workspace: the same seed always gives the same tree.

    python benchmarks/generate.py small  [--out benchmarks/out/small] [--seed 9]
    python benchmarks/generate.py medium [--out benchmarks/out/medium] [--seed 9]
    python benchmarks/generate.py large  [--out benchmarks/out/large] [--seed 9]

Every file is written by ccos itself: through its services (`add_mentee`, `add_piece`,
`start`, `publish`, `add_event`, `record_done`, `set_done`, `record_checkin`,
`write_review`, ...) or, for session logs, through the exact serialisation that
`ccos mentee log` uses (`_session_front` + `join_front_matter` + `Workspace.write_text`)
and the front-matter rewrite of `ccos mentee done`. Calling `ccos mentee log` 5,000 times
would take minutes because every call re-reads the mentee's history; the bytes are the same.

Pieces and events are made in a small scratch workspace (so each service call reads one
file, not the whole history) and then moved in: ids are unique because titles are.

Sizes: *small* is one year of a typical user and *large* ten years of a heavy user (issue 9);
*medium* three busy years (issue 13). Every size also has this week's, month's and quarter's
checklist with one item ticked, as a person using ccos this week would.
`fsync` is skipped while generating (durability is not what is measured; the bytes are
identical). The generator ends by validating every file through the file-kind registry
(`storage/file_kinds.py`), the same check `ccos sync` makes before it commits.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 18)  # the benchmark's today (CCOS_TODAY), a Wednesday of 2026-W47


@dataclass(frozen=True)
class Size:
    years: int
    mentees: int
    active_mentees: int
    sessions: int
    pieces: int
    events: int
    recurring: int
    weeks: int
    months: int
    quarters: int
    checkins: int
    monthly_reviews: int
    quarterly_reviews: int


SIZES = {
    "small": Size(1, 3, 3, 30, 40, 6, 0, 52, 12, 4, 40, 10, 3),
    # "three busy years: ~8 mentees, 600 sessions, 300 pieces, 40 events" (issue 13), and a
    # check-in every week of the last three years, every monthly and quarterly review.
    "medium": Size(3, 8, 3, 600, 300, 40, 1, 156, 36, 12, 156, 36, 12),
    # "500 check-ins and reviews": 400 weekly check-ins, 60 monthly and 40 quarterly reviews.
    "large": Size(10, 60, 3, 5000, 2000, 400, 3, 520, 120, 40, 400, 60, 40),
}

TOPICS = ["career", "code review", "public speaking", "writing", "open source", "leadership", "testing", "design"]
ACTIONS = ["draft the talk outline", "read chapter 3", "open a first PR", "write a blog post", "pair on the bug"]
KINDS = ["article", "article", "observation", "tutorial", "talk", "case-study", "answers"]
EVENT_KINDS = ["meetup", "meetup", "workshop", "talk", "ama", "livestream", "training", "hackathon"]
CHECK = {"week": 3, "month": 2, "quarter": 2}  # items ticked in each past checklist


def _no_fsync(_fd: int) -> None:
    return None


def tick_tasks(ws: object, event_id: str, day: date) -> None:
    """Tick every playbook task of a past event, as `ccos event task ID check N` does, in one write."""
    from ccos.capabilities.events import store

    def tick(doc: Any, loaded: Any) -> None:
        for task, table in zip(loaded.event.tasks, doc["tasks"], strict=True):
            table["done"] = True
            table["done_on"] = min(day + timedelta(days=task.days), TODAY)

    with ws.locked("event task check"):  # type: ignore[attr-defined]
        store.edit_event(ws, event_id, tick)  # type: ignore[arg-type]


def generate(size_name: str, out: Path, seed: int) -> dict[str, int]:
    from ccos.capabilities.checkins.recording import record_checkin
    from ccos.capabilities.checklists import editing as checklists
    from ccos.capabilities.checklists import store as checklist_store
    from ccos.capabilities.events import adding, outcomes, store
    from ccos.capabilities.mentoring import logging as session_log
    from ccos.capabilities.mentoring import profiles
    from ccos.capabilities.mentoring.model import Session
    from ccos.capabilities.mentoring.store import load_mentees, rewrite_front
    from ccos.capabilities.reviews.writing import write_review
    from ccos.capabilities.sharing import pieces, stages
    from ccos.dates import Period
    from ccos.operations.workspace_init import init_workspace
    from ccos.storage.markdown import join_front_matter, parse_front_matter
    from ccos.storage.workspace import Workspace

    size = SIZES[size_name]
    rng = random.Random(f"{size_name}:{seed}")
    if out.exists():
        shutil.rmtree(out)
    os.fsync = _no_fsync  # see the module docstring
    init_workspace(out, language="en", name="Bench Person", weekly_hours=8, timezone="Europe/Berlin", use_git=False)
    ws = Workspace.open(out)
    first_day = TODAY - timedelta(days=365 * size.years)
    counts: dict[str, int] = {}

    # --- mentees and their sessions -----------------------------------------------------------
    per_mentee = [
        size.sessions // size.mentees + (1 if i < size.sessions % size.mentees else 0) for i in range(size.mentees)
    ]
    session_total = 0
    for index in range(size.mentees):
        count = per_mentee[index]
        active = index >= size.mentees - size.active_mentees
        span = count * 14 + 30
        if active:
            since = TODAY - timedelta(days=span - 28)  # a few planned sessions ahead
        else:
            latest = (TODAY - timedelta(days=span + 20) - first_day).days
            since = first_day + timedelta(days=rng.randint(0, max(0, latest)))
        name = f"Mentee {index + 1:02d} {rng.choice(['Ana', 'Li', 'Олег', 'Zoë', '王芳', 'Sam'])}"
        profiles.add_mentee(
            ws,
            since,
            name=name,
            format="one-on-one",
            cadence="2/month",
            goals=[rng.choice(TOPICS)],
            since=since,
            members=None,
            contact="",
            minutes=None,
            over_capacity=True,
        )
        record = next(r for r in load_mentees(ws) if r.mentee.name == name)
        day = since + timedelta(days=rng.randint(0, 6))
        written: list[Path] = []
        for _n in range(count):
            planned = day > TODAY
            clock = None if planned else f"{rng.randint(8, 21):02d}:00"
            draft = session_log.LogDraft(
                mentee_id=record.id,
                name=name,
                goals=tuple(record.mentee.goals),
                day=day,
                time=clock,
                hhmm=clock.replace(":", "") if clock else "0000",
                planned=planned,
                minutes=rng.choice([30, 45, 60, 60, 90]),
                topics=rng.sample(TOPICS, rng.randint(1, 3)),
                next_items=rng.sample(ACTIONS, rng.randint(0, 2)) if not planned else [],
            )
            path = (
                ws.folder("mentees")
                / record.id
                / "sessions"
                / f"{day.isoformat()}-{draft.hhmm}-{rng.getrandbits(16):04x}.md"
            )
            body = "" if rng.random() < 0.3 else f"Talked about {', '.join(draft.topics)}.\n"
            text = join_front_matter(session_log._session_front(draft), body)
            parse_front_matter(Path(ws.display(path)), text)
            ws.write_text(path, text)
            written.append(path)
            day += timedelta(days=rng.randint(10, 18))
        session_total += len(written)
        # Close most action items a session or two later, the way `ccos mentee done` does.
        for path in written[:-2]:
            session, _body = ws.load_markdown(path, Session)
            if session.actions and rng.random() < 0.85:

                def close(doc: object, closed: date = session.date + timedelta(days=14)) -> None:
                    for table in doc["actions"]:  # type: ignore[index]
                        table["state"] = "done"
                        table["closed_on"] = closed

                rewrite_front(ws, path, close)
        if not active:
            profiles.graduate(ws, min(TODAY, day), record.id)
    counts["mentees"] = size.mentees
    counts["sessions"] = session_total

    # --- sharing pieces (made in a scratch workspace, then moved in) -----------------------------
    scratch_root = out.parent / f".{out.name}-scratch"
    if scratch_root.exists():
        shutil.rmtree(scratch_root)
    init_workspace(
        scratch_root, language="en", name="Bench Person", weekly_hours=8, timezone="Europe/Berlin", use_git=False
    )
    span_days = (TODAY - first_day).days
    for index in range(size.pieces):
        scratch = Workspace.open(scratch_root)
        created = first_day + timedelta(days=int(span_days * index / size.pieces) + rng.randint(0, 3))
        opening = rng.choice(["Notes on", "Why", "How we", "A year of", "Ten tips for"])
        title = f"{opening} {rng.choice(TOPICS)} #{index + 1}"
        recent = (TODAY - created).days < 60
        change = pieces.add_piece(
            scratch,
            created,
            title,
            kind=rng.choice(KINDS),
            deep=rng.random() < 0.25,
            personal=rng.random() < 0.3,
            tags=rng.sample(TOPICS, 2),
        )
        piece_id = change.piece.id
        if not recent and rng.random() < 0.9:
            started = created + timedelta(days=rng.randint(0, 10))
            stages.start(scratch, piece_id, started, due=started + timedelta(days=14))
            published = started + timedelta(days=rng.randint(3, 20))
            stages.publish(
                scratch,
                piece_id,
                published,
                url=f"https://example.org/posts/{piece_id}",
                hours=round(rng.uniform(1, 8), 1),
            )
        elif not recent:
            stages.drop(scratch, piece_id, created + timedelta(days=30))
        elif rng.random() < 0.5:
            stages.start(scratch, piece_id, created, due=TODAY + timedelta(days=rng.randint(-3, 20)))
        for path in scratch.folder("sharing").glob(f"{piece_id}.*"):
            os.replace(path, ws.folder("sharing") / path.name)
        if rng.random() < 0.1:  # notes of the piece: a plain markdown file
            ws.write_text(ws.folder("sharing") / f"{piece_id}.md", f"# {title}\n\n- outline point\n")
    counts["pieces"] = size.pieces

    # --- events --------------------------------------------------------------------------------
    one_off = size.events - size.recurring
    for index in range(one_off):
        scratch = Workspace.open(scratch_root)
        day = first_day + timedelta(days=int(span_days * index / max(1, one_off - 3)) + rng.randint(0, 5))
        if index >= one_off - 3:
            day = TODAY + timedelta(days=10 + 20 * (index - one_off + 3))
        created = day - timedelta(days=rng.randint(20, 60))
        kind = rng.choice(EVENT_KINDS)
        new = adding.NewEvent(
            title=f"{kind.title()} {index + 1}: {rng.choice(TOPICS)}",
            kind=kind,
            format=rng.choice(["online", "offline"]),
            date=f"{day.isoformat()} 19:00",
            repeat=None,
            from_=None,
            until=None,
            hours=None,
            expect=rng.randint(10, 120),
            with_=rng.choice([None, "Ann, 李雷"]),
            playbook=None,
            note=None,
        )
        detail = adding.add_event(scratch, created, new, None)
        if day < TODAY:
            tick_tasks(scratch, detail.event.id, day)
            outcomes.record_done(
                scratch, day + timedelta(days=1), detail.event.id, rng.randint(5, 110), None, None, None
            )
        os.replace(store.collection(scratch).path(detail.event.id), store.collection(ws).path(detail.event.id))
    rules = ["weekly on thu at 20:00", "monthly on the 2nd tue at 19:00", "every 2 weeks on mon at 12:00"]
    for index in range(size.recurring):
        scratch = Workspace.open(scratch_root)
        start = TODAY - timedelta(days=365 * 2 + 100 * index)
        new = adding.NewEvent(
            title=f"Recurring {index + 1}",
            kind="livestream" if index == 0 else "meetup",
            format="online",
            date=None,
            repeat=rules[index % len(rules)],
            from_=start.isoformat(),
            until=None,
            hours=None,
            expect=None,
            with_=None,
            playbook=None,
            note=None,
        )
        detail = adding.add_event(scratch, start, new, None)
        loaded = store.find_event(scratch, detail.event.id)
        for occurrence in loaded.schedule.between(TODAY - timedelta(days=120), TODAY - timedelta(days=1)):
            outcomes.record_done(
                scratch,
                occurrence.day + timedelta(days=1),
                detail.event.id,
                rng.randint(5, 60),
                None,
                None,
                occurrence.day.isoformat(),
            )
        os.replace(store.collection(scratch).path(detail.event.id), store.collection(ws).path(detail.event.id))
    shutil.rmtree(scratch_root)
    counts["events"] = size.events

    # --- checklists ----------------------------------------------------------------------------
    for kind, how_many in (("week", size.weeks), ("month", size.months), ("quarter", size.quarters)):
        period = Period.containing(kind, TODAY)
        for _n in range(how_many):
            period = period.shift(-1)
            for item in range(1, CHECK[kind] + 1):
                if rng.random() < 0.8:
                    checklists.set_done(ws, period, str(item), True, min(period.end, TODAY))
            if not checklist_store.checklist_path(ws, period).is_file():
                checklists.set_done(ws, period, "1", False, period.end)
        checklists.set_done(ws, Period.containing(kind, TODAY), "1", True, TODAY)  # the current one
        counts[f"checklists_{kind}"] = how_many + 1

    # --- check-ins and reviews -----------------------------------------------------------------
    week = Period.containing("week", TODAY)
    for _n in range(size.checkins):
        week = week.shift(-1)
        answers = {name: rng.randint(1, 5) for name in ("energy", "duty", "main_job", "avoid")}
        record_checkin(ws, week, week.end, answers, rng.choice(["", "busy week", "good week"]))
    counts["checkins"] = size.checkins
    for kind, how_many in (("month", size.monthly_reviews), ("quarter", size.quarterly_reviews)):
        periods = []
        period = Period.containing(kind, TODAY)
        for _n in range(how_many):
            period = period.shift(-1)
            periods.append(period)
        for period in reversed(periods):
            write_review(ws, period, period.end + timedelta(days=1))
        counts[f"reviews_{kind}"] = how_many
    return counts


def validate_all(root: Path) -> int:
    """Every file of the workspace through the file-kind registry (what `ccos sync` checks)."""
    from ccos.storage.file_kinds import validate_files
    from ccos.storage.workspace import Workspace

    ws = Workspace.open(root)
    relatives = [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".ccos" not in path.relative_to(root).parts
    ]
    return validate_files(ws, relatives)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--out", type=Path, help="folder to write (replaced); default benchmarks/out/SIZE")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    out = (args.out or Path(__file__).parent / "out" / args.size).absolute()
    started = time.perf_counter()
    counts = generate(args.size, out, args.seed)
    checked = validate_all(out)
    took = time.perf_counter() - started
    listed = ", ".join(f"{key} {value}" for key, value in counts.items())
    sys.stdout.write(f"{args.size}: {out}\n  {listed}\n  {checked} files valid; {took:.1f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
