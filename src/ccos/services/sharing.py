"""Knowledge sharing: a pipeline of pieces (idea -> drafting -> ready -> published).

One TOML file per piece in `sharing/`, named by an id derived from the title; the
optional `sharing/<id>.md` holds the outline or draft notes. Changes edit the file with
tomlkit so a person's comments, unknown keys and key order survive.

Through the seam (`SharingSource`), a piece costs time in the plan:
- drafting or ready, with a due date: the remaining hours (estimate - actual, at least 0)
  spread from today to the due date; past due, they land today as `overdue`;
- drafting or ready, no due date: the remaining hours spread over the rest of this week;
- an idea with a due date: its remaining hours as `planned` work from today to the due date
  (an idea without a due date is not in any plan);
- published: its actual hours, `done`, on the day it was published.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ccos.dates import Period, add_months
from ccos.errors import InvalidFile, InvalidInput, NotFound
from ccos.models.naming import Named, clean_name, exact, make_id, name_key, resolve, unique_id
from ccos.models.plan import Commitment, CommitmentStatus, ProgressRow, ProgressState, Warning
from ccos.models.sharing import (
    KINDS,
    MAX_HOURS,
    OPEN_STAGES,
    STAGES,
    Change,
    Piece,
    PieceDetail,
    Pipeline,
    SharingFile,
)
from ccos.planning.seam import SourceContext
from ccos.storage.workspace import Workspace

FOLDER = "sharing"
WHAT = "sharing piece"
LIST_COMMAND = "ccos share list"
MIX_MIN_SAMPLE = 5  # fewer published pieces than min(this, window) say nothing about the mix
PLATFORM_WINDOW_MONTHS = 3


# --- input checks (all before the lock) -------------------------------------------------


def check_kind(kind: str, option: str = "--kind") -> str:
    value = kind.strip().lower()
    if value not in KINDS:
        raise InvalidInput(f"invalid value for {option}: {kind!r}", f"use one of: {', '.join(KINDS)}")
    return value


def check_stage(stage: str, option: str = "--stage", allowed: Iterable[str] = STAGES) -> str:
    value = stage.strip().lower()
    accepted = tuple(allowed)
    if value not in accepted:
        raise InvalidInput(f"invalid value for {option}: {stage!r}", f"use one of: {', '.join(accepted)}")
    return value


def check_hours(hours: float | None, option: str) -> float | None:
    if hours is None:
        return None
    if math.isnan(hours) or math.isinf(hours) or hours < 0:
        raise InvalidInput(f"invalid value for {option}: {hours:g} (hours must be 0 or more)", f"e.g. {option} 2.5")
    if hours > MAX_HOURS:
        raise InvalidInput(
            f"invalid value for {option}: {hours:g} hours is more than {MAX_HOURS:g}", "check the number"
        )
    return float(hours)


def check_url(url: str | None, option: str = "--url") -> str | None:
    """An http(s) address with a host; nothing else is a link a reader can open."""
    if url is None:
        return None
    from urllib.parse import urlsplit

    text = url.strip()
    hint = "give the full address, e.g. https://example.org/posts/my-piece"
    shown = text if len(text) <= 60 else text[:60] + "..."
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InvalidInput(f"invalid value for {option}: {shown!r} is not a URL", hint)
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise InvalidInput(f"invalid value for {option}: {shown!r} is not a URL", hint) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidInput(f"invalid value for {option}: {shown!r} is not an http(s) URL with a host", hint)
    return text


def check_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    return clean_name(platform, "platform")


def check_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        value = clean_name(tag, "tag")
        if name_key(value) not in seen:
            seen.add(name_key(value))
            cleaned.append(value)
    return cleaned


# --- reading ----------------------------------------------------------------------------


def folder(workspace: Workspace) -> Path:
    return workspace.folder(FOLDER)


def piece_path(workspace: Workspace, piece_id: str) -> Path:
    return folder(workspace) / f"{piece_id}.toml"


def body_path(workspace: Workspace, piece_id: str) -> Path:
    return folder(workspace) / f"{piece_id}.md"


def _piece_files(workspace: Workspace) -> list[Path]:
    directory = folder(workspace)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.toml") if p.is_file() and not p.name.startswith("."))


def remaining_hours(file: SharingFile) -> float:
    return max(0.0, file.estimate_hours - file.actual_hours)


def to_piece(workspace: Workspace, piece_id: str, file: SharingFile, today: date) -> Piece:
    body = body_path(workspace, piece_id)
    return Piece(
        id=piece_id,
        title=file.title,
        kind=file.kind,
        stage=file.stage,
        deep=file.deep,
        personal=file.personal,
        platform=file.platform or None,
        due=file.due,
        estimate_hours=file.estimate_hours,
        actual_hours=file.actual_hours,
        remaining_hours=round(remaining_hours(file), 2) if file.stage in OPEN_STAGES else 0.0,
        overdue=file.stage in OPEN_STAGES and file.due is not None and file.due < today,
        created=file.created,
        started_on=file.started_on,
        ready_on=file.ready_on,
        published_on=file.published_on,
        dropped_on=file.dropped_on,
        url=file.url or None,
        tags=list(file.tags),
        path=workspace.display(piece_path(workspace, piece_id)),
        body_path=workspace.display(body) if body.is_file() else None,
    )


def load_pieces(workspace: Workspace, today: date) -> list[Piece]:
    """Every piece in `sharing/`, strictly read (a broken file stops the command, named)."""
    return [
        to_piece(workspace, path.stem, workspace.load(path, SharingFile), today) for path in _piece_files(workspace)
    ]


def _stage_order(piece: Piece) -> tuple[int, date, date, str]:
    when = piece.published_on if piece.stage == "published" else piece.due
    return (
        STAGES.index(piece.stage),
        when or date.max,
        piece.created or date.min,
        piece.id,
    )


def counts(pieces: Iterable[Piece]) -> dict[str, int]:
    result = dict.fromkeys(STAGES, 0)
    for piece in pieces:
        result[piece.stage] += 1
    return result


def pipeline(workspace: Workspace, today: date, stage: str | None = None, include_dropped: bool = False) -> Pipeline:
    pieces = load_pieces(workspace, today)
    shown = [p for p in pieces if (p.stage == stage if stage else (include_dropped or p.stage != "dropped"))]
    if stage == "published":
        shown.sort(key=lambda p: (p.published_on or date.min, p.id), reverse=True)
    else:
        shown.sort(key=_stage_order)
    return Pipeline(today=today, counts=counts(pieces), pieces=shown)


def ideas(workspace: Workspace, today: date) -> Pipeline:
    """The backlog of ideas, oldest first."""
    pieces = load_pieces(workspace, today)
    backlog = sorted((p for p in pieces if p.stage == "idea"), key=lambda p: (p.created or date.min, p.id))
    return Pipeline(today=today, counts=counts(pieces), pieces=backlog)


def find(workspace: Workspace, ref: str, today: date) -> Piece:
    """A piece by its exact id (dropped or not), else by title or unique prefix; dropped pieces
    only when nothing live matches."""
    pieces = load_pieces(workspace, today)
    live = [Named(p.id, p.title) for p in pieces if p.stage != "dropped"]
    by_id = {p.id: p for p in pieces}
    named = exact(ref, [Named(p.id, p.title) for p in pieces])
    if named is not None:
        return by_id[named.id]
    try:
        return by_id[resolve(ref, live, WHAT, LIST_COMMAND).id]
    except NotFound:
        everything = [Named(p.id, p.title) for p in pieces]
        return by_id[resolve(ref, everything, WHAT, LIST_COMMAND).id]


def read_body(workspace: Workspace, piece_id: str) -> str | None:
    path = body_path(workspace, piece_id)
    if not path.is_file():
        return None
    data = workspace.read_bytes(path)
    if not data.strip():
        return ""
    return workspace.read_text(path)


def show(workspace: Workspace, ref: str, today: date) -> PieceDetail:
    piece = find(workspace, ref, today)
    return PieceDetail(piece=piece, body=read_body(workspace, piece.id))


# --- writing ----------------------------------------------------------------------------


def _dumps(doc: Any) -> str:
    import tomlkit

    return tomlkit.dumps(doc)


def _save(workspace: Workspace, piece_id: str, doc: Any, today: date) -> Piece:
    import tomllib

    path = piece_path(workspace, piece_id)
    text = _dumps(doc)
    file = workspace.validate(path, text, tomllib.loads(text), SharingFile)
    workspace.write_text(path, text)
    return to_piece(workspace, piece_id, file, today)


def _refuse_twin(pieces: Iterable[Piece], title: str, except_id: str | None = None) -> None:
    key = name_key(title)
    for piece in pieces:
        if piece.id != except_id and piece.stage != "dropped" and name_key(piece.title) == key:
            raise InvalidInput(
                f"a sharing piece with the title {title!r} exists already ({piece.id})",
                f"see it with `ccos share show {piece.id}`, or choose another title",
            )


def add_piece(
    workspace: Workspace,
    today: date,
    title: str,
    *,
    kind: str = "article",
    deep: bool = False,
    personal: bool = False,
    platform: str | None = None,
    due: date | None = None,
    hours: float | None = None,
    tags: Iterable[str] = (),
    stage: str = "idea",
) -> Change:
    import tomlkit

    title = clean_name(title, "title")
    kind = check_kind(kind)
    stage = check_stage(stage, allowed=OPEN_STAGES)
    hours = check_hours(hours, "--hours")
    platform = check_platform(platform)
    tag_list = check_tags(tags)
    config = workspace.config()
    if platform is None and config.profile.platforms:
        platform = config.profile.platforms[0]
    estimate = config.estimates.sharing_hours(kind) if hours is None else hours

    with workspace.locked("share add"):
        pieces = load_pieces(workspace, today)
        _refuse_twin(pieces, title)
        directory = folder(workspace)
        taken = {p.stem.casefold() for p in directory.glob("*")} if directory.is_dir() else set()
        piece_id = unique_id(make_id(title), taken)
        path = piece_path(workspace, piece_id)
        if not workspace.contains(path) or path.parent != directory:  # pragma: no cover - make_id guarantees it
            raise InvalidInput(f"the title {title!r} gives an unsafe file name", "choose another title")

        doc = tomlkit.document()
        doc.add(tomlkit.comment("ccos sharing piece: edit by hand or with `ccos share ...`."))
        doc.add(tomlkit.comment(f"kind: {', '.join(KINDS)}"))
        doc.add(tomlkit.comment(f"stage: {', '.join(STAGES)}"))
        doc.add("title", title)
        doc.add("kind", kind)
        doc.add("stage", stage)
        doc.add("deep", deep)
        doc.add("personal", personal)
        if platform:
            doc.add("platform", platform)
        if due is not None:
            doc.add("due", due)
        doc.add("estimate_hours", estimate)
        doc.add("actual_hours", 0.0)
        doc.add("tags", tag_list)
        doc.add("created", today)
        if stage in ("drafting", "ready"):
            doc.add("started_on", today)
        if stage == "ready":
            doc.add("ready_on", today)
        piece = _save(workspace, piece_id, doc, today)
    return Change(action="added", piece=piece)


def _load_doc(workspace: Workspace, piece: Piece) -> tuple[SharingFile, Any]:
    import tomlkit

    path = piece_path(workspace, piece.id)
    file = workspace.load(path, SharingFile)
    return file, tomlkit.parse(workspace.read_text(path))


def _set(doc: Any, key: str, value: Any) -> None:
    """Set `key` when a value was given; None means "leave it as it is"."""
    if value is not None:
        doc[key] = value


def _refuse_closed(piece: Piece, verb: str) -> None:
    if piece.stage == "published":
        raise InvalidInput(
            f"{piece.id!r} was published on {piece.published_on}; it cannot be {verb}",
            f"change the file by hand if that was a mistake: {piece.path}",
        )
    if piece.stage == "dropped":
        raise InvalidInput(
            f"{piece.id!r} was dropped on {piece.dropped_on or 'an earlier day'}; it cannot be {verb}",
            f'set stage = "idea" in {piece.path} to bring it back, or add it again',
        )


def start(workspace: Workspace, ref: str, today: date, due: date | None = None) -> Change:
    """idea (or ready) -> drafting."""
    with workspace.locked("share start"):
        piece = find(workspace, ref, today)
        _refuse_closed(piece, "started")
        if piece.stage == "drafting" and due is None:
            return Change(action="started", piece=piece, changed=False, note="already in drafting")
        file, doc = _load_doc(workspace, piece)
        doc["stage"] = "drafting"
        if file.started_on is None:
            doc["started_on"] = today
        if due is not None:
            doc["due"] = due
        return Change(action="started", piece=_save(workspace, piece.id, doc, today))


def ready(workspace: Workspace, ref: str, today: date) -> Change:
    """idea or drafting -> ready."""
    with workspace.locked("share ready"):
        piece = find(workspace, ref, today)
        _refuse_closed(piece, "marked ready")
        if piece.stage == "ready":
            return Change(action="ready", piece=piece, changed=False, note="already ready")
        file, doc = _load_doc(workspace, piece)
        doc["stage"] = "ready"
        if file.started_on is None:
            doc["started_on"] = today
        doc["ready_on"] = today
        return Change(action="ready", piece=_save(workspace, piece.id, doc, today))


def publish(
    workspace: Workspace,
    ref: str,
    today: date,
    *,
    on: date | None = None,
    url: str | None = None,
    hours: float | None = None,
) -> Change:
    """-> published on `on` (today by default, never in the future), with its URL and actual hours."""
    url = check_url(url)
    hours = check_hours(hours, "--hours")
    day = on or today
    if day > today:
        raise InvalidInput(
            f"invalid value for --date: {day} is in the future (today is {today})",
            "publish on the day it goes out; plan it with `ccos share edit REF --due DATE`",
        )
    with workspace.locked("share publish"):
        piece = find(workspace, ref, today)
        _refuse_closed(piece, "published again")
        file, doc = _load_doc(workspace, piece)
        doc["stage"] = "published"
        doc["published_on"] = day
        if file.started_on is None:
            doc["started_on"] = min(day, today)
        if hours is not None:
            doc["actual_hours"] = hours
        elif file.actual_hours <= 0:
            doc["actual_hours"] = file.estimate_hours
        if url is not None:
            doc["url"] = url
        return Change(action="published", piece=_save(workspace, piece.id, doc, today))


def drop(workspace: Workspace, ref: str, today: date) -> Change:
    """-> dropped: kept on disk as a record, out of the plan and the pipeline."""
    with workspace.locked("share drop"):
        piece = find(workspace, ref, today)
        if piece.stage == "dropped":
            return Change(action="dropped", piece=piece, changed=False, note="already dropped")
        if piece.stage == "published":
            _refuse_closed(piece, "dropped")
        _file, doc = _load_doc(workspace, piece)
        doc["stage"] = "dropped"
        doc["dropped_on"] = today
        return Change(action="dropped", piece=_save(workspace, piece.id, doc, today))


def edit_fields(
    workspace: Workspace,
    ref: str,
    today: date,
    *,
    title: str | None = None,
    kind: str | None = None,
    deep: bool | None = None,
    personal: bool | None = None,
    platform: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
    hours: float | None = None,
    spent: float | None = None,
    add_tags: Iterable[str] = (),
) -> Change:
    """Change some fields of a piece; every other key and comment of the file is kept."""
    new_title = clean_name(title, "title") if title is not None else None
    new_kind = check_kind(kind) if kind is not None else None
    new_platform = check_platform(platform)
    hours = check_hours(hours, "--hours")
    spent = check_hours(spent, "--spent")
    tags = check_tags(add_tags)
    if due is not None and clear_due:
        raise InvalidInput("give --due or --no-due, not both", "--no-due removes the due date")
    with workspace.locked("share edit"):
        pieces = load_pieces(workspace, today)
        piece = find(workspace, ref, today)
        if new_title is not None:
            _refuse_twin(pieces, new_title, except_id=piece.id)
        file, doc = _load_doc(workspace, piece)
        _set(doc, "title", new_title)
        _set(doc, "kind", new_kind)
        _set(doc, "deep", deep)
        _set(doc, "personal", personal)
        _set(doc, "platform", new_platform)
        _set(doc, "estimate_hours", hours)
        _set(doc, "actual_hours", spent)
        if due is not None:
            doc["due"] = due
        elif clear_due and "due" in doc:
            del doc["due"]
        if tags:
            known = {name_key(t) for t in file.tags}
            merged = list(file.tags) + [t for t in tags if name_key(t) not in known]
            doc["tags"] = merged
        return Change(action="edited", piece=_save(workspace, piece.id, doc, today))


def prepare_body(workspace: Workspace, ref: str, today: date) -> tuple[Piece, Path]:
    """The body file of a piece, made from the outline template when it does not exist yet."""
    from string import Template

    from ccos.storage.templates import find_template

    with workspace.locked("share edit"):
        piece = find(workspace, ref, today)
        path = body_path(workspace, piece.id)
        if not path.exists():
            language = workspace.config().profile.language
            template = workspace.read_text(find_template("sharing/outline.md", language, workspace.root))
            text = Template(template).safe_substitute(title=piece.title, kind=piece.kind)
            workspace.write_text(path, text)
        elif not path.is_file():
            raise InvalidFile(workspace.display(path), "is not a file", hint="move it away and run again")
    return piece, path


# --- the seam ---------------------------------------------------------------------------


def _memo_pieces(ctx: SourceContext) -> list[Piece]:
    pieces: list[Piece] | None = ctx.memo.get("sharing")
    if pieces is None:
        pieces = load_pieces(ctx.workspace, ctx.today)
        ctx.memo["sharing"] = pieces
    return pieces


def piece_urls(ctx: SourceContext) -> dict[str, str]:
    """Piece id -> the URL it was published at (reviews link what was published)."""
    return {piece.id: piece.url for piece in _memo_pieces(ctx) if piece.url}


def _published_in(pieces: Iterable[Piece], start: date, end: date) -> list[Piece]:
    return [
        p for p in pieces if p.stage == "published" and p.published_on is not None and start <= p.published_on <= end
    ]


def _deep_scheduled(pieces: Iterable[Piece], period: Period, today: date) -> list[Piece]:
    return [
        p
        for p in pieces
        if p.deep and p.stage in OPEN_STAGES and p.due is not None and period.contains(p.due) and p.due >= today
    ]


def _latest_published(pieces: Iterable[Piece], today: date, window: int) -> list[Piece]:
    published = [p for p in pieces if p.stage == "published" and p.published_on and p.published_on <= today]
    published.sort(key=lambda p: (p.published_on or date.min, p.id), reverse=True)
    return published[:window]


def platforms_used(pieces: Iterable[Piece], today: date) -> list[str]:
    """Platforms of pieces published in the last three months, in first-use order."""
    since = add_months(today, -PLATFORM_WINDOW_MONTHS) + timedelta(days=1)
    seen: dict[str, str] = {}
    for piece in sorted(_published_in(pieces, since, today), key=lambda p: (p.published_on, p.id)):
        if piece.platform:
            seen.setdefault(name_key(piece.platform), piece.platform)
    return list(seen.values())


class SharingSource:
    name = "sharing"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        today = ctx.today
        week_end = Period.containing("week", today).end
        for piece in _memo_pieces(ctx):
            base: dict[str, Any] = {
                "type": "sharing",
                "id": f"sharing:{piece.id}",
                "title": piece.title,
                "stream": "sharing",
                "priority": 1 if piece.deep else 0,
                "ref": piece.id,
            }
            if piece.stage == "published" and piece.published_on is not None:
                yield Commitment(**base, hours=piece.actual_hours, date=piece.published_on, status="done")
                continue
            if piece.stage not in OPEN_STAGES:
                continue
            started = piece.stage in ("drafting", "ready")
            if piece.due is None:
                if started:
                    yield Commitment(**base, hours=piece.remaining_hours, start=today, end=week_end, status="open")
                continue
            if piece.due < today:
                yield Commitment(**base, hours=piece.remaining_hours, date=today, status="overdue")
                continue
            status: CommitmentStatus = "open" if started else "planned"
            yield Commitment(**base, hours=piece.remaining_hours, start=today, end=piece.due, status=status)

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        pieces = _memo_pieces(ctx)
        targets = ctx.config.targets
        today = ctx.today
        if (
            period.kind == "week"
            and period.start <= today
            and targets.updates_per_week > 0
            and not _published_in(pieces, period.start, period.end)
        ):
            when = "this week" if period.contains(today) else f"in {period.id}"
            yield Warning(
                code="no_update_this_week",
                message=(
                    f"nothing published {when} (target: {targets.updates_per_week} update"
                    f"{'s' if targets.updates_per_week != 1 else ''} a week); "
                    "even a short observation or a few answers count"
                ),
            )
        if period.kind == "month" and targets.deep_pieces_per_month > 0:
            deep = [p for p in _published_in(pieces, period.start, period.end) if p.deep]
            if not deep and not _deep_scheduled(pieces, period, today):
                yield Warning(
                    code="no_deep_content_this_month",
                    message=(
                        f"no deep piece published or scheduled in {period.id} "
                        f"(target: {targets.deep_pieces_per_month}); "
                        "plan one with `ccos share add TITLE --deep --due DATE`"
                    ),
                )
        if not period.contains(today):
            return
        for piece in pieces:
            if piece.overdue and piece.due is not None:
                days = (today - piece.due).days
                yield Warning(
                    code="sharing_overdue",
                    message=(
                        f"{piece.title!r} was due {piece.due} ({days} day{'s' if days != 1 else ''} ago) "
                        f"and is still {piece.stage}: publish it, move the date (`ccos share edit {piece.id} "
                        f"--due DATE`) or drop it"
                    ),
                    subject=piece.id,
                )
        mix = _mix(pieces, ctx)
        if mix is not None and mix[3] != "ok":
            share, personal, total, _state = mix
            target = targets.personal_share
            leaning = "personal" if share > target else "professional"
            yield Warning(
                code="personal_mix_off",
                message=(
                    f"{personal} of your last {total} published pieces are personal ({share:.0%}); the target is "
                    f"{target:.0%} ± {targets.personal_share_tolerance:.0%}: your mix leans {leaning}"
                ),
            )

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        pieces = _memo_pieces(ctx)
        targets = ctx.config.targets
        today = ctx.today
        if period.kind == "week":
            published = _published_in(pieces, period.start, period.end)
            target = targets.updates_per_week
            yield ProgressRow(
                source=self.name,
                key="sharing_updates",
                label="updates published",
                period="week",
                actual=len(published),
                target=target or None,
                unit="pieces",
                state="ok" if len(published) >= target else "behind",
            )
        if period.kind == "month":
            deep = [p for p in _published_in(pieces, period.start, period.end) if p.deep]
            scheduled = _deep_scheduled(pieces, period, today)
            target = targets.deep_pieces_per_month
            yield ProgressRow(
                source=self.name,
                key="sharing_deep",
                label="deep pieces",
                period="month",
                actual=len(deep),
                target=target or None,
                unit="pieces",
                state="ok" if len(deep) >= target else "behind",
                detail=f"{len(scheduled)} scheduled" if scheduled else None,
            )
        mix = _mix(pieces, ctx)
        latest = _latest_published(pieces, today, targets.personal_mix_window)
        personal = sum(1 for p in latest if p.personal)
        aim = f"target {targets.personal_share:.0%} ± {targets.personal_share_tolerance:.0%}"
        state: ProgressState
        if mix is None:
            detail = f"{personal} of {len(latest)} published are personal; too few to judge ({aim})"
            state = "info"
        else:
            detail = f"{personal} of the last {len(latest)} published are personal ({aim})"
            state = {"ok": "ok", "over": "over", "under": "behind"}[mix[3]]  # type: ignore[assignment]
        yield ProgressRow(
            source=self.name,
            key="sharing_mix",
            label="personal share",
            period="now",
            actual=round(100 * personal / len(latest)) if latest else 0,
            unit="% personal",
            state=state,
            detail=detail,
        )
        stage_counts = counts(pieces)
        yield ProgressRow(
            source=self.name,
            key="sharing_pipeline",
            label="sharing pipeline",
            period="now",
            actual=sum(stage_counts[s] for s in OPEN_STAGES),
            unit="open",
            state="info",
            detail=" · ".join(f"{stage} {stage_counts[stage]}" for stage in STAGES),
        )
        used = platforms_used(pieces, today)
        maximum = targets.main_platforms_max
        yield ProgressRow(
            source=self.name,
            key="sharing_platforms",
            label="platforms (3 months)",
            period="now",
            actual=len(used),
            target=maximum,
            unit="platforms",
            state="over" if len(used) > maximum else "ok",
            detail=(
                ", ".join(used)
                + (f": more than {maximum} main platforms; go deep on 1-2 (§3.2)" if len(used) > maximum else "")
            )
            or None,
        )


def _mix(pieces: list[Piece], ctx: SourceContext) -> tuple[float, int, int, str] | None:
    """(personal share, personal, total, ok|over|under) of the last N published; None if too few."""
    targets = ctx.config.targets
    latest = _latest_published(pieces, ctx.today, targets.personal_mix_window)
    if not latest or len(latest) < min(MIX_MIN_SAMPLE, targets.personal_mix_window):
        return None
    personal = sum(1 for p in latest if p.personal)
    share = personal / len(latest)
    tolerance = targets.personal_share_tolerance + 1e-9
    if share > targets.personal_share + tolerance:
        state = "over"
    elif share < targets.personal_share - tolerance:
        state = "under"
    else:
        state = "ok"
    return share, personal, len(latest), state
